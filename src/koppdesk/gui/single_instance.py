"""One GUI per data folder: a second start asks the first window to come forward."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket


class SingleInstance(QObject):
    activated = Signal()

    def __init__(self, data_dir: Path):
        super().__init__()
        data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(data_dir / "koppdesk.lock"))
        self._lock.setStaleLockTime(0)
        digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
        self._name = f"koppdesk-{digest}"
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True when this process is the only instance; otherwise wake the other one."""
        if not self._lock.tryLock(100):
            socket = QLocalSocket()
            socket.connectToServer(self._name)
            if socket.waitForConnected(500):
                socket.write(b"show\n")
                socket.waitForBytesWritten(500)
                socket.disconnectFromServer()
            return False
        QLocalServer.removeServer(self._name)
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(self._name)
        return True

    def _on_connection(self) -> None:
        while self._server and self._server.hasPendingConnections():
            conn = self._server.nextPendingConnection()
            conn.readyRead.connect(conn.readAll)
            conn.disconnected.connect(conn.deleteLater)
            self.activated.emit()

    def release(self) -> None:
        if self._server:
            self._server.close()
        self._lock.unlock()
