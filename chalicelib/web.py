"""HTTP glue shared by every route: the app class, error mapping, body bounds, access log.

This is the one place where domain errors, PynamoDB errors and AWS outages become HTTP.
No response ever carries a traceback or an exception's text.
"""
from __future__ import annotations

import functools
import threading
import time
from typing import Any, Callable

from chalice import Chalice, ChaliceViewError, Response
from chalice.app import Request

from chalicelib import db, logs
from chalicelib.auth import api_keys
from chalicelib.errors import BadRequest, NotFound, PortalError, TooLarge, Unavailable
from chalicelib.settings import get_settings

log = logs.get_logger("http")

ADMIN_PREFIX = "/api/admin/"
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
    if error.status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="portal"'
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
        if code in _TRANSIENT or code is None:
            return Unavailable("The service is busy right now; nothing was changed. Please try again shortly.")
    response = getattr(exc, "response", None)
    code = response.get("Error", {}).get("Code") if isinstance(response, dict) else None
    if code in _TRANSIENT or type(exc).__name__ in {"EndpointConnectionError", "ConnectTimeoutError", "ReadTimeoutError"}:
        return Unavailable("The service is busy right now; nothing was changed. Please try again shortly.")
    return None


def _chalice_message(exc: Exception) -> str:
    text = str(exc)
    # Chalice prefixes its messages with the error class name ("BadRequestError: ...").
    return text.split(": ", 1)[-1] if ": " in text else text or "The request could not be read."


def _normalise_chalice_error(response: Response) -> Response:
    """Chalice answers some errors itself (415, malformed JSON) in its own shape: use ours."""
    body = response.body
    if response.status_code >= 400 and isinstance(body, dict) and "Code" in body and "code" not in body:
        codes = {415: "unsupported_media_type", 400: "bad_request", 404: "not_found", 403: "forbidden"}
        message = body.get("Message") or "The request could not be handled."
        if response.status_code == 415:
            message = "Send the body as JSON with the header 'Content-Type: application/json'."
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
            _check_body_size(event, settings.max_body_bytes)
            if (event.context.get("resourcePath") or "").startswith(ADMIN_PREFIX):
                api_keys.authenticate(event.headers.get("authorization"), settings)
            response = _normalise_chalice_error(get_response(event))
        except Exception as exc:  # noqa: BLE001 - errors raised by the checks above
            response = failure_response(exc)
        response.headers.setdefault("Cache-Control", "no-store")
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


def _check_body_size(request: Request, limit: int) -> None:
    size = len(request.raw_body or b"")
    if size > limit:
        raise TooLarge(f"The request body is {size} bytes; the limit is {limit} bytes.")

