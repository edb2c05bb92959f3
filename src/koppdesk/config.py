"""Settings and paths.  All paths derive from platformdirs, overridable for tests and IT.

Precedence, highest first:
    CLI option > environment (KOPPDESK_*) > machine file, locked keys > user file >
    machine file, other keys (IT's defaults) > built-in defaults.

The machine file is a TOML file IT places in the platform's site config folder
(`koppdesk.toml`; `KOPPDESK_MACHINE_CONFIG` points elsewhere).  Its `locked = [...]`
lists keys a user cannot change in the GUI.  The user file (`settings.toml` in the
user config folder) is what the GUI's settings dialog writes.  A malformed file is
reported (Dutch message, log line), ignored, and never overwritten.

The data folder is the *local*, non-roaming user data dir, so it never lands in a
roaming or OneDrive-synced profile on Windows.
"""

from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "koppdesk"
ENV_DATA_DIR = "KOPPDESK_DATA_DIR"
ENV_MACHINE_CONFIG = "KOPPDESK_MACHINE_CONFIG"
ENV_USER_CONFIG = "KOPPDESK_USER_CONFIG"
ENV_LOG_DIR = "KOPPDESK_LOG_DIR"
MACHINE_FILENAME = "koppdesk.toml"
USER_FILENAME = "settings.toml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the rotating log file lives: `KOPPDESK_LOG_DIR`, else the platform's user log dir."""
    env = os.environ if env is None else env
    if env.get(ENV_LOG_DIR):
        return Path(env[ENV_LOG_DIR])
    return default_log_dir()


def machine_config_file(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get(ENV_MACHINE_CONFIG):
        return Path(env[ENV_MACHINE_CONFIG])
    # Linux desktops may list several folders in XDG_CONFIG_DIRS (Ubuntu: /etc/xdg/xdg-ubuntu
    # before /etc/xdg); use the first that holds the file, so /etc/xdg/koppdesk/koppdesk.toml
    # works in every session.  Windows and macOS have one folder.
    folders = platformdirs.site_config_dir(APP_NAME, appauthor=False, multipath=True).split(os.pathsep)
    candidates = [Path(folder) / MACHINE_FILENAME for folder in folders if folder]
    return next((c for c in candidates if c.is_file()), candidates[0])


def user_config_file(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get(ENV_USER_CONFIG):
        return Path(env[ENV_USER_CONFIG])
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False, roaming=False)) / USER_FILENAME


class _Invalid(ValueError):
    """One setting value that does not pass its check (English text, for the log)."""


def _path(value: Any) -> Path | None:
    if value is None:
        return None
    if isinstance(value, os.PathLike) or (isinstance(value, str) and value.strip()):
        return Path(value)
    raise _Invalid("expected a folder or file path")


