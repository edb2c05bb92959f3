"""Pydantic models of the sociale-kaart payload, shared by every layer.

The payload is HSDS 3 shaped (Open Referral): organizations, services, locations,
contacts and phones keep their HSDS field names.  What KOPP/KOV work needs on top
of HSDS (offer kind, parent problem, referral, chain roles...) are typed fields here;
`koppdesk feed to-hsds` maps them to HSDS attributes/taxonomy terms.

The same models validate `data/demo/sociale-kaart.json`, published feeds and
imports, so a malformed payload is rejected in one place with a path per error.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

# The vocabularies live in a pydantic-free module (start-up path); re-exported here.
from koppdesk.vocab import ChainRole, OfferKind, ParentProblem, ServiceStatus  # noqa: F401

PAYLOAD_FORMAT = "koppdesk-sociale-kaart"
PAYLOAD_SCHEMA_VERSION = 1

#: Prefix reserved for ids of entries a practice makes itself; feed ids may not use it.
LOCAL_ID_PREFIX = "lokaal-"

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _clean_text(value: str) -> str:
    """Strip control and bidi-override characters; feed text is shown as plain text."""
    if value.isprintable():  # the common case, checked in C; control and bidi characters are not printable
        return value.strip()
    return _CONTROL_CHARS.sub("", value).strip()


def _safe_url(value: str) -> str:
    value = value.strip()
    if not re.match(r"^https://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise ValueError("alleen https://-adressen zijn toegestaan")
    return value


def _safe_email(value: str) -> str:
    value = value.strip()
    if not re.match(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$", value):
        raise ValueError("geen geldig e-mailadres")
    return value


_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,24}$")


def _safe_phone(value: str) -> str:
    value = value.strip()
    if not _PHONE.match(value):
        raise ValueError("telefoonnummer mag alleen cijfers, spaties, +, - en haakjes bevatten")
    return value


ShortText = Annotated[str, AfterValidator(_clean_text), StringConstraints(max_length=300)]
LongText = Annotated[str, AfterValidator(_clean_text), StringConstraints(max_length=5000)]
Identifier = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,99}$")
]
HttpsUrl = Annotated[str, StringConstraints(max_length=500), AfterValidator(_safe_url)]
Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(_safe_email)]
PhoneNumber = Annotated[str, StringConstraints(max_length=30), AfterValidator(_safe_phone)]
GemeenteCode = Annotated[str, StringConstraints(pattern=r"^GM\d{4}$")]
#: A service area: a gemeente by CBS code, or "NL" for a national offer.
AreaCode = Annotated[str, StringConstraints(pattern=r"^(GM\d{4}|NL)$")]
Age = Annotated[int, Field(ge=0, le=120)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=5000, allow_inf_nan=False)


class Phone(_Strict):
    number: PhoneNumber
    description: ShortText | None = None


class Contact(_Strict):
    id: Identifier
    name: ShortText
    title: ShortText | None = None
    email: Email | None = None
    phones: list[Phone] = Field(default_factory=list, max_length=10)


class Address(_Strict):
    address_1: ShortText
    postal_code: Annotated[str, StringConstraints(pattern=r"^\d{4} ?[A-Z]{2}$")]
    city: ShortText


class Location(_Strict):
    id: Identifier
    organization_id: Identifier | None = None
    name: ShortText
    location_type: Literal["physical", "virtual"] = "physical"
    address: Address | None = None
    gemeente: GemeenteCode | None = None
    url: HttpsUrl | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)


class Organization(_Strict):
    id: Identifier
    name: ShortText
    description: LongText | None = None
    website: HttpsUrl | None = None
    email: Email | None = None
    phones: list[Phone] = Field(default_factory=list, max_length=10)
    contacts: list[Contact] = Field(default_factory=list, max_length=50)
    roles: list[ChainRole] = Field(default_factory=list)
    #: Gemeenten where the organisation takes its roles (chain map); empty = where its services are.
    gemeenten: list[GemeenteCode] = Field(default_factory=list, max_length=400)


class Service(_Strict):
    """One offer (HSDS `service`) plus the KOPP/KOV facts needed to pick it."""

    id: Identifier
    organization_id: Identifier
    name: ShortText
    alternate_name: ShortText | None = None
    description: LongText
    url: HttpsUrl | None = None
    email: Email | None = None
    status: ServiceStatus = ServiceStatus.ACTIVE
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    application_process: LongText | None = None
    fees_description: LongText | None = None
    eligibility_description: LongText | None = None
    assured_date: date | None = None
    last_modified: datetime | None = None
    kinds: list[OfferKind] = Field(min_length=1)
    parent_problems: list[ParentProblem] = Field(default_factory=list)
    referral_required: bool = False
    free_of_charge: bool | None = None
    languages: list[Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]] = Field(
        default_factory=lambda: ["nl"], max_length=30
    )
    culture_sensitive: bool = False
    next_start_date: date | None = None
    #: CBS gemeente codes, or "NL" for national.
    service_areas: list[AreaCode] = Field(min_length=1, max_length=400)
    location_ids: list[Identifier] = Field(default_factory=list, max_length=50)
    phones: list[Phone] = Field(default_factory=list, max_length=10)
    contacts: list[Contact] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _ages_in_order(self) -> Service:
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            raise ValueError("minimum_age is groter dan maximum_age")
        return self

    @property
    def is_online(self) -> bool:
        return OfferKind.ONLINE in self.kinds

    @property
    def is_national(self) -> bool:
        return "NL" in self.service_areas


class Payload(_Strict):
    """The feed payload (`feed.json`) and the demo sociale kaart."""

    format: Literal["koppdesk-sociale-kaart"] = PAYLOAD_FORMAT
    schema_version: Literal[1] = PAYLOAD_SCHEMA_VERSION
    publisher: ShortText
    generated: datetime
    organizations: list[Organization] = Field(max_length=200_000)
    locations: list[Location] = Field(default_factory=list, max_length=400_000)
    services: list[Service] = Field(max_length=200_000)

    @field_validator("organizations", "locations", "services")
    @classmethod
    def _unique_ids(cls, items: list) -> list:
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ValueError(f"id {item.id!r} komt meer dan eens voor")
            if item.id.startswith(LOCAL_ID_PREFIX):
                raise ValueError(f"id {item.id!r} begint met het gereserveerde {LOCAL_ID_PREFIX!r}")
            seen.add(item.id)
        return items

    @model_validator(mode="after")
    def _references_resolve(self) -> Payload:
        org_ids = {o.id for o in self.organizations}
        loc_ids = {loc.id for loc in self.locations}
        for i, svc in enumerate(self.services):
            if svc.organization_id not in org_ids:
                raise ValueError(
                    f"services[{i}] ({svc.id}): organization_id {svc.organization_id!r} bestaat niet"
                )
            for loc in svc.location_ids:
                if loc not in loc_ids:
                    raise ValueError(f"services[{i}] ({svc.id}): location_id {loc!r} bestaat niet")
        return self


def payload_json_schema() -> dict:
    """JSON Schema of the payload, as printed by `koppdesk schema`."""
    schema = Payload.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://koppdesk.example.org/schema/sociale-kaart-v1.json"
    return schema


class LocalContact(_Strict):
    """A personal contact of the practice ("korte lijnen"); never part of a feed."""

    id: Annotated[str, StringConstraints(pattern=r"^lokaal-[A-Za-z0-9\-]{1,60}$")]
    name: ShortText = Field(min_length=1)
    organization: ShortText = ""
    role: ShortText = ""
    phone: PhoneNumber | Literal[""] = ""
    email: Email | Literal[""] = ""
    gemeente: GemeenteCode | Literal[""] = ""
    chain_roles: list[ChainRole] = Field(default_factory=list)
    note: LongText = ""
    updated: datetime


class LocalNote(_Strict):
    service_id: Identifier
    text: LongText
    updated: datetime


class LocalOrganizationRole(_Strict):
    """A chain role the practice added to an organisation for one gemeente (ketenkaart)."""

    organization_id: Identifier
    gemeente: GemeenteCode
    role: ChainRole
    added: datetime


class LocalExport(_Strict):
    """File format of "Lokale gegevens exporteren", to hand local entries to a colleague."""

    format: Literal["koppdesk-lokaal"] = "koppdesk-lokaal"
    schema_version: Literal[1] = 1
    exported: datetime
    organizations: list[Organization] = Field(default_factory=list, max_length=10_000)
    services: list[Service] = Field(default_factory=list, max_length=10_000)
    notes: list[LocalNote] = Field(default_factory=list, max_length=100_000)
    favourites: list[Identifier] = Field(default_factory=list, max_length=100_000)
    contacts: list[LocalContact] = Field(default_factory=list, max_length=10_000)
    organization_roles: list[LocalOrganizationRole] = Field(default_factory=list, max_length=100_000)

    @model_validator(mode="after")
    def _local_ids_only(self) -> LocalExport:
        for item in [*self.organizations, *self.services]:
            if not item.id.startswith(LOCAL_ID_PREFIX):
                raise ValueError(f"id {item.id!r} is geen lokaal id (moet beginnen met {LOCAL_ID_PREFIX!r})")
        return self
