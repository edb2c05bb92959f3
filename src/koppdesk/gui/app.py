"""Starting the GUI: display check, single instance, store errors, main window."""

from __future__ import annotations

import gc
import logging
import os
import sys
import time

from koppdesk import __version__
from koppdesk.config import Settings
from koppdesk.logsetup import rotate_log_file

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


#: X11 libraries Qt's xcb platform plugin needs (Qt 6.5+), with the Debian/Ubuntu package names.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def missing_x11_packages(env: dict[str, str] | None = None, platform: str | None = None) -> list[str]:
    """Packages to install when Qt would abort for want of its X11 libraries.

    Only for a source install on an X11 session (a PyInstaller bundle carries these libraries);
    Qt itself would print a stack of plugin errors and abort.
    """
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if (not platform.startswith("linux") or getattr(sys, "frozen", False) or env.get("QT_QPA_PLATFORM")
            or env.get("WAYLAND_DISPLAY") or not env.get("DISPLAY")):
        return []
    import ctypes

    missing = []
    for library, package in XCB_LIBRARIES.items():
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    return missing


def create_main_window(settings: Settings, *, full_check: bool = True):
    """Open the services and build the main window (tests call this with a temp data dir).

    `full_check=False`: the database's full integrity check is left to the caller
    (run_gui runs it in the background once the window is up).
    """
    from koppdesk.gui.main_window import MainWindow
    from koppdesk.services.appservices import build_services

    services = build_services(settings, full_check=full_check)
    return MainWindow(services)


def _import_qt_free_layers_first() -> None:
    """Import the Qt-free modules the first window needs before PySide6 itself.

    PySide6 reads the source of every module imported after it (looking for
    `from __feature__ import ...`); for the store and services that is ~10 ms of
    start-up spent for nothing (bench/startup.py).
    """
    import koppdesk.services.appservices  # noqa: F401 (store, content, kaart, setup)
    import koppdesk.services.status  # noqa: F401


def run_gui(settings: Settings, argv: list[str], quit_when_ready: bool = False,
            started: float | None = None) -> int:
    # Start-up creates many objects that live as long as the program; the cyclic garbage
    # collector would walk them over and over before the first frame (~5 ms).  It is back on
    # after the first frame, with those objects frozen out of its way.
    gc.disable()
    try:
        return _run_gui(settings, argv, quit_when_ready, started)
    finally:
        gc.enable()


def _set_window_icon(app) -> None:
    """The icon of every window.  Set after the first frame (QIcon's enums and seven PNG paths
    cost ~1.5 ms before it); Qt passes it on to windows already open."""
    from koppdesk.gui.app_icon import app_icon

    app.setWindowIcon(app_icon())


def _collect_garbage_again() -> None:
    gc.freeze()
    gc.enable()


