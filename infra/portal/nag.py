"""cdk-nag's AwsSolutions findings the stack accepts, each with its reason (the synth fails on any other).

Acknowledged on the construct concerned, never on the whole stack, so a new resource of the same
kind is checked afresh.
"""
from __future__ import annotations

from aws_cdk import Acknowledgment, Stack, Validations
from constructs import IConstruct

from chalicelib.storage import documents as storage


def _accept(construct: IConstruct, rule: str, reason: str) -> None:
    Validations.of(construct).acknowledge(Acknowledgment(id=f"AwsSolutions::{rule}", reason=reason))


def suppress_with_reasons(stack: Stack) -> None:  # the PortalStack (not imported: it imports this module)
    for bucket in (stack.documents.bucket, stack.site.bucket):
        _accept(bucket, "AwsSolutions-S1",
                "No S3 server access logs: reads of documents go through presigned links the API hands "
                "out after checking who asks, and it logs each of those requests (route, status, request "
                "id); S3 access logs would need a third bucket for no question the API's log cannot answer.")
    _accept(stack.site.distribution, "AwsSolutions-CFR3",
            "No CloudFront standard logs: every /api request is logged by the API itself (JSON, masked); "
            "the static pages are public files. A logging bucket with ACLs enabled is a cost and a "
            "place customers' addresses would collect, for no question the API's log cannot answer.")
    _accept(stack.site.distribution, "AwsSolutions-CFR1",
            "No geo restriction: the company's customers may be anywhere (travelling, living abroad).")
    _accept(stack.site.distribution, "AwsSolutions-CFR2",
            "WAF is the `waf` context switch (infra/README.md): on, the stack's own web ACL is attached; "
            "off saves its fixed monthly cost, and the API keeps its own per-address and per-contact limits.")
    rotation = {
        "origin_secret": "Rotated by the owner (infra/README.md, 'Rotating'): a Lambda rotation cannot also "
                         "update CloudFront's origin header; the API accepts the current and previous value meanwhile.",
        "admin_key": "The bootstrap admin key is for the first setup and emergencies; the owner rotates it with "
                     "put-secret-value (infra/README.md). Integrations get their own revocable keys.",
        "session_keys": "Rotated by the owner with overlap (a new signing key, the old one kept for the session "
                        "lifetime, infra/README.md): an automatic rotation would sign every customer out.",
        "stripe": "Stripe's keys are rolled in Stripe's dashboard, then put here (infra/README.md): Secrets "
                  "Manager cannot create them.",
    }
    for name, reason in rotation.items():
        _accept(stack.secrets[name], "AwsSolutions-SMG4", reason)
    for name, role in stack.api.access.roles.items():
        if name == "APIHandler":
            _accept(role, "AwsSolutions-IAM5[Resource::<DocumentsBucket089EA665.Arn>/properties/*]",
                    "Documents are objects under properties/<property>/<document>/: the API presigns uploads "
                    "and downloads of any of them (only after checking the caller may see that property).")
            _accept(role, f"AwsSolutions-IAM5[Resource::<DocumentsBucket089EA665.Arn>/{storage.LOGO_PREFIX}*]",
                    "The company's logo is an object under branding/ with a random name, written when the owner "
                    "uploads one and handed to every page as a 5-minute presigned link.")
            _accept(role, f"AwsSolutions-IAM5[Resource::<DocumentsBucket089EA665.Arn>/{storage.PACKS_PREFIX}*]",
                    "Records packs are objects the API writes on request under one prefix, each under a "
                    "random name, and hands out as 5-minute presigned links; the bucket expires them in a day.")
        else:
            _accept(role, "AwsSolutions-IAM5[Resource::*]",
                    "sns:Publish straight to a phone number (texts) and its opt-out check have no resource "
                    "ARN to name; only the functions that deliver the outbox have them. The stream trigger's "
                    "dynamodb:ListStreams is likewise only grantable on '*' (its reads name the outbox's stream).")
    for topic in (stack.alarms.topic, stack.mail.events):
        _accept(topic, "AwsSolutions-SNS2",
                "Not encrypted with KMS: the alarms and SES's bounce notices carry no customer content beyond "
                "an address, and an encrypted topic needs a customer-managed key ($1 a month) with CloudWatch "
                "and SES in its policy. TLS is enforced (SNS3).")
