"""The portal's stack: tables, documents, secrets, mail, the API, the site, WAF and alarms."""
from __future__ import annotations

from aws_cdk import CfnOutput, RemovalPolicy, Stack
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra.portal.alarms import Alarms
from infra.portal.api import API_GATEWAY_STAGE, APP_NAME, Api
from infra.portal.config import DeployConfig
from infra.portal.documents import Documents
from infra.portal.mail import Mail
from infra.portal.nag import suppress_with_reasons
from infra.portal.site import Site
from infra.portal.tables import Tables
from infra.portal.waf import WebAcl

API_FUNCTION = "APIHandler"


def _generated(password_length: int) -> secretsmanager.SecretStringGenerator:
    return secretsmanager.SecretStringGenerator(password_length=password_length, exclude_punctuation=True)


class PortalStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, config: DeployConfig, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.config = config
        self.tables = Tables(self, "Tables", prefix=config.table_prefix)
        self.documents = Documents(self, "Documents", site_url=config.site_url)
        self.mail = Mail(self, "Mail", config=config)

        # Secrets, read by the functions at run time by ARN. The origin header's value and the
        # bootstrap admin key are generated here; the session keys and Stripe's keys are set by
        # the owner after the first deploy (infra/README.md).
        self.secrets = {
            "origin_secret": secretsmanager.Secret(
                self, "OriginSecret", description="Value of the X-Portal-Origin-Secret header CloudFront adds",
                generate_secret_string=_generated(48), removal_policy=RemovalPolicy.RETAIN),
            "admin_key": secretsmanager.Secret(
                self, "AdminKey", description="The bootstrap admin API key (Authorization: Bearer <it>)",
                generate_secret_string=_generated(48), removal_policy=RemovalPolicy.RETAIN),
            "session_keys": secretsmanager.Secret(
                self, "SessionKeys", description='Session signing keys: {"keys": {kid: secret}, "signing_kid": kid}',
                removal_policy=RemovalPolicy.RETAIN),
            "stripe": secretsmanager.Secret(
                self, "Stripe", description='Stripe: {"secret_key", "webhook_secret", "publishable_key"}',
                removal_policy=RemovalPolicy.RETAIN),
        }

        self.api = Api(self, "Api", config=config, tables=self.tables, documents=self.documents.bucket,
                       secrets=self.secrets, mail=self.mail)
        self.web_acl = WebAcl(self, "Waf", name=f"septic-portal-{config.stage}") if config.waf else None
        self.site = Site(self, "Site", config=config, api_domain_name=self.api.domain_name,
                         api_origin_path=self.api.origin_path, origin_secret=self.secrets["origin_secret"],
                         web_acl_arn=self.web_acl.arn if self.web_acl else None)
        functions = {name: self.api.chalice.get_resource(name).ref for name in self.api.functions}
        self.alarms = Alarms(
            self, "Alarms", company_email=config.company_email, api_name=APP_NAME, api_stage=API_GATEWAY_STAGE,
            functions=functions, log_groups=self.api.access.log_groups, api_function=API_FUNCTION,
            outbox_functions=[name for name in self.api.functions if name != API_FUNCTION],
            tables={model.__name__: table for model, table in self.tables.by_model.items()})
        self._outputs()
        suppress_with_reasons(self)

    def _outputs(self) -> None:
        CfnOutput(self, "SiteUrl", value=self.config.site_url)
        CfnOutput(self, "DistributionDomainName", value=self.site.distribution.distribution_domain_name,
                  description="Point the domain's DNS (CNAME or alias) here")
        CfnOutput(self, "DistributionId", value=self.site.distribution.distribution_id)
        CfnOutput(self, "SiteBucketName", value=self.site.bucket.bucket_name, description="Publish static_site/ here")
        CfnOutput(self, "DocumentsBucketName", value=self.documents.bucket.bucket_name)
        descriptions = {
            "origin_secret": ("OriginSecretArn", "CloudFront's origin header value (generated)"),
            "admin_key": ("AdminKeySecretArn", "The bootstrap admin API key (generated): get-secret-value reads it"),
            "session_keys": ("SessionKeysSecretArn", "Set after the first deploy: the session signing keys"),
            "stripe": ("StripeSecretArn", "Set after the first deploy: Stripe's keys and webhook secret"),
        }
        for key, (name, description) in descriptions.items():
            CfnOutput(self, name, value=self.secrets[key].secret_arn, description=description)
        CfnOutput(self, "AlarmsTopicArn", value=self.alarms.topic.topic_arn,
                  description="Alarms go here; the company email confirms its subscription once")
        CfnOutput(self, "SesEventsTopicArn", value=self.mail.events.topic_arn,
                  description="SES bounces and complaints, delivered to /api/webhooks/ses")
        CfnOutput(self, "MailDomain", value=self.config.mail_domain,
                  description="The SES identity: add its three DKIM CNAME records to DNS")
        CfnOutput(self, "SesConfigurationSet", value=self.mail.configuration_set.configuration_set_name)
        if self.web_acl:
            CfnOutput(self, "WebAclArn", value=self.web_acl.arn)
