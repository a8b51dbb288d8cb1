"""WAF (``-c waf=true``): the stack's own CLOUDFRONT web ACL in front of the distribution; none when off."""
from __future__ import annotations


def _distribution(synthesized):
    (distribution,) = synthesized.of_type("AWS::CloudFront::Distribution").values()
    return distribution["Properties"]["DistributionConfig"]


def test_with_waf_on_the_distribution_is_behind_a_rate_limit_on_sign_in_and_aws_common_rules(synthesized_with_waf):
    (name, acl), = synthesized_with_waf.of_type("AWS::WAFv2::WebACL").items()
    props = acl["Properties"]
    assert props["Scope"] == "CLOUDFRONT" and props["DefaultAction"] == {"Allow": {}}
    assert _distribution(synthesized_with_waf)["WebACLId"] == {"Fn::GetAtt": [name, "Arn"]}

    rate, common = sorted(props["Rules"], key=lambda rule: rule["Priority"])
    limit = rate["Statement"]["RateBasedStatement"]
    assert rate["Action"] == {"Block": {}} and limit["AggregateKeyType"] == "IP" and limit["Limit"] <= 300
    match = limit["ScopeDownStatement"]["ByteMatchStatement"]
    assert (match["FieldToMatch"], match["PositionalConstraint"], match["SearchString"]) == (
        {"UriPath": {}}, "STARTS_WITH", "/api/auth/")
    group = common["Statement"]["ManagedRuleGroupStatement"]
    assert (group["VendorName"], group["Name"]) == ("AWS", "AWSManagedRulesCommonRuleSet")
    assert common["OverrideAction"] == {"None": {}}  # the set's own block actions apply...
    # ...except the 8 KB body limit, which Stripe's larger webhook events would trip
    assert group["RuleActionOverrides"] == [{"Name": "SizeRestrictions_BODY", "ActionToUse": {"Count": {}}}]


def test_with_waf_on_the_template_refuses_a_region_other_than_us_east_1(synthesized_with_waf, synthesized):
    """CloudFront's web ACLs exist only in us-east-1: CloudFormation stops the deploy elsewhere, saying so."""
    rules = [rule for name, rule in synthesized_with_waf.document["Rules"].items() if name.startswith("Waf")]
    (assertion,) = rules[0]["Assertions"]
    assert assertion["Assert"] == {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}
    assert "us-east-1" in assertion["AssertDescription"] and "waf=false" in assertion["AssertDescription"]
    assert not any(name.startswith("Waf") for name in synthesized.document.get("Rules", {}))


def test_with_waf_off_there_is_no_web_acl_and_no_cost(synthesized):
    assert synthesized.of_type("AWS::WAFv2::WebACL") == {}
    assert "WebACLId" not in _distribution(synthesized)
