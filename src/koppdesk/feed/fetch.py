"""HTTP(S) GET for the feed: caps, a total deadline, retries, proxy and the OS trust store.

- Size caps are counted on the *decoded* body, so a small gzip bomb cannot fill memory.
- One total deadline covers every request of a sync run, including headers and retries: a
  watchdog shuts the socket down when it passes, so a slow-drip server cannot hold us.
- Retries (backoff with full jitter) only for connection errors, 408, 429 and 5xx; a
  Retry-After header is honoured when it fits in the deadline.  Anything about the content
  (size, encoding) is never retried.
- Proxy: `None` = the system's proxy settings, "geen" = none, else a proxy URL; loopback
  addresses never go through a proxy.  TLS uses the OS trust store (truststore), so a
  company's inspection proxy with its own root certificate works like in the browser.
"""

from __future__ import annotations

import email.utils
import http.client
import logging
import random
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone

from koppdesk.feed.body import read_capped
from koppdesk.feed.errors import FeedRejected, NetworkFailure
from koppdesk.feed.transport import (
    SafeRedirects, TrackingHTTPHandler, TrackingHTTPSHandler, Watchdog, check_url, is_loopback,
)

log = logging.getLogger(__name__)

RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
USER_AGENT = "koppdesk-feed/1"


@dataclass(frozen=True)
class FetchPolicy:
    #: Total time for all requests of one sync run (seconds).
    deadline_s: float = 120.0
    #: Longest wait for one network read or connect.
    read_timeout_s: float = 30.0
    attempts: int = 3
    backoff_s: float = 1.0
    backoff_max_s: float = 30.0
    retry_after_max_s: float = 120.0


@dataclass(frozen=True)
class Response:
    status: int  # 200, 304, or 404 (also for 403/410) when the caller allowed a missing file
    body: bytes
    etag: str | None
    content_type: str
    url: str
    last_modified: str | None = None


def _default_ssl_context() -> ssl.SSLContext:
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None if absent/invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    now = now or datetime.now(timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - now).total_seconds())


class _Retry(Exception):
    def __init__(self, message: str, reason: str, wait: float | None = None):
        super().__init__(message)
        self.reason = reason
        self.wait = wait


