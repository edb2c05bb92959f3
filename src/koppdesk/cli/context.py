"""What sub-commands share: settings, and the store and services opened on demand."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from koppdesk.config import Settings, load_settings

if TYPE_CHECKING:  # imported when first used: the GUI start goes through here too
    from koppdesk.content.gemeenten import Gemeenten
    from koppdesk.services.kaart import KaartService
    from koppdesk.store import Store


class CliExit(Exception):
    """Stop a sub-command with a message on stderr and an exit code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


class CliContext:
    def __init__(self, data_dir: str | None, log_level: str | None = None):
        self.settings: Settings = load_settings({"data_dir": data_dir, "log_level": log_level})
        self._store: Store | None = None
        self._gemeenten: Gemeenten | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            from koppdesk.services.setup import open_store
            from koppdesk.store import StoreError

            try:
                self._store = open_store(self.settings.data_dir)
            except StoreError as exc:
                raise CliExit(f"{exc}\nHerstel met: koppdesk herstel", 1) from exc
        return self._store

    @property
    def gemeenten(self) -> Gemeenten:
        if self._gemeenten is None:
            from koppdesk.content.gemeenten import Gemeenten

            self._gemeenten = Gemeenten.load()
        return self._gemeenten

    def kaart(self) -> KaartService:
        from koppdesk.services.kaart import KaartService

        return KaartService(self.store, self.gemeenten)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code
