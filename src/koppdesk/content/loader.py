"""Loading the bundled content files from resources/content (read on first use, then kept).

The pydantic models are imported when a file is first read, not at start-up: the content
tabs are built lazily, and the first window does not need them.
"""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from koppdesk.bundle import resource_path

if TYPE_CHECKING:
    from koppdesk.content.models import ChecklistContent, ContentFile, Item, KindcheckContent, TipsContent

log = logging.getLogger(__name__)

#: File name per content kind, under resources/content/.
FILES = {"kindcheck": "kindcheck.json", "gesprekstips": "gesprekstips.json", "checklist": "checklist.json"}

T = TypeVar("T", bound="ContentFile")


class ContentError(RuntimeError):
    """A content file is missing or invalid; the message is Dutch, for the user."""


def load_file(path: Path, model: type[T]) -> T:
    """Read and validate one content file; raises ContentError (and logs the details)."""
    from pydantic import ValidationError

    try:
        raw = path.read_bytes()
    except OSError as exc:
        log.error("content file %s unreadable: %s", path, exc)
        raise ContentError(f"Het inhoudsbestand {path.name} ontbreekt of is niet leesbaar. "
                           "Installeer koppdesk opnieuw of vraag de beheerder.") from exc
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        log.error("content file %s invalid: %s", path, exc)
        raise ContentError(f"Het inhoudsbestand {path.name} is beschadigd of ongeldig. "
                           "Installeer koppdesk opnieuw of vraag de beheerder.") from exc


class ContentLibrary:
    """The three content files, each loaded and validated the first time it is asked for."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder or resource_path("content")

    def path(self, kind: str) -> Path:
        return self.folder / FILES[kind]

    @cached_property
    def kindcheck(self) -> KindcheckContent:
        from koppdesk.content.models import KindcheckContent

        return load_file(self.path("kindcheck"), KindcheckContent)

    @cached_property
    def tips(self) -> TipsContent:
        from koppdesk.content.models import TipsContent

        return load_file(self.path("gesprekstips"), TipsContent)

    @cached_property
    def checklist(self) -> ChecklistContent:
        from koppdesk.content.models import ChecklistContent

        return load_file(self.path("checklist"), ChecklistContent)

    def all_items(self) -> list[Item]:
        """Every item of every file (for checks across files, e.g. unique ids)."""
        return [*self.kindcheck.items(), *self.tips.items(), *self.checklist.items()]
