"""``db.conditional``: a failed condition is an answer, any other failure still raises."""
from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from pynamodb.exceptions import PutError, UpdateError

from chalicelib.db import conditional


def _failing(exc_type: type, code: str):
    def write() -> None:
        raise exc_type("write failed", cause=ClientError({"Error": {"Code": code, "Message": "no"}}, "PutItem"))
    return write


def test_a_write_that_happens_answers_true():
    written = []
    assert conditional(lambda: written.append("item")) is True
    assert written == ["item"]


def test_a_failed_condition_answers_false():
    assert conditional(_failing(PutError, "ConditionalCheckFailedException")) is False
    assert conditional(_failing(UpdateError, "ConditionalCheckFailedException")) is False


def test_any_other_failure_still_raises():
    with pytest.raises(UpdateError):
        conditional(_failing(UpdateError, "ProvisionedThroughputExceededException"))
