"""One origin for the local portal: ``static_site/`` at ``/`` and the Chalice app at ``/api/*``.

What CloudFront does in production (site files, ``/api/*`` to API Gateway, compression,
security headers), done here by a small threaded HTTP server around Chalice's LocalGateway.
"""
from __future__ import annotations

import base64
import gzip
import mimetypes
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from chalice.config import Config
from chalice.local import ForbiddenError, LocalGateway, LocalGatewayException

from chalicelib.web import GATEWAY_HEADERS

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
    gateway: LocalGateway  # set by ``serve``

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = do_GET

    def _dispatch(self) -> None:
        path = urlsplit(self.path).path
        if path == "/api" or path.startswith("/api/"):
            self._api()
        elif self.command in ("GET", "HEAD"):
            self._static(path)
        else:
            self._send(405, {"Content-Type": "application/json"}, b'{"code": "method_not_allowed", "message": "Only GET here."}')

    def _api(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            response = self.gateway.handle_request(self.command, self.path, headers, body)
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
            "Content-Security-Policy": _with_stripe(_CSP_DEV if path.startswith("/dev/") else _CSP),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "strict-origin-when-cross-origin",
        }
        self._send(200, headers, target.read_bytes())

    def _send(self, status: int, headers: dict[str, Any], body: bytes) -> None:
        accepts_gzip = "gzip" in (self.headers.get("Accept-Encoding") or "")
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
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the access log is the app's JSON log
        return


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a burst of simultaneous requests waits instead of being refused


def serve(app: Any, host: str, port: int) -> ThreadingHTTPServer:
    """Start serving in a background thread; the caller stops it with ``shutdown()``."""
    handler = type("BoundPortalHandler", (PortalHandler,), {"gateway": make_gateway(app)})
    server = _Server((host, port), handler)
    threading.Thread(target=server.serve_forever, name="portal-http", daemon=True).start()
    return server

