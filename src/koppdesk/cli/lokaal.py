"""`koppdesk lokaal export|import` and `koppdesk herstel`: local entries and a damaged file."""

from __future__ import annotations

from pathlib import Path

from koppdesk.cli.context import CliExit, fail
from koppdesk.services.local_files import LocalFileError, read_local_export, write_local_export
from koppdesk.services.setup import rescue_damaged


def register(sub) -> None:
    p = sub.add_parser("lokaal", help="eigen aanbod, notities, favorieten en contacten exporteren/importeren")
    verbs = p.add_subparsers(dest="verb", metavar="export|import", required=True)
    exp = verbs.add_parser("export", help="schrijf lokale gegevens naar een JSON-bestand")
    exp.add_argument("file", metavar="BESTAND")
    exp.set_defaults(func=run_export)
    imp = verbs.add_parser("import", help="voeg lokale gegevens van een collega toe")
    imp.add_argument("file", metavar="BESTAND")
    imp.set_defaults(func=run_import)
    h = sub.add_parser("herstel", help="zet een beschadigde database opzij en bouw hem opnieuw op")
    h.set_defaults(func=run_rescue)


def run_export(args, ctx) -> int:
    try:
        count = write_local_export(ctx.store, Path(args.file))
    except (LocalFileError, CliExit) as exc:
        return fail(str(exc), getattr(exc, "code", 2))
    print(f"{count} lokale gegevens geschreven naar {args.file}.")
    return 0


def run_import(args, ctx) -> int:
    try:
        data = read_local_export(Path(args.file))
        result = ctx.store.import_local(data)
    except (LocalFileError, CliExit) as exc:
        return fail(str(exc), getattr(exc, "code", 2))
    print(f"Geïmporteerd: {result.offers} eigen aanbod, {result.notes} notities,"
          f" {result.favourites} favorieten, {result.contacts} contacten.")
    return 0


def run_rescue(args, ctx) -> int:
    report = rescue_damaged(ctx.settings.data_dir)
    kept = "behouden" if report.local_entries_kept else "niet leesbaar"
    print(f"Beschadigde database verplaatst naar {report.moved_to}.\n"
          f"Opnieuw opgebouwd uit: {report.rebuilt_from}. Lokale gegevens: {kept}.")
    return 0
