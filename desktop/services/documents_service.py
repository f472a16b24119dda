"""Documents and trust folders of one vehicle for the UI: queries, commands and change-sets.

Contracts:

- Thread: create and call on the GUI thread. Every vault access runs on the DB worker through
  ``run_in_background`` (CONVENTIONS item 3); callbacks come back on the GUI thread.
- Each command emits one ``changes_applied(ChangeSet)`` after its transaction (CONVENTIONS item 4); views
  reload only when the change-set names their record type and vehicle.
- Files are checked with the server's own rule (``shared.documents.check_upload``: PDF/JPEG/PNG by magic
  bytes, 20 MB) *before* anything is queued; a refused file raises :class:`FileRefused` with a reason code.
- Document content is decrypted into memory only (:meth:`read_content`); nothing is written in clear.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.services.changes import DOCUMENTS, ENTRIES, FOLDERS, SYNC_STATE, VEHICLES, ChangeSet
from desktop.services.tasks import TaskRunner, default_runner
from desktop.store import documents_queries as queries
from desktop.store.documents_queries import FolderItemRecord, FolderProblem, FolderRecord
from desktop.store.records import DocumentRecord
from desktop.store.repositories import DocumentRepository
from desktop.store.vault import Vault
from shared.documents import MAX_UPLOAD_BYTES, check_upload
from shared.errors import DomainError
from shared.sync.protocol import MutationName

IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})


class Category(StrEnum):
    """The folders of the Dokumente tab (SPEC §4.3); derived from the record, never stored."""

    ARCHIVE = "archive"  # every document of the vehicle
    INVOICES = "invoices"  # PDFs attached to a service entry
    DOCUMENTATION = "documentation"  # other PDFs
    CERTIFICATES = "certificates"  # server-made PDFs (trust certificate, exports; SPEC §9.4)
    GALLERY = "gallery"  # images


class Badge(StrEnum):
    """The status badge of a document, from the server's three status fields (SPEC §6.4, D17)."""

    IN_REVIEW = "in_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    PRIVACY_REVIEW = "privacy_review"


def badge_of(doc: DocumentRecord) -> Badge:
    """PII first (it blocks everything), then rejection (final), then approval; else still in review."""
    if str(doc.pii_status) != "OK":
        return Badge.PRIVACY_REVIEW
    if str(doc.approval_status) == "REJECTED" or str(doc.scan_status) == "INFECTED":
        return Badge.REJECTED
    if str(doc.approval_status) == "APPROVED" and str(doc.scan_status) == "CLEAN":
        return Badge.APPROVED
    return Badge.IN_REVIEW


def is_image(doc: DocumentRecord) -> bool:
    return doc.content_type in IMAGE_TYPES


def categories_of(doc: DocumentRecord, certificate_ids: frozenset[str] = frozenset()) -> set[Category]:
    found = {Category.ARCHIVE}
    if is_image(doc):
        found.add(Category.GALLERY)
    elif doc.id in certificate_ids:
        found.add(Category.CERTIFICATES)
    elif doc.entry_id:
        found.add(Category.INVOICES)
    else:
        found.add(Category.DOCUMENTATION)
    return found


class FileRefused(ValueError):
    """A file the server would refuse; ``code`` is ``too_large``, ``mime_not_allowed`` or ``ext_not_allowed``."""

    def __init__(self, path: Path, code: str) -> None:
        super().__init__(code)
        self.path = path
        self.code = code


