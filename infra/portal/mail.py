"""SES: the mail domain's identity with Easy DKIM, the configuration set every send names, and
its bounce and complaint events to an SNS topic that calls the portal (``/api/webhooks/ses``)."""
from __future__ import annotations

from aws_cdk import Aws
from aws_cdk import aws_iam as iam
from aws_cdk import aws_ses as ses
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from infra.portal.config import DeployConfig

SES_EVENTS_PATH = "/api/webhooks/ses"


class Mail(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, config: DeployConfig) -> None:
        super().__init__(scope, construct_id)
        self.configuration_set = ses.ConfigurationSet(
            self, "ConfigurationSet", configuration_set_name=f"septic-portal-{config.stage}",
            reputation_metrics=True, sending_enabled=True)
        # Easy DKIM (2048-bit keys SES rotates itself): three CNAME records the owner adds to DNS.
        self.identity = ses.EmailIdentity(
            self, "Domain", identity=ses.Identity.domain(config.mail_domain),
            configuration_set=self.configuration_set, dkim_signing=True,
            dkim_identity=ses.DkimIdentity.easy_dkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT))
        self.events = sns.Topic(
            self, "Events", display_name="Septic portal SES bounces and complaints", enforce_ssl=True)
        self.events.add_to_resource_policy(iam.PolicyStatement(
            actions=["sns:Publish"], principals=[iam.ServicePrincipal("ses.amazonaws.com")],
            resources=[self.events.topic_arn],
            conditions={"StringEquals": {"aws:SourceAccount": Aws.ACCOUNT_ID}}))
        self.configuration_set.add_event_destination(
            "BouncesAndComplaints", destination=ses.EventDestination.sns_topic(self.events),
            events=[ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT])
        # The portal confirms the subscription itself when SNS first calls it (SubscriptionConfirmation).
        self.events.add_subscription(subscriptions.UrlSubscription(
            f"{config.site_url}{SES_EVENTS_PATH}", protocol=sns.SubscriptionProtocol.HTTPS))

    def identity_arn(self) -> str:
        return f"arn:{Aws.PARTITION}:ses:{Aws.REGION}:{Aws.ACCOUNT_ID}:identity/{self.identity.email_identity_name}"

    def send_resources(self) -> list[str]:
        """What ``ses:SendRawEmail`` is checked against: the domain's identity and the configuration set."""
        base = f"arn:{Aws.PARTITION}:ses:{Aws.REGION}:{Aws.ACCOUNT_ID}"
        return [self.identity_arn(), f"{base}:configuration-set/{self.configuration_set.configuration_set_name}"]