def _run_gui(settings: Settings, argv: list[str], quit_when_ready: bool, started: float | None) -> int:
    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1
    missing = missing_x11_packages()
    if missing:
        log.error("X11 libraries for Qt's xcb plugin missing: %s", ", ".join(missing))
        print("koppdesk kan geen venster openen: er ontbreken X11-bibliotheken die Qt nodig heeft.\n"
              f"Installeer ze (Debian/Ubuntu):  sudo apt install {' '.join(missing)}\n"
              "Zonder scherm draaien kan met:  QT_QPA_PLATFORM=offscreen koppdesk --selftest",
              file=sys.stderr)
        return 1
    _import_qt_free_layers_first()
    from PySide6.QtWidgets import QApplication

    from koppdesk.gui.qtlog import route_qt_messages
    from koppdesk.gui.single_instance import SingleInstance
    from koppdesk.gui.translations import install_dutch_qt_translation
    from koppdesk.store import DamagedDatabaseError, StoreError

    route_qt_messages()
    guard = SingleInstance(settings.data_dir)
    guard.start()  # the lock is taken on a thread while the application is made
    app = QApplication(argv)
    app.setApplicationName("koppdesk")
    app.setApplicationDisplayName("koppdesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("koppdesk")
    install_dutch_qt_translation(app)
    if not guard.acquire(listen=False):
        log.info("another koppdesk instance runs for %s; asked it to show itself", settings.data_dir)
        return 0
    try:
        window = create_main_window(settings, full_check=False)
    except DamagedDatabaseError as exc:
        _set_window_icon(app)
        if not _ask_rescue(str(exc)):
            return 1
        window = _rescue(settings)
    except StoreError as exc:
        from PySide6.QtWidgets import QMessageBox

        _set_window_icon(app)
        QMessageBox.critical(None, "koppdesk", str(exc))
        return 1
    session = _Session(settings, window)
    guard.activated.connect(session.raise_window)
    window.show()
    if quit_when_ready:
        _quit_when_ready(app, window, started)
    _after_first_frame(window, lambda: _set_window_icon(app), guard.listen, session.check_integrity_later,
                       _collect_garbage_again, rotate_log_file)
    code = app.exec()
    session.shutdown()
    guard.release()
    return code


class _Session:
    """The running GUI's window, and the background integrity check of its database.

    When the check finds damage, the user gets the rescue question; on "yes" the window is
    replaced by one on the rebuilt database.
    """

    def __init__(self, settings: Settings, window):
        self.settings = settings
        self.window = window
        self._check = None

    def raise_window(self) -> None:
        _raise(self.window)

    def check_integrity_later(self) -> None:
        from koppdesk.gui.integrity import BackgroundIntegrityCheck

        self._check = BackgroundIntegrityCheck(self.window.services.store, self.window)
        self._check.damaged.connect(self._on_damaged)
        self._check.start()

    def _on_damaged(self, message: str) -> None:
        if not _ask_rescue(message):
            log.warning("user keeps working with a damaged database: %s", message)
            return
        old = self.window
        self.shutdown()
        self.window = _rescue(self.settings)
        self.window.show()
        old.close()
        self.check_integrity_later()

    def shutdown(self) -> None:
        if self._check is not None:
            self._check.stop()
        self.window.shutdown()


def _after_first_frame(window, *work) -> None:
    """Run start-up work the first window does not need once it has been painted.

    Keeps the window icon, the single-instance server, the integrity check and the log file's
    rotation (its module) off the path to the first frame (bench/startup.py measures that path).
    """
    from PySide6.QtCore import QTimer

    from koppdesk.gui.readiness import ReadinessWatch

    def run_work() -> None:
        for job in work:
            job()

    watch = ReadinessWatch(window, 0)
    # One more turn of the event loop: whatever else waits for the first frame goes first.
    watch.ready.connect(lambda _rows: QTimer.singleShot(0, run_work))
    watch.start()


def _quit_when_ready(app, window, started: float | None) -> None:
    """Print one readiness line and quit as soon as the kaart is listed (start-up benchmark)."""
    from PySide6.QtCore import QTimer

    from koppdesk.gui.readiness import ReadinessWatch, rows_text

    started = time.perf_counter() if started is None else started
    # Only "some rows or none" matters to the watch; has_offers stops at the first row.
    watch = ReadinessWatch(window, 1 if window.services.store.has_offers() else 0)

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


def _ask_rescue(message: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.warning(
        None, "koppdesk",
        f"{message}\n\nZal koppdesk het bestand opzij zetten en de sociale kaart opnieuw opbouwen? "
        "Uw eigen aanbod, notities en contacten worden overgenomen als ze nog leesbaar zijn.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _rescue(settings: Settings):
    """Move the damaged file aside, rebuild it and open a new main window on it."""
    from PySide6.QtWidgets import QMessageBox

    from koppdesk.services.setup import rescue_damaged

    report = rescue_damaged(settings.data_dir)
    QMessageBox.information(
        None, "koppdesk",
        f"Het beschadigde bestand staat nu in {report.moved_to}.\n"
        f"Lokale gegevens {'zijn overgenomen' if report.local_entries_kept else 'konden niet worden gelezen'}.",
    )
    return create_main_window(settings)
