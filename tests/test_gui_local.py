"""Korte lijnen and import/export of local entries through the real dialogs."""

from dataclasses import replace

from PySide6.QtWidgets import QFileDialog, QMessageBox

from koppdesk.gui.contacts_dialog import ContactsDialog
from koppdesk.gui.local_dialogs import export_local_dialog, import_local_dialog
from koppdesk.services.appservices import build_services
from koppdesk.store import SearchFilters


def test_contacts_dialog_add_edit_delete(qtbot, services, monkeypatch):
    dialog = ContactsDialog(services)
    qtbot.addWidget(dialog)
    dialog.fields["name"].setText("Ellen Bakker")
    dialog.fields["role"].setText("POH-jeugd")
    dialog.fields["phone"].setText("geen nummer")
    dialog.save.click()
    assert not dialog.error.isHidden() and "telefoon" in dialog.error.text()
    dialog.fields["phone"].setText("033-1234567")
    dialog.fields["gemeente"].setText("Leusden")
    dialog.roles["toeleiding"].setChecked(True)
    dialog.save.click()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 5).text() == "Leusden" and dialog.table.item(0, 6).text() == "toeleiding"
    dialog.table.selectRow(0)
    dialog.fields["role"].setText("jeugdverpleegkundige")
    dialog.save.click()
    (contact,) = services.store.contacts()
    assert contact.role == "jeugdverpleegkundige" and contact.gemeente == "GM0327"
    dialog.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.delete.click()
    assert services.store.contacts() == [] and dialog.table.rowCount() == 0


def test_export_then_import_into_another_data_dir(qtbot, services, settings, tmp_path, monkeypatch):
    services.store.set_note(_first_offer(services), "Korte lijn via Ellen")
    target = tmp_path / "lokaal.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "JSON (*.json)"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), "JSON (*.json)"))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append("WARN " + a[2]))
    export_local_dialog(services, None)
    assert target.exists() and "1 lokale gegevens" in shown[-1]
    other = build_services(replace(settings, data_dir=tmp_path / "collega"))
    try:
        assert import_local_dialog(other, None)
        assert other.store.note(_first_offer(services)).text == "Korte lijn via Ellen"
        target.write_text("{kapot")
        assert not import_local_dialog(other, None)
        assert shown[-1].startswith("WARN") and "niets gewijzigd" in shown[-1]
    finally:
        other.close()


def _first_offer(services):
    return services.kaart.search(SearchFilters())[0].id
