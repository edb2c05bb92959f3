"""Starting the GUI: display check, single instance, store errors, main window."""

from __future__ import annotations

import logging
import os
import sys

from koppdesk.config import Settings

log = logging.getLogger(__name__)

NO_DISPLAY_MESSAGE = (
    "koppdesk kan geen venster openen: er is geen beeldscherm (DISPLAY/WAYLAND_DISPLAY niet gezet).\n"
    "Zonder scherm draaien kan met:  QT_QPA_PLATFORM=offscreen koppdesk --selftest\n"
    "of gebruik de opdrachten zonder venster, bijv.:  koppdesk zoek --help"
)


def display_available(env: dict[str, str] | None = None, platform: str | None = None) -> bool:
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if not platform.startswith("linux"):
        return True
    if env.get("QT_QPA_PLATFORM"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def create_main_window(settings: Settings):
    """Open the services and build the main window (tests call this with a temp data dir)."""
    from koppdesk.gui.main_window import MainWindow
    from koppdesk.services.appservices import build_services

    services = build_services(settings)
    return MainWindow(services)


def run_gui(settings: Settings, argv: list[str]) -> int:
    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication, QMessageBox

    from koppdesk.gui.single_instance import SingleInstance
    from koppdesk.store import DamagedDatabaseError, StoreError

    app = QApplication(argv)
    app.setApplicationName("koppdesk")
    app.setApplicationDisplayName("koppdesk")
    guard = SingleInstance(settings.data_dir)
    if not guard.acquire():
        log.info("another koppdesk instance runs for %s; asked it to show itself", settings.data_dir)
        return 0
    try:
        window = create_main_window(settings)
    except DamagedDatabaseError as exc:
        window = _offer_rescue(settings, str(exc))
        if window is None:
            return 1
    except StoreError as exc:
        QMessageBox.critical(None, "koppdesk", str(exc))
        return 1
    guard.activated.connect(lambda: _raise(window))
    window.show()
    code = app.exec()
    window.shutdown()
    guard.release()
    return code


def _raise(window) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()


def _offer_rescue(settings: Settings, message: str):
    from PySide6.QtWidgets import QMessageBox

    from koppdesk.services.setup import rescue_damaged

    answer = QMessageBox.warning(
        None, "koppdesk",
        f"{message}\n\nZal koppdesk het bestand opzij zetten en de sociale kaart opnieuw opbouwen? "
        "Uw eigen aanbod, notities en contacten worden overgenomen als ze nog leesbaar zijn.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    report = rescue_damaged(settings.data_dir)
    QMessageBox.information(
        None, "koppdesk",
        f"Het beschadigde bestand staat nu in {report.moved_to}.\n"
        f"Lokale gegevens {'zijn overgenomen' if report.local_entries_kept else 'konden niet worden gelezen'}.",
    )
    return create_main_window(settings)
