"""`koppdesk feed ...`: tools for the publisher of a sociale-kaart feed.

Verbs live in their own modules (each with `register(verbs)`), listed in FEED_VERB_MODULES.
"""

from __future__ import annotations

from koppdesk.cli import feed_convert, feed_publish

#: Modules that add `koppdesk feed <verb>` parsers.
FEED_VERB_MODULES: list = [feed_publish, feed_convert]


def register(sub) -> None:
    p = sub.add_parser("feed", help="feed maken, ondertekenen en omzetten (voor uitgevers)")
    verbs = p.add_subparsers(dest="feed_verb", metavar="OPDRACHT", required=True)
    for module in FEED_VERB_MODULES:
        module.register(verbs)
