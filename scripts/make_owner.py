"""Make the first owner of the office console in a deployed portal's tables (the deploy guide's step).

    PORTAL_TABLE_PREFIX=portal- AWS_REGION=us-east-1 python -m scripts.make_owner --email you@example.com --name "Your Name"

Runs with the AWS credentials of the shell (it writes the staff tables only). Running it again
changes nothing; for an existing staff member it makes them an active owner. Then sign in at
``<portal>/office/signin``. Locally, ``make owner EMAIL=... NAME=...`` does the same in the running portal.
"""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--email", required=True)
    parser.add_argument("--name", default="")
    args = parser.parse_args(argv)

    from chalicelib import db
    from chalicelib.errors import PortalError
    from chalicelib.office import staff
    from chalicelib.settings import get_settings

    db.bind(get_settings())
    try:
        member, changed = staff.make_owner(args.email, args.name.strip() or args.email.split("@")[0])
    except PortalError as error:
        print(error.message, file=sys.stderr)
        return 1
    print(f"{member.name} <{member.email}> is an owner{'' if changed else ' (already)'} (staff id {member.staff_id}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
