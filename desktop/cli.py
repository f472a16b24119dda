"""``ltc-desktop cli ...``: the vault, sign-in and sync over the same store/sync code, for scripts and tests.

Every command prints one JSON object on stdout. The vault password comes from ``--password-file``, the
environment variable ``LTC_VAULT_PASSWORD`` or a prompt. The refresh token is kept inside the encrypted
vault (``sync_state.refresh_token``), so later commands stay signed in. Exit codes: 0 ok, 1 a refused or
failed call (the JSON names the error code), 2 usage.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from desktop.paths import resolve_paths
from desktop.store.models import SyncState
from desktop.store.repositories import (
    DocumentRepository,
    EntryRepository,
    ProblemRepository,
    SyncStateRepository,
    VehicleRepository,
)
from desktop.store.vault import Vault, vault_exists
from desktop.sync.client import ApiClient
from desktop.sync.engine import SyncEngine
from desktop.sync.errors import ApiError

PASSWORD_ENV = "LTC_VAULT_PASSWORD"
DEFAULT_SERVER = "http://127.0.0.1:8765"


class VaultTokenStore:
    """The CLI's refresh token in the vault's ``sync_state`` row (encrypted at rest with the vault)."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def load(self) -> str | None:
        with self._vault.session() as session:
            return session.get_one(SyncState, 1).refresh_token

    def save(self, refresh_token: str) -> None:
        with self._vault.session() as session, session.begin():
            session.get_one(SyncState, 1).refresh_token = refresh_token

    def clear(self) -> None:
        with self._vault.session() as session, session.begin():
            session.get_one(SyncState, 1).refresh_token = None


def _password(args: argparse.Namespace) -> str:
    if args.password_file:
        return Path(args.password_file).read_text(encoding="utf-8").rstrip("\r\n")
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    return getpass.getpass("Tresor-Passwort: ")


def _vault_dir(args: argparse.Namespace) -> Path:
    return Path(args.vault) if args.vault else resolve_paths().vault_dir


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ltc-desktop cli", description="Scriptable vault and sync commands.")
    parser.add_argument("--vault", help="vault folder (default: the per-user data folder)")
    parser.add_argument(
        "--password-file", help=f"file holding the vault password (else ${PASSWORD_ENV}, else a prompt)"
    )
    parser.add_argument("--server", help=f"sync server address (default: the vault's, else {DEFAULT_SERVER})")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="create a new vault")
    sub.add_parser("unlock", help="check that the vault opens")
    login = sub.add_parser("login", help="sign in (e-mail code or password)")
    login.add_argument("--email", required=True)
    login.add_argument("--account-password", help="account password (instead of an e-mail code)")
    login.add_argument("--otp", help="the e-mail code; 'dev' uses the code a development server reveals")
    login.add_argument("--challenge-id", help="challenge of an earlier `request-code`")
    login.add_argument("--totp")
    request = sub.add_parser("request-code", help="send an e-mail code")
    request.add_argument("--email", required=True)
    sub.add_parser("accept-consent", help="accept the current terms and privacy versions")
    vehicle = sub.add_parser("add-vehicle")
    vehicle.add_argument("--vin", required=True)
    vehicle.add_argument("--nickname")
    entry = sub.add_parser("add-entry")
    entry.add_argument("--vehicle", required=True)
    entry.add_argument("--date", required=True)
    entry.add_argument("--type", required=True)
    entry.add_argument("--performed-by", required=True)
    entry.add_argument("--km", type=int, required=True)
    entry.add_argument("--note")
    entry.add_argument("--cost", help="amount in currency units, e.g. 129.90")
    attach = sub.add_parser("attach", help="attach a file (uploaded on the next sync)")
    attach.add_argument("--vehicle", required=True)
    attach.add_argument("--entry")
    attach.add_argument("file")
    sync = sub.add_parser("sync", help="push and pull once")
    sync.add_argument("--page-limit", type=int)
    sub.add_parser("list", help="vehicles, entries and documents of the replica")
    sub.add_parser("status")
    sub.add_parser("problems", help="list rejected changes")
    retry = sub.add_parser("retry-problem")
    retry.add_argument("problem_id")
    retry.add_argument("--set", action="append", default=[], metavar="KEY=JSON", help="replace an argument")
    discard = sub.add_parser("discard-problem")
    discard.add_argument("problem_id")
    return parser


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _client(vault: Vault, args: argparse.Namespace) -> ApiClient:
    with vault.session() as session:
        saved = session.get_one(SyncState, 1).server_url
    return ApiClient(args.server or saved or DEFAULT_SERVER, token_store=VaultTokenStore(vault))


