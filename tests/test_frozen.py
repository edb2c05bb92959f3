"""The PyInstaller bundle really runs: `make dist-test` builds dist/koppdesk/ and runs these.

Skipped in a plain `make test` (no bundle path given); CI (.ci/run) runs `make dist-test`.
"""

from __future__ import annotations

import json
import os
import subprocess
import tomllib
from pathlib import Path

import pytest

FROZEN = os.environ.get("KOPPDESK_FROZEN_APP")
ROOT = Path(__file__).resolve().parents[1]
#: The goal for the one-folder bundle on Linux (bytes on disk).
# The aim is < 120 MB (see README); this guard catches a regression without failing on small growth.
MAX_BUNDLE_BYTES = 135_000_000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not FROZEN, reason="bundle tests: run `make dist-test`"),
]


def run_frozen(*args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    return subprocess.run([FROZEN, *args], capture_output=True, text=True, timeout=timeout)


def bundle_dir() -> Path:
    return Path(FROZEN).parent


def test_version_matches_pyproject():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    result = run_frozen("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"koppdesk {version}"


def test_selftest_passes_in_a_temporary_folder(tmp_path):
    log_dir = tmp_path / "logs"
    data_dir = Path(os.environ["KOPPDESK_DATA_DIR"])
    env = {**os.environ, "KOPPDESK_LOG_DIR": str(log_dir)}
    result = subprocess.run([FROZEN, "--selftest"], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "Zelftest geslaagd" in out
    assert "(tijdelijk)" in out and "bron demo" in out
    assert "ok    zoeken:" in out
    assert "Nederlandse Qt-teksten geladen" in out
    assert "appel, één, Ëlla, Eva, zorg" in out  # ICU collation survived trim_icu
    # The user's own data folder is untouched; the log file got the run.
    assert not (data_dir / "koppdesk.sqlite").exists()
    log = (log_dir / "koppdesk.log").read_text(encoding="utf-8")
    assert "command=selftest" in log and "(bundle)" in log and "selftest passed" in log


def test_selftest_with_data_dir_uses_that_folder(tmp_path):
    result = run_frozen("--data-dir", str(tmp_path / "eigen"), "--selftest", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "eigen" / "koppdesk.sqlite").exists()
    assert "(tijdelijk)" not in result.stdout


def test_config_show_reads_machine_file(tmp_path):
    machine = tmp_path / "koppdesk.toml"
    machine.write_text('feed_url = "https://kaart.example.org/feed/"\nlocked = ["feed_url"]\n', encoding="utf-8")
    env = {**os.environ, "KOPPDESK_MACHINE_CONFIG": str(machine)}
    result = subprocess.run([FROZEN, "config", "show", "--json"], capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["settings"]["feed_url"] == {
        "value": "https://kaart.example.org/feed/", "source": "machine (vergrendeld)", "locked": True}


def test_bundle_is_small_and_leaves_out_unused_qt():
    files = [p for p in bundle_dir().rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    print(f"bundle size: {size / 1e6:.1f} MB in {len(files)} files")
    names = {p.name for p in files}
    for unused in ("libQt6Quick.so.6", "libQt6Qml.so.6", "libQt6Pdf.so.6", "libQt6OpenGL.so.6", "libqgtk3.so",
                   "libqvnc.so", "libcups.so.2", "libcairo.so.2"):
        assert unused not in names
    assert not [n for n in names if n.endswith(".qm") and not n.endswith("_nl.qm")]
    assert {"libqxcb.so", "libqoffscreen.so", "libqwayland.so"} <= names
    assert size < MAX_BUNDLE_BYTES, f"bundle is {size / 1e6:.1f} MB"


def test_linux_install_script_puts_everything_in_place(tmp_path):
    root = tmp_path / "root"
    env = {**os.environ, "DESTDIR": str(root), "BUNDLE": str(bundle_dir())}
    result = subprocess.run(["sh", str(ROOT / "packaging" / "linux" / "install.sh")], capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    installed = root / "opt" / "koppdesk" / "koppdesk"
    assert subprocess.run([installed, "--version"], capture_output=True, text=True).stdout.startswith("koppdesk ")
    assert os.readlink(root / "usr" / "local" / "bin" / "koppdesk") == "/opt/koppdesk/koppdesk"
    desktop = (root / "usr/local/share/applications/koppdesk.desktop").read_text()
    assert "Exec=/opt/koppdesk/koppdesk\n" in desktop and "Icon=koppdesk\n" in desktop
    assert (root / "usr/local/share/icons/hicolor/256x256/apps/koppdesk.png").is_file()
    assert (root / "usr/local/share/icons/hicolor/scalable/apps/koppdesk.svg").is_file()


def test_bundle_syncs_a_signed_feed_and_searches_it(tmp_path, server, publisher):
    """The feed side in the bundle: fetch, signature (cryptography), schema (pydantic), apply."""
    data_dir = tmp_path / "data"
    result = run_frozen("--data-dir", str(data_dir), "sync", "--url", server.url, "--root", str(publisher.root),
                        "--json", timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["outcome"] == "applied"
    found = run_frozen("--data-dir", str(data_dir), "zoek", "groep", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)
