"""The one place that knows where bundled files live (source tree or PyInstaller bundle)."""

from __future__ import annotations

import sys
from pathlib import Path


def bundle_root() -> Path:
    """Folder holding `resources/` and `data/`: the PyInstaller bundle or the source checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def resource_path(*parts: str) -> Path:
    return bundle_root().joinpath("resources", *parts)


def data_path(*parts: str) -> Path:
    return bundle_root().joinpath("data", *parts)


def demo_payload_path() -> Path:
    return data_path("demo", "sociale-kaart.json")
