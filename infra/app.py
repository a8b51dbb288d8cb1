"""The CDK app: ``make synth`` (or ``cdk synth`` with cdk.json) writes the template to infra/cdk.out.

Synthesizes offline with no AWS account: the stack is environment-agnostic unless
CDK_DEFAULT_ACCOUNT/CDK_DEFAULT_REGION are set, and nothing is looked up. The context values
(domain_name, certificate_arn, company_email, ...) come from ``-c`` with the cdk CLI, or here
from a JSON file named by PORTAL_CDK_CONTEXT (``make synth`` uses infra/context.example.json).
"""
from __future__ import annotations

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
if REPO not in sys.path:
    sys.path.insert(0, REPO)

# jsii's notice that Node 20 is past its end of life (Debian's nodejs) says nothing about the template.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "1")

import aws_cdk as cdk  # noqa: E402
from cdk_nag import AwsSolutionsChecks  # noqa: E402

from infra.portal.config import from_context  # noqa: E402
from infra.portal.stack import PortalStack  # noqa: E402

STACK_NAME = "SepticPortal"


def build(context: dict | None = None, outdir: str | None = None) -> tuple[cdk.App, PortalStack]:
    # The cdk CLI names its own output folder (CDK_OUTDIR); run directly, it is infra/cdk.out.
    outdir = outdir or os.environ.get("CDK_OUTDIR") or os.path.join(HERE, "cdk.out")
    app = cdk.App(context={**(context or {}), "@aws-cdk/core:validationReportJson": True}, outdir=outdir)
    config = from_context(app.node)
    account, region = os.environ.get("CDK_DEFAULT_ACCOUNT"), os.environ.get("CDK_DEFAULT_REGION")
    env = cdk.Environment(account=account, region=region) if account and region else None
    stack = PortalStack(app, STACK_NAME, config=config, env=env,
                        description="Septic service customer portal (infra/)")
    # cdk-nag's AwsSolutions pack as a CDK policy-validation plugin: the synth fails on any
    # finding not acknowledged, with its reason, in infra/portal/nag.py.
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app, verbose=True))
    return app, stack


def synth(app: cdk.App, stack: PortalStack) -> None:
    """Write the cloud assembly, then drop chalice's working copy of the package (cdk.out has it)."""
    app.synth()
    stack.api.chalice.remove_working_files()


def main() -> None:
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")  # chalice package reads it; no call is made
    context = None
    if os.environ.get("PORTAL_CDK_CONTEXT"):
        with open(os.environ["PORTAL_CDK_CONTEXT"]) as f:
            context = json.load(f)
    app, stack = build(context)
    try:
        synth(app, stack)
    except RuntimeError as exc:
        if "ValidationFailed" not in str(exc):
            raise
        # cdk-nag found something: its report says what and where (acknowledge it in
        # infra/portal/nag.py only with a reason, or fix it).
        sys.exit(f"cdk-nag (AwsSolutions) refused the stack:\n{exc}")
    print(f"synthesized {STACK_NAME} to {app.outdir} (cdk-nag AwsSolutions: no unacknowledged finding)")


if __name__ == "__main__":
    main()
