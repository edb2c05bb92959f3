"""Reading a response body with a size cap counted after decoding (gzip bombs)."""

from __future__ import annotations

import http.client
import logging
import zlib

from koppdesk.feed.errors import FeedRejected

log = logging.getLogger(__name__)

CHUNK = 64 * 1024


def read_capped(resp, max_bytes: int, url: str, stop=lambda: False) -> bytes:
    """Read the body, decoding gzip, and refuse more than `max_bytes` decoded bytes;
    `stop()` returning True ends the read (deadline)."""
    encoding = (resp.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        decoder = zlib.decompressobj(47)  # gzip or zlib header, detected
    elif encoding == "identity":
        decoder = None
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise _too_big(url, int(declared), max_bytes)
    else:
        log.error("GET %s: unsupported Content-Encoding %r", url, encoding)
        raise FeedRejected(f"De server stuurde de feed in een onbekende codering ({encoding[:20]}).", "encoding")
    out: list[bytes] = []
    total = 0
    read = getattr(resp, "read1", resp.read)
    while True:
        if stop():
            raise http.client.IncompleteRead(b"")
        data = read(CHUNK)
        if not data:
            break
        if decoder is not None:
            try:
                data = decoder.decompress(data, max_bytes + 1 - total)
            except zlib.error as exc:
                log.error("GET %s: corrupt compressed body: %s", url, exc)
                raise FeedRejected("De feed is beschadigd aangekomen (ongeldige compressie).", "encoding") from exc
            if decoder.unconsumed_tail:
                raise _too_big(url, total + len(data) + 1, max_bytes)
        total += len(data)
        if total > max_bytes:
            raise _too_big(url, total, max_bytes)
        out.append(data)
    left = getattr(resp, "length", None)
    if isinstance(left, int) and left > 0:  # connection closed before Content-Length was reached
        raise http.client.IncompleteRead(b"", left)
    if decoder is not None:
        tail = decoder.flush()
        total += len(tail)
        if total > max_bytes:
            raise _too_big(url, total, max_bytes)
        out.append(tail)
        if not decoder.eof:
            raise http.client.IncompleteRead(b"".join(out))
        if decoder.unused_data:
            log.error("GET %s: data after the end of the compressed stream", url)
            raise FeedRejected("De feed is beschadigd aangekomen (extra gegevens na de compressie).", "encoding")
    return b"".join(out)


def _too_big(url: str, size: int, cap: int) -> FeedRejected:
    log.error("GET %s: body of at least %d bytes (decoded), cap %d", url, size, cap)
    return FeedRejected(f"Het bestand van de feed-server is groter dan toegestaan ({cap} bytes); "
                        "het wordt niet gebruikt.", "size")