def check_file(path: Path, max_bytes: int = MAX_UPLOAD_BYTES) -> None:
    """Raise :class:`FileRefused` unless ``path`` is a PDF/JPEG/PNG of at most ``max_bytes`` (reads 16 bytes)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        raise FileRefused(path, "unreadable") from None
    try:
        check_upload(filename=path.name, size_bytes=size, first_bytes=head, max_bytes=max_bytes)
    except DomainError as exc:
        raise FileRefused(path, str(exc.code)) from None


@dataclass(frozen=True, slots=True)
class DocumentsSnapshot:
    vehicle_id: str
    documents: tuple[DocumentRecord, ...]
    certificate_ids: frozenset[str] = frozenset()

    def in_category(self, category: Category) -> list[DocumentRecord]:
        return [d for d in self.documents if category in categories_of(d, self.certificate_ids)]


@dataclass(frozen=True, slots=True)
class FoldersSnapshot:
    vehicle_id: str
    folders: tuple[FolderRecord, ...]
    items: tuple[FolderItemRecord, ...]
    problems: tuple[FolderProblem, ...]
    documents: tuple[DocumentRecord, ...]

    def items_of(self, folder_id: str) -> list[FolderItemRecord]:
        return [i for i in self.items if i.folder_id == folder_id]


class DocumentsService(QObject):
    """UI-facing commands over ``DocumentRepository`` and the folder outbox mutations."""

    changes_applied = Signal(object)  # ChangeSet
    failed = Signal(object)

    def __init__(self, vault_source: Callable[[], Vault | None], runner: TaskRunner | None = None) -> None:
        super().__init__()
        self._vault_source = vault_source
        self._runner = runner

    @property
    def runner(self) -> TaskRunner:
        return self._runner or default_runner()

    def _vault(self) -> Vault:
        vault = self._vault_source()
        if vault is None:
            raise RuntimeError("vault is locked")
        return vault

    def _run(self, fn: Callable[[], Any], then: Callable[[Any], None] | None, fail: Callable | None = None) -> None:
        self.runner.run_in_background(fn, then, fail or self.failed.emit)

    # -- documents -------------------------------------------------------------------------------------

    def load_documents(self, vehicle_id: str, then: Callable[[DocumentsSnapshot], None]) -> None:
        def work() -> DocumentsSnapshot:
            docs = DocumentRepository(self._vault()).list(vehicle_id)
            return DocumentsSnapshot(vehicle_id, tuple(docs))

        self._run(work, then)

    def attach_files(
        self,
        vehicle_id: str,
        paths: Iterable[Path],
        then: Callable[[list[DocumentRecord]], None] | None = None,
        *,
        entry_id: str | None = None,
    ) -> list[FileRefused]:
        """Check every file first (on the caller's thread: 16 bytes each); queue only the accepted ones.

        Returns the refused files at once; the accepted ones are attached on the DB worker, then one
        change-set is emitted and ``then`` receives the new records.
        """
        accepted: list[Path] = []
        refused: list[FileRefused] = []
        for path in paths:
            try:
                check_file(path)
                accepted.append(path)
            except FileRefused as exc:
                refused.append(exc)
        if not accepted:
            return refused

        def work() -> list[DocumentRecord]:
            repo = DocumentRepository(self._vault())
            return [repo.attach(vehicle_id, path, entry_id=entry_id) for path in accepted]

        def done(records: list[DocumentRecord]) -> None:
            self.changes_applied.emit(ChangeSet.of(DOCUMENTS, ENTRIES, VEHICLES, SYNC_STATE, vehicles=[vehicle_id]))
            if then is not None:
                then(records)

        self._run(work, done)
        return refused

    def read_content(self, document_id: str, then: Callable[[bytes | None], None]) -> None:
        """The decrypted bytes of a locally held document (memory only), or ``None`` if it is not local."""
        self._run(lambda: queries.document_bytes(self._vault(), document_id), then)

    def mark_pii(self, vehicle_id: str, document_id: str, note: str | None = None) -> None:
        def work() -> None:
            DocumentRepository(self._vault()).mark_pii(document_id, "SUSPECTED", note)

        self._run(work, lambda _: self.changes_applied.emit(ChangeSet.of(DOCUMENTS, SYNC_STATE, vehicles=[vehicle_id])))

    # -- trust folders ---------------------------------------------------------------------------------

    def load_folders(self, vehicle_id: str, then: Callable[[FoldersSnapshot], None]) -> None:
        def work() -> FoldersSnapshot:
            vault = self._vault()
            found = queries.folders(vault, vehicle_id)
            ids = [f.id for f in found]
            return FoldersSnapshot(
                vehicle_id,
                tuple(found),
                tuple(queries.folder_items(vault, ids)),
                tuple(queries.folder_problems(vault, vehicle_id, ids)),
                tuple(DocumentRepository(vault).list(vehicle_id)),
            )

        self._run(work, then)

    def create_folder(self, vehicle_id: str, addon_key: str, title: str, then: Callable[[str], None] | None = None):
        args = {"vehicle_id": vehicle_id, "addon_key": addon_key, "title": title.strip()}
        self._folder_command(vehicle_id, MutationName.FOLDER_CREATE, args, then)

    def add_stage(
        self, vehicle_id: str, folder_id: str, fields: dict[str, Any], then: Callable[[str], None] | None = None
    ) -> None:
        """Queue ``folder_item.create``; ``fields`` are wire args (title, stage, date, performed_by, ...)."""
        args = {"folder_id": folder_id, **{k: v for k, v in fields.items() if v not in (None, "", [])}}
        self._folder_command(vehicle_id, MutationName.FOLDER_ITEM_CREATE, args, then)

    def _folder_command(
        self,
        vehicle_id: str,
        name: MutationName,
        args: dict[str, Any],
        then: Callable[[str], None] | None,
    ) -> None:
        def done(record_id: str) -> None:
            self.changes_applied.emit(ChangeSet.of(FOLDERS, SYNC_STATE, vehicles=[vehicle_id]))
            if then is not None:
                then(record_id)

        self._run(lambda: queries.enqueue_folder_mutation(self._vault(), name, args), done)
