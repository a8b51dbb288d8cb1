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
from infra.portal.access import FunctionAccess, Resources
from infra.portal.config import DeployConfig
from infra.portal.gateway_responses import add_gateway_responses
from infra.portal.mail import Mail
from infra.portal.tables import Tables

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
API_GATEWAY_STAGE = "api"  # chalice's default api_gateway_stage: the API lives under /api on its host
STREAM_FUNCTION = "DeliverOnOutboxChange"  # app.py's deliver_on_outbox_change
APP_NAME = "septic-portal"  # .chalice/config.json's app_name: the REST API's name (ApiName in its metrics)
# Chalice needs a role ARN when it manages none; every function's Role is replaced by its own.
ROLE_PLACEHOLDER = "arn:aws:iam::000000000000:role/replaced-by-infra"


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
                 documents: s3.IBucket, secrets: dict[str, secretsmanager.ISecret], mail: Mail) -> None:
        super().__init__(scope, construct_id)
        package_dir = self.node.try_get_context("chalice_package_dir")
        self.chalice = _ChaliceApp(
            self, "Chalice", stage=config.stage, package_dir=package_dir,
            # Chalice's one DefaultRole is not made: each function gets its own (access.py).
            stage_config={"api_gateway_stage": API_GATEWAY_STAGE, "manage_iam_role": False,
                          "iam_role_arn": ROLE_PLACEHOLDER})
        self.functions = self.chalice.function_names()
        self.environment = {
            "PORTAL_STAGE": config.stage,
            "PORTAL_TABLE_PREFIX": tables.prefix,
            "PORTAL_DOCUMENTS_BUCKET": documents.bucket_name,
            "PORTAL_SITE_URL": config.site_url,
            "PORTAL_MAIL_FROM": config.mail_from,
            "PORTAL_SES_CONFIGURATION_SET": mail.configuration_set.configuration_set_name,
            "PORTAL_SES_EVENTS_TOPIC_ARN": mail.events.topic_arn,
            "PORTAL_DISPATCHER_EMAIL": config.company_email,
            # Secrets by ARN only: the functions read their values at run time (chalicelib/secrets.py,
            # auth/keys.py, billing/stripe_api.py), so no value is in the template or the code.
            "PORTAL_SESSION_KEYS_SECRET_ID": secrets["session_keys"].secret_arn,
            "PORTAL_STRIPE_SECRET_ID": secrets["stripe"].secret_arn,
            "PORTAL_ADMIN_KEY_SECRET_ID": secrets["admin_key"].secret_arn,
            "PORTAL_TRUST_CLOUDFRONT": "true",
            "PORTAL_CLOUDFRONT_ORIGIN_SECRET_ID": secrets["origin_secret"].secret_arn,
        }
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

        self.access = FunctionAccess(self, "Access", functions=self.functions, resources=Resources(
            tables=tables.arns_with_indexes(), outbox=outbox, documents=documents, secrets=secrets,
            send_email=mail.send_resources(), sender_identity=mail.identity_arn()))
        for function in self.functions:
            resource = self.chalice.get_resource(function)
            role = self.access.roles[function]
            resource.add_property_override("Role", role.role_arn)
            # After its grants exist: Lambda checks the stream trigger's read rights when the
            # mapping is created (a role alone, without its policy, would fail that deploy).
            for policy in role.node.find_all():
                if isinstance(policy, iam.CfnPolicy):
                    resource.add_dependency(policy)
            resource.add_property_override("LoggingConfig", {
                "LogGroup": self.access.log_groups[function].log_group_name, "LogFormat": "Text"})

        rest_api = self.chalice.get_resource("RestAPI")
        self.rest_api_name = APP_NAME
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
