"""Document state machine, valid evidence, visibility, retention and intake (SPEC §6, D9, D15-D17)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from shared.documents import (
    INFECTED_AUTO_REJECT_REASON,
    MAX_FILENAME_CHARS,
    MAX_UPLOAD_BYTES,
    SYSTEM_ACTOR,
    ApprovalStatus,
    ContentType,
    DeleteReason,
    DocumentActor,
    DocumentState,
    PiiStatus,
    ScanStatus,
    approve,
    can_download,
    can_view_metadata,
    check_upload,
    is_valid_evidence,
    mark_pii,
    new_document,
    override_pii,
    pii_retention_due,
    purge_for_retention,
    record_scan_result,
    reject,
    rejected_retention_due,
    replace_document,
    rescan,
    retention_reason,
    sanitize_filename,
    sniff_content_type,
    soft_delete,
)
from shared.errors import DomainError, ErrorCode
from shared.roles import Role

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
A, S, D = ApprovalStatus, ScanStatus, PiiStatus
ADMIN = DocumentActor(role=Role.ADMIN, user_id="adm")
SUPER = DocumentActor(role=Role.SUPERADMIN, user_id="sup")
UPLOADER = DocumentActor(role=Role.USER, user_id="u1", is_uploader=True, is_vehicle_owner=True)
OWNER = DocumentActor(role=Role.USER, user_id="u2", is_vehicle_owner=True)  # owns the vehicle, did not upload
ORG = DocumentActor(role=Role.DEALER, user_id="m1", is_org_member=True)
PARTNER = DocumentActor(role=Role.DEALER, user_id="p1", is_shared_with=True)
STRANGER = DocumentActor(role=Role.VIP, user_id="x")
MODERATOR = DocumentActor(role=Role.MODERATOR, user_id="mod", is_uploader=True)
PUBLIC = DocumentActor(role=Role.PUBLIC)

FRESH = DocumentState()
CLEAN = replace(FRESH, scan_status=S.CLEAN)
APPROVED = replace(CLEAN, approval_status=A.APPROVED, approved_by_user_id="adm", approved_at=NOW)
REJECTED = replace(FRESH, approval_status=A.REJECTED, rejected_at=NOW, reject_reason="blurry")
DELETED = replace(APPROVED, deleted_at=NOW, deleted_reason=DeleteReason.DELETED)


def code_of(call: Callable[[], object]) -> ErrorCode:
    with pytest.raises(DomainError) as info:
        call()
    return info.value.code


# --- valid evidence ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "valid"),
    [
        (APPROVED, True),
        (CLEAN, False),
        (replace(APPROVED, scan_status=S.ERROR), False),
        (replace(APPROVED, pii_status=D.SUSPECTED), False),
        (replace(APPROVED, pii_status=D.CONFIRMED), False),
        (DELETED, False),
        (REJECTED, False),
    ],
)
def test_is_valid_evidence(state: DocumentState, valid: bool) -> None:
    assert is_valid_evidence(state) is valid


# --- upload and scan -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.USER, Role.VIP, Role.DEALER, Role.ADMIN, Role.SUPERADMIN])
def test_upload_starts_quarantined_pending_ok(role: Role) -> None:
    state = new_document(DocumentActor(role=role, is_uploader=True))
    assert (state.approval_status, state.scan_status, state.pii_status) == (A.QUARANTINED, S.PENDING, D.OK)
    assert state.deleted_at is None


@pytest.mark.parametrize("actor", [MODERATOR, PUBLIC, SYSTEM_ACTOR])
def test_upload_refused(actor: DocumentActor) -> None:
    assert code_of(lambda: new_document(actor)) is ErrorCode.FORBIDDEN


@pytest.mark.parametrize(
    ("start", "result", "approval"),
    [
        (S.PENDING, S.CLEAN, A.QUARANTINED),
        (S.PENDING, S.ERROR, A.QUARANTINED),
        (S.PENDING, S.INFECTED, A.REJECTED),
        (S.ERROR, S.CLEAN, A.QUARANTINED),  # retry after a scanner error
        (S.ERROR, S.ERROR, A.QUARANTINED),
        (S.ERROR, S.INFECTED, A.REJECTED),
    ],
)
@pytest.mark.parametrize("actor", [SYSTEM_ACTOR, ADMIN])
def test_scan_result(start: ScanStatus, result: ScanStatus, approval: ApprovalStatus, actor: DocumentActor) -> None:
    state = record_scan_result(replace(FRESH, scan_status=start), actor, result, NOW)
    assert (state.scan_status, state.approval_status) == (result, approval)


def test_infected_rejects_automatically_with_reason() -> None:
    state = record_scan_result(FRESH, SYSTEM_ACTOR, S.INFECTED, NOW)
    assert (state.rejected_at, state.reject_reason, state.rejected_by_user_id) == (
        NOW,
        INFECTED_AUTO_REJECT_REASON,
        None,
    )


@pytest.mark.parametrize(
    ("state", "actor", "result", "code"),
    [
        (CLEAN, SYSTEM_ACTOR, S.INFECTED, ErrorCode.INVALID_TRANSITION),  # a final result needs a rescan
        (replace(FRESH, scan_status=S.INFECTED), SYSTEM_ACTOR, S.CLEAN, ErrorCode.INVALID_TRANSITION),
        (FRESH, SYSTEM_ACTOR, S.PENDING, ErrorCode.INVALID_TRANSITION),
        (FRESH, UPLOADER, S.CLEAN, ErrorCode.FORBIDDEN),
        (replace(FRESH, deleted_at=NOW), SYSTEM_ACTOR, S.CLEAN, ErrorCode.DOCUMENT_DELETED),
    ],
)
def test_scan_result_refused(state: DocumentState, actor: DocumentActor, result: ScanStatus, code: ErrorCode) -> None:
    assert code_of(lambda: record_scan_result(state, actor, result, NOW)) is code


@pytest.mark.parametrize(
    ("state", "result", "approval"),
    [
        (CLEAN, S.PENDING, A.QUARANTINED),
        (APPROVED, S.INFECTED, A.REJECTED),  # an approval is withdrawn by malware
        (APPROVED, S.CLEAN, A.APPROVED),
        (replace(REJECTED, scan_status=S.INFECTED), S.CLEAN, A.REJECTED),  # rejection stays final
    ],
)
def test_rescan(state: DocumentState, result: ScanStatus, approval: ApprovalStatus) -> None:
    new = rescan(state, ADMIN, result, NOW)
    assert (new.scan_status, new.approval_status) == (result, approval)
    if approval is A.REJECTED:
        assert new.approved_at is None


@pytest.mark.parametrize(
    ("state", "actor", "code"),
    [
        (CLEAN, SYSTEM_ACTOR, ErrorCode.FORBIDDEN),
        (CLEAN, UPLOADER, ErrorCode.FORBIDDEN),
        (DELETED, ADMIN, ErrorCode.DOCUMENT_DELETED),
    ],
)
def test_rescan_refused(state: DocumentState, actor: DocumentActor, code: ErrorCode) -> None:
    assert code_of(lambda: rescan(state, actor, S.CLEAN, NOW)) is code


# --- approve / reject ----------------------------------------------------------------------------


@pytest.mark.parametrize("actor", [ADMIN, SUPER])
def test_approve(actor: DocumentActor) -> None:
    state = approve(CLEAN, actor, NOW)
    assert (state.approval_status, state.approved_by_user_id, state.approved_at) == (A.APPROVED, actor.user_id, NOW)
    assert is_valid_evidence(state)


def test_approving_an_approved_document_is_a_no_op() -> None:
    assert approve(APPROVED, SUPER, NOW + timedelta(days=1)) is APPROVED


@pytest.mark.parametrize(
    ("state", "code"),
    [
        # every precondition fails: the first in contract order wins
        (replace(REJECTED, scan_status=S.ERROR, pii_status=D.CONFIRMED, deleted_at=NOW), ErrorCode.DOCUMENT_DELETED),
        (replace(REJECTED, scan_status=S.ERROR, pii_status=D.CONFIRMED), ErrorCode.DOCUMENT_REJECTED),
        (replace(FRESH, pii_status=D.SUSPECTED), ErrorCode.NOT_SCANNED_CLEAN),
        (replace(FRESH, scan_status=S.ERROR), ErrorCode.NOT_SCANNED_CLEAN),
        (replace(CLEAN, pii_status=D.SUSPECTED), ErrorCode.PII_NOT_CLEARED),
        (replace(CLEAN, pii_status=D.CONFIRMED), ErrorCode.PII_NOT_CLEARED),
        (replace(APPROVED, pii_status=D.SUSPECTED), ErrorCode.PII_NOT_CLEARED),
        (replace(CLEAN, approval_status=A.REJECTED), ErrorCode.DOCUMENT_REJECTED),
    ],
)
def test_approve_preconditions_in_contract_order(state: DocumentState, code: ErrorCode) -> None:
    error_code = code_of(lambda: approve(state, ADMIN, NOW))
    assert error_code is code
    assert DomainError(error_code).http_status == 409


@pytest.mark.parametrize("actor", [UPLOADER, OWNER, ORG, SYSTEM_ACTOR, MODERATOR])
def test_only_admins_approve_or_reject(actor: DocumentActor) -> None:
    assert code_of(lambda: approve(CLEAN, actor, NOW)) is ErrorCode.FORBIDDEN
    assert code_of(lambda: reject(CLEAN, actor, NOW)) is ErrorCode.FORBIDDEN


@pytest.mark.parametrize("state", [FRESH, CLEAN, APPROVED, replace(APPROVED, pii_status=D.CONFIRMED)])
def test_reject_any_live_document(state: DocumentState) -> None:
    new = reject(state, ADMIN, NOW, reason="  wrong vehicle ")
    assert (new.approval_status, new.rejected_by_user_id, new.rejected_at, new.reject_reason) == (
        A.REJECTED,
        "adm",
        NOW,
        "wrong vehicle",
    )
    assert (new.approved_by_user_id, new.approved_at) == (None, None)
    assert code_of(lambda: approve(rescan(new, ADMIN, S.CLEAN, NOW), ADMIN, NOW)) is ErrorCode.DOCUMENT_REJECTED


@pytest.mark.parametrize(
    ("state", "reason", "code"),
    [
        (DELETED, None, ErrorCode.DOCUMENT_DELETED),
        (CLEAN, "x" * 501, ErrorCode.VALIDATION_FAILED),
    ],
)
def test_reject_refused(state: DocumentState, reason: str | None, code: ErrorCode) -> None:
    assert code_of(lambda: reject(state, ADMIN, NOW, reason)) is code


def test_reject_edge_cases() -> None:
    assert reject(REJECTED, ADMIN, NOW + timedelta(days=3), "again") is REJECTED  # keeps the first rejection
    assert reject(CLEAN, ADMIN, NOW, "x" * 500).reject_reason == "x" * 500
    assert reject(CLEAN, ADMIN, NOW, "   ").reject_reason is None


# --- PII -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "target", "actor"),
    [
        (D.OK, D.SUSPECTED, UPLOADER),
        (D.OK, D.CONFIRMED, UPLOADER),
        (D.OK, D.CONFIRMED, ADMIN),
        (D.SUSPECTED, D.CONFIRMED, ADMIN),
        (D.OK, D.SUSPECTED, SYSTEM_ACTOR),  # the detector
    ],
)
def test_mark_pii(start: PiiStatus, target: PiiStatus, actor: DocumentActor) -> None:
    state = mark_pii(replace(APPROVED, pii_status=start), actor, target, NOW, note=" IBAN on page 2 ")
    assert (state.pii_status, state.pii_marked_by_user_id, state.pii_marked_at, state.pii_note) == (
        target,
        actor.user_id,
        NOW,
        "IBAN on page 2",
    )
    assert not is_valid_evidence(state)
    assert state.approval_status is A.APPROVED


@pytest.mark.parametrize("status", [D.SUSPECTED, D.CONFIRMED])
def test_re_marking_the_same_status_is_a_no_op(status: PiiStatus) -> None:
    state = replace(CLEAN, pii_status=status, pii_marked_at=NOW)
    assert mark_pii(state, UPLOADER, status, NOW + timedelta(days=10)) is state


@pytest.mark.parametrize(
    ("state", "actor", "target", "code"),
    [
        (replace(CLEAN, pii_status=D.SUSPECTED), UPLOADER, D.OK, ErrorCode.INVALID_TRANSITION),  # cleanup = replace
        (replace(CLEAN, pii_status=D.SUSPECTED), ADMIN, D.OK, ErrorCode.INVALID_TRANSITION),  # admins: override
        (CLEAN, UPLOADER, D.OK, ErrorCode.INVALID_TRANSITION),
        (replace(CLEAN, pii_status=D.CONFIRMED), UPLOADER, D.SUSPECTED, ErrorCode.INVALID_TRANSITION),
        (CLEAN, SYSTEM_ACTOR, D.CONFIRMED, ErrorCode.INVALID_TRANSITION),  # a detector only suspects
        (CLEAN, OWNER, D.SUSPECTED, ErrorCode.FORBIDDEN),  # vehicle owner who did not upload
        (CLEAN, ORG, D.SUSPECTED, ErrorCode.FORBIDDEN),
        (CLEAN, MODERATOR, D.SUSPECTED, ErrorCode.FORBIDDEN),
        (DELETED, UPLOADER, D.SUSPECTED, ErrorCode.DOCUMENT_DELETED),
    ],
)
def test_mark_pii_refused(state: DocumentState, actor: DocumentActor, target: PiiStatus, code: ErrorCode) -> None:
    assert code_of(lambda: mark_pii(state, actor, target, NOW)) is code


def test_mark_pii_note_limit() -> None:
    assert code_of(lambda: mark_pii(CLEAN, UPLOADER, D.SUSPECTED, NOW, "x" * 501)) is ErrorCode.VALIDATION_FAILED


@pytest.mark.parametrize("status", [D.SUSPECTED, D.CONFIRMED])
def test_admin_override_clears_the_pii_block(status: PiiStatus) -> None:
    state = override_pii(replace(APPROVED, pii_status=status), SUPER, NOW)
    assert (state.pii_status, state.pii_override_by_user_id, state.pii_override_at) == (D.OK, "sup", NOW)
    assert is_valid_evidence(state)


@pytest.mark.parametrize(
    ("state", "actor", "code"),
    [
        (replace(CLEAN, pii_status=D.SUSPECTED), UPLOADER, ErrorCode.FORBIDDEN),
        (replace(CLEAN, pii_status=D.SUSPECTED), SYSTEM_ACTOR, ErrorCode.FORBIDDEN),
        (replace(DELETED, pii_status=D.SUSPECTED), ADMIN, ErrorCode.DOCUMENT_DELETED),
    ],
)
def test_override_refused(state: DocumentState, actor: DocumentActor, code: ErrorCode) -> None:
    assert code_of(lambda: override_pii(state, actor, NOW)) is code


def test_override_of_ok_is_a_no_op() -> None:
    assert override_pii(CLEAN, ADMIN, NOW) is CLEAN


# --- replacement, deletion, retention --------------------------------------------------------------


@pytest.mark.parametrize("actor", [UPLOADER, ADMIN])
def test_replacement_deletes_the_old_document(actor: DocumentActor) -> None:
    state = replace_document(replace(APPROVED, pii_status=D.CONFIRMED), actor, NOW, "doc-2")
    assert (state.deleted_at, state.deleted_reason, state.replaced_by_document_id) == (
        NOW,
        DeleteReason.REPLACED,
        "doc-2",
    )
    assert not is_valid_evidence(state)


@pytest.mark.parametrize("actor", [UPLOADER, ADMIN])
def test_soft_delete(actor: DocumentActor) -> None:
    state = soft_delete(APPROVED, actor, NOW)
    assert (state.deleted_at, state.deleted_reason) == (NOW, DeleteReason.DELETED)
    assert not is_valid_evidence(state)


@pytest.mark.parametrize(
    "call",
    [
        lambda: replace_document(APPROVED, OWNER, NOW, "doc-2"),
        lambda: replace_document(APPROVED, SYSTEM_ACTOR, NOW, "doc-2"),
        lambda: soft_delete(APPROVED, ORG, NOW),
        lambda: soft_delete(APPROVED, MODERATOR, NOW),
        lambda: purge_for_retention(REJECTED, ADMIN, NOW + timedelta(days=90)),
    ],
)
def test_delete_actors_refused(call: Callable[[], object]) -> None:
    assert code_of(call) is ErrorCode.FORBIDDEN


@pytest.mark.parametrize(
    "call",
    [
        lambda: soft_delete(DELETED, ADMIN, NOW),
        lambda: replace_document(DELETED, UPLOADER, NOW, "doc-2"),
        lambda: purge_for_retention(DELETED, SYSTEM_ACTOR, NOW),
        lambda: approve(DELETED, ADMIN, NOW),
    ],
)
def test_every_mutation_of_a_deleted_document_is_refused(call: Callable[[], object]) -> None:
    assert code_of(call) is ErrorCode.DOCUMENT_DELETED


def test_replacement_needs_the_new_document_id() -> None:
    assert code_of(lambda: replace_document(APPROVED, UPLOADER, NOW, "")) is ErrorCode.VALIDATION_FAILED


CONFIRMED_AT_NOW = replace(CLEAN, pii_status=D.CONFIRMED, pii_marked_at=NOW)
THIRTY = timedelta(days=30)
SECOND = timedelta(seconds=1)
BOTH_DUE = DeleteReason.RETENTION_REJECTED  # rejected and confirmed PII: the rejection reason is reported


@pytest.mark.parametrize(
    ("state", "at", "reason"),
    [
        (CONFIRMED_AT_NOW, NOW + THIRTY, None),
        (CONFIRMED_AT_NOW, NOW + THIRTY + SECOND, DeleteReason.RETENTION_PII),
        (replace(CONFIRMED_AT_NOW, pii_status=D.SUSPECTED), NOW + 10 * THIRTY, None),
        (replace(CONFIRMED_AT_NOW, pii_status=D.OK), NOW + 10 * THIRTY, None),  # overridden = cleaned
        (replace(CONFIRMED_AT_NOW, deleted_at=NOW), NOW + 10 * THIRTY, None),
        (replace(CONFIRMED_AT_NOW, pii_marked_at=None), NOW + 10 * THIRTY, None),
        (REJECTED, NOW + THIRTY, None),
        (REJECTED, NOW + THIRTY + SECOND, DeleteReason.RETENTION_REJECTED),
        (replace(REJECTED, rejected_at=None), NOW + 10 * THIRTY, None),
        (
            replace(REJECTED, pii_status=D.CONFIRMED, pii_marked_at=NOW),
            NOW + 2 * THIRTY,
            DeleteReason.RETENTION_REJECTED,
        ),
        (APPROVED, NOW + 10 * THIRTY, None),
    ],
)
def test_retention(state: DocumentState, at: datetime, reason: DeleteReason | None) -> None:
    assert retention_reason(state, at) is reason
    if reason is None:
        assert code_of(lambda: purge_for_retention(state, SYSTEM_ACTOR, at)) in {
            ErrorCode.INVALID_TRANSITION,
            ErrorCode.DOCUMENT_DELETED,
        }
    else:
        purged = purge_for_retention(state, SYSTEM_ACTOR, at)
        assert (purged.deleted_at, purged.deleted_reason) == (at, reason)


def test_retention_days_are_configurable() -> None:
    at = NOW + timedelta(days=8)
    assert pii_retention_due(CONFIRMED_AT_NOW, at, days=7)
    assert not pii_retention_due(CONFIRMED_AT_NOW, at)
    assert rejected_retention_due(REJECTED, at, days=7)
    assert not rejected_retention_due(REJECTED, at)


# --- visibility (SPEC §6.5, D17) -----------------------------------------------------------------

QUARANTINED = FRESH
PII_APPROVED = replace(APPROVED, pii_status=D.SUSPECTED)
VIS_STATES = [QUARANTINED, CLEAN, APPROVED, PII_APPROVED, REJECTED, DELETED]
VIS_ACTORS = [ADMIN, SUPER, UPLOADER, OWNER, ORG, PARTNER, STRANGER, MODERATOR, PUBLIC, SYSTEM_ACTOR]
# columns follow VIS_STATES: quarantined, clean, approved, approved+pii, rejected, deleted
METADATA = {
    "ADMIN": "11111.",
    "SUPER": "11111.",
    "UPLOADER": "11111.",  # D17: own uploads with status, any state
    "OWNER": "..1...",
    "ORG": "..1...",
    "PARTNER": "..1...",
    "STRANGER": "......",
    "MODERATOR": "......",  # even as the uploader
    "PUBLIC": "......",
    "SYSTEM_ACTOR": "......",
}
DOWNLOAD = {
    "ADMIN": "11111.",
    "SUPER": "11111.",
    "UPLOADER": "..1...",
    "OWNER": "..1...",
    "ORG": "..1...",
    "PARTNER": "..1...",
    "STRANGER": "......",
    "MODERATOR": "......",
    "PUBLIC": "......",
    "SYSTEM_ACTOR": "......",
}
NAMES = ["ADMIN", "SUPER", "UPLOADER", "OWNER", "ORG", "PARTNER", "STRANGER", "MODERATOR", "PUBLIC", "SYSTEM_ACTOR"]


@pytest.mark.parametrize(("name", "actor"), list(zip(NAMES, VIS_ACTORS, strict=True)))
@pytest.mark.parametrize("column", range(len(VIS_STATES)))
def test_visibility_matrix(name: str, actor: DocumentActor, column: int) -> None:
    state = VIS_STATES[column]
    assert can_view_metadata(actor, state) is (METADATA[name][column] == "1")
    assert can_download(actor, state) is (DOWNLOAD[name][column] == "1")


# --- intake --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "content_type"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", ContentType.PDF),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", ContentType.JPEG),
        (b"\xff\xd8\xff\xe1", ContentType.JPEG),
        (b"\x89PNG\r\n\x1a\n\x00\x00", ContentType.PNG),
        (b"\x89PNG\r\n", None),  # truncated signature
        (b"GIF89a", None),
        (b"\x00\x00\x00\x18ftypmp42", None),  # video
        (b"<html>%PDF-", None),
        (b"", None),
    ],
)
def test_sniff_content_type(head: bytes, content_type: ContentType | None) -> None:
    assert sniff_content_type(head) == content_type


@pytest.mark.parametrize(
    ("filename", "size", "head", "expected"),
    [
        ("invoice.pdf", 1000, b"%PDF-1.4", ContentType.PDF),
        ("photo.JPEG", MAX_UPLOAD_BYTES, b"\xff\xd8\xff\xdb", ContentType.JPEG),
        ("scan", 10, b"\x89PNG\r\n\x1a\n", ContentType.PNG),  # no extension: bytes decide
        ("scan.jpg", 10, b"\x89PNG\r\n\x1a\n", ContentType.PNG),  # allowed extension, bytes decide the type
        ("a.pdf", MAX_UPLOAD_BYTES + 1, b"%PDF-", ErrorCode.TOO_LARGE),
        ("a.exe", MAX_UPLOAD_BYTES + 1, b"MZ", ErrorCode.TOO_LARGE),  # size is checked first
        ("a.pdf", 100, b"MZ\x90\x00", ErrorCode.MIME_NOT_ALLOWED),  # name lies
        ("a.pdf", 0, b"", ErrorCode.MIME_NOT_ALLOWED),
        ("clip.mp4", 100, b"\x00\x00\x00\x18ftyp", ErrorCode.MIME_NOT_ALLOWED),
        ("invoice.pdf.exe", 100, b"%PDF-1.4", ErrorCode.EXT_NOT_ALLOWED),
        ("notes.txt", 100, b"%PDF-1.4", ErrorCode.EXT_NOT_ALLOWED),
    ],
)
def test_check_upload(filename: str, size: int, head: bytes, expected: ContentType | ErrorCode) -> None:
    if isinstance(expected, ErrorCode):
        code = code_of(lambda: check_upload(filename=filename, size_bytes=size, first_bytes=head))
        assert code is expected
        assert DomainError(code).http_status == (413 if code is ErrorCode.TOO_LARGE else 415)
    else:
        assert check_upload(filename=filename, size_bytes=size, first_bytes=head) is expected


def test_upload_limit_is_configurable() -> None:
    assert code_of(lambda: check_upload(filename="a.pdf", size_bytes=11, first_bytes=b"%PDF-", max_bytes=10)) is (
        ErrorCode.TOO_LARGE
    )


LONG_STEM = "r" * 300


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Rechnung 2024.pdf", "Rechnung 2024.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\max\\Desktop\\TÜV.pdf", "TÜV.pdf"),
        ("a\x00b\x01\x7fc\x9b.png", "abc.png"),
        ("evil\u202egnp.exe", "evilgnp.exe"),  # bidi override removed
        ("  many    spaces\tand\nbreaks .pdf  ", "many spaces and breaks .pdf"),
        ("...hidden", "hidden"),
        ('bad<>:"|?*.pdf', "bad_______.pdf"),
        ("Rechnung.pdf", "Rechnung.pdf"),
        ("", "document"),
        ("/", "document"),
        ("..", "document"),
        ("\x00\x01", "document"),
        (LONG_STEM + ".pdf", "r" * 176 + ".pdf"),
        ("r" * 181, "r" * 180),
        (LONG_STEM + ".verylongextension", (LONG_STEM + ".verylongextension")[:180]),
    ],
)
def test_sanitize_filename(raw: str, clean: str) -> None:
    result = sanitize_filename(raw)
    assert result == clean
    assert len(result) <= MAX_FILENAME_CHARS


def test_sanitize_filename_normalises_to_nfc_and_keeps_a_custom_fallback() -> None:
    assert sanitize_filename("Tu\u0308v.pdf") == "T\u00fcv.pdf"
    assert sanitize_filename("", fallback="upload") == "upload"
