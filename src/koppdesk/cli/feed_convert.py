"""`koppdesk feed from-csv | from-hsds | to-hsds`: bring a sociale kaart in, and give it out as HSDS 3.

Exit codes: 0 written; 2 bad input (nothing written, every problem listed on stderr).
"""

from __future__ import annotations

import sys
from pathlib import Path

from koppdesk.cli.context import fail

_NEXT_STEP = ("Volgende stap: koppdesk feed publish {out} --key SLEUTELMAP/signing.key"
              " --root SLEUTELMAP/root.json --out PUBLICATIEMAP")


def register(verbs) -> None:
    from koppdesk.vocab import OfferKind

    c = verbs.add_parser("from-csv", help="maak een sociale kaart (payload) van een spreadsheet (CSV)",
                         description="Zet het ingevulde sjabloon (data/sjabloon-aanbod.csv, een regel per aanbod)"
                                     " om in een sociale kaart. Zie docs/spreadsheet.md voor de kolommen.")
    c.add_argument("offers", metavar="AANBOD.csv")
    c.add_argument("organisations", metavar="ORGANISATIES.csv", nargs="?",
                   help="optioneel: een regel per organisatie (data/sjabloon-organisaties.csv)")
    c.add_argument("--out", required=True, metavar="PAYLOAD.json")
    c.add_argument("--skip-invalid", action="store_true",
                   help="sla regels met fouten over en schrijf de rest (standaard: niets schrijven bij fouten)")
    c.add_argument("--publisher", metavar="NAAM", help="naam van de uitgever in de sociale kaart")
    c.set_defaults(func=run_from_csv)

    h = verbs.add_parser("from-hsds", help="maak een sociale kaart van Open Referral HSDS 3-gegevens",
                         description="Leest HSDS 3 als JSON (los bestand of map) of als tabellen (CSV-bestanden met"
                                     " datapackage.json). Zie docs/hsds-mapping.md.")
    h.add_argument("source", metavar="BESTAND_OF_MAP")
    h.add_argument("--out", required=True, metavar="PAYLOAD.json")
    h.add_argument("--skip-invalid", action="store_true",
                   help="sla onbruikbare diensten over en schrijf de rest")
    h.add_argument("--publisher", metavar="NAAM", help="naam van de uitgever in de sociale kaart")
    h.add_argument("--default-kind", action="append", choices=[k.value for k in OfferKind], metavar="SOORT",
                   help="soort aanbod voor diensten zonder koppdesk-soort (herhaalbaar): "
                        + ", ".join(k.value for k in OfferKind))
    h.set_defaults(func=run_from_hsds)

    t = verbs.add_parser("to-hsds", help="schrijf een sociale kaart als Open Referral HSDS 3 (JSON)")
    t.add_argument("payload", metavar="PAYLOAD.json")
    t.add_argument("--out", required=True, metavar="MAP")
    t.set_defaults(func=run_to_hsds)


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _print_report(report) -> None:
    for line in report.lines():
        print(line, file=sys.stderr)


def _finish(payload, report, out: Path, skip_invalid: bool, what: str) -> int:
    from koppdesk.feed.importing import write_payload

    _print_report(report)
    if payload is None or (report.errors and not skip_invalid):
        hint = "" if payload is None else " Verbeter ze, of gebruik --skip-invalid om alleen de goede over te nemen."
        return fail(f"Niets geschreven: {len(report.errors)} fout(en).{hint}", 2)
    try:
        write_payload(payload, out)
    except OSError as exc:
        return fail(f"Kan {out} niet schrijven: {exc.strerror or exc}", 2)
    skipped = f", {_n(report.skipped, *what)} overgeslagen" if report.skipped else ""
    print(f"Geschreven: {out} met {_n(len(payload.services), 'aanbod', 'aanbiedingen')},"
          f" {_n(len(payload.organizations), 'organisatie', 'organisaties')}"
          f" en {_n(len(payload.locations), 'locatie', 'locaties')}{skipped}.")
    print(_NEXT_STEP.format(out=out))
    return 0


def run_from_csv(args, ctx) -> int:
    from koppdesk.feed.csv_import import convert_csv
    from koppdesk.feed.importing import ConversionError

    try:
        payload, report = convert_csv(Path(args.offers), Path(args.organisations) if args.organisations else None,
                                      ctx.gemeenten, publisher=args.publisher)
    except ConversionError as exc:
        return fail("\n".join([str(exc), *exc.lines]), 2)
    return _finish(payload, report, Path(args.out), args.skip_invalid, ("regel", "regels"))


def run_from_hsds(args, ctx) -> int:
    from koppdesk.feed.hsds_files import load_hsds
    from koppdesk.feed.hsds_import import convert_hsds
    from koppdesk.feed.importing import ConversionError, ImportReport
    from koppdesk.vocab import OfferKind

    source = Path(args.source)
    report = ImportReport()
    try:
        data = load_hsds(source, report)
    except ConversionError as exc:
        return fail("\n".join([str(exc), *exc.lines]), 2)
    payload, report = convert_hsds(
        data.services, data.organizations, data.locations, ctx.gemeenten,
        publisher=args.publisher or f"Sociale kaart uit HSDS ({source.name})",
        default_kinds=[OfferKind(k) for k in args.default_kind or []], taxonomy_names=data.taxonomy_names,
        report=report)
    return _finish(payload, report, Path(args.out), args.skip_invalid, ("dienst", "diensten"))


def run_to_hsds(args, ctx) -> int:
    from koppdesk.feed.hsds_export import export_hsds
    from koppdesk.feed.hsds_vocab import load_provinces
    from koppdesk.feed.publish import PublishError, validate_payload_file

    try:
        payload, _ = validate_payload_file(Path(args.payload))
    except PublishError as exc:
        return fail("\n".join([str(exc), *(f"  - {line}" for line in exc.lines)]), 2)
    try:
        counts = export_hsds(payload, Path(args.out), ctx.gemeenten, load_provinces())
    except OSError as exc:
        return fail(f"Kan niet schrijven in {args.out}: {exc.strerror or exc}", 2)
    print(f"Geschreven in {args.out}: " + ", ".join(f"{name} ({n})" for name, n in counts.items()) + ".")
    return 0
