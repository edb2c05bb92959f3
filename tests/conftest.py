"""Shared fixtures: every test gets its own real SQLite file in a temp data dir."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from koppdesk.config import Settings  # noqa: E402
from koppdesk.services.appservices import AppServices, build_services  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch):
    """Keep tests away from the real user folders."""
    monkeypatch.setenv("KOPPDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def settings(data_dir) -> Settings:
    return Settings(data_dir=data_dir)


@pytest.fixture
def services(settings) -> AppServices:
    """Real services on a fresh database seeded from the demo sociale kaart."""
    svc = build_services(settings)
    yield svc
    svc.close()


@pytest.fixture
def main_window(qtbot, settings):
    from koppdesk.gui.app import create_main_window

    window = create_main_window(settings)
    qtbot.addWidget(window)
    window.show()
    # Menu actions, shortcuts and the sync are added right after the first frame.
    qtbot.waitUntil(lambda: window.setup_finished)
    yield window
    window.close()


@pytest.fixture
def publisher(tmp_path):
    """A feed publisher with its own key and folder (tests/feedkit.py)."""
    from feedkit import Publisher

    return Publisher(tmp_path / "publisher")


@pytest.fixture
def server(publisher):
    """The demo payload, published and served on 127.0.0.1."""
    from feedkit import FeedServer

    publisher.publish()
    with FeedServer(publisher.pub) as srv:
        yield srv
