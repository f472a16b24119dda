"""History of retired public-share tokens as hashes only, for 180 days (SPEC §8.5); no FastAPI.

``retire_token`` is called wherever a vehicle's public token stops working (rotate, disable, the owner
transfer's rotation through ``issue_public_token``): it stores the keyed hash of the old token
(``Keys.token_hash``: HMAC-SHA256 under the server key) with its issue and retirement times. The clear
token is never written to the table. ``purge_token_history`` is the worker's periodic job that deletes
rows retired more than :data:`TOKEN_HISTORY_DAYS` ago.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from syncserver.context import ServerContext
from syncserver.models.public_share import PublicTokenHistory
from syncserver.models.vehicle import Vehicle

#: SPEC §8.5: the history of public-share tokens is kept for 180 days.
TOKEN_HISTORY_DAYS = 180
#: Worker job kind of the purge and how often it runs.
JOB_TOKEN_HISTORY_PURGE = "public.token_history_purge"
TOKEN_HISTORY_PURGE_INTERVAL_SECONDS = 6 * 3600

REASON_ROTATED = "rotated"
REASON_DISABLED = "disabled"
REASON_DELETED = "vehicle_deleted"


class TokenHistoryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: PublicTokenHistory) -> None:
        self.session.add(row)
        self.session.flush()

    def for_vehicle(self, vehicle_id: uuid.UUID) -> list[PublicTokenHistory]:
        query = (
            select(PublicTokenHistory)
            .where(PublicTokenHistory.vehicle_id == vehicle_id)
            .order_by(PublicTokenHistory.retired_at, PublicTokenHistory.id)
        )
        return list(self.session.scalars(query))

    def delete_retired_before(self, cutoff: datetime) -> int:
        result = self.session.execute(
            delete(PublicTokenHistory)
            .where(PublicTokenHistory.retired_at < cutoff)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def retire_token(session: Session, ctx: ServerContext, vehicle: Vehicle, reason: str) -> None:
    """Record the hash of ``vehicle``'s current token (if any) before it is replaced or cleared."""
    if vehicle.public_token is None:
        return
    row = PublicTokenHistory(
        vehicle_id=vehicle.id,
        token_hash=ctx.keys.token_hash(vehicle.public_token),
        issued_at=vehicle.public_token_rotated_at,
        retired_at=ctx.clock.now(),
        reason=reason,
    )
    TokenHistoryRepository(session).add(row)


def purge_token_history(session: Session, now: datetime) -> int:
    """Delete history rows retired more than 180 days before ``now``; returns how many."""
    return TokenHistoryRepository(session).delete_retired_before(now - timedelta(days=TOKEN_HISTORY_DAYS))
