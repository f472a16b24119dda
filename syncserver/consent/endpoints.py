"""/consent/* routes (D4): read the required versions, the status, and accept."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from syncserver.access import CONSENT, Actor, require
from syncserver.consent.schemas import AcceptedOut, AcceptIn, ConsentDoc, CurrentOut, OkOut, StatusOut
from syncserver.consent.service import ConsentInput, ConsentService
from syncserver.deps import ContextDep, SessionDep

router = APIRouter(prefix="/consent", tags=["consent"])
ConsentActor = Annotated[Actor, Depends(require(CONSENT))]


def _required(service: ConsentService) -> list[ConsentDoc]:
    return [ConsentDoc(doc_type=t, doc_version=v) for t, v in service.required.items()]


@router.get("/current", response_model=CurrentOut)
def current(_: ConsentActor, session: SessionDep, ctx: ContextDep) -> CurrentOut:
    """The consent documents and versions currently required."""
    return CurrentOut(required=_required(ConsentService(session, ctx)))


@router.get("/status", response_model=StatusOut)
def status(actor: ConsentActor, session: SessionDep, ctx: ContextDep) -> StatusOut:
    """What the caller has accepted and whether that covers the current versions."""
    service = ConsentService(session, ctx)
    accepted = [
        AcceptedOut(doc_type=r.doc_type, doc_version=r.doc_version, accepted_at=r.accepted_at, source=r.source)
        for r in service.accepted(actor.user_id)
    ]
    return StatusOut(required=_required(service), accepted=accepted, is_complete=service.is_complete(actor.user_id))


@router.post("/accept", response_model=OkOut)
def accept(body: AcceptIn, actor: ConsentActor, session: SessionDep, ctx: ContextDep) -> OkOut:
    """Accept the current terms and privacy versions (idempotent)."""
    items = [ConsentInput(c.doc_type, c.doc_version, c.accepted_at, c.source) for c in body.consents]
    ConsentService(session, ctx).accept(actor, items)
    return OkOut()
