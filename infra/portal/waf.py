"""The WAF web ACL in front of CloudFront (``-c waf=true``): a rate limit on sign-in, AWS's common rules.

A CLOUDFRONT-scope web ACL can only be created in us-east-1, so with WAF on the whole stack is
deployed there (infra/README.md): the template carries a rule that refuses any other region,
instead of a second stack and cross-region references for one resource.
"""
from __future__ import annotations

from aws_cdk import Aws, CfnRule, CfnRuleAssertion, Fn
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

# Requests to /api/auth/* from one address in any 5 minutes before WAF blocks it for a while.
# Well above a person signing in (a few requests) or an office behind one address; the portal's
# own per-address and per-contact limits stay the finer check behind it.
AUTH_RATE_LIMIT = 100
AUTH_PREFIX = "/api/auth/"
COMMON_RULE_SET = "AWSManagedRulesCommonRuleSet"
# Counted, not blocked: the common set blocks any body over 8 KB, and Stripe's webhook events are
# often larger. The API refuses bodies over its own limit (PORTAL_MAX_BODY_BYTES) with a clear 413.
COUNTED_ONLY = ("SizeRestrictions_BODY",)


def _visibility(name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
    return wafv2.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True, metric_name=name, sampled_requests_enabled=True)


class WebAcl(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, name: str) -> None:
        super().__init__(scope, construct_id)
        sign_in_rate = wafv2.CfnWebACL.RuleProperty(
            name="SignInRateLimit", priority=0,
            action=wafv2.CfnWebACL.RuleActionProperty(block={}),
            visibility_config=_visibility("SignInRateLimit"),
            statement=wafv2.CfnWebACL.StatementProperty(
                rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
                    limit=AUTH_RATE_LIMIT, aggregate_key_type="IP", evaluation_window_sec=300,
                    scope_down_statement=wafv2.CfnWebACL.StatementProperty(
                        byte_match_statement=wafv2.CfnWebACL.ByteMatchStatementProperty(
                            field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(uri_path={}),
                            positional_constraint="STARTS_WITH", search_string=AUTH_PREFIX,
                            text_transformations=[wafv2.CfnWebACL.TextTransformationProperty(
                                priority=0, type="NONE")])))))
        common = wafv2.CfnWebACL.RuleProperty(
            name=COMMON_RULE_SET, priority=1,
            override_action=wafv2.CfnWebACL.OverrideActionProperty(none={}),
            visibility_config=_visibility(COMMON_RULE_SET),
            statement=wafv2.CfnWebACL.StatementProperty(
                managed_rule_group_statement=wafv2.CfnWebACL.ManagedRuleGroupStatementProperty(
                    vendor_name="AWS", name=COMMON_RULE_SET,
                    rule_action_overrides=[wafv2.CfnWebACL.RuleActionOverrideProperty(
                        name=rule, action_to_use=wafv2.CfnWebACL.RuleActionProperty(count={}))
                        for rule in COUNTED_ONLY])))
        self.acl = wafv2.CfnWebACL(
            self, "WebAcl", name=name, scope="CLOUDFRONT",
            default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
            visibility_config=_visibility(name), rules=[sign_in_rate, common],
            description="Septic portal: a rate limit on sign-in /api/auth/, AWS managed common rule set")
        CfnRule(self, "InUsEast1", assertions=[CfnRuleAssertion(
            assert_=Fn.condition_equals(Aws.REGION, "us-east-1"),
            assert_description="With waf=true the stack must be deployed in us-east-1: CloudFront's web ACLs "
                               "exist only there (or deploy with -c waf=false)")])
        self.arn = self.acl.attr_arn
