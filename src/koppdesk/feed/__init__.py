"""Signed feed: fetch, verify, parse, apply, publish (no Qt here)."""
