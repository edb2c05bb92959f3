"""One GUI per data folder: a second start asks the first window to come forward.

The lock file decides who is first.  The first instance's local server (QtNetwork) is only
needed to hear from a later one, so the GUI may start it after its window is up (`listen`);
a second instance waits half a second for it.  Taking the lock writes the lock file and syncs
it to disk (~1.5 ms); `start` does that on a thread while the GUI creates its application.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal


class SingleInstance(QObject):
    activated = Signal()

    def __init__(self, data_dir: Path):
        super().__init__()
        data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(data_dir / "koppdesk.lock"))
        self._lock.setStaleLockTime(0)
        self._data_dir = data_dir
        self._name: str | None = None
        self._server = None
        self._attempt: threading.Thread | None = None
        self._locked = False

    def server_name(self) -> str:
        """The local server's name, made when first needed (the first window does not need it,
        nor QCryptographicHash's enums).  Same as sha256(path).hexdigest()[:16]; QtCore's hash
        spares loading OpenSSL."""
        if self._name is None:
            from PySide6.QtCore import QCryptographicHash

            digest = QCryptographicHash.hash(str(self._data_dir.resolve()).encode(),
                                             QCryptographicHash.Algorithm.Sha256)
            self._name = f"koppdesk-{bytes(digest.toHex()).decode()[:16]}"
        return self._name

    def start(self) -> None:
        """Begin taking the lock on a thread (Qt releases the GIL meanwhile); `acquire` waits for it."""
        if self._attempt is None:
            self._attempt = threading.Thread(target=self._try_lock, name="koppdesk-lock", daemon=True)
            self._attempt.start()

    def _try_lock(self) -> None:
        self._locked = self._lock.tryLock(100)

    def acquire(self, listen: bool = True) -> bool:
        """True when this process is the only instance; otherwise wake the other one.

        `listen=False`: call `listen()` later (the GUI does so once its window is up).
        """
        self.start()
        self._attempt.join()
        if not self._locked:
            from PySide6.QtNetwork import QLocalSocket

            socket = QLocalSocket()
            socket.connectToServer(self.server_name())
            if socket.waitForConnected(500):
                socket.write(b"show\n")
                socket.waitForBytesWritten(500)
                socket.disconnectFromServer()
            return False
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Start the local server that hears a later instance (after a successful acquire)."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None or not self._lock.isLocked():
            return
        QLocalServer.removeServer(self.server_name())
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(self.server_name())

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
