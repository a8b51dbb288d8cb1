"""The synthesized template's IAM policies as plain strings, to check calls against them offline.

References become stand-ins a recorded call can be written in too: a table's ARN is
``arn:aws:dynamodb:us-east-1:123456789012:table/<its TableName>``, a secret's is
``secret:<logical id>``, a bucket's ``arn:aws:s3:::<logical id>``, an SES identity or
configuration set its name, a pseudo parameter an example value.
"""
from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

PSEUDO = {"AWS::Partition": "aws", "AWS::Region": "us-east-1", "AWS::AccountId": "123456789012",
          "AWS::URLSuffix": "amazonaws.com"}


@dataclass(frozen=True)
class Statement:
    actions: tuple[str, ...]
    resources: tuple[str, ...]

    def allows(self, action: str, resource: str) -> bool:
        return (any(fnmatchcase(action, a) for a in self.actions)
                and any(fnmatchcase(resource, r) for r in self.resources))


class Resolver:
    def __init__(self, resources: dict[str, dict[str, Any]]) -> None:
        self.resources = resources

    def __call__(self, value: Any) -> str:
        if isinstance(value, str):
            return value
        if "Fn::Join" in value:
            separator, parts = value["Fn::Join"]
            return separator.join(self(part) for part in parts)
        if "Ref" in value:
            return self._ref(value["Ref"])
        if "Fn::GetAtt" in value:
            name, attribute = value["Fn::GetAtt"]
            return self._arn(name, attribute)
        raise ValueError(f"cannot read {value}")

    def _ref(self, name: str) -> str:
        if name in PSEUDO:
            return PSEUDO[name]
        resource = self.resources[name]
        kind, props = resource["Type"], resource.get("Properties", {})
        if kind == "AWS::SecretsManager::Secret":
            return f"secret:{name}"
        if kind == "AWS::SES::EmailIdentity":
            return props["EmailIdentity"]
        if kind == "AWS::SES::ConfigurationSet":
            return props["Name"]
        if kind == "AWS::S3::Bucket":
            return name
        return f"ref:{name}"

    def _arn(self, name: str, attribute: str) -> str:
        resource = self.resources[name]
        kind = resource["Type"]
        if kind == "AWS::DynamoDB::Table" and attribute == "Arn":
            return f"arn:aws:dynamodb:us-east-1:123456789012:table/{resource['Properties']['TableName']}"
        if kind == "AWS::DynamoDB::Table" and attribute == "StreamArn":
            return f"arn:aws:dynamodb:us-east-1:123456789012:table/{resource['Properties']['TableName']}/stream/*"
        if kind == "AWS::S3::Bucket":
            return f"arn:aws:s3:::{name}"
        return f"{name}.{attribute}"


def role_statements(resources: dict[str, dict[str, Any]], role: str) -> list[Statement]:
    """Every Allow statement attached to ``role`` (a logical id): its inline and its attached policies,
    the overflow managed policy CDK adds when the inline one would be over IAM's size limit included."""
    resolve = Resolver(resources)
    documents = [p["PolicyDocument"] for p in resources[role]["Properties"].get("Policies", [])]
    documents += [r["Properties"]["PolicyDocument"] for r in resources.values()
                  if r["Type"] in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy") and {"Ref": role} in r["Properties"].get("Roles", [])]
    statements = []
    for document in documents:
        for statement in document["Statement"]:
            assert statement["Effect"] == "Allow"
            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            found = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
            statements.append(Statement(tuple(actions), tuple(resolve(r) for r in found)))
    return statements


def function_role(resources: dict[str, dict[str, Any]], function: str) -> str:
    return resources[function]["Properties"]["Role"]["Fn::GetAtt"][0]
