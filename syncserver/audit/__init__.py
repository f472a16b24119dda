"""Audit log (SPEC §11.6): :func:`record` is the one way to write an event."""

from __future__ import annotations

from syncserver.audit.actions import (
    ActorType,
    AuditAction,
    AuditResult,
    AuditScope,
    ReasonCode,
    TargetType,
)
from syncserver.audit.service import AuditActor, record, register_metadata_keys

__all__ = [
    "ActorType",
    "AuditAction",
    "AuditActor",
    "AuditResult",
    "AuditScope",
    "ReasonCode",
    "TargetType",
    "record",
    "register_metadata_keys",
]
