"""SES: the mail domain with Easy DKIM, the configuration set every send names, bounces and
complaints to an SNS topic that calls the portal's endpoint over HTTPS."""
from __future__ import annotations


def _one(synthesized, kind):
    (name, resource), = synthesized.of_type(kind).items()
    return name, resource["Properties"]


def test_the_mail_domain_is_an_identity_with_easy_dkim_and_the_configuration_set(synthesized):
    _, identity = _one(synthesized, "AWS::SES::EmailIdentity")
    config_set, _ = _one(synthesized, "AWS::SES::ConfigurationSet")
    assert identity["EmailIdentity"] == "example.com"  # the domain of mail_from in the example
    assert identity["DkimAttributes"] == {"SigningEnabled": True}
    assert identity["DkimSigningAttributes"] == {"NextSigningKeyLength": "RSA_2048_BIT"}
    assert identity["ConfigurationSetAttributes"] == {"ConfigurationSetName": {"Ref": config_set}}


def test_bounces_and_complaints_reach_the_portals_ses_endpoint_through_sns(synthesized):
    config_set, _ = _one(synthesized, "AWS::SES::ConfigurationSet")
    _, destination = _one(synthesized, "AWS::SES::ConfigurationSetEventDestination")
    event = destination["EventDestination"]
    assert destination["ConfigurationSetName"] == {"Ref": config_set}
    assert event["Enabled"] and sorted(event["MatchingEventTypes"]) == ["bounce", "complaint"]
    topic = event["SnsDestination"]["TopicARN"]
    subscriptions = [s["Properties"] for s in synthesized.of_type("AWS::SNS::Subscription").values()
                     if s["Properties"]["TopicArn"] == topic]
    assert subscriptions == [{"Protocol": "https", "TopicArn": topic,
                              "Endpoint": "https://portal.example.com/api/webhooks/ses"}]
    policies = [p["Properties"]["PolicyDocument"]["Statement"] for p in synthesized.of_type("AWS::SNS::TopicPolicy").values()
                if p["Properties"]["Topics"] == [topic]]
    assert any(s.get("Principal") == {"Service": "ses.amazonaws.com"} and s["Action"] == "sns:Publish"
               for statements in policies for s in statements)


def test_every_function_names_the_configuration_set_and_trusts_only_that_topic(synthesized):
    config_set, _ = _one(synthesized, "AWS::SES::ConfigurationSet")
    _, destination = _one(synthesized, "AWS::SES::ConfigurationSetEventDestination")
    topic = destination["EventDestination"]["SnsDestination"]["TopicARN"]
    for function in synthesized.of_type("AWS::Serverless::Function").values():
        variables = function["Properties"]["Environment"]["Variables"]
        assert variables["PORTAL_SES_CONFIGURATION_SET"] == {"Ref": config_set}
        assert variables["PORTAL_SES_EVENTS_TOPIC_ARN"] == topic
        assert variables["PORTAL_MAIL_FROM"] == "service@example.com"


def test_a_send_names_the_configuration_set_the_settings_give(monkeypatch):
    """chalicelib/notify/providers.py passes it to SES (moto records the call's parameters)."""
    from moto import mock_aws

    from chalicelib import aws
    from chalicelib.notify import providers
    from tests.conftest import reset_caches

    monkeypatch.setenv("PORTAL_SES_CONFIGURATION_SET", "septic-portal-prod")
    reset_caches()
    seen = []
    with mock_aws():
        ses = aws.client("ses")
        ses.verify_domain_identity(Domain="test.example")
        ses.create_configuration_set(ConfigurationSet={"Name": "septic-portal-prod"})
        ses.meta.events.register("provide-client-params.ses.SendRawEmail", lambda params, **_: seen.append(params))
        providers.send_email(b"From: portal@test.example\r\nTo: a@example.com\r\nSubject: x\r\n\r\nhello")
    assert seen[0]["ConfigurationSetName"] == "septic-portal-prod"