def _text(pattern: str) -> Callable[[Any], str | None]:
    regex = re.compile(pattern)

    def check(value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not regex.search(value):
            raise _Invalid(f"expected text matching {pattern}")
        return value

    return check


def _hours(value: Any) -> float:
    try:
        if isinstance(value, bool):
            raise ValueError
        hours = float(value)
    except (TypeError, ValueError):
        raise _Invalid("expected a number of hours") from None
    if math.isnan(hours) or not 0.25 <= hours <= 24 * 14:
        raise _Invalid("expected 0.25 to 336 hours")
    return hours


#: The settable keys and the check of each, validated one by one (one bad value does not
#: spoil the rest).  Plain functions rather than a pydantic model: settings are read on the
#: GUI's start-up path, which must not pay for importing pydantic (bench/startup.py).
_CHECKS: dict[str, Callable[[Any], Any]] = {
    "data_dir": _path,
    "feed_url": _text(r"^(https://|http://127\.0\.0\.1|http://localhost)"),
    "trust_root": _path,
    "sync_interval_hours": _hours,
    #: None: system proxy settings; "geen": no proxy; else a proxy URL.
    "proxy": _text(r"^(geen|https?://\S+)$"),
    "log_level": _text(r"^(debug|info|warning|error)$"),
}
SETTING_KEYS: tuple[str, ...] = tuple(_CHECKS)
ENV_NAMES = {key: f"KOPPDESK_{key.upper()}" for key in SETTING_KEYS}


@dataclass(frozen=True)
class Settings:
    """The effective settings, created once at start-up and passed to whoever needs them."""

    data_dir: Path
    feed_url: str | None = None
    trust_root: Path | None = None
    sync_interval_hours: float = 12.0
    proxy: str | None = None
    log_level: str = "warning"
    #: Keys IT locked in the machine file; the GUI shows them read-only.
    locked: frozenset[str] = frozenset()
    #: Where each value came from: "opdrachtregel", "omgeving", "machine (vergrendeld)",
    #: "gebruiker", "machine", "standaard".
    sources: dict[str, str] = field(default_factory=dict)
    machine_file: Path | None = None
    user_file: Path | None = None
    #: Dutch messages about settings files that could not be used.
    problems: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_dir", Path(self.data_dir))


class SettingsError(Exception):
    """Dutch message for the user."""


def _read_toml(path: Path, what: str, problems: list[str]) -> dict[str, Any]:
    if not path.exists():
        return {}
    import tomllib  # only when there is a file to read

    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        log.error("settings file %s unusable: %s", path, exc)
        problems.append(f"Het {what} {path} is onleesbaar en wordt genegeerd ({exc}).")
        return {}


def _valid(key: str, value: Any, origin: str, problems: list[str]) -> tuple[bool, Any]:
    """Validate one value; a bad one is reported and skipped (lower layers then apply)."""
    if key not in SETTING_KEYS:
        log.warning("unknown setting %r in %s ignored", key, origin)
        problems.append(f"Onbekende instelling {key!r} in {origin} wordt genegeerd.")
        return False, None
    try:
        return True, _CHECKS[key](value)
    except _Invalid as exc:
        log.error("setting %s=%r from %s invalid: %s", key, value, origin, exc)
        problems.append(f"Ongeldige waarde voor {key!r} in {origin}; de standaardwaarde geldt.")
        return False, None


def load_settings(
    cli: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    machine_file: Path | None = None,
    user_file: Path | None = None,
) -> Settings:
    """Combine all layers into one Settings.  Never raises for bad files or values."""
    env = os.environ if env is None else env
    machine_file = machine_file or machine_config_file(env)
    user_file = user_file or user_config_file(env)
    problems: list[str] = []
    machine = _read_toml(machine_file, "machine-instellingenbestand", problems)
    user = _read_toml(user_file, "gebruikersinstellingenbestand", problems)
    locked_raw = machine.pop("locked", [])
    if not isinstance(locked_raw, list) or not all(isinstance(k, str) for k in locked_raw):
        log.error("'locked' in %s is not a list of names: %r; ignored", machine_file, locked_raw)
        problems.append(f"'locked' in {machine_file} moet een lijst van namen zijn; genegeerd.")
        locked_raw = []
    locked = frozenset(k for k in locked_raw if k in SETTING_KEYS)
    layers: list[tuple[str, Mapping[str, Any]]] = [
        ("opdrachtregel", {k: v for k, v in (cli or {}).items() if v is not None}),
        ("omgeving", {k: env[n] for k, n in ENV_NAMES.items() if env.get(n)}),
        ("machine (vergrendeld)", {k: v for k, v in machine.items() if k in locked}),
        ("gebruiker", {k: v for k, v in user.items() if k not in locked}),
        ("machine", {k: v for k, v in machine.items() if k not in locked}),
    ]
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for origin, layer in layers:
        for key, raw in layer.items():
            if key in values:
                continue
            ok, value = _valid(key, raw, origin, problems)
            if ok:
                values[key], sources[key] = value, origin
    for key in SETTING_KEYS:
        sources.setdefault(key, "standaard")
    if values.get("data_dir") is None:
        values["data_dir"] = default_data_dir()
    return Settings(
        **values, locked=locked, sources=sources, machine_file=machine_file,
        user_file=user_file, problems=tuple(problems),
    )


def save_user_settings(settings: Settings, changes: Mapping[str, Any]) -> Path:
    """Write `changes` into the user file (keeping its other keys); returns the path.

    Locked keys are refused.  A malformed existing user file is kept aside, not lost.
    """
    path = settings.user_file or user_config_file()
    refused = sorted(k for k in changes if k in settings.locked)
    if refused:
        raise SettingsError(f"Deze instellingen zijn vergrendeld door IT-beheer: {', '.join(refused)}.")
    problems: list[str] = []
    current = _read_toml(path, "gebruikersinstellingenbestand", problems)
    if problems:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        aside = path.with_name(f"{path.name}.onleesbaar-{stamp}")
        path.replace(aside)
        log.warning("moved unreadable user settings %s to %s", path, aside)
    for key, value in changes.items():
        ok, checked = _valid(key, value, "gebruiker", problems)
        if not ok:
            raise SettingsError(problems[-1])
        if checked is None:
            current.pop(key, None)
        else:
            current[key] = str(checked) if isinstance(checked, Path) else checked
    import tomli_w

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("# koppdesk gebruikersinstellingen (door koppdesk geschreven)\n"
                   + tomli_w.dumps(dict(sorted(current.items()))), encoding="utf-8")
    os.replace(tmp, path)
    return path
