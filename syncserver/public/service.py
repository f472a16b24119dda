"""The public QR mini-check (SPEC §8, D20, D21) and its token management; no FastAPI.

Reading the page: one rate-limit hit per client address (pre-aggregated per process, see
``AggregatingRateLimiter`` for the bound across processes), one lookup of the token on its unique index
confirmed by a constant-time compare, the stored server-side trust summary (never recomputed here), the
pure projection. A miss does the same work on a stand-in vehicle, so an unknown, rotated or disabled
token costs what a known one costs and only answers with the neutral 404.

Managing the token (owner, approved org members, admins; D20, SPEC §8.5): rotate issues a fresh random
token (256 bit) and the old link stops working at once; disable clears it. Both are audited
(``PUBLIC_SHARE_ENABLED|ROTATED|DISABLED``) and keep the old token's hash (``history``, SPEC §8.5).
Services flush only; the request session commits.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from shared.crypto import new_token
from shared.public_page import VehiclePublicFacts, project_public_page
from shared.roles import Role
from shared.trust.derivation import derive_trust_summary
from shared.trust.facts import VehicleTrustFacts, parse_accident_status
from shared.trust.summary import SUMMARY_KEYS, TrustSummary
from shared.vin import MASK
from syncserver.access.actor import Actor
from syncserver.audit import AuditAction, TargetType, record
from syncserver.config import RateLimit, Settings
from syncserver.context import ServerContext
from syncserver.models.vehicle import Vehicle
from syncserver.public.history import REASON_DISABLED, REASON_ROTATED, retire_token
from syncserver.public.repository import PublicRepository, PublicRow
from syncserver.ratelimit import aggregating_limiter
from syncserver.security import equal
from syncserver.vehicles.access import Capability, VehicleAccess, vehicle_access

log = logging.getLogger("ltc.public")

#: Random bytes of a public token: 256 bit (D20 asks for at least 128), as vehicle creation issues them.
PUBLIC_TOKEN_BYTES = 32
#: Rate-limit name (counter key prefix) of the public page.
RATE_NAME = "public_qr_ip"
#: Default per-address limit of the public page, ``count/seconds`` (SPEC §8.1 leaves the value open).
#: The ``rate_public_qr_per_ip`` server setting (LTC_RATE_PUBLIC_QR_PER_IP) takes precedence.
PUBLIC_QR_RATE_DEFAULT = "60/60"

#: Stand-in for a miss: same shape as a real row; its token can never match (not URL-safe base64).
_MISS_ROW = PublicRow(
    public_token="!" * 43,
    vehicle_class="alltag",
    make="Stand-in",
    model="Stand-in",
    year=2000,
    engine="Stand-in",
    vin_prefix3="AAA",
    vin_last4="0000",
    accident_status="unbekannt",
    accident_trust_completed=False,
    summary=None,
)


def public_qr_rate(settings: Settings) -> RateLimit:
    """The per-address limit of the public page (setting ``rate_public_qr_per_ip`` or the default)."""
    return RateLimit.parse(str(getattr(settings, "rate_public_qr_per_ip", None) or PUBLIC_QR_RATE_DEFAULT))


def new_public_token() -> str:
    return new_token(PUBLIC_TOKEN_BYTES)


@dataclass(frozen=True, slots=True)
class PublicView:
    """The outcome of one page request. ``page`` is always a full projection (a stand-in on a miss)."""

    found: bool
    rate_limited: bool
    page: dict[str, object]
    retry_after: int = 0


@dataclass(frozen=True, slots=True)
class TokenStatus:
    vehicle_id: uuid.UUID
    enabled: bool
    rotated_at: datetime | None
    #: The current token (for the owner's QR sticker), None while disabled.
    public_token: str | None = None

    @property
    def public_path(self) -> str | None:
        return f"/public/qr/{self.public_token}" if self.public_token else None


def _summary_of(row: PublicRow) -> TrustSummary:
    """The stored server-side summary; without a usable one, the derivation from the vehicle alone.

    The stand-in derivation has no entries, so it is red (``history_missing``): never better than the truth.
    """
    if row.summary is not None:
        try:
            return TrustSummary.from_dict(_contract_keys(row.summary))
        except ValueError:
            log.error("stored_trust_summary_invalid", extra={"event_type": "stored_trust_summary_invalid"})
    facts = VehicleTrustFacts(
        accident_status=parse_accident_status(row.accident_status),
        accident_trust_completed=row.accident_trust_completed,
    )
    return derive_trust_summary(facts, Role.PUBLIC)


def _contract_keys(summary: dict[str, Any]) -> dict[str, Any]:
    return {key: summary.get(key) for key in SUMMARY_KEYS}


def project_row(row: PublicRow) -> dict[str, object]:
    """The public projection of one row (exactly the contract keys)."""
    facts = VehiclePublicFacts(
        vehicle_class=row.vehicle_class,
        make=row.make,
        model=row.model,
        year=row.year,
        engine=row.engine,
        vin_masked=f"{row.vin_prefix3}{MASK}{row.vin_last4}" if row.vin_prefix3 and row.vin_last4 else MASK,
    )
    return project_public_page(facts, _summary_of(row))


class PublicPageService:
    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = PublicRepository(session)

    def view(self, token: str, client_ip_hmac: str) -> PublicView:
        """Rate-limit, look up and project; the caller commits (the rate-limit hit must persist)."""
        limit = public_qr_rate(self.ctx.settings)
        if not aggregating_limiter(self.ctx.db, self.ctx.clock).hit(RATE_NAME, client_ip_hmac, limit):
            return PublicView(found=False, rate_limited=True, page=project_row(_MISS_ROW), retry_after=limit.seconds)
        row = self.repo.page_row(token)
        candidate = row or _MISS_ROW
        found = equal(candidate.public_token, token) and row is not None
        return PublicView(found=found, rate_limited=False, page=project_row(candidate))


class PublicTokenService:
    """Rotate/disable the public token; object check as for every vehicle route (manage capability)."""

    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = PublicRepository(session)

    def _access(self, actor: Actor, vehicle_id: uuid.UUID) -> VehicleAccess:
        """Owner, approved org member or admin; a stranger 404 ``not_found``, a workshop 403 ``forbidden``."""
        return vehicle_access(self.session, actor, vehicle_id, self.ctx.clock.now(), Capability.MANAGE)

    def status(self, actor: Actor, vehicle_id: uuid.UUID) -> TokenStatus:
        vehicle = self._access(actor, vehicle_id).vehicle
        return TokenStatus(
            vehicle.id, vehicle.public_token is not None, vehicle.public_token_rotated_at, vehicle.public_token
        )

    def rotate(self, actor: Actor, vehicle_id: uuid.UUID) -> TokenStatus:
        """Issue a new token (the old link stops working at once); enables a disabled page."""
        access = self._access(actor, vehicle_id)
        vehicle = access.vehicle
        action = AuditAction.PUBLIC_SHARE_ROTATED if vehicle.public_token else AuditAction.PUBLIC_SHARE_ENABLED
        token = issue_public_token(self.session, self.ctx, vehicle)
        self._audit(actor, access, action)
        return TokenStatus(vehicle.id, True, vehicle.public_token_rotated_at, token)

    def disable(self, actor: Actor, vehicle_id: uuid.UUID) -> TokenStatus:
        """Clear the token; idempotent (disabling a disabled page changes and audits nothing)."""
        access = self._access(actor, vehicle_id)
        vehicle = access.vehicle
        if vehicle.public_token is not None:
            retire_token(self.session, self.ctx, vehicle, REASON_DISABLED)
            self.repo.set_token(vehicle, None, self.ctx.clock.now())
            self._audit(actor, access, AuditAction.PUBLIC_SHARE_DISABLED)
        return TokenStatus(vehicle.id, False, vehicle.public_token_rotated_at)

    def _audit(self, actor: Actor, access: VehicleAccess, action: AuditAction) -> None:
        record(
            self.session,
            action,
            at=self.ctx.clock.now(),
            actor=actor.audit,
            target_type=TargetType.PUBLIC_SHARE,
            target_id=access.vehicle.id,
            scope=access.audit_scope,
        )


def issue_public_token(session: Session, ctx: ServerContext, vehicle: Vehicle) -> str:
    """Give ``vehicle`` a fresh random public token and return it. Not audited: the caller audits.

    For other domains too, e.g. the owner transfer, which rotates the token (D23).
    """
    token = new_public_token()
    retire_token(session, ctx, vehicle, REASON_ROTATED)  # SPEC §8.5: the old token's hash, for 180 days
    PublicRepository(session).set_token(vehicle, token, ctx.clock.now())
    return token
