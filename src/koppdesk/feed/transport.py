"""Connections for the fetcher: allowed URLs, a deadline watchdog that can cut a slow
server off (also while headers drip in), and redirects that stay on https."""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import urllib.parse
import urllib.request

from koppdesk.feed.errors import NetworkFailure

log = logging.getLogger(__name__)


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """Allow https://, and http:// only on this computer (tests, a local demo).  ValueError otherwise."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and is_loopback(parts.hostname):
        return url
    raise ValueError(f"Het feed-adres moet met https:// beginnen: {url}")


class Watchdog:
    """Shuts down the connections of one request when the deadline passes."""

    def __init__(self, seconds: float):
        self.fired = False
        self._conns: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self._fire)
        self._timer.daemon = True

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def track(self, conn: http.client.HTTPConnection) -> None:
        with self._lock:
            self._conns.append(conn)

    def fire(self) -> None:
        """Cut the connections now (deadline passed, or the run was cancelled)."""
        self._timer.cancel()
        self._fire()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for conn in self._conns:
                sock = getattr(conn, "sock", None)
                if sock is None:
                    continue
                # Linux keeps delivering data after shutdown(), so also make every further
                # read time out at once; the read loop checks `fired` too.
                try:
                    sock.settimeout(0.001)
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


class Tracking:
    """Mixin for urllib handlers: register every connection with the current watchdog."""

    watchdog: Watchdog | None = None

    def _factory(self, cls):
        def make(host, **kwargs):
            conn = cls(host, **kwargs)
            if self.watchdog is not None:
                self.watchdog.track(conn)
            return conn
        return make


class TrackingHTTPHandler(Tracking, urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(self._factory(http.client.HTTPConnection), req)


class TrackingHTTPSHandler(Tracking, urllib.request.HTTPSHandler):
    def __init__(self, context: ssl.SSLContext):
        super().__init__(context=context)
        self._ctx = context

    def https_open(self, req):
        return self.do_open(self._factory(http.client.HTTPSConnection), req, context=self._ctx)


class SafeRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        try:
            check_url(newurl)
        except ValueError:
            log.error("refused redirect from %s to %s", req.full_url, newurl)
            raise NetworkFailure(
                "De server stuurt door naar een onveilig adres (geen https); de feed is niet opgehaald.",
                "redirect",
            ) from None
        return super().redirect_request(req, fp, code, msg, headers, newurl)
