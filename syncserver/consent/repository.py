"""All SQL of consent records."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from syncserver.models.consent import ConsentRecord


class ConsentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_user(self, user_id: uuid.UUID) -> Sequence[ConsentRecord]:
        stmt = select(ConsentRecord).where(ConsentRecord.user_id == user_id).order_by(ConsentRecord.created_at)
        return self.session.scalars(stmt).all()

    def accepted_types(self, user_id: uuid.UUID, required: dict[str, str]) -> set[str]:
        """Which of the required (doc_type, doc_version) pairs the user has accepted."""
        stmt = select(ConsentRecord.doc_type).where(
            ConsentRecord.user_id == user_id,
            tuple_(ConsentRecord.doc_type, ConsentRecord.doc_version).in_(list(required.items())),
        )
        return set(self.session.scalars(stmt).all())

    def find(self, user_id: uuid.UUID, doc_type: str, doc_version: str) -> ConsentRecord | None:
        stmt = select(ConsentRecord).where(
            ConsentRecord.user_id == user_id,
            ConsentRecord.doc_type == doc_type,
            ConsentRecord.doc_version == doc_version,
        )
        return self.session.scalars(stmt).first()

    def add(self, row: ConsentRecord) -> None:
        self.session.add(row)
        self.session.flush()
