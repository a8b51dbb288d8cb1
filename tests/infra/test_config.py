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
    assert config.waf is False and config.mail_domain == "portal.example.com"


def test_a_missing_domain_or_certificate_is_named():
    with pytest.raises(ValueError, match="domain_name, certificate_arn"):
        _config(company_email="office@example.com")


def test_waf_is_a_switch_and_the_old_context_values_are_refused_with_what_replaced_them():
    assert _config(**EXAMPLE, waf="true").waf is True
    for old in ({"admin_key_sha256": "0" * 64}, {"web_acl_arn": "arn:aws:wafv2:us-east-1:1:global/webacl/x/y"}):
        with pytest.raises(ValueError, match="generates the admin key in Secrets Manager"):
            _config(**EXAMPLE, **old)


def test_a_bad_sender_or_the_local_stage_is_refused():
    with pytest.raises(ValueError, match="mail_from"):
        _config(**EXAMPLE, mail_from="portal")
    with pytest.raises(ValueError, match="stage"):
        _config(**EXAMPLE, stage="local")
