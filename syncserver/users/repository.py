"""All SQL on ``users``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from syncserver.models.user import User


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, user_id: uuid.UUID) -> User | None:
        return self.session.get(User, user_id)

    def by_email_hmac(self, email_hmac: str) -> User | None:
        return self.session.scalars(select(User).where(User.email_hmac == email_hmac)).first()

    def add(self, user: User) -> User:
        self.session.add(user)
        self.session.flush()
        return user

    def list_newest_first(self, limit: int = 500, offset: int = 0) -> Sequence[User]:
        stmt = select(User).order_by(User.created_at.desc(), User.id.desc()).limit(limit).offset(offset)
        return self.session.scalars(stmt).all()
