"""The Chalice app (API Gateway + every function) through ``chalice.cdk.Chalice``, and its settings.

The package is built by ``chalice package`` (offline once its dependencies are cached), or taken
ready-made from the ``chalice_package_dir`` context value: a directory holding ``sam.json`` and
``deployment.zip`` as ``chalice package --stage <stage> DIR`` writes them (``make package``).
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from aws_cdk import Aws
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_secretsmanager as secretsmanager
from chalice.cdk import Chalice
from constructs import Construct

from chalicelib.db.models import OutboxMessage
from infra.portal.config import DeployConfig
from infra.portal.gateway_responses import add_gateway_responses
from infra.portal.tables import Tables

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
API_GATEWAY_STAGE = "api"  # chalice's default api_gateway_stage: the API lives under /api on its host
STREAM_FUNCTION = "DeliverOnOutboxChange"  # app.py's deliver_on_outbox_change


class _ChaliceApp(Chalice):
    """``Chalice`` with a fixed stage name and an optional ready-made package."""

    def __init__(self, scope: Construct, construct_id: str, *, stage: str, package_dir: str | None,
                 **kwargs: Any) -> None:
        self._portal_stage = stage
        self._ready_package = package_dir
        super().__init__(scope, construct_id, source_dir=REPO, **kwargs)

    def _package_app(self) -> None:
        if self._ready_package:
            shutil.copytree(self._ready_package, self._sam_package_dir)
            return
        # The one way the package is built (make package): arm64, the listed dependencies only,
        # without the boto3/botocore the Lambda runtime provides (SPEC §8: at most 10 MB).
        from scripts.package import build

        build(Path(self._sam_package_dir), self._portal_stage, chalice_config=self.stage_config)

    def remove_working_files(self) -> None:
        """chalice.out/ (in the working directory) keeps a copy of every package; cdk.out has its own."""
        shutil.rmtree(self._sam_package_dir, ignore_errors=True)
        out = os.path.dirname(self._sam_package_dir)
        package_id = os.path.basename(self._sam_package_dir)
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(out, f"{package_id}.sam_with_assets.json"))
        with contextlib.suppress(OSError):
            os.rmdir(out)  # only when no other synth left files there

    def function_names(self) -> list[str]:
        with open(os.path.join(self._sam_package_dir, "sam.json")) as f:
            template = json.load(f)
        return sorted(name for name, resource in template["Resources"].items()
                      if resource["Type"] == "AWS::Serverless::Function")


class Api(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, config: DeployConfig, tables: Tables,
                 documents: s3.IBucket, origin_secret: secretsmanager.ISecret,
                 session_keys: secretsmanager.ISecret, stripe: secretsmanager.ISecret) -> None:
        super().__init__(scope, construct_id)
        package_dir = self.node.try_get_context("chalice_package_dir")
        self.chalice = _ChaliceApp(
            self, "Chalice", stage=config.stage, package_dir=package_dir,
            stage_config={"api_gateway_stage": API_GATEWAY_STAGE, "autogen_policy": True})
        self.functions = self.chalice.function_names()
        self.environment = {
            "PORTAL_STAGE": config.stage,
            "PORTAL_TABLE_PREFIX": tables.prefix,
            "PORTAL_DOCUMENTS_BUCKET": documents.bucket_name,
            "PORTAL_SITE_URL": config.site_url,
            "PORTAL_MAIL_FROM": config.mail_from,
            "PORTAL_DISPATCHER_EMAIL": config.company_email,
            "PORTAL_SESSION_KEYS_SECRET_ID": session_keys.secret_arn,
            "PORTAL_STRIPE_SECRET_ID": stripe.secret_arn,
            "PORTAL_TRUST_CLOUDFRONT": "true",
            # A dynamic reference: CloudFormation fills it in from Secrets Manager at deploy time,
            # the value is in neither the template nor the code (the same one CloudFront sends).
            "PORTAL_CLOUDFRONT_ORIGIN_SECRET": origin_secret.secret_value.unsafe_unwrap(),
        }
        if config.admin_key_sha256:
            self.environment["PORTAL_ADMIN_KEY_SHA256"] = config.admin_key_sha256
        for function in self.functions:
            for name, value in self.environment.items():
                self.chalice.add_environment_variable(name, value, function)

        # The outbox worker on the outbox table's stream (app.py names a placeholder ARN).
        outbox = tables.by_model[OutboxMessage]
        stream_fn = self.chalice.get_resource(STREAM_FUNCTION)
        event = _dynamodb_event_name(self.chalice, STREAM_FUNCTION)
        stream_fn.add_property_override(f"Events.{event}.Properties.Stream", outbox.table_stream_arn)
        # A batch that keeps failing is given up after a few tries: the schedule sweeps it up.
        stream_fn.add_property_override(f"Events.{event}.Properties.MaximumRetryAttempts", 3)

        # What the functions use. Broad for now: least privilege per function is a later item
        # (one role, DefaultRole, as chalice packages it).
        role = self.chalice.get_role("DefaultRole")
        for table in tables.all:
            table.grant_read_write_data(role)
        outbox.grant_stream_read(role)
        documents.grant_read_write(role)
        for secret in (session_keys, stripe):
            secret.grant_read(role)
        role.add_to_principal_policy(iam.PolicyStatement(
            actions=["ses:SendEmail", "ses:SendRawEmail"],
            resources=[f"arn:{Aws.PARTITION}:ses:{Aws.REGION}:{Aws.ACCOUNT_ID}:identity/*",
                       f"arn:{Aws.PARTITION}:ses:{Aws.REGION}:{Aws.ACCOUNT_ID}:configuration-set/*"]))

        # Texts go straight to phone numbers, which have no ARN: SNS takes no narrower resource.
        role.add_to_principal_policy(iam.PolicyStatement(actions=["sns:Publish"], resources=["*"]))

        rest_api = self.chalice.get_resource("RestAPI")
        add_gateway_responses(self, rest_api)
        #: API Gateway's host name (CloudFront's origin for /api/*).
        self.domain_name = f"{rest_api.ref}.execute-api.{Aws.REGION}.{Aws.URL_SUFFIX}"
        self.origin_path = f"/{API_GATEWAY_STAGE}"


def _dynamodb_event_name(chalice: _ChaliceApp, function: str) -> str:
    with open(os.path.join(chalice._sam_package_dir, "sam.json")) as f:  # noqa: SLF001
        events = json.load(f)["Resources"][function]["Properties"].get("Events", {})
    names = [name for name, event in events.items() if event["Type"] == "DynamoDB"]
    if len(names) != 1:
        raise ValueError(f"{function} should have one DynamoDB stream event, found {names}")
    return names[0]
