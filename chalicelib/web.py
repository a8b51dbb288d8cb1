"""HTTP glue shared by every route: the app class, error mapping, body bounds, access log.

This is the one place where domain errors, PynamoDB errors and AWS outages become HTTP.
No response ever carries a traceback or an exception's text.
"""
from __future__ import annotations

import functools
import hmac
import threading
import time
from typing import Any, Callable, Container
from urllib.parse import urlsplit

from chalice import Chalice, ChaliceViewError, Response
from chalice.app import Request

from chalicelib import bodies, db, jsonbody, logs, secrets
from chalicelib.errors import BadRequest, Conflict, CrossSite, Forbidden, MethodNotAllowed, NotFound, PortalError, RateLimited, TooLarge, Unauthorized, Unavailable
from chalicelib.settings import get_settings

log = logs.get_logger("http")

ADMIN_PREFIX = "/api/admin/"
# Routes called by other machines, not by pages in a browser: no Origin to check. A one-click
# unsubscribe is POSTed by the mailbox provider (RFC 8058); its signed link is its only authority.
_NOT_FROM_BROWSERS = (ADMIN_PREFIX, "/api/dev/", "/api/webhooks/", "/api/unsubscribe/one-click")
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_TRANSIENT = {
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
    "InternalServerError",
    "ServiceUnavailable",
    "Throttling",
}


class PortalApp(Chalice):
    """Chalice keeps the current request on the app object; keep it per thread instead.

    Lambda runs one request per container, but the local portal serves requests from a
    thread pool, and concurrent bookings must not see each other's request.
    """

    _tls = threading.local()

    @property  # type: ignore[override]
    def current_request(self) -> Request | None:
        return getattr(self._tls, "request", None)

    @current_request.setter
    def current_request(self, value: Request | None) -> None:
        self._tls.request = value

    def _register_route(self, name: str, user_handler: Callable[..., Any], kwargs: Any, **unused: Any) -> None:
        # Chalice turns a view's exception into its own generic 500 before middleware sees
        # it, so every view is wrapped here: one mapping for every route, none can forget.
        super()._register_route(name, _mapping_errors(user_handler), kwargs, **unused)


