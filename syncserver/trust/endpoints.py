"""GET /vehicles/{id}/trust-summary: the stored server-side trust result, to-dos cut per role."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends

from syncserver.access import Actor, Policy, require
from syncserver.deps import ContextDep, SessionDep
from syncserver.trust.schemas import TrustSummaryOut
from syncserver.trust.service import vehicle_trust_summary

TRUST = Policy.product("trust")
TrustActor = Annotated[Actor, Depends(require(TRUST))]

router = APIRouter(tags=["trust"])


@router.get(
    "/vehicles/{vehicle_id}/trust-summary",
    response_model=TrustSummaryOut,
    responses={403: {"description": "forbidden"}, 404: {"description": "not_found"}},
)
def trust_summary(vehicle_id: uuid.UUID, actor: TrustActor, session: SessionDep, ctx: ContextDep) -> TrustSummaryOut:
    """The vehicle's trust light, hint, reason codes and the to-dos the caller sees."""
    summary = vehicle_trust_summary(session, actor, vehicle_id, ctx.clock.now())
    return TrustSummaryOut.model_validate(summary.to_dict())
