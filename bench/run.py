"""``make bench``: the SPEC §8 budgets that can be measured so far, printed as figures.

- cold start: fresh processes that import the app and answer a first request, against a
  hello-world Chalice app that imports boto3 and PynamoDB (budget: at most 1.3x);
- warm overhead per request, AWS calls excluded (budget: at most 3x a hello-world route);
- the site's first load, compressed (budget: at most 60 KB);
- DynamoDB calls made by a request, and that none is a Scan.

Figures are printed, not asserted: timings on a shared machine are noisy.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "7"))

EVENT = {
    "resource": "{path}", "path": "{path}", "httpMethod": "GET", "headers": {"accept": "application/json"},
    "multiValueHeaders": {}, "queryStringParameters": None, "multiValueQueryStringParameters": None,
    "pathParameters": None, "stageVariables": None, "body": None, "isBase64Encoded": False,
    "requestContext": {"resourcePath": "{path}", "httpMethod": "GET", "requestId": "bench", "path": "{path}"},
}

HELLO = """
import boto3, pynamodb.models
from chalice import Chalice
app = Chalice(app_name="hello")
@app.route("/hello")
def hello():
    return {"hello": "world"}
"""

HELLO_GET_ITEM = HELLO + """
from pynamodb.attributes import UnicodeAttribute
class Item(pynamodb.models.Model):
    class Meta:
        table_name = "local-settings"
        region = "us-east-1"
    key = UnicodeAttribute(hash_key=True)
@app.route("/item")
def item():
    return {"found": Item.count("company") > 0}
