"""Consent status, acceptance and the gate check; required versions come from the settings. No FastAPI."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from shared.errors import DomainError, ErrorCode
from shared.ids import uuid7
from syncserver.access.actor import Actor
from syncserver.audit import AuditAction, TargetType, record
from syncserver.consent.repository import ConsentRepository
from syncserver.context import ServerContext
from syncserver.models.consent import ConsentRecord

SOURCES = frozenset({"ui", "api"})
#: Client clocks may run a little ahead; anything later than this is a bad timestamp.
MAX_CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class ConsentInput:
    doc_type: str
    doc_version: str
    accepted_at: str
    source: str


def _parse_timestamp(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class ConsentService:
    def __init__(self, session: Session, ctx: ServerContext) -> None:
        self.session = session
        self.ctx = ctx
        self.repo = ConsentRepository(session)

    @property
    def required(self) -> dict[str, str]:
        return self.ctx.settings.consent_versions

    def is_complete(self, user_id: uuid.UUID) -> bool:
        """True when every required document is accepted in its current version (missing = not complete)."""
        return self.repo.accepted_types(user_id, self.required) == set(self.required)

    def is_complete_for(self, actor: Actor) -> bool:
        """:meth:`is_complete` for the signed-in ``actor``: read with its access check when known."""
        if actor.consent_complete is not None:
            return actor.consent_complete
        return self.is_complete(actor.user_id)

    def accepted(self, user_id: uuid.UUID) -> list[ConsentRecord]:
        return list(self.repo.for_user(user_id))

    def accept(self, actor: Actor, consents: list[ConsentInput]) -> None:
        """Record acceptance of every required document; idempotent. 400 ``invalid_consent`` on any defect."""
        required = self.required
        seen: set[str] = set()
        parsed: list[tuple[ConsentInput, datetime]] = []
        now = self.ctx.clock.now()
        for item in consents:
            accepted_at = _parse_timestamp(item.accepted_at)
            if (
                item.doc_type not in required
                or item.doc_type in seen
                or item.doc_version != required[item.doc_type]
                or item.source not in SOURCES
                or accepted_at is None
                or accepted_at > now + MAX_CLOCK_SKEW
            ):
                raise DomainError(ErrorCode.INVALID_CONSENT)
            seen.add(item.doc_type)
            parsed.append((item, accepted_at))
        if seen != set(required):
            raise DomainError(ErrorCode.INVALID_CONSENT)
        for item, accepted_at in parsed:
            if self.repo.find(actor.user_id, item.doc_type, item.doc_version) is not None:
                continue
            self.repo.add(
                ConsentRecord(
                    id=uuid7(),
                    user_id=actor.user_id,
                    doc_type=item.doc_type,
                    doc_version=item.doc_version,
                    accepted_at=accepted_at,
                    source=item.source,
                    created_at=now,
                )
            )
            record(
                self.session,
                AuditAction.CONSENT_ACCEPTED,
                at=now,
                actor=actor.audit,
                target_type=TargetType.USER,
                target_id=actor.user_id,
                metadata={"doc_type": item.doc_type, "doc_version": item.doc_version, "source": item.source},
            )
