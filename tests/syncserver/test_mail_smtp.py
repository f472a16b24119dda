"""Mail over real SMTP: an in-process aiosmtpd server with mandatory STARTTLS receives the code mail."""

from __future__ import annotations

import datetime as dt
import email
import ipaddress
import re
import socket
import ssl
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fastapi import FastAPI
from fastapi.testclient import TestClient

from syncserver.mail import MailError, SmtpMailer, SpoolMailer, compose

EMAIL = "smtp.user@example.org"


def _self_signed(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd hook name
        self.messages.append((list(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[tuple[Inbox, int, Path]]:
    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True)
    controller.start()
    yield inbox, port, cert
    controller.stop()


def test_code_arrives_over_starttls(make_app: Callable[..., FastAPI], smtp_server: tuple[Inbox, int, Path]) -> None:
    inbox, port, cert = smtp_server
    app = make_app(smtp_url=f"smtp://127.0.0.1:{port}", smtp_ca_file=cert)
    with TestClient(app) as client:
        challenge = client.post("/auth/request", json={"email": EMAIL}).json()["challenge_id"]
        assert len(inbox.messages) == 1
        recipients, raw = inbox.messages[0]
        assert recipients == [EMAIL]
        message = email.message_from_bytes(raw)
        body = message.get_payload(decode=True)
        assert isinstance(body, bytes)
        match = re.search(r"\b(\d{6})\b", body.decode("utf-8"))
        assert match
        response = client.post("/auth/verify", json={"email": EMAIL, "challenge_id": challenge, "otp": match.group(1)})
        assert response.status_code == 200


def test_untrusted_certificate_is_refused(smtp_server: tuple[Inbox, int, Path]) -> None:
    inbox, port, _cert = smtp_server
    mailer = SmtpMailer(f"smtp://127.0.0.1:{port}")
    with pytest.raises(MailError, match="smtp delivery failed"):
        mailer.send(compose("a@example.org", EMAIL, "s", "b"))
    assert inbox.messages == []


def test_spool_writes_eml(tmp_path: Path) -> None:
    SpoolMailer(tmp_path / "spool").send(compose("a@example.org", EMAIL, "subject", "body 123456"))
    files = list((tmp_path / "spool").glob("*.eml"))
    assert len(files) == 1
    assert email.message_from_bytes(files[0].read_bytes())["To"] == EMAIL


def test_request_still_answers_when_mail_fails(make_app: Callable[..., FastAPI]) -> None:
    app = make_app(smtp_url=f"smtp://127.0.0.1:{_free_port()}")
    with TestClient(app) as client:
        response = client.post("/auth/request", json={"email": EMAIL})
    assert response.status_code == 200
