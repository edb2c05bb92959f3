"""Starting the GUI: display check, single instance, store errors, main window."""

from __future__ import annotations

import logging
import os
import sys
import time

from koppdesk import __version__
from koppdesk.config import Settings

log = logging.getLogger(__name__)

#: `--quit-when-ready` gives up (exit code 1) when the window is not ready by then.
READY_TIMEOUT_S = 60

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


def run_gui(settings: Settings, argv: list[str], quit_when_ready: bool = False,
            started: float | None = None) -> int:
    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication, QMessageBox

    from koppdesk.gui.app_icon import app_icon
    from koppdesk.gui.qtlog import route_qt_messages
    from koppdesk.gui.single_instance import SingleInstance
    from koppdesk.gui.translations import install_dutch_qt_translation
    from koppdesk.store import DamagedDatabaseError, StoreError

    route_qt_messages()
    app = QApplication(argv)
    app.setApplicationName("koppdesk")
    app.setApplicationDisplayName("koppdesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("koppdesk")
    app.setWindowIcon(app_icon())
    install_dutch_qt_translation(app)
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
    if quit_when_ready:
        _quit_when_ready(app, window, started)
    code = app.exec()
    window.shutdown()
    guard.release()
    return code


def _quit_when_ready(app, window, started: float | None) -> None:
    """Print one readiness line and quit as soon as the kaart is listed (start-up benchmark)."""
    from PySide6.QtCore import QTimer

    from koppdesk.gui.readiness import ReadinessWatch, rows_text

    started = time.perf_counter() if started is None else started
    watch = ReadinessWatch(window, window.services.store.count_offers())

    def ready(rows: int) -> None:
        elapsed = time.perf_counter() - started
        print(f"koppdesk klaar: hoofdvenster zichtbaar, {rows_text(rows)} ({elapsed:.3f} s)", flush=True)
        log.info("ready after %.3f s (quit-when-ready)", elapsed)
        app.quit()

    def too_slow() -> None:
        print(f"koppdesk niet klaar binnen {READY_TIMEOUT_S} s", file=sys.stderr, flush=True)
        log.error("not ready within %d s (quit-when-ready)", READY_TIMEOUT_S)
        app.exit(1)

    watch.ready.connect(ready)
    deadline = QTimer(window)
    deadline.setSingleShot(True)
    deadline.timeout.connect(too_slow)
    watch.ready.connect(deadline.stop)
    deadline.start(READY_TIMEOUT_S * 1000)
    watch.start()


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
