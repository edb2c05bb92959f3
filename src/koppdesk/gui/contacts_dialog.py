"""Korte lijnen: the practice's personal contacts in the local chain."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from koppdesk.gui.local_dialogs import check_grid
from koppdesk.models import ChainRole, LocalContact
from koppdesk.services.appservices import AppServices
from koppdesk.services.local_entries import LocalEntryError, build_local_contact

COLUMNS = ["Naam", "Organisatie", "Functie", "Telefoon", "E-mail", "Gemeente", "Rollen in de keten"]


class ContactsDialog(QDialog):
    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.editing: str | None = None
        self.setWindowTitle("Korte lijnen — eigen contacten")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Eigen contacten")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._on_select)
        self.fields = {key: QLineEdit() for key in ("name", "organization", "role", "phone", "email", "gemeente", "note")}
        labels = {"name": "&Naam", "organization": "&Organisatie", "role": "&Functie", "phone": "&Telefoon",
                  "email": "&E-mail", "gemeente": "&Gemeente", "note": "N&otitie"}
        form = QFormLayout()
        for key, line in self.fields.items():
            line.setAccessibleName(labels[key].replace("&", ""))
            form.addRow(labels[key], line)
        roles_box, self.roles = check_grid([r.value for r in ChainRole], "Rol in de keten")
        form.addRow("Rollen", roles_box)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        self.save = QPushButton("&Opslaan")
        self.save.setAccessibleName("Contact opslaan")
        self.save.clicked.connect(self._on_save)
        self.new = QPushButton("Nieu&w contact")
        self.new.setAccessibleName("Nieuw contact")
        self.new.clicked.connect(self._clear_form)
        self.delete = QPushButton("&Verwijderen")
        self.delete.setAccessibleName("Contact verwijderen")
        self.delete.clicked.connect(self._on_delete)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (self.new, self.save, self.delete):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(900, 600)
        self._reload()

    def _reload(self) -> None:
        self.contacts: list[LocalContact] = self.services.store.contacts()
        self.table.setRowCount(len(self.contacts))
        for row, c in enumerate(self.contacts):
            values = [c.name, c.organization, c.role, c.phone, c.email,
                      self.services.gemeenten.name(c.gemeente) if c.gemeente else "",
                      ", ".join(str(r) for r in c.chain_roles)]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()

    def _on_select(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        if len(rows) != 1:
            return
        c = self.contacts[rows.pop()]
        self.editing = c.id
        for key in ("name", "organization", "role", "phone", "email", "note"):
            self.fields[key].setText(getattr(c, key))
        self.fields["gemeente"].setText(self.services.gemeenten.name(c.gemeente) if c.gemeente else "")
        for role, cb in self.roles.items():
            cb.setChecked(role in {str(r) for r in c.chain_roles})

    def _clear_form(self) -> None:
        self.editing = None
        self.table.clearSelection()
        for line in self.fields.values():
            line.clear()
        for cb in self.roles.values():
            cb.setChecked(False)
        self.fields["name"].setFocus()

    def _on_save(self) -> None:
        values = {k: line.text() for k, line in self.fields.items()}
        try:
            contact = build_local_contact(
                **values, chain_roles=[r for r, cb in self.roles.items() if cb.isChecked()],
                contact_id=self.editing, gemeenten=self.services.gemeenten,
            )
        except LocalEntryError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self.services.store.save_contact(contact)
        self._reload()
        self._clear_form()

    def _on_delete(self) -> None:
        if self.editing and QMessageBox.question(self, "Verwijderen", "Dit contact verwijderen?") \
                == QMessageBox.StandardButton.Yes:
            self.services.store.delete_contact(self.editing)
            self._reload()
            self._clear_form()
