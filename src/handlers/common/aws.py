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


# Quota errors: waiting does not raise a quota, so they are never retried, even when a caller lists them as retryable.
# Codes from the botocore models: IAM LimitExceeded (UpdateAssumeRolePolicy), DataZone ServiceQuotaExceededException
# (StartDataSourceRun, CreateSubscriptionRequest, AcceptSubscriptionRequest, DeleteProjectMembership), Lake Formation
# ResourceNumberLimitExceededException.
QUOTA = frozenset({"LimitExceeded", "LimitExceededException", "ServiceQuotaExceededException", "ResourceNumberLimitExceededException"})
MAX_BACKOFF_SECONDS = 30


class GaveUp(RuntimeError):
    """A retryable error that outlasted the bounded wait. It keeps the AWS error's `response` and `operation_name`,
    so `code()` still reads the error code; its message says what was waited for, for how long, and how to fix it."""

    def __init__(self, error, attempts, waited, what, fix):
        self.response = getattr(error, "response", {})
        self.operation_name = getattr(error, "operation_name", "")
        operation = self.operation_name or "the AWS call"
        super().__init__(
            f"Gave up after {attempts} attempts and {waited:.0f} s of backoff waiting for {what}: {operation} kept failing with "
            f"{code(error) or type(error).__name__} ({error}). Fix: {fix}")


DEFAULT_FIX = ("the service kept throttling or was not ready; deploy again in a few minutes, and if it keeps happening, "
               "look for another caller using up the API rate (CloudTrail) or raise the API's rate quota in Service Quotas.")


def call(operation, sleep=time.sleep, retryable=(), retry_also=lambda error: False, attempts=8, deadline=None, clock=time.monotonic,
         what=None, fix=DEFAULT_FIX):
    """Run `operation`, retrying the error codes in `retryable` (or when `retry_also(error)`) with
    exponential backoff and jitter, capped at 30 s a wait. A quota error (QUOTA) and any other error are
    raised at once. A retryable error still there after `attempts` tries, or whose next wait would end
    after `deadline` (a `clock()` value), raises GaveUp, naming `what` was waited for and `fix`."""
    waited = 0.0
    for attempt in range(attempts):
        try:
            return operation()
        except Exception as error:
            if code(error) in QUOTA or (code(error) not in retryable and not retry_also(error)):
                raise
            wait = min(2 ** attempt, MAX_BACKOFF_SECONDS) * (0.5 + random.random() / 2)
            if attempt == attempts - 1 or (deadline is not None and clock() + wait > deadline):
                raise GaveUp(error, attempt + 1, waited, what or f"{getattr(error, 'operation_name', '') or 'the AWS call'} to succeed", fix) from error
            sleep(wait)
            waited += wait
