"""Ketenkaart tab: per chain role, who takes it in a gemeente and whom to call."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from koppdesk.content.gemeenten import Gemeente
from koppdesk.gui.gemeente_choice import GemeenteCombo
from koppdesk.gui.printing import print_or_save_html
from koppdesk.services.appservices import AppServices
from koppdesk.services.keten import (
    ORIGIN_LOCAL,
    ORIGIN_TEXT,
    ROLE_TEXT,
    Ketenkaart,
    Partner,
    RoleGroup,
    ketenkaart_html,
)
from koppdesk.vocab import ChainRole

COLUMNS = ["Rol en partner", "Aanspreekpunt", "Telefoon", "E-mail", "Herkomst"]
#: On a partner row: (partner key, role value or None, origin).
PartnerRole = Qt.ItemDataRole.UserRole + 1


def group_line(group: RoleGroup) -> str:
    """"Toeleiding (4) — bel eerst: Esra Denkbeeld (aandachtsfunctionaris), Organisatie, 088-…"."""
    first = group.contact
    if first is None:
        return f"{group.label} — niemand bekend in deze gemeente"
    partner, person = first
    who = [person.label] if person else []
    if partner.name != (person.name if person else None):
        who.append(partner.name)
    if partner.phone:
        who.append(partner.phone)
    return f"{group.label} ({len(group.partners)}) — bel eerst: {', '.join(who)}"


class AddRoleDialog(QDialog):
    """Add a chain role to an organisation of the kaart, for one gemeente (kept locally)."""

    def __init__(self, organizations: list[tuple[str, str]], gemeente: Gemeente,
                 role: ChainRole | None = None, organization_id: str | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Rol toevoegen in {gemeente.name}")
        self.organization = QComboBox()
        self.organization.setAccessibleName("Organisatie")
        for org_id, name in organizations:
            self.organization.addItem(name, org_id)
        if organization_id:
            self.organization.setCurrentIndex(max(self.organization.findData(organization_id), 0))
        self.role = QComboBox()
        self.role.setAccessibleName("Rol in de keten")
        for r in ChainRole:
            self.role.addItem(ROLE_TEXT[r][0], r)
        if role is not None:
            self.role.setCurrentIndex(self.role.findData(role))
        form = QFormLayout()
        form.addRow("&Organisatie", self.organization)
        form.addRow("&Rol", self.role)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Deze rol geldt voor {gemeente.name} en blijft bewaard bij het bijwerken"
                                " van de sociale kaart."))
        layout.addLayout(form)
        layout.addWidget(buttons)


class KetenView(QWidget):
    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._shown_before = False
        self.services = services
        self.service = services.keten
        in_kaart = services.dekking.gemeenten_in_kaart()
        self.gemeente_code = in_kaart[0].code if in_kaart else ""
        self.kaart: Ketenkaart | None = None

        self.gemeente = GemeenteCombo(services.gemeenten, in_kaart)
        self.gemeente.chosen.connect(lambda g: self.set_gemeente(g.code))
        self.gemeente.error.connect(self._show_error)
        self.add_button = QPushButton("&Rol toevoegen…")
        self.add_button.setAccessibleName("Rol toevoegen aan een organisatie")
        self.add_button.clicked.connect(self._add_role)
        self.remove_button = QPushButton("Zelf toegevoegde rol &verwijderen")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self._remove_role)
        self.contacts_button = QPushButton("&Eigen contacten…")
        self.contacts_button.setToolTip("Korte lijnen: eigen contacten met hun rol in de keten")
        self.contacts_button.clicked.connect(self._open_contacts)
        self.print_button = QPushButton("&Afdrukken of PDF…")
        self.print_button.clicked.connect(self._print)

        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Samenvatting van de ketenkaart")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setAccessibleName("Ketenkaart: rollen met partners en aanspreekpunten")
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.currentItemChanged.connect(self._on_current)
        self.role_text = QLabel()
        self.role_text.setWordWrap(True)
        self.role_text.setAccessibleName("Uitleg bij de gekozen rol")
        QShortcut(QKeySequence.StandardKey.Copy, self.tree, self._copy_current)

        top = QHBoxLayout()
        label = QLabel("Ge&meente")
        label.setBuddy(self.gemeente)
        top.addWidget(label)
        top.addWidget(self.gemeente)
        top.addStretch(1)
        for b in (self.add_button, self.remove_button, self.contacts_button, self.print_button):
            top.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.role_text)
        if self.gemeente_code:
            self.gemeente.select(self.gemeente_code)
        self.refresh()

    # -- public API ---------------------------------------------------------------------

    def set_gemeente(self, code: str) -> None:
        self.gemeente_code = code
        self.gemeente.select(code)
        self.refresh()

    def refresh(self) -> None:
        self.message.hide()
        if not self.gemeente_code:
            self.title.setText("Kies een gemeente.")
            return
        self.kaart = self.service.ketenkaart(self.gemeente_code)
        self.title.setText(f"Ketenkaart {self.kaart.gemeente.name}: wie doet wat, en wie belt u?")
        missing = self.kaart.missing
        self.summary.setText(
            ("Niemand bekend voor: " + ", ".join(missing) + ". " if missing else "Elke rol heeft een partner. ")
            + "Rollen komen uit de sociale kaart; u kunt zelf rollen en eigen contacten toevoegen.")
        self.tree.clear()
        for group in self.kaart.groups:
            item = self._group_item(group)
            self.tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)  # one line over all columns: role and whom to call
        self.tree.expandAll()
        for col, widest in enumerate((360, 330, 120, 260, 200)):
            self.tree.resizeColumnToContents(col)
            self.tree.setColumnWidth(col, min(self.tree.columnWidth(col), widest))
        self.remove_button.setEnabled(False)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Read again when the tab comes back into view (contacts or the kaart may have changed)."""
        if self._shown_before:
            self.refresh()
        self._shown_before = True
        super().showEvent(event)

    # -- building -----------------------------------------------------------------------

    def _group_item(self, group: RoleGroup) -> QTreeWidgetItem:
        item = QTreeWidgetItem([group_line(group)])
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        item.setToolTip(0, group.description)
        item.setData(0, PartnerRole, (None, str(group.role) if group.role else None, ""))
        for partner in group.partners:
            item.addChild(self._partner_item(partner, group.role))
        return item

    @staticmethod
    def _partner_item(partner: Partner, role: ChainRole | None) -> QTreeWidgetItem:
        person = partner.contact
        email = (person.email if person and person.email else "") or partner.email
        origin = ORIGIN_TEXT[partner.origin] + (", landelijk" if partner.national else "")
        item = QTreeWidgetItem([partner.name, person.label if person else "", partner.phone, email, origin])
        others = [p.label + (f", {p.phones[0]}" if p.phones else "") for p in partner.people if p is not person]
        tip = partner.name + ("\nOok: " + "; ".join(others) if others else "") + \
            (f"\n{partner.note}" if partner.note else "") + (f"\n{partner.website}" if partner.website else "")
        for col in range(len(COLUMNS)):
            item.setToolTip(col, tip)
        item.setData(0, PartnerRole, (partner.key, str(role) if role else None, partner.origin))
        return item

    # -- handlers -----------------------------------------------------------------------

    def _show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _selected(self) -> tuple[str | None, str | None, str]:
        item = self.tree.currentItem()
        return item.data(0, PartnerRole) if item is not None else (None, None, "")

    def _on_current(self, item, _previous) -> None:
        key, role, origin = self._selected()
        self.remove_button.setEnabled(origin == ORIGIN_LOCAL)
        if role:
            label, text = ROLE_TEXT[ChainRole(role)]
            self.role_text.setText(f"<b>{label}</b>: {text}")
        else:
            self.role_text.clear()

    def _add_role(self) -> None:
        if self.kaart is None:
            return
        key, role, origin = self._selected()
        dialog = AddRoleDialog(self.service.organizations(), self.kaart.gemeente,
                               ChainRole(role) if role else None,
                               key if origin not in ("", "eigen contact") else None, self)
        if dialog.exec():
            self.service.add_role(dialog.organization.currentData(), self.gemeente_code, dialog.role.currentData())
            self.refresh()

    def _remove_role(self) -> None:
        key, role, origin = self._selected()
        if origin != ORIGIN_LOCAL or not key or not role:
            return
        answer = QMessageBox.question(self, "Rol verwijderen", "Deze zelf toegevoegde rol verwijderen?")
        if answer == QMessageBox.StandardButton.Yes:
            self.service.remove_role(key, self.gemeente_code, ChainRole(role))
            self.refresh()

    def _open_contacts(self) -> None:
        from koppdesk.gui.contacts_dialog import ContactsDialog

        ContactsDialog(self.services, self).exec()
        self.refresh()

    def _copy_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            QGuiApplication.clipboard().setText(" — ".join(t for t in (item.text(c) for c in range(4)) if t))

    def _print(self) -> None:
        if self.kaart is not None:
            name = self.kaart.gemeente.name.lower().replace(" ", "-")
            print_or_save_html(self, ketenkaart_html(self.kaart), f"ketenkaart-{name}")
