"""Each scheduled and stream job runs against moto (and the Stripe emulator) with every AWS call it
makes recorded by a botocore event hook, as (service, action, resource); each must be allowed by
that function's own role in the synthesized template. The grants are enough, and the test says
which calls each job made."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.api import stripe_helpers as stripe_sim
from tests.api.factories import account, invoice, property_, service_record
from tests.conftest import reset_caches
from tests.infra.policies import function_role, role_statements

PREFIX, DEPLOYED_PREFIX = "test-", "portal-prod-"
_ITEM_ACTIONS = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem", "ConditionCheck": "ConditionCheckItem"}


class Recorder:
    """Every API call of every botocore client, as the IAM action and resource it is checked against."""

    def __init__(self, secret_ids: dict[str, str], bucket_id: str) -> None:
        self.secret_ids, self.bucket_id = secret_ids, bucket_id  # moto ARN -> template id
        self.calls: set[tuple[str, str]] = set()
        self.on = False

    def __call__(self, params, model, **_):  # botocore's provide-client-params event
        if self.on:
            service = model.service_model.endpoint_prefix
            self.calls |= set(self._as_iam(service, model.name, params))

    def _table(self, name: str, index: str | None = None) -> str:
        arn = f"arn:aws:dynamodb:us-east-1:123456789012:table/{DEPLOYED_PREFIX}{name.removeprefix(PREFIX)}"
        return f"{arn}/index/{index}" if index else arn

    def _as_iam(self, service: str, operation: str, params: dict):
        if service == "dynamodb" and operation == "TransactWriteItems":
            for item in params["TransactItems"]:
                (kind, body), = item.items()
                yield f"dynamodb:{_ITEM_ACTIONS[kind]}", self._table(body["TableName"])
        elif service == "dynamodb" and operation == "TransactGetItems":
            for item in params["TransactItems"]:
                yield "dynamodb:GetItem", self._table(item["Get"]["TableName"])
        elif service == "dynamodb" and "RequestItems" in params:  # BatchGetItem, BatchWriteItem
            for table in params["RequestItems"]:
                yield f"dynamodb:{operation}", self._table(table)
        elif service == "dynamodb":
            yield f"dynamodb:{operation}", self._table(params["TableName"], params.get("IndexName"))
        elif service == "secretsmanager":
            yield f"secretsmanager:{operation}", self.secret_ids[params["SecretId"]]
        elif service == "email":
            base = "arn:aws:ses:us-east-1:123456789012"
            yield f"ses:{operation}", f"{base}:identity/{params['Source'].rsplit('@', 1)[1]}"
            if params.get("ConfigurationSetName"):
                yield f"ses:{operation}", f"{base}:configuration-set/{params['ConfigurationSetName']}"
        elif service == "sns":
            yield f"sns:{operation}", params.get("TopicArn") or "*"  # a text to a number has no ARN
        elif service == "s3":
            yield f"s3:{operation}", f"arn:aws:s3:::{self.bucket_id}/{params.get('Key', '')}"
        else:
            yield f"{service}:{operation}", "?"


@pytest.fixture
def deployed_like(synthesized, client, monkeypatch):
    """moto with the stack's secrets, SES identity and configuration set; the functions' settings."""
    from chalicelib.aws import client as aws_client

    import botocore.session

    stack, resources = synthesized.stack, synthesized.resources
    variables = resources["APIHandler"]["Properties"]["Environment"]["Variables"]
    config_set = resources[variables["PORTAL_SES_CONFIGURATION_SET"]["Ref"]]["Properties"]["Name"]
    mail_from = variables["PORTAL_MAIL_FROM"]
    ses = aws_client("ses")
    ses.verify_domain_identity(Domain=mail_from.rsplit("@", 1)[1])
    ses.create_configuration_set(ConfigurationSet={"Name": config_set})
    values = {"session_keys": '{"keys": {"k1": "a-session-key-from-secrets-manager-0123456789"}, "signing_kid": "k1"}',
              "stripe": '{"secret_key": "sk_test_local", "webhook_secret": "whsec_test", "publishable_key": "pk_test_local"}'}
    secret_ids = {}
    for name, value in values.items():
        arn = aws_client("secretsmanager").create_secret(Name=f"portal/{name}", SecretString=value)["ARN"]
        secret_ids[arn] = f"secret:{stack.resolve(stack.secrets[name].secret_arn)['Ref']}"
    session_arn, stripe_arn = list(secret_ids)
    for name in ("PORTAL_SESSION_KEYS", "PORTAL_SESSION_SIGNING_KID", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET",
                 "STRIPE_PUBLISHABLE_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORTAL_SESSION_KEYS_SECRET_ID", session_arn)
    monkeypatch.setenv("PORTAL_STRIPE_SECRET_ID", stripe_arn)
    monkeypatch.setenv("PORTAL_MAIL_FROM", mail_from)
    monkeypatch.setenv("PORTAL_SES_CONFIGURATION_SET", config_set)
    reset_caches()

    recorder = Recorder(secret_ids, stack.resolve(stack.documents.bucket.bucket_name)["Ref"])
    created = botocore.session.Session.create_client

    def create_client(self, *args, **kwargs):
        new = created(self, *args, **kwargs)
        new.meta.events.register("provide-client-params", recorder)
        return new

    monkeypatch.setattr(botocore.session.Session, "create_client", create_client)
    from chalicelib import db

    db._bound = None  # noqa: SLF001 - PynamoDB's connections are made again, with the hook
    from chalicelib.db.models import ALL_MODELS

    for model in ALL_MODELS:
        model._connection = None  # noqa: SLF001
    return recorder


def _run(deployed_like, synthesized, function: str, event: dict) -> set[tuple[str, str]]:
    """Run ``function``'s handler as Lambda would; what it called that its role does not allow."""
    import importlib

    module, name = synthesized.resources[function]["Properties"]["Handler"].split(".")
    handler = getattr(importlib.import_module(module), name)
    reset_caches()  # a fresh container: it reads its secrets itself
    deployed_like.calls.clear()
    deployed_like.on = True
    try:
        handler(event, None)
    finally:
        deployed_like.on = False
    statements = role_statements(synthesized.resources, function_role(synthesized.resources, function))
    return {call for call in deployed_like.calls if not any(s.allows(*call) for s in statements)}


