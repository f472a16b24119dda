"""Audit log (SPEC §11.6): :func:`record` is the one way to write an event (:func:`record_all` for a batch)."""

from __future__ import annotations

from syncserver.audit.actions import (
    ActorType,
    AuditAction,
    AuditResult,
    AuditScope,
    ReasonCode,
    TargetType,
)
from syncserver.audit.service import AuditActor, event_values, record, record_all, register_metadata_keys

__all__ = [
    "ActorType",
    "AuditAction",
    "AuditActor",
    "AuditResult",
    "AuditScope",
    "ReasonCode",
    "TargetType",
    "event_values",
    "record",
    "record_all",
    "register_metadata_keys",
]
