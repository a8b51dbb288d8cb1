"""Alarms to the company's email: API 5xx, every function's errors and throttles, every table's
throttling, messages the outbox gave up on, Stripe webhook failures."""
from __future__ import annotations

import json
import logging
import re


def _alarms(synthesized):
    return [a["Properties"] for a in synthesized.of_type("AWS::CloudWatch::Alarm").values()]


def _topic(synthesized):
    (name, _), = [(n, t) for n, t in synthesized.of_type("AWS::SNS::Topic").items() if n.startswith("AlarmsTopic")]
    return name


def _dimensions(alarm):
    return {d["Name"]: d["Value"] for d in alarm.get("Dimensions", [])}


def test_every_alarm_emails_the_company_when_it_goes_off_and_when_it_is_ok_again(synthesized):
    topic = _topic(synthesized)
    (subscription,) = [s["Properties"] for s in synthesized.of_type("AWS::SNS::Subscription").values()
                       if s["Properties"]["TopicArn"] == {"Ref": topic}]
    assert (subscription["Protocol"], subscription["Endpoint"]) == ("email", "office@example.com")
    for alarm in _alarms(synthesized):
        assert alarm["AlarmActions"] == [{"Ref": topic}] and alarm["OKActions"] == [{"Ref": topic}]
        assert alarm["TreatMissingData"] == "notBreaching"  # no traffic is not a failure


def test_the_apis_server_errors_and_every_functions_errors_and_throttles_are_watched(synthesized):
    alarms = _alarms(synthesized)
    api = [a for a in alarms if a.get("Namespace") == "AWS/ApiGateway"]
    assert [(a["MetricName"], _dimensions(a)) for a in api] == [("5XXError", {"ApiName": "septic-portal", "Stage": "api"})]
    watched = {(a["MetricName"], _dimensions(a)["FunctionName"]["Ref"]) for a in alarms if a.get("Namespace") == "AWS/Lambda"}
    functions = synthesized.of_type("AWS::Serverless::Function")
    assert watched == {(metric, name) for name in functions for metric in ("Errors", "Throttles")}


def test_every_table_is_watched_for_throttled_reads_and_writes(synthesized):
    watched = set()
    for alarm in _alarms(synthesized):
        metrics = [m["MetricStat"]["Metric"] for m in alarm.get("Metrics", []) if "MetricStat" in m]
        if {m["MetricName"] for m in metrics} == {"ReadThrottleEvents", "WriteThrottleEvents"}:
            (table,) = {d["Value"]["Ref"] for m in metrics for d in m["Dimensions"]}
            watched.add(table)
    assert watched == set(synthesized.of_type("AWS::DynamoDB::Table"))


def _filters(synthesized, metric):
    return [f["Properties"] for f in synthesized.of_type("AWS::Logs::MetricFilter").values()
            if f["Properties"]["MetricTransformations"][0]["MetricName"] == metric]


def _matches(pattern: str, line: str) -> bool:
    """CloudWatch's JSON filter for the patterns used here: `$.field = "text"` and `$.field >= n` joined by &&."""
    entry = json.loads(line)
    for field, op, value in re.findall(r'\$\.(\w+) (=|>=) ("[^"]*"|\d+)', pattern):
        if op == "=" and entry.get(field) != value.strip('"'):
            return False
        if op == ">=" and not (isinstance(entry.get(field), int) and entry[field] >= int(value)):
            return False
    return pattern.count("&&") == len(re.findall(r"\$\.", pattern)) - 1


def _log_line(logger: str, level: int, message: str, **extra) -> str:
    from chalicelib.logs import JsonFormatter

    record = logging.LogRecord(f"portal.{logger}", level, __file__, 1, message, None, None)
    record.__dict__.update(extra)
    return JsonFormatter().format(record)


def _log_group_of(synthesized, function):
    return synthesized.resources[function]["Properties"]["LoggingConfig"]["LogGroup"]


def test_a_message_the_outbox_gives_up_on_alarms_from_any_function_that_delivers(synthesized):
    filters = _filters(synthesized, "UndeliveredMessages")
    workers = [name for name in synthesized.of_type("AWS::Serverless::Function") if name != "APIHandler"]
    assert sorted(f["LogGroupName"]["Ref"] for f in filters) == sorted(_log_group_of(synthesized, w)["Ref"] for w in workers)
    pattern = filters[0]["FilterPattern"]
    # The lines chalicelib/notify/outbox.py writes when it gives up, and one it writes on a retry
    assert _matches(pattern, _log_line("outbox", logging.ERROR, "message failed", message_id="m1", template="signin"))
    assert _matches(pattern, _log_line("outbox", logging.ERROR, "message unconfirmed after an interrupted send"))
    assert not _matches(pattern, _log_line("outbox", logging.WARNING, "send failed; will retry", attempts=1))
    assert any(a.get("MetricName") == "UndeliveredMessages" and a["Threshold"] == 1 for a in _alarms(synthesized))


def test_a_stripe_webhook_the_api_refuses_or_fails_alarms(synthesized):
    (webhook,) = _filters(synthesized, "StripeWebhookFailures")
    assert webhook["LogGroupName"] == _log_group_of(synthesized, "APIHandler")
    pattern = webhook["FilterPattern"]

    def request(route, status):  # chalicelib/web.py's request log line
        return _log_line("http", logging.INFO, "request", method="POST", route=route, status=status)

    assert _matches(pattern, request("/api/webhooks/stripe", 400))  # a signature refused: the secret is wrong
    assert _matches(pattern, request("/api/webhooks/stripe", 500))
    assert not _matches(pattern, request("/api/webhooks/stripe", 200))
    assert not _matches(pattern, request("/api/webhooks/ses", 500))
    assert any(a.get("MetricName") == "StripeWebhookFailures" for a in _alarms(synthesized))
