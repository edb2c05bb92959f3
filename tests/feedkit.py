"""Test kit for the feed: a publisher in a temp folder, a real HTTP server on 127.0.0.1 with
fault injection, and a full dump of the SQLite file to prove "nothing changed"."""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from koppdesk.bundle import demo_payload_path
from koppdesk.feed.fetch import FetchPolicy, Fetcher
from koppdesk.feed.publish import keygen, publish, rotate
from koppdesk.feed.sync import SyncRequest, run_sync
from koppdesk.store import Store
from koppdesk.store.db import DB_FILENAME

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
#: Small limits so fault tests stay fast.
FAST = FetchPolicy(deadline_s=2.0, read_timeout_s=1.0, attempts=3, backoff_s=0.01,
                   backoff_max_s=0.05, retry_after_max_s=1.0)


def demo_dict() -> dict:
    return json.loads(demo_payload_path().read_text(encoding="utf-8"))


def db_dump(data_dir: Path) -> str:
    """Every row of every table (including the FTS index), via a separate connection."""
    conn = sqlite3.connect(Path(data_dir) / DB_FILENAME)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def db_check(data_dir: Path) -> str:
    conn = sqlite3.connect(Path(data_dir) / DB_FILENAME)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


class Publisher:
    """A publisher's key folder and published folder (PUBDIR) under `base`."""

    def __init__(self, base: Path, feed_id: str = "regio-test"):
        self.base = base
        self.keys = base / "keys"
        self.pub = base / "pub"
        self.key, self.root = keygen(self.keys, feed_id, T0 - timedelta(days=30))
        self.rotations = 0

    def publish(self, payload: dict | None = None, *, at: datetime = T0, version: int | None = None,
                expires_days: float = 14, out: Path | None = None):
        src = self.base / "payload.json"
        src.write_text(json.dumps(payload if payload is not None else demo_dict(), ensure_ascii=False),
                       encoding="utf-8")
        return publish(src, self.key, self.root, out or self.pub, at, version=version, expires_days=expires_days)

    def rotate(self, at: datetime = T0):
        """New key and root N+1, placed in PUBDIR/root/ as a publisher would upload it."""
        self.rotations += 1
        self.key, self.root = rotate(self.key, self.root, self.base / f"keys-{self.rotations}", at)
        (self.pub / "root").mkdir(parents=True, exist_ok=True)
        (self.pub / "root" / f"{self.rotations + 1}.root.json").write_bytes(self.root.read_bytes())

    def file(self, name: str) -> Path:
        return self.pub / name


class FeedServer:
    """Serves a folder; `faults[path]` = callable(handler, body) -> bool (True: handled).

    Sends an ETag (sha256 of the file) and honours If-None-Match.  `requests` logs
    (path, If-None-Match) of every request.
    """

    def __init__(self, folder: Path, tls=None):
        self.folder = folder
        self.tls = tls
        self.faults: dict[str, object] = {}
        self.requests: list[tuple[str, str | None]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                path = self.path.split("?", 1)[0]
                server.requests.append((path, self.headers.get("If-None-Match")))
                target = server.folder / path.lstrip("/")
                body = target.read_bytes() if target.is_file() else None
                fault = server.faults.get(path)
                if fault is not None and fault(self, body):
                    return
                if body is None:
                    return self.reply(404, b"not found", "text/plain")
                etag = '"%s"' % hashlib.sha256(body).hexdigest()[:32]
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.reply(200, body, "application/json", {"ETag": etag})

            def reply(self, status, body, ctype="application/json", headers=None):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls is not None:  # an ssl.SSLContext for the server side
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]


# -- fault builders -------------------------------------------------------------------------

def status(code: int, times: int | None = None, headers: dict | None = None, body: bytes = b"fout"):
    """Answer `code` (the first `times` requests, or always)."""
    count = {"n": 0}

    def fault(h, _body):
        count["n"] += 1
        if times is not None and count["n"] > times:
            return False
        h.reply(code, body, "text/plain", headers)
        return True
    return fault


def serve(body: bytes, ctype: str = "application/json", headers: dict | None = None):
    def fault(h, _body):
        h.reply(200, body, ctype, headers)
        return True
    return fault


