"""What IT asks on the phone: version, folders, settings and their origin, feed status.

Plain data and plain text, no Qt: `koppdesk config show` and the GUI's "Over koppdesk"
dialog both build on it.  Nothing here comes from what a user typed.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path
from typing import Any

from koppdesk import __version__
from koppdesk.config import SETTING_KEYS, Settings
from koppdesk.services.appservices import AppServices
from koppdesk.services.status import data_age_text

#: Store meta keys shown with a Dutch label, in this order; other keys follow as they are.
META_LABELS = {
    "data_source": "Bron",
    "data_publisher": "Uitgever",
    "data_generated": "Gegevens van",
    "data_applied": "Ingelezen op",
}
META_VALUE_MAX = 160
#: Meta keys not shown: the signed manifest envelope (base64, many lines) says nothing to IT.
META_HIDDEN = {"feed_manifest"}


def _plain(value: Any) -> Any:
    return str(value.absolute()) if isinstance(value, Path) else value


def file_state(path: Path | None) -> str:
    if path is None:
        return "geen"
    if not path.exists():
        return "niet aanwezig"
    return "aanwezig" if path.is_file() else "geen bestand"


def settings_report(settings: Settings, log_file: Path | None) -> dict[str, Any]:
    """Effective settings with their origin, the settings files and the log file, as plain data."""
    return {
        "version": __version__,
        "machine_file": {"path": _plain(settings.machine_file), "state": file_state(settings.machine_file)},
        "user_file": {"path": _plain(settings.user_file), "state": file_state(settings.user_file)},
        "log_file": _plain(log_file),
        "settings": {
            key: {"value": _plain(getattr(settings, key)), "source": settings.sources.get(key, "standaard"),
                  "locked": key in settings.locked}
            for key in SETTING_KEYS
        },
        "locked": sorted(settings.locked),
        "problems": list(settings.problems),
    }


def shown(value: Any) -> str:
    return "(niet ingesteld)" if value is None else str(value)


def _size_text(path: Path) -> str:
    """Size of a SQLite file including its write-ahead log."""
    try:
        size = path.stat().st_size
    except OSError:
        return "niet aanwezig"
    wal = path.with_name(path.name + "-wal")
    size += wal.stat().st_size if wal.exists() else 0
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, size // 1000)} kB"


def feed_status_lines(meta: dict[str, str], offers: int) -> list[str]:
    source = meta.get("data_source")
    lines = [f"Ouderdom: {data_age_text(meta).split(': ', 1)[-1]}", f"Aanbod: {offers}"]
    for key, label in META_LABELS.items():
        if key == "data_source" and source:
            lines.append(f"{label}: {'demo-gegevens (nog niet gesynchroniseerd)' if source == 'demo' else source}")
        elif key in meta:
            lines.append(f"{label}: {meta[key]}")
    for key in sorted(k for k in meta if k not in META_LABELS and k not in META_HIDDEN):
        value = meta[key]
        lines.append(f"{key}: {value[:META_VALUE_MAX]}{'…' if len(value) > META_VALUE_MAX else ''}")
    return lines


def about_text(services: AppServices, log_file: Path | None, runtime: str = "") -> str:
    """The text of the "Over koppdesk" dialog, ready to paste into a mail or ticket."""
    settings = services.settings
    report = settings_report(settings, log_file)
    frozen = "installatie" if getattr(sys, "frozen", False) else "Python-omgeving"
    lines = [
        f"koppdesk {__version__} ({frozen})",
        f"Python {platform.python_version()}{', ' + runtime if runtime else ''}, {platform.platform(terse=True)}",
        "",
        "Bestanden",
        f"  Gegevensmap: {settings.data_dir}",
        f"  Database: {services.store.path} ({_size_text(services.store.path)})",
        f"  Logboek: {shown(log_file)}",
        f"  Machine-instellingen (IT): {report['machine_file']['path']} [{report['machine_file']['state']}]",
        f"  Gebruikersinstellingen: {report['user_file']['path']} [{report['user_file']['state']}]",
        "",
        "Sociale kaart",
    ]
    lines += ["  " + line for line in feed_status_lines(services.store.meta(), services.store.count_offers())]
    lines += ["", "Instellingen (waarde — herkomst)"]
    for key, item in report["settings"].items():
        lock = ", vergrendeld" if item["locked"] and "vergrendeld" not in item["source"] else ""
        lines.append(f"  {key}: {shown(item['value'])} — {item['source']}{lock}")
    if report["problems"]:
        lines += ["", "Problemen met instellingen"] + [f"  - {p}" for p in report["problems"]]
    return "\n".join(lines)