class Fetcher:
    """GETs for one sync run; `start()` begins the total deadline."""

    def __init__(self, policy: FetchPolicy | None = None, proxy: str | None = None, *,
                 ssl_context: ssl.SSLContext | None = None, sleep=time.sleep,
                 rng=random.random, clock=time.monotonic):
        self.policy = policy or FetchPolicy()
        self._proxy = proxy
        self._ssl = ssl_context
        self._sleep, self._rng, self._clock = sleep, rng, clock
        self._openers: dict[bool, tuple[urllib.request.OpenerDirector, list]] = {}
        self._ends_at = self._clock() + self.policy.deadline_s
        self._watchdog: Watchdog | None = None
        self.cancelled = False

    def start(self) -> None:
        self._ends_at = self._clock() + self.policy.deadline_s

    def cancel(self) -> None:
        """Stop at once (from another thread): the running request ends as past its deadline."""
        self.cancelled = True
        self._ends_at = float("-inf")
        watchdog = self._watchdog
        if watchdog is not None:
            watchdog.fire()

    def remaining(self) -> float:
        return self._ends_at - self._clock()

    def _opener(self, direct: bool):
        if direct not in self._openers:
            if direct or self._proxy == "geen":
                proxies = urllib.request.ProxyHandler({})
            elif self._proxy:
                proxies = urllib.request.ProxyHandler({"http": self._proxy, "https": self._proxy})
            else:
                proxies = urllib.request.ProxyHandler()  # system settings (env, registry, macOS)
            tracking = [TrackingHTTPHandler(), TrackingHTTPSHandler(self._ssl or _default_ssl_context())]
            opener = urllib.request.build_opener(proxies, *tracking, SafeRedirects())
            self._openers[direct] = (opener, tracking)
        return self._openers[direct]

    def get(self, url: str, *, max_bytes: int, etag: str | None = None, modified: str | None = None,
            allow_missing: bool = False) -> Response:
        """GET `url`; with `etag`/`modified` a conditional GET that may answer 304."""
        check_url(url)
        attempt = 0
        while True:
            try:
                return self._get_once(url, max_bytes=max_bytes, etag=etag, modified=modified,
                                      allow_missing=allow_missing)
            except _Retry as exc:
                attempt += 1
                remaining = self.remaining()
                if attempt >= self.policy.attempts:
                    log.error("GET %s failed after %d attempts: %s", url, attempt, exc)
                    raise NetworkFailure(str(exc), exc.reason) from None
                if exc.wait is not None:
                    delay = min(exc.wait, self.policy.retry_after_max_s)
                    if exc.wait > self.policy.retry_after_max_s or delay >= remaining:
                        log.error("GET %s: server asks to retry after %.0f s; deadline in %.1f s",
                                  url, exc.wait, remaining)
                        raise NetworkFailure(
                            f"{exc} De server vraagt het over {exc.wait:.0f} seconden opnieuw te proberen.",
                            exc.reason) from None
                else:
                    cap = min(self.policy.backoff_max_s, self.policy.backoff_s * 2 ** (attempt - 1))
                    delay = self._rng() * cap
                    if delay >= remaining:
                        raise NetworkFailure(str(exc), exc.reason) from None
                log.warning("GET %s: %s; retry %d in %.2f s", url, exc.reason, attempt, delay)
                self._sleep(delay)

    def _get_once(self, url: str, *, max_bytes: int, etag: str | None, modified: str | None,
                  allow_missing: bool) -> Response:
        remaining = self.remaining()
        if remaining <= 0:
            raise self._deadline(url)
        host = urllib.parse.urlsplit(url).hostname
        opener, handlers = self._opener(is_loopback(host))
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip", "Accept": "application/json"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        request = urllib.request.Request(url, headers=headers)
        with Watchdog(remaining) as watchdog:
            self._watchdog = watchdog
            for h in handlers:
                h.watchdog = watchdog
            try:
                return self._exchange(opener, request, url, max_bytes, watchdog, allow_missing)
            except (FeedRejected, NetworkFailure, _Retry):
                if watchdog.fired:
                    raise self._deadline(url) from None
                raise
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                if watchdog.fired:
                    raise self._deadline(url) from None
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, ssl.SSLCertVerificationError) or isinstance(exc, ssl.SSLCertVerificationError):
                    log.error("GET %s: certificate not trusted: %s", url, reason)
                    raise NetworkFailure(
                        "Het certificaat van de feed-server wordt niet vertrouwd; de verbinding is afgebroken.",
                        "tls") from None
                log.warning("GET %s: connection problem: %r", url, exc)
                raise _Retry(f"Geen verbinding met de feed-server ({_short(reason)}).", "connection") from None
            finally:
                self._watchdog = None
                for h in handlers:
                    h.watchdog = None

    def _exchange(self, opener, request, url, max_bytes, watchdog, allow_missing) -> Response:
        timeout = max(0.05, min(self.policy.read_timeout_s, self.remaining()))
        try:
            resp = opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as err:
            with err:
                return self._http_error(err, url, allow_missing)
        with resp:
            body = read_capped(resp, max_bytes, url, stop=lambda: watchdog.fired)
            if watchdog.fired:  # the body may have been cut short by the watchdog
                raise http.client.IncompleteRead(body)
            return Response(resp.status, body, resp.headers.get("ETag"), resp.headers.get("Content-Type", ""),
                            resp.geturl(), resp.headers.get("Last-Modified"))

    def _http_error(self, err: urllib.error.HTTPError, url: str, allow_missing: bool) -> Response:
        code = err.code
        if code == 304:
            return Response(304, b"", err.headers.get("ETag"), "", url)
        if code in (403, 404, 410) and allow_missing:
            # S3 and some CDNs answer 403 for a file that does not exist
            return Response(404, b"", None, "", url)
        if code in RETRY_STATUS:
            wait = retry_after_seconds(err.headers.get("Retry-After"))
            raise _Retry(f"De feed-server is tijdelijk niet beschikbaar (HTTP {code}).", f"http_{code}", wait)
        log.error("GET %s: HTTP %d %s", url, code, err.reason)
        if code == 404:
            message = "De feed is niet gevonden op het ingestelde adres (HTTP 404). Controleer het feed-adres."
        elif code in (401, 403, 407):
            message = (f"De feed-server of proxy weigert de toegang (HTTP {code}). "
                       "Vraag IT-beheer de proxy- of toegangsinstellingen te controleren.")
        else:
            message = f"De feed-server gaf een fout (HTTP {code})."
        raise NetworkFailure(message, f"http_{code}")

    def _deadline(self, url: str) -> NetworkFailure:
        log.error("GET %s: total deadline of %.1f s passed", url, self.policy.deadline_s)
        return NetworkFailure(
            f"De feed-server reageert te traag (langer dan {self.policy.deadline_s:g} seconden); "
            "het ophalen is afgebroken.", "deadline")


def _short(reason) -> str:
    """The cause of a connection problem in Dutch words (the log keeps the exact error)."""
    if isinstance(reason, socket.gaierror):
        return "adres niet gevonden; is er internet?"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "geen antwoord"
    if isinstance(reason, ConnectionRefusedError):
        return "verbinding geweigerd"
    if isinstance(reason, (ConnectionResetError, ConnectionAbortedError, BrokenPipeError,
                           http.client.RemoteDisconnected)):
        return "verbinding verbroken"
    if isinstance(reason, http.client.IncompleteRead):
        return "onvolledig ontvangen"
    if isinstance(reason, ssl.SSLError):
        return "beveiligde verbinding mislukt"
    if isinstance(reason, OSError) and reason.errno is not None:
        return f"netwerkfout {reason.errno}"
    return "netwerkfout"


