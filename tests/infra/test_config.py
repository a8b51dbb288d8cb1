"""A deployment's context values are checked before anything is built, in sentences that say what to pass."""
from __future__ import annotations

import pytest

EXAMPLE = {
    "domain_name": "portal.example.com",
    "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/x",
    "company_email": "office@example.com",
}


def _config(**context):
    import aws_cdk as cdk

    from infra.portal.config import from_context

    return from_context(cdk.App(context={k: v for k, v in context.items() if v is not None}).node)


def test_the_example_context_gives_the_portals_origin_prefix_and_sender():
    config = _config(**EXAMPLE)
    assert (config.site_url, config.table_prefix, config.mail_from) == (
        "https://portal.example.com", "portal-prod-", "portal@portal.example.com")
    assert (config.waf, config.web_acl_arn) == (False, None)


def test_a_missing_domain_or_certificate_is_named():
    with pytest.raises(ValueError, match="domain_name, certificate_arn"):
        _config(company_email="office@example.com")


def test_waf_on_needs_a_web_acl_until_the_stack_builds_its_own():
    with pytest.raises(ValueError, match="web_acl_arn"):
        _config(**EXAMPLE, waf="true")
    arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/portal/abc"
    assert _config(**EXAMPLE, waf="true", web_acl_arn=arn).web_acl_arn == arn


def test_a_bad_admin_key_hash_or_the_local_stage_is_refused():
    with pytest.raises(ValueError, match="SHA-256"):
        _config(**EXAMPLE, admin_key_sha256="not-a-hash")
    with pytest.raises(ValueError, match="stage"):
        _config(**EXAMPLE, stage="local")
