"""An independent count of the coverage matrix: plain Python over a payload's JSON, no SQL.

Used by the Dekking tests (service, CLI, GUI) to check the numbers the app shows.
"""

from __future__ import annotations

DEMO_GEMEENTEN = ["GM0307", "GM0327", "GM0344", "GM0193", "GM0855", "GM0014"]
#: The documented bands (README "Dekking"): whole years, both ends inclusive.
BANDS = {"0-4": (0, 3), "4-8": (4, 7), "8-12": (8, 11), "12-16": (12, 15), "16-18": (16, 17), "18-25": (18, 25)}
KINDS = ["groep", "individueel", "gezin", "ouders", "online", "jonge mantelzorgers", "volwassen KOPP"]
ROWS = ["all"] + [f"kind:{k}" for k in KINDS] + ["problem:psychisch", "problem:verslaving"]


# -- the independent count: plain Python over the payload's JSON ---------------------------

def counted_ids(services: list[dict], codes: set[str], row: str, band: str, *, local_only=False,
                problem=None) -> set[str]:
    low, high = BANDS[band]
    found = set()
    for s in services:
        if s.get("status", "active") not in ("active", "temporarily closed"):
            continue
        online = "online" in s["kinds"]
        names_region = bool(codes & set(s["service_areas"]))
        if not (online or "NL" in s["service_areas"] or names_region):
            continue
        if local_only and (online or not names_region):
            continue
        if problem and problem not in s.get("parent_problems", []):
            continue
        lo, hi = s.get("minimum_age"), s.get("maximum_age")
        if (lo is not None and lo > high) or (hi is not None and hi < low):
            continue
        what, _, value = row.partition(":")
        if what == "kind" and value not in s["kinds"]:
            continue
        if what == "problem" and value not in s.get("parent_problems", []):
            continue
        found.add(s["id"])
    return found


def expected_counts(services, codes, **kw) -> dict[str, dict[str, int]]:
    return {row: {band: len(counted_ids(services, set(codes), row, band, **kw)) for band in BANDS}
            for row in ROWS}
