"""Logging for IT: a rotating log file in the platform's log folder, plus stderr.

The file always records at least INFO (start-up, paths, sync results) so IT has something
to read after a failure; `--log-level debug` (or `log_level = "debug"`) adds detail.
stderr shows the configured level only (default: warnings), so commands stay quiet.

Privacy rule for every log line in koppdesk: never log what a user typed or wrote (search
terms, notes, contact details, checklist answers).  Log counts, ids, paths, versions and
exception types.  koppdesk stores no patient data and the log must not become a place
where it ends up.

No Qt here; the GUI routes Qt's own messages into this logging in `gui/qtlog.py`.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from koppdesk import __version__
from koppdesk.config import Settings, log_dir

log = logging.getLogger(__name__)

LOG_FILENAME = "koppdesk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FILE_FORMAT = "%(asctime)s %(levelname)-7s [pid %(process)d %(threadName)s] %(name)s: %(message)s"
STDERR_FORMAT = "%(levelname)s %(name)s: %(message)s"


class LogSetup(NamedTuple):  # not a dataclass: creating one costs ~0.3 ms at start-up
    #: The log file in use, or None when it could not be opened.
    file: Path | None
    level: str
    #: Dutch message when the log file could not be opened (logging then goes to stderr only).
    problem: str | None = None


class _KoppdeskHandler:
    """Marks handlers this module added, so they can be removed again (tests call main() often)."""


@functools.cache
def _rotating_file_class() -> type[logging.FileHandler]:
    # logging.handlers imports socket, pickle and queue (~4 ms): not before the GUI's first frame.
    from logging.handlers import RotatingFileHandler

    class _RotatingFile(_KoppdeskHandler, RotatingFileHandler):
        pass

    return _RotatingFile


class _PlainFile(_KoppdeskHandler, logging.FileHandler):
    """The log file, appended to without rotation until `rotate_log_file()` (GUI start)."""


class _Stderr(_KoppdeskHandler, logging.StreamHandler):
    pass


def _remove_own_handlers(root: logging.Logger) -> None:
    for handler in list(root.handlers):
        if isinstance(handler, _KoppdeskHandler):
            root.removeHandler(handler)
            handler.close()


def active_log_file() -> Path | None:
    """The log file koppdesk writes to right now (for the "Over" dialog and `config show`)."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _KoppdeskHandler) and isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def _open_file_handler(folder: Path, level: int, rotate_later: bool) -> tuple[logging.Handler | None, str | None]:
    path = folder / LOG_FILENAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if rotate_later:
            handler = _PlainFile(path, encoding="utf-8")
        else:
            handler = _rotating_file_class()(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    except OSError as exc:
        return None, (f"Het logboek {path} kan niet worden geopend ({exc.strerror or exc}); "
                      "meldingen gaan alleen naar het scherm.")
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    return handler, None


class _Collect(_KoppdeskHandler, logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def early_records() -> Iterator[list[logging.LogRecord]]:
    """Hold log records made before the settings (and so the log level and file) are known.

    `configured_logging(..., early=...)` writes them to the log file; the user already saw
    their Dutch counterparts (`Settings.problems`), so they do not go to stderr again.
    """
    root = logging.getLogger()
    collector = _Collect()
    previous_level = root.level
    root.addHandler(collector)
    root.setLevel(logging.DEBUG)
    try:
        yield collector.records
    finally:
        root.removeHandler(collector)
        root.setLevel(previous_level)


@contextmanager
def configured_logging(settings: Settings, command: str | None = None, folder: Path | None = None,
                       early: list[logging.LogRecord] | None = None,
                       rotate_later: bool = False) -> Iterator[LogSetup]:
    """Set up the log file and stderr for the duration of one `koppdesk` run.

    `command` is the sub-command name only (never its arguments: they may hold search terms).
    `rotate_later`: the file is appended to without rotation until `rotate_log_file()` (the
    GUI calls it after its first frame, see bench/startup.py).
    """
    root = logging.getLogger()
    _remove_own_handlers(root)
    level = getattr(logging, settings.log_level.upper())
    file_level = min(level, logging.INFO)
    if sys.stderr is not None:  # None in a windowed (no console) Windows build
        stderr = _Stderr(sys.stderr)
        stderr.setLevel(level)
        stderr.setFormatter(logging.Formatter(STDERR_FORMAT))
        root.addHandler(stderr)
    handler, problem = _open_file_handler(folder or log_dir(), file_level, rotate_later)
    if handler is not None:
        root.addHandler(handler)
    previous_level = root.level
    root.setLevel(min(level, file_level))
    previous_hook = sys.excepthook
    sys.excepthook = _log_uncaught
    setup = LogSetup(Path(handler.baseFilename) if handler else None, settings.log_level, problem)
    _log_start(settings, command, setup)
    if handler is not None:
        for record in early or ():
            if record.levelno >= file_level:
                handler.handle(record)
    try:
        yield setup
    finally:
        log.info("koppdesk %s stopped", command or "gui")
        sys.excepthook = previous_hook
        _remove_own_handlers(root)
        root.setLevel(previous_level)


def rotate_log_file() -> None:
    """Swap the plain log file handler (`rotate_later`) for the rotating one: same file, level
    and format.  One list slot changes at once, so every record goes to one of the two."""
    root = logging.getLogger()
    for index, handler in enumerate(root.handlers):
        if isinstance(handler, _PlainFile):
            try:
                rotating = _rotating_file_class()(handler.baseFilename, maxBytes=MAX_BYTES,
                                                  backupCount=BACKUP_COUNT, encoding="utf-8")
            except OSError as exc:  # the plain handler keeps writing
                log.warning("log file rotation not available: %s", exc)
                return
            rotating.setLevel(handler.level)
            rotating.setFormatter(handler.formatter)
            root.handlers[index] = rotating
            handler.close()


def _log_start(settings: Settings, command: str | None, setup: LogSetup) -> None:
    frozen = "bundle" if getattr(sys, "frozen", False) else "python"
    log.info("koppdesk %s started: command=%s, python %s (%s), %s, log level %s",
             __version__, command or "gui", sys.version.split()[0], frozen,
             _system(), settings.log_level)
    log.info("data dir %s; machine settings %s (%s); user settings %s (%s)",
             settings.data_dir, settings.machine_file, _exists(settings.machine_file),
             settings.user_file, _exists(settings.user_file))
    for key, source in sorted(settings.sources.items()):
        log.debug("setting %s from %s%s", key, source, " (locked)" if key in settings.locked else "")
    if setup.problem:
        log.warning("no log file: %s", setup.problem)


def _system() -> str:
    """E.g. "Linux 6.1.0 x86_64"; unlike platform.platform() it starts no `uname -p` process.

    On Linux and macOS os.uname() gives what platform.system/release/machine() would (without
    importing platform: ~1 ms of start-up).
    """
    if hasattr(os, "uname"):
        uname = os.uname()
        return f"{uname.sysname} {uname.release} {uname.machine}"
    import platform

    return f"{platform.system()} {platform.release()} {platform.machine()}"


def _exists(path: Path | None) -> str:
    if path is None:
        return "none"
    return "present" if path.exists() else "absent"


def _log_uncaught(exc_type, exc, tb) -> None:
    """Last resort: an unexpected error reaches the log file with its traceback."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.critical("unexpected error", exc_info=(exc_type, exc, tb))
