"""Pure push/handshake rules shared by the server and the desktop engine (no I/O, no clock)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from shared.errors import DomainError, ErrorCode
from shared.sync.protocol import Mutation


class Disposition(StrEnum):
    """What the server does with one incoming mutation."""

    APPLY = "apply"
    DUPLICATE = "duplicate"


def parse_version(raw: str | int | None) -> int | None:
    """A version from a header or query value; None when absent or not a positive integer."""
    if raw is None:
        return None
    if isinstance(raw, int):
        return raw if raw >= 0 else None
    text = raw.strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


def check_versions(
    client_protocol: int | None, client_schema: int | None, *, server_protocol: int, server_schema: int
) -> None:
    """409 ``protocol_mismatch`` when the client sent a protocol or schema version other than the server's.

    A client that sends no versions is assumed current (plain REST tools); the desktop always sends both.
    """
    if client_protocol is not None and client_protocol != server_protocol:
        raise DomainError(ErrorCode.PROTOCOL_MISMATCH, message="protocol version differs")
    if client_schema is not None and client_schema != server_schema:
        raise DomainError(ErrorCode.PROTOCOL_MISMATCH, message="schema version differs")


def check_order(mutations: Sequence[Mutation]) -> None:
    """422 ``validation_failed`` unless mutation ids strictly ascend within the batch."""
    previous = 0
    for mutation in mutations:
        if mutation.mutation_id <= previous:
            raise DomainError(ErrorCode.VALIDATION_FAILED, message="mutation ids must ascend")
        previous = mutation.mutation_id


def disposition(mutation_id: int, last_mutation_id: int) -> Disposition:
    """A mutation at or below the client's last answered id was seen before: answer it again."""
    return Disposition.DUPLICATE if mutation_id <= last_mutation_id else Disposition.APPLY
