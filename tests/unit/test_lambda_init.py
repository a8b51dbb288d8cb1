"""The DynamoDB client is built in a Lambda function's init phase, and never at import elsewhere (SPEC §9).

Each case imports the app in a fresh interpreter (the import is what is under test) and counts the
botocore clients built and the HTTP requests attempted while it ran.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
import botocore.client, botocore.endpoint

created, sent = [], []
build = botocore.client.ClientCreator.create_client
def counting_build(self, service_name, *args, **kwargs):
    created.append(service_name)
    return build(self, service_name, *args, **kwargs)
botocore.client.ClientCreator.create_client = counting_build
send = botocore.endpoint.Endpoint._send
def refusing_send(self, request):
    sent.append(request.url)
    raise RuntimeError("no request may leave at import")
botocore.endpoint.Endpoint._send = refusing_send

import app
print(json.dumps({"created": created, "sent": sent}))
"""


def _import_app(**env: str) -> dict[str, list[str]]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "AWS_"))}
    base.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
                 "PORTAL_SITE_URL": "https://portal.example.com"})
    base.update(env)
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=base, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_the_app_in_tests_builds_no_client_and_calls_nothing():
    seen = _import_app(PORTAL_STAGE="test")
    assert seen == {"created": [], "sent": []}


def test_local_mode_on_a_lambda_like_environment_still_builds_nothing_at_import():
    seen = _import_app(PORTAL_STAGE="local", AWS_LAMBDA_FUNCTION_NAME="septic-portal-dev")
    assert seen == {"created": [], "sent": []}


def test_a_deployed_function_builds_its_dynamodb_client_at_init_without_calling_aws():
    seen = _import_app(PORTAL_STAGE="prod", AWS_LAMBDA_FUNCTION_NAME="septic-portal-prod",
                       PORTAL_TABLE_PREFIX="portal-prod-")
    assert seen == {"created": ["dynamodb"], "sent": []}