"""

COLD = """
import json, sys, time
start = time.perf_counter()
sys.path.insert(0, {root!r})
{setup}
event = json.loads({event!r})
response = app(event, None)
assert response["statusCode"] == 200, response
print(time.perf_counter() - start)
"""


# A Lambda function's cold start in two parts: init (the import, where the DynamoDB client is built
# on Lambda, SPEC §9) and the first request's duration, the part billed at the memory chosen.
LAMBDA_COLD = """
import json, sys, time
start = time.perf_counter()
sys.path.insert(0, {root!r})
from app import app
init = time.perf_counter()
event = json.loads({event!r})
response = app(event, None)
assert response["statusCode"] == 200, response
print(init - start, time.perf_counter() - init)
"""


def _lambda_cold(path: str, env: dict[str, str], cookie: str) -> tuple[float, float]:
    code = LAMBDA_COLD.format(root=str(ROOT), event=_event(path, cookie))
    env = {**env, "AWS_LAMBDA_FUNCTION_NAME": "septic-portal-bench"}
    inits, firsts = [], []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        init, first = (float(x) for x in out.stdout.strip().splitlines()[-1].split())
        inits.append(init)
        firsts.append(first)
    return statistics.median(inits), statistics.median(firsts)


def _event(path: str, cookie: str | None = None) -> str:
    event = json.loads(json.dumps(EVENT).replace("{path}", path))
    if cookie:
        event["headers"]["cookie"] = cookie
    return json.dumps(event)


def _cold(setup: str, path: str, env: dict[str, str], cookie: str | None = None) -> list[float]:
    code = COLD.format(root=str(ROOT), setup=setup, event=_event(path, cookie))
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - started)
        float(out.stdout.strip().splitlines()[-1])
    return times


def _warm(app: object, path: str, n: int = 2000) -> float:
    event = json.loads(_event(path))
    for _ in range(50):
        app(event, None)
    started = time.perf_counter()
    for _ in range(n):
        app(event, None)
    return (time.perf_counter() - started) / n


def _site_first_load() -> tuple[int, int, list[str]]:
    index = (ROOT / "static_site" / "index.html").read_text()
    assets = ["index.html"] + [m.lstrip("/") for m in re.findall(r'(?:href|src)="(/[^"]+\.(?:css|js|svg))"', index)]
    modules = set()
    pending = [a for a in assets if a.endswith(".js")]
    while pending:  # follow static ES module imports
        path = pending.pop()
        modules.add(path)
        source = (ROOT / "static_site" / path).read_text()
        for spec in re.findall(r'import\s[^"\']*["\'](\.{1,2}/[^"\']+)["\']', source):
            resolved = os.path.normpath(os.path.join(os.path.dirname(path), spec))
            if resolved not in modules:
                pending.append(resolved)
    files = sorted(set(assets) | modules)
    raw = sum((ROOT / "static_site" / f).stat().st_size for f in files)
    compressed = sum(len(gzip.compress((ROOT / "static_site" / f).read_bytes(), 9)) for f in files)
    return raw, compressed, files


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from devserver import atomic_moto, stack  # noqa: F401

    stack.configure_environment(0)
    os.environ["PORTAL_STAGE"] = "bench"
    os.environ["PORTAL_TABLE_PREFIX"] = "local-"
    os.environ.setdefault("PORTAL_ADMIN_KEY", "local-admin-key")
    os.environ["PORTAL_LOG_LEVEL"] = "WARNING"
    aws = stack.start_aws()
    stack.create_resources()
    env = dict(os.environ)
    cookie = _demo_session()

    hello = statistics.median(_cold(HELLO, "/hello", env))
    hello_dynamodb = statistics.median(_cold(HELLO_GET_ITEM, "/item", env))
    portal = statistics.median(_cold("from app import app", "/api/branding", env))
    dashboard = statistics.median(_cold("from app import app", "/api/dashboard", env, cookie))
    print(f"cold start, median of {RUNS} fresh processes (import + first request):")
    print(f"  hello world (chalice + boto3 + pynamodb)        {hello * 1000:7.0f} ms")
    print(f"  hello world + one DynamoDB call (first client)  {hello_dynamodb * 1000:7.0f} ms")
    print(f"  portal, GET /api/branding (one GetItem)         {portal * 1000:7.0f} ms")
    print(f"  portal, GET /api/dashboard (session + 2 calls)  {dashboard * 1000:7.0f} ms")
    print(f"  dashboard to hello world {dashboard / hello:.2f}x (budget 1.30x); "
          f"to hello world + one DynamoDB call {dashboard / hello_dynamodb:.2f}x")

    init, first = _lambda_cold("/api/dashboard", env, cookie)
    print(f"as on Lambda (AWS_LAMBDA_FUNCTION_NAME set: the DynamoDB client built at init), median of {RUNS}:")
    print(f"  init (import app)  {init * 1000:5.0f} ms   first GET /api/dashboard  {first * 1000:5.0f} ms")

    from chalice import Chalice

    from app import app as portal_app

    hello_app = Chalice(app_name="hello")
    hello_app.route("/hello")(lambda: {"hello": "world"})
    hello_warm = _warm(hello_app, "/hello")
    portal_warm = _warm(portal_app, "/api/branding")  # settings cached: no AWS call
    print("warm request, in process, no AWS call:")
    print(f"  hello world {hello_warm * 1e6:6.0f} µs   portal GET /api/branding {portal_warm * 1e6:6.0f} µs"
          f"   ratio {portal_warm / hello_warm:.2f}x   (budget 3x)")

    raw, compressed, files = _site_first_load()
    print(f"site first load: {len(files)} files, {raw / 1024:.1f} KB raw, {compressed / 1024:.1f} KB gzip   (budget 60 KB)")

    calls = _dynamodb_calls(portal_app)
    print(f"DynamoDB calls: GET /api/branding cold {calls['cold']}, warm {calls['warm']}; Scan on any: {calls['scan']}")
    print("DynamoDB calls per signed-in page, warm (the session check included):")
    for path, names in _page_calls(portal_app, cookie).items():
        print(f"  {path:<24} {len(names)}  {', '.join(names)}")
    aws.stop()


def _demo_session() -> str:
    """The demo data, and a session cookie of the demo customer, for the dashboard figure."""
    from app import app
    from chalicelib.auth import sessions
    from chalicelib.auth.keys import session_keys
    from chalicelib.db.models import Account
    from chalicelib.settings import LOCAL_ADMIN_KEY, get_settings
    from devserver import demo, server

    demo.seed(server.make_gateway(app), LOCAL_ADMIN_KEY)
    settings = get_settings()
    _, jwt = sessions.start(session_keys(settings), Account.get("demo-1001"), "link", settings)
    return f"{sessions.cookie_name(settings)}={jwt}"


def _dynamodb_calls(app: object) -> dict[str, object]:
    from chalicelib import company
    from chalicelib.db.models import CompanySettings

    seen: list[str] = []
    connection = CompanySettings._get_connection().connection  # noqa: SLF001
    connection.client.meta.events.register("before-call.dynamodb", lambda model, **_: seen.append(model.name))
    company.forget_cache()
    event = json.loads(_event("/api/branding"))
    app(event, None)
    cold = list(seen)
    seen.clear()
    app(event, None)
    return {"cold": cold, "warm": list(seen), "scan": any(name == "Scan" for name in cold + seen)}


PAGES = ("/api/dashboard", "/api/history", "/api/documents", "/api/invoices", "/api/me", "/api/booking-requests")


def _page_calls(app: object, cookie: str) -> dict[str, list[str]]:
    from chalicelib.db.models import CompanySettings

    seen: list[str] = []
    connection = CompanySettings._get_connection().connection  # noqa: SLF001
    connection.client.meta.events.register("before-call.dynamodb", lambda model, **_: seen.append(model.name))
    app(json.loads(_event("/api/branding")), None)  # the settings cache, as a warm container has it
    calls = {}
    for path in PAGES:
        seen.clear()
        response = app(json.loads(_event(path, cookie)), None)
        assert response["statusCode"] == 200, (path, response)
        calls[path] = list(seen)
    return calls


if __name__ == "__main__":
    main()
