"""The publisher's spreadsheet layout: Dutch column names and how each cell is read.

One row per offer (`data/sjabloon-aanbod.csv`), optionally a second sheet with one row per
organisation (`data/sjabloon-organisaties.csv`).  Column names are matched loosely: case,
accents, spaces and punctuation do not matter ("Min. leeftijd" = "min leeftijd"), and a few
everyday alternatives are accepted.  Every cell parser raises `CellError` with a Dutch sentence
that says what is wrong and how to write it; docs/spreadsheet.md documents the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from pydantic import TypeAdapter, ValidationError

from koppdesk.content.gemeenten import Gemeenten, UnknownGemeente
from koppdesk.models import Email, HttpsUrl, PhoneNumber
from koppdesk.vocab import ChainRole, OfferKind, ParentProblem, ServiceStatus


class CellError(ValueError):
    """A cell that cannot be read; the message is shown after "regel N, kolom 'X': "."""


@dataclass(frozen=True)
class Column:
    key: str            # internal name
    header: str         # the name in the template
    required: bool = False
    aliases: tuple[str, ...] = ()


OFFER_COLUMNS = (
    Column("id", "id", aliases=("code", "aanbod id")),
    Column("organisation", "organisatie", True, ("aanbieder", "organisatienaam")),
    Column("name", "naam", True, ("naam aanbod", "aanbod", "titel")),
    Column("alternate_name", "andere naam", aliases=("korte naam", "alternatieve naam")),
    Column("description", "omschrijving", True, ("beschrijving",)),
    Column("kinds", "soorten", True, ("soort", "soort aanbod", "vorm")),
    Column("parent_problems", "probleem ouder", aliases=("problematiek ouder", "probleem van de ouder",
                                                         "problemen ouder")),
    Column("minimum_age", "min leeftijd", aliases=("minimumleeftijd", "minimale leeftijd", "leeftijd vanaf")),
    Column("maximum_age", "max leeftijd", aliases=("maximumleeftijd", "maximale leeftijd", "leeftijd tot en met")),
    Column("service_areas", "gemeenten", True, ("gemeente", "werkgebied")),
    Column("phones", "telefoon", aliases=("telefoonnummer",)),
    Column("email", "e-mail", aliases=("emailadres",)),
    Column("url", "website", aliases=("webadres", "url", "link")),
    Column("address", "adres", aliases=("bezoekadres",)),
    Column("application_process", "aanmelden", aliases=("aanmelding", "hoe aanmelden")),
    Column("fees_description", "kosten", aliases=("prijs",)),
    Column("free_of_charge", "gratis"),
    Column("referral_required", "verwijzing nodig", aliases=("verwijzing",)),
    Column("next_start_date", "volgende start", aliases=("startdatum", "volgende startdatum")),
    Column("eligibility_description", "voor wie", aliases=("doelgroep",)),
    Column("languages", "talen", aliases=("taal",)),
    Column("culture_sensitive", "cultuursensitief"),
    Column("status", "status"),
    Column("assured_date", "gecontroleerd op", aliases=("laatst gecontroleerd", "gecontroleerd")),
    Column("contact_name", "contactpersoon"),
    Column("contact_title", "functie contactpersoon", aliases=("contactpersoon functie",)),
    Column("contact_email", "e-mail contactpersoon", aliases=("contactpersoon e-mail",)),
    Column("contact_phone", "telefoon contactpersoon", aliases=("contactpersoon telefoon",)),
)

ORGANISATION_COLUMNS = (
    Column("id", "id", aliases=("code", "organisatie id")),
    Column("name", "naam", True, ("organisatie", "organisatienaam")),
    Column("description", "omschrijving", aliases=("beschrijving",)),
    Column("website", "website", aliases=("webadres", "url")),
    Column("email", "e-mail", aliases=("emailadres",)),
    Column("phones", "telefoon", aliases=("telefoonnummer",)),
    Column("roles", "rollen in de keten", aliases=("rollen", "ketenrollen", "rol")),
    Column("gemeenten", "gemeenten", aliases=("gemeente", "werkgebied")),
)


def header_key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]", "", folded)


def match_headers(headers: list[str], columns: tuple[Column, ...]) -> tuple[dict[str, int], list[str], list[str]]:
    """Map column keys to positions; returns (positions, missing required headers, unused headers)."""
    lookup = {}
    for col in columns:
        for name in (col.header, *col.aliases):
            lookup.setdefault(header_key(name), col)
    positions: dict[str, int] = {}
    unused = []
    for i, raw in enumerate(headers):
        col = lookup.get(header_key(raw))
        if col is None or col.key in positions:
            if raw.strip():
                unused.append(raw.strip())
            continue
        positions[col.key] = i
    missing = [c.header for c in columns if c.required and c.key not in positions]
    return positions, missing, unused


# --- cell parsers: text in, value out (or CellError) -------------------------------------------

_SPLIT = re.compile(r"\s*[,;|\n]\s*")
_SPLIT_WORDS = re.compile(r"\s*[,;|/\n]\s*|\s+en\s+")  # vocabulary cells: "psychisch/verslaving", "groep en ouders"
_TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
_FALSE = {"nee", "n", "no", "false", "onwaar", "0"}

_KIND_ALIASES = {"individu": OfferKind.INDIVIDUEEL, "individuele": OfferKind.INDIVIDUEEL,
                 "groepen": OfferKind.GROEP, "groepsaanbod": OfferKind.GROEP,
                 "gezinnen": OfferKind.GEZIN, "gezinsaanbod": OfferKind.GEZIN,
                 "ouder": OfferKind.OUDERS, "ouderaanbod": OfferKind.OUDERS,
                 "mantelzorgers": OfferKind.JONGE_MANTELZORGERS, "jongemantelzorger": OfferKind.JONGE_MANTELZORGERS,
                 "volwassenen": OfferKind.VOLWASSEN_KOPP, "volwassenkoppers": OfferKind.VOLWASSEN_KOPP}
_PROBLEM_ALIASES = {"psychische problemen": [ParentProblem.PSYCHISCH], "ggz": [ParentProblem.PSYCHISCH],
                    "psychiatrisch": [ParentProblem.PSYCHISCH], "verslavingsproblemen": [ParentProblem.VERSLAVING],
                    "middelengebruik": [ParentProblem.VERSLAVING], "beide": list(ParentProblem)}
_STATUS_WORDS = {"actief": ServiceStatus.ACTIVE, "inactief": ServiceStatus.INACTIVE,
                 "opgeheven": ServiceStatus.DEFUNCT, "gestopt": ServiceStatus.DEFUNCT,
                 "tijdelijk gesloten": ServiceStatus.TEMPORARILY_CLOSED, "tijdelijk dicht": ServiceStatus.TEMPORARILY_CLOSED}
_NATIONAL = {"nl", "landelijk", "heel nederland", "nederland"}
_LANGUAGES = {"nederlands": "nl", "engels": "en", "arabisch": "ar", "turks": "tr", "pools": "pl",
              "duits": "de", "frans": "fr", "spaans": "es", "oekraiens": "uk", "russisch": "ru",
              "somalisch": "so", "tigrinya": "ti", "berbers": "ber", "marokkaans-arabisch": "ary",
              "papiaments": "pap", "sranantongo": "srn", "fries": "fy", "portugees": "pt", "farsi": "fa",
              "perzisch": "fa", "dari": "prs", "chinees": "zh", "koerdisch": "ku", "roemeens": "ro",
              "bulgaars": "bg", "hindi": "hi", "urdu": "ur"}
_ADDRESS = re.compile(r"^(?P<street>.+?)[,\s]+(?P<pc>[1-9]\d{3})\s*(?P<letters>[A-Za-z]{2})[,\s]+(?P<city>\S.*)$")


def split_list(text: str, pattern: re.Pattern = _SPLIT) -> list[str]:
    """Split a cell holding several values ("Amersfoort, Leusden"); "Aa en Hunze" stays whole."""
    return [part for part in pattern.split(text.strip()) if part]


def parse_int(text: str) -> int:
    cleaned = text.strip().removesuffix("jaar").strip()
    if not re.fullmatch(r"\d{1,3}", cleaned):
        raise CellError(f"{text.strip()!r} is geen getal; schrijf alleen cijfers, bijvoorbeeld 8")
    value = int(cleaned)
    if value > 120:
        raise CellError(f"{value} is geen leeftijd; gebruik een getal van 0 tot en met 120")
    return value


def parse_bool(text: str) -> bool:
    word = text.strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise CellError(f"{text.strip()!r} is geen ja of nee")


def parse_date(text: str) -> date:
    raw = text.strip()
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", raw)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    except ValueError:
        pass
    raise CellError(f"{raw!r} is geen geldige datum; schrijf de datum als dd-mm-jjjj, bijvoorbeeld 13-01-2027")


def _vocab(text: str, vocab: type, aliases: dict, what: str) -> list:
    values: list = []
    for part in split_list(text, _SPLIT_WORDS):
        word = part.casefold()
        found = next((v for v in vocab if v.value.casefold() == word), None)
        found = found or aliases.get(word) or aliases.get(header_key(word))
        if found is None:
            allowed = ", ".join(v.value for v in vocab)
            raise CellError(f"{part!r} is geen {what}; kies uit: {allowed}")
        for v in found if isinstance(found, list) else [found]:
            if v not in values:
                values.append(v)
    return values


def parse_kinds(text: str) -> list[OfferKind]:
    # "jonge mantelzorgers" and "volwassen KOPP" hold spaces but no separators, so split_list keeps them.
    return _vocab(text, OfferKind, _KIND_ALIASES, "soort aanbod")


def parse_problems(text: str) -> list[ParentProblem]:
    word = text.strip().casefold()
    if word in _PROBLEM_ALIASES:
        return list(_PROBLEM_ALIASES[word])
    return _vocab(text, ParentProblem, _PROBLEM_ALIASES, "probleem van de ouder")


def parse_roles(text: str) -> list[ChainRole]:
    return _vocab(text, ChainRole, {}, "rol in de keten")


def parse_status(text: str) -> ServiceStatus:
    word = " ".join(text.strip().casefold().split())
    found = _STATUS_WORDS.get(word) or next((s for s in ServiceStatus if s.value == word), None)
    if found is None:
        raise CellError(f"{text.strip()!r} is geen status; kies uit: {', '.join(_STATUS_WORDS)}")
    return found


def parse_areas(text: str, gemeenten: Gemeenten, *, national: bool = True) -> list[str]:
    codes: list[str] = []
    for part in split_list(text):
        if national and part.casefold() in _NATIONAL:
            code = "NL"
        else:
            try:
                code = gemeenten.resolve(part).code
            except UnknownGemeente as exc:
                raise CellError(str(exc)) from exc
        if code not in codes:
            codes.append(code)
    return codes


def parse_languages(text: str) -> list[str]:
    codes = []
    for part in split_list(text):
        word = part.casefold()
        code = _LANGUAGES.get(word) or (word if re.fullmatch(r"[a-z]{2,3}", word) else None)
        if code is None:
            raise CellError(f"{part!r} is geen taal; schrijf de naam (Nederlands, Arabisch) of de code (nl, ar)")
        if code not in codes:
            codes.append(code)
    return codes


def _checked(adapter: TypeAdapter, value: str) -> str:
    try:
        return adapter.validate_python(value)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        reason = (err.get("ctx") or {}).get("error") or err["msg"]
        if err["type"] == "string_too_long":
            reason = f"te lang (hoogstens {err['ctx']['max_length']} tekens)"
        raise CellError(f"{value!r}: {reason}") from exc


_URL, _EMAIL, _PHONE = TypeAdapter(HttpsUrl), TypeAdapter(Email), TypeAdapter(PhoneNumber)


def parse_url(text: str) -> str:
    raw = text.strip()
    if re.match(r"(?i)^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$", raw):
        raw = "https://" + raw  # "www.voorbeeld.nl" means the https site
    return _checked(_URL, raw)


def parse_email(text: str) -> str:
    return _checked(_EMAIL, text.strip())


def parse_phones(text: str) -> list[str]:
    return [_checked(_PHONE, part) for part in re.split(r"\s*[,;|\n]\s*|\s+of\s+", text.strip()) if part]


def parse_address(text: str) -> dict:
    m = _ADDRESS.match(" ".join(text.split()))
    if not m:
        raise CellError(f"{text.strip()!r} is geen volledig adres; schrijf het als 'Straat 12, 1234 AB Plaats'")
    return {"address_1": m.group("street").strip(" ,"), "postal_code": f"{m.group('pc')} {m.group('letters').upper()}",
            "city": m.group("city").strip(" ,")}
