"""The stack synthesized once per test session (chalice package and jsii make a synth slow)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE_CONTEXT = os.path.join(REPO, "infra", "context.example.json")


@dataclass
class Synthesized:
    stack: Any
    template: Any  # aws_cdk.assertions.Template
    path: str  # the template file, for cfn-lint
    resources: dict[str, dict[str, Any]]
    document: dict[str, Any]  # the whole template (Rules, Outputs)

    def of_type(self, kind: str) -> dict[str, dict[str, Any]]:
        return {name: r for name, r in self.resources.items() if r["Type"] == kind}


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    return _synthesize(tmp_path_factory)


def _synthesize(tmp_path_factory: pytest.TempPathFactory, **overrides: Any) -> Synthesized:
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    from aws_cdk.assertions import Template

    from infra.app import STACK_NAME, build, synth

    with open(EXAMPLE_CONTEXT) as f:
        context = {**json.load(f), **overrides}
    outdir = tmp_path_factory.mktemp("cdk.out")
    app, stack = build(context, outdir=str(outdir))
    synth(app, stack)
    path = os.path.join(outdir, f"{STACK_NAME}.template.json")
    with open(path) as f:
        document = json.load(f)
    return Synthesized(stack=stack, template=Template.from_stack(stack), path=path,
                       resources=document["Resources"], document=document)


@pytest.fixture(scope="session")
def synthesized_with_waf(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    """The example deployment with ``waf=true`` (a second synth, a few seconds with chalice's cache)."""
    return _synthesize(tmp_path_factory, waf=True)
