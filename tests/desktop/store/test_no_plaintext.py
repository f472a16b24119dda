"""Nothing of the user's data, nor the data key, is on disk in clear (ARCHITECTURE "Local vault")."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.store.db import migrate, plain_sqlite_engine
from desktop.store.keyfile import read_key_file
from desktop.store.models import Document, Entry, OutboxMutation, SyncProblem, Vehicle
from desktop.store.vault import KEY_FILE_NAME, Vault
from tests.desktop.store.conftest import PASSWORD

VIN = "WVWZZZ1JZXW123457"
NOTE = "Zahnriemen gewechselt bei Autohaus Sonnenschein, Kunde klagt ueber Quietschen vorne links"
FILE_NAME = "Rechnung_Autohaus_Sonnenschein_2025.pdf"
PDF_MARKER = b"Kundennummer 4711-0815 Rechnungsbetrag 1234,56 EUR"


def small_pdf() -> bytes:
    """A tiny but well-formed PDF whose content stream carries a marker text."""
    stream = b"BT /F1 12 Tf 72 720 Td (" + PDF_MARKER + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def encodings(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def key_forms(key: bytes) -> list[bytes]:
    return [
        key,
        key.hex().encode(),
        key.hex().upper().encode(),
        base64.b64encode(key),
        base64.urlsafe_b64encode(key),
        base64.urlsafe_b64encode(key).rstrip(b"="),
        base64.b32encode(key),
    ]


def test_nothing_in_clear_under_the_vault_folder(vault: Vault) -> None:
    pdf = small_pdf()
    sha = hashlib.sha256(pdf).hexdigest()
    with vault.session() as session, session.begin():
        vehicle = Vehicle(vin=VIN, vin_masked="WVW***3457", nickname="Familienkombi", dirty=True)
        session.add(vehicle)
        session.flush()
        entry = Entry(
            vehicle_id=vehicle.id,
            entry_group_id=vehicle.id,
            date="2025-03-14",
            type="Inspektion",
            performed_by="Autohaus Sonnenschein",
            km=123456,
            note=NOTE,
            dirty=True,
        )
        session.add(entry)
        session.flush()
        info = vault.blobs.put_bytes(pdf)
        session.add(
            Document(
                vehicle_id=vehicle.id,
                entry_id=entry.id,
                filename=FILE_NAME,
                content_type="application/pdf",
                size_bytes=info.size,
                checksum_sha256=info.sha256,
                local_blob_sha256=info.sha256,
                upload_state="pending",
            )
        )
        args = {"vin": VIN, "note": NOTE}
        session.add(OutboxMutation(client_id="c", name="vehicle.create", args=args, base_version=None))
        session.add(SyncProblem(client_id="c", mutation_id=1, name="entry.create", args=args, code="conflict"))
    assert info.sha256 == sha
    vault.close()

    data_key = read_key_file(vault.folder / KEY_FILE_NAME).unwrap(PASSWORD)
    needles: dict[str, bytes] = {}
    for label, text in (("vin", VIN), ("note", NOTE), ("file name", FILE_NAME), ("sha256", sha)):
        for number, form in enumerate(encodings(text)):
            needles[f"{label} #{number}"] = form
    needles["note fragment"] = b"Zahnriemen"
    needles["pdf"] = pdf
    needles["pdf marker"] = PDF_MARKER
    needles["pdf header"] = b"%PDF-1.4"
    needles["pdf sha256 raw"] = bytes.fromhex(sha)
    for number, form in enumerate(key_forms(data_key)):
        needles[f"data key #{number}"] = form

    files = [p for p in vault.folder.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"vault.db", KEY_FILE_NAME}
    assert any(p.parent.parent.name == "blobs" for p in files)
    found = []
    for path in files:
        content = path.read_bytes()
        found += [
            f"{label} in {path.relative_to(vault.folder)}" for label, needle in needles.items() if needle in content
        ]
        names = str(path.relative_to(vault.folder)).encode()
        found += [f"{label} in the name {names!r}" for label, needle in needles.items() if needle in names]
    assert found == []


def test_control_the_same_rows_in_plain_sqlite_are_found(tmp_path: Path) -> None:
    """The search above is not vacuous: without SQLCipher the very same rows show up in the file."""
    db_path = tmp_path / "plain.db"
    engine = plain_sqlite_engine(db_path)
    migrate(engine, db_path, tmp_path / "backups")
    with Session(engine) as session, session.begin():
        vehicle = Vehicle(vin=VIN, vin_masked="WVW***3457")
        session.add(vehicle)
        session.flush()
        session.add(
            Entry(
                vehicle_id=vehicle.id,
                entry_group_id=vehicle.id,
                date="2025-03-14",
                type="Inspektion",
                performed_by="x",
                km=1,
                note=NOTE,
            )
        )
    engine.dispose()
    content = db_path.read_bytes()
    assert VIN.encode() in content
    assert NOTE.encode() in content
