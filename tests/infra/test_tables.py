"""Every table the models declare exists, shaped as the model says, and cannot be lost."""
from __future__ import annotations

from chalicelib.db.models import ALL_MODELS, OutboxMessage

PREFIX = "portal-prod-"


def _tables(synthesized):
    return {r["Properties"]["TableName"]: r for r in synthesized.of_type("AWS::DynamoDB::Table").values()}


def _keys(key_schema):
    return {(k["AttributeName"], k["KeyType"]) for k in key_schema}


def test_one_table_per_model_and_no_other(synthesized):
    assert set(_tables(synthesized)) == {f"{PREFIX}{model.base_name}" for model in ALL_MODELS}


def test_every_table_is_on_demand_recoverable_protected_and_kept_when_the_stack_goes(synthesized):
    for name, table in _tables(synthesized).items():
        props = table["Properties"]
        assert props["BillingMode"] == "PAY_PER_REQUEST", name
        assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True, name
        assert props["DeletionProtectionEnabled"] is True, name
        assert (table["DeletionPolicy"], table["UpdateReplacePolicy"]) == ("Retain", "Retain"), name


def test_keys_indexes_projections_and_ttl_equal_the_models(synthesized):
    tables = _tables(synthesized)
    for model in ALL_MODELS:
        props = tables[f"{PREFIX}{model.base_name}"]["Properties"]
        schema = model._get_schema()  # noqa: SLF001
        assert _keys(props["KeySchema"]) == _keys(schema["key_schema"]), model.__name__
        wanted_types = {(d["AttributeName"], d["AttributeType"]) for d in schema["attribute_definitions"]}
        assert {(d["AttributeName"], d["AttributeType"]) for d in props["AttributeDefinitions"]} == wanted_types
        indexes = {i["IndexName"]: i for i in props.get("GlobalSecondaryIndexes", [])}
        assert set(indexes) == {i["index_name"] for i in schema["global_secondary_indexes"]}, model.__name__
        for index in schema["global_secondary_indexes"]:
            built = indexes[index["index_name"]]
            assert _keys(built["KeySchema"]) == _keys(index["key_schema"]), index["index_name"]
            assert built["Projection"]["ProjectionType"] == index["projection"]["ProjectionType"]
            assert sorted(built["Projection"].get("NonKeyAttributes", [])) == sorted(
                index["projection"].get("NonKeyAttributes", []))
        ttl = model._ttl_attribute()  # noqa: SLF001
        if ttl is None:
            assert "TimeToLiveSpecification" not in props, model.__name__
        else:
            assert props["TimeToLiveSpecification"] == {"AttributeName": ttl.attr_name, "Enabled": True}


def test_only_the_outbox_has_a_stream_with_the_new_image_the_worker_reads(synthesized):
    streams = {name: t["Properties"].get("StreamSpecification") for name, t in _tables(synthesized).items()}
    assert {name for name, s in streams.items() if s} == {f"{PREFIX}{OutboxMessage.base_name}"}
    assert streams[f"{PREFIX}outbox"] == {"StreamViewType": "NEW_IMAGE"}
