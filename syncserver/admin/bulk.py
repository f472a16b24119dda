"""Collection-level admin routes the desktop admin mode needs (SPEC §11.3, §11.4, §7.6).

- ``POST /admin/documents/bulk-review {action: approve|reject, document_ids, reason?}``: runs the single
  approve/reject of :class:`DocumentService` once per document, each in its own savepoint, so one refused
  document (409 ``document_rejected``, ``not_scanned_clean``, ``pii_not_cleared``, ...) neither stops nor
  undoes the others. The answer lists a result per id in request order; every success is audited exactly
  as the single route audits it.
- ``GET /admin/addons``: the admin switches of every known add-on (``configured=false`` when no row exists,
  which the gate treats as "not available").
- ``GET /admin/orgs``: every organisation with its count of open membership requests (the single-org
  member routes already exist under ``/admin/orgs/{id}/members``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shared.addons import AddonKey
from shared.documents import MAX_REASON_CHARS
from shared.errors import DomainError
from shared.permissions import Action
from syncserver.access import Actor, Policy, require
from syncserver.addons.repository import AddonRepository
from syncserver.deps import ContextDep, SessionDep
from syncserver.documents.endpoints import IntakeDep
from syncserver.documents.service import DocumentService
from syncserver.models.governance import Membership, MembershipStatus, Organisation

MAX_BULK = 100

router = APIRouter(prefix="/admin", tags=["admin"])
BULK_REVIEW = Policy.admin("document_review.bulk")
ADDON_LIST = Policy.admin("addon_admin.list")
ORG_LIST = Policy.admin(Action.ADMIN_ORGS.value + ".list")


class BulkAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


class BulkReviewIn(BaseModel):
    action: BulkAction
    document_ids: list[uuid.UUID] = Field(min_length=1, max_length=MAX_BULK)
    reason: str | None = Field(default=None, max_length=MAX_REASON_CHARS)


class BulkItemOut(BaseModel):
    document_id: uuid.UUID
    ok: bool
    code: str | None
    approval_status: str | None


class BulkReviewOut(BaseModel):
    action: str
    succeeded: int
    failed: int
    results: list[BulkItemOut]


class AddonConfigOut(BaseModel):
    addon_key: str
    configured: bool
    allow_new: bool
    requires_payment: bool
    admin_only: bool
    updated_at: datetime | None


class AdminOrgOut(BaseModel):
    id: uuid.UUID
    kind: str
    name: str
    business_id: str | None
    owner_user_id: uuid.UUID
    approved: bool
    created_at: datetime
    pending_requests: int


class AdminOrgRepository:
    """The few reads of this module (all SQL here)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def orgs_with_pending(self) -> Sequence[tuple[Organisation, int]]:
        pending = (
            select(Membership.org_id, func.count().label("n"))
            .where(Membership.status == MembershipStatus.REQUESTED.value)
            .group_by(Membership.org_id)
            .subquery()
        )
        rows = self.session.execute(
            select(Organisation, func.coalesce(pending.c.n, 0))
            .outerjoin(pending, pending.c.org_id == Organisation.id)
            .order_by(Organisation.created_at.desc(), Organisation.id)
        )
        return [(org, int(count)) for org, count in rows]


@router.post("/documents/bulk-review", response_model=BulkReviewOut, responses={422: {"description": "too many"}})
def bulk_review(
    body: BulkReviewIn,
    actor: Annotated[Actor, Depends(require(BULK_REVIEW))],
    session: SessionDep,
    ctx: ContextDep,
    intake: IntakeDep,
) -> BulkReviewOut:
    """Approve or reject several documents; one result per id (savepoint per document)."""
    service = DocumentService(session, ctx, intake)
    results: list[BulkItemOut] = []
    for document_id in dict.fromkeys(body.document_ids):
        try:
            with session.begin_nested():
                if body.action is BulkAction.APPROVE:
                    doc = service.approve(actor, document_id)
                else:
                    doc = service.reject(actor, document_id, body.reason)
            results.append(
                BulkItemOut(document_id=document_id, ok=True, code=None, approval_status=doc.approval_status)
            )
        except DomainError as exc:
            results.append(BulkItemOut(document_id=document_id, ok=False, code=exc.code.value, approval_status=None))
    succeeded = sum(1 for r in results if r.ok)
    return BulkReviewOut(
        action=body.action.value, succeeded=succeeded, failed=len(results) - succeeded, results=results
    )


@router.get("/addons", response_model=list[AddonConfigOut])
def addon_configs(_: Annotated[Actor, Depends(require(ADDON_LIST))], session: SessionDep) -> list[AddonConfigOut]:
    """The admin switches of every add-on (defaults when never configured)."""
    repo = AddonRepository(session)
    out = []
    for key in AddonKey:
        row = repo.config(key.value)
        out.append(
            AddonConfigOut(
                addon_key=key.value,
                configured=row is not None,
                allow_new=bool(row.allow_new) if row else False,
                requires_payment=bool(row.requires_payment) if row else True,
                admin_only=bool(row.admin_only) if row else False,
                updated_at=row.updated_at if row else None,
            )
        )
    return out


@router.get("/orgs", response_model=list[AdminOrgOut])
def all_orgs(_: Annotated[Actor, Depends(require(ORG_LIST))], session: SessionDep) -> list[AdminOrgOut]:
    """Every organisation, newest first, with its number of open membership requests."""
    return [
        AdminOrgOut(
            id=org.id,
            kind=org.kind,
            name=org.name,
            business_id=org.business_id,
            owner_user_id=org.owner_user_id,
            approved=org.approved,
            created_at=org.created_at,
            pending_requests=count,
        )
        for org, count in AdminOrgRepository(session).orgs_with_pending()
    ]
