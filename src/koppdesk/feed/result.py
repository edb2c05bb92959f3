"""The outcome of one sync run, in words (Dutch) and as an exit code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: keep the GUI's start-up free of the payload models
    from koppdesk.store import ApplyResult
    from koppdesk.store.diff import ChangePreview


class Outcome(StrEnum):
    APPLIED = "applied"          # new data applied
    UNCHANGED = "unchanged"      # checked: the stored data is current
    HELD = "held"                # large change waits for the user's confirmation
    REJECTED = "rejected"        # feed not trustworthy or not valid
    NETWORK = "network"          # could not fetch
    NOT_CONFIGURED = "not_configured"
    BUSY = "busy"                # another sync in this process is running
    ERROR = "error"              # local problem (database busy, disk)


EXIT_CODES = {
    Outcome.APPLIED: 0, Outcome.UNCHANGED: 0, Outcome.HELD: 3, Outcome.REJECTED: 3,
    Outcome.NETWORK: 4, Outcome.NOT_CONFIGURED: 2, Outcome.BUSY: 1, Outcome.ERROR: 1,
}


@dataclass(frozen=True)
class SyncResult:
    outcome: Outcome
    #: Dutch, for the user: what happened and why.
    message: str
    #: Stable code: "signature", "rollback", "expired", "hash", "size", "schema", "feed_id",
    #: "large_change", "deadline", "http_503", ... ("" when all went well).
    reason: str
    at: datetime
    version: int | None = None
    counts: ApplyResult | None = None
    preview: ChangePreview | None = None
    #: sha256 of the payload held back by the diff guard (to confirm exactly that one).
    payload_sha256: str | None = None

    @property
    def ok(self) -> bool:
        return self.outcome in (Outcome.APPLIED, Outcome.UNCHANGED)

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.outcome]

    def summary_line(self) -> str:
        """Machine-readable one-liner for scripts and logs."""
        parts = [f"resultaat={self.outcome.value}"]
        if self.version is not None:
            parts.append(f"versie={self.version}")
        if self.counts is not None:
            c = self.counts
            parts += [f"nieuw={c.new}", f"gewijzigd={c.changed}", f"ingetrokken={c.withdrawn}",
                      f"ongewijzigd={c.unchanged}"]
        if self.reason:
            parts.append(f"reden={self.reason}")
        return " ".join(parts)
