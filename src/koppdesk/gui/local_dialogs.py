"""Dialogs for local entries: the practice's own offer, and import/export of local data."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from koppdesk.models import OfferKind, ParentProblem
from koppdesk.services.appservices import AppServices
from koppdesk.services.local_entries import LocalEntryError, LocalOfferForm, build_local_offer
from koppdesk.services.local_files import LocalFileError, read_local_export, write_local_export

NO_AGE = -1


def _age_box(accessible: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(NO_AGE, 120)
    box.setSpecialValueText("geen grens")
    box.setSuffix(" jaar")
    box.setValue(NO_AGE)
    box.setAccessibleName(accessible)
    return box


def check_grid(values: list[str], accessible: str) -> tuple[QWidget, dict[str, QCheckBox]]:
    box = QWidget()
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    checks = {}
    for i, value in enumerate(values):
        cb = QCheckBox(value)
        cb.setAccessibleName(f"{accessible}: {value}")
        grid.addWidget(cb, i // 4, i % 4)
        checks[value] = cb
    return box, checks


class LocalOfferDialog(QDialog):
    """Add or edit an offer of the practice itself (marked as local, never changed by a sync)."""

    def __init__(self, services: AppServices, parent: QWidget | None = None, service_id: str | None = None):
        super().__init__(parent)
        self.services = services
        self.service_id = service_id
        self.organization_id: str | None = None
        self.setWindowTitle("Eigen aanbod bewerken" if service_id else "Eigen aanbod toevoegen")
        self.name = self._line("Naam van het aanbod")
        self.organization = self._line("Organisatie")
        self.description = QPlainTextEdit()
        self.description.setAccessibleName("Omschrijving")
        self.description.setTabChangesFocus(True)
        self.min_age = _age_box("Minimale leeftijd")
        self.max_age = _age_box("Maximale leeftijd")
        kinds_box, self.kinds = check_grid([k.value for k in OfferKind], "Soort")
        problems_box, self.problems = check_grid([p.value for p in ParentProblem], "Probleem ouder")
        self.gemeenten = self._line("Gemeenten, gescheiden door komma's (naam of CBS-code)")
        self.national = QCheckBox("Landelijk / voor iedereen (bijv. online)")
        self.national.setAccessibleName("Landelijk aanbod")
        self.phone = self._line("Telefoon")
        self.email = self._line("E-mail")
        self.website = self._line("Website (https://…)")
        self.application = self._line("Hoe aanmelden")
        self.costs = self._line("Kosten")
        self.referral = QCheckBox("Verwijzing nodig")
        self.referral.setAccessibleName("Verwijzing nodig")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Foutmelding")
        self.error.hide()
        form = QFormLayout()
        for label, widget in [
            ("&Naam", self.name), ("&Organisatie", self.organization), ("O&mschrijving", self.description),
            ("Leeftijd &vanaf", self.min_age), ("Leeftijd &tot en met", self.max_age),
            ("&Soort", kinds_box), ("Probleem ouder", problems_box), ("&Gemeenten", self.gemeenten),
            ("", self.national), ("Te&lefoon", self.phone), ("&E-mail", self.email),
            ("&Website", self.website), ("&Aanmelden", self.application), ("&Kosten", self.costs),
            ("", self.referral),
        ]:
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Opslaan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if service_id:
            self._load(service_id)

    def _line(self, accessible: str) -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(accessible)
        return line

    def _load(self, service_id: str) -> None:
        stored = self.services.store.offer(service_id)
        if stored is None:
            return
        svc = stored.service
        self.organization_id = svc.organization_id
        self.name.setText(svc.name)
        self.organization.setText(stored.organization.name if stored.organization else "")
        self.description.setPlainText(svc.description)
        self.min_age.setValue(NO_AGE if svc.minimum_age is None else svc.minimum_age)
        self.max_age.setValue(NO_AGE if svc.maximum_age is None else svc.maximum_age)
        for k in svc.kinds:
            self.kinds[str(k)].setChecked(True)
        for p in svc.parent_problems:
            self.problems[str(p)].setChecked(True)
        self.national.setChecked(svc.is_national)
        self.gemeenten.setText(", ".join(self.services.gemeenten.name(a) for a in svc.service_areas if a != "NL"))
        self.phone.setText(svc.phones[0].number if svc.phones else "")
        self.email.setText(svc.email or "")
        self.website.setText(svc.url or "")
        self.application.setText(svc.application_process or "")
        self.costs.setText(svc.fees_description or "")
        self.referral.setChecked(svc.referral_required)

    def form(self) -> LocalOfferForm:
        def age(box: QSpinBox) -> int | None:
            return None if box.value() == NO_AGE else box.value()

        return LocalOfferForm(
            name=self.name.text(), organization=self.organization.text(),
            description=self.description.toPlainText(), minimum_age=age(self.min_age),
            maximum_age=age(self.max_age),
            kinds=[k for k, cb in self.kinds.items() if cb.isChecked()],
            parent_problems=[p for p, cb in self.problems.items() if cb.isChecked()],
            gemeenten=self.gemeenten.text(), national=self.national.isChecked(),
            phone=self.phone.text(), email=self.email.text(), website=self.website.text(),
            application_process=self.application.text(), fees_description=self.costs.text(),
            referral_required=self.referral.isChecked(), service_id=self.service_id,
            organization_id=self.organization_id,
        )

    def accept(self) -> None:
        try:
            org, svc = build_local_offer(self.form(), self.services.gemeenten)
        except LocalEntryError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.services.store.save_local_offer(org, svc)
        self.service_id = svc.id
        super().accept()


def export_local_dialog(services: AppServices, parent: QWidget) -> None:
    path, _ = QFileDialog.getSaveFileName(parent, "Lokale gegevens exporteren",
                                          "koppdesk-lokale-gegevens.json", "JSON (*.json)")
    if not path:
        return
    try:
        count = write_local_export(services.store, Path(path))
    except LocalFileError as exc:
        QMessageBox.warning(parent, "Exporteren mislukt", str(exc))
        return
    QMessageBox.information(parent, "Geëxporteerd", f"{count} lokale gegevens bewaard in {path}.")


def import_local_dialog(services: AppServices, parent: QWidget) -> bool:
    path, _ = QFileDialog.getOpenFileName(parent, "Lokale gegevens importeren", "", "JSON (*.json)")
    if not path:
        return False
    try:
        result = services.store.import_local(read_local_export(Path(path)))
    except (LocalFileError, ValueError) as exc:
        QMessageBox.warning(parent, "Importeren mislukt", f"{exc}\nEr is niets gewijzigd.")
        return False
    QMessageBox.information(
        parent, "Geïmporteerd",
        f"{result.offers} eigen aanbod, {result.notes} notities, {result.favourites} favorieten "
        f"en {result.contacts} contacten overgenomen.")
    return True
