"""Alarms to an SNS topic the company's email is subscribed to (the owner confirms the first email).

API 5xx, every function's errors and throttles, every table's throttling, messages the outbox
gave up on, and Stripe webhook calls the portal refused or failed. Each alarm notifies when it
goes off and when it is back to OK; no data (no traffic) is not a failure.
"""
from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

NAMESPACE = "SepticPortal"
FIVE_MINUTES = Duration.minutes(5)
# chalicelib/notify/outbox.py logs a message it gives up on ("message failed", "message
# unconfirmed after an interrupted send") at ERROR from the portal.outbox logger, one JSON line.
UNDELIVERED_PATTERN = '{ $.logger = "portal.outbox" && $.level = "ERROR" }'
# chalicelib/web.py's request log line for Stripe's webhook answered with an error: a signature
# refused (a wrong webhook secret: Stripe keeps retrying, payments stay unrecorded) or a failure.
STRIPE_WEBHOOK_ROUTE = "/api/webhooks/stripe"
STRIPE_FAILURE_PATTERN = ('{ $.logger = "portal.http" && $.route = "' + STRIPE_WEBHOOK_ROUTE
                          + '" && $.status >= 400 }')


class Alarms(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, company_email: str, api_name: str,
                 api_stage: str, functions: dict[str, str], log_groups: dict[str, logs.ILogGroup],
                 api_function: str, outbox_functions: list[str], tables: dict[str, dynamodb.Table]) -> None:
        super().__init__(scope, construct_id)
        self.topic = sns.Topic(self, "Topic", display_name="Septic portal alarms", enforce_ssl=True)
        self.topic.add_subscription(subscriptions.EmailSubscription(company_email))
        self.alarms: list[cloudwatch.Alarm] = []

        self._alarm("Api5xx", "The portal's API answered with server errors (5xx)",
                    cloudwatch.Metric(namespace="AWS/ApiGateway", metric_name="5XXError",
                                      dimensions_map={"ApiName": api_name, "Stage": api_stage},
                                      statistic="Sum", period=FIVE_MINUTES), threshold=3)
        for name, function_name in functions.items():
            for metric in ("Errors", "Throttles"):
                self._alarm(f"{name}{metric}", f"The {name} function: {metric.lower()}",
                            cloudwatch.Metric(namespace="AWS/Lambda", metric_name=metric,
                                              dimensions_map={"FunctionName": function_name},
                                              statistic="Sum", period=FIVE_MINUTES))
        for model, table in tables.items():
            throttled = cloudwatch.MathExpression(
                expression="reads + writes", period=FIVE_MINUTES, label="throttle events",
                using_metrics={"reads": table.metric("ReadThrottleEvents", statistic="Sum", period=FIVE_MINUTES),
                               "writes": table.metric("WriteThrottleEvents", statistic="Sum", period=FIVE_MINUTES)})
            self._alarm(f"{model}TableThrottled", f"The {model} table throttled reads or writes", throttled)

        undelivered = self._log_metric("UndeliveredMessages", UNDELIVERED_PATTERN,
                                       [log_groups[name] for name in outbox_functions])
        self._alarm("UndeliveredMessages", "A message the outbox gave up on: see GET /api/admin/messages?status=failed "
                    "(or unconfirmed) and send it again", undelivered)
        stripe = self._log_metric("StripeWebhookFailures", STRIPE_FAILURE_PATTERN, [log_groups[api_function]])
        self._alarm("StripeWebhookFailures", "Stripe's webhook was refused or failed: check the webhook secret "
                    "and the API's log", stripe)

    def _log_metric(self, name: str, pattern: str, groups: list[logs.ILogGroup]) -> cloudwatch.Metric:
        for index, group in enumerate(groups):
            logs.MetricFilter(self, f"{name}Filter{index}", log_group=group, metric_namespace=NAMESPACE,
                              metric_name=name, metric_value="1", default_value=None,
                              filter_pattern=logs.FilterPattern.literal(pattern))
        return cloudwatch.Metric(namespace=NAMESPACE, metric_name=name, statistic="Sum", period=FIVE_MINUTES)

    def _alarm(self, construct_id: str, description: str, metric: cloudwatch.IMetric, threshold: float = 1) -> None:
        alarm = cloudwatch.Alarm(
            self, construct_id, metric=metric, threshold=threshold, evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING, alarm_description=description)
        alarm.add_alarm_action(actions.SnsAction(self.topic))
        alarm.add_ok_action(actions.SnsAction(self.topic))
        self.alarms.append(alarm)
