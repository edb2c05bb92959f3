"""The local chain (ketenkaart): organisations that work in a gemeente, and roles the practice adds.

An organisation is in the chain of a gemeente when its `gemeenten` list names it, when one of
its offers that counts (not withdrawn, active or temporarily closed) names it in its service
areas, when it has such an offer that is national, or when the practice added a role for it
there.  Which roles it then takes is decided by the service layer (services/keten.py).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import NamedTuple

from koppdesk.models import Organization
from koppdesk.store import facets
from koppdesk.store.db import write_transaction


class ChainOrganization(NamedTuple):
    organization: Organization
    source: str  # 'feed' or 'local'
    #: The organisation's own `gemeenten` list names the gemeente.
    listed: bool
    #: One of its offers names the gemeente in its service areas.
    serves: bool
    #: One of its offers is national.
    national: bool
    #: Roles the practice added for this organisation in this gemeente.
    local_roles: tuple[str, ...]


class LocalOrgRole(NamedTuple):
    organization_id: str
    gemeente: str
    role: str
    added: str


_ACTIVE = "s.withdrawn_at IS NULL AND s.status IN ('active', 'temporarily closed')"

# Set-based: the organisations serving the gemeente come from the facet tokens of the index, the
# national ones from one pass over services; only the (few) matches are decoded.
_SQL = f"""
WITH
serving(id) AS (SELECT DISTINCT s.organization_id FROM services s
                WHERE s.pk IN (SELECT rowid FROM services_fts WHERE services_fts MATCH :area) AND {_ACTIVE}),
national(id) AS (SELECT DISTINCT s.organization_id FROM services s WHERE s.is_national = 1 AND {_ACTIVE}),
listed(id) AS (SELECT o.id FROM organizations o, json_each(o.data, '$.gemeenten') g
               WHERE o.withdrawn_at IS NULL AND g.value = :code),
added(id, roles) AS (SELECT organization_id, json_group_array(role) FROM
                     (SELECT organization_id, role FROM local_org_roles WHERE gemeente = :code ORDER BY role)
                     GROUP BY organization_id)
SELECT o.data, o.source, o.id IN (SELECT id FROM listed), o.id IN (SELECT id FROM serving),
       o.id IN (SELECT id FROM national), coalesce((SELECT roles FROM added WHERE added.id = o.id), '[]')
FROM organizations o
WHERE o.withdrawn_at IS NULL
  AND o.id IN (SELECT id FROM serving UNION SELECT id FROM national UNION SELECT id FROM listed
               UNION SELECT id FROM added)
ORDER BY o.name COLLATE NOCASE, o.id
"""


def chain_organizations(db: sqlite3.Connection, code: str) -> list[ChainOrganization]:
    """Organisations in the chain of gemeente `code` (see the module docstring)."""
    return [
        ChainOrganization(Organization.model_validate_json(data), source, bool(listed), bool(serves),
                          bool(national), tuple(json.loads(local_roles)))
        for data, source, listed, serves, national, local_roles in db.execute(
            _SQL, {"code": code, "area": f"facets : {facets.area_token(code)}"})
    ]


def list_local_roles(db: sqlite3.Connection) -> list[LocalOrgRole]:
    return [LocalOrgRole(*r) for r in db.execute(
        "SELECT organization_id, gemeente, role, added FROM local_org_roles"
        " ORDER BY gemeente, organization_id, role")]


def add_local_role(db: sqlite3.Connection, organization_id: str, gemeente: str, role: str,
                   added: datetime | None = None) -> None:
    stamp = (added or datetime.now(timezone.utc).replace(microsecond=0)).isoformat()
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT OR IGNORE INTO local_org_roles (organization_id, gemeente, role, added)"
            " VALUES (?, ?, ?, ?)", (organization_id, gemeente, role, stamp))


def remove_local_role(db: sqlite3.Connection, organization_id: str, gemeente: str, role: str) -> bool:
    with write_transaction(db) as conn:
        cur = conn.execute(
            "DELETE FROM local_org_roles WHERE organization_id = ? AND gemeente = ? AND role = ?",
            (organization_id, gemeente, role))
        return cur.rowcount > 0
