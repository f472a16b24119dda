"""Helpers for server tests (reusable by every server test module): users, sessions, mail, probe routes."""

from __future__ import annotations

import email
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Annotated

import pyotp
from fastapi import APIRouter, Depends, FastAPI
from sqlalchemy.orm import Session

from shared.roles import ADMIN_ROLES, Role
from syncserver.access import Actor, Policy, require
from syncserver.access.policy import NON_MODERATOR_ROLES
from syncserver.auth.sessions import SessionManager
from syncserver.auth.totp import TotpService
from syncserver.consent.service import ConsentInput, ConsentService
from syncserver.context import ServerContext
from syncserver.models.user import User
from syncserver.users.service import UserService

PASSWORD = "correct horse battery staple"

# --- probe routes: a product route and admin routes, so gates and sweeps have something to bite on --------
PROBE_PRODUCT = Policy.product("probe.product")
PROBE_ADMIN = Policy.admin("probe.admin")
PROBE_SUPERADMIN = Policy.admin("probe.superadmin", superadmin_only=True)
PROBE_VIP = Policy.product("probe.vip", roles=frozenset({Role.VIP, Role.DEALER, Role.ADMIN, Role.SUPERADMIN}))
probe_router = APIRouter(tags=["probe"])


@probe_router.get("/probe/product")
def probe_product(actor: Annotated[Actor, Depends(require(PROBE_PRODUCT))]) -> dict[str, str]:
    """A consent-gated product route."""
    return {"user_id": str(actor.user_id)}


@probe_router.post("/probe/{item_id}/write")
def probe_product_write(item_id: uuid.UUID, actor: Annotated[Actor, Depends(require(PROBE_PRODUCT))]) -> dict[str, str]:
    """A product route with a path parameter and a body-less POST."""
    return {"item_id": str(item_id)}


@probe_router.get("/probe/vip")
def probe_vip(actor: Annotated[Actor, Depends(require(PROBE_VIP))]) -> dict[str, str]:
    """A role-restricted product route."""
    return {"role": actor.role.value}


@probe_router.get("/probe/admin")
def probe_admin(actor: Annotated[Actor, Depends(require(PROBE_ADMIN))]) -> dict[str, str]:
    """An admin route (second factor required)."""
    return {"role": actor.role.value}


@probe_router.get("/probe/superadmin")
def probe_superadmin(actor: Annotated[Actor, Depends(require(PROBE_SUPERADMIN))]) -> dict[str, str]:
    """A superadmin-only route."""
    return {"role": actor.role.value}


# --- direct database helpers ----------------------------------------------------------------------
def ctx_of(app: FastAPI) -> ServerContext:
    ctx: ServerContext = app.state.ctx
    return ctx


@contextmanager
def db_session(app: FastAPI) -> Iterator[Session]:
    """A committed-on-exit session on the app's database (test set-up only)."""
    session = ctx_of(app).db.sessionmaker()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@dataclass
class SignedIn:
    """A signed-in account: ids, tokens and (for TOTP accounts) the secret to make codes with."""

    user_id: uuid.UUID
    email: str
    role: Role
    access_token: str
    refresh_token: str
    password: str | None = None
    totp_secret: str | None = None
    backup_codes: list[str] = field(default_factory=list)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


def create_user(app: FastAPI, email: str, role: Role = Role.USER, *, password: str | None = None) -> uuid.UUID:
    with db_session(app) as session:
        user = UserService(session, ctx_of(app)).create(email, role, password=password, verified=True)
        return user.id


def accept_consent(app: FastAPI, user_id: uuid.UUID, actor_role: Role = Role.USER) -> None:
    ctx = ctx_of(app)
    with db_session(app) as session:
        service = ConsentService(session, ctx)
        actor = Actor(user_id, actor_role, uuid.uuid4(), False, False, "")
        now = ctx.clock.now().isoformat()
        service.accept(actor, [ConsentInput(t, v, now, "api") for t, v in service.required.items()])


def enable_totp(app: FastAPI, user_id: uuid.UUID) -> tuple[str, list[str]]:
    """Enrol and confirm TOTP directly; returns (secret, backup codes)."""
    ctx = ctx_of(app)
    with db_session(app) as session:
        user = session.get(User, user_id)
        assert user is not None
        service = TotpService(session, ctx)
        secret, _ = service.enroll(user)
        codes = service.confirm(user, totp_code(secret, app))
        return secret, codes


def totp_code(secret: str, app: FastAPI, step_offset: int = 0) -> str:
    totp = pyotp.TOTP(secret)
    return totp.generate_otp(totp.timecode(ctx_of(app).clock.now()) + step_offset)


def sign_in(
    app: FastAPI,
    email: str | None = None,
    role: Role = Role.USER,
    *,
    consent: bool = True,
    password: str | None = None,
    totp: bool | None = None,
) -> SignedIn:
    """Create an account with ``role`` and open a session directly (no HTTP).

    Admin roles get a confirmed TOTP and a second-factor session unless ``totp=False``.
    """
    email = email or f"{role.value}-{uuid.uuid4().hex[:8]}@example.org"
    user_id = create_user(app, email, role, password=password)
    if consent:
        accept_consent(app, user_id, role)
    with_totp = role in ADMIN_ROLES if totp is None else totp
    secret, codes = enable_totp(app, user_id) if with_totp else (None, [])
    with db_session(app) as session:
        user = session.get(User, user_id)
        assert user is not None
        pair = SessionManager(session, ctx_of(app)).start(user, "test", second_factor=with_totp)
    return SignedIn(user_id, email, role, pair.access_token, pair.refresh_token, password, secret, codes)


# --- mail -----------------------------------------------------------------------------------------
_CODE = re.compile(r"\b(\d{6})\b")


class Mailbox:
    """Reads the spool folder the embedded mailer writes to."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def messages(self, to: str | None = None) -> list[Message]:
        if not self.directory.exists():
            return []
        files = sorted(self.directory.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
        found = [email.message_from_bytes(p.read_bytes()) for p in files]
        return [m for m in found if to is None or m["To"] == to]

    def last_code(self, to: str) -> str:
        messages = self.messages(to)
        assert messages, "no mail for that address"
        body = messages[-1].get_payload(decode=True)
        assert isinstance(body, bytes)
        match = _CODE.search(body.decode("utf-8"))
        assert match, "no code in the mail"
        return match.group(1)


ALL_ACCOUNT_ROLES = [Role.USER, Role.VIP, Role.DEALER, Role.MODERATOR, Role.ADMIN, Role.SUPERADMIN]
NON_MODERATOR = sorted(NON_MODERATOR_ROLES)
