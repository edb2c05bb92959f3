"""Qt's own warnings (plugins, fonts, platform) go to the koppdesk log instead of a lost console."""

from __future__ import annotations

import logging

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

log = logging.getLogger("koppdesk.qt")

#: Qt warnings are mostly noise for users (e.g. offscreen size hints): they go to the log file
#: (INFO) but not to the screen; critical and fatal ones (a missing platform plugin) do.
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.INFO,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handle(kind: QtMsgType, context, message: str) -> None:
    category = getattr(context, "category", None) or "qt"
    log.log(_LEVELS.get(kind, logging.WARNING), "%s: %s", category, message)


def route_qt_messages() -> None:
    """Install once per process, before the QApplication is created."""
    qInstallMessageHandler(_handle)
