"""The composition root: every long-lived object, created once at start-up.

The GUI and the CLI build one `AppServices` and pass it (or parts of it) through
constructors; there are no module-level singletons.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from koppdesk.config import Settings
from koppdesk.content.gemeenten import Gemeenten
from koppdesk.content.loader import ContentLibrary
from koppdesk.services.kaart import KaartService
from koppdesk.services.setup import open_store
from koppdesk.services.tips import TipsService
from koppdesk.store import Store

if TYPE_CHECKING:
    from koppdesk.services.dekking import DekkingService
    from koppdesk.services.keten import KetenService
    from koppdesk.services.sync import SyncService


class AppServices:
    """The long-lived services.  A plain class: a dataclass costs ~0.5 ms more to create, on
    the path to the first window (bench/startup.py)."""

    def __init__(self, settings: Settings, store: Store, gemeenten: Gemeenten, kaart: KaartService,
                 content: ContentLibrary | None = None):
        self.settings, self.store, self.gemeenten, self.kaart = settings, store, gemeenten, kaart
        #: Kindcheck, gesprekstips and checklist content (each file read when first needed).
        self.content = content if content is not None else ContentLibrary()
        self.tips = TipsService(self.content, self.store)

    # Built when first used (their modules are not needed for the first window; the GUI's
    # sync controller starts after the first frame).
    @cached_property
    def sync(self) -> SyncService:
        from koppdesk.services.sync import SyncService

        return SyncService(self.settings)

    @cached_property
    def dekking(self) -> DekkingService:
        from koppdesk.services.dekking import DekkingService

        return DekkingService(self.store, self.gemeenten)

    @cached_property
    def keten(self) -> KetenService:
        from koppdesk.services.keten import KetenService

        return KetenService(self.store, self.gemeenten)

    def close(self) -> None:
        """Close the store; safe to call more than once."""
        if "sync" in self.__dict__:  # built
            self.sync.close()
        self.store.close()


def build_services(settings: Settings, *, full_check: bool = True) -> AppServices:
    """Open the store (seeding it on first run) and wire the services.  Raises StoreError.

    `full_check=False`: the caller runs `store.integrity_check()` itself later (the GUI does,
    in the background, so a large database does not slow down its start).
    """
    store = open_store(settings.data_dir, full_check=full_check)
    gemeenten = Gemeenten.load()
    return AppServices(settings=settings, store=store, gemeenten=gemeenten,
                       kaart=KaartService(store, gemeenten))
