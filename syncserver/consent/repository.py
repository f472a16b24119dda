"""All SQL of consent records."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from syncserver.models.consent import ConsentRecord

#: The (type, version) pairs a user accepted; built once.
_ACCEPTED = select(ConsentRecord.doc_type, ConsentRecord.doc_version).where(
    ConsentRecord.user_id == bindparam("user_id")
)


class ConsentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_user(self, user_id: uuid.UUID) -> Sequence[ConsentRecord]:
        stmt = select(ConsentRecord).where(ConsentRecord.user_id == user_id).order_by(ConsentRecord.created_at)
        return self.session.scalars(stmt).all()

    def accepted_types(self, user_id: uuid.UUID, required: dict[str, str]) -> set[str]:
        """Which of the required (doc_type, doc_version) pairs the user has accepted.

        Runs on every product request (the consent gate): one prebuilt statement over the user's few
        records, matched here, instead of a ``(type, version) IN`` list compiled per call.
        """
        rows = self.session.connection().execute(_ACCEPTED, {"user_id": user_id})
        return {doc_type for doc_type, version in rows if required.get(doc_type) == version}

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
