"""What a deployment chooses (CDK context), read once and checked before anything is built."""
from __future__ import annotations

import re
from dataclasses import dataclass

from constructs import Node

HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class DeployConfig:
    stage: str
    domain_name: str  # the portal's public host name (CloudFront's alias)
    certificate_arn: str  # an ACM certificate for domain_name, in us-east-1 (CloudFront's rule)
    company_email: str  # booking requests go here; the alarms will too
    mail_from: str  # the verified SES sender
    admin_key_sha256: str | None  # SHA-256 of the bootstrap admin key (the key stays with the owner)
    waf: bool  # put CloudFront behind a WAF web ACL (off: no WAF cost)
    web_acl_arn: str | None  # that ACL (CLOUDFRONT scope, us-east-1) until the stack builds its own

    @property
    def site_url(self) -> str:
        return f"https://{self.domain_name}"

    @property
    def table_prefix(self) -> str:
        return f"portal-{self.stage}-"


def from_context(node: Node) -> DeployConfig:
    def value(name: str, default: str | None = None) -> str | None:
        raw = node.try_get_context(name)
        return default if raw in (None, "") else str(raw)

    missing = [name for name in ("domain_name", "certificate_arn", "company_email") if not value(name)]
    if missing:
        raise ValueError(
            "the stack needs the context value(s) " + ", ".join(missing)
            + " (for example: -c domain_name=portal.example.com; see infra/README.md)")
    domain = value("domain_name")
    admin_hash = value("admin_key_sha256")
    if admin_hash is not None and not HEX64.match(admin_hash.lower()):
        raise ValueError("admin_key_sha256 must be the SHA-256 of the admin key in hex (64 characters)")
    waf = str(value("waf", "false")).lower() in ("1", "true", "yes")
    web_acl_arn = value("web_acl_arn")
    if waf and not web_acl_arn:
        # The hook for the hardening item: the stack's own web ACL (rate rule on /api/auth/*,
        # the AWS common rule set) will fill web_acl_arn here. Until then, say so.
        raise ValueError("waf=true needs -c web_acl_arn=<a CLOUDFRONT-scope web ACL>: the stack does not build one yet")
    stage = value("stage", "prod")
    if stage == "local" or not re.fullmatch(r"[a-z][a-z0-9-]{0,15}", stage):
        raise ValueError("stage must be a short lower-case name other than 'local', e.g. prod")
    return DeployConfig(
        stage=stage,
        domain_name=domain,
        certificate_arn=value("certificate_arn"),
        company_email=value("company_email"),
        mail_from=value("mail_from", f"portal@{domain}"),
        admin_key_sha256=admin_hash.lower() if admin_hash else None,
        waf=waf,
        web_acl_arn=web_acl_arn if waf else None,
    )
