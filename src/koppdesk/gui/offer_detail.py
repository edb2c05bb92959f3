"""Detail pane of one offer: text, safe links, favourite, note, copy for the HIS, leaflet."""

from __future__ import annotations

import logging

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from koppdesk.services.kaart import SAFE_SCHEMES, KaartService

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

    from koppdesk.services.offer_detail import OfferDetail

log = logging.getLogger(__name__)


def detail_html(d: OfferDetail) -> str:
    """Offer as HTML for the detail pane; every feed text is escaped, links are ours."""
    from html import escape as e  # here: html.entities is large and not needed at start-up

    rows: list[tuple[str, str]] = [
        ("Voor wie", e(d.ages) + (f"<br>{e(d.eligibility)}" if d.eligibility else "")),
        ("Soort", e(", ".join(d.kinds))),
        ("Probleem ouder", e(", ".join(d.parent_problems))),
        ("Toegang", e(d.access)),
        ("Aanmelden", e(d.application_process)),
        ("Kosten", e(d.costs)),
        ("Volgende start", e(d.next_start)),
        ("Werkgebied", e(", ".join(d.areas))),
        ("Locaties", "<br>".join(e(x) for x in d.locations)),
        ("Contact", "<br>".join(f'<a href="{e(lk.href)}">{e(lk.label)}</a>' for lk in d.links)),
        ("Laatst gecontroleerd", e(d.assured) or "onbekend"),
    ]
    head = f"<h2>{e(d.name)}</h2><p><i>{e(d.organization)}</i>"
    if d.source == "local":
        head += " — <b>eigen aanbod van de praktijk</b>"
    head += "</p>"
    if d.withdrawn:
        head += ("<p><b>Let op: dit aanbod is ingetrokken door de uitgever van de sociale kaart."
                 "</b> Uw notitie is bewaard.</p>")
    elif d.status != "active":
        head += "<p><b>Let op: dit aanbod is tijdelijk gesloten.</b></p>"
    body = f"<p>{e(d.description)}</p><table cellspacing='4'>"
    body += "".join(
        f"<tr><td valign='top'><b>{label}</b></td><td>{value}</td></tr>" for label, value in rows if value
    )
    body += "</table>"
    if d.note:
        body += f"<h3>Notitie van de praktijk</h3><p>{e(d.note).replace(chr(10), '<br>')}</p>"
    return head + body


class OfferDetailPane(QWidget):
    """Shows one offer.  Emits `changed` after a favourite/note edit so lists can refresh.

    Until an offer is shown the pane holds only a hint; its text browser, buttons and note
    field are built by `finish_setup` (right after the window's first frame) or by the first
    `show_offer`, whichever comes first: the first frame does not show them.
    """

    changed = Signal(str)
    edit_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, kaart: KaartService, parent: QWidget | None = None):
        super().__init__(parent)
        self.kaart = kaart
        self.service_id: str | None = None
        self.empty = QLabel("Kies een aanbod in de lijst om de details te zien.")
        self.empty.setWordWrap(True)
        # The hint at the top: a stretch below it rather than Qt.AlignmentFlag.AlignTop, which
        # would load the Qt namespace's enums (~12 ms) before the first frame.
        self._empty_box = QWidget()
        box = QVBoxLayout(self._empty_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.empty)
        box.addStretch(1)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self._empty_box, 1)
        self._built = False

    def finish_setup(self) -> None:
        """Build the hidden parts (idempotent)."""
        if self._built:
            return
        self._built = True
        from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QTextBrowser

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Details van het aanbod")
        self.browser.anchorClicked.connect(self._open_link)
        self.favourite = self._button("☆ Favoriet", "Favoriet aan of uit", checkable=True)
        self.favourite.toggled.connect(self._on_favourite)
        self.copy_his = self._button("Kopieer voor H&IS", "Kopieer aanbod als tekst voor het dossier")
        self.copy_his.clicked.connect(self.copy_for_his)
        self.leaflet = self._button("Fol&der…", "Folder voor de ouder afdrukken of als PDF bewaren")
        self.leaflet.clicked.connect(self._print_leaflet)
        self.edit = self._button("Bewerken…", "Eigen aanbod bewerken")
        self.edit.clicked.connect(lambda: self.edit_requested.emit(self.service_id or ""))
        self.delete = self._button("Verwijderen", "Eigen aanbod verwijderen")
        self.delete.clicked.connect(lambda: self.delete_requested.emit(self.service_id or ""))
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Notitie van de praktijk bij dit aanbod")
        self.note.setPlaceholderText("Eigen notitie bij dit aanbod (alleen op deze computer, geen patiëntgegevens)")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.save_note = self._button("Notitie &opslaan", "Notitie opslaan")
        self.save_note.clicked.connect(self._on_save_note)
        buttons = QHBoxLayout()
        for b in (self.favourite, self.copy_his, self.leaflet, self.edit, self.delete):
            buttons.addWidget(b)
        buttons.addStretch(1)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.save_note)
        self._layout.addWidget(self.browser, 1)
        self._layout.addLayout(buttons)
        self._layout.addLayout(note_row)
        for w in (self.browser, self.favourite, self.copy_his, self.leaflet, self.edit, self.delete,
                  self.note, self.save_note):
            w.setVisible(False)

    def _button(self, text: str, accessible: str, checkable: bool = False):
        from PySide6.QtWidgets import QPushButton

        b = QPushButton(text)
        b.setAccessibleName(accessible)
        b.setCheckable(checkable)
        return b

    def show_offer(self, service_id: str | None) -> None:
        detail = self.kaart.detail(service_id) if service_id else None
        self.service_id = detail.id if detail else None
        has = detail is not None
        self._empty_box.setVisible(not has)
        if not has and not self._built:
            return
        self.finish_setup()
        for w in (self.browser, self.favourite, self.copy_his, self.leaflet, self.note, self.save_note):
            w.setVisible(has)
        is_local = has and detail.source == "local"
        self.edit.setVisible(is_local)
        self.delete.setVisible(is_local)
        if not has:
            return
        self.browser.setHtml(detail_html(detail))
        self.favourite.blockSignals(True)
        self.favourite.setChecked(detail.favourite)
        self.favourite.setText("★ Favoriet" if detail.favourite else "☆ Favoriet")
        self.favourite.blockSignals(False)
        self.note.setPlainText(detail.note)

    def _open_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.lower().startswith(SAFE_SCHEMES):
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(url)
        else:  # cannot happen with our own HTML; refuse anyway
            log.warning("refused to open link with unsafe scheme: %r", text)

    def _on_favourite(self, checked: bool) -> None:
        if self.service_id:
            self.kaart.store.set_favourite(self.service_id, checked)
            self.favourite.setText("★ Favoriet" if checked else "☆ Favoriet")
            self.changed.emit(self.service_id)

    def _on_save_note(self) -> None:
        if self.service_id:
            self.kaart.store.set_note(self.service_id, self.note.toPlainText())
            sid = self.service_id
            self.show_offer(sid)
            self.changed.emit(sid)

    def copy_for_his(self) -> None:
        if self.service_id:
            from PySide6.QtGui import QGuiApplication

            QGuiApplication.clipboard().setText(self.kaart.his_text(self.service_id))
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage("Aanbod gekopieerd voor het dossier.", 4000)

    def _print_leaflet(self) -> None:
        if self.service_id:
            from koppdesk.gui.printing import print_or_save_html

            print_or_save_html(self, self.kaart.leaflet_html(self.service_id), "folder")
