"""Signed envelopes (DSSE v1): the signature covers the EXACT bytes of the signed document.

A signed file (`manifest.json`, `root/N.root.json`) is a small JSON object:

    {"payloadType": "application/vnd.koppdesk.manifest+json",
     "payload": "<base64 of the exact document bytes>",
     "signatures": [{"keyid": "<hex sha256 of the public key>", "sig": "<base64>"}]}

Each Ed25519 signature is over PAE(payloadType, payload) =
`b"DSSEv1 " + len(type) + b" " + type + b" " + len(payload) + b" " + payload`
(https://github.com/secure-systems-lab/dsse).  The payload type is signed too, so a signed root
can never be passed off as a manifest or the other way round.  The client checks the
signatures on the decoded bytes *before* it parses them as JSON.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from koppdesk.feed.errors import FeedRejected
from koppdesk.feed.keys import b64decode, b64encode, key_id, verify_signature

log = logging.getLogger(__name__)

MANIFEST_TYPE = "application/vnd.koppdesk.manifest+json"
ROOT_TYPE = "application/vnd.koppdesk.root+json"
#: More signatures than this on one envelope is not a real publisher.
MAX_SIGNATURES = 16


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE pre-authentication encoding."""
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


@dataclass(frozen=True)
class Envelope:
    payload_type: str
    payload: bytes
    signatures: tuple[tuple[str, bytes], ...]  # (keyid, signature)


def sign_envelope(payload: bytes, payload_type: str, keys: list[Ed25519PrivateKey]) -> bytes:
    """The envelope file's bytes, signed by every key in `keys`."""
    message = pae(payload_type, payload)
    envelope = {
        "payloadType": payload_type,
        "payload": b64encode(payload),
        "signatures": [{"keyid": key_id(k.public_key()), "sig": b64encode(k.sign(message))} for k in keys],
    }
    return (json.dumps(envelope, indent=2) + "\n").encode("ascii")


def parse_envelope(raw: bytes, expected_type: str, what: str) -> Envelope:
    """Read the envelope structure only (strings, no document parsing).  Raises FeedRejected."""
    try:
        outer = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        log.error("%s: not JSON (%s); first bytes %r", what, exc, raw[:80])
        raise FeedRejected(f"{what} is geen geldig JSON-bestand.", "bad_json") from exc
    if not isinstance(outer, dict) or set(outer) != {"payloadType", "payload", "signatures"}:
        log.error("%s: not a signed envelope; keys %r", what, sorted(outer) if isinstance(outer, dict) else type(outer))
        raise FeedRejected(f"{what} is geen ondertekend bestand in het verwachte formaat.", "bad_format")
    if outer["payloadType"] != expected_type:
        log.error("%s: payloadType %r, expected %r", what, outer["payloadType"], expected_type)
        raise FeedRejected(f"{what} is een ander soort ondertekend bestand dan verwacht.", "bad_format")
    sigs = outer["signatures"]
    if not isinstance(sigs, list) or not 0 < len(sigs) <= MAX_SIGNATURES:
        log.error("%s: signatures is not a list of 1..%d", what, MAX_SIGNATURES)
        raise FeedRejected(f"{what} heeft geen geldige handtekeningen.", "signature")
    try:
        payload = b64decode(outer["payload"])
        parsed = []
        for sig in sigs:
            if not isinstance(sig, dict) or not isinstance(sig.get("keyid"), str):
                raise ValueError("signature entry without keyid")
            parsed.append((sig["keyid"], b64decode(sig.get("sig"))))
    except ValueError as exc:
        log.error("%s: bad base64 or signature entry: %s", what, exc)
        raise FeedRejected(f"{what} is beschadigd (ongeldige codering).", "bad_format") from exc
    return Envelope(expected_type, payload, tuple(parsed))


def verify_envelope(
    envelope: Envelope, keys: Mapping[str, Ed25519PublicKey], threshold: int, what: str
) -> bytes:
    """Return the payload bytes when at least `threshold` distinct trusted keys signed them.

    Raises FeedRejected("signature") otherwise; unknown key ids are ignored, not trusted.
    """
    message = pae(envelope.payload_type, envelope.payload)
    good: set[str] = set()
    for keyid, signature in envelope.signatures:
        key = keys.get(keyid)
        if key is None:
            log.warning("%s: signature by unknown key %s ignored", what, keyid[:64])
            continue
        if keyid not in good and verify_signature(key, signature, message):
            good.add(keyid)
        elif keyid not in good:
            log.error("%s: signature by key %s does not match the content", what, keyid)
    if len(good) < threshold:
        log.error("%s: %d valid signature(s) from trusted keys, %d needed; trusted %s",
                  what, len(good), threshold, sorted(keys))
        raise FeedRejected(
            f"De handtekening van {what} klopt niet: het bestand is niet ondertekend met de "
            "vertrouwde sleutel van de uitgever, of het is na ondertekening gewijzigd.",
            "signature",
        )
    return envelope.payload
