"""Building the Kindcheck, gesprekstips and checklist tabs from the bundled content.

A missing or damaged content file does not stop koppdesk: the tab says what is wrong in
Dutch (the loader has logged the details for IT) and the other tabs keep working.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from koppdesk.content.loader import ContentError
from koppdesk.services.appservices import AppServices


def _problem(exc: ContentError) -> QWidget:
    label = QLabel(str(exc))
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setAccessibleName("Melding")
    return label


def build_kindcheck(services: AppServices, navigate: Callable[[str], object]) -> QWidget:
    try:
        content = services.content.kindcheck
    except ContentError as exc:
        return _problem(exc)
    from koppdesk.gui.kindcheck_view import KindcheckView

    return KindcheckView(content, navigate)


def build_tips(services: AppServices) -> QWidget:
    try:
        services.content.tips  # noqa: B018 (load now, to report a damaged file here)
    except ContentError as exc:
        return _problem(exc)
    from koppdesk.gui.tips_view import TipsView

    return TipsView(services.tips)


def build_checklist(services: AppServices, open_offer: Callable[[str], None]) -> QWidget:
    try:
        content = services.content.checklist
    except ContentError as exc:
        return _problem(exc)
    from koppdesk.gui.checklist_view import ChecklistView

    return ChecklistView(content, services.kaart, open_offer)
