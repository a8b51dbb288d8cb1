"""Both buckets are private, encrypted, TLS-only and kept; only the portal may upload documents."""
from __future__ import annotations


def _bucket_ids(synthesized):
    return synthesized.of_type("AWS::S3::Bucket")


def test_every_bucket_blocks_public_access_is_encrypted_and_retained(synthesized):
    buckets = _bucket_ids(synthesized)
    assert len(buckets) == 2  # the site and the documents
    for name, bucket in buckets.items():
        props = bucket["Properties"]
        assert props["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True, "RestrictPublicBuckets": True,
        }, name
        assert props["BucketEncryption"]["ServerSideEncryptionConfiguration"], name
        assert bucket["DeletionPolicy"] == "Retain", name


def test_every_bucket_refuses_requests_without_tls(synthesized):
    policies = {p["Properties"]["Bucket"]["Ref"]: p["Properties"]["PolicyDocument"]["Statement"]
                for p in synthesized.of_type("AWS::S3::BucketPolicy").values()}
    for name in _bucket_ids(synthesized):
        denials = [s for s in policies[name] if s["Effect"] == "Deny"
                   and s.get("Condition") == {"Bool": {"aws:SecureTransport": "false"}}]
        assert denials and denials[0]["Principal"] == {"AWS": "*"} and denials[0]["Action"] == "s3:*", name
        assert not [s for s in policies[name] if s["Effect"] == "Allow" and s.get("Principal") in ("*", {"AWS": "*"})]


def test_documents_accept_browser_uploads_only_as_a_put_from_the_portals_origin(synthesized):
    documents = [b for b in _bucket_ids(synthesized).values() if "CorsConfiguration" in b["Properties"]]
    assert len(documents) == 1
    rules = documents[0]["Properties"]["CorsConfiguration"]["CorsRules"]
    assert [(r["AllowedMethods"], r["AllowedOrigins"]) for r in rules] == [(["PUT"], ["https://portal.example.com"])]
    assert documents[0]["Properties"]["VersioningConfiguration"] == {"Status": "Enabled"}


def test_records_packs_expire_after_a_day_and_documents_are_kept(synthesized):
    from chalicelib.storage import documents as storage

    [documents] = [b for b in _bucket_ids(synthesized).values() if "CorsConfiguration" in b["Properties"]]
    rules = documents["Properties"]["LifecycleConfiguration"]["Rules"]
    expiring = [r for r in rules if "ExpirationInDays" in r]
    assert [(r.get("Prefix"), r["ExpirationInDays"], r["NoncurrentVersionExpiration"]["NoncurrentDays"]) for r in expiring] == [
        (storage.PACKS_PREFIX, 1, 1)]  # only the generated packs: a report is never expired
