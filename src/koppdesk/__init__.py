"""koppdesk: offline conversation aid and sociale kaart for KOPP/KOV in primary care."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("koppdesk")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+src"
