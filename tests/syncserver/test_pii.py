"""PII detection: categories from text (table), and real text extraction (pdftotext, Tesseract OCR)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.documents import ContentType
from syncserver.intake.pii import PiiCategory, detect, iban_valid, luhn_valid, note_for
from syncserver.intake.text import TextSettings, TextUnavailable, extract_text
from tests.syncserver.intake_support import IBAN, clean_pdf, make_pdf, render_png, require_binary

EM, PH, IB, CA = PiiCategory.EMAIL, PiiCategory.PHONE, PiiCategory.IBAN, PiiCategory.PAYMENT_CARD


class TestDetect:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Rechnung 2023-01-15, 125000 km, 349,90 EUR, Datum 01.02.2023, Auftrag 4711", set()),
            ("KM-Stand 123.456, Preis 1.234,56 EUR, PLZ 10115 Berlin", set()),
            ("Fahrgestellnummer WVWZZZ1JZXW000001, USt-IdNr DE123456789", set()),
            ("Kontakt: max.muster@example.de", {EM}),
            ("Kontakt: max.muster @ example.de", {EM}),
            ("Tel. 0171 1234567", {PH}),
            ("Telefon +49 (0)30 123456-78", {PH}),
            ("Fon 0049 89 1234567", {PH}),
            ("Tel.: 030/1234567", {PH}),
            (f"IBAN: {IBAN}", {IB}),
            ("IBAN DE89370400440532013000 Betrag", {IB}),
            ("IBAN: GB82 WEST 1234 5698 7654 32", {IB}),
            ("IBAN DE89 3704 0044 0532 0130 01 (wrong checksum)", set()),
            ("Karte 4111 1111 1111 1111", {CA}),
            ("Karte 4111 1111 1111 1112", set()),
            (f"mail a@b.de, Tel 0171 1234567, {IBAN}", {EM, PH, IB}),
        ],
    )
    def test_categories(self, text: str, expected: set[PiiCategory]) -> None:
        assert detect(text) == expected

    def test_note_names_categories_never_values(self) -> None:
        note = note_for(detect(f"{IBAN} max@example.de"))
        assert note == "pii_check: email,iban"
        assert "example" not in note
        assert "3704" not in note

    @pytest.mark.parametrize(("value", "ok"), [(IBAN, True), ("DE89 3704 0044 0532 0130 01", False), ("DE00", False)])
    def test_iban(self, value: str, ok: bool) -> None:
        assert iban_valid(value) is ok

    @pytest.mark.parametrize(("value", "ok"), [("4111111111111111", True), ("4111111111111112", False), ("123", False)])
    def test_luhn(self, value: str, ok: bool) -> None:
        assert luhn_valid(value) is ok


SETTINGS = TextSettings(languages="deu+eng", timeout_seconds=120, max_pages=3)


class TestExtract:
    def test_pdf_text_layer(self, tmp_path: Path) -> None:
        require_binary("pdftotext")
        path = tmp_path / "a.pdf"
        path.write_bytes(make_pdf(["Rechnung", "Kontakt max@example.de"]))
        text = extract_text(path, ContentType.PDF, SETTINGS)
        assert text.method == "pdf_text"
        assert detect(text.text) == {EM}

    def test_clean_pdf_has_no_pii(self, tmp_path: Path) -> None:
        require_binary("pdftotext")
        path = tmp_path / "a.pdf"
        path.write_bytes(clean_pdf())
        assert detect(extract_text(path, ContentType.PDF, SETTINGS).text) == set()

    def test_png_iban_by_ocr(self, tmp_path: Path) -> None:
        require_binary("tesseract")
        path = tmp_path / "a.png"
        path.write_bytes(render_png(["Bankverbindung", f"IBAN {IBAN}"]))
        text = extract_text(path, ContentType.PNG, SETTINGS)
        assert text.method == "image_ocr"
        assert PiiCategory.IBAN in detect(text.text)

    def test_image_only_pdf_by_ocr(self, tmp_path: Path) -> None:
        require_binary("tesseract", "pdftotext", "pdftoppm")
        path = tmp_path / "scan.pdf"
        path.write_bytes(render_png(["Rueckruf unter", "Tel. 0171 1234567"], fmt="PDF"))
        text = extract_text(path, ContentType.PDF, SETTINGS)
        assert text.method == "pdf_ocr"
        assert PiiCategory.PHONE in detect(text.text)

    def test_broken_pdf_is_unavailable(self, tmp_path: Path) -> None:
        require_binary("pdftotext")
        path = tmp_path / "broken.pdf"
        path.write_bytes(b"%PDF-1.4\nthis is not a pdf")
        with pytest.raises(TextUnavailable):
            extract_text(path, ContentType.PDF, SETTINGS)

    def test_missing_tool_is_unavailable(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("PATH", str(tmp_path))
        path = tmp_path / "a.png"
        path.write_bytes(b"\x89PNG\r\n\x1a\n")
        with pytest.raises(TextUnavailable) as info:
            extract_text(path, ContentType.PNG, SETTINGS)
        assert info.value.reason == "tesseract_missing"
