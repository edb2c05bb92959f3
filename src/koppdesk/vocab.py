"""The fixed vocabularies of the sociale kaart (offer kinds, parent problems, chain roles, status).

Plain enums without pydantic, so the start-up path (search, filters, list) can use them without
importing the payload models; `koppdesk.models` re-exports them.
"""

from __future__ import annotations

from enum import StrEnum


class OfferKind(StrEnum):
    """What kind of offer this is (one offer can be several)."""

    GROEP = "groep"
    INDIVIDUEEL = "individueel"
    GEZIN = "gezin"
    OUDERS = "ouders"
    ONLINE = "online"
    JONGE_MANTELZORGERS = "jonge mantelzorgers"
    VOLWASSEN_KOPP = "volwassen KOPP"


class ParentProblem(StrEnum):
    PSYCHISCH = "psychisch"
    VERSLAVING = "verslaving"


class ChainRole(StrEnum):
    """Roles an organisation takes in the local KOPP/KOV chain (seed 004)."""

    SIGNALERING = "signalering"
    RISICO_INSCHATTING = "risico-inschatting"
    BESPREKEN = "bespreken"
    TOELEIDING = "toeleiding"
    UITVOERING = "uitvoering"
    DESKUNDIGHEIDSBEVORDERING = "deskundigheidsbevordering"


class ServiceStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"
    TEMPORARILY_CLOSED = "temporarily closed"
