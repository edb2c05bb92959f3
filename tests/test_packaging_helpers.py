"""The helpers koppdesk.spec uses: what the bundle leaves out, and the ICU data trim."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[1] / "packaging"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bundle_filter = load("bundle_filter")
trim_icu = load("trim_icu")


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/plugins/platforms/qdirect2d.dll", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", True),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/translations/qtbase_nl.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/translations/qt_help_nl.qm", True),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("PySide6/Qt6Qml.dll", False),
    ("resources/gemeenten.json", True),
])
def test_bundle_filter_keeps_what_koppdesk_uses(dest, kept):
    assert bundle_filter.keep((dest, "/src/" + dest, "BINARY")) is kept


@pytest.mark.parametrize(("name", "kept"), [
    ("icudt73l/nl.res", True), ("icudt73l/nl_BE.res", True), ("icudt73l/en_GB.res", True),
    ("icudt73l/root.res", True), ("icudt73l/pool.res", True), ("icudt73l/res_index.res", True),
    ("icudt73l/supplementalData.res", True), ("icudt73l/zoneinfo64.res", True),
    ("icudt73l/coll/ucadata.icu", True), ("icudt73l/coll/nl.res", True), ("icudt73l/coll/root.res", True),
    ("icudt73l/coll/de.res", False), ("icudt73l/coll/de_.res", False), ("icudt73l/zh_Hant_TW.res", False),
    ("icudt73l/ibm-1390_P110-2003.cnv", False), ("icudt73l/brkitr/cjdict.dict", False),
    ("icudt73l/brkitr/word.brk", True), ("icudt73l/translit/root.res", False),
    ("icudt73l/uts46.nrm", True), ("icudt73l/unames.icu", False),
])
def test_icu_items_kept_for_a_dutch_app(name, kept):
    assert trim_icu.wanted(name) is kept


def _items(names: list[str]) -> list:
    """Items as ICU stores them: each padded to a multiple of 16 bytes."""
    return [trim_icu.Item(n, n.encode().ljust(16 * (i + 2), b"x")) for i, n in enumerate(names)]


def test_icu_package_round_trip_and_trim():
    header = b"\x80\x00\xda\x27" + b"\x14\x00\x00\x00\x00\x00\x02\x00CmnD\x01\x00\x00\x00\x49\x00\x00\x00"
    header = header.ljust(0x80, b"\0")
    names = sorted(["icudt73l/coll/de.res", "icudt73l/coll/nl.res", "icudt73l/nl.res",
                    "icudt73l/ibm-37_P100-1995.cnv", "icudt73l/root.res", "icudt73l/uts46.nrm"])
    blob = trim_icu.write_package(header, _items(names))
    assert trim_icu.read_package(blob) == (header, _items(names))
    trimmed, total, kept = trim_icu.trim(blob)
    assert (total, kept) == (6, 4)
    _, items = trim_icu.read_package(trimmed)
    assert [i.name for i in items] == ["icudt73l/coll/nl.res", "icudt73l/nl.res", "icudt73l/root.res",
                                       "icudt73l/uts46.nrm"]
    original = {i.name: i.data for i in _items(names)}
    assert all(i.data == original[i.name] for i in items)


def test_icu_rejects_other_data():
    with pytest.raises(ValueError, match="CmnD"):
        trim_icu.read_package(b"\x80\x00\xda\x27" + b"\0" * 200)


PYSIDE = Path(sys.prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages" / "PySide6"


@pytest.mark.skipif(not (sys.platform.startswith("linux") and shutil.which("readelf")), reason="Linux ELF files")
def test_libraries_stay_only_while_something_links_to_them():
    qt = PYSIDE / "Qt" / "lib"
    entries = [("PySide6/QtCore.abi3.so", str(PYSIDE / "QtCore.abi3.so"), "EXTENSION")]
    entries += [(f"PySide6/Qt/lib/{p.name}", str(p), "BINARY") for p in sorted(qt.glob("libQt6*.so.6"))
                if p.name in ("libQt6Core.so.6", "libQt6Widgets.so.6", "libQt6Gui.so.6")]
    entries += [(f"PySide6/Qt/lib/{p.name}", str(p), "BINARY") for p in sorted(qt.glob("libicu*.so.*"))]
    entries += [(f"PySide6/shiboken6/{p.name}", str(p), "BINARY")
                for p in (PYSIDE.parent / "shiboken6").glob("libshiboken6*.so*")]
    entries += [(f"PySide6/{p.name}", str(p), "BINARY") for p in PYSIDE.glob("libpyside6*.so*")]
    kept, dropped = bundle_filter.drop_unneeded_host_libs(entries)
    kept_names = {Path(e[0]).name for e in kept}
    assert {"QtCore.abi3.so", "libQt6Core.so.6"} <= kept_names
    assert any(n.startswith("libicudata") for n in kept_names)  # via libicuuc, two links away
    assert {"PySide6/Qt/lib/libQt6Widgets.so.6", "PySide6/Qt/lib/libQt6Gui.so.6"} <= set(dropped)


PYSIDE_ICU = sorted((Path(sys.prefix) / "lib").glob("python3*/site-packages/PySide6/Qt/lib/libicudata.so.*"))


@pytest.mark.slow
@pytest.mark.skipif(not (PYSIDE_ICU and shutil.which("cc") and shutil.which("readelf")),
                    reason="Linux PySide6 with ICU, cc and readelf needed")
def test_trimmed_icu_library_keeps_dutch_and_is_small(tmp_path):
    library = PYSIDE_ICU[0]
    trimmed = trim_icu.build_trimmed_library(library, tmp_path)
    symbol, blob = trim_icu._symbol_blob(trimmed)
    assert symbol.startswith("icudt") and trimmed.name == library.name
    _, items = trim_icu.read_package(blob)
    names = {i.name.split("/", 1)[1] for i in items}
    assert {"nl.res", "coll/nl.res", "coll/ucadata.icu", "root.res"} <= names
    assert not any(n.endswith(".cnv") for n in names)
    assert trimmed.stat().st_size < library.stat().st_size / 4
