"""What a deployment chooses (CDK context), read once and checked before anything is built."""
from __future__ import annotations

import re
from dataclasses import dataclass

from constructs import Node

EMAIL = re.compile(r"^[^@\s]+@[a-z0-9-]+(\.[a-z0-9-]+)+$", re.IGNORECASE)


@dataclass(frozen=True)
class DeployConfig:
    stage: str
    domain_name: str  # the portal's public host name (CloudFront's alias)
    certificate_arn: str  # an ACM certificate for domain_name, in us-east-1 (CloudFront's rule)
    company_email: str  # booking requests go here; the alarms will too
    mail_from: str  # the verified SES sender
    waf: bool  # put CloudFront behind the stack's WAF web ACL (off: no WAF cost)
    origin_secret_version: str  # bumped after a new origin secret value, so CloudFront picks it up

    @property
    def site_url(self) -> str:
        return f"https://{self.domain_name}"

    @property
    def mail_domain(self) -> str:
        return self.mail_from.rsplit("@", 1)[1]

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
    if value("admin_key_sha256") or value("web_acl_arn"):
        raise ValueError("admin_key_sha256 and web_acl_arn are gone: the stack generates the admin key in Secrets "
                         "Manager and builds its own web ACL (waf=true); see infra/README.md")
    waf = str(value("waf", "false")).lower() in ("1", "true", "yes")
    mail_from = value("mail_from", f"portal@{domain}")
    if not EMAIL.match(mail_from):
        raise ValueError("mail_from must be an email address on the mail domain, e.g. portal@example.com")
    stage = value("stage", "prod")
    if stage == "local" or not re.fullmatch(r"[a-z][a-z0-9-]{0,15}", stage):
        raise ValueError("stage must be a short lower-case name other than 'local', e.g. prod")
    return DeployConfig(
        stage=stage,
        domain_name=domain,
        certificate_arn=value("certificate_arn"),
        company_email=value("company_email"),
        mail_from=mail_from,
        waf=waf,
        origin_secret_version=value("origin_secret_version", "1"),
    )
