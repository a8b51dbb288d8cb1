"""One origin for the local portal: ``static_site/`` at ``/`` and the Chalice app at ``/api/*``.

What CloudFront does in production (site files, ``/api/*`` to API Gateway, compression,
security headers), done here by a small threaded HTTP server around Chalice's LocalGateway.
"""
from __future__ import annotations

import base64
import gzip
import json
import mimetypes
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from chalice.config import Config
from chalice.local import ForbiddenError, LocalGateway, LocalGatewayException

from chalicelib.web import GATEWAY_HEADERS
from chalicelib.errors import MethodNotAllowed

SITE = Path(__file__).resolve().parent.parent / "static_site"
_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
_CSP = (
    "default-src 'self'; img-src 'self' https: data:; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)
# The outbox page shows emails as their recipients see them, inline styles included.
_CSP_DEV = _CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("image/svg+xml", ".svg")


def _with_local_aws(policy: str) -> str:
    """Let pages show images the local S3 stand-in serves (the uploaded logo's short-lived link)."""
    endpoint = os.environ.get("AWS_ENDPOINT_URL")
    return policy.replace("img-src 'self'", f"img-src 'self' {endpoint}") if endpoint else policy


def _with_stripe(policy: str) -> str:
    """Let pages load Stripe.js (and its frames and calls) from the Stripe emulator."""
    stripe = os.environ.get("PORTAL_STRIPE_API_BASE")
    if not stripe:
        return policy
    for directive in ("script-src", "connect-src", "frame-src"):
        policy = policy.replace(f"{directive} 'self'", f"{directive} 'self' {stripe}")
    return policy


def make_gateway(app: Any) -> LocalGateway:
    config = Config.create(chalice_app=app, lambda_timeout=30, lambda_memory_size=512, app_name="septic-portal")
    return LocalGateway(app, config)


class PortalHandler(BaseHTTPRequestHandler):
    server_version = "SepticPortal"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    # http.server writes unbuffered: the head in one send and the body in another, so a client
    # could read a head alone (and a refusal that closes the connection looked empty). Buffered,
    # ``_send`` hands each answer to the socket in one write and flushes it before anything closes.
    wbufsize = 1 << 16
    gateway: LocalGateway  # set by ``serve``

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = do_GET

    def __getattr__(self, name: str) -> Any:
        # http.server answers a method it has no ``do_<METHOD>`` for (TRACE, PROPFIND...) with
        # its own 501 HTML page; every method goes to the app or the site, which answer 405 JSON.
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    def _dispatch(self) -> None:
        path = urlsplit(self.path).path
        body = self._body()  # read whoever answers: what is left unread would be taken for the next request
        if path == "/api" or path.startswith("/api/"):
            self._api(body)
        elif self.command in ("GET", "HEAD"):
            self._static(path)
        else:
            refused = MethodNotAllowed(["GET", "HEAD"])
            self._json_error(refused.status, refused.code, refused.message, {"Allow": ", ".join(refused.allow)})

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """What http.server itself refuses (a malformed request line, oversized headers), as JSON."""
        self.close_connection = True
        if self.request_version == "HTTP/0.9":  # a request line it could not read: answer with a status line all the same
            self.request_version = "HTTP/1.0"
        text = "The request could not be read." if code < 500 else "The server could not handle this request."
        self._json_error(code, "bad_request" if code < 500 else "error", text, {})

    def _json_error(self, status: int, code: str, message: str, headers: dict[str, str]) -> None:
        body = json.dumps({"code": code, "message": message}).encode()
        self._send(status, {"Content-Type": "application/json", "Cache-Control": "no-store", **headers}, body)

    def _body(self) -> bytes:
        """The whole request body: Content-Length's bytes, or every chunk of a chunked one (left
        unread, its bytes would be taken for the next request on the connection)."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while size := int(self.rfile.readline(1024).split(b";")[0].strip() or b"0", 16):
                chunks.append(self.rfile.read(size))
                self.rfile.readline(1024)  # the CRLF after each chunk
            while self.rfile.readline(1024).strip():  # trailers, up to the blank line
                pass
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _api(self, body: bytes) -> None:
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            response = self.gateway.handle_request(self.command, _decoded_path(self.path), headers, body)
        except ForbiddenError:
            # API Gateway answers 403 "Missing Authentication Token" for unknown paths; say what it means.
            self._send(404, {"Content-Type": "application/json", **GATEWAY_HEADERS},
                       b'{"code": "not_found", "message": "No such API route."}')
            return
        except LocalGatewayException as exc:
            self._send(exc.CODE, {**exc.headers, **GATEWAY_HEADERS}, exc.body or b"")
            return
        raw = response.get("body") or b""
        if response.get("isBase64Encoded"):
            raw = base64.b64decode(raw)
        elif isinstance(raw, str):
            raw = raw.encode()
        headers = dict(response.get("headers") or {})
        for name, values in (response.get("multiValueHeaders") or {}).items():
            headers[name] = values  # Set-Cookie may repeat
        self._send(response["statusCode"], headers, raw)

    def _static(self, path: str) -> None:
        target = (SITE / path.lstrip("/")).resolve()
        if SITE not in target.parents and target != SITE:
            self._send(404, {"Content-Type": "text/plain"}, b"Not found")
            return
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            if Path(path).suffix:  # a missing asset, not a page route
                self._send(404, {"Content-Type": "text/plain"}, b"Not found")
                return
            target = SITE / "index.html"  # page routes are drawn by the site's router
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type.endswith(("javascript", "json", "svg+xml")):
            content_type += "; charset=utf-8"
        headers = {
            "Content-Type": content_type,
            "Cache-Control": "no-cache",
            "Content-Security-Policy": _with_local_aws(_with_stripe(_CSP_DEV if path.startswith("/dev/") else _CSP)),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "strict-origin-when-cross-origin",
        }
        self._send(200, headers, target.read_bytes())

    def _send(self, status: int, headers: dict[str, Any], body: bytes) -> None:
        request_headers = getattr(self, "headers", None)  # absent when the request line itself was bad
        accepts_gzip = request_headers is not None and "gzip" in (request_headers.get("Accept-Encoding") or "")
        content_type = str(headers.get("Content-Type") or headers.get("content-type") or "")
        if accepts_gzip and len(body) > 512 and content_type.startswith(_COMPRESSIBLE):
            body = gzip.compress(body, mtime=0)
            headers = {**headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        self.send_response(status)
        for name, value in headers.items():
            if name.lower() in ("content-length", "connection"):
                continue
            for one in value if isinstance(value, list) else [value]:
                self.send_header(name, str(one))
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.wfile.flush()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the access log is the app's JSON log
        return


# Decoded, these cannot change how LocalGateway splits the path (unlike / ; ? # % or non-ASCII).
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:@!$&'()*+,=")


def _decoded_path(target: str) -> str:
    """API Gateway hands views percent-decoded path parameters (``acct%3A7`` is ``acct:7``);
    LocalGateway does not, so decode here what is safe to decode; an id with anything else is
    refused by the route's own id check, as in production."""
    path, question, query = target.partition("?")

    def plain(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _PLAIN else match.group(0)

    return re.sub("%([0-9A-Fa-f]{2})", plain, path) + question + query


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a burst of simultaneous requests waits instead of being refused


def serve(app: Any, host: str, port: int) -> ThreadingHTTPServer:
    """Start serving in a background thread; the caller stops it with ``shutdown()``."""
    handler = type("BoundPortalHandler", (PortalHandler,), {"gateway": make_gateway(app)})
    server = _Server((host, port), handler)
    threading.Thread(target=server.serve_forever, name="portal-http", daemon=True).start()
    return server

