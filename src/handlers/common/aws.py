# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""What every handler of the library shares: clients that retry, error codes, and backoff."""
import random
import time


# Errors that mean "this caller may not": never retried as transient. Right after a role, its policy or its
# DataZone membership is made they may still come for a while; handlers that poll wait them out for
# DENIED_GRACE_SECONDS, then fail naming the permission or membership that is missing.
DENIED = frozenset({"AccessDeniedException", "UnauthorizedException"})
DENIED_GRACE_SECONDS = 300


def client(service):
    """A boto3 client whose own retries (standard mode, 8 attempts) absorb throttling."""
    import boto3
    from botocore.config import Config

    return boto3.client(service, config=Config(retries={"mode": "standard", "max_attempts": 8}))


def code(error):
    """The AWS error code of a botocore ClientError ('' for anything else)."""
    return getattr(error, "response", {}).get("Error", {}).get("Code", "")


def call(operation, sleep=time.sleep, retryable=(), retry_also=lambda error: False, attempts=8, deadline=None, clock=time.monotonic):
    """Run `operation`, retrying the error codes in `retryable` (or when `retry_also(error)`) with
    exponential backoff and jitter, capped at 30 s a wait; the last failure is raised. With `deadline`
    (a `clock()` value), no wait ends after it: the failure is raised instead."""
    for attempt in range(attempts):
        try:
            return operation()
        except Exception as error:
            if (code(error) not in retryable and not retry_also(error)) or attempt == attempts - 1:
                raise
            wait = min(2 ** attempt, 30) * (0.5 + random.random() / 2)
            if deadline is not None and clock() + wait > deadline:
                raise
            sleep(wait)
