"""Qt's own texts (standard buttons such as Sluiten, Ja, Nee) in Dutch."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


def install_dutch_qt_translation(app: QApplication) -> bool:
    """Load Qt's Dutch translation (qtbase_nl.qm); a missing file only means English buttons."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands), "qtbase", "_", folder):
        log.info("Qt Dutch translation not found in %s; standard buttons stay English", folder)
        return False
    app.installTranslator(translator)
    return True
