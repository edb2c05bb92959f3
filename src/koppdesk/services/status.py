"""How old the sociale kaart is, in words for the status bar."""

from __future__ import annotations

from datetime import datetime, timezone

from koppdesk.store.meta import meta_time


def _days(then: datetime, now: datetime) -> int:
    return max(0, (now - then).days)


def data_age_text(meta: dict[str, str], now: datetime | None = None) -> str:
    """E.g. "Sociale kaart: demo-gegevens van 01-11-2026 (21 dagen oud)"."""
    now = now or datetime.now(timezone.utc)
    generated = meta_time(meta.get("data_generated"))
    if generated is None:
        return "Sociale kaart: nog geen gegevens"
    kind = "demo-gegevens" if meta.get("data_source") == "demo" else "gegevens"
    days = _days(generated, now)
    age = "vandaag" if days == 0 else ("1 dag oud" if days == 1 else f"{days} dagen oud")
    return f"Sociale kaart: {kind} van {generated.strftime('%d-%m-%Y')} ({age})"
