# The two commands a newcomer needs: `make run` (the portal at http://localhost:8000) and
# `make test` (the whole suite). Both install what they need first.

.PHONY: run test jobs owner reminders bench bench-reminders openapi package smoke synth

run:
	@scripts/setup.sh run
	@.venv/bin/python -m devserver

test:
	@scripts/setup.sh test
	@.venv/bin/python -m pytest

# Run the scheduled jobs now, in the portal `make run` started.
jobs:
	@.venv/bin/python -m devserver.run_jobs

# A staff owner of the office console, in the portal `make run` started: make owner EMAIL=... NAME=...
owner:
	@.venv/bin/python -m devserver.make_owner "$(EMAIL)" "$(NAME)"

# Only the service-due reminders job, now, in the portal `make run` started.
reminders:
	@.venv/bin/python -m devserver.run_jobs send-reminders

# The SPEC §8 performance figures (printed, not asserted).
bench:
	@scripts/setup.sh run
	@.venv/bin/python -m bench.run

# The reminders job over 50,000 properties of which 500 are due (a few minutes: seeding moto).
bench-reminders:
	@scripts/setup.sh run
	@.venv/bin/python -m bench.reminders

# Write the request body schemas in docs/openapi.yaml from the pydantic models (admin) and the
# body shapes (customer) (a unit test fails when the committed document differs).
openapi:
	@.venv/bin/python scripts/openapi_schemas.py

# The Lambda deployment package (arm64, without the boto3/botocore the runtime provides), built
# offline with Chalice's packager into dist/package/, its size and biggest parts printed and checked.
package:
	@scripts/setup.sh run
	@.venv/bin/python scripts/package.py

# Check a deployed (or the local) portal: health, then a test email through the admin API.
#   make smoke URL=https://portal.example.com ADMIN_KEY=... TO=office@example.com
smoke:
	@python3 scripts/smoke.py "$(URL)" "$(ADMIN_KEY)" "$(TO)"

# The AWS template, offline and without an AWS account: infra/cdk.out/SepticPortal.template.json,
# checked by cdk-nag (AwsSolutions; fails on a finding not acknowledged in infra/portal/nag.py),
# then cfn-lint on it. CONTEXT=file.json names the deployment's values (default: the example).
synth:
	@scripts/setup.sh test
	@PORTAL_CDK_CONTEXT=$${CONTEXT:-infra/context.example.json} .venv/bin/python infra/app.py
	@.venv/bin/cfn-lint infra/cdk.out/SepticPortal.template.json && echo "cfn-lint: no findings"
