"""koppdesk: offline conversation aid and sociale kaart for KOPP/KOV in primary care."""

#: Kept equal to `version` in pyproject.toml (tests/test_startup.py checks).  A literal, because
#: reading the installed metadata (importlib.metadata) costs ~25 ms on every start.
__version__ = "0.1.0"