def gzipped(data: bytes | None = None):
    """Serve (the file or `data`) gzip-compressed with Content-Encoding: gzip."""
    def fault(h, body):
        h.reply(200, gzip.compress(data if data is not None else body), "application/json",
                {"Content-Encoding": "gzip"})
        return True
    return fault


def drip(delay: float, headers_too: bool = False):
    """Send the file one byte every `delay` seconds (slow-drip server)."""
    def fault(h, body):
        try:
            if headers_too:
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n":
                    h.wfile.write(bytes([byte]))
                    h.wfile.flush()
                    time.sleep(delay)
                return True
            h.send_response(200)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.flush()
            for i in range(len(body)):
                h.wfile.write(body[i:i + 1])
                h.wfile.flush()
                time.sleep(delay)
        except OSError:
            pass
        return True
    return fault


def truncated(fraction: float = 0.5, times: int | None = None):
    """Promise the whole file (Content-Length) and close after `fraction` of it."""
    count = {"n": 0}

    def fault(h, body):
        count["n"] += 1
        if times is not None and count["n"] > times:
            return False
        h.send_response(200)
        h.send_header("Content-Length", str(len(body)))
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(body[: int(len(body) * fraction)])
        h.wfile.flush()
        h.close_connection = True
        return True
    return fault


def sync_once(data_dir: Path, url: str, root: Path, now: datetime = T0, *, policy: FetchPolicy = FAST,
              store: Store | None = None, accept: bool = False, accept_sha256: str | None = None,
              sleep=None):
    """One run_sync against a real store in `data_dir` (opened and closed here unless given)."""
    own = store is None
    store = store or Store.open(data_dir)
    try:
        fetcher = Fetcher(policy, proxy="geen", sleep=sleep or time.sleep)
        request = SyncRequest(url, Path(root).read_bytes(), accept, accept_sha256)
        return run_sync(store, data_dir, request, fetcher, now)
    finally:
        if own:
            store.close()


def sign_raw(publisher: Publisher, data: bytes, version: int, *, at: datetime = T0, expires_days: float = 14,
             feed_id: str | None = None, signer=None) -> bytes:
    """Publish arbitrary payload bytes with a validly signed manifest (a publisher that skipped
    validation, or a compromised key); returns the manifest bytes."""
    from koppdesk.feed.keys import read_private_key
    from koppdesk.feed.manifest import Manifest, sign_manifest
    from koppdesk.feed.publish import read_root_file

    root = read_root_file(publisher.root)
    manifest = Manifest(feed_id=feed_id or root.feed_id, version=version, issued=at,
                        expires=at + timedelta(days=expires_days), sha256=hashlib.sha256(data).hexdigest(),
                        length=len(data), root_version=root.version)
    raw = sign_manifest(manifest, [signer or read_private_key(publisher.key)])
    publisher.file("feed.json").write_bytes(data)
    publisher.file("manifest.json").write_bytes(raw)
    return raw


# -- TLS and a CONNECT proxy (both on 127.0.0.1) ------------------------------------------------

def self_signed(tmp: Path, host: str) -> tuple[Path, Path]:
    """A certificate for `host` and its key (PEM files), valid around T0 and now."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    start = min(T0, datetime.now(timezone.utc)) - timedelta(days=1)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(start)
            .not_valid_after(start + timedelta(days=3650))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class ConnectProxy:
    """A minimal HTTP CONNECT proxy that sends every tunnel to 127.0.0.1:`target_port`
    and records the host:port clients asked for."""

    def __init__(self, target_port: int):
        import socketserver

        self.asked: list[str] = []
        proxy = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                line = self.rfile.readline().decode("latin-1")
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                method, target, _ = line.split(" ", 2)
                proxy.asked.append(f"{method} {target}")
                if method != "CONNECT":
                    self.wfile.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                    return
                import socket as _socket

                upstream = _socket.create_connection(("127.0.0.1", target_port))
                self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                self.wfile.flush()
                client = self.connection

                def pipe(src, dst):
                    try:
                        while data := src.recv(65536):
                            dst.sendall(data)
                    except OSError:
                        pass
                    finally:
                        for s in (src, dst):
                            try:
                                s.shutdown(_socket.SHUT_RDWR)
                            except OSError:
                                pass

                t = threading.Thread(target=pipe, args=(upstream, client), daemon=True)
                t.start()
                pipe(client, upstream)
                t.join(5)
                upstream.close()

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02},
                                       daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> ConnectProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
