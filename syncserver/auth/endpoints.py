"""/auth/* routes (API_CONTRACT "Auth and consent"); thin: parse, call the service, shape the answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from syncserver.access import AUTH_START, Actor, CurrentActor, require
from syncserver.auth.schemas import (
    CodeRequestIn,
    CodeRequestOut,
    LoginIn,
    MeOut,
    OkOut,
    PasswordIn,
    RefreshIn,
    TokenOut,
    TotpConfirmIn,
    TotpConfirmOut,
    TotpEnrollOut,
    VerifyIn,
)
from syncserver.auth.service import AuthService
from syncserver.auth.sessions import SessionManager, SignedInAccount, TokenPair
from syncserver.consent.service import ConsentService
from syncserver.context import ServerContext
from syncserver.dbwork import run_db_work
from syncserver.deps import ClientIpDep, ContextDep, SessionDep
from syncserver.mail import deliver

router = APIRouter(prefix="/auth", tags=["auth"])
Anyone = Annotated[Actor | None, Depends(require(AUTH_START))]


def _tokens(pair: TokenPair) -> TokenOut:
    return TokenOut(
        access_token=pair.access_token,
        expires_at=pair.expires_at,
        refresh_token=pair.refresh_token,
        refresh_expires_at=pair.refresh_expires_at,
    )


@router.post("/request", response_model=CodeRequestOut)
def request_code(
    body: CodeRequestIn, session: SessionDep, ctx: ContextDep, ip: ClientIpDep, background: BackgroundTasks, _: Anyone
) -> CodeRequestOut:
    """Send a 6-digit sign-in code; the answer is the same whether or not the address is known."""
    result = AuthService(session, ctx).request_code(body.email, ip)
    if result.mail is not None:
        background.add_task(deliver, ctx.mailer, result.mail)
    return CodeRequestOut(challenge_id=str(result.challenge_id), dev_otp=result.dev_otp)


@router.post("/verify", response_model=TokenOut)
def verify_code(body: VerifyIn, session: SessionDep, ctx: ContextDep, ip: ClientIpDep, _: Anyone) -> TokenOut:
    """Exchange an e-mail code for tokens; creates the account on first verification."""
    return _tokens(AuthService(session, ctx).verify_code(body.email, body.challenge_id, body.otp, body.totp, ip))


@router.post("/login", response_model=TokenOut)
def login(body: LoginIn, session: SessionDep, ctx: ContextDep, ip: ClientIpDep, _: Anyone) -> TokenOut:
    """Password login (plus ``totp`` once a second factor is confirmed)."""
    return _tokens(AuthService(session, ctx).login(body.email, body.password, body.totp, ip))


@router.post("/refresh", response_model=TokenOut)
def refresh(body: RefreshIn, session: SessionDep, ctx: ContextDep, _: Anyone) -> TokenOut:
    """Rotate a refresh token; a spent one revokes its whole session family."""
    return _tokens(SessionManager(session, ctx).rotate(body.refresh_token))


@router.post("/logout", response_model=OkOut)
def logout(actor: CurrentActor, session: SessionDep, ctx: ContextDep) -> OkOut:
    """End the current session; its tokens answer 401 afterwards."""
    SessionManager(session, ctx).end(actor)
    return OkOut()


def _me_answer(account: SignedInAccount, session: Session, ctx: ServerContext) -> Response:
    actor = account.actor
    body = MeOut(
        user_id=actor.user_id,
        role=actor.role.value,
        email=account.email,
        has_password=account.has_password,
        totp_enabled=actor.totp_enabled,
        second_factor=actor.second_factor,
        consent_complete=ConsentService(session, ctx).is_complete_for(actor),
        created_at=account.created_at,
    )
    session.commit()  # ends the read here: the session teardown then has nothing left to do
    return Response(body.model_dump_json(), media_type="application/json")


@router.get("/me", response_model=MeOut)
async def me(actor: CurrentActor, request: Request, session: SessionDep, ctx: ContextDep) -> Response:
    """The signed-in account (every role, moderator included).

    Its columns come with the access check of ``require`` (no query of its own); serialised and committed in
    one ``run_db_work`` call (inline on SQLite), so the answer needs no worker-thread hop for response
    validation or the session teardown (clients poll it).
    """
    account: SignedInAccount = request.state.ltc_signed_in  # left there by CurrentActor's access check
    assert account.actor == actor
    return await run_db_work(ctx.db, session, _me_answer, account, session, ctx)


@router.post("/password", response_model=OkOut)
def set_password(body: PasswordIn, actor: CurrentActor, session: SessionDep, ctx: ContextDep) -> OkOut:
    """Set or change the password (>= 10 characters, not the e-mail); other sessions are revoked."""
    AuthService(session, ctx).set_password(actor, body.password)
    return OkOut()


@router.post("/totp/enroll", response_model=TotpEnrollOut)
def totp_enroll(actor: CurrentActor, session: SessionDep, ctx: ContextDep) -> TotpEnrollOut:
    """Start TOTP enrolment; returns the otpauth URI once."""
    secret, uri = AuthService(session, ctx).enroll_totp(actor)
    return TotpEnrollOut(otpauth_uri=uri, secret=secret)


@router.post("/totp/confirm", response_model=TotpConfirmOut)
def totp_confirm(body: TotpConfirmIn, actor: CurrentActor, session: SessionDep, ctx: ContextDep) -> TotpConfirmOut:
    """Activate TOTP with a current code; returns one-time backup codes."""
    return TotpConfirmOut(backup_codes=AuthService(session, ctx).confirm_totp(actor, body.code))
