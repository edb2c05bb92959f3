"""`koppdesk dekking`: the coverage matrix of a gemeente or region, headless."""

from __future__ import annotations

import json

from koppdesk.cli.context import CliExit, fail
from koppdesk.content.gemeenten import UnknownGemeente
from koppdesk.vocab import ParentProblem


def register(sub) -> None:
    p = sub.add_parser(
        "dekking", help="dekkingsoverzicht: aanbod per soort en leeftijd in een gemeente of regio",
        description="Toont per soort aanbod en probleem van de ouder hoeveel aanbod er is per leeftijdsband"
                    " (0-4 = 0 t/m 3 jaar, 4-8 = 4 t/m 7, 8-12 = 8 t/m 11, 12-16 = 12 t/m 15, 16-18 = 16 t/m 17,"
                    " 18-25 = 18 t/m 25), en noemt de gaten. Meer gemeenten samen vormen een regio.")
    p.add_argument("--gemeente", action="append", required=True, metavar="NAAM_OF_CODE",
                   help="gemeentenaam of CBS-code (GM0307); herhaal voor een regio")
    p.add_argument("--probleem", choices=[x.value for x in ParentProblem],
                   help="alleen aanbod voor dit probleem van de ouder")
    p.add_argument("--lokaal", action="store_true", help="online en landelijk aanbod niet meetellen")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="uitvoer als JSON (met het aanbod per cel)")
    fmt.add_argument("--csv", action="store_true", help="uitvoer als CSV (puntkomma's, aantallen per cel)")
    p.set_defaults(func=run)


def run(args, ctx) -> int:
    from koppdesk.services.dekking import DekkingService
    from koppdesk.services.dekking_export import matrix_csv, matrix_dict, matrix_text

    try:
        gemeenten = ctx.gemeenten
        found = [gemeenten.resolve(name) for name in args.gemeente]
        service = DekkingService(ctx.store, gemeenten)
    except UnknownGemeente as exc:
        return fail(str(exc), 2)
    except CliExit as exc:
        return fail(str(exc), exc.code)
    matrix = service.matrix(tuple(dict.fromkeys(found)), local_only=args.lokaal,
                            problem=ParentProblem(args.probleem) if args.probleem else None)
    if args.json:
        print(json.dumps(matrix_dict(matrix), ensure_ascii=False, indent=2))
    elif args.csv:
        print(matrix_csv(matrix), end="")
    else:
        print(matrix_text(matrix))
    return 0
