"""The sync state in words: last successful check, warnings for the banner, last attempt."""

from __future__ import annotations

from datetime import datetime, timezone

from koppdesk.feed.state import SyncState
from koppdesk.services.sync import STALE_AFTER, LastAttempt


def _when(value: datetime) -> str:
    return value.astimezone().strftime("%d-%m-%Y %H:%M")


def last_sync_text(meta: dict[str, str]) -> str:
    """E.g. "Bijgewerkt: 22-11-2026 14:03, gecontroleerd: 23-11-2026 09:00"."""
    state = SyncState.from_meta(meta)
    if state.checked is None:
        return "Nog niet bijgewerkt via de feed"
    if state.synced is None or state.synced == state.checked:
        return f"Bijgewerkt: {_when(state.checked)}"
    return f"Bijgewerkt: {_when(state.synced)}, gecontroleerd: {_when(state.checked)}"


def stale_warning(meta: dict[str, str], configured: bool, now: datetime | None = None) -> str | None:
    """Text for the warning banner, or None.  Stored data stays usable in every case."""
    now = now or datetime.now(timezone.utc)
    state = SyncState.from_meta(meta)
    floor = max(now, state.issued) if state.issued else now
    if state.expires is not None and state.expires <= floor:
        return (f"Let op: de sociale kaart is sinds {_when(state.expires)} niet meer bevestigd door de "
                "uitgever (verlopen). U ziet de laatst gecontroleerde gegevens; controleer een "
                "telefoonnummer of aanbod zo nodig bij de organisatie.")
    if state.checked is not None and now - state.checked >= STALE_AFTER:
        days = (now - state.checked).days
        return (f"Let op: de sociale kaart is al {days} dagen niet bijgewerkt (laatst gecontroleerd op "
                f"{_when(state.checked)}). Kies Sociale kaart > Nu bijwerken, of vraag IT-beheer waarom het niet lukt.")
    if state.checked is None and configured:
        generated = meta.get("data_generated")
        try:
            age = now - datetime.fromisoformat(generated) if generated else None
        except ValueError:
            age = None
        if age is not None and age >= STALE_AFTER:
            return ("Let op: de sociale kaart is nog nooit bijgewerkt en de gegevens zijn "
                    f"{age.days} dagen oud. Kies Sociale kaart > Nu bijwerken.")
    return None


def attempt_text(last: LastAttempt | None) -> str:
    if last is None:
        return "Nog geen poging tot bijwerken."
    return f"Laatste poging ({_when(last.at)}): {last.message}"


_SHORT = {
    "held": "wacht op uw bevestiging",
    "rejected": "feed geweigerd",
    "network": "geen verbinding",
    "not_configured": "niet ingesteld",
    "error": "mislukt",
}


def attempt_short(last: LastAttempt | None) -> str | None:
    """A few words for the status bar when the last attempt did not succeed, else None."""
    if last is None or last.ok:
        return None
    return f"laatste poging {_when(last.at)}: {_SHORT.get(last.outcome, 'mislukt')}"
