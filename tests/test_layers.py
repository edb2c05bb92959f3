"""Layering rule: nothing below gui/ imports Qt."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("package", [
    "koppdesk.store", "koppdesk.services", "koppdesk.feed", "koppdesk.content",
    "koppdesk.models", "koppdesk.config", "koppdesk.cli", "koppdesk.logsetup",
])
def test_core_packages_do_not_import_qt(package):
    code = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module({package!r})\n"
        "for m in pkgutil.walk_packages(getattr(pkg, '__path__', []), pkg.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
