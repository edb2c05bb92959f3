"""What applying a payload would change, computed before writing (for the diff guard)."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass

from koppdesk.models import Payload, Service

_LIVE = ("active", "temporarily closed")


@dataclass(frozen=True)
class ChangePreview:
    #: Offers from the feed shown now (not withdrawn, active or temporarily closed).
    active: int
    #: Of those: missing from the new payload, or made inactive/defunct by it.
    withdrawn: int
    #: Of those still there: offers whose phone numbers change.
    phones_changed: int
    new: int


def _digits(number: str) -> str:
    return re.sub(r"[^0-9+]", "", number)


def _phones(svc: dict, org_phones: dict[str, frozenset[str]]) -> frozenset[str]:
    """The numbers a clinician sees for an offer: its own and its contacts', else the organisation's."""
    numbers = {_digits(p["number"]) for p in svc.get("phones", [])}
    for contact in svc.get("contacts", []):
        numbers |= {_digits(p["number"]) for p in contact.get("phones", [])}
    return frozenset(numbers) or org_phones.get(svc.get("organization_id", ""), frozenset())


def preview_changes(conn: sqlite3.Connection, payload: Payload) -> ChangePreview:
    org_phones_now = {
        row[0]: frozenset(_digits(p["number"]) for p in json.loads(row[1]).get("phones", []))
        for row in conn.execute("SELECT id, data FROM organizations WHERE source = 'feed'")
    }
    org_phones_new = {o.id: frozenset(_digits(p.number) for p in o.phones) for o in payload.organizations}
    incoming: dict[str, Service] = {s.id: s for s in payload.services}
    active = withdrawn = phones_changed = 0
    seen: set[str] = set()
    for sid, status, data in conn.execute(
        "SELECT id, status, data FROM services WHERE source = 'feed' AND withdrawn_at IS NULL"
    ):
        seen.add(sid)
        if status not in _LIVE:
            continue
        active += 1
        new = incoming.get(sid)
        if new is None or str(new.status) not in _LIVE:
            withdrawn += 1
            continue
        before = _phones(json.loads(data), org_phones_now)
        after = _phones(new.model_dump(mode="json", include={"phones", "contacts", "organization_id"}),
                        org_phones_new)
        if before != after:
            phones_changed += 1
    return ChangePreview(active, withdrawn, phones_changed, sum(1 for s in incoming if s not in seen))
