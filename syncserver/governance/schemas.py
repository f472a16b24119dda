"""Bodies of /orgs/*, /admin/orgs/* and /admin/vip-businesses (API_CONTRACT "Admin", SPEC §11.3)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from syncserver.models.governance import OrgKind

#: A business id is an opaque key (no spaces, no prose) so it is safe in URLs and the audit log.
BUSINESS_ID_PATTERN = r"^[A-Za-z0-9_.:\-]{1,64}$"


class OrgIn(BaseModel):
    kind: OrgKind
    name: str = Field(min_length=1, max_length=200)


class MembershipOut(BaseModel):
    id: uuid.UUID
    org_id: uuid.UUID
    user_id: uuid.UUID
    status: str
    role: str
    created_at: datetime
    updated_at: datetime
    approved_at: datetime | None
    revoked_at: datetime | None


class OrgOut(BaseModel):
    id: uuid.UUID
    kind: str
    name: str
    owner_user_id: uuid.UUID
    approved: bool
    created_at: datetime
    membership_status: str | None
    membership_role: str | None


class VipBusinessIn(BaseModel):
    owner_user_id: uuid.UUID
    business_id: str | None = Field(default=None, pattern=BUSINESS_ID_PATTERN)
    reason: str | None = Field(default=None, max_length=500)


class VipBusinessOut(BaseModel):
    business_id: str
    owner_user_id: uuid.UUID
    approved: bool
    created_at: datetime
    approved_at: datetime | None
    approved_by_user_id: uuid.UUID | None
    staff_user_ids: list[uuid.UUID]
    staff_count: int
