"""Settings and paths.  All paths derive from platformdirs, overridable for tests and IT.

Precedence of the data folder: CLI `--data-dir` > env `KOPPDESK_DATA_DIR` > platform
default (the *local*, non-roaming user data dir, so it never lands in a roaming or
OneDrive-synced profile on Windows).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from pydantic import BaseModel, ConfigDict

APP_NAME = "koppdesk"
ENV_DATA_DIR = "KOPPDESK_DATA_DIR"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


class Settings(BaseModel):
    """The effective settings, created once at start-up and passed to whoever needs them."""

    model_config = ConfigDict(frozen=True)

    data_dir: Path
    feed_url: str | None = None
    trust_root: Path | None = None
    sync_interval_hours: float = 12.0


def resolve_data_dir(cli_value: str | os.PathLike | None, env: dict[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if cli_value:
        return Path(cli_value).expanduser()
    if env.get(ENV_DATA_DIR):
        return Path(env[ENV_DATA_DIR]).expanduser()
    return default_data_dir()


def load_settings(cli_data_dir: str | None = None) -> Settings:
    return Settings(data_dir=resolve_data_dir(cli_data_dir))
