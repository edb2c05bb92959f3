"""Command line: `koppdesk` opens the GUI; sub-commands work headless.

Each sub-command lives in its own module with `register(subparsers)`; the module
sets `func` on its parser, a callable `(args, ctx) -> int`.  Exit codes: 0 ok,
2 bad input/usage, 3 rejected feed, 4 network failure.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from koppdesk import __version__
from koppdesk.cli import feed, lokaal, schema_cmd, zoek
from koppdesk.cli.context import CliContext

#: Modules that add sub-commands, in the order `--help` lists them.
COMMAND_MODULES = [zoek, schema_cmd, lokaal, feed]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="koppdesk",
        description="koppdesk: Kindcheck, gesprekstips, checklist en sociale kaart voor KOPP/KOV.",
    )
    parser.add_argument("--version", action="version", version=f"koppdesk {__version__}")
    parser.add_argument("--data-dir", metavar="MAP", help="map met de database (ook: KOPPDESK_DATA_DIR)")
    parser.add_argument("--log-level", default=None,
                        choices=["debug", "info", "warning", "error"], help="detail van het logboek")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = CliContext(args.data_dir, args.log_level)
    logging.basicConfig(level=ctx.settings.log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for problem in ctx.settings.problems:
        print(f"Let op: {problem}", file=sys.stderr)
    if args.command is None:
        from koppdesk.gui.app import run_gui

        return run_gui(ctx.settings, sys.argv[:1])
    try:
        return args.func(args, ctx)
    finally:
        ctx.close()
