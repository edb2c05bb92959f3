"""A second start on the same data folder wakes the first window instead of opening a second one."""

import subprocess
import sys
import textwrap

from koppdesk.gui.single_instance import SingleInstance


def test_second_process_is_refused_and_first_is_activated(qtbot, data_dir):
    first = SingleInstance(data_dir)
    assert first.acquire()
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication
        from koppdesk.gui.single_instance import SingleInstance
        app = QCoreApplication(sys.argv)
        sys.exit(0 if not SingleInstance(Path({str(data_dir)!r})).acquire() else 1)
    """)
    with qtbot.waitSignal(first.activated, timeout=10000):
        proc = subprocess.Popen([sys.executable, "-c", script])
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10000)
    assert proc.returncode == 0
    first.release()
    second = SingleInstance(data_dir)
    assert second.acquire()  # free again after the first one released
    second.release()


def test_lock_taken_on_a_thread_decides_the_same(qtbot, data_dir):
    first = SingleInstance(data_dir)
    first.start()  # as the GUI does: the lock file is written while QApplication is made
    assert first.acquire(listen=False)
    second = SingleInstance(data_dir)
    second.start()
    assert not second.acquire(listen=False)  # held by this process's first instance
    first.release()
    third = SingleInstance(data_dir)
    assert third.acquire(listen=False)
    third.release()


def test_server_name_stays_sha256_of_the_folder(data_dir):
    """A newer version must find an older one's server: the name is part of the contract."""
    import hashlib

    expected = "koppdesk-" + hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    assert SingleInstance(data_dir).server_name() == expected
