"""Command line: `koppdesk` opens the GUI; sub-commands work headless.

Each sub-command lives in its own module with `register(subparsers)`; the module
sets `func` on its parser, a callable `(args, ctx) -> int`.  Exit codes: 0 ok,
2 bad input/usage, 3 rejected feed, 4 network failure.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from koppdesk import __version__
from koppdesk.cli import config_cmd, feed, lokaal, schema_cmd, sync, zoek
from koppdesk.cli.context import CliContext
from koppdesk.logsetup import configured_logging, early_records

#: Modules that add sub-commands, in the order `--help` lists them.
COMMAND_MODULES = [zoek, schema_cmd, lokaal, feed, sync, config_cmd]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="koppdesk",
        description="koppdesk: Kindcheck, gesprekstips, checklist en sociale kaart voor KOPP/KOV.",
    )
    parser.add_argument("--version", action="version", version=f"koppdesk {__version__}")
    parser.add_argument("--data-dir", metavar="MAP", help="map met de database (ook: KOPPDESK_DATA_DIR)")
    parser.add_argument("--log-level", default=None,
                        choices=["debug", "info", "warning", "error"], help="detail van het logboek")
    parser.add_argument("--selftest", action="store_true",
                        help="open het hoofdvenster (zonder scherm: offscreen), zoek in de demo-kaart en"
                             " sluit af; code 0 = in orde (gebruikt een tijdelijke map tenzij --data-dir)")
    parser.add_argument("--quit-when-ready", action="store_true",
                        help="start het venster en sluit af zodra de sociale kaart getoond wordt")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    parser = build_parser()
    args = parser.parse_args(argv)
    with early_records() as early:
        ctx = CliContext(args.data_dir, args.log_level)
    command = "selftest" if args.selftest else args.command
    with configured_logging(ctx.settings, command, early=early) as log_setup:
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
        finally:
            ctx.close()
