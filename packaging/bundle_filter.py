"""Which collected files the koppdesk bundle leaves out (used by koppdesk.spec).

PyInstaller's PySide6 hooks collect every plugin of the Qt modules koppdesk imports and the
host libraries those plugins link to.  koppdesk is a widgets application with Dutch texts,
so it leaves out: other platform back-ends (eglfs, vnc, linuxfb), image formats it never
shows, the GTK3 platform theme (it alone pulls in ~8 MB of GTK/cairo/pango libraries; Qt then
uses its Fusion style and the desktop portal for file dialogs), the virtual keyboard (pulls
in QtQuick), QML tooling, SQL drivers, and every Qt translation except Dutch.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

#: Qt plugin folders the bundle does not need (the GL integrations: koppdesk draws with
#: Qt's raster engine, never OpenGL).
DROP_PLUGIN_DIRS = {
    "designer", "qmltooling", "sqldrivers", "egldeviceintegrations", "generic",
    "wayland-graphics-integration-server", "wayland-graphics-integration-client",
    "xcbglintegrations", "networkinformation", "vectorimageformats",
    "multimedia", "position", "sensors", "texttospeech", "renderers", "scenegraph",
    "qmllint", "sceneparsers", "geometryloaders", "renderplugins", "assetimporters",
}
#: Single plugins, by file name without "lib" prefix and suffix.
DROP_PLUGINS = {
    "qeglfs", "qlinuxfb", "qminimalegl", "qvkkhrdisplay", "qvnc", "qdirect2d",
    "qtiff", "qwebp", "qpdf", "qicns", "qtga", "qwbmp",
    "qgtk3", "qtvirtualkeyboardplugin",
}
#: Qt libraries only excluded modules or dropped plugins use.
DROP_QT_LIBS = ("Qt6Quick", "Qt6Qml", "Qt6Pdf", "Qt6VirtualKeyboard", "Qt6WaylandCompositor",
                "Qt6EglFs", "Qt6Designer", "Qt6Lottie", "Qt6Labs")
KEEP_TRANSLATION_SUFFIX = "_nl.qm"
#: Linux libraries taken from the user's system instead of the build machine: CUPS talks to
#: the local print service and must match it (it also pulls in ~7 MB of TLS/Avahi libraries).
#: Without it, Qt still prints to PDF; the printer list needs libcups2 on the system.
USE_SYSTEM_COPY = {"libcups.so.2"}


def _stem(name: str) -> str:
    stem = name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep(entry: tuple[str, str, str]) -> bool:
    """False for a collected file (dest, src, kind) that the bundle does without."""
    dest = entry[0].replace("\\", "/")
    parts = Path(dest).parts
    if "PySide6" in parts and "plugins" in parts:
        plugin = parts[parts.index("plugins") + 1:]
        if plugin[0] in DROP_PLUGIN_DIRS or _stem(plugin[-1]) in DROP_PLUGINS:
            return False
    if "/translations/" in dest and dest.endswith(".qm"):
        return dest.endswith(KEEP_TRANSLATION_SUFFIX)
    name = parts[-1]
    if parts[0] == "data" and (name.endswith(".py") or "__pycache__" in parts):
        return False  # generator scripts of the demo data are not needed at run time
    if sys.platform.startswith("linux") and name in USE_SYSTEM_COPY:
        return False
    return not name.startswith(DROP_QT_LIBS + tuple("lib" + n for n in DROP_QT_LIBS))


def _is_root(dest: str) -> bool:
    """Files kept for their own sake: Python extension modules, Qt plugins, libpython.
    Every other shared library stays only while one of these (indirectly) links to it."""
    parts = Path(dest.replace("\\", "/")).parts
    name = parts[-1]
    return (".cpython-" in name or ".abi3." in name or name.startswith("libpython")
            or ("PySide6" in parts and "plugins" in parts))


def _needed(path: str) -> list[str]:
    """Direct link-time dependencies (DT_NEEDED sonames) of an ELF file."""
    out = subprocess.run(["readelf", "-d", "-W", path], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def drop_unneeded_host_libs(binaries: list[tuple[str, str, str]]) -> tuple[list, list[str]]:
    """Linux: remove shared libraries that no kept binary links to any more (after dropping
    plugins such as the GTK3 theme and the GL integrations, or libraries in USE_SYSTEM_COPY).
    Follows DT_NEEDED from the roots, as the dynamic loader will.  Returns (kept, dropped)."""
    if not sys.platform.startswith("linux") or not shutil.which("readelf"):
        return binaries, []
    by_soname: dict[str, list[str]] = {}
    for dest, src, _ in binaries:
        by_soname.setdefault(os.path.basename(dest), []).append(src)
    reached: set[str] = set()
    todo = [src for dest, src, _ in binaries if _is_root(dest)]
    while todo:
        path = todo.pop()
        if path in reached:
            continue
        reached.add(path)
        for soname in _needed(path):
            todo.extend(by_soname.get(soname, []))
    kept = [e for e in binaries if e[1] in reached]
    return kept, [e[0] for e in binaries if e[1] not in reached]
