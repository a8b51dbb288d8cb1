"""Least privilege: one IAM role per function, granted only what that function's code uses.

``NEEDS`` says, per function of app.py, which of the portal's resources it uses; a function
missing from it stops the synth. Every function may use every table: the API serves every
resource, and each job ends by delivering the outbox, which runs the tasks requests queued
(sign-in links, address look-ups, visit notices), and those read and write across the portal's
tables. The tables come from ``Tables`` (the PynamoDB models), so a new model's table is granted
without a list kept here. What differs is everything else (tests/infra/test_access.py records
each job's AWS calls against moto and checks them against these roles):

- the documents bucket: the API only (presigned uploads and downloads under ``properties/``, the
  records packs, the logo under ``branding/``);
- secrets: the API reads all four; the jobs only the session keys (signed links in messages),
  and the autopay job Stripe's;
- sending email (SES, the portal's identity and configuration set) and texts (SNS): the jobs
  only, which deliver the outbox; the API only queues messages, and reads the identity's
  verification for the launch checklist (``ses:GetEmailIdentity`` on that identity only);
- the outbox table's stream: its trigger only.
"""
from __future__ import annotations

from dataclasses import dataclass

from aws_cdk import RemovalPolicy
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from chalicelib.storage import documents as storage

DOCUMENTS_PREFIX = "properties/"  # chalicelib/admin/documents.py: properties/<id>/<document>/<file>
PACKS_PREFIX = storage.PACKS_PREFIX  # records packs the API writes and presigns (documents.py expires them)
LOGO_PREFIX = storage.LOGO_PREFIX  # the company's logo, uploaded by the owner and presigned for every page
LOG_RETENTION = logs.RetentionDays.ONE_YEAR
# What PynamoDB calls for the portal's reads, writes and transactions (a transaction is authorized
# item by item as these): no Scan and no batch writes anywhere in chalicelib.
TABLE_ACTIONS = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem",
                 "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"]


@dataclass(frozen=True)
class Needs:
    secrets: tuple[str, ...]
    documents: bool = False
    sends: bool = False
    checks_sender: bool = False
    outbox_stream: bool = False


_JOB_SECRETS = ("session_keys",)
NEEDS = {
    "APIHandler": Needs(secrets=("session_keys", "stripe", "origin_secret", "admin_key"), documents=True, checks_sender=True),
    "DeliverNotifications": Needs(secrets=_JOB_SECRETS, sends=True),
    "DeliverOnOutboxChange": Needs(secrets=_JOB_SECRETS, sends=True, outbox_stream=True),
    "ChargeAutopay": Needs(secrets=(*_JOB_SECRETS, "stripe"), sends=True),
    "SendReminders": Needs(secrets=_JOB_SECRETS, sends=True),
}


@dataclass(frozen=True)
class Resources:
    tables: list[str]  # every table's ARN and its indexes' (Tables.arns_with_indexes)
    outbox: dynamodb.Table
    documents: s3.IBucket
    secrets: dict[str, secretsmanager.ISecret]
    send_email: list[str]  # ARNs of the SES identity and configuration set
    sender_identity: str  # ARN of the SES identity


class FunctionAccess(Construct):
    """``self.roles[name]`` and ``self.log_groups[name]`` for every function."""

    def __init__(self, scope: Construct, construct_id: str, *, functions: list[str], resources: Resources) -> None:
        super().__init__(scope, construct_id)
        unknown = sorted(set(functions) - set(NEEDS))
        if unknown:
            raise ValueError(f"infra/portal/access.py: say what {', '.join(unknown)} may use (NEEDS)")
        self.roles: dict[str, iam.Role] = {}
        self.log_groups: dict[str, logs.LogGroup] = {}
        for name in functions:
            self.log_groups[name] = logs.LogGroup(
                self, f"{name}Logs", retention=LOG_RETENTION, removal_policy=RemovalPolicy.RETAIN)
            self.roles[name] = self._role(name, NEEDS[name], resources, self.log_groups[name])

    def _role(self, name: str, needs: Needs, resources: Resources, log_group: logs.LogGroup) -> iam.Role:
        role = iam.Role(self, f"{name}Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
                        description=f"The septic portal's {name} function")
        # Its own log group only (the function's LoggingConfig names it), not logs:* anywhere.
        role.add_to_policy(iam.PolicyStatement(
            actions=["logs:CreateLogStream", "logs:PutLogEvents"], resources=[f"{log_group.log_group_arn}"]))
        role.add_to_policy(iam.PolicyStatement(actions=TABLE_ACTIONS, resources=resources.tables))
        if needs.outbox_stream:
            resources.outbox.grant_stream_read(role)
        if needs.documents:
            bucket = resources.documents
            role.add_to_policy(iam.PolicyStatement(
                actions=["s3:GetObject", "s3:PutObject"],
                resources=[bucket.arn_for_objects(f"{DOCUMENTS_PREFIX}*"), bucket.arn_for_objects(f"{PACKS_PREFIX}*"),
                           bucket.arn_for_objects(f"{LOGO_PREFIX}*")]))
            # Without ListBucket, S3 answers a missing object's HEAD with 403, not the 404 the
            # upload check (chalicelib/storage/documents.py) reads as "not uploaded yet".
            role.add_to_policy(iam.PolicyStatement(
                actions=["s3:ListBucket"], resources=[bucket.bucket_arn],
                conditions={"StringLike": {"s3:prefix": [f"{DOCUMENTS_PREFIX}*", f"{LOGO_PREFIX}*"]}}))
        for secret in needs.secrets:
            resources.secrets[secret].grant_read(role)
        if needs.checks_sender:
            role.add_to_policy(iam.PolicyStatement(actions=["ses:GetEmailIdentity"], resources=[resources.sender_identity]))
        if needs.sends:
            role.add_to_policy(iam.PolicyStatement(
                actions=["ses:SendRawEmail"], resources=resources.send_email))
            # Texts go straight to phone numbers, which have no ARN: sns:Publish to a number, and
            # the opt-out check made before a text (notify/outbox.py), can only be granted on "*".
            # Only the functions that deliver the outbox have them.
            role.add_to_policy(iam.PolicyStatement(
                actions=["sns:Publish", "sns:CheckIfPhoneNumberIsOptedOut"], resources=["*"]))
        return role
