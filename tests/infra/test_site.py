"""CloudFront: the site from a private bucket, /api/* to API Gateway with the origin secret."""
from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _distribution(synthesized):
    (distribution,) = synthesized.of_type("AWS::CloudFront::Distribution").values()
    return distribution["Properties"]["DistributionConfig"]


def _secret_id(synthesized, prefix):
    return next(name for name in synthesized.of_type("AWS::SecretsManager::Secret") if name.startswith(prefix))


def test_api_paths_go_uncached_to_the_api_gateway_stage_with_every_header_but_host(synthesized):
    config = _distribution(synthesized)
    (behaviour,) = [b for b in config["CacheBehaviors"] if b["PathPattern"] == "/api/*"]
    assert set(behaviour["AllowedMethods"]) == {"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}
    assert behaviour["ViewerProtocolPolicy"] == "https-only"
    assert "FunctionAssociations" not in behaviour  # the API's own 404s are not turned into pages

    origin = next(o for o in config["Origins"] if o["Id"] == behaviour["TargetOriginId"])
    assert origin["OriginPath"] == "/api"
    assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    assert "RestAPI" in str(origin["DomainName"]) and "execute-api" in str(origin["DomainName"])


def _api_policies(synthesized):
    config = _distribution(synthesized)
    (behaviour,) = [b for b in config["CacheBehaviors"] if b["PathPattern"] == "/api/*"]
    request = synthesized.resources[behaviour["OriginRequestPolicyId"]["Ref"]]["Properties"]["OriginRequestPolicyConfig"]
    cache = synthesized.resources[behaviour["CachePolicyId"]["Ref"]]["Properties"]["CachePolicyConfig"]
    return request, cache


def test_the_api_gets_the_viewers_address_and_country_cookies_and_queries_but_never_host(synthesized):
    request, _ = _api_policies(synthesized)
    headers = request["HeadersConfig"]
    assert headers["HeaderBehavior"] == "whitelist"
    assert {"CloudFront-Viewer-Address", "CloudFront-Viewer-Country"} <= set(headers["Headers"])
    assert "host" not in {h.lower() for h in headers["Headers"]}  # API Gateway answers a foreign Host with 403
    assert len(headers["Headers"]) <= 10  # CloudFront's quota per policy
    assert request["CookiesConfig"] == {"CookieBehavior": "all"}
    assert request["QueryStringsConfig"] == {"QueryStringBehavior": "all"}


def test_every_request_header_the_code_reads_reaches_the_api(synthesized):
    """A header read in chalicelib but not forwarded would be missing behind CloudFront only."""
    request, cache = _api_policies(synthesized)
    forwarded = {h.lower() for h in request["HeadersConfig"]["Headers"]}
    forwarded |= {h.lower() for h in cache["ParametersInCacheKeyAndForwardedToOrigin"]["HeadersConfig"]["Headers"]}
    forwarded |= {"cookie", "x-portal-origin-secret"}  # every cookie; the header CloudFront adds itself
    read = set()
    for path in [REPO / "app.py", *sorted((REPO / "chalicelib").rglob("*.py"))]:
        read |= set(re.findall(r'headers\.get\("([A-Za-z0-9-]+)"', path.read_text()))
    assert {"authorization", "stripe-signature", "cloudfront-viewer-address"} <= read  # the scan sees them
    assert read - forwarded == set()


def test_nothing_from_the_api_is_kept_and_the_admin_key_is_forwarded(synthesized):
    """CloudFront forwards Authorization only from a cache policy's key, and allows headers in a
    key only when something may be kept: at most a second (every private answer is no-store)."""
    _, cache = _api_policies(synthesized)
    key = cache["ParametersInCacheKeyAndForwardedToOrigin"]
    assert key["HeadersConfig"] == {"HeaderBehavior": "whitelist", "Headers": ["Authorization"]}
    assert (cache["MinTTL"], cache["DefaultTTL"], cache["MaxTTL"]) == (0, 0, 1)


def test_cloudfront_adds_the_origin_secret_from_secrets_manager_never_a_literal(synthesized):
    config = _distribution(synthesized)
    (behaviour,) = [b for b in config["CacheBehaviors"] if b["PathPattern"] == "/api/*"]
    origin = next(o for o in config["Origins"] if o["Id"] == behaviour["TargetOriginId"])
    (header,) = origin["OriginCustomHeaders"]
    assert header["HeaderName"] == "X-Portal-Origin-Secret"
    value = header["HeaderValue"]["Fn::Join"][1]
    assert value[0] == "{{resolve:secretsmanager:" and value[1] == {"Ref": _secret_id(synthesized, "OriginSecret")}


def test_the_site_is_served_over_https_from_the_private_bucket_with_page_paths_falling_back(synthesized):
    config = _distribution(synthesized)
    default = config["DefaultCacheBehavior"]
    origin = next(o for o in config["Origins"] if o["Id"] == default["TargetOriginId"])
    assert origin["OriginAccessControlId"] and origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}
    assert default["ViewerProtocolPolicy"] == "redirect-to-https"
    (association,) = default["FunctionAssociations"]
    assert association["EventType"] == "viewer-request"
    assert config["Aliases"] == ["portal.example.com"]
    assert config["ViewerCertificate"]["MinimumProtocolVersion"] == "TLSv1.2_2021"
    assert "CustomErrorResponses" not in config  # they would answer the API's 403/404 with a page


def test_the_fallback_serves_index_html_for_page_paths_only():
    """The CloudFront Function's rule, run by Node (the runtime jsii already needs)."""
    import json
    import subprocess

    from infra.portal.site import SPA_FALLBACK

    uris = ["/", "/invoices", "/property/p1", "/js/app.js", "/favicon.ico", "/css/site.css"]
    script = SPA_FALLBACK + "\n" + "".join(
        f"console.log(handler({{request: {{uri: {json.dumps(u)}}}}}).uri);" for u in uris)
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["/index.html", "/index.html", "/index.html", "/js/app.js", "/favicon.ico", "/css/site.css"]


def test_every_response_carries_the_security_headers(synthesized):
    config = _distribution(synthesized)
    (policy_id,) = synthesized.of_type("AWS::CloudFront::ResponseHeadersPolicy")
    behaviours = [config["DefaultCacheBehavior"], *config["CacheBehaviors"]]
    assert [b["ResponseHeadersPolicyId"] for b in behaviours] == [{"Ref": policy_id}] * len(behaviours)
    security = synthesized.resources[policy_id]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 365 * 86400
    assert security["FrameOptions"]["FrameOption"] == "DENY"
    assert security["ContentTypeOptions"] == {"Override": True}
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == "strict-origin-when-cross-origin"
    assert "frame-ancestors 'none'" in security["ContentSecurityPolicy"]["ContentSecurityPolicy"]


def test_the_site_policy_allows_what_the_local_portal_allows_plus_stripe_js():
    from devserver.server import _CSP as LOCAL  # noqa: PLC2701 - the policy the browser tests run under

    from infra.portal.site import CONTENT_SECURITY_POLICY

    def directives(policy):
        return {d.split()[0]: set(d.split()[1:]) for d in policy.split("; ")}

    local, deployed = directives(LOCAL), directives(CONTENT_SECURITY_POLICY)
    assert set(local) == set(deployed)
    for name, sources in local.items():
        extra = deployed[name] - sources
        assert sources <= deployed[name] and all(s.endswith("stripe.com") for s in extra), name
