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
import sys
from pathlib import Path

#: Qt plugin folders the bundle does not need.
DROP_PLUGIN_DIRS = {
    "designer", "qmltooling", "sqldrivers", "egldeviceintegrations", "generic",
    "wayland-graphics-integration-server", "networkinformation", "vectorimageformats",
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
                "Qt6EglFS", "Qt6Designer", "Qt6Lottie", "Qt6Labs")
KEEP_TRANSLATION_SUFFIX = "_nl.qm"


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
    return not name.startswith(DROP_QT_LIBS + tuple("lib" + n for n in DROP_QT_LIBS))


def _is_root(dest: str) -> bool:
    """Files kept for their own sake; top-level host libraries stay only when one needs them."""
    name = os.path.basename(dest)
    return "/" in dest.replace("\\", "/") or name.startswith("libpython") or ".cpython-" in name or ".abi3." in name


def drop_unneeded_host_libs(binaries: list[tuple[str, str, str]]) -> tuple[list, list[str]]:
    """Linux: remove top-level host libraries that no kept binary links to any more
    (after dropping plugins such as the GTK3 theme).  Returns (kept, dropped names)."""
    if not sys.platform.startswith("linux"):
        return binaries, []
    from PyInstaller.depend.bindepend import get_imports

    by_path = {os.path.realpath(src): (dest, src, kind) for dest, src, kind in binaries}
    reached: set[str] = set()
    todo = [os.path.realpath(src) for dest, src, _ in binaries if _is_root(dest)]
    while todo:
        path = todo.pop()
        if path in reached:
            continue
        reached.add(path)
        for _, full in get_imports(path):
            if full and os.path.realpath(full) in by_path:
                todo.append(os.path.realpath(full))
    kept, dropped = [], []
    for entry in binaries:
        if _is_root(entry[0]) or os.path.realpath(entry[1]) in reached:
            kept.append(entry)
        else:
            dropped.append(entry[0])
    return kept, dropped
