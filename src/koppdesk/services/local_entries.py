"""Creating the practice's own offers and contacts from what a user typed in a form."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from pydantic import ValidationError

from koppdesk.content.gemeenten import Gemeenten, UnknownGemeente
from koppdesk.models import (
    LOCAL_ID_PREFIX,
    ChainRole,
    LocalContact,
    OfferKind,
    Organization,
    ParentProblem,
    Phone,
    Service,
)

_FIELD_NAMES = {
    "name": "naam", "description": "omschrijving", "minimum_age": "minimale leeftijd",
    "maximum_age": "maximale leeftijd", "kinds": "soort aanbod", "service_areas": "gemeenten",
    "number": "telefoon", "email": "e-mail", "url": "website", "phone": "telefoon",
    "organization": "organisatie", "gemeente": "gemeente", "website": "website",
}


class LocalEntryError(ValueError):
    """Dutch message naming the field the user must fix."""


def _explain(exc: ValidationError) -> LocalEntryError:
    parts = []
    for err in exc.errors():
        names = [_FIELD_NAMES.get(str(x), str(x)) for x in err["loc"] if not isinstance(x, int)]
        where = names[-1] if names else "formulier"
        msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {msg}")
    return LocalEntryError("Controleer: " + "; ".join(dict.fromkeys(parts)))


def new_local_id() -> str:
    return f"{LOCAL_ID_PREFIX}{uuid.uuid4().hex[:12]}"


@dataclass
class LocalOfferForm:
    name: str
    organization: str
    description: str
    minimum_age: int | None = None
    maximum_age: int | None = None
    kinds: list[str] = field(default_factory=list)
    parent_problems: list[str] = field(default_factory=list)
    #: Gemeente names or CBS codes, comma separated; empty with `national` for online/landelijk.
    gemeenten: str = ""
    national: bool = False
    phone: str = ""
    email: str = ""
    website: str = ""
    application_process: str = ""
    fees_description: str = ""
    referral_required: bool = False
    #: Set when editing an existing local offer.
    service_id: str | None = None
    organization_id: str | None = None


def build_local_offer(form: LocalOfferForm, gemeenten: Gemeenten) -> tuple[Organization, Service]:
    """Validate the form into models; raises LocalEntryError with a Dutch message."""
    areas: list[str] = ["NL"] if form.national else []
    for part in [p for p in form.gemeenten.split(",") if p.strip()]:
        try:
            areas.append(gemeenten.resolve(part).code)
        except UnknownGemeente as exc:
            raise LocalEntryError(str(exc)) from exc
    if not areas:
        raise LocalEntryError("Controleer: gemeenten: vul minstens één gemeente in, of kies 'landelijk'.")
    if not form.organization.strip():
        raise LocalEntryError("Controleer: organisatie: vul de naam van de organisatie in.")
    try:
        org = Organization(id=form.organization_id or new_local_id(), name=form.organization)
        svc = Service(
            id=form.service_id or new_local_id(), organization_id=org.id, name=form.name,
            description=form.description or form.name,
            minimum_age=form.minimum_age, maximum_age=form.maximum_age,
            kinds=[OfferKind(k) for k in form.kinds],
            parent_problems=[ParentProblem(p) for p in form.parent_problems],
            service_areas=list(dict.fromkeys(areas)),
            phones=[Phone(number=form.phone)] if form.phone.strip() else [],
            email=form.email.strip() or None, url=form.website.strip() or None,
            application_process=form.application_process or None,
            fees_description=form.fees_description or None,
            referral_required=form.referral_required,
            assured_date=date.today(), last_modified=datetime.now(timezone.utc).replace(microsecond=0),
        )
    except ValidationError as exc:
        raise _explain(exc) from exc
    return org, svc


def build_local_contact(
    *, name: str, organization: str = "", role: str = "", phone: str = "", email: str = "",
    gemeente: str = "", chain_roles: list[str] | None = None, note: str = "",
    contact_id: str | None = None, gemeenten: Gemeenten,
) -> LocalContact:
    code = ""
    if gemeente.strip():
        try:
            code = gemeenten.resolve(gemeente).code
        except UnknownGemeente as exc:
            raise LocalEntryError(str(exc)) from exc
    try:
        return LocalContact(
            id=contact_id or new_local_id(), name=name, organization=organization, role=role,
            phone=phone.strip(), email=email.strip(), gemeente=code,
            chain_roles=[ChainRole(r) for r in chain_roles or []], note=note,
            updated=datetime.now(timezone.utc).replace(microsecond=0),
        )
    except ValidationError as exc:
        raise _explain(exc) from exc
