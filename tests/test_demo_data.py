"""The bundled demo sociale kaart: valid, fictional, rich enough to try every filter, with known gaps."""

import re
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timezone

import pytest

from koppdesk.bundle import data_path, demo_payload_path
from koppdesk.content.gemeenten import Gemeenten
from koppdesk.models import ChainRole, OfferKind, ParentProblem, Payload

DEMO_GEMEENTEN = {"GM0307", "GM0327", "GM0344", "GM0193", "GM0855", "GM0014"}
FICTIONAL_PHONE = re.compile(r"^(0800-0\d{6}|088-\d{7})$")
EXAMPLE_URL = re.compile(r"^https://([a-z0-9-]+\.)*example\.org(/[^\s]*)?$")
EXAMPLE_MAIL = re.compile(r"^[^@\s]+@([a-z0-9-]+\.)*example\.org$")


@pytest.fixture(scope="module")
def demo() -> Payload:
    return Payload.model_validate_json(demo_payload_path().read_bytes())


@pytest.fixture(scope="module")
def gemeenten() -> Gemeenten:
    return Gemeenten.load()


def covers(service, age: int) -> bool:
    low = service.minimum_age if service.minimum_age is not None else 0
    high = service.maximum_age if service.maximum_age is not None else 200
    return low <= age <= high


def local(demo, gemeente: str):
    return [s for s in demo.services if gemeente in s.service_areas]


def test_size_and_spread(demo):
    assert len(demo.services) >= 45
    areas = {a for s in demo.services for a in s.service_areas} - {"NL"}
    assert areas == DEMO_GEMEENTEN
    for code in DEMO_GEMEENTEN:
        assert len(local(demo, code)) >= 8, code
    assert demo.generated == datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)


def test_every_kind_problem_and_age_edge_is_present(demo):
    assert {k for s in demo.services for k in s.kinds} == set(OfferKind)
    assert {p for s in demo.services for p in s.parent_problems} == set(ParentProblem)
    assert any(covers(s, 0) and not s.is_national for s in demo.services)
    assert any(covers(s, 25) and not s.is_national for s in demo.services)
    # provider-specific age bands, not a handful of fixed ones
    bands = {(s.minimum_age, s.maximum_age) for s in demo.services}
    assert len(bands) >= 20
    assert len({s.minimum_age for s in demo.services if OfferKind.GROEP in s.kinds}) >= 8


def test_practical_details_vary(demo):
    services = demo.services
    assert any(s.referral_required for s in services) and any(not s.referral_required for s in services)
    assert any(s.free_of_charge for s in services) and any(s.free_of_charge is False for s in services)
    assert all(s.fees_description and s.application_process for s in services)
    assert any(s.culture_sensitive for s in services)
    assert any(set(s.languages) - {"nl"} for s in services)
    local_groups = [s for s in services if OfferKind.GROEP in s.kinds and not s.is_online]
    assert local_groups and all(s.next_start_date and s.next_start_date > date(2026, 11, 1) for s in local_groups)
    assert all(s.assured_date and s.assured_date.year == 2026 for s in services)
    assert any(s.contacts for s in services)


def test_exactly_three_national_offers_all_online(demo):
    national = [s for s in demo.services if s.is_national]
    assert len(national) == 3
    assert all(s.service_areas == ["NL"] and s.is_online and not s.location_ids for s in national)
    assert [s for s in demo.services if s.is_online] == national


def test_everything_reachable_is_fictional(demo):
    phones, urls, mails = [], [], []
    for org in demo.organizations:
        phones += [p.number for p in org.phones]
        urls.append(org.website)
        mails.append(org.email)
        for c in org.contacts:
            phones += [p.number for p in c.phones]
            mails.append(c.email)
    for s in demo.services:
        phones += [p.number for p in s.phones]
        urls.append(s.url)
        mails.append(s.email)
        for c in s.contacts:
            phones += [p.number for p in c.phones]
            mails.append(c.email)
    urls += [loc.url for loc in demo.locations]
    assert phones and all(FICTIONAL_PHONE.match(p) for p in phones), phones
    assert all(EXAMPLE_URL.match(u) for u in urls if u is not None)
    assert all(EXAMPLE_MAIL.match(m) for m in mails if m is not None)
    assert all("Voorbeeld" in o.name for o in demo.organizations)


def test_ids_are_unique_including_contacts(demo):
    ids = [c.id for o in demo.organizations for c in o.contacts] + [c.id for s in demo.services for c in s.contacts]
    assert len(ids) == len(set(ids))


def test_gemeente_codes_exist(demo, gemeenten):
    codes = {a for s in demo.services for a in s.service_areas if a != "NL"}
    codes |= {g for o in demo.organizations for g in o.gemeenten}
    codes |= {loc.gemeente for loc in demo.locations if loc.gemeente}
    assert codes and all(gemeenten.by_code(c) for c in codes)


def test_location_postcodes_lie_in_their_gemeente(demo, gemeenten):
    assert demo.locations
    for loc in demo.locations:
        assert loc.address and loc.gemeente, loc.id
        in_pc4 = [g.code for g in gemeenten.for_postcode(loc.address.postal_code)]
        assert loc.gemeente in in_pc4, (loc.id, loc.address.postal_code, in_pc4)


def test_offer_locations_are_in_a_served_gemeente(demo):
    by_id = {loc.id: loc for loc in demo.locations}
    for s in demo.services:
        for lid in s.location_ids:
            assert by_id[lid].gemeente in s.service_areas, (s.id, lid)
        assert s.location_ids or s.is_national, s.id


def test_every_demo_gemeente_has_a_chain(demo):
    """The ketenkaart needs every role covered in every demo gemeente, by named contacts."""
    for code in DEMO_GEMEENTEN:
        partners = [o for o in demo.organizations if code in o.gemeenten]
        roles = Counter(r for o in partners for r in o.roles)
        assert set(roles) == set(ChainRole), (code, roles)
        assert len(partners) >= 6, code
        assert any(c.title for o in partners for c in o.contacts), code
        assert any("POH-GGZ" in (c.title or "") for o in partners for c in o.contacts), code
        assert any("Veilig Thuis" in o.name for o in partners), code


def test_documented_gaps(demo):
    """Deliberate gaps, listed in data/demo/README.md; change both together."""
    def kinds(code, kind, age, problem=None):
        return [s.id for s in local(demo, code) if kind in s.kinds and covers(s, age)
                and (problem is None or problem in s.parent_problems)]

    assert not kinds("GM0327", OfferKind.GROEP, 14)  # Leusden: no group 12-16
    assert kinds("GM0307", OfferKind.GROEP, 14)
    assert not any(kinds("GM0193", OfferKind.GROEP, age, ParentProblem.VERSLAVING) for age in range(12))
    assert not [s for s in local(demo, "GM0855") if OfferKind.JONGE_MANTELZORGERS in s.kinds]
    assert not [s for s in local(demo, "GM0014") if any(covers(s, age) for age in range(4))]
    assert not [s for s in local(demo, "GM0344") if OfferKind.VOLWASSEN_KOPP in s.kinds]
    readme = data_path("demo", "README.md").read_text(encoding="utf-8")
    for name in ("Leusden", "Zwolle", "Tilburg", "Groningen", "Utrecht"):
        assert name in readme


def test_generator_reproduces_the_committed_file():
    script = data_path("demo", "build_demo.py")
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
