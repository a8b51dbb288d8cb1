"""The stack's outputs: what the deploy guide's commands read (infra/README.md)."""
from __future__ import annotations


def test_the_outputs_name_every_secret_the_topics_and_the_distribution(synthesized, synthesized_with_waf):
    outputs = synthesized.document["Outputs"]
    secrets = {name: output["Value"]["Ref"] for name, output in outputs.items() if name.endswith("SecretArn")}
    assert set(secrets.values()) == set(synthesized.of_type("AWS::SecretsManager::Secret"))
    assert set(secrets) == {"OriginSecretArn", "AdminKeySecretArn", "SessionKeysSecretArn", "StripeSecretArn"}
    assert outputs["AlarmsTopicArn"]["Value"]["Ref"].startswith("AlarmsTopic")
    assert outputs["SesEventsTopicArn"]["Value"]["Ref"].startswith("MailEvents")
    assert outputs["DistributionId"]["Value"]["Ref"].startswith("SiteDistribution")
    assert outputs["DistributionDomainName"]["Value"]["Fn::GetAtt"][1] == "DomainName"
    assert (outputs["MailDomain"]["Value"], outputs["SiteUrl"]["Value"]) == ("example.com", "https://portal.example.com")
    for name in ("SiteBucketName", "DocumentsBucketName", "SesConfigurationSet"):
        assert name in outputs
    assert "WebAclArn" not in outputs and "WebAclArn" in synthesized_with_waf.document["Outputs"]
