"""The committed JSON Schema is the one the models produce, and the demo follows it."""

import json
from pathlib import Path

from koppdesk.bundle import demo_payload_path
from koppdesk.models import Payload, payload_json_schema

COMMITTED = Path(__file__).resolve().parents[1] / "docs" / "schema" / "sociale-kaart.schema.json"


def test_committed_schema_is_current():
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == payload_json_schema(), (
        "docs/schema/sociale-kaart.schema.json is outdated: run `koppdesk schema > docs/schema/sociale-kaart.schema.json`"
    )


def test_demo_payload_validates():
    Payload.model_validate_json(demo_payload_path().read_bytes())


def test_committed_feed_schemas_are_current():
    from koppdesk.feed.schemas import feed_schemas

    for name, schema in feed_schemas().items():
        committed = json.loads((COMMITTED.parent / name).read_text(encoding="utf-8"))
        assert committed == schema, f"docs/schema/{name} is outdated: run `python -m koppdesk.feed.schemas docs/schema`"
