"""Errors whose side effects must survive the failed request (no FastAPI here: services raise these)."""

from __future__ import annotations

from shared.errors import DomainError


class RecordedFailure(DomainError):
    """A :class:`DomainError` after which the request session COMMITS instead of rolling back.

    Raise it only after flushing exactly the bookkeeping that must persist even though the request
    fails: a wrong-code attempt counter, a rate-limit hit, a revoked token family, an audit row for
    a denied attempt. Anything else the service changed must not have been flushed yet.
    """
