"""Command line: `koppdesk` opens the GUI; sub-commands work headless.

Each sub-command lives in its own module with `register(subparsers)`; the module
sets `func` on its parser, a callable `(args, ctx) -> int`.  Exit codes: 0 ok,
2 bad input/usage, 3 rejected feed, 4 network failure.

Start-up: the plain GUI line (`koppdesk [--data-dir MAP] [--log-level L] [--quit-when-ready]`)
is read without argparse and without importing any sub-command module; every other line
goes through the full parser.  bench/startup.py measures this path.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Sequence
from importlib import import_module
from types import SimpleNamespace
from typing import TYPE_CHECKING

from koppdesk import __version__
from koppdesk.cli.context import CliContext
from koppdesk.logsetup import configured_logging, early_records

if TYPE_CHECKING:
    import argparse

#: Modules under `koppdesk.cli` that add sub-commands, in the order `--help` lists them.
#: Imported only when the full parser is built (never on the GUI's start-up path).
COMMAND_MODULES = ["zoek", "dekking", "schema_cmd", "lokaal", "feed", "sync", "config_cmd"]
LOG_LEVELS = ("debug", "info", "warning", "error")


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="koppdesk",
        description="koppdesk: Kindcheck, gesprekstips, checklist en sociale kaart voor KOPP/KOV.",
    )
    parser.add_argument("--version", action="version", version=f"koppdesk {__version__}")
    parser.add_argument("--data-dir", metavar="MAP", help="map met de database (ook: KOPPDESK_DATA_DIR)")
    parser.add_argument("--log-level", default=None,
                        choices=LOG_LEVELS, help="detail van het logboek")
    parser.add_argument("--selftest", action="store_true",
                        help="open het hoofdvenster (zonder scherm: offscreen), zoek in de demo-kaart en"
                             " sluit af; code 0 = in orde (gebruikt een tijdelijke map tenzij --data-dir)")
    parser.add_argument("--quit-when-ready", action="store_true",
                        help="start het venster en sluit af zodra de sociale kaart getoond wordt")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    for name in COMMAND_MODULES:
        import_module(f"koppdesk.cli.{name}").register(sub)
    return parser


def gui_start_options(argv: Sequence[str]) -> SimpleNamespace | None:
    """The options of a plain GUI start, or None when `argv` needs the full parser.

    Accepts only `--data-dir MAP`, `--log-level L` (also with `=`) and `--quit-when-ready`,
    each at most once, with valid values; anything else (a sub-command, --help, a typo)
    returns None so argparse handles it, with its usual messages.
    """
    values: dict[str, object] = {"data_dir": None, "log_level": None, "quit_when_ready": False}
    items = list(argv)
    while items:
        item = items.pop(0)
        name, eq, value = item.partition("=")
        if item == "--quit-when-ready" and not values["quit_when_ready"]:
            values["quit_when_ready"] = True
            continue
        if name not in ("--data-dir", "--log-level"):
            return None
        key = name[2:].replace("-", "_")
        if values[key] is not None:
            return None
        if not eq:
            if not items or items[0].startswith("-"):
                return None
            value = items.pop(0)
        if not value or (key == "log_level" and value not in LOG_LEVELS):
            return None
        values[key] = value
    return SimpleNamespace(command=None, selftest=False, **values)


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    argv = sys.argv[1:] if argv is None else list(argv)
    args = gui_start_options(argv) or build_parser().parse_args(argv)
    if args.command is not None or args.selftest:
        gc.enable()  # off while starting (koppdesk.__main__.run); the GUI turns it on itself
    with early_records() as early:
        ctx = CliContext(args.data_dir, args.log_level)
    command = "selftest" if args.selftest else args.command
    # The GUI swaps in the rotating log file after its first frame (logsetup.rotate_log_file).
    gui = command is None
    with configured_logging(ctx.settings, command, early=early, rotate_later=gui) as log_setup:
        for problem in ctx.settings.problems + ((log_setup.problem,) if log_setup.problem else ()):
            print(f"Let op: {problem}", file=sys.stderr)
        if args.selftest:
            from koppdesk.gui.selftest import run_selftest

            return run_selftest(ctx.settings, temporary_data=args.data_dir is None, started=started)
        if args.command is None:
            from koppdesk.gui.app import run_gui

            return run_gui(ctx.settings, sys.argv[:1], quit_when_ready=args.quit_when_ready,
                           started=started)
        try:
            return args.func(args, ctx)
        except BrokenPipeError:
            # Output piped into `head` & co. that stopped reading: not an error worth a traceback.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        finally:
            ctx.close()
