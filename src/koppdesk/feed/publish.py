"""Publisher side: make a key and trust root, publish a signed feed folder, rotate keys.

A published folder (PUBDIR) holds static files for any web server or CDN:

    feed.json               the payload (validated, normalised, compact UTF-8 JSON)
    manifest.json           signed: feed_id, version, issued, expires, sha256, length
    root/1.root.json ...    every root version, so clients can walk key rotations
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from pydantic import ValidationError

from koppdesk.feed.errors import FeedRejected
from koppdesk.feed.keys import KeyFileError, generate_private_key, key_id, read_private_key, write_private_key
from koppdesk.feed.manifest import (
    MANIFEST_FILENAME, MAX_PAYLOAD_BYTES, PAYLOAD_FILENAME, ROOT_DIRNAME, Manifest, read_unverified_version,
    root_filename, sign_manifest,
)
from koppdesk.feed.root import TrustedRoot, load_root, make_root, next_root, sign_root
from koppdesk.feed.verify import error_lines
from koppdesk.models import Payload

log = logging.getLogger(__name__)

KEY_FILENAME = "signing.key"
ROOT_FILENAME = "root.json"
DEFAULT_EXPIRES_DAYS = 14


class PublishError(Exception):
    """Dutch message; `lines` lists details such as validation errors by path."""

    def __init__(self, message: str, lines: list[str] | None = None):
        super().__init__(message)
        self.lines = lines or []


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def default_feed_id() -> str:
    return f"koppdesk-{secrets.token_hex(4)}"


def keygen(out_dir: Path, feed_id: str | None, now: datetime) -> tuple[Path, Path]:
    """Write `signing.key` (mode 0600) and a self-signed `root.json` version 1."""
    feed_id = feed_id or default_feed_id()
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]{2,63}", feed_id):
        raise PublishError("Een feed-id bestaat uit 3 tot 64 kleine letters, cijfers, '.', '_' of '-'.")
    out_dir.mkdir(parents=True, exist_ok=True)
    key_path, root_path = out_dir / KEY_FILENAME, out_dir / ROOT_FILENAME
    if root_path.exists():
        raise PublishError(f"{root_path} bestaat al; kies een lege map.")
    key = generate_private_key()
    try:
        write_private_key(key, key_path)
    except KeyFileError as exc:
        raise PublishError(str(exc)) from exc
    root = make_root(feed_id, 1, [key.public_key()], now)
    _write_atomic(root_path, sign_root(root, [key]))
    return key_path, root_path


def read_root_file(path: Path) -> TrustedRoot:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise PublishError(f"Kan {path} niet lezen: {exc.strerror}") from exc
    try:
        return load_root(raw, str(path))
    except FeedRejected as exc:
        raise PublishError(f"{path} is geen geldige root: {exc}") from exc


def rotate(key_path: Path, root_path: Path, out_dir: Path, now: datetime,
           new_key_path: Path | None = None) -> tuple[Path, Path]:
    """Root version N+1 with a new key, signed by the old and the new key.

    Writes `out_dir/root.json` and, unless an existing `new_key_path` is given, a new
    `out_dir/signing.key`.  The old key is not in the new root (it is revoked).
    """
    current = read_root_file(root_path)
    old_key = _load_key(key_path, current)
    out_dir.mkdir(parents=True, exist_ok=True)
    new_root_path = out_dir / ROOT_FILENAME
    if new_root_path.exists():
        raise PublishError(f"{new_root_path} bestaat al; kies een lege map voor de nieuwe sleutel.")
    if new_key_path is not None:
        try:
            new_key = read_private_key(new_key_path)
        except KeyFileError as exc:
            raise PublishError(str(exc)) from exc
        written_key = new_key_path
    else:
        new_key = generate_private_key()
        written_key = out_dir / KEY_FILENAME
        try:
            write_private_key(new_key, written_key)
        except KeyFileError as exc:
            raise PublishError(str(exc)) from exc
    root = make_root(current.feed_id, current.version + 1, [new_key.public_key()], now)
    raw = sign_root(root, [old_key, new_key])
    next_root(current, raw)  # self-check: clients will accept this
    _write_atomic(new_root_path, raw)
    return written_key, new_root_path


def _load_key(path: Path, root: TrustedRoot):
    try:
        key = read_private_key(path)
    except KeyFileError as exc:
        raise PublishError(str(exc)) from exc
    if key_id(key.public_key()) not in root.root.keys:
        raise PublishError(f"De sleutel {path} hoort niet bij root versie {root.version} van feed {root.feed_id}.")
    return key


def validate_payload_file(path: Path) -> tuple[Payload, bytes]:
    """Validate a payload file; returns the model and the normalised bytes to publish."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise PublishError(f"Kan {path} niet lezen: {exc.strerror}") from exc
    try:
        payload = Payload.model_validate_json(raw)
    except ValidationError as exc:
        lines = error_lines(exc)
        raise PublishError(f"{path} is geen geldige sociale kaart ({len(lines)} fouten):", lines) from exc
    data = json.dumps(payload.model_dump(mode="json", exclude_none=True), ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")
    if len(data) > MAX_PAYLOAD_BYTES:
        raise PublishError(f"De sociale kaart is groter dan {MAX_PAYLOAD_BYTES} bytes.")
    return payload, data


@dataclass(frozen=True)
class Publication:
    manifest: Manifest
    out_dir: Path
    offers: int


def _check_root_place(out_dir: Path, root: TrustedRoot) -> Path:
    """Put the signing root in PUBDIR/root/; an older root must already be there."""
    folder = out_dir / ROOT_DIRNAME
    target = folder / root_filename(root.version)
    if target.exists() and target.read_bytes() != root.raw:
        raise PublishError(f"{target} bestaat al met een andere inhoud; gebruik de juiste root.")
    missing = [v for v in range(1, root.version) if not (folder / root_filename(v)).exists()]
    if missing:
        log.warning("root versions %s are missing in %s", missing, folder)
        raise PublishError(
            f"In {folder} ontbreken root-versie(s) {', '.join(map(str, missing))}; zet die er eerst neer, "
            "anders kunnen gebruikers met een oudere root de sleutelwissel niet volgen.")
    return target


def _write_root(target: Path, root: TrustedRoot) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        _write_atomic(target, root.raw)


def publish(payload_path: Path, key_path: Path, root_path: Path, out_dir: Path, now: datetime,
            version: int | None = None, expires_days: float = DEFAULT_EXPIRES_DAYS) -> Publication:
    """Validate, then write feed.json, the root chain and (last) the signed manifest."""
    payload, data = validate_payload_file(payload_path)
    root = read_root_file(root_path)
    key = _load_key(key_path, root)
    if not 0 < expires_days <= 366:
        raise PublishError("--expires-days moet tussen 0 en 366 liggen.")
    manifest_path = out_dir / MANIFEST_FILENAME
    previous = read_unverified_version(manifest_path.read_bytes()) if manifest_path.exists() else None
    if manifest_path.exists() and previous is None and version is None:
        raise PublishError(f"{manifest_path} is onleesbaar; het volgende versienummer is onbekend. Geef --version.")
    if version is None:
        version = (previous or 0) + 1
    elif previous is not None and version <= previous:
        raise PublishError(f"--version {version} moet hoger zijn dan de vorige versie ({previous}).")
    if version < 1:
        raise PublishError("--version moet 1 of hoger zijn.")
    now = now.replace(microsecond=0)
    manifest = Manifest(
        feed_id=root.feed_id, version=version, issued=now, expires=now + timedelta(days=expires_days),
        sha256=hashlib.sha256(data).hexdigest(), length=len(data), root_version=root.version,
    )
    root_target = _check_root_place(out_dir, root)
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_root(root_target, root)
    _write_atomic(out_dir / PAYLOAD_FILENAME, data)
    _write_atomic(manifest_path, sign_manifest(manifest, [key]))
    log.info("published %s v%d (%d offers) in %s", root.feed_id, version, len(payload.services), out_dir)
    return Publication(manifest, out_dir, len(payload.services))
