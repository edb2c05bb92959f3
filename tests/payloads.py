"""Small hand-made payloads for tests (independent of the demo data)."""

from __future__ import annotations

from datetime import datetime, timezone

from koppdesk.models import Payload

AMERSFOORT, LEUSDEN, UTRECHT = "GM0307", "GM0327", "GM0344"


def service(id, name, *, org="org-a", kinds=("groep",), areas=(AMERSFOORT,), min_age=None,
            max_age=None, problems=(), referral=False, description="Een aanbod.", **extra) -> dict:
    return {"id": id, "organization_id": org, "name": name, "description": description,
            "kinds": list(kinds), "service_areas": list(areas), "minimum_age": min_age,
            "maximum_age": max_age, "parent_problems": list(problems),
            "referral_required": referral, **extra}


def payload(services: list[dict], *, orgs: list[dict] | None = None, locations=None,
            generated: str = "2026-11-01T09:00:00Z") -> Payload:
    orgs = orgs or [{"id": "org-a", "name": "Stichting Alfa"}, {"id": "org-b", "name": "Bèta Zorg"}]
    return Payload.model_validate({
        "publisher": "Test", "generated": generated, "organizations": orgs,
        "locations": locations or [], "services": services,
    })


def search_payload() -> Payload:
    return payload([
        service("s-kanjers", "Kanjergroep", min_age=8, max_age=12, problems=["psychisch"],
                description="Groep voor kinderen van een cliënt met depressie."),
        service("s-leusden", "Praatgroep Leusden", areas=[LEUSDEN], min_age=12, max_age=16,
                kinds=["groep", "jonge mantelzorgers"], problems=["verslaving"], referral=True),
        service("s-utrecht", "Gezinsgesprekken", org="org-b", areas=[UTRECHT], kinds=["gezin"],
                min_age=0, max_age=18, problems=["psychisch", "verslaving"]),
        service("s-online", "Chat voor jongeren", kinds=["online"], areas=[UTRECHT], min_age=16, max_age=25),
        service("s-nl", "Landelijke lijn", kinds=["individueel"], areas=["NL"]),
        service("s-adult", "Volwassen KOPP-groep", kinds=["volwassen KOPP"], min_age=18),
    ])


def now() -> datetime:
    return datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
