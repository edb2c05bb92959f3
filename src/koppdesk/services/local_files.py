"""Reading and writing the local-entries export file (JSON)."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from koppdesk.models import LocalExport
from koppdesk.store import Store

log = logging.getLogger(__name__)

MAX_EXPORT_BYTES = 20 * 1024 * 1024


class LocalFileError(Exception):
    """Dutch message for the user; details are logged."""


def write_local_export(store: Store, path: Path) -> int:
    """Write all local entries to `path` atomically; returns the number of entries."""
    data = store.export_local()
    text = data.model_dump_json(indent=2, exclude_defaults=False)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".koppdesk-export-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        log.error("writing local export to %s failed: %s", path, exc)
        raise LocalFileError(f"Kan niet schrijven naar {path}: {exc.strerror}") from exc
    return len(data.services) + len(data.notes) + len(data.favourites) + len(data.contacts)


def read_local_export(path: Path) -> LocalExport:
    try:
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise LocalFileError(f"{path} is te groot voor een export van lokale gegevens.")
        raw = path.read_bytes()
    except OSError as exc:
        raise LocalFileError(f"Kan {path} niet lezen: {exc.strerror}") from exc
    try:
        return LocalExport.model_validate_json(raw)
    except ValidationError as exc:
        log.error("local export %s invalid: %s", path, exc)
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise LocalFileError(
            f"{path.name} is geen geldig bestand met lokale gegevens van koppdesk "
            f"({exc.error_count()} fouten; eerste bij {where or 'begin'}: {first['msg']})."
        ) from exc
