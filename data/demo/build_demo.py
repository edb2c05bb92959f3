"""Write data/demo/sociale-kaart.json: the fictional demo sociale kaart.

Run from the repository root:  python data/demo/build_demo.py  (add --check to only compare).
Deterministic: the same input always gives the same bytes.  Not part of the koppdesk package;
the organisations live here, the offers in demo_offers.py.  Everything is fictional (see README.md).

Facts behind the shape of the data, from the background documents in ../shared/seeds/:
- chain roles signalering .. deskundigheidsbevordering and the partners that take them
  (huisarts/POH-GGZ, wijkteam, JGZ, GGZ with preventie, verslavingszorg): 004_8a771c1df0ea01e2.txt,
  000_4fa7000c313c3132.txt;
- a JGZ home-visit programme for vulnerable (expectant) mothers until the child is two:
  003_2f47ab795a1fba83.txt (VoorZorg);
- preventive KOPP/KOV-preventiewerkers train colleagues and act as "aandachtsfunctionaris":
  003_2f47ab795a1fba83.txt.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # no __pycache__ in data/, which is bundled as is

from demo_offers import ASSURED, offers  # noqa: E402

OUT = HERE / "sociale-kaart.json"
GENERATED = "2026-11-01T09:00:00Z"
PUBLISHER = "Demo-uitgever koppdesk (fictief, alleen om te oefenen)"

AMF, LSD, UTR, ZWL, TLB, GRO = "GM0307", "GM0327", "GM0344", "GM0193", "GM0855", "GM0014"

SIG, RISK, TALK, REFER, DO, TRAIN = (
    "signalering", "risico-inschatting", "bespreken", "toeleiding", "uitvoering", "deskundigheidsbevordering",
)
GP_ROLES = [SIG, RISK, TALK, REFER]
TEAM_ROLES = [SIG, RISK, TALK, REFER, DO]
JGZ_ROLES = [SIG, RISK, REFER, DO, TRAIN]
GGZ_ROLES = [TALK, DO, TRAIN]
ADDICTION_ROLES = [SIG, TALK, REFER, DO, TRAIN]
SAFETY_ROLES = [RISK, TALK, TRAIN]

# (id, name, host for e-mail/web, roles, gemeenten, short description, location or None, contacts)
# location: (street and number, postcode, city, gemeente); contacts: (name, title or None)
ORGANISATIONS = [
    # --- Eemland: Amersfoort and Leusden -------------------------------------------------
    ("org-eem-ggz", "Stichting Voorbeeld GGZ Eemland", "ggz-eemland", GGZ_ROLES, [AMF, LSD],
     "Fictieve ggz-instelling met een preventieteam voor kinderen en ouders.",
     ("Denkbeeldlaan 12", "3818 AB", "Amersfoort", AMF),
     [("Femke Verzonnen", "preventiewerker KOPP/KOV"), ("Daan Schetsma", "gz-psycholoog")]),
    ("org-mn-verslaving", "Voorbeeld Verslavingszorg Midden-Nederland", "verslaving-midden", ADDICTION_ROLES,
     [AMF, LSD, UTR], "Fictieve verslavingszorg met aandachtsfunctionarissen KOPP/KOV.",
     ("Proefweg 4", "3532 KT", "Utrecht", UTR),
     [("Esra Denkbeeld", "aandachtsfunctionaris KOPP/KOV"), ("Joost Modelaar", None)]),
    ("org-amf-wijkteam", "Wijkteam Voorbeeld Amersfoort-Noord", "wijkteam-amersfoort", TEAM_ROLES, [AMF],
     "Fictief wijkteam voor jeugd, gezin en volwassenen in Amersfoort-Noord.",
     ("Fictiestraat 88", "3824 GH", "Amersfoort", AMF),
     [("Samira Bedachtman", "wijkcoach jeugd en gezin")]),
    ("org-lsd-team", "Sociaal Team Voorbeeld Leusden", "sociaalteam-leusden", TEAM_ROLES, [LSD],
     "Fictief sociaal team voor alle inwoners van Leusden en Achterveld.",
     ("Verzinselplein 3", "3831 LM", "Leusden", LSD),
     [("Wietske Proefstra", "jeugdconsulent")]),
    ("org-eem-ggd", "GGD Voorbeeldregio Eemland, Jeugdgezondheidszorg", "ggd-eemland", JGZ_ROLES, [AMF, LSD],
     "Fictieve GGD met consultatiebureaus en jeugdverpleegkundigen op school.",
     ("Schetsboulevard 21", "3813 CD", "Amersfoort", AMF),
     [("Marloes Fictiema", "jeugdverpleegkundige")]),
    ("org-amf-huisarts", "Huisartsenpraktijk De Voorbeeldhof", "voorbeeldhof", GP_ROLES, [AMF],
     "Fictieve huisartsenpraktijk met POH-GGZ voor jeugd en volwassenen.",
     ("Modelkade 7", "3815 EF", "Amersfoort", AMF),
     [("Ilse Proefstra", "POH-GGZ"), ("dr. Gerrit Verzonnen", "huisarts")]),
    ("org-lsd-huisarts", "Gezondheidscentrum Voorbeeld Leusden", "gc-leusden", GP_ROLES, [LSD],
     "Fictief gezondheidscentrum met huisartsen, POH-GGZ en fysiotherapie.",
     ("Denkbeeldweg 40", "3833 PR", "Leusden", LSD),
     [("Noor Schetsma", "POH-GGZ")]),
    ("org-eem-mantelzorg", "Steunpunt Jonge Mantelzorg Voorbeeld Eemland", "jongemantelzorg-eemland", [SIG, DO],
     [AMF, LSD], "Fictief steunpunt voor kinderen en jongeren die thuis zorgen.",
     ("Fictiestraat 90", "3824 GJ", "Amersfoort", AMF),
     [("Kwame Bedachtman", "jongerenwerker")]),
    ("org-mn-veilig", "Veilig Thuis Voorbeeldregio Midden", "veiligthuis-midden", SAFETY_ROLES, [AMF, LSD, UTR],
     "Fictief advies- en meldpunt huiselijk geweld en kindermishandeling.",
     None, [("Hanneke Modelaar", "adviseur")]),
    # --- Utrecht ----------------------------------------------------------------------------
    ("org-utr-ggz", "Voorbeeld GGZ Utrecht, Preventie", "ggz-utrecht", GGZ_ROLES, [UTR],
     "Fictief preventieteam van een ggz-instelling in Utrecht.",
     ("Proefsingel 15", "3523 BN", "Utrecht", UTR),
     [("Mehmet Verzonnen", "preventiewerker KOPP/KOV")]),
    ("org-utr-buurtteam", "Buurtteam Voorbeeld Utrecht-Oost", "buurtteam-utrecht", TEAM_ROLES, [UTR],
     "Fictief buurtteam jeugd en gezin.",
     ("Schetslaan 2", "3581 HK", "Utrecht", UTR),
     [("Lotte Denkbeeld", "buurtteammedewerker")]),
    ("org-utr-ggd", "GGD Voorbeeld Utrecht, Jeugdgezondheidszorg", "ggd-utrecht", JGZ_ROLES, [UTR],
     "Fictieve jeugdgezondheidszorg in Utrecht.",
     ("Modelstraat 33", "3553 AC", "Utrecht", UTR),
     [("Anouk Fictiema", "jeugdarts")]),
    ("org-utr-huisarts", "Huisartsenpraktijk Voorbeeldsingel", "voorbeeldsingel", GP_ROLES, [UTR],
     "Fictieve huisartsenpraktijk in de binnenstad.",
     ("Voorbeeldsingel 101", "3511 AX", "Utrecht", UTR),
     [("Ruben Proefstra", "POH-GGZ")]),
    ("org-utr-welzijn", "Voorbeeld Welzijn Utrecht", "welzijn-utrecht", [SIG, DO], [UTR],
     "Fictieve welzijnsorganisatie met jongerenwerk en mantelzorgsteun.",
     ("Bedachtplein 9", "3561 GE", "Utrecht", UTR),
     [("Yara Schetsma", "coördinator jonge mantelzorg")]),
    # --- Zwolle -----------------------------------------------------------------------------
    ("org-zwl-ggz", "Stichting Voorbeeld GGZ IJsselland", "ggz-ijsselland", GGZ_ROLES, [ZWL],
     "Fictieve ggz-instelling met preventieaanbod voor kinderen en ouders.",
     ("Denkbeeldkade 5", "8011 CV", "Zwolle", ZWL),
     [("Sanne Modelaar", "preventiewerker KOPP/KOV")]),
    ("org-zwl-verslaving", "Voorbeeld Verslavingszorg Oost", "verslaving-oost", ADDICTION_ROLES, [ZWL],
     "Fictieve verslavingszorg voor volwassenen en jongeren.",
     ("Proefpad 18", "8021 PT", "Zwolle", ZWL),
     [("Bas Fictiema", "aandachtsfunctionaris KOPP/KOV")]),
    ("org-zwl-wijkteam", "Sociaal Wijkteam Voorbeeld Zwolle-Zuid", "wijkteam-zwolle", TEAM_ROLES, [ZWL],
     "Fictief wijkteam voor inwoners van Zwolle-Zuid.",
     ("Schetsweg 61", "8013 RB", "Zwolle", ZWL),
     [("Ayla Verzonnen", "gezinscoach")]),
    ("org-zwl-ggd", "GGD Voorbeeld IJsselland, Jeugdgezondheidszorg", "ggd-ijsselland", JGZ_ROLES, [ZWL],
     "Fictieve jeugdgezondheidszorg.",
     ("Modellaan 14", "8031 ED", "Zwolle", ZWL),
     [("Petra Denkbeeld", "jeugdverpleegkundige")]),
    ("org-zwl-huisarts", "Huisartsenpraktijk Voorbeeld aan de Vecht", "huisarts-vecht", GP_ROLES, [ZWL],
     "Fictieve huisartsenpraktijk met POH-GGZ.",
     ("Verzinselstraat 27", "8024 AL", "Zwolle", ZWL),
     [("Thijs Bedachtman", "POH-GGZ")]),
    ("org-zwl-mantelzorg", "Mantelzorgpunt Voorbeeld Zwolle", "mantelzorg-zwolle", [SIG, DO], [ZWL],
     "Fictief steunpunt voor mantelzorgers van alle leeftijden.",
     ("Schetsweg 63", "8013 RC", "Zwolle", ZWL),
     [("Merel Proefstra", "consulent jonge mantelzorg")]),
    ("org-ijs-veilig", "Veilig Thuis Voorbeeldregio IJsselland", "veiligthuis-ijsselland", SAFETY_ROLES, [ZWL],
     "Fictief advies- en meldpunt huiselijk geweld en kindermishandeling.",
     None, [("Harm Schetsma", "adviseur")]),
    # --- Tilburg ----------------------------------------------------------------------------
    ("org-tlb-ggz", "Voorbeeld GGZ Hart van Brabant, Preventie", "ggz-hartvanbrabant", GGZ_ROLES, [TLB],
     "Fictief preventieteam van een ggz-instelling.",
     ("Proefboulevard 50", "5038 WN", "Tilburg", TLB),
     [("Inge Verzonnen", "preventiewerker KOPP/KOV")]),
    ("org-tlb-verslaving", "Voorbeeld Verslavingszorg Brabant", "verslaving-brabant", ADDICTION_ROLES, [TLB],
     "Fictieve verslavingszorg met een KOV-team.",
     ("Denkbeeldhof 2", "5025 KL", "Tilburg", TLB),
     [("Rachid Modelaar", "aandachtsfunctionaris KOPP/KOV")]),
    ("org-tlb-wegwijzer", "Wegwijzerteam Voorbeeld Tilburg", "wegwijzer-tilburg", TEAM_ROLES, [TLB],
     "Fictief wijkteam jeugd en gezin.",
     ("Schetsmarkt 8", "5011 HB", "Tilburg", TLB),
     [("Fleur Fictiema", "wegwijzer jeugd en gezin")]),
    ("org-tlb-ggd", "GGD Voorbeeld Hart van Brabant, Jeugdgezondheidszorg", "ggd-hartvanbrabant", JGZ_ROLES,
     [TLB], "Fictieve jeugdgezondheidszorg.",
     ("Modelweg 19", "5041 DK", "Tilburg", TLB),
     [("Maria Bedachtman", "jeugdverpleegkundige")]),
    ("org-tlb-huisarts", "Huisartsenpraktijk Voorbeeld Tilburg-Noord", "huisarts-tilburgnoord", GP_ROLES, [TLB],
     "Fictieve huisartsenpraktijk met POH-GGZ jeugd.",
     ("Verzinsellaan 77", "5013 ZZ", "Tilburg", TLB),
     [("Koen Denkbeeld", "POH-GGZ jeugd")]),
    ("org-hvb-veilig", "Veilig Thuis Voorbeeldregio Brabant", "veiligthuis-brabant", SAFETY_ROLES, [TLB],
     "Fictief advies- en meldpunt huiselijk geweld en kindermishandeling.",
     None, [("Els Proefstra", "adviseur")]),
    # --- Groningen --------------------------------------------------------------------------
    ("org-gro-ggz", "Stichting Voorbeeld GGZ Noord", "ggz-noord", GGZ_ROLES, [GRO],
     "Fictieve ggz-instelling met een preventieafdeling.",
     ("Proefstraat 24", "9712 JB", "Groningen", GRO),
     [("Jelle Verzonnen", "preventiewerker KOPP/KOV")]),
    ("org-gro-verslaving", "Voorbeeld Verslavingszorg Noord", "verslaving-noord", ADDICTION_ROLES, [GRO],
     "Fictieve verslavingszorg voor de noordelijke provincies.",
     ("Denkbeeldsingel 30", "9726 AE", "Groningen", GRO),
     [("Hilde Schetsma", "aandachtsfunctionaris KOPP/KOV")]),
    ("org-gro-wijkteam", "Wijkteam Voorbeeld Groningen-Zuid", "wijkteam-groningen", TEAM_ROLES, [GRO],
     "Fictief wijkteam voor jeugd, gezin en volwassenen.",
     ("Schetspad 6", "9721 TW", "Groningen", GRO),
     [("Sietske Modelaar", "wijkwerker jeugd")]),
    ("org-gro-ggd", "GGD Voorbeeld Groningen, Jeugdgezondheidszorg", "ggd-groningen", JGZ_ROLES, [GRO],
     "Fictieve jeugdgezondheidszorg.",
     ("Modelplein 11", "9741 KA", "Groningen", GRO),
     [("Tjitske Fictiema", "jeugdverpleegkundige")]),
    ("org-gro-huisarts", "Huisartsenpraktijk Voorbeeld Oosterpoort", "huisarts-oosterpoort", GP_ROLES, [GRO],
     "Fictieve huisartsenpraktijk met POH-GGZ.",
     ("Verzinselkade 45", "9711 RN", "Groningen", GRO),
     [("Wouter Bedachtman", "POH-GGZ")]),
    ("org-gro-mantelzorg", "Jonge Mantelzorg Voorbeeld Groningen", "jongemantelzorg-groningen", [SIG, DO], [GRO],
     "Fictieve vrijwilligersorganisatie voor jonge mantelzorgers.",
     ("Bedachtstraat 13", "9751 CB", "Haren", GRO),
     [("Nina Denkbeeld", "coördinator")]),
    ("org-gro-ervaring", "Vereniging Voorbeeld Ervaringsdeskundigen KOPP Noord", "ervaring-noord", [DO, TRAIN],
     [GRO], "Fictieve vereniging van volwassenen die opgroeiden met een kwetsbare ouder.",
     ("Proefstraat 26", "9712 JC", "Groningen", GRO),
     [("Annelies Verzonnen", "ervaringsdeskundige")]),
    ("org-gro-veilig", "Veilig Thuis Voorbeeldregio Groningen", "veiligthuis-groningen", SAFETY_ROLES, [GRO],
     "Fictief advies- en meldpunt huiselijk geweld en kindermishandeling.",
     None, [("Roelof Proefstra", "adviseur")]),
    # --- National (online only) -----------------------------------------------------------
    ("org-nl-online", "Stichting Voorbeeld Online Steun", "online-steun", [DO], [],
     "Fictieve landelijke stichting met anonieme online hulp.", None, []),
    ("org-nl-ouders", "Voorbeeld Oudernetwerk Nederland", "oudernetwerk", [DO, TRAIN], [],
     "Fictief landelijk netwerk dat ouders met psychische of verslavingsproblemen ondersteunt.", None, []),
]


# Extra addresses: (location id, organisation id, name, street, postcode, city, gemeente)
EXTRA_LOCATIONS = [
    ("loc-eem-ggz-leusden", "org-eem-ggz", "Voorbeeld GGZ Eemland, steunpunt Leusden",
     "Verzinselplein 5", "3831 LM", "Leusden", LSD),
    ("loc-eem-ggd-leusden", "org-eem-ggd", "Consultatiebureau Voorbeeld Leusden",
     "Schetslaan 1", "3832 BK", "Leusden", LSD),
    ("loc-mn-verslaving-amersfoort", "org-mn-verslaving", "Voorbeeld Verslavingszorg, locatie Amersfoort",
     "Proeflaan 9", "3822 HT", "Amersfoort", AMF),
    ("loc-gro-ggz-zernike", "org-gro-ggz", "Voorbeeld GGZ Noord, locatie Paddepoel",
     "Modelring 3", "9742 LV", "Groningen", GRO),
]


def _mailbox(name: str) -> str:
    """First name as the local part of a fictional e-mail address ("dr. Gerrit X" -> "gerrit")."""
    return next(part for part in name.split() if not part.endswith(".")).lower()


def phone(index: int, national: bool) -> str:
    """Obviously fictional numbers: 0800-0xxxxxx nationally, 088-xxxxxxx regionally."""
    return f"0800-0{index:06d}" if national else f"088-{5550000 + index:07d}"


def build_organisations() -> tuple[list[dict], list[dict], dict[str, list[str]]]:
    orgs: list[dict] = []
    locations: list[dict] = []
    org_locations: dict[str, list[str]] = {}
    for i, (oid, name, host, roles, gemeenten, desc, loc, contacts) in enumerate(ORGANISATIONS, start=1):
        national = not gemeenten
        org = {
            "id": oid, "name": name, "description": desc,
            "website": f"https://{host}.example.org",
            "email": f"info@{host}.example.org",
            "phones": [{"number": phone(i * 10, national), "description": "algemeen nummer"}],
            "roles": roles, "gemeenten": gemeenten,
            "contacts": [
                {"id": f"c-{oid}-{n}", "name": cname, **({"title": title} if title else {}),
                 "email": f"{_mailbox(cname)}@{host}.example.org",
                 "phones": [{"number": phone(i * 10 + n, national), "description": "direct"}]}
                for n, (cname, title) in enumerate(contacts, start=1)
            ],
        }
        orgs.append(org)
        if loc:
            street, postcode, city, gemeente = loc
            lid = f"loc-{oid[4:]}"
            locations.append({
                "id": lid, "organization_id": oid, "name": f"{name}, {city}",
                "address": {"address_1": street, "postal_code": postcode, "city": city},
                "gemeente": gemeente,
            })
            org_locations[oid] = [lid]
    for lid, oid, name, street, postcode, city, gemeente in EXTRA_LOCATIONS:
        locations.append({
            "id": lid, "organization_id": oid, "name": name,
            "address": {"address_1": street, "postal_code": postcode, "city": city}, "gemeente": gemeente,
        })
    return orgs, locations, org_locations


def _service_contact(service_id: str, org: dict, name: str, n: int) -> dict:
    """A service contact: one of the organisation's contacts, under an id of its own."""
    found = next((c for c in org["contacts"] if c["name"] == name), None)
    if found is None:
        raise SystemExit(f"{service_id}: {name!r} is not a contact of {org['id']}")
    return {**found, "id": f"c-{service_id}-{n}"}


