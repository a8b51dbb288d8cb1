"""The functions: the outbox worker on the table's stream, and every setting production needs."""
from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys

from chalicelib.settings import Settings, settings_from

# Settings whose defaults are right in production (limits, lifetimes and the like). Any other
# setting left at its default means the stack forgot it. The admin key's hash and the origin
# header's plain values stay unset: production reads both secrets by ARN at run time.
DEFAULTS_KEPT = {
    "stage",  # "prod" is the default too (the stack sets it anyway, checked below)
    "region", "max_body_bytes", "upload_url_ttl_seconds", "outbox_max_attempts", "outbox_lease_seconds",
    "log_level", "session_keys", "session_signing_kid", "session_days", "signin_link_minutes",
    "fresh_signin_seconds", "invite_days", "extra_origins", "stripe_secret_key", "stripe_publishable_key",
    "stripe_webhook_secret", "stripe_api_base", "sns_test_cert_origin",
    "limit_contact_burst", "limit_contact_daily", "limit_ip", "limit_sms_daily", "limit_login_failures",
    "limit_contact_change_account", "limit_contact_change_target", "limit_booking_account",
    "limit_booking_property", "limit_booking_dispatcher", "limit_share_create", "limit_shared_ip",
    "admin_key_sha256", "cloudfront_origin_secrets",
}


def _functions(synthesized):
    return synthesized.of_type("AWS::Serverless::Function")


def _as_text(value) -> str:
    """A template value as the function would see it: references become stand-in text."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "Fn::Join" in value:
        return value["Fn::Join"][0].join(_as_text(part) for part in value["Fn::Join"][1])
    if isinstance(value, dict) and "Ref" in value:
        return f"ref-{value['Ref']}-" + "x" * 40  # long enough for a secret
    if isinstance(value, dict) and "Fn::GetAtt" in value:
        return "att-" + "-".join(value["Fn::GetAtt"])
    return str(value)


def test_the_outbox_worker_is_triggered_by_the_outbox_tables_stream(synthesized):
    worker = _functions(synthesized)["DeliverOnOutboxChange"]["Properties"]
    (event,) = worker["Events"].values()
    outbox = next(name for name, t in synthesized.of_type("AWS::DynamoDB::Table").items()
                  if t["Properties"]["TableName"] == "portal-prod-outbox")
    assert event["Type"] == "DynamoDB"
    assert event["Properties"]["Stream"] == {"Fn::GetAtt": [outbox, "StreamArn"]}
    assert event["Properties"]["StartingPosition"] == "LATEST"
    assert worker["Handler"] == "app.deliver_on_outbox_change"


def test_every_handler_app_py_declares_is_a_function_and_the_sweeper_runs_every_minute(synthesized):
    from chalice.utils import to_cfn_resource_name

    from app import app

    functions = _functions(synthesized)
    assert set(functions) == {"APIHandler"} | {to_cfn_resource_name(s.name) for s in app.event_sources}
    sweeper = functions["DeliverNotifications"]["Properties"]["Events"]
    assert [e["Properties"]["Schedule"] for e in sweeper.values()] == ["rate(1 minute)"]


def test_every_function_gets_every_setting_production_needs(synthesized):
    functions = _functions(synthesized)
    bare = settings_from({})
    for name, function in functions.items():
        variables = function["Properties"]["Environment"]["Variables"]
        env = {key: _as_text(value) for key, value in variables.items()}
        deployed = settings_from(env)
        left_at_default = {f.name for f in dataclasses.fields(Settings)
                           if getattr(deployed, f.name) == getattr(bare, f.name)}
        assert left_at_default - DEFAULTS_KEPT == set(), name
        assert deployed.stage == "prod" and not deployed.local_mode
        assert deployed.site_url == "https://portal.example.com"
        assert deployed.trust_cloudfront
        assert deployed.table_prefix == "portal-prod-"
        assert variables["PORTAL_DOCUMENTS_BUCKET"]["Ref"].startswith("DocumentsBucket")
        assert variables["PORTAL_SESSION_KEYS_SECRET_ID"]["Ref"].startswith("SessionKeys")
        assert variables["PORTAL_STRIPE_SECRET_ID"]["Ref"].startswith("Stripe")
        assert variables["PORTAL_CLOUDFRONT_ORIGIN_SECRET_ID"]["Ref"].startswith("OriginSecret")
        assert variables["PORTAL_ADMIN_KEY_SECRET_ID"]["Ref"].startswith("AdminKey")
        assert "PORTAL_CLOUDFRONT_ORIGIN_SECRET" not in variables and "PORTAL_ADMIN_KEY_SHA256" not in variables


def test_no_secret_value_is_in_the_template_only_arns(synthesized):
    """Only CloudFront's origin header resolves a secret (at deploy time: CloudFront has no other way)."""
    text = json.dumps(synthesized.resources)
    assert text.count("{{resolve:secretsmanager:") == 1
    for secret in synthesized.of_type("AWS::SecretsManager::Secret").values():
        assert "SecretString" not in secret["Properties"]


def test_cfn_lint_passes_on_the_synthesized_templates(synthesized, synthesized_with_waf):
    cfn_lint = os.path.join(os.path.dirname(sys.executable), "cfn-lint")
    result = subprocess.run([cfn_lint, synthesized.path, synthesized_with_waf.path], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_function_runs_the_small_arm64_package_make_package_builds(synthesized):
    from pathlib import Path

    from scripts.package import check

    keys = {fn["Properties"]["CodeUri"]["Key"] for fn in _functions(synthesized).values()}
    assert {tuple(fn["Properties"]["Architectures"]) for fn in _functions(synthesized).values()} == {("arm64",)}
    [key] = keys  # one package for every function
    asset = Path(synthesized.path).parent / f"asset.{key}"
    assert check(asset) == []  # at most 10 MB, no boto3/botocore, every compiled module aarch64


def test_api_gateways_own_answers_are_in_the_portals_json_error_shape(synthesized):
    responses = {r["Properties"]["ResponseType"]: r["Properties"]
                 for r in synthesized.of_type("AWS::ApiGateway::GatewayResponse").values()}

    assert {"MISSING_AUTHENTICATION_TOKEN", "THROTTLED", "REQUEST_TOO_LARGE", "DEFAULT_4XX", "DEFAULT_5XX"} <= set(responses)
    assert responses["MISSING_AUTHENTICATION_TOKEN"]["StatusCode"] == "404"  # an unknown route, not a 403
    assert responses["THROTTLED"]["StatusCode"] == "429"
    for response in responses.values():
        assert response["RestApiId"] == {"Ref": "RestAPI"}
        body = json.loads(response["ResponseTemplates"]["application/json"])
        assert set(body) == {"code", "message"} and body["message"].endswith(".")
        assert response["ResponseParameters"]["gatewayresponse.header.Content-Type"] == "'application/json'"
        assert response["ResponseParameters"]["gatewayresponse.header.X-Content-Type-Options"] == "'nosniff'"
