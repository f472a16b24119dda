"""Admin user operations: the user list, role changes, moderator accreditation, entitlements. No FastAPI.

Order of checks for a role change (API_CONTRACT admin table): ``check_role_grant`` on the requested role
(400 ``invalid_role``, 403 ``superadmin_required`` first), then the step-up grant, then the target user
(404 ``user_not_found``) and finally the target's current role (an admin may not touch a superadmin).
Denials are audited and committed; the step-up grant is spent only when the change succeeds.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from shared.errors import DomainError, ErrorCode
from shared.ids import uuid7
from shared.roles import Role, StepUpScope, check_role_grant
from syncserver.access.actor import Actor
from syncserver.admin.stepup import StepUpService
from syncserver.audit import AuditAction, AuditResult, ReasonCode, TargetType, record, register_metadata_keys
from syncserver.context import ServerContext
from syncserver.failures import RecordedFailure
from syncserver.governance.repository import GovernanceRepository
from syncserver.models.governance import Entitlement
from syncserver.models.user import User

register_metadata_keys("ttl_seconds", "key", "value", "has_reason", "step_up_scope")


@dataclass(frozen=True, slots=True)
class RoleChange:
    user_id: uuid.UUID
    old_role: str
    new_role: str
    at: datetime


class AdminService:
    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = GovernanceRepository(session)
        self.step_up = StepUpService(session, ctx)

    def list_users(self, *, limit: int, offset: int) -> Sequence[User]:
        """Accounts newest first (the endpoint exposes no e-mail)."""
        return self.repo.list_users(limit=limit, offset=offset)

    # roles ----------------------------------------------------------------------------------------
    def change_role(
        self, actor: Actor, user_id: uuid.UUID, role: str, step_up_token: str | None, reason: str | None = None
    ) -> RoleChange:
        """Set ``user_id``'s role (step-up ``role_grant``); see the module docstring for the check order."""
        target = self._check_grant(actor, user_id, role, None)
        grant = self.step_up.check(actor, StepUpScope.ROLE_GRANT, step_up_token)
        user = self._user(user_id)
        self._check_grant(actor, user_id, target.value, Role(user.role))
        change = self._apply(actor, user, target, reason)
        self.step_up.spend(grant)
        return change

    def accredit_moderator(
        self, actor: Actor, user_id: uuid.UUID, step_up_token: str | None, reason: str | None = None
    ) -> RoleChange:
        """Make ``user_id`` a moderator (step-up ``moderator_accredit``); audited ``MODERATOR_ACCREDITED``."""
        grant = self.step_up.check(actor, StepUpScope.MODERATOR_ACCREDIT, step_up_token)
        user = self._user(user_id)
        self._check_grant(actor, user_id, Role.MODERATOR.value, Role(user.role))
        change = self._apply(actor, user, Role.MODERATOR, reason)
        self.step_up.spend(grant)
        return change

    def _user(self, user_id: uuid.UUID) -> User:
        user = self.repo.get_user_for_update(user_id)
        if user is None:
            raise DomainError(ErrorCode.USER_NOT_FOUND)
        return user

    def _check_grant(self, actor: Actor, user_id: uuid.UUID, role: str, current: Role | None) -> Role:
        try:
            return check_role_grant(actor.role, role, current)
        except DomainError as exc:
            if exc.code is not ErrorCode.SUPERADMIN_REQUIRED:
                raise
            record(
                self.session,
                AuditAction.ROLE_GRANTED,
                at=self.ctx.clock.now(),
                actor=actor.audit,
                result=AuditResult.DENIED,
                target_type=TargetType.USER,
                target_id=user_id,
                reason_code=ReasonCode.SUPERADMIN_REQUIRED,
                metadata={"new_role": role if role in set(Role) else None},
            )
            raise RecordedFailure(exc.code, exc.http_status) from None

    def _apply(self, actor: Actor, user: User, role: Role, reason: str | None) -> RoleChange:
        now = self.ctx.clock.now()
        old = user.role
        if old != role.value:
            self.repo.set_role(user, role, now)
        meta = {"old_role": old, "new_role": role.value, "has_reason": bool(reason)}
        actions = [AuditAction.ROLE_REVOKED if role is Role.USER else AuditAction.ROLE_GRANTED]
        if role is Role.MODERATOR:
            actions.append(AuditAction.MODERATOR_ACCREDITED)
        elif old == Role.MODERATOR.value:
            actions.append(AuditAction.MODERATOR_REVOKED)
        for action in actions:
            record(
                self.session,
                action,
                at=now,
                actor=actor.audit,
                target_type=TargetType.USER,
                target_id=user.id,
                metadata=meta,
            )
        return RoleChange(user.id, old, role.value, now)

    # entitlements ---------------------------------------------------------------------------------
    def set_entitlement(self, actor: Actor, user_id: uuid.UUID, key: str, value: int) -> Entitlement:
        """Create or update one entitlement of ``user_id`` (D12); 404 ``user_not_found``."""
        if self.repo.get_user(user_id) is None:
            raise DomainError(ErrorCode.USER_NOT_FOUND)
        now = self.ctx.clock.now()
        entitlement = self.repo.get_entitlement(user_id, key)
        if entitlement is None:
            entitlement = Entitlement(id=uuid7(), user_id=user_id, key=key, value=value, set_at=now)
            entitlement.set_by_user_id = actor.user_id
            self.repo.add(entitlement)
        else:
            entitlement.value = value
            entitlement.set_by_user_id = actor.user_id
            entitlement.set_at = now
            self.repo.flush()
        record(
            self.session,
            AuditAction.ENTITLEMENT_SET,
            at=now,
            actor=actor.audit,
            target_type=TargetType.USER,
            target_id=user_id,
            metadata={"key": key, "value": value},
        )
        return entitlement

    def entitlements(self, user_id: uuid.UUID) -> Sequence[Entitlement]:
        """Every entitlement of ``user_id``; 404 ``user_not_found``."""
        if self.repo.get_user(user_id) is None:
            raise DomainError(ErrorCode.USER_NOT_FOUND)
        return self.repo.entitlements(user_id)
