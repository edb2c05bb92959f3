"""Checking a downloaded payload against its signed manifest, then against the schema."""

from __future__ import annotations

import hashlib
import logging

from pydantic import ValidationError

from koppdesk.feed.errors import FeedRejected
from koppdesk.feed.manifest import Manifest
from koppdesk.models import Payload

log = logging.getLogger(__name__)

#: How many validation errors a user message names (the log has all of them).
SHOWN_ERRORS = 3


def error_path(loc: tuple) -> str:
    """`("services", 3, "phones", 0, "number")` -> `services[3].phones[0].number`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(geheel)"


def error_lines(exc: ValidationError) -> list[str]:
    """One line per validation error: path, message, and a short view of the bad value."""
    lines = []
    for err in exc.errors(include_url=False):
        value = repr(err.get("input"))
        value = value if len(value) <= 60 else value[:57] + "..."
        lines.append(f"{error_path(tuple(err['loc']))}: {err['msg']} (waarde: {value})")
    return lines


def check_payload_bytes(raw: bytes, manifest: Manifest) -> None:
    """Length and sha256 as signed in the manifest."""
    if len(raw) != manifest.length:
        log.error("payload: %d bytes, manifest says %d", len(raw), manifest.length)
        raise FeedRejected("De sociale kaart (feed.json) heeft niet de ondertekende lengte: "
                           "het bestand is gewijzigd of onvolledig.", "hash")
    digest = hashlib.sha256(raw).hexdigest()
    if digest != manifest.sha256:
        log.error("payload: sha256 %s, manifest says %s", digest, manifest.sha256)
        raise FeedRejected("De sociale kaart (feed.json) komt niet overeen met de ondertekende "
                           "controlewaarde: het bestand is na ondertekening gewijzigd.", "hash")


def verify_payload(raw: bytes, manifest: Manifest) -> Payload:
    """Length and sha256 as signed in the manifest, then the pydantic schema."""
    check_payload_bytes(raw, manifest)
    try:
        return Payload.model_validate_json(raw)
    except ValidationError as exc:
        lines = error_lines(exc)
        for line in lines:
            log.error("payload version %d invalid: %s", manifest.version, line)
        shown = "; ".join(lines[:SHOWN_ERRORS]) + ("; …" if len(lines) > SHOWN_ERRORS else "")
        raise FeedRejected(
            f"De sociale kaart is ondertekend maar voldoet niet aan het formaat "
            f"({len(lines)} fouten: {shown}).", "schema") from exc
