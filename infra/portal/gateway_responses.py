"""API Gateway's own answers (no such route, throttled, too large, its own failures) in the portal's
JSON error shape, ``{"code", "message"}``, with the headers every API answer carries.

The app never sees these requests, so its error mapping (``chalicelib/web.py``) cannot shape them;
the local server answers the same cases the same way (``devserver/server.py``).
"""
from __future__ import annotations

import json

from aws_cdk import CfnResource
from aws_cdk import aws_apigateway as apigateway
from constructs import Construct

from chalicelib.web import GATEWAY_HEADERS

# response type -> (status, code, message). API Gateway answers an unknown path with 403
# "Missing Authentication Token"; it means no such route.
RESPONSES = {
    "MISSING_AUTHENTICATION_TOKEN": ("404", "not_found", "No such API route."),
    "RESOURCE_NOT_FOUND": ("404", "not_found", "No such API route."),
    "THROTTLED": ("429", "rate_limited", "Too many requests right now. Please wait a moment and try again."),
    "QUOTA_EXCEEDED": ("429", "rate_limited", "Too many requests right now. Please wait a moment and try again."),
    "REQUEST_TOO_LARGE": ("413", "body_too_large", "The request is too large."),
    "UNSUPPORTED_MEDIA_TYPE": ("415", "unsupported_media_type",
                               "Send the body with a Content-Type this address accepts, such as application/json."),
    "DEFAULT_4XX": (None, "bad_request", "The request could not be handled."),
    "DEFAULT_5XX": (None, "service_unavailable", "The portal is busy or unavailable right now. Please try again in a minute."),
}


def add_gateway_responses(scope: Construct, rest_api: CfnResource) -> list[apigateway.CfnGatewayResponse]:
    headers = {"Content-Type": "application/json", **GATEWAY_HEADERS}
    made = []
    for response_type, (status, code, message) in RESPONSES.items():
        made.append(apigateway.CfnGatewayResponse(
            scope, f"GatewayResponse{response_type.title().replace('_', '')}",
            rest_api_id=rest_api.ref,
            response_type=response_type,
            status_code=status,
            # header values are literals in single quotes (API Gateway's mapping syntax)
            response_parameters={f"gatewayresponse.header.{name}": f"'{value}'" for name, value in headers.items()},
            response_templates={"application/json": json.dumps({"code": code, "message": message})},
        ))
    return made
