"""The trust root (`root.json`): the feed's id and the publisher's public keys, versioned.

The first root reaches the client out of band (installer, IT, `--root`); the client trusts it
as given and only checks that it is signed by its own keys.  Every later root version N+1 is
published as `root/<N+1>.root.json` and must be signed by a threshold of the keys of root N
*and* of root N+1 (key rotation), keep the feed_id, and raise the version by exactly one.
A client walks at most MAX_ROOT_STEPS versions of at most MAX_ROOT_BYTES each per sync.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from koppdesk.feed.envelope import ROOT_TYPE, parse_envelope, sign_envelope, verify_envelope
from koppdesk.feed.errors import FeedRejected
from koppdesk.feed.keys import b64encode, key_id, public_bytes, public_from_b64

log = logging.getLogger(__name__)

MAX_ROOT_BYTES = 64 * 1024
MAX_ROOT_STEPS = 32
ROOT_SPEC_VERSION = 1

FeedId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{2,63}$")]
KeyId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class PublicKey(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    keytype: Literal["ed25519"] = "ed25519"
    public: Annotated[str, StringConstraints(max_length=64)]


class Root(BaseModel):
    """The signed document inside `root.json`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    spec_version: Literal[1] = ROOT_SPEC_VERSION
    feed_id: FeedId
    version: int = Field(ge=1, le=1_000_000)
    threshold: int = Field(default=1, ge=1, le=16)
    keys: dict[KeyId, PublicKey] = Field(min_length=1, max_length=16)
    created: AwareDatetime

    @model_validator(mode="after")
    def _consistent(self) -> Root:
        if self.threshold > len(self.keys):
            raise ValueError("threshold is groter dan het aantal sleutels")
        for kid, pk in self.keys.items():
            try:
                key = public_from_b64(pk.public)
            except ValueError as exc:
                raise ValueError(f"sleutel {kid[:12]}…: {exc}") from exc
            if key_id(key) != kid:
                raise ValueError(f"sleutel-id {kid[:12]}… hoort niet bij de publieke sleutel")
        return self

    def public_keys(self) -> dict[str, Ed25519PublicKey]:
        return {kid: public_from_b64(pk.public) for kid, pk in self.keys.items()}


@dataclass(frozen=True)
class TrustedRoot:
    """A verified root and the exact envelope bytes it came in (stored as sync state)."""

    root: Root
    raw: bytes

    @property
    def version(self) -> int:
        return self.root.version

    @property
    def feed_id(self) -> str:
        return self.root.feed_id

    def keys(self) -> dict[str, Ed25519PublicKey]:
        return self.root.public_keys()


def make_root(feed_id: str, version: int, keys: list[Ed25519PublicKey], created: datetime,
              threshold: int = 1) -> Root:
    return Root(
        feed_id=feed_id, version=version, threshold=threshold, created=created,
        keys={key_id(k): PublicKey(public=b64encode(public_bytes(k))) for k in keys},
    )


def root_bytes(root: Root) -> bytes:
    return (json.dumps(root.model_dump(mode="json"), indent=2, sort_keys=True) + "\n").encode("ascii")


def sign_root(root: Root, signers: list[Ed25519PrivateKey]) -> bytes:
    return sign_envelope(root_bytes(root), ROOT_TYPE, signers)


def _parse_root(document: bytes, what: str) -> Root:
    try:
        return Root.model_validate_json(document)
    except ValidationError as exc:
        log.error("%s: invalid root document: %s", what, exc)
        raise FeedRejected(f"{what} is geen geldige vertrouwensbron (root).", "root") from exc


def _check_size(raw: bytes, what: str) -> None:
    if len(raw) > MAX_ROOT_BYTES:
        log.error("%s: %d bytes, more than %d", what, len(raw), MAX_ROOT_BYTES)
        raise FeedRejected(f"{what} is te groot voor een vertrouwensbron.", "size")


def load_root(raw: bytes, what: str = "de vertrouwensbron (root.json)") -> TrustedRoot:
    """A root given out of band: parse it and check it is signed by its own keys."""
    _check_size(raw, what)
    envelope = parse_envelope(raw, ROOT_TYPE, what)
    root = _parse_root(envelope.payload, what)
    verify_envelope(envelope, root.public_keys(), root.threshold, what)
    return TrustedRoot(root, raw)


def next_root(current: TrustedRoot, raw: bytes) -> TrustedRoot:
    """Verify root version current+1: signed by the current keys, then by its own keys."""
    what = f"vertrouwensbron versie {current.version + 1}"
    _check_size(raw, what)
    envelope = parse_envelope(raw, ROOT_TYPE, what)
    document = verify_envelope(envelope, current.keys(), current.root.threshold, what)
    root = _parse_root(document, what)
    if root.feed_id != current.feed_id:
        log.error("%s: feed_id %r, trusted %r", what, root.feed_id, current.feed_id)
        raise FeedRejected(f"{what} hoort bij een andere feed ({root.feed_id}).", "feed_id")
    if root.version != current.version + 1:
        log.error("%s: document says version %d", what, root.version)
        raise FeedRejected(f"{what} heeft een onverwacht versienummer ({root.version}).", "root")
    verify_envelope(envelope, root.public_keys(), root.threshold, what)
    return TrustedRoot(root, raw)
