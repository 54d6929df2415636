# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The retry every handler shares (src/handlers/common/aws.py): capped backoff inside a bounded wait, a message at the end,
and quota errors that fail at once."""
import pytest
from conftest import Clock, Failing, client_error

from common.aws import QUOTA, GaveUp, call, code


def test_retries_a_retryable_error_with_waits_capped_at_30_seconds_then_returns_the_answer():
    clock = Clock()
    operation = Failing([client_error("ThrottlingException", "ListThings")] * 7, result="answer")
    assert call(operation, clock.sleep, {"ThrottlingException"}, attempts=8, clock=clock) == "answer"
    assert len(clock.waits) == 7 and max(clock.waits) <= 30


def test_gives_up_after_its_attempts_saying_what_it_waited_for_and_how_to_fix_it_and_keeps_the_error_code():
    clock = Clock()
    operation = Failing([client_error("ThrottlingException", "ListThings")] * 10)
    with pytest.raises(GaveUp, match=r"Gave up after 4 attempts and \d+ s of backoff waiting for the things to be listed: ListThings kept failing with "
                                     r"ThrottlingException \(.*\)\. Fix: call less often") as failure:
        call(operation, clock.sleep, {"ThrottlingException"}, attempts=4, clock=clock, what="the things to be listed", fix="call less often")
    assert operation.calls == 4 and code(failure.value) == "ThrottlingException" and failure.value.operation_name == "ListThings"


def test_no_wait_ends_after_the_deadline():
    clock = Clock()
    operation = Failing([client_error("ThrottlingException", "ListThings")] * 100)
    with pytest.raises(GaveUp):
        call(operation, clock.sleep, {"ThrottlingException"}, attempts=100, deadline=60, clock=clock)
    assert clock.now <= 60


@pytest.mark.parametrize("quota", sorted(QUOTA))
def test_never_retries_a_quota_error_even_when_told_it_is_retryable(quota):
    clock = Clock()
    operation = Failing([client_error(quota, "CreateThing")], result="answer")
    with pytest.raises(Exception, match=quota) as failure:
        call(operation, clock.sleep, {quota}, clock=clock)
    assert not isinstance(failure.value, GaveUp) and clock.waits == [] and operation.calls == 1


def test_raises_any_other_error_at_once():
    clock = Clock()
    operation = Failing([client_error("ValidationException", "CreateThing")], result="answer")
    with pytest.raises(Exception, match="ValidationException"):
        call(operation, clock.sleep, {"ThrottlingException"}, clock=clock)
    assert clock.waits == []
