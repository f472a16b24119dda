"""Immutable records the repositories return (``shared`` has no record dataclasses for these yet).

Status fields carry the ``shared`` enums where the value is one of theirs; ``pending`` marks a record
whose optimistic change still waits in the outbox (``synced`` is false for one the server never saw).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from shared.documents import ApprovalStatus, PiiStatus, ScanStatus


@dataclass(frozen=True, slots=True)
class VehicleRecord:
    id: str
    vin: str | None
    vin_masked: str
    nickname: str | None
    meta: dict[str, Any]
    owner_user_id: str | None
    org_id: str | None
    version: int | None
    pending: bool
    synced: bool
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class EntryRecord:
    id: str
    vehicle_id: str
    entry_group_id: str
    version: int
    is_latest: bool
    date: str
    type: str
    performed_by: str
    km: int
    note: str | None
    cost_amount: int | None
    currency: str
    trust_level: str | None
    supersedes_entry_id: str | None
    pending: bool
    synced: bool


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    id: str
    vehicle_id: str | None
    entry_id: str | None
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    approval_status: ApprovalStatus | str
    scan_status: ScanStatus | str
    pii_status: PiiStatus | str
    upload_state: str
    has_local_blob: bool
    pending: bool
    synced: bool
    #: The server's ``reject_reason`` (a reviewer's text or a code such as ``infected_auto_reject``).
    reject_reason: str | None = None


@dataclass(frozen=True, slots=True)
class TrustSummaryRecord:
    vehicle_id: str
    trust_light: str
    summary: dict[str, Any]


@dataclass(frozen=True, slots=True)
class OutboxItem:
    mutation_id: int
    client_id: str
    name: str
    args: dict[str, Any]
    base_version: int | None
    attempts: int


@dataclass(frozen=True, slots=True)
class SyncProblemRecord:
    """A rejected mutation kept for the user: ``message`` is the German text for ``code``."""

    id: str
    mutation_id: int
    name: str
    args: dict[str, Any]
    base_version: int | None
    code: str
    message: str
    server_state: dict[str, Any] | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SyncStatus:
    client_id: str
    user_id: str | None
    server_url: str | None
    cursor: str | None
    pending_mutations: int
    problems: int
    last_sync_at: datetime | None
    needs_full_resync: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def enum_or_raw(enum: Any, value: str) -> Any:
    """``enum(value)`` when it is a member, else the raw string (a newer server may know more states)."""
    try:
        return enum(value)
    except ValueError:
        return value
