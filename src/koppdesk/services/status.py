"""How old the sociale kaart is, in words for the status bar."""

from __future__ import annotations

from datetime import datetime, timezone


def _days(then: datetime, now: datetime) -> int:
    return max(0, (now - then).days)


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def data_age_text(meta: dict[str, str], now: datetime | None = None) -> str:
    """E.g. "Sociale kaart: demo-gegevens van 01-11-2026 (21 dagen oud)"."""
    now = now or datetime.now(timezone.utc)
    generated = _parse(meta.get("data_generated"))
    if generated is None:
        return "Sociale kaart: nog geen gegevens"
    kind = "demo-gegevens" if meta.get("data_source") == "demo" else "gegevens"
    days = _days(generated, now)
    age = "vandaag" if days == 0 else ("1 dag oud" if days == 1 else f"{days} dagen oud")
    return f"Sociale kaart: {kind} van {generated.strftime('%d-%m-%Y')} ({age})"
