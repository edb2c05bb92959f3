"""What the converters (CSV, HSDS) share: the report of problems, stable ids, writing the payload.

A converter collects every problem instead of stopping at the first, so a publisher can fix a
whole spreadsheet in one go.  Errors keep a record out of the payload; warnings say what was
changed or left out on the way in (nothing is dropped without a line in the report).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from pydantic import ValidationError

from koppdesk.models import LOCAL_ID_PREFIX, Payload

log = logging.getLogger(__name__)

_ID_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,99}$")


@dataclass
class ImportReport:
    """Everything a conversion has to say, in Dutch, in the order it was found."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: HSDS fields that have no place in the koppdesk payload, with how often they held a value.
    unmapped: Counter = field(default_factory=Counter)
    skipped: int = 0

    def error(self, message: str) -> None:
        log.info("import error: %s", message)
        self.errors.append(message)

    def warn(self, message: str) -> None:
        log.info("import warning: %s", message)
        self.warnings.append(message)

    def lines(self) -> list[str]:
        """All problems as printable lines (errors first)."""
        out = [f"FOUT {e}" for e in self.errors] + [f"let op: {w}" for w in self.warnings]
        if self.unmapped:
            out.append("Niet overgenomen (geen plaats in de koppdesk-kaart): " + ", ".join(
                f"{name} ({count}x)" for name, count in sorted(self.unmapped.items())))
        return out


class ConversionError(Exception):
    """A file that cannot be converted at all (unreadable, wrong shape, missing columns)."""

    def __init__(self, message: str, lines: list[str] | None = None):
        super().__init__(message)
        self.lines = lines or []


def slug(text: str, limit: int = 40) -> str:
    """`"Stichting Één & Co"` -> `"stichting-een-co"` (ASCII, lowercase, at most `limit` chars)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:limit].strip("-") or "x"


def stable_id(prefix: str, *parts: str) -> str:
    """A readable id that is the same on every import of the same record.

    `stable_id("aanbod", "Stichting Alfa", "Kanjergroep")` -> `aanbod-kanjergroep-3f2a9c1b`: the slug
    of the last part plus a hash over all parts (case and surrounding spaces ignored).
    """
    key = "\x1f".join(" ".join(p.split()).casefold() for p in parts)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    return f"{prefix}-{slug(parts[-1])}-{digest}"


def usable_id(raw: str, prefix: str) -> str:
    """Keep a foreign id when koppdesk accepts it, else derive a stable one from it."""
    raw = raw.strip()
    if _ID_OK.match(raw) and not raw.startswith(LOCAL_ID_PREFIX):
        return raw
    return stable_id(prefix, raw)


def dutch_error(err: dict) -> str:
    """One pydantic error as a sentence a publisher understands."""
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind == "string_too_long":
        return f"is te lang (hoogstens {ctx.get('max_length')} tekens)"
    if kind in ("missing", "string_too_short", "too_short"):
        return "ontbreekt of is leeg"
    if kind == "string_pattern_mismatch":
        return "heeft niet de juiste vorm"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"moet tussen 0 en 120 liggen (nu {err.get('input')!r})"
    if kind == "too_long":
        return f"heeft te veel waarden (hoogstens {ctx.get('max_length')})"
    if kind == "value_error":
        return str(ctx.get("error", err.get("msg", "")))
    if kind == "enum":
        return f"onbekende waarde {err.get('input')!r} (kies uit {ctx.get('expected')})"
    return err.get("msg", kind)


def build_payload(data: dict, report: ImportReport) -> Payload | None:
    """Validate the assembled payload; every remaining problem goes into the report."""
    try:
        return Payload.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            where = ".".join(str(p) for p in err["loc"]) or "sociale kaart"
            report.error(f"{where}: {dutch_error(err)}")
        return None


def payload_dict(publisher: str, organizations: list, locations: list, services: list,
                 generated: datetime | None = None) -> dict:
    generated = generated or datetime.now(timezone.utc).replace(microsecond=0)
    return {"publisher": publisher, "generated": generated.isoformat().replace("+00:00", "Z"),
            "organizations": organizations, "locations": locations, "services": services}


def write_payload(payload: Payload, path: Path) -> None:
    """Write the payload as JSON (UTF-8, no nulls) through a temporary file, so a crash leaves no half file."""
    data = json.dumps(payload.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=1)
    write_text_atomic(Path(path), data + "\n")


def write_text_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
