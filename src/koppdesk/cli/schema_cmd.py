"""`koppdesk schema`: print the JSON Schema of the feed payload."""

from __future__ import annotations

import json

from koppdesk.models import payload_json_schema


def register(sub) -> None:
    p = sub.add_parser("schema", help="toon het JSON-schema van de sociale-kaart-payload")
    p.set_defaults(func=run)


def run(args, ctx) -> int:
    print(json.dumps(payload_json_schema(), indent=2, ensure_ascii=False))
    return 0