def _mapping_errors(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the single mapping point for every route
            return failure_response(exc)

    return run


def failure_response(exc: Exception) -> Response:
    """The HTTP answer for any exception: a domain error's status, or a bare 500 that leaks nothing."""
    error = _as_portal_error(exc)
    if error is None:
        log.error("unhandled error", exc_info=exc)
        error = PortalError("Something went wrong on our side; nothing was changed. Please try again.")
    return error_response(error)


def error_response(error: PortalError) -> Response:
    body = error.body()
    headers = {"Content-Type": "application/json", "Cache-Control": "no-store"}
    if isinstance(error, Unauthorized):  # the admin API's bearer keys
        headers["WWW-Authenticate"] = 'Bearer realm="portal"'
    if isinstance(error, RateLimited):
        headers["Retry-After"] = str(error.retry_after)
    if isinstance(error, MethodNotAllowed):
        headers["Allow"] = ", ".join(error.allow)
    return Response(body=body, status_code=error.status, headers=headers)


def _as_portal_error(exc: Exception) -> PortalError | None:
    """Translate library exceptions that have a clear meaning for the caller."""
    from pynamodb.exceptions import DoesNotExist, PynamoDBException

    if isinstance(exc, PortalError):
        return exc
    if isinstance(exc, DoesNotExist):
        return NotFound("Not found.")
    if isinstance(exc, ChaliceViewError):
        return BadRequest(_chalice_message(exc))
    if isinstance(exc, PynamoDBException):
        code = getattr(exc, "cause_response_code", None)
        if code in ("ConditionalCheckFailedException", "TransactionCanceledException"):
            return Conflict("This changed at the same time as another request; please try again.")
        if code in _TRANSIENT or code is None:
            return Unavailable("The service is busy right now; nothing was changed. Please try again shortly.")
    if type(exc).__module__.split(".")[0] == "stripe":
        # A Stripe call a service did not expect to fail (Stripe down, or refusing a request the
        # emulator does not support): nothing was charged, and the caller may try again.
        log.error("stripe refused a request", extra={"error": type(exc).__name__})
        return Unavailable("Payments are not available right now; nothing was charged. Please try again shortly.")
    response = getattr(exc, "response", None)
    code = response.get("Error", {}).get("Code") if isinstance(response, dict) else None
    if code in _TRANSIENT or type(exc).__name__ in {"EndpointConnectionError", "ConnectTimeoutError", "ReadTimeoutError"}:
        return Unavailable("The service is busy right now; nothing was changed. Please try again shortly.")
    return None


def _chalice_message(exc: Exception) -> str:
    text = str(exc)
    # Chalice prefixes its messages with the error class name ("BadRequestError: ...").
    return text.split(": ", 1)[-1] if ": " in text else text or "The request could not be read."


def _normalise_chalice_error(response: Response, accepted: list[str]) -> Response:
    """Chalice answers some errors itself (415, malformed JSON) in its own shape: use ours.

    ``accepted``: the content types the route takes (a 415 names them)."""
    body = response.body
    if response.status_code >= 400 and isinstance(body, dict) and "Code" in body and "code" not in body:
        codes = {415: "unsupported_media_type", 400: "bad_request", 404: "not_found", 403: "forbidden"}
        message = body.get("Message") or "The request could not be handled."
        if response.status_code == 415:
            message = ("Send the body as JSON with the header 'Content-Type: application/json'."
                       if accepted in ([], ["application/json"]) else
                       "Send the body with the header 'Content-Type' set to one of: " + ", ".join(accepted) + ".")
        response.body = {"code": codes.get(response.status_code, "error"), "message": message}
    return response


def install(app: Chalice) -> None:
    """Register the middleware every route runs through."""

    @app.middleware("http")
    def portal_middleware(event: Request, get_response: Callable[[Request], Response]) -> Response:
        settings = get_settings()
        logs.configure(settings.log_level)
        db.bind(settings)
        started = time.perf_counter()
        request_id = event.context.get("requestId")
        try:
            if settings.trust_cloudfront:
                _check_from_cloudfront(event, secrets.cloudfront_origin_secrets(settings))
            route = event.context.get("resourcePath") or ""
            _check_body_size(event, max(settings.max_body_bytes, LARGER_BODIES.get(route, 0)))
            _check_method(event.method, sorted(app.routes.get(route, {})))
            caller = None
            if route.startswith(ADMIN_PREFIX):
                from chalicelib.office import access  # admin routes only: customer pages never load it

                caller = access.caller(event, route, settings, lambda request: _check_origin(request, settings.allowed_origins))
            elif event.method not in _SAFE_METHODS and not route.startswith(_NOT_FROM_BROWSERS):
                _check_origin(event, settings.allowed_origins)
            view = app.routes.get(route, {}).get(event.method)
            response = _normalise_chalice_error(get_response(event), list(getattr(view, "content_types", [])))
            if caller is not None:
                access.record(caller, event, route, response.status_code)
        except Exception as exc:  # noqa: BLE001 - errors raised by the checks above
            response = failure_response(exc)
        _security_headers(event, response)
        if isinstance(response.body, (dict, list)):
            response.headers.setdefault("Content-Type", "application/json")
        if response.status_code >= 400 and isinstance(response.body, dict) and request_id:
            response.body["request_id"] = request_id
        log.info(
            "request",
            extra={
                "method": event.method,
                "route": event.context.get("resourcePath"),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "request_id": request_id,
            },
        )
        return response


# Every API answer carries these, whoever produced it (a view, the error mapping, Chalice's own
# 415); the local server adds them to the gateway's own answers too.
GATEWAY_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


def _security_headers(request: Request, response: Response) -> None:
    """nosniff always; no-store unless a public, signed-out answer chose its own caching."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    route = request.context.get("resourcePath") or ""
    private = route.startswith(ADMIN_PREFIX) or bool(request.headers.get("cookie")) or bool(request.headers.get("authorization"))
    if private or "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"


def _check_method(method: str, allowed: list[str]) -> None:
    """A method the route lacks is a 405 naming the ones it takes, before any key or Origin is asked for."""
    if allowed and method not in allowed:
        raise MethodNotAllowed(allowed)


def _check_origin(request: Request, allowed: frozenset[str]) -> None:
    """Refuse state changes asked for by pages of other sites (CSRF), on top of SameSite cookies."""
    origin = request.headers.get("origin")
    if not origin:
        referer = urlsplit(request.headers.get("referer") or "")
        origin = f"{referer.scheme}://{referer.netloc}" if referer.scheme and referer.netloc else ""
    if origin.rstrip("/") not in allowed:
        raise CrossSite("This request did not come from the portal's own pages, so it was refused.")


def json_object(request: Request, multiline: Container[str] = ()) -> dict[str, Any]:
    """The request body as a JSON object, or a clear 400 (the one body parser: ``jsonbody``).

    Every text field is a single line unless named in ``multiline`` (notes).
    """
    return jsonbody.parse_object(request.raw_body, multiline)


def read_body(request: Request, shape: bodies.Shape) -> dict[str, Any]:
    """The request body as ``shape`` declares it (a customer route's body), or a clear 400.

    Parsed by ``jsonbody``: text is a single line except in the fields ``shape`` declares multiline.
    """
    return shape.read(jsonbody.parse_object(request.raw_body, shape.multiline))


# The header CloudFront adds to every request it sends to the API (a custom origin header).
ORIGIN_SECRET_HEADER = "x-portal-origin-secret"


def _check_from_cloudfront(request: Request, values: tuple[str, ...]) -> None:
    """With CloudFront the API's only caller, a request without its secret header came around it."""
    sent = (request.headers.get(ORIGIN_SECRET_HEADER) or "").encode()
    # compare_digest on every secret (no early exit): the time taken says nothing about the value
    if not sum(hmac.compare_digest(sent, value.encode()) for value in values):
        raise Forbidden("Requests must come through the portal's own address.")


def client_ip(request: Request) -> str:
    """The browser's address, for per-client limits.

    CloudFront's viewer address header only where the deployment says CloudFront is the API's
    only caller (the middleware has checked its secret origin header); anyone can send the
    header, so otherwise the connection's source address counts.
    """
    viewer = request.headers.get("cloudfront-viewer-address") if get_settings().trust_cloudfront else None
    if viewer:
        return viewer.rsplit(":", 1)[0].strip("[]")
    return ((request.context.get("identity") or {}).get("sourceIp")) or "unknown"


# Routes that take more than the usual body: the owner's logo upload (an image, base64 in JSON).
LARGER_BODIES = {"/api/admin/settings/logo": 400 * 1024}


def _check_body_size(request: Request, limit: int) -> None:
    size = len(request.raw_body or b"")
    if size > limit:
        raise TooLarge(f"The request body is {size} bytes; the limit is {limit} bytes.")

