"""The sync in the GUI: "Nu bijwerken" runs on a worker thread against a real local server,
the window keeps responding, and the status bar, banner and views follow."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest

from feedkit import FeedServer, Publisher, demo_dict
from koppdesk.config import Settings
from koppdesk.feed.result import Outcome


def _now():
    return datetime.now(timezone.utc).replace(microsecond=0)


@pytest.fixture
def publisher(tmp_path):
    pub = Publisher(tmp_path / "publisher")
    payload = demo_dict()
    payload["generated"] = (_now() - timedelta(days=2)).isoformat()
    payload["services"][0]["name"] = "Kanjergroep uit de feed"
    pub.publish(payload, at=_now())
    return pub


@pytest.fixture
def server(publisher):
    with FeedServer(publisher.pub) as srv:
        yield srv


@pytest.fixture
def window(qtbot, data_dir, server, publisher):
    from koppdesk.gui.app import create_main_window

    settings = Settings(data_dir=data_dir, feed_url=server.url, trust_root=publisher.root, proxy="geen",
                        user_file=data_dir.parent / "user.toml")
    win = create_main_window(settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def _action(window, menu, text):
    return next(a for a in window.menus[menu].actions() if a.text() == text)


def test_nu_bijwerken_runs_without_blocking_and_updates_the_status_bar(qtbot, window, server, tmp_path):
    controller = window.sync
    kaart = window.tab("kaart")
    assert controller.status.text() == "Nog niet bijgewerkt via de feed"
    age_before = window.data_age.text()
    gate = threading.Event()

    def hold(handler, body):  # the server answers only when the test says so
        gate.wait(20)
        return False
    server.faults["/manifest.json"] = hold
    _action(window, "kaart", "Nu &bijwerken").trigger()
    assert controller.running and controller.status.text() == "Bijwerken…"
    assert not controller.sync_action.isEnabled()
    # the GUI thread keeps working while the sync waits for the server
    kaart.filters.text.setText("kanjer")
    qtbot.waitUntil(lambda: "aanbod gevonden" in kaart.count.text(), timeout=5000)
    assert controller.running
    with qtbot.waitSignal(controller.finished, timeout=20000) as blocker:
        gate.set()
    result = blocker.args[0]
    assert result.outcome == Outcome.APPLIED, result.message
    assert controller.status.text().startswith("Bijgewerkt: ")
    assert "versie 1" in controller.status.toolTip()
    assert window.data_age.text() != age_before and "2 dagen oud" in window.data_age.text()
    assert window.statusBar().currentMessage() == result.message
    names = [kaart.model.index(r).data() for r in range(kaart.model.rowCount())]
    assert any("Kanjergroep uit de feed" in str(n) for n in names)
    assert controller.sync_action.isEnabled() and not controller.banner.isVisible()
    window.grab().save(str(tmp_path / "after-sync.png"))


def test_large_change_asks_for_confirmation(qtbot, window, publisher, monkeypatch):
    controller = window.sync
    with qtbot.waitSignal(controller.finished, timeout=20000):
        controller.sync_now()
    payload = demo_dict()
    del payload["services"][:20]
    publisher.publish(payload, at=_now())
    asked = []

    def confirm(parent, result):
        asked.append(result.preview.withdrawn)
        return True
    monkeypatch.setattr("koppdesk.gui.sync_controller.confirm_large_change", confirm)
    results = []
    controller.finished.connect(results.append)
    controller.sync_now()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=20000)
    assert [r.outcome for r in results] == [Outcome.HELD, Outcome.APPLIED]
    assert asked == [20] and results[1].counts.withdrawn == 20


def test_refused_large_change_keeps_the_data(qtbot, window, publisher, monkeypatch):
    controller = window.sync
    with qtbot.waitSignal(controller.finished, timeout=20000):
        controller.sync_now()
    count = window.services.store.count_offers()
    payload = demo_dict()
    del payload["services"][:20]
    publisher.publish(payload, at=_now())
    monkeypatch.setattr("koppdesk.gui.sync_controller.confirm_large_change", lambda parent, result: False)
    with qtbot.waitSignal(controller.finished, timeout=20000) as blocker:
        controller.sync_now()
    assert blocker.args[0].outcome == Outcome.HELD
    assert window.services.store.count_offers() == count
    assert "tegengehouden" in controller.status.toolTip()
    assert controller.status.text().endswith("wacht op uw bevestiging")


def test_banner_warns_when_the_manifest_expired(qtbot, window, tmp_path):
    controller = window.sync
    with qtbot.waitSignal(controller.finished, timeout=20000):
        controller.sync_now()
    assert not controller.banner.isVisible()
    old = _now() - timedelta(days=20)
    window.services.store.update_meta({"feed_expires": (old + timedelta(days=14)).isoformat(),
                                       "feed_checked": old.isoformat(), "feed_issued": old.isoformat()})
    controller.refresh_state()
    assert controller.banner.isVisible() and "verlopen" in controller.banner.text.text()
    window.grab().save(str(tmp_path / "banner.png"))


def test_settings_dialog_respects_locked_keys_and_saves_the_rest(qtbot, tmp_path, data_dir, publisher):
    from koppdesk.gui.settings_dialog import SyncSettingsDialog
    from koppdesk.services.appservices import build_services

    settings = Settings(data_dir=data_dir, feed_url="https://feed.example.org/kaart/", locked=frozenset({"feed_url"}),
                        sources={"feed_url": "machine (vergrendeld)"}, user_file=tmp_path / "user.toml")
    services = build_services(settings)
    dialog = SyncSettingsDialog(services)
    qtbot.addWidget(dialog)
    assert not dialog.url.isEnabled() and "IT-beheer" in dialog.notes["feed_url"].text()
    dialog.root.setText(str(publisher.root))
    dialog.interval.setValue(6)
    dialog.proxy_kind.setCurrentIndex(1)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    text = (tmp_path / "user.toml").read_text(encoding="utf-8")
    assert "sync_interval_hours = 6.0" in text and 'proxy = "geen"' in text and "feed_url" not in text
    assert services.sync.settings.trust_root == publisher.root and services.settings.proxy == "geen"
    assert services.sync.configuration_problem() is None
    services.close()


def test_settings_dialog_refuses_a_bad_trust_root(qtbot, tmp_path, data_dir, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from koppdesk.gui.settings_dialog import SyncSettingsDialog
    from koppdesk.services.appservices import build_services

    services = build_services(Settings(data_dir=data_dir, user_file=tmp_path / "user.toml"))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    bad = tmp_path / "root.json"
    bad.write_text("{}", encoding="utf-8")
    dialog = SyncSettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.root.setText(str(bad))
    dialog.save()
    assert warnings and "niet bruikbaar" in warnings[0]
    assert not (tmp_path / "user.toml").exists()
    services.close()


def test_menus_without_a_feed(main_window):
    assert _action(main_window, "kaart", "Nu &bijwerken")
    assert _action(main_window, "extra", "&Instellingen sociale kaart…")
    assert main_window.sync.status.text() == "Nog niet bijgewerkt via de feed"
    with_result = []
    main_window.sync.finished.connect(with_result.append)
    main_window.sync.sync_now()
    from pytestqt.qtbot import QtBot  # noqa: F401 (the fixture's qtbot is not needed: wait on the pool)
    main_window.sync._pool.waitForDone(5000)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    assert with_result and with_result[0].outcome == Outcome.NOT_CONFIGURED
    assert "feed-adres" in main_window.statusBar().currentMessage()
