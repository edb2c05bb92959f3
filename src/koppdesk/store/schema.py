"""Database schema as an ordered list of migrations.

`MIGRATIONS[n]` takes a database from user_version n to n+1.  Never edit a released
migration; append a new one.  `store.db.open_database` backs the file up before
running any migration on an existing database.
"""

from __future__ import annotations

#: SQLite `application_id` for koppdesk files ("KOPP" in ASCII).
APPLICATION_ID = 0x4B4F5050

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Feed rows (source = 'feed') and the practice's own rows (source = 'local') live side
-- by side.  A sync only ever touches rows with source = 'feed'.
CREATE TABLE organizations (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('feed', 'local')),
    withdrawn_at TEXT,
    data         TEXT NOT NULL            -- JSON of models.Organization
);

CREATE TABLE locations (
    id           TEXT PRIMARY KEY,
    source       TEXT NOT NULL CHECK (source IN ('feed', 'local')),
    withdrawn_at TEXT,
    data         TEXT NOT NULL            -- JSON of models.Location
);

CREATE TABLE services (
    pk                INTEGER PRIMARY KEY,  -- stable rowid for the FTS index
    id                TEXT NOT NULL UNIQUE,
    organization_id   TEXT NOT NULL,
    name              TEXT NOT NULL,
    organization_name TEXT NOT NULL,
    search_text       TEXT NOT NULL,        -- description, alternate name, places, kinds
    facets            TEXT NOT NULL,        -- filter tokens for the FTS index (store/facets.py)
    minimum_age       INTEGER,
    maximum_age       INTEGER,
    kinds             TEXT NOT NULL,        -- JSON list, for display
    areas             TEXT NOT NULL,        -- JSON list of CBS codes / "NL", for display
    is_online         INTEGER NOT NULL,
    is_national       INTEGER NOT NULL,
    referral_required INTEGER NOT NULL,
    status            TEXT NOT NULL,
    assured_date      TEXT,
    source            TEXT NOT NULL CHECK (source IN ('feed', 'local')),
    withdrawn_at      TEXT,
    content_hash      TEXT NOT NULL,        -- sha256 of `data`, to count changes on sync
    data              TEXT NOT NULL         -- JSON of models.Service
);
CREATE INDEX services_source ON services (source, withdrawn_at);
CREATE INDEX services_name ON services (name COLLATE NOCASE);

CREATE TABLE service_areas (
    area       TEXT NOT NULL,
    service_pk INTEGER NOT NULL REFERENCES services (pk) ON DELETE CASCADE,
    PRIMARY KEY (area, service_pk)
) WITHOUT ROWID;
CREATE INDEX service_areas_pk ON service_areas (service_pk);

CREATE TABLE service_kinds (
    kind       TEXT NOT NULL,
    service_pk INTEGER NOT NULL REFERENCES services (pk) ON DELETE CASCADE,
    PRIMARY KEY (kind, service_pk)
) WITHOUT ROWID;
CREATE INDEX service_kinds_pk ON service_kinds (service_pk);

CREATE TABLE service_problems (
    problem    TEXT NOT NULL,
    service_pk INTEGER NOT NULL REFERENCES services (pk) ON DELETE CASCADE,
    PRIMARY KEY (problem, service_pk)
) WITHOUT ROWID;
CREATE INDEX service_problems_pk ON service_problems (service_pk);

-- Full-text index over services, diacritics-insensitive, with prefix indexes for 2 to 5
-- letters (what people type before they pick from the list), so a prefix such as "psyc"
-- that starts words in most offers reads one stored list instead of merging the lists of
-- every such word on each keystroke (2-6 made search ~5% faster but a sync ~20% slower).
-- The hidden `facets` column holds filter tokens (store/facets.py); since v3 they are also
-- what coverage, the chain map and filters without text use (the filter tables are gone).
-- Kept in step with `services` by store/offers.py (fts_remove/fts_add), in batches: one
-- statement per write instead of a trigger per row makes a large sync several times faster.
CREATE VIRTUAL TABLE services_fts USING fts5 (
    name, organization_name, search_text, facets,
    content = 'services', content_rowid = 'pk',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4 5',
    detail = column   -- no word positions: queries are prefix terms, never phrases
);

-- Local entries.  Notes and favourites refer to a service id without a foreign key, so
-- they survive when a feed withdraws the offer (it is then shown as withdrawn).
CREATE TABLE notes (
    service_id TEXT PRIMARY KEY,
    text       TEXT NOT NULL,
    updated    TEXT NOT NULL
);
CREATE TABLE favourites (
    service_id TEXT PRIMARY KEY,
    added      TEXT NOT NULL
);
-- Personal contacts ("korte lijnen"): a name and number a colleague can call.
CREATE TABLE local_contacts (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    organization TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    gemeente     TEXT NOT NULL DEFAULT '',
    chain_roles  TEXT NOT NULL DEFAULT '[]',   -- JSON list of models.ChainRole values
    note         TEXT NOT NULL DEFAULT '',
    updated      TEXT NOT NULL
);
"""

# Chain roles the practice adds itself to an organisation of the kaart, for one gemeente
# (ketenkaart).  No foreign key: like notes, a local role survives a sync that withdraws
# the organisation, and shows again if the feed brings it back.
_V2_LOCAL_ORG_ROLES = """
CREATE TABLE local_org_roles (
    organization_id TEXT NOT NULL,
    gemeente        TEXT NOT NULL,          -- CBS code (GM0307)
    role            TEXT NOT NULL,          -- models.ChainRole value
    added           TEXT NOT NULL,
    PRIMARY KEY (organization_id, gemeente, role)
) WITHOUT ROWID;
CREATE INDEX local_org_roles_gemeente ON local_org_roles (gemeente);
"""

# The filter tables go: the facet tokens of the full-text index (store/facets.py) answer what
# they answered (coverage, chain map, filters without text), and filling them took a tenth of a
# 20,000-offer sync (bench/sync.py).
_V3_NO_FILTER_TABLES = """
DROP TABLE service_areas;
DROP TABLE service_kinds;
DROP TABLE service_problems;
"""

# The list in name order holds what a result row shows (store/search.py `_COLUMNS`), after
# the conditions it is filtered on: listing the kaart without text (the first window) reads
# the index alone instead of 500 rows spread over the file (2.7 -> 1.2 ms for the first page
# of a national kaart from a cold start, bench/startup.py).  It replaces the name index.
_V4_LIST_INDEX = """
CREATE INDEX services_list ON services (
    name COLLATE NOCASE, withdrawn_at, status, pk, id, organization_name, minimum_age, maximum_age,
    kinds, areas, source, is_online, referral_required
);
DROP INDEX services_name;
"""

MIGRATIONS: list[str] = [_V1, _V2_LOCAL_ORG_ROLES, _V3_NO_FILTER_TABLES, _V4_LIST_INDEX]

#: FTS5 keeps the index entries of a write in memory up to this many bytes, then writes them
#: out as a segment that later writes merge again.  With the default (1 MiB) a 20,000-offer
#: sync writes dozens of segments and merges them over and over; 32 MiB halves the time to
#: index it (bench/sync.py) and leaves fewer segments for a search to combine.  `hashsize` is
#: an FTS5 configuration key the FTS5 manual does not list (fts5_config.c has it); where a
#: SQLite build refuses it, the default stays and only speed is lost (`store.db.tune_fts`).
FTS_HASHSIZE = 32 * 1024 * 1024

#: The user_version this code writes.
SCHEMA_VERSION = len(MIGRATIONS)
