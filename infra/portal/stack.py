"""The portal's stack: tables, documents, secrets, the API and the site, one construct each."""
from __future__ import annotations

from aws_cdk import CfnOutput, RemovalPolicy, Stack
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra.portal.api import Api
from infra.portal.config import DeployConfig
from infra.portal.documents import Documents
from infra.portal.site import Site
from infra.portal.tables import Tables


class PortalStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, config: DeployConfig, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.config = config
        self.tables = Tables(self, "Tables", prefix=config.table_prefix)
        self.documents = Documents(self, "Documents", site_url=config.site_url)

        # Secrets: the origin header's value is generated here; the session keys and Stripe's
        # keys are set by the owner after the first deploy (infra/README.md).
        self.origin_secret = secretsmanager.Secret(
            self, "OriginSecret", description="Value of the X-Portal-Origin-Secret header CloudFront adds",
            generate_secret_string=secretsmanager.SecretStringGenerator(
                password_length=48, exclude_punctuation=True),
            removal_policy=RemovalPolicy.RETAIN)
        self.session_keys = secretsmanager.Secret(
            self, "SessionKeys", description='Session signing keys: {"keys": {kid: secret}, "signing_kid": kid}',
            removal_policy=RemovalPolicy.RETAIN)
        self.stripe = secretsmanager.Secret(
            self, "Stripe", description='Stripe: {"secret_key", "webhook_secret", "publishable_key"}',
            removal_policy=RemovalPolicy.RETAIN)

        self.api = Api(self, "Api", config=config, tables=self.tables, documents=self.documents.bucket,
                       origin_secret=self.origin_secret, session_keys=self.session_keys, stripe=self.stripe)
        # The WAF hook: with -c waf=true, config.web_acl_arn (later: the stack's own ACL).
        self.site = Site(self, "Site", config=config, api_domain_name=self.api.domain_name,
                         api_origin_path=self.api.origin_path, origin_secret=self.origin_secret,
                         web_acl_arn=config.web_acl_arn)

        CfnOutput(self, "SiteUrl", value=config.site_url)
        CfnOutput(self, "DistributionDomainName", value=self.site.distribution.distribution_domain_name,
                  description="Point the domain's DNS (CNAME or alias) here")
        CfnOutput(self, "SiteBucketName", value=self.site.bucket.bucket_name,
                  description="Publish static_site/ here")
        CfnOutput(self, "DistributionId", value=self.site.distribution.distribution_id)
        CfnOutput(self, "DocumentsBucketName", value=self.documents.bucket.bucket_name)
