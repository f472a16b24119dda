"""/admin/* user routes: the user list, step-up grants, roles, moderator accreditation, entitlements."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query

from shared.permissions import Action
from syncserver.access import Actor, Policy, require
from syncserver.admin.schemas import (
    AdminUserOut,
    EntitlementIn,
    EntitlementOut,
    ReasonIn,
    RoleChangeOut,
    RoleIn,
    StepUpIn,
    StepUpOut,
)
from syncserver.admin.service import AdminService, RoleChange
from syncserver.admin.stepup import STEP_UP_HEADER, IssuedStepUp, StepUpService
from syncserver.deps import ContextDep, SessionDep
from syncserver.models.governance import Entitlement

router = APIRouter(prefix="/admin", tags=["admin"])

ADMIN_USERS = Policy.admin(Action.ADMIN_USERS.value)
ADMIN_STEP_UP = Policy.admin(Action.ADMIN_STEP_UP.value)
ADMIN_ROLE_GRANT = Policy.admin(Action.ADMIN_ROLE_GRANT.value)
ADMIN_MODERATOR_ACCREDIT = Policy.admin(Action.ADMIN_MODERATOR_ACCREDIT.value)
ADMIN_ENTITLEMENTS = Policy.admin(Action.ADMIN_CONFIG.value + ".entitlements")

StepUpHeader = Annotated[str | None, Header(alias=STEP_UP_HEADER)]


def step_up_out(issued: IssuedStepUp) -> StepUpOut:
    """The contract's answer for an issued step-up token (also used by the TOTP-checked grant)."""
    return StepUpOut(
        scope=issued.scope.value,
        step_up_token=issued.token,
        token=issued.token,
        expires_at=issued.expires_at,
        ttl_seconds=issued.ttl_seconds,
        header=STEP_UP_HEADER,
    )


_ERRORS: dict[int | str, dict[str, str]] = {
    400: {"description": "invalid_role"},
    403: {"description": "totp_required, superadmin_required, admin_step_up_required, admin_step_up_invalid"},
    404: {"description": "user_not_found"},
}


def _role_out(change: RoleChange) -> RoleChangeOut:
    return RoleChangeOut(user_id=change.user_id, old_role=change.old_role, new_role=change.new_role, at=change.at)


def _entitlement_out(entitlement: Entitlement) -> EntitlementOut:
    return EntitlementOut(
        user_id=entitlement.user_id,
        key=entitlement.key,
        value=entitlement.value,
        set_by_user_id=entitlement.set_by_user_id,
        set_at=entitlement.set_at,
    )


@router.get("/users", response_model=list[AdminUserOut])
def list_users(
    _: Annotated[Actor, Depends(require(ADMIN_USERS))],
    session: SessionDep,
    ctx: ContextDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 500,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[AdminUserOut]:
    """Accounts newest first, without e-mail addresses."""
    users = AdminService(session, ctx).list_users(limit=limit, offset=offset)
    return [AdminUserOut(user_id=u.id, role=u.role, created_at=u.created_at) for u in users]


@router.post("/step-up/grant", response_model=StepUpOut, responses={400: {"description": "invalid_step_up_scope"}})
def grant_step_up(
    body: StepUpIn, actor: Annotated[Actor, Depends(require(ADMIN_STEP_UP))], session: SessionDep, ctx: ContextDep
) -> StepUpOut:
    """Issue a one-time step-up token for one scope, bound to the calling admin."""
    issued = StepUpService(session, ctx).grant(actor, body.scope, body.ttl_seconds)
    return step_up_out(issued)


@router.post("/users/{user_id}/role", response_model=RoleChangeOut, responses=_ERRORS)
def set_role(
    user_id: uuid.UUID,
    body: RoleIn,
    actor: Annotated[Actor, Depends(require(ADMIN_ROLE_GRANT))],
    session: SessionDep,
    ctx: ContextDep,
    step_up: StepUpHeader = None,
) -> RoleChangeOut:
    """Set a user's role (step-up ``role_grant``; granting superadmin needs a superadmin)."""
    return _role_out(AdminService(session, ctx).change_role(actor, user_id, body.role, step_up, body.reason))


@router.post("/users/{user_id}/moderator", response_model=RoleChangeOut, responses=_ERRORS)
def accredit_moderator(
    user_id: uuid.UUID,
    actor: Annotated[Actor, Depends(require(ADMIN_MODERATOR_ACCREDIT))],
    session: SessionDep,
    ctx: ContextDep,
    body: ReasonIn | None = None,
    step_up: StepUpHeader = None,
) -> RoleChangeOut:
    """Accredit a user as moderator (step-up ``moderator_accredit``)."""
    reason = body.reason if body else None
    return _role_out(AdminService(session, ctx).accredit_moderator(actor, user_id, step_up, reason))


@router.get("/users/{user_id}/entitlements", response_model=list[EntitlementOut])
def list_entitlements(
    user_id: uuid.UUID,
    _: Annotated[Actor, Depends(require(ADMIN_ENTITLEMENTS))],
    session: SessionDep,
    ctx: ContextDep,
) -> list[EntitlementOut]:
    """A user's entitlements (DECISIONS D12)."""
    return [_entitlement_out(e) for e in AdminService(session, ctx).entitlements(user_id)]


@router.post(
    "/users/{user_id}/entitlements", response_model=EntitlementOut, responses={404: {"description": "user_not_found"}}
)
def set_entitlement(
    user_id: uuid.UUID,
    body: EntitlementIn,
    actor: Annotated[Actor, Depends(require(ADMIN_ENTITLEMENTS))],
    session: SessionDep,
    ctx: ContextDep,
) -> EntitlementOut:
    """Set one entitlement of a user, e.g. ``extra_vehicles`` (DECISIONS D12)."""
    return _entitlement_out(AdminService(session, ctx).set_entitlement(actor, user_id, body.key, body.value))
