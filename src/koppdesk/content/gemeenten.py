"""Dutch gemeenten (CBS codes) and the 4-digit postcode to gemeente table."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from koppdesk.bundle import resource_path

_POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*(?:[A-Za-z]{2})?\s*$")
_PROVINCE_SUFFIX = re.compile(r"\s*\([A-Za-z]{1,3}\.\)$")


class Gemeente(NamedTuple):
    """One gemeente; ordered by name, then code.  (A named tuple: a frozen dataclass costs
    ~0.5 ms more to create, on the path to the first window.)"""

    name: str
    code: str  # CBS code, e.g. GM0307


class UnknownGemeente(ValueError):
    """Raised with a Dutch message when a name, code or postcode does not resolve."""


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


class Gemeenten:
    """Lookup of gemeenten by name, alias, CBS code or postcode."""

    def __init__(
        self,
        gemeenten: list[Gemeente],
        postcodes: dict[str, list[str]],
        aliases: dict[str, list[str]] | None = None,
    ):
        self._by_code = {g.code: g for g in gemeenten}
        self._aliases = aliases or {}
        self._postcodes = postcodes

    @cached_property
    def _by_key(self) -> dict[str, Gemeente]:
        """Names and aliases, folded (built when a name is first looked up, not at start-up)."""
        by_key = {_key(g.name): g for g in self._by_code.values()}
        for code, names in self._aliases.items():
            for alias in names:
                by_key.setdefault(_key(alias), self._by_code[code])
        return by_key

    @cached_property
    def _by_base(self) -> dict[str, list[Gemeente]]:
        """"Bergen" without its province suffix is ambiguous: every candidate, by folded name."""
        by_base: dict[str, list[Gemeente]] = {}
        for g in self._by_code.values():
            base = _PROVINCE_SUFFIX.sub("", g.name)
            if base != g.name:
                by_base.setdefault(_key(base), []).append(g)
        return by_base

    @classmethod
    def load(cls, folder: Path | None = None) -> Gemeenten:
        folder = folder or resource_path()
        with open(folder / "gemeenten.json", encoding="utf-8") as fh:
            gem = json.load(fh)
        with open(folder / "postcodes.json", encoding="utf-8") as fh:
            pc = json.load(fh)
        return cls(
            [Gemeente(g["naam"], g["code"]) for g in gem["gemeenten"]],
            {k: list(v) for k, v in pc["postcodes"].items()},
            {g["code"]: list(g["alias"]) for g in gem["gemeenten"] if g.get("alias")},
        )

    def all(self) -> list[Gemeente]:
        return sorted(self._by_code.values())

    def by_code(self, code: str) -> Gemeente | None:
        return self._by_code.get(code)

    def name(self, code: str) -> str:
        if code == "NL":
            return "heel Nederland"
        g = self._by_code.get(code)
        return g.name if g else code

    def resolve(self, name_or_code: str) -> Gemeente:
        """Find a gemeente by name or alias (case, accents and punctuation ignored) or CBS code.

        Accepts "GM0307", "0307", "'s-Hertogenbosch", "Den Bosch", "Súdwest-Fryslân",
        "gemeente Utrecht" and "Den Haag/'s-Gravenhage" (every part must name the same gemeente).
        """
        text = re.sub(r"(?i)^\s*gemeente\s+", "", name_or_code).strip()
        m = re.fullmatch(r"(?i)(?:GM)?(\d{1,4})", text)
        if m:
            found = self._by_code.get(f"GM{int(m.group(1)):04d}")
        else:
            found = self._by_name(text)
        if found is None:
            candidates = self._by_base.get(_key(text), [])
            if len(candidates) > 1:
                listed = ", ".join(f"{g.name} ({g.code})" for g in sorted(candidates))
                raise UnknownGemeente(f"Meerdere gemeenten heten {text!r}: {listed}. Kies er een.")
            raise UnknownGemeente(
                f"Onbekende gemeente: {name_or_code!r}. Gebruik een gemeentenaam of CBS-code (bijv. GM0307)."
            )
        return found

    def _by_name(self, text: str) -> Gemeente | None:
        found = self._by_key.get(_key(text))
        if found is None and "/" in text:
            parts = {self._by_key.get(_key(part)) for part in text.split("/") if part.strip()}
            if len(parts) == 1:
                found = parts.pop()
        return found

    def for_postcode(self, postcode: str) -> list[Gemeente]:
        """All gemeenten a 4-digit postcode lies in (a postcode can cross a border)."""
        m = _POSTCODE.match(postcode)
        if not m:
            raise UnknownGemeente(f"Ongeldige postcode: {postcode!r}. Gebruik vier cijfers, bijv. 3811.")
        codes = self._postcodes.get(m.group(1))
        if not codes:
            raise UnknownGemeente(f"Postcode {m.group(1)} staat niet in de postcodetabel.")
        return [self._by_code[c] for c in codes if c in self._by_code]
