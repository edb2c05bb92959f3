"""`koppdesk --selftest`: does this installation work?  For IT after a deployment, and for CI.

Opens the real main window (offscreen when there is no screen), waits until the sociale
kaart is listed, searches the demo data through the window's own KaartService, and checks
the libraries a feed sync needs (TLS with the system's certificates, Ed25519).  Prints one
line per check and exits 0, or 1 at the first failure.

Unless `--data-dir` is given, everything happens in a temporary folder, so a self-test on
a user's PC never touches their data.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from koppdesk import __version__
from koppdesk.config import Settings
from koppdesk.gui.app import create_main_window, display_available
from koppdesk.logsetup import active_log_file
from koppdesk.store import SearchFilters

log = logging.getLogger(__name__)

READY_TIMEOUT_S = 30


class SelftestFailure(Exception):
    """A check did not pass (Dutch message)."""


def run_selftest(settings: Settings, temporary_data: bool = True, started: float | None = None) -> int:
    if not display_available():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter() if started is None else started
    with tempfile.TemporaryDirectory(prefix="koppdesk-zelftest-", ignore_cleanup_errors=True) as tmp:
        if temporary_data:
            settings = replace(settings, data_dir=Path(tmp) / "data")
        return _run(settings, temporary_data, started)


def _say(name: str, detail: str) -> None:
    print(f"  ok    {name}: {detail}", flush=True)


def _run(settings: Settings, temporary_data: bool, started: float) -> int:
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication

    from koppdesk.gui.app_icon import app_icon
    from koppdesk.gui.qtlog import route_qt_messages
    from koppdesk.gui.translations import install_dutch_qt_translation

    route_qt_messages()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    dutch = install_dutch_qt_translation(app)
    print(f"koppdesk {__version__} zelftest (Qt {qVersion()}, platform {app.platformName()})", flush=True)
    log.info("selftest started: data dir %s (temporary: %s)", settings.data_dir, temporary_data)
    window = None
    step = "hoofdvenster openen"
    try:
        window = create_main_window(settings)
        step = "database"
        _check_store(window.services, settings, temporary_data)
        step = "hoofdvenster"
        _check_window(app, window)
        step = "zoeken"
        _check_search(window.services)
        step = "gemeenten"
        _say(step, f"{len(window.services.gemeenten.all())} gemeenten geladen")
        step = "pictogram"
        if window.windowIcon().isNull():
            raise SelftestFailure("het programmapictogram ontbreekt in de installatie")
        _say(step, "geladen")
        step = "sorteren (Nederlands)"
        _say(step, _check_collation())
        step = "vertaling"
        _say(step, "Nederlandse Qt-teksten geladen" if dutch else "Qt-teksten in het Engels (vertaling ontbreekt)")
        step = "beveiligde verbinding (TLS)"
        _say(step, _check_tls())
        step = "handtekeningen (Ed25519)"
        _say(step, _check_signatures())
        log_file = active_log_file()
        _say("logboek", str(log_file) if log_file else "geen logbestand (alleen scherm)")
    except Exception as exc:  # noqa: BLE001 (a self-test reports every failure)
        log.exception("selftest failed at step %r", step)
        print(f"  FOUT  {step}: {exc}", flush=True)
        print("Zelftest mislukt.", flush=True)
        return 1
    finally:
        if window is not None:
            window.close()
            window.shutdown()  # idempotent; closes the store before the temp folder goes
            window.deleteLater()
            app.processEvents()
    elapsed = time.perf_counter() - started
    print(f"Zelftest geslaagd ({elapsed:.1f} s).", flush=True)
    log.info("selftest passed in %.2f s", elapsed)
    return 0


def _check_store(services, settings: Settings, temporary_data: bool) -> None:
    total = services.store.count_offers()
    if total == 0:
        raise SelftestFailure("de sociale kaart is leeg")
    source = services.store.meta().get("data_source", "onbekend")
    where = f"{settings.data_dir} (tijdelijk)" if temporary_data else str(settings.data_dir)
    _say("database", f"{where}: {total} aanbod, bron {source}")


def _check_window(app, window) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from koppdesk.gui.readiness import ReadinessWatch, rows_text

    window.show()
    watch = ReadinessWatch(window, window.services.store.count_offers())
    result: list[int] = []
    loop = QEventLoop()
    watch.ready.connect(result.append)
    watch.ready.connect(loop.quit)
    QTimer.singleShot(READY_TIMEOUT_S * 1000, loop.quit)
    watch.start()
    loop.exec()
    if not result:
        raise SelftestFailure(f"het hoofdvenster was na {READY_TIMEOUT_S} s niet klaar")
    _say("hoofdvenster", f"zichtbaar met {window.tabs.count()} tabbladen, {rows_text(result[0])}")


def _check_search(services) -> None:
    everything = services.kaart.search(SearchFilters())
    if not everything:
        raise SelftestFailure("zoeken zonder zoekterm vond niets")
    target = everything[0]
    words = [w for w in target.name.split() if len(w) >= 4 and w.isalpha()] or target.name.split()
    term = words[0]
    found = services.kaart.search(SearchFilters(text=term))
    if target.id not in {r.id for r in found}:
        raise SelftestFailure(f'zoeken op "{term}" vond "{target.name}" niet')
    detail = services.kaart.detail(target.id)
    if detail is None or not services.kaart.his_text(target.id):
        raise SelftestFailure(f'de gegevens van "{target.name}" zijn niet te openen')
    _say("zoeken", f'"{term}" vond {len(found)} aanbod, waaronder "{target.name}"')


def _check_collation() -> str:
    """Qt's locale-aware sorting (ICU on Linux) must put accented letters with their base letter."""
    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    words = ["zorg", "Ëlla", "appel", "Eva", "één"]
    ordered = sorted(words, key=collator.sortKey)
    if ordered != ["appel", "één", "Ëlla", "Eva", "zorg"]:
        raise SelftestFailure(f"sorteren volgens de Nederlandse regels werkt niet ({', '.join(ordered)})")
    return ", ".join(ordered)


def _check_tls() -> str:
    import ssl

    import truststore

    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if context.verify_mode != ssl.CERT_REQUIRED:
        raise SelftestFailure("certificaatcontrole staat uit")
    return f"{ssl.OPENSSL_VERSION}, systeemcertificaten via truststore"


def _check_signatures() -> str:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    signature = key.sign(b"koppdesk")
    key.public_key().verify(signature, b"koppdesk")
    try:
        key.public_key().verify(signature, b"koppdesk!")
    except InvalidSignature:
        return "ondertekenen en controleren werkt"
    raise SelftestFailure("een vervalste handtekening werd niet herkend")
