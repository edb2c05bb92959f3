"""JSON Schemas of the signed feed files, committed in docs/schema/ (a test keeps them current).

Regenerate with:  python -m koppdesk.feed.schemas docs/schema
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from koppdesk.feed.manifest import Manifest
from koppdesk.feed.root import Root

ENVELOPE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://koppdesk.example.org/schema/envelope-v1.json",
    "title": "Signed envelope (DSSE v1) of manifest.json and root/N.root.json",
    "description": "Each signature is Ed25519 over PAE(payloadType, payload) = 'DSSEv1 ' + len(type) + ' ' + "
                   "type + ' ' + len(payload) + ' ' + payload, with payload the base64-decoded exact bytes of "
                   "the signed document. Clients verify before parsing the payload.",
    "type": "object",
    "additionalProperties": False,
    "required": ["payloadType", "payload", "signatures"],
    "properties": {
        "payloadType": {"enum": ["application/vnd.koppdesk.manifest+json", "application/vnd.koppdesk.root+json"]},
        "payload": {"type": "string", "contentEncoding": "base64"},
        "signatures": {
            "type": "array", "minItems": 1, "maxItems": 16,
            "items": {
                "type": "object", "required": ["keyid", "sig"],
                "properties": {
                    "keyid": {"type": "string", "pattern": "^[0-9a-f]{64}$",
                              "description": "hex sha256 of the raw 32-byte Ed25519 public key"},
                    "sig": {"type": "string", "contentEncoding": "base64"},
                },
            },
        },
    },
}


def _model_schema(model, name: str, title: str) -> dict:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://koppdesk.example.org/schema/{name}-v1.json"
    schema["title"] = title
    return schema


def feed_schemas() -> dict[str, dict]:
    """File name -> schema."""
    return {
        "envelope.schema.json": ENVELOPE_SCHEMA,
        "manifest.schema.json": _model_schema(Manifest, "manifest", "Signed document inside manifest.json"),
        "root.schema.json": _model_schema(Root, "root", "Signed document inside root.json / root/N.root.json"),
    }


def write_schemas(folder: Path) -> None:
    for name, schema in feed_schemas().items():
        (folder / name).write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/schema"))