def build_payload() -> dict:
    orgs, locations, org_locations = build_organisations()
    org_ids = {o["id"] for o in orgs}
    services = []
    for offer in offers():
        if offer["organization_id"] not in org_ids:
            raise SystemExit(f"{offer['id']}: unknown organisation {offer['organization_id']}")
        offer.setdefault("assured_date", ASSURED)
        org = next(o for o in orgs if o["id"] == offer["organization_id"])
        offer.setdefault("url", f"{org['website']}/aanbod/{offer['id'][4:]}")
        if offer.get("contacts"):
            offer["contacts"] = [
                _service_contact(offer["id"], org, name, n) for n, name in enumerate(offer["contacts"], start=1)
            ]
        if "location_ids" not in offer and "NL" not in offer["service_areas"]:
            offer["location_ids"] = org_locations.get(offer["organization_id"], [])
        services.append(offer)
    return {
        "format": "koppdesk-sociale-kaart", "schema_version": 1, "publisher": PUBLISHER,
        "generated": GENERATED, "organizations": orgs, "locations": locations, "services": services,
    }


def render() -> str:
    return json.dumps(build_payload(), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    try:  # validate with the project's models when they are importable (make venv)
        from koppdesk.models import Payload
    except ImportError:
        print("koppdesk not importable: JSON written without model validation", file=sys.stderr)
    else:
        Payload.model_validate_json(text)
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT} is out of date: run python data/demo/build_demo.py")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    payload = json.loads(text)
    print(f"wrote {OUT}: {len(payload['organizations'])} organisations, "
          f"{len(payload['locations'])} locations, {len(payload['services'])} offers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