def _login(vault: Vault, args: argparse.Namespace) -> dict[str, Any]:
    client = _client(vault, args)
    try:
        if args.account_password:
            client.login(args.email, args.account_password, args.totp)
        else:
            challenge_id, otp = args.challenge_id, args.otp
            if otp is None or otp == "dev" or challenge_id is None:
                challenge = client.request_code(args.email)
                challenge_id = challenge.challenge_id
                otp = challenge.dev_otp if otp in (None, "dev") else otp
            if not otp:
                return {"ok": False, "error": "otp_required", "challenge_id": challenge_id}
            client.verify(args.email, challenge_id, otp, args.totp)
        me = client.me()
        SyncStateRepository(vault).bind(user_id=me.user_id, server_url=client.base_url)
        return {"ok": True, "user_id": me.user_id, "role": me.role, "consent_complete": me.consent_complete}
    finally:
        client.close()


def _run(vault: Vault, args: argparse.Namespace) -> dict[str, Any]:  # noqa: C901 - one branch per command
    command = args.command
    if command == "unlock":
        return {"ok": True, "vault_id": vault.vault_id}
    if command == "login":
        return _login(vault, args)
    if command == "add-vehicle":
        return {"ok": True, "vehicle": _jsonable(VehicleRepository(vault).add(args.vin, nickname=args.nickname))}
    if command == "add-entry":
        record = EntryRepository(vault).add(
            args.vehicle,
            date=args.date,
            type=args.type,
            performed_by=args.performed_by,
            km=args.km,
            note=args.note,
            cost_amount=args.cost,
        )
        return {"ok": True, "entry": _jsonable(record)}
    if command == "attach":
        document = DocumentRepository(vault).attach(args.vehicle, Path(args.file), entry_id=args.entry)
        return {"ok": True, "document": _jsonable(document)}
    if command == "list":
        vehicles = VehicleRepository(vault).list()
        entries = {v.id: _jsonable(EntryRepository(vault).list(v.id)) for v in vehicles}
        return {
            "ok": True,
            "vehicles": _jsonable(vehicles),
            "entries": entries,
            "documents": _jsonable(DocumentRepository(vault).list()),
        }
    if command == "status":
        return {"ok": True, "status": _jsonable(SyncStateRepository(vault).status())}
    if command == "problems":
        return {"ok": True, "problems": _jsonable(ProblemRepository(vault).list())}
    if command == "retry-problem":
        changes = {key: json.loads(raw) for key, _, raw in (item.partition("=") for item in args.set)}
        return {"ok": True, "mutation_id": ProblemRepository(vault).retry(args.problem_id, changes)}
    if command == "discard-problem":
        ProblemRepository(vault).discard(args.problem_id)
        return {"ok": True}
    client = _client(vault, args)
    try:
        if command == "request-code":
            challenge = client.request_code(args.email)
            return {"ok": True, "challenge_id": challenge.challenge_id, "dev_otp": challenge.dev_otp}
        if command == "accept-consent":
            missing = client.consent_status().missing
            if missing:
                client.consent_accept(missing)
            return {"ok": True, "accepted": len(missing)}
        report = SyncEngine(vault, client, page_limit=args.page_limit).sync_once()
        return {"ok": True, "report": _jsonable(report)}
    finally:
        client.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    folder = _vault_dir(args)
    try:
        if args.command == "init":
            if vault_exists(folder):
                print(json.dumps({"ok": False, "error": "vault_exists"}))
                return 1
            Vault.create(folder, _password(args)).close()
            print(json.dumps({"ok": True, "vault": str(folder)}))
            return 0
        vault = Vault.unlock(folder, _password(args))
        try:
            result = _run(vault, args)
        finally:
            vault.close()
    except ApiError as exc:
        print(json.dumps({"ok": False, "error": exc.code or type(exc).__name__, "status": exc.status}))
        return 1
    except Exception as exc:  # noqa: BLE001 - a script wants the error as JSON, not a traceback
        print(json.dumps({"ok": False, "error": type(exc).__name__, "message": str(exc)}))
        return 1
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
