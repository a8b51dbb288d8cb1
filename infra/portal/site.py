"""The static site and the API behind one CloudFront origin, so the session cookie stays same-origin.

``/api/*`` goes to API Gateway uncached with the viewer headers the API reads (never Host), every
cookie and query string, CloudFront's ``CloudFront-Viewer-Address`` and ``CloudFront-Viewer-Country``,
and the ``X-Portal-Origin-Secret`` header the API checks;
everything else is the private site bucket through origin access control. A page path with no
file behind it (``/invoices``, ``/book``) gets index.html, the single-page app's entry; a missing
``/api/*`` path keeps the API's own JSON 404.
"""
from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra.portal.buckets import private_bucket
from infra.portal.config import DeployConfig

ORIGIN_SECRET_HEADER = "X-Portal-Origin-Secret"
# The viewer headers the API reads (Accept: Chalice's binary responses), then CloudFront's own.
API_VIEWER_HEADERS = ("Accept", "Content-Type", "Idempotency-Key", "Origin", "Referer", "Stripe-Signature",
                      "User-Agent")  # User-Agent: the share access log's browser family (else "Amazon CloudFront")
API_FORWARDED_HEADERS = (*API_VIEWER_HEADERS, "CloudFront-Viewer-Address", "CloudFront-Viewer-Country")

# The local portal's policy (devserver/server.py) with Stripe.js's hosts, which the pay and
# autopay pages load (Stripe's documented script, frame and API origins).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' https: data:; script-src 'self' https://js.stripe.com; "
    "style-src 'self'; connect-src 'self' https://api.stripe.com; "
    "frame-src 'self' https://js.stripe.com https://hooks.stripe.com; object-src 'none'; "
    "base-uri 'self'; frame-ancestors 'none'"
)

# A request for a page path (no file extension, not /api/...) is answered with the app's entry
# page. A CloudFront Function on the site behaviour only, so the API's 403s and 404s stay its own
# (a distribution-wide custom error response would turn them into index.html).
SPA_FALLBACK = """
function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
"""


class Site(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, config: DeployConfig,
                 api_domain_name: str, api_origin_path: str, origin_secret: secretsmanager.ISecret,
                 web_acl_arn: str | None = None) -> None:
        super().__init__(scope, construct_id)
        self.bucket = private_bucket(self, "Bucket")
        spa = cloudfront.Function(
            self, "SpaFallback", code=cloudfront.FunctionCode.from_inline(SPA_FALLBACK),
            runtime=cloudfront.FunctionRuntime.JS_2_0,
            comment="Page paths get the single-page app's index.html")
        api_origin = origins.HttpOrigin(
            api_domain_name, origin_path=api_origin_path,
            protocol_policy=cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            custom_headers={ORIGIN_SECRET_HEADER: origin_secret.secret_value.unsafe_unwrap()},
            read_timeout=Duration.seconds(30))
        headers = cloudfront.ResponseHeadersPolicy(
            self, "SecurityHeaders", comment="HSTS, CSP, no framing, nosniff, referrer policy",
            security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                    access_control_max_age=Duration.days(730), include_subdomains=True, override=True),
                content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                    content_security_policy=CONTENT_SECURITY_POLICY, override=True),
                frame_options=cloudfront.ResponseHeadersFrameOptions(
                    frame_option=cloudfront.HeadersFrameOption.DENY, override=True),
                content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
                referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                    referrer_policy=cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
                    override=True),
            ))
        # What CloudFront sends the API besides the body and the origin secret. AWS's managed
        # AllViewerExceptHostHeader policy would forward every viewer header but Host, but, as AWS
        # documents it, none of CloudFront's own headers; and no custom policy can say "all but
        # Host, plus CloudFront-Viewer-Address": "allExcept" forwards viewer headers only,
        # "allViewerAndWhitelistCloudFront" forwards Host too (API Gateway then answers 403), and
        # CloudFront-Viewer-Address may not be in a cache policy. So the origin request policy
        # names the viewer headers the API reads (tests/infra/test_site.py finds every one the code
        # reads), CloudFront's viewer address (the per-client limits) and country (records
        # sharing), all cookies and query strings; Authorization (the admin API's key) may only
        # be forwarded from a cache policy's key.
        api_request = cloudfront.OriginRequestPolicy(
            self, "ApiRequest", comment="Septic portal API: the headers it reads, the viewer's address and country",
            header_behavior=cloudfront.OriginRequestHeaderBehavior.allow_list(*API_FORWARDED_HEADERS),
            cookie_behavior=cloudfront.OriginRequestCookieBehavior.all(),
            query_string_behavior=cloudfront.OriginRequestQueryStringBehavior.all())
        # Nothing kept: the API answers no-store to anything private, and a public answer is kept
        # at most a second. With every TTL 0 CloudFront allows no header in the key at all.
        api_cache = cloudfront.CachePolicy(
            self, "ApiCache", comment="Septic portal API: nothing kept; the Authorization header forwarded",
            min_ttl=Duration.seconds(0), default_ttl=Duration.seconds(0), max_ttl=Duration.seconds(1),
            header_behavior=cloudfront.CacheHeaderBehavior.allow_list("Authorization"),
            cookie_behavior=cloudfront.CacheCookieBehavior.none(),
            query_string_behavior=cloudfront.CacheQueryStringBehavior.none(),
            enable_accept_encoding_gzip=True, enable_accept_encoding_brotli=True)
        self.distribution = cloudfront.Distribution(
            self, "Distribution",
            domain_names=[config.domain_name],
            certificate=acm.Certificate.from_certificate_arn(self, "Certificate", config.certificate_arn),
            minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            price_class=cloudfront.PriceClass.PRICE_CLASS_100,
            default_root_object="index.html",
            # A new version after a new origin secret value makes CloudFormation update the
            # distribution, which reads the secret again for the origin header (infra/README.md).
            comment=f"Septic portal {config.stage} (origin secret version {config.origin_secret_version})",
            web_acl_id=web_acl_arn,  # the WAF hook: set when the `waf` context flag is on
            default_behavior=cloudfront.BehaviorOptions(
                origin=origins.S3BucketOrigin.with_origin_access_control(self.bucket),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                compress=True,
                response_headers_policy=headers,
                function_associations=[cloudfront.FunctionAssociation(
                    function=spa, event_type=cloudfront.FunctionEventType.VIEWER_REQUEST)],
            ),
            additional_behaviors={
                "/api/*": cloudfront.BehaviorOptions(
                    origin=api_origin,
                    viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
                    allowed_methods=cloudfront.AllowedMethods.ALLOW_ALL,
                    cache_policy=api_cache,
                    origin_request_policy=api_request,
                    response_headers_policy=headers,
                    compress=True,
                ),
            },
        )
