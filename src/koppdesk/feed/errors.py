"""Why a sync did not go through: a rejected feed (exit 3) or a network failure (exit 4).

Each error carries a Dutch message for the user (`str(exc)`) and a short reason code that
the log, the tests and IT tools can rely on.  Details for IT go to the log where raised.
"""

from __future__ import annotations


class FeedError(Exception):
    """Base: `str(exc)` is the Dutch message, `reason` a stable code."""

    reason = "feed"

    def __init__(self, message: str, reason: str | None = None):
        super().__init__(message)
        if reason is not None:
            self.reason = reason


class FeedRejected(FeedError):
    """The feed is not trustworthy or not valid: signature, rollback, expiry, hash, size,
    schema, feed_id...  Never retried; the stored data stays as it was."""

    reason = "rejected"


class NetworkFailure(FeedError):
    """The feed could not be fetched (connection, timeout, HTTP error, captive portal)."""

    reason = "network"
