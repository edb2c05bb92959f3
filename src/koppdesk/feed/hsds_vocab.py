"""The small "koppdesk" HSDS taxonomy, HSDS ids and gemeente identifiers (shared by export and import).

HSDS 3 has no fields for what KOPP/KOV work needs (offer kind, parent problem, referral, chain
role ...), so those travel as HSDS `attributes` that point to terms of the koppdesk taxonomy;
a term with a `value` carries a scalar (`verwijzing-nodig` = "true").  docs/hsds-mapping.md
lists every term.  HSDS wants UUIDs as ids: ours are turned into UUIDv5 under a fixed namespace,
so the same record gets the same HSDS id on every export, and the original id travels along
as the attribute `koppdesk-id` so an import gives back the same ids.
"""

from __future__ import annotations

import json
import re
import uuid
from koppdesk.bundle import resource_path
from koppdesk.vocab import ChainRole, OfferKind, ParentProblem

#: Fixed namespace for koppdesk's HSDS ids (uuid5 of the DNS name koppdesk.example.org).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "koppdesk.example.org")
TAXONOMY_NAME = "koppdesk"
LINK_TYPE = "koppdesk"
TOOI_GEMEENTE = "https://identifier.overheid.nl/tooi/id/gemeente/"
_GM_IN_TEXT = re.compile(r"(?i)\bgm(\d{4})\b")


def hsds_id(kind: str, our_id: str) -> str:
    """The HSDS UUID of one of our records; `kind` keeps a service and a location with one id apart."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{our_id}"))


def tooi_uri(code: str) -> str:
    """`GM0307` -> the TOOI identifier of the gemeente (the Dutch government's persistent URI)."""
    return TOOI_GEMEENTE + code.lower()


def gemeente_code_in(text: str | None) -> str | None:
    """A CBS gemeente code inside a URI or text (`.../gemeente/gm0307`, `GM0307`), else None."""
    m = _GM_IN_TEXT.search(text or "")
    return f"GM{m.group(1)}" if m else None


# code -> (name, description); codes with ":" group a vocabulary, the rest carry a value.
TERMS: dict[str, tuple[str, str]] = {
    "koppdesk-id": ("koppdesk-id", "Het id van dit gegeven in koppdesk (waarde); blijft gelijk bij elke uitvoer."),
    **{f"soort:{k.value}": (k.value, f"Soort aanbod: {k.value}.") for k in OfferKind},
    **{f"probleem-ouder:{p.value}": (p.value, f"Voor kinderen van een ouder met {p.value}e problemen."
                                     if p is ParentProblem.PSYCHISCH else f"Voor kinderen van een ouder met een {p.value}.")
       for p in ParentProblem},
    "verwijzing-nodig": ("verwijzing nodig", "Waarde true: alleen met verwijzing; false: vrij toegankelijk."),
    "gratis": ("gratis", "Waarde true: gratis voor de cliënt; false: er zijn kosten."),
    "cultuursensitief": ("cultuursensitief", "Waarde true: het aanbod werkt cultuursensitief."),
    "volgende-start": ("volgende start", "Waarde: datum (JJJJ-MM-DD) waarop een nieuwe groep start."),
    **{f"ketenrol:{r.value}": (r.value, f"Rol in de lokale KOPP/KOV-keten: {r.value}.") for r in ChainRole},
    "gemeente": ("gemeente", "Waarde: CBS-gemeentecode (GM0307) van een locatie, of waar een organisatie werkt."),
}

TAXONOMY = {
    "id": hsds_id("taxonomy", TAXONOMY_NAME),
    "name": TAXONOMY_NAME,
    "description": "KOPP/KOV-kenmerken van de koppdesk sociale kaart (kinderen van ouders met psychische"
                   " problemen of een verslaving): soort aanbod, probleem van de ouder, verwijzing, ketenrol.",
    "version": "1",
}


def term(code: str, *, detail: bool = False) -> dict:
    """A taxonomy term; `detail` adds the taxonomy object itself (once, in taxonomy_terms.json)."""
    name, description = TERMS[code]
    out = {"id": hsds_id("term", code), "code": code, "name": name, "description": description,
           "taxonomy": TAXONOMY_NAME, "taxonomy_id": TAXONOMY["id"], "language": "nl"}
    if detail:
        out["taxonomy_detail"] = dict(TAXONOMY)
    return out


def attribute(entity: str, link_id: str, code: str, value: str | None = None) -> dict:
    """An HSDS attribute linking one record (`entity` = service, organization, ...) to a term."""
    item = {"id": hsds_id("attribute", f"{link_id}:{code}:{value or ''}"), "link_id": link_id,
            "link_type": LINK_TYPE, "link_entity": entity, "taxonomy_term_id": hsds_id("term", code),
            "taxonomy_term": term(code), "label": TERMS[code][0]}
    if value is not None:
        item["value"] = value
    return item


def all_terms() -> list[dict]:
    return [term(code, detail=True) for code in TERMS]


def is_koppdesk_term(term_obj: dict | None, taxonomy_names: dict[str, str] | None = None) -> bool:
    """True for a term of our taxonomy: known code and (no taxonomy named, or ours)."""
    if not isinstance(term_obj, dict) or term_obj.get("code") not in TERMS:
        return False
    named = {str(term_obj.get("taxonomy") or "").casefold(),
             str((term_obj.get("taxonomy_detail") or {}).get("name") or "").casefold(),
             (taxonomy_names or {}).get(str(term_obj.get("taxonomy_id") or ""), "").casefold()} - {""}
    return not named or TAXONOMY_NAME in named or term_obj.get("taxonomy_id") == TAXONOMY["id"]


def load_provinces() -> dict[str, str]:
    """CBS code -> province, for the required `state_province` of an HSDS address."""
    with open(resource_path("gemeenten.json"), encoding="utf-8") as fh:
        return {g["code"]: g.get("provincie", "") for g in json.load(fh)["gemeenten"]}
