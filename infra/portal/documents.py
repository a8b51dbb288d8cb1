"""The private documents bucket: reports and invoices, read only through presigned URLs."""
from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_s3 as s3
from constructs import Construct

from chalicelib.storage import documents as storage
from infra.portal.buckets import private_bucket


class Documents(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, site_url: str) -> None:
        super().__init__(scope, construct_id)
        self.bucket = private_bucket(
            self, "Bucket",
            versioned=True,  # an overwritten or deleted report can be brought back
            # Uploads are presigned PUTs (chalicelib/storage/documents.py); a browser on the
            # portal's own origin may send one. Downloads are presigned GET links, which need no CORS.
            cors=[s3.CorsRule(
                allowed_methods=[s3.HttpMethods.PUT],
                allowed_origins=[site_url],
                allowed_headers=["Content-Type", "Content-MD5", "x-amz-*"],
                max_age=3000,
            )],
            lifecycle_rules=[
                s3.LifecycleRule(
                    abort_incomplete_multipart_upload_after=Duration.days(1),
                    noncurrent_version_expiration=Duration.days(90),
                ),
                # Records packs are made on request and handed out as 5-minute links: a day is plenty.
                s3.LifecycleRule(
                    prefix=storage.PACKS_PREFIX, expiration=Duration.days(1),
                    noncurrent_version_expiration=Duration.days(1),
                ),
            ],
        )
