"""cdk-nag's AwsSolutions pack runs on every synth; nothing it finds is left unacknowledged, and
every acknowledgment carries its reason."""
from __future__ import annotations

import json
import os

import pytest


def test_the_synth_passed_cdk_nags_aws_solutions_checks(synthesized, synthesized_with_waf):
    for stack in (synthesized, synthesized_with_waf):
        with open(os.path.join(os.path.dirname(stack.path), "policy-validation-report.json")) as f:
            report = json.load(f)
        assert [v for plugin in report["pluginReports"] for v in plugin["violations"]] == []


def test_every_acknowledged_finding_has_a_reason(synthesized):
    from aws_cdk import Validations

    found = {}  # rule id -> reason, on each construct that accepts a finding
    for construct in synthesized.stack.node.find_all():
        for entry in construct.node.metadata:
            if entry.type == Validations.ACKNOWLEDGED_RULES_METADATA_KEY:
                found |= {(construct.node.path, rule): reason for rule, reason in entry.data.items()}
    assert len(found) >= 10
    for (path, rule), reason in found.items():
        assert "AwsSolutions-" in rule and len(reason) > 40, (path, rule)
    assert not [path for path, _ in found if path == synthesized.stack.node.path]  # none for the whole stack


def test_the_pack_does_stop_a_synth_it_finds_fault_with(tmp_path):
    """The control: a bucket without access logs (S1, an error) and no acknowledgment fails the synth."""
    import aws_cdk as cdk
    from aws_cdk import aws_s3 as s3
    from cdk_nag import AwsSolutionsChecks

    app = cdk.App(outdir=str(tmp_path))
    s3.Bucket(cdk.Stack(app, "Bare"), "Bucket", enforce_ssl=True)
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    with pytest.raises(RuntimeError, match="ValidationFailed: ERROR The S3 Bucket has server access logs disabled"):
        app.synth()
