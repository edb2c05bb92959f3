"""The manifest (`manifest.json`): which payload is current, until when, and its hash.

The signed document is canonical JSON (sorted keys, ASCII) of `Manifest`; it travels inside a
DSSE envelope (see envelope.py), so the signature covers its exact bytes and is checked before
the document is parsed.  `docs/schema/manifest.schema.json` is generated from this model.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Annotated, Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from koppdesk.feed.envelope import MANIFEST_TYPE, parse_envelope, sign_envelope, verify_envelope
from koppdesk.feed.errors import FeedRejected
from koppdesk.feed.root import FeedId, TrustedRoot

log = logging.getLogger(__name__)

MANIFEST_FILENAME = "manifest.json"
PAYLOAD_FILENAME = "feed.json"
ROOT_DIRNAME = "root"
MAX_MANIFEST_BYTES = 64 * 1024
#: Hard cap on a payload, whatever a (possibly compromised) manifest says.
MAX_PAYLOAD_BYTES = 256 * 1024 * 1024


def root_filename(version: int) -> str:
    return f"{version}.root.json"


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    spec_version: Literal[1] = 1
    feed_id: FeedId
    #: Strictly increasing with every publication.
    version: int = Field(ge=1, le=10**12)
    issued: AwareDatetime
    #: After this moment the client refuses the manifest (freeze protection).
    expires: AwareDatetime
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    length: int = Field(ge=0, le=MAX_PAYLOAD_BYTES)
    #: Version of the root whose key signed this manifest (informative).
    root_version: int = Field(default=1, ge=1)

    @model_validator(mode="after")
    def _expires_after_issued(self) -> Manifest:
        if self.expires <= self.issued:
            raise ValueError("expires ligt niet na issued")
        return self


def manifest_bytes(manifest: Manifest) -> bytes:
    return (json.dumps(manifest.model_dump(mode="json"), indent=2, sort_keys=True) + "\n").encode("ascii")


def sign_manifest(manifest: Manifest, signers: list[Ed25519PrivateKey]) -> bytes:
    return sign_envelope(manifest_bytes(manifest), MANIFEST_TYPE, signers)


def verify_manifest(raw: bytes, trusted: TrustedRoot) -> Manifest:
    """Check size and signature on the exact bytes, then parse; feed_id must match the root."""
    what = "het manifest (manifest.json)"
    if len(raw) > MAX_MANIFEST_BYTES:
        log.error("manifest: %d bytes, cap %d", len(raw), MAX_MANIFEST_BYTES)
        raise FeedRejected("Het manifest is te groot; het wordt niet gebruikt.", "size")
    envelope = parse_envelope(raw, MANIFEST_TYPE, what)
    document = verify_envelope(envelope, trusted.keys(), trusted.root.threshold, what)
    try:
        manifest = Manifest.model_validate_json(document)
    except ValidationError as exc:
        log.error("manifest: signed but invalid: %s", exc)
        raise FeedRejected("Het manifest is ondertekend maar heeft geen geldige inhoud.", "schema") from exc
    if manifest.feed_id != trusted.feed_id:
        log.error("manifest: feed_id %r, trusted root is for %r", manifest.feed_id, trusted.feed_id)
        raise FeedRejected(
            f"Het manifest hoort bij een andere feed ({manifest.feed_id}) dan de ingestelde "
            f"({trusted.feed_id}).", "feed_id",
        )
    return manifest


def read_unverified_version(raw: bytes) -> int | None:
    """The version in a manifest file without checking it (publisher: next version number)."""
    try:
        envelope = parse_envelope(raw, MANIFEST_TYPE, "manifest")
        return Manifest.model_validate_json(envelope.payload).version
    except (FeedRejected, ValidationError):
        return None


def is_expired(manifest: Manifest, floor: datetime) -> bool:
    return manifest.expires <= floor
