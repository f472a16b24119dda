"""GET /health (public; a signed-in moderator gets 403, DECISIONS D6 / SPEC §2.1)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from syncserver.access import HEALTH, Actor, require

router = APIRouter(tags=["system"])


class HealthOut(BaseModel):
    ok: bool = True


@router.get("/health", response_model=HealthOut)
def health(_: Annotated[Actor | None, Depends(require(HEALTH))]) -> HealthOut:
    """Liveness probe."""
    return HealthOut()