SCHEDULED = {"detail-type": "Scheduled Event", "source": "aws.events", "time": "2027-01-01T14:00:00Z",
             "resources": [], "detail": {}, "region": "us-east-1", "account": "123456789012", "id": "1", "version": "0"}


STREAM_INSERT = {"Records": [{  # a DynamoDB stream record as Lambda delivers it: a message queued
    "eventID": "1", "eventName": "INSERT", "eventVersion": "1.1", "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
    "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/portal-prod-outbox/stream/2027-01-01T00:00:00.000",
    "dynamodb": {"ApproximateCreationDateTime": 1798761600, "Keys": {"message_id": {"S": "m1"}},
                 "NewImage": {"message_id": {"S": "m1"}, "status": {"S": "pending"}},
                 "SequenceNumber": "1", "SizeBytes": 40, "StreamViewType": "NEW_IMAGE"}}]}


def _queue_sign_in_links(browser_api):
    assert browser_api("POST", "/api/auth/magic-link", {"email": "jane@example.com"}).status_code == 202
    assert browser_api("POST", "/api/auth/magic-link", {"phone": "+12175550198"}).status_code == 202


@pytest.mark.parametrize("function", ["DeliverNotifications", "DeliverOnOutboxChange"])
def test_the_outbox_workers_send_sign_in_links_by_email_and_text_within_their_grants(
        function, deployed_like, synthesized, admin, browser_api):
    assert admin("PUT", "/api/admin/accounts/acct-1", account()).status_code == 201
    _queue_sign_in_links(browser_api)
    event = SCHEDULED if function == "DeliverNotifications" else STREAM_INSERT

    assert _run(deployed_like, synthesized, function, event) == set()
    services = {action.split(":")[0] for action, _ in deployed_like.calls}
    assert {"dynamodb", "ses", "sns"} <= services, deployed_like.calls


def test_the_reminders_job_reads_what_is_due_and_sends_within_its_grants(deployed_like, synthesized, admin):
    from chalicelib import clock

    def at(day: date):
        return clock.frozen_at(datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("America/Chicago")))

    with at(date(2027, 1, 1)):
        assert admin("PUT", "/api/admin/accounts/acct-1", account()).status_code == 201
        assert admin("PUT", "/api/admin/properties/prop-1", property_("acct-1", service_interval_months=12)).status_code == 201
        assert admin("PUT", "/api/admin/service-records/svc-1", service_record("prop-1", date="2026-06-15")).status_code == 201
    with at(date(2027, 6, 15) - timedelta(days=30)):
        assert _run(deployed_like, synthesized, "SendReminders", SCHEDULED) == set()
    assert any(action == "ses:SendRawEmail" for action, _ in deployed_like.calls), deployed_like.calls
    # A reminder carries a signed one-click unsubscribe link: the session keys' secret is read.
    assert any(action == "secretsmanager:GetSecretValue" for action, _ in deployed_like.calls)


def test_the_autopay_job_charges_and_sends_the_receipt_within_its_grants(
        deployed_like, synthesized, admin, stripe_local, signed_in, monkeypatch):
    from chalicelib import clock

    monkeypatch.delenv("STRIPE_SECRET_KEY")  # stripe_local sets them: the job reads the secret instead
    monkeypatch.delenv("STRIPE_WEBHOOK_SECRET")
    reset_caches()
    stripe_sim.configure(stripe_local)
    today = clock.today("America/Chicago")
    assert admin("PUT", "/api/admin/accounts/acct-jane", account(maintenance_agreement=True)).status_code == 201
    assert admin("PUT", "/api/admin/invoices/inv-due", invoice(
        "acct-jane", issued_on=(today - timedelta(days=30)).isoformat(), due_on=today.isoformat())).status_code == 201
    stripe_sim.enrol_in_autopay(signed_in("acct-jane"))

    assert _run(deployed_like, synthesized, "ChargeAutopay", SCHEDULED) == set()
    secrets = {resource for action, resource in deployed_like.calls if action == "secretsmanager:GetSecretValue"}
    assert secrets == {f"secret:{synthesized.stack.resolve(synthesized.stack.secrets['stripe'].secret_arn)['Ref']}"}
    assert any(action == "ses:SendRawEmail" for action, _ in deployed_like.calls)
