"""``make owner EMAIL=... NAME=...``: make a staff owner in the running local portal (its moto).

Production uses ``python -m scripts.make_owner`` against the real tables (infra/README.md).
"""
from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request


def main(email: str, name: str) -> int:
    if not email:
        print("Usage: make owner EMAIL=you@example.com NAME='Your Name'", file=sys.stderr)
        return 2
    url = f"http://localhost:{os.environ.get('PORT', '8000')}/api/dev/owner"
    data = json.dumps({"email": email, "name": name}).encode()
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the local portal
            answer = json.load(response)
    except urllib.error.HTTPError as error:
        print(json.load(error).get("message", error), file=sys.stderr)
        return 1
    except urllib.error.URLError:
        print(f"No local portal answers at {url}: start it with `make run` first.", file=sys.stderr)
        return 1
    member = answer["staff"]
    print(f"{member['name']} <{member['email']}> is an owner{'' if answer['changed'] else ' (already)'}. "
          f"Sign in at http://localhost:{os.environ.get('PORT', '8000')}/office/signin")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(sys.argv[1:3] + ["", ""])[:2]))
