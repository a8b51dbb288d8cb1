"""Least privilege: a role per function, no wildcard action, "*" only for texts, each function only
the secrets, bucket and sending it uses; every model's table for every function, from the models."""
from __future__ import annotations

from chalicelib.storage import documents as storage
from tests.infra.policies import function_role, role_statements

ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/portal-prod-"


def _statements(synthesized, function):
    return role_statements(synthesized.resources, function_role(synthesized.resources, function))


def _functions(synthesized):
    return sorted(synthesized.of_type("AWS::Serverless::Function"))


def test_each_function_runs_as_its_own_role_and_chalices_shared_role_is_gone(synthesized):
    roles = [function_role(synthesized.resources, f) for f in _functions(synthesized)]
    assert len(set(roles)) == len(roles) == 5
    assert set(synthesized.of_type("AWS::IAM::Role")) == set(roles)


# Actions IAM only grants on "*" (no resource to name): texts to phone numbers, and listing the
# stream, which Lambda's stream trigger does before it reads the outbox's.
ONLY_ON_EVERYTHING = {"sns:Publish", "sns:CheckIfPhoneNumberIsOptedOut", "dynamodb:ListStreams"}


def test_no_action_is_a_wildcard_and_only_texts_and_listing_streams_are_granted_on_every_resource(synthesized):
    for function in _functions(synthesized):
        for statement in _statements(synthesized, function):
            assert not any("*" in action for action in statement.actions), (function, statement)
            if "*" in statement.resources:
                assert statement.resources == ("*",)
                assert set(statement.actions) <= ONLY_ON_EVERYTHING, function
                assert function != "APIHandler"  # the API only queues messages


def test_every_function_may_use_every_models_table_and_its_indexes_by_name(synthesized):
    from chalicelib.db.models import ALL_MODELS

    expected = set()
    for model in ALL_MODELS:  # a model added later is granted with no list kept by hand
        expected.add(f"{ARN}{model.base_name}")
        for index in model._get_schema().get("global_secondary_indexes", []):  # noqa: SLF001
            expected.add(f"{ARN}{model.base_name}/index/{index['index_name']}")
    for function in _functions(synthesized):
        tables = [s for s in _statements(synthesized, function) if any(a.startswith("dynamodb:") for a in s.actions)]
        granted = {r for s in tables for r in s.resources if "/stream/" not in r and r != "*"}
        assert granted == expected, function
        assert "dynamodb:Scan" not in {a for s in tables for a in s.actions}


def _secrets_read(synthesized, function):
    names = {f"secret:{n}": n.rstrip("0123456789ABCDEF") for n in synthesized.of_type("AWS::SecretsManager::Secret")}
    return {names[r] for s in _statements(synthesized, function) if "secretsmanager:GetSecretValue" in s.actions
            for r in s.resources}


def test_each_function_reads_only_the_secrets_it_uses(synthesized):
    assert _secrets_read(synthesized, "APIHandler") == {"OriginSecret", "AdminKey", "SessionKeys", "Stripe"}
    assert _secrets_read(synthesized, "ChargeAutopay") == {"SessionKeys", "Stripe"}
    for job in ("DeliverNotifications", "DeliverOnOutboxChange", "SendReminders"):
        assert _secrets_read(synthesized, job) == {"SessionKeys"}, job


def test_only_the_api_touches_documents_and_only_under_properties_packs_and_the_logo(synthesized):
    for function in _functions(synthesized):
        s3 = [s for s in _statements(synthesized, function) if any(a.startswith("s3:") for a in s.actions)]
        if function != "APIHandler":
            assert s3 == [], function
            continue
        objects = [s for s in s3 if "s3:GetObject" in s.actions]
        assert [(set(s.actions), s.resources) for s in objects] == [
            ({"s3:GetObject", "s3:PutObject"}, (f"arn:aws:s3:::{_documents(synthesized)}/properties/*",
                                                f"arn:aws:s3:::{_documents(synthesized)}/{storage.PACKS_PREFIX}*",
                                                f"arn:aws:s3:::{_documents(synthesized)}/{storage.LOGO_PREFIX}*"))]


def _documents(synthesized):
    return next(n for n in synthesized.of_type("AWS::S3::Bucket") if n.startswith("Documents"))


def test_only_the_jobs_send_email_and_only_as_the_portals_identity_and_configuration_set(synthesized):
    base = "arn:aws:ses:us-east-1:123456789012"
    for function in _functions(synthesized):
        ses = [s for s in _statements(synthesized, function) if any(a.startswith("ses:") for a in s.actions)]
        if function == "APIHandler":  # the launch checklist reads whether the identity is verified, nothing more
            assert [(s.actions, set(s.resources)) for s in ses] == [(("ses:GetEmailIdentity",), {f"{base}:identity/example.com"})]
        else:
            assert [(s.actions, set(s.resources)) for s in ses] == [(("ses:SendRawEmail",), {
                f"{base}:identity/example.com", f"{base}:configuration-set/septic-portal-prod"})], function


def test_only_the_stream_trigger_reads_the_outbox_stream_and_each_writes_only_its_own_log(synthesized):
    for function in _functions(synthesized):
        statements = _statements(synthesized, function)
        streams = {r for s in statements for r in s.resources if "/stream/" in r}
        assert streams == ({f"{ARN}outbox/stream/*"} if function == "DeliverOnOutboxChange" else set()), function
        logs = [s for s in statements if any(a.startswith("logs:") for a in s.actions)]
        group = synthesized.resources[function]["Properties"]["LoggingConfig"]["LogGroup"]["Ref"]
        assert [s.resources for s in logs] == [(f"{group}.Arn",)], function


def test_each_function_is_created_after_its_roles_grants(synthesized):
    """Lambda checks the stream trigger's read rights when it creates the mapping."""
    for function in _functions(synthesized):
        role = function_role(synthesized.resources, function)
        policies = {name for name, r in synthesized.of_type("AWS::IAM::Policy").items() if {"Ref": role} in r["Properties"]["Roles"]}
        assert policies and policies <= set(synthesized.resources[function].get("DependsOn", [])), function
