"""The clamd client against a real clamd with the test signature; address parsing; unreachable scanner."""

from __future__ import annotations

from pathlib import Path

import pytest

from syncserver.intake.clamd import ClamdAddress, ClamdClient, ScannerError, ScannerUnavailable, Verdict
from tests.syncserver.intake_support import EICAR, TEST_SIGNATURE, Clamd, clamd, clean_pdf, eicar_pdf, png_bytes

__all__ = ["clamd"]


class TestAddress:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("unix:///run/clamav/clamd.ctl", ClamdAddress(unix_path="/run/clamav/clamd.ctl")),
            ("unix:/tmp/c.sock", ClamdAddress(unix_path="/tmp/c.sock")),
            ("/tmp/c.sock", ClamdAddress(unix_path="/tmp/c.sock")),
            ("tcp://clamav:3310", ClamdAddress(host="clamav", port=3310)),
            ("127.0.0.1:3310", ClamdAddress(host="127.0.0.1", port=3310)),
            ("[::1]:3310", ClamdAddress(host="::1", port=3310)),
        ],
    )
    def test_parse(self, text: str, expected: ClamdAddress) -> None:
        assert ClamdAddress.parse(text) == expected

    @pytest.mark.parametrize("text", ["clamav", "host:port", ""])
    def test_invalid(self, text: str) -> None:
        with pytest.raises(ValueError, match="LTC_CLAMD"):
            ClamdAddress.parse(text)


class TestInterpret:
    def test_ok_is_the_only_clean(self) -> None:
        assert ClamdClient.interpret("stream: OK").verdict is Verdict.CLEAN

    def test_found(self) -> None:
        result = ClamdClient.interpret("stream: Ltc.Test.EICAR.UNOFFICIAL FOUND")
        assert result.verdict is Verdict.INFECTED
        assert result.signature == "Ltc.Test.EICAR.UNOFFICIAL"

    @pytest.mark.parametrize("reply", ["INSTREAM size limit exceeded. ERROR", "stream: something ERROR", "garbage"])
    def test_errors_are_never_clean(self, reply: str) -> None:
        with pytest.raises(ScannerError):
            ClamdClient.interpret(reply)


class TestUnreachable:
    def test_missing_socket(self, tmp_path: Path) -> None:
        client = ClamdClient(f"unix:{tmp_path / 'nothing.sock'}", timeout=1)
        assert client.ping() is False
        with pytest.raises(ScannerUnavailable) as info:
            client.scan_stream([b"%PDF-1.4"])
        assert info.value.reason == "scanner_unreachable"

    def test_closed_tcp_port(self) -> None:
        with pytest.raises(ScannerUnavailable):
            ClamdClient("127.0.0.1:1", timeout=1).scan_stream([b"x"])


class TestRealClamd:
    def test_ping(self, clamd: Clamd) -> None:
        assert ClamdClient(clamd.address).ping() is True

    @pytest.mark.parametrize("content", [clean_pdf(), png_bytes(), b"plain bytes"])
    def test_clean(self, clamd: Clamd, content: bytes) -> None:
        assert ClamdClient(clamd.address).scan_stream([content]).verdict is Verdict.CLEAN

    @pytest.mark.parametrize("content", [EICAR, eicar_pdf(), b"prefix " * 100_000 + EICAR])
    def test_eicar_found(self, clamd: Clamd, content: bytes) -> None:
        result = ClamdClient(clamd.address).scan_stream([content])
        assert result.verdict is Verdict.INFECTED
        assert result.signature is not None
        assert result.signature.startswith(TEST_SIGNATURE)

    def test_many_small_chunks(self, clamd: Clamd) -> None:
        data = eicar_pdf()
        result = ClamdClient(clamd.address).scan_stream(data[i : i + 7] for i in range(0, len(data), 7))
        assert result.verdict is Verdict.INFECTED
