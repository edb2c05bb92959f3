"""`koppdesk sync`: one sync run of the sociale kaart from the signed feed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from koppdesk.feed.fetch import FetchPolicy
from koppdesk.services.sync import SyncService


def register(sub) -> None:
    p = sub.add_parser("sync", help="werk de sociale kaart bij vanuit de ondertekende feed")
    p.add_argument("--url", metavar="URL",
                   help="adres van de feed-map of van manifest.json (standaard: instelling feed_url)")
    p.add_argument("--root", metavar="ROOT.json",
                   help="vertrouwensbron van de uitgever (standaard: instelling trust_root)")
    p.add_argument("--accept-large-change", action="store_true",
                   help="voer ook een update door die veel aanbod intrekt of telefoonnummers wijzigt")
    p.add_argument("--timeout", type=float, default=120.0, metavar="S",
                   help="maximale duur in seconden (standaard 120)")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.set_defaults(func=run)


def run(args, ctx) -> int:
    service = SyncService(ctx.settings, FetchPolicy(deadline_s=max(1.0, args.timeout)))
    try:
        result = service.run(url=args.url, root=Path(args.root) if args.root else None,
                             accept_large_change=args.accept_large_change)
    finally:
        service.close()
    if args.json:
        counts = result.counts
        print(json.dumps({
            "outcome": result.outcome.value, "reason": result.reason, "message": result.message,
            "version": result.version,
            "counts": None if counts is None else {"new": counts.new, "changed": counts.changed,
                                                   "withdrawn": counts.withdrawn, "unchanged": counts.unchanged},
        }, ensure_ascii=False, indent=2))
    else:
        stream = sys.stdout if result.ok else sys.stderr
        print(result.message, file=stream)
        if result.outcome.value == "held":
            print("Doorvoeren na controle: koppdesk sync --accept-large-change", file=stream)
        elif not result.ok and result.outcome.value in ("rejected", "network"):
            print("De sociale kaart op deze computer is niet gewijzigd. Details staan in het logboek.", file=stream)
        print(result.summary_line(), file=stream)
    return result.exit_code
