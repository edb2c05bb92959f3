"""Shrink the ICU data library that PySide6 ships on Linux (libicudata.so.NN, ~32 MB) to ~3 MB.

Qt on Linux uses ICU for collation, case mapping and time-zone names.  The full data holds
every language, ~200 legacy code pages and dictionaries for Thai, Khmer, Chinese and
Japanese word breaking; koppdesk is a Dutch application.  This keeps the language-neutral
data plus the Dutch and English locales, and drops code-page converters, transliteration
and dictionaries.  Any other locale falls back to ICU's root data, which still sorts and
case-maps every script correctly (without language-specific tailoring).

The library holds one ICU "common data" package (format CmnD: header, a table of contents
sorted by item name, then the items).  We copy the kept items unchanged, write a new table
of contents and link the result into a new libicudata.so.NN with the same symbol
(icudtNN_dat) and soname, so ICU finds it exactly as before.  Windows and macOS builds of Qt
use the system's ICU: nothing to do there.

Used by packaging/koppdesk.spec; needs a C compiler (cc) to link; without one the bundle
keeps the full library.  `python packaging/trim_icu.py LIB` prints what it would keep.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

KEEP_LANGUAGES = ("nl", "en")
#: Trees and file kinds that koppdesk (Qt widgets, Dutch text) never needs.
DROP_TREES = {"translit"}
DROP_SUFFIXES = (".cnv", ".dict")
DROP_NAMES = {"unames.icu"}
#: Looks like a locale name to the pattern below, but is each tree's list of locales.
KEEP_NAMES = {"res_index.res"}
_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]*)*$")
_SYMBOL = re.compile(rb"icudt(\d+)_dat")


@dataclass(frozen=True)
class Item:
    name: str
    data: bytes  # the item's bytes up to the next item (keeps its 16-byte alignment)


def read_package(blob: bytes) -> tuple[bytes, list[Item]]:
    """Split an ICU common data package into its header and items."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[2:4] != b"\xda\x27" or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package (little-endian CmnD)")
    toc = header_size
    count = struct.unpack_from("<I", blob, toc)[0]
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_offset, data_offset) in enumerate(entries):
        start = toc + name_offset
        name = blob[start:blob.index(b"\0", start)].decode("ascii")
        end = toc + entries[i + 1][1] if i + 1 < count else len(blob)
        items.append(Item(name, blob[toc + data_offset:end]))
    return blob[:header_size], items


def write_package(header: bytes, items: list[Item]) -> bytes:
    """The inverse of read_package: header, table of contents, names, 16-byte aligned items."""
    names = b""
    name_offsets = []
    toc_size = 4 + 8 * len(items)
    for item in items:
        name_offsets.append(toc_size + len(names))
        names += item.name.encode("ascii") + b"\0"
    data_start = toc_size + len(names)
    data_start += -(len(header) + data_start) % 16
    table = struct.pack("<I", len(items))
    body = b""
    for item, name_offset in zip(items, name_offsets):
        table += struct.pack("<II", name_offset, data_start + len(body))
        body += item.data + b"\0" * (-len(item.data) % 16)
    toc = table + names
    return header + toc + b"\0" * (data_start - len(toc)) + body


def wanted(name: str) -> bool:
    parts = name.split("/")[1:]  # drop the "icudtNNl" package folder
    leaf = parts[-1]
    if (len(parts) > 1 and parts[0] in DROP_TREES) or leaf.endswith(DROP_SUFFIXES) or leaf in DROP_NAMES:
        return False
    if leaf in KEEP_NAMES:
        return True
    stem = leaf.rsplit(".", 1)[0]
    match = _LOCALE.match(stem) if leaf.endswith(".res") else None
    return match is None or match.group(1) in KEEP_LANGUAGES


def trim(blob: bytes) -> tuple[bytes, int, int]:
    header, items = read_package(blob)
    kept = [item for item in items if wanted(item.name)]
    return write_package(header, kept), len(items), len(kept)


def _symbol_blob(library: Path) -> tuple[str, bytes]:
    """The data symbol's name and bytes, located with readelf (binutils come with cc)."""
    out = subprocess.run(["readelf", "-W", "--dyn-syms", "--section-headers", str(library)],
                         check=True, capture_output=True, text=True).stdout
    symbol = re.search(r"\s[0-9a-f]+:\s+([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\d+\s+(icudt\d+_dat)",
                       out)
    if symbol is None:
        raise ValueError(f"{library}: no icudtNN_dat symbol")
    address, size, name = int(symbol.group(1), 16), int(symbol.group(2), 0), symbol.group(3)
    for section in re.finditer(r"\]\s+\S+\s+\S+\s+([0-9a-f]{8,})\s+([0-9a-f]+)\s+([0-9a-f]+)", out):
        start, offset, length = (int(section.group(i), 16) for i in (1, 2, 3))
        if start <= address < start + length:
            data = library.read_bytes()
            return name, data[offset + address - start: offset + address - start + size]
    raise ValueError(f"{library}: data symbol not inside a section")


def build_trimmed_library(library: Path, workdir: Path) -> Path | None:
    """Write a trimmed copy of `library` into `workdir`; None when it cannot be built here."""
    if not sys.platform.startswith("linux") or not (shutil.which("cc") and shutil.which("readelf")):
        print("trim_icu: no cc/readelf (or not Linux); keeping the full ICU data", file=sys.stderr)
        return None
    name, blob = _symbol_blob(library)
    trimmed, total, kept = trim(blob)
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "icudata.dat").write_bytes(trimmed)
    (workdir / "icudata.S").write_text(
        "\t.section .rodata\n\t.balign 16\n"
        f"\t.globl {name}\n\t.type {name}, @object\n{name}:\n"
        '\t.incbin "icudata.dat"\n'
        f"\t.size {name}, . - {name}\n"
        '\t.section .note.GNU-stack,"",@progbits\n'
    )
    target = workdir / library.name
    subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-Wl,-z,noexecstack",
                    "-o", target.name, "icudata.S"], cwd=workdir, check=True)
    print(f"trim_icu: {library.name}: kept {kept} of {total} items, "
          f"{len(blob) / 1e6:.1f} MB -> {target.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    return target


if __name__ == "__main__":
    lib = Path(sys.argv[1])
    _, data = _symbol_blob(lib)
    header, items = read_package(data)
    for item in items:
        if wanted(item.name):
            print(f"{len(item.data):9d} {item.name}")
