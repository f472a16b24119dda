"""ORM models; importing this package registers every table on ``Base.metadata`` (Alembic needs that)."""

from __future__ import annotations

from syncserver.models.addon import AddonConfig, AddonEntitlement, TrustFolder, TrustFolderItem, VehicleAddon
from syncserver.models.audit import AuditEvent
from syncserver.models.auth import AuthChallenge, AuthSession, AuthToken, BackupCode
from syncserver.models.base import Base
from syncserver.models.consent import ConsentRecord
from syncserver.models.document import Document
from syncserver.models.entry import VehicleEntry
from syncserver.models.governance import Entitlement, Membership, Organisation, StepUpGrant
from syncserver.models.job import Job
from syncserver.models.public_share import PublicTokenHistory
from syncserver.models.ratelimit import RateLimitCounter
from syncserver.models.sync import (
    SyncBlobUpload,
    SyncChange,
    SyncClient,
    SyncIdAlias,
    SyncMutationAnswer,
    SyncVisibility,
)
from syncserver.models.user import User
from syncserver.models.vehicle import CollectionVehicle, Vehicle, VehicleCollection, VehicleTrustSummary
from syncserver.models.workshop import WorkshopGrant

__all__ = [
    "AddonConfig",
    "AddonEntitlement",
    "AuditEvent",
    "AuthChallenge",
    "AuthSession",
    "AuthToken",
    "BackupCode",
    "Base",
    "CollectionVehicle",
    "ConsentRecord",
    "Document",
    "Entitlement",
    "Job",
    "Membership",
    "Organisation",
    "PublicTokenHistory",
    "RateLimitCounter",
    "StepUpGrant",
    "SyncBlobUpload",
    "SyncChange",
    "SyncClient",
    "SyncIdAlias",
    "SyncMutationAnswer",
    "SyncVisibility",
    "TrustFolder",
    "TrustFolderItem",
    "User",
    "Vehicle",
    "VehicleAddon",
    "VehicleCollection",
    "VehicleEntry",
    "VehicleTrustSummary",
    "WorkshopGrant",
]
