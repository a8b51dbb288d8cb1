"""Every DynamoDB table, generated from the PynamoDB models (``ALL_MODELS``: one source of truth).

Keys, global secondary indexes with their projections, the TTL attribute and the stream come
from each model's own schema (the one ``create_table`` uses in local mode), so a model and its
table cannot drift apart. Every table is on-demand, with point-in-time recovery and deletion
protection, and is kept when the stack is deleted.
"""
from __future__ import annotations

from typing import Any

from aws_cdk import RemovalPolicy
from aws_cdk import aws_dynamodb as dynamodb
from constructs import Construct

from chalicelib.db.models import ALL_MODELS
from chalicelib.db.models.base import Table as ModelTable

_TYPES = {"S": dynamodb.AttributeType.STRING, "N": dynamodb.AttributeType.NUMBER, "B": dynamodb.AttributeType.BINARY}
_PROJECTIONS = {
    "ALL": dynamodb.ProjectionType.ALL,
    "KEYS_ONLY": dynamodb.ProjectionType.KEYS_ONLY,
    "INCLUDE": dynamodb.ProjectionType.INCLUDE,
}
_STREAMS = {
    "NEW_IMAGE": dynamodb.StreamViewType.NEW_IMAGE,
    "OLD_IMAGE": dynamodb.StreamViewType.OLD_IMAGE,
    "NEW_AND_OLD_IMAGES": dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    "KEYS_ONLY": dynamodb.StreamViewType.KEYS_ONLY,
}


def _keys(key_schema: list[dict[str, str]], types: dict[str, str]) -> dict[str, dynamodb.Attribute]:
    keys = {}
    for key in key_schema:
        name = key["AttributeName"]
        role = "partition_key" if key["KeyType"] == "HASH" else "sort_key"
        keys[role] = dynamodb.Attribute(name=name, type=_TYPES[types[name]])
    return keys


def _table_props(model: type[ModelTable]) -> dict[str, Any]:
    schema = model._get_schema()  # noqa: SLF001 - PynamoDB's CreateTable description of the model
    types = {d["AttributeName"]: d["AttributeType"] for d in schema["attribute_definitions"]}
    props: dict[str, Any] = _keys(schema["key_schema"], types)
    ttl = model._ttl_attribute()  # noqa: SLF001
    if ttl is not None:
        props["time_to_live_attribute"] = ttl.attr_name
    stream = getattr(model.Meta, "stream_view_type", None)
    if stream:
        props["stream"] = _STREAMS[stream]
    if schema.get("local_secondary_indexes"):
        raise ValueError(f"{model.__name__}: local secondary indexes are not generated yet")
    return props


class Tables(Construct):
    """``self.by_model[Model]`` is the table of that model, named ``<prefix><base_name>``."""

    def __init__(self, scope: Construct, construct_id: str, *, prefix: str) -> None:
        super().__init__(scope, construct_id)
        self.prefix = prefix
        self.by_model: dict[type[ModelTable], dynamodb.Table] = {}
        for model in ALL_MODELS:
            table = dynamodb.Table(
                self, model.__name__,
                table_name=f"{prefix}{model.base_name}",
                billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
                point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                    point_in_time_recovery_enabled=True),
                deletion_protection=True,
                encryption=dynamodb.TableEncryption.AWS_MANAGED,
                removal_policy=RemovalPolicy.RETAIN,
                **_table_props(model),
            )
            schema = model._get_schema()  # noqa: SLF001
            types = {d["AttributeName"]: d["AttributeType"] for d in schema["attribute_definitions"]}
            for index in schema.get("global_secondary_indexes", []):
                projection = index["projection"]
                table.add_global_secondary_index(
                    index_name=index["index_name"],
                    projection_type=_PROJECTIONS[projection["ProjectionType"]],
                    non_key_attributes=projection.get("NonKeyAttributes"),
                    **_keys(index["key_schema"], types),
                )
            self.by_model[model] = table

    @property
    def all(self) -> list[dynamodb.Table]:
        return list(self.by_model.values())

    def arns_with_indexes(self) -> list[str]:
        """Every table's ARN and each of its indexes' by name (IAM resources with no wildcard)."""
        arns: list[str] = []
        for model, table in self.by_model.items():
            arns.append(table.table_arn)
            indexes = model._get_schema().get("global_secondary_indexes", [])  # noqa: SLF001
            arns += [f"{table.table_arn}/index/{index['index_name']}" for index in indexes]
        return arns
