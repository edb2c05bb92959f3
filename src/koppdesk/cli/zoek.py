"""`koppdesk zoek`: search the sociale kaart headless."""

from __future__ import annotations

import json

from koppdesk.cli.context import CliExit, fail
from koppdesk.content.gemeenten import UnknownGemeente
from koppdesk.services.kaart import age_text
from koppdesk.store import SearchFilters
from koppdesk.vocab import OfferKind, ParentProblem


def register(sub) -> None:
    p = sub.add_parser("zoek", help="zoek aanbod in de sociale kaart")
    p.add_argument("query", nargs="?", default="", metavar="ZOEKTERM")
    p.add_argument("--gemeente", metavar="NAAM_OF_CODE", help="gemeentenaam of CBS-code (GM0307)")
    p.add_argument("--postcode", metavar="NNNN", help="postcode (4 cijfers)")
    p.add_argument("--leeftijd", type=int, metavar="N", help="leeftijd van het kind in jaren")
    p.add_argument("--soort", choices=[k.value for k in OfferKind], metavar="SOORT",
                   help="soort aanbod: " + ", ".join(k.value for k in OfferKind))
    p.add_argument("--probleem", choices=[x.value for x in ParentProblem],
                   help="probleem van de ouder")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.set_defaults(func=run)


def run(args, ctx) -> int:
    if args.leeftijd is not None and not 0 <= args.leeftijd <= 120:
        return fail("Leeftijd moet tussen 0 en 120 liggen.", 2)
    try:
        kaart = ctx.kaart()
        areas = kaart.area_codes(args.gemeente, args.postcode)
    except UnknownGemeente as exc:
        return fail(str(exc), 2)
    except CliExit as exc:
        return fail(str(exc), exc.code)
    filters = SearchFilters(
        text=args.query, gemeenten=areas, age=args.leeftijd,
        kind=OfferKind(args.soort) if args.soort else None,
        problem=ParentProblem(args.probleem) if args.probleem else None,
    )
    results = kaart.search(filters)
    if args.json:
        print(json.dumps([
            {"id": r.id, "name": r.name, "organization": r.organization,
             "minimum_age": r.minimum_age, "maximum_age": r.maximum_age, "kinds": r.kinds,
             "gemeenten": r.gemeenten, "source": r.source, "referral_required": r.referral_required}
            for r in results
        ], ensure_ascii=False, indent=2))
        return 0
    if not results:
        print("Geen aanbod gevonden.")
        return 0
    for r in results:
        where = ", ".join(kaart.gemeenten.name(c) for c in r.gemeenten)
        local = " [lokaal]" if r.source == "local" else ""
        print(f"{r.name} — {r.organization}{local}\n    {age_text(r.minimum_age, r.maximum_age)};"
              f" {', '.join(r.kinds)}; {where}  (id {r.id})")
    print(f"{len(results)} resultaten.")
    return 0
