"""Bundled content (gemeenten, cards, checklist) loaded from resources/ — no Qt here."""
