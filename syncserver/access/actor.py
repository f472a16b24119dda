"""The authenticated caller as every layer sees it (no FastAPI)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from shared.roles import ADMIN_ROLES, Role
from syncserver.audit import AuditActor


@dataclass(frozen=True, slots=True)
class Actor:
    """A signed-in account acting through one session."""

    user_id: uuid.UUID
    role: Role
    session_id: uuid.UUID
    second_factor: bool
    totp_enabled: bool
    email_hmac: str
    #: Whether the account had accepted every required consent version when the request was authenticated
    #: (read with the access check); None when not known - then the consent service asks the database.
    consent_complete: bool | None = None

    @property
    def is_admin(self) -> bool:
        return self.role in ADMIN_ROLES

    @property
    def audit(self) -> AuditActor:
        return AuditActor.user(self.user_id, self.role.value)
