"""Deterministic generator of large sociale-kaart payloads for the benchmarks (not a test)."""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timezone

from koppdesk.content.gemeenten import Gemeenten
from koppdesk.models import OfferKind, ParentProblem

WORDS = ("kanjer steun praat doe gezin ouder kind jongere brug samen sterk zorg thuis spanning stress "
         "licht ruimte verbinding kracht balans veilig kompas anker horizon eiland vuurtoren").split()
TOPICS = ("depressie angst verslaving alcohol drugs psychose bipolair trauma rouw gokken cannabis "
          "opvoeding mantelzorg weerbaarheid psycho-educatie lotgenoten").split()
KINDS = [k.value for k in OfferKind]
#: Offer kinds are not equally common; online offers are few (they show in every gemeente).
KIND_WEIGHTS = {"groep": 30, "individueel": 25, "gezin": 15, "ouders": 15, "online": 2,
                "jonge mantelzorgers": 8, "volwassen KOPP": 5}
_SYLLABLES = "ba be bo da de di do ge ha he ka ke ki ko la le li lo ma me mo na ne no pa pe ra re ri ro sa se si so ta te to va ve vo wa we za ze".split()


def _vocabulary(rnd: random.Random, size: int) -> list[str]:
    """Pseudo-Dutch filler words; descriptions draw from them with a Zipf-like skew."""
    words = set()
    while len(words) < size:
        words.add("".join(rnd.choice(_SYLLABLES) for _ in range(rnd.randint(2, 4))))
    return sorted(words)


def generate_payload_dict(n_services: int, seed: int = 7, n_orgs: int | None = None) -> dict:
    """A payload dict with `n_services` offers spread over every gemeente."""
    rnd = random.Random(seed)
    codes = [g.code for g in Gemeenten.load().all()]
    n_orgs = n_orgs or max(10, n_services // 20)
    orgs = [{"id": f"org-{i}", "name": f"Stichting {rnd.choice(WORDS).title()} {rnd.choice(WORDS).title()} {i}",
             "phones": [{"number": f"088-{1000000 + i:07d}"}], "roles": ["uitvoering"]}
            for i in range(n_orgs)]
    vocab = _vocabulary(rnd, 20_000)
    cum_weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocab))))
    services = []
    for i in range(n_services):
        lo = rnd.choice([None, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18])
        hi = None if rnd.random() < 0.1 else min(25, (lo or 0) + rnd.choice([3, 4, 6, 8, 12]))
        kind = rnd.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        areas = ["NL"] if kind == "online" and rnd.random() < 0.05 else rnd.sample(codes, rnd.choice([1, 1, 2, 3]))
        topic = rnd.choice(TOPICS)
        services.append({
            "id": f"svc-{i}", "organization_id": f"org-{rnd.randrange(n_orgs)}",
            "name": f"{rnd.choice(WORDS).title()}{rnd.choice(WORDS)} {topic} {i}",
            "description": " ".join(rnd.choices(vocab, cum_weights=cum_weights, k=30) + [rnd.choice(TOPICS)]),
            "minimum_age": lo, "maximum_age": hi, "kinds": [kind],
            "parent_problems": rnd.sample([p.value for p in ParentProblem], rnd.choice([1, 2])),
            "referral_required": rnd.random() < 0.3, "service_areas": areas,
            "phones": [{"number": f"0800-{i % 10000000:07d}"}], "assured_date": "2026-10-01",
        })
    return {"format": "koppdesk-sociale-kaart", "schema_version": 1, "publisher": "bench",
            "generated": datetime(2026, 11, 1, tzinfo=timezone.utc).isoformat(),
            "organizations": orgs, "locations": [], "services": services}


def realistic_queries(n: int, seed: int = 11) -> list[dict]:
    """What users type: prefixes of 3-6 letters, sometimes two words, often a gemeente and an age."""
    rnd = random.Random(seed)
    codes = [g.code for g in Gemeenten.load().all()]
    out = []
    for _ in range(n):
        word = rnd.choice(WORDS + TOPICS)
        text = word[: rnd.randint(3, min(6, len(word)))]
        if rnd.random() < 0.25:
            text += " " + rnd.choice(TOPICS)[:4]
        if rnd.random() < 0.15:
            text = ""
        out.append({"text": text,
                    "gemeenten": (rnd.choice(codes),) if rnd.random() < 0.7 else (),
                    "age": rnd.randint(0, 25) if rnd.random() < 0.7 else None})
    return out
