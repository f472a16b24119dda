"""A minimal clamd client: PING and INSTREAM over a unix socket or TCP (LTC_CLAMD).

Addresses: ``unix:///run/clamav/clamd.ctl``, ``unix:/path``, ``/path`` (unix socket) or
``tcp://host:3310``, ``host:3310`` (TCP). The client never decides CLEAN on its own: only clamd's
``stream: OK`` answer yields :attr:`Verdict.CLEAN`; every failure raises.
"""

from __future__ import annotations

import socket
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

#: INSTREAM chunk size; clamd accepts chunks up to StreamMaxLength in total.
CHUNK_BYTES = 64 * 1024
_MAX_REPLY_BYTES = 4096


class ScannerUnavailable(Exception):
    """clamd is not configured, not reachable or does not answer (the document stays PENDING)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ScannerError(Exception):
    """clamd answered, but with an error (e.g. the stream size limit)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Verdict(StrEnum):
    CLEAN = "CLEAN"
    INFECTED = "INFECTED"


@dataclass(frozen=True, slots=True)
class ScanResult:
    verdict: Verdict
    signature: str | None = None


@dataclass(frozen=True, slots=True)
class ClamdAddress:
    unix_path: str | None = None
    host: str | None = None
    port: int | None = None

    @classmethod
    def parse(cls, text: str) -> ClamdAddress:
        value = text.strip()
        if value.startswith("unix://"):
            return cls(unix_path=value.removeprefix("unix://"))
        if value.startswith("unix:"):
            return cls(unix_path=value.removeprefix("unix:"))
        if value.startswith("/"):
            return cls(unix_path=value)
        value = value.removeprefix("tcp://")
        host, sep, port = value.rpartition(":")
        if not sep or not host or not port.isdigit():
            raise ValueError("LTC_CLAMD must be a unix socket path or host:port")
        return cls(host=host.strip("[]"), port=int(port))


class ClamdClient:
    """Blocking client; one connection per command. Thread-safe (no shared state)."""

    def __init__(self, address: str, timeout: float = 30.0) -> None:
        self.address = ClamdAddress.parse(address)
        self.timeout = timeout

    def _connect(self) -> socket.socket:
        try:
            if self.address.unix_path is not None:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                sock.settimeout(self.timeout)
                sock.connect(self.address.unix_path)
                return sock
            host, port = self.address.host or "", self.address.port or 0
            return socket.create_connection((host, port), timeout=self.timeout)
        except OSError as exc:
            raise ScannerUnavailable("scanner_unreachable") from exc

    @staticmethod
    def _read_reply(sock: socket.socket) -> str:
        data = b""
        while not data.endswith(b"\0") and len(data) < _MAX_REPLY_BYTES:
            chunk = sock.recv(1024)
            if not chunk:
                break
            data += chunk
        if not data:
            raise ScannerUnavailable("scanner_no_answer")
        return data.rstrip(b"\0").decode("utf-8", "replace").strip()

    def ping(self) -> bool:
        """True when clamd answers PONG."""
        try:
            with self._connect() as sock:
                sock.sendall(b"zPING\0")
                return self._read_reply(sock) == "PONG"
        except (ScannerUnavailable, OSError):
            return False

    def scan_stream(self, chunks: Iterable[bytes]) -> ScanResult:
        """Send the bytes with INSTREAM and interpret clamd's verdict.

        Raises :class:`ScannerUnavailable` for connection problems and :class:`ScannerError` when
        clamd reports an error; never returns CLEAN unless clamd said ``OK``.
        """
        try:
            with self._connect() as sock:
                sock.sendall(b"zINSTREAM\0")
                for chunk in chunks:
                    for start in range(0, len(chunk), CHUNK_BYTES):
                        piece = chunk[start : start + CHUNK_BYTES]
                        sock.sendall(struct.pack("!L", len(piece)) + piece)
                sock.sendall(struct.pack("!L", 0))
                reply = self._read_reply(sock)
        except ScannerUnavailable:
            raise
        except OSError as exc:
            # clamd closes the connection early when the stream exceeds StreamMaxLength
            raise ScannerUnavailable("scanner_connection_lost") from exc
        return self.interpret(reply)

    @staticmethod
    def interpret(reply: str) -> ScanResult:
        _, _, verdict = reply.partition(": ")
        if verdict == "OK":
            return ScanResult(Verdict.CLEAN)
        if verdict.endswith(" FOUND"):
            return ScanResult(Verdict.INFECTED, verdict.removesuffix(" FOUND").strip() or None)
        if "size limit" in reply.lower():
            raise ScannerError("scanner_size_limit")
        raise ScannerError("scanner_error")
