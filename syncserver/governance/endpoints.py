"""/orgs/* (organisations and memberships), /admin/orgs/* and /admin/vip-businesses (SPEC §11.3, D7)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, status

from shared.permissions import Action
from syncserver.access import Actor, Policy, require
from syncserver.admin.endpoints import StepUpHeader
from syncserver.deps import ContextDep, SessionDep
from syncserver.governance.schemas import (
    BUSINESS_ID_PATTERN,
    MembershipOut,
    OrgIn,
    OrgOut,
    VipBusinessIn,
    VipBusinessOut,
)
from syncserver.governance.service import OrgService, OrgView
from syncserver.governance.vip import BusinessView, VipBusinessService
from syncserver.models.governance import Membership

router = APIRouter(tags=["organisations"])

ORGS = Policy.product("orgs")
ADMIN_ORGS = Policy.admin(Action.ADMIN_ORGS.value)
ADMIN_VIP_BUSINESS = Policy.admin(Action.ADMIN_VIP_BUSINESS.value)
ADMIN_VIP_BUSINESS_APPROVE = Policy.admin(Action.ADMIN_VIP_BUSINESS_APPROVE.value, superadmin_only=True)
ADMIN_VIP_BUSINESS_STAFF = Policy.admin(Action.ADMIN_VIP_BUSINESS_STAFF.value, superadmin_only=True)

OrgActor = Annotated[Actor, Depends(require(ORGS))]
OrgAdmin = Annotated[Actor, Depends(require(ADMIN_ORGS))]
BusinessId = Annotated[str, Path(pattern=BUSINESS_ID_PATTERN)]
_NOT_FOUND: dict[int | str, dict[str, str]] = {404: {"description": "org_not_found, membership_not_found"}}


def _org_out(view: OrgView) -> OrgOut:
    org, membership = view.org, view.membership
    return OrgOut(
        id=org.id,
        kind=org.kind,
        name=org.name,
        owner_user_id=org.owner_user_id,
        approved=org.approved,
        created_at=org.created_at,
        membership_status=membership.status if membership else None,
        membership_role=membership.role if membership else None,
    )


def _membership_out(m: Membership) -> MembershipOut:
    return MembershipOut(
        id=m.id,
        org_id=m.org_id,
        user_id=m.user_id,
        status=m.status,
        role=m.role,
        created_at=m.created_at,
        updated_at=m.updated_at,
        approved_at=m.approved_at,
        revoked_at=m.revoked_at,
    )


def _business_out(view: BusinessView) -> VipBusinessOut:
    org = view.org
    return VipBusinessOut(
        business_id=org.business_id or str(org.id),
        owner_user_id=org.owner_user_id,
        approved=org.approved,
        created_at=org.created_at,
        approved_at=org.approved_at,
        approved_by_user_id=org.approved_by_user_id,
        staff_user_ids=view.staff_user_ids,
        staff_count=len(view.staff_user_ids),
    )


# --- /orgs -----------------------------------------------------------------------------------------
@router.post("/orgs", response_model=OrgOut, status_code=status.HTTP_201_CREATED)
def create_org(body: OrgIn, actor: OrgActor, session: SessionDep, ctx: ContextDep) -> OrgOut:
    """Create a workshop, dealer or fleet organisation owned by the caller."""
    return _org_out(OrgService(session, ctx).create(actor, body.kind, body.name))


@router.get("/orgs", response_model=list[OrgOut])
def my_orgs(actor: OrgActor, session: SessionDep, ctx: ContextDep) -> list[OrgOut]:
    """The caller's organisations with the caller's membership status."""
    return [_org_out(v) for v in OrgService(session, ctx).mine(actor)]


@router.get("/orgs/{org_id}", response_model=OrgOut, responses=_NOT_FOUND)
def get_org(org_id: uuid.UUID, actor: OrgActor, session: SessionDep, ctx: ContextDep) -> OrgOut:
    """One organisation, for its approved members only (org scope)."""
    return _org_out(OrgService(session, ctx).get(actor, org_id))


@router.get("/orgs/{org_id}/members", response_model=list[MembershipOut], responses=_NOT_FOUND)
def org_members(org_id: uuid.UUID, actor: OrgActor, session: SessionDep, ctx: ContextDep) -> list[MembershipOut]:
    """The memberships of an organisation (its owner only)."""
    return [_membership_out(m) for m in OrgService(session, ctx).members(actor, org_id)]


@router.post("/orgs/{org_id}/membership", response_model=MembershipOut, responses=_NOT_FOUND)
def request_membership(org_id: uuid.UUID, actor: OrgActor, session: SessionDep, ctx: ContextDep) -> MembershipOut:
    """Ask to join an organisation (idempotent)."""
    return _membership_out(OrgService(session, ctx).request(actor, org_id))


@router.post("/orgs/{org_id}/members/{user_id}/approve", response_model=MembershipOut, responses=_NOT_FOUND)
def approve_membership(
    org_id: uuid.UUID, user_id: uuid.UUID, actor: OrgActor, session: SessionDep, ctx: ContextDep
) -> MembershipOut:
    """Approve a membership request (the org owner)."""
    return _membership_out(OrgService(session, ctx).approve(actor, org_id, user_id))


@router.post("/orgs/{org_id}/members/{user_id}/revoke", response_model=MembershipOut, responses=_NOT_FOUND)
def revoke_membership(
    org_id: uuid.UUID, user_id: uuid.UUID, actor: OrgActor, session: SessionDep, ctx: ContextDep
) -> MembershipOut:
    """Revoke a membership (the org owner, or the member leaving)."""
    return _membership_out(OrgService(session, ctx).revoke(actor, org_id, user_id))


# --- /admin/orgs -----------------------------------------------------------------------------------
@router.get("/admin/orgs/{org_id}/members", response_model=list[MembershipOut], responses=_NOT_FOUND)
def admin_org_members(org_id: uuid.UUID, actor: OrgAdmin, session: SessionDep, ctx: ContextDep) -> list[MembershipOut]:
    """The memberships of any organisation."""
    return [_membership_out(m) for m in OrgService(session, ctx).members(actor, org_id, as_admin=True)]


@router.post("/admin/orgs/{org_id}/members/{user_id}/approve", response_model=MembershipOut, responses=_NOT_FOUND)
def admin_approve_membership(
    org_id: uuid.UUID, user_id: uuid.UUID, actor: OrgAdmin, session: SessionDep, ctx: ContextDep
) -> MembershipOut:
    """Approve a membership request as an admin."""
    return _membership_out(OrgService(session, ctx).approve(actor, org_id, user_id, as_admin=True))


@router.post("/admin/orgs/{org_id}/members/{user_id}/revoke", response_model=MembershipOut, responses=_NOT_FOUND)
def admin_revoke_membership(
    org_id: uuid.UUID, user_id: uuid.UUID, actor: OrgAdmin, session: SessionDep, ctx: ContextDep
) -> MembershipOut:
    """Revoke a membership as an admin."""
    return _membership_out(OrgService(session, ctx).revoke(actor, org_id, user_id, as_admin=True))


# --- /admin/vip-businesses -------------------------------------------------------------------------
@router.get("/admin/vip-businesses", response_model=list[VipBusinessOut])
def list_vip_businesses(
    _: Annotated[Actor, Depends(require(ADMIN_VIP_BUSINESS))], session: SessionDep, ctx: ContextDep
) -> list[VipBusinessOut]:
    """Every VIP business with its staff."""
    return [_business_out(v) for v in VipBusinessService(session, ctx).list()]


@router.post("/admin/vip-businesses", response_model=VipBusinessOut, responses={404: {"description": "user_not_found"}})
def create_vip_business(
    body: VipBusinessIn,
    actor: Annotated[Actor, Depends(require(ADMIN_VIP_BUSINESS))],
    session: SessionDep,
    ctx: ContextDep,
) -> VipBusinessOut:
    """Create a VIP business request (idempotent by business_id)."""
    service = VipBusinessService(session, ctx)
    return _business_out(service.create(actor, body.owner_user_id, body.business_id, body.reason))


@router.post(
    "/admin/vip-businesses/{business_id}/approve",
    response_model=VipBusinessOut,
    responses={403: {"description": "forbidden, admin_step_up_*"}, 404: {"description": "business_not_found"}},
)
def approve_vip_business(
    business_id: BusinessId,
    actor: Annotated[Actor, Depends(require(ADMIN_VIP_BUSINESS_APPROVE))],
    session: SessionDep,
    ctx: ContextDep,
    step_up: StepUpHeader = None,
) -> VipBusinessOut:
    """Approve a VIP business (superadmin, step-up ``vip_business_approve``)."""
    return _business_out(VipBusinessService(session, ctx).approve(actor, business_id, step_up))


@router.post(
    "/admin/vip-businesses/{business_id}/staff/{user_id}",
    response_model=VipBusinessOut,
    responses={
        400: {"description": "business_not_approved"},
        404: {"description": "business_not_found, user_not_found"},
        409: {"description": "staff_limit_reached"},
    },
)
def add_vip_staff(
    business_id: BusinessId,
    user_id: uuid.UUID,
    actor: Annotated[Actor, Depends(require(ADMIN_VIP_BUSINESS_STAFF))],
    session: SessionDep,
    ctx: ContextDep,
    step_up: StepUpHeader = None,
) -> VipBusinessOut:
    """Add a staff member to an approved VIP business (superadmin, step-up ``vip_business_staff``)."""
    return _business_out(VipBusinessService(session, ctx).add_staff(actor, business_id, user_id, step_up))
