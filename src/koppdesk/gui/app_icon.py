"""The koppdesk icon for windows and dialogs (PNG renderings of resources/icons/koppdesk.svg)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from koppdesk.bundle import resource_path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """PNGs rather than the SVG, so the bundle needs no SVG plugin.

    Each file's size is given (tests/test_about_dialog.py checks the files have it), so Qt
    need not read their headers at start-up.
    """
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", f"koppdesk-{size}.png")
        if path.exists():
            icon.addFile(str(path), QSize(size, size))
    return icon
