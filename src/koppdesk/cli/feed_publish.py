"""`koppdesk feed keygen|publish|rotate`: the publisher's signing tools."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

from koppdesk.cli.context import fail
from koppdesk.feed.publish import DEFAULT_EXPIRES_DAYS, PublishError, keygen, publish, rotate


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def register(verbs) -> None:
    k = verbs.add_parser("keygen", help="maak een ondertekeningssleutel en een vertrouwensbron (root.json)")
    k.add_argument("--out", required=True, metavar="MAP", help="map voor signing.key en root.json")
    k.add_argument("--feed-id", metavar="ID", help="naam van de feed, bijv. sociale-kaart-regio-eemland")
    k.set_defaults(func=run_keygen)

    p = verbs.add_parser("publish", help="controleer en onderteken een sociale kaart als feed-map")
    p.add_argument("payload", metavar="PAYLOAD.json")
    p.add_argument("--key", required=True, metavar="signing.key")
    p.add_argument("--root", required=True, metavar="root.json")
    p.add_argument("--out", required=True, metavar="PUBMAP", help="map die op de webserver komt")
    p.add_argument("--version", type=int, metavar="N", help="versienummer (standaard: vorige + 1)")
    p.add_argument("--expires-days", type=float, default=DEFAULT_EXPIRES_DAYS, metavar="D",
                   help=f"geldigheid in dagen (standaard {DEFAULT_EXPIRES_DAYS})")
    p.set_defaults(func=run_publish)

    r = verbs.add_parser("rotate", help="nieuwe sleutel: root versie N+1, ondertekend met oude en nieuwe sleutel")
    r.add_argument("--key", required=True, metavar="OUD/signing.key", help="de huidige sleutel")
    r.add_argument("--root", required=True, metavar="OUD/root.json", help="de huidige root")
    r.add_argument("--out", required=True, metavar="NIEUWMAP", help="map voor de nieuwe signing.key en root.json")
    r.add_argument("--new-key", metavar="signing.key", help="bestaande nieuwe sleutel gebruiken")
    r.set_defaults(func=run_rotate)


def _failed(exc: PublishError) -> int:
    print(str(exc), file=sys.stderr)
    for line in exc.lines:
        print(f"  - {line}", file=sys.stderr)
    return 2


def run_keygen(args, ctx) -> int:
    try:
        key_path, root_path = keygen(Path(args.out), args.feed_id, _now())
    except PublishError as exc:
        return _failed(exc)
    print(f"Sleutel: {key_path} (geheim houden, liefst offline bewaren)\n"
          f"Vertrouwensbron: {root_path} (geef deze aan de gebruikers / IT-beheer)")
    return 0


def run_publish(args, ctx) -> int:
    if args.version is not None and args.version < 1:
        return fail("--version moet 1 of hoger zijn.", 2)
    try:
        pub = publish(Path(args.payload), Path(args.key), Path(args.root), Path(args.out), _now(),
                      version=args.version, expires_days=args.expires_days)
    except PublishError as exc:
        return _failed(exc)
    m = pub.manifest
    print(f"Gepubliceerd in {pub.out_dir}: feed {m.feed_id} versie {m.version}, {pub.offers} aanbiedingen, "
          f"{m.length} bytes, geldig tot {m.expires:%d-%m-%Y %H:%M} UTC.")
    return 0


def run_rotate(args, ctx) -> int:
    try:
        key_path, root_path = rotate(Path(args.key), Path(args.root), Path(args.out), _now(),
                                     Path(args.new_key) if args.new_key else None)
    except PublishError as exc:
        return _failed(exc)
    print(f"Nieuwe vertrouwensbron: {root_path}, nieuwe sleutel: {key_path}.\n"
          f"Publiceer voortaan met --key {key_path} --root {root_path}; de oude sleutel is daarna ingetrokken.")
    return 0
