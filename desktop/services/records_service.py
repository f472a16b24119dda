"""UI-facing commands and queries over the local store; every mutation emits ``changes_applied(ChangeSet)``.

Contracts: create and call on the GUI thread. Work runs through the one background helper on the DB worker
(CONVENTIONS item 3); results come back to the callbacks on the GUI thread. Errors go to ``on_failure`` when
given, else to ``failed``. The vault is the session's (opened by the sign-in or unlock flow).

Document and trust-folder commands have one owner, :class:`DocumentsService`, reachable as ``documents``; its
change-sets are re-emitted here, so views listen to one ``changes_applied``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.services.changes import DOCUMENTS, ENTRIES, PROBLEMS, SYNC_STATE, TRUST, VEHICLES, ChangeSet
from desktop.services.documents_service import DocumentsService
from desktop.services.tasks import TaskRunner
from desktop.store import collections, queries
from desktop.store.records import EntryRecord, SyncProblemRecord, TrustSummaryRecord, VehicleRecord
from desktop.store.repositories import (
    DocumentRepository,
    EntryRepository,
    ProblemRepository,
    TrustRepository,
    VehicleRepository,
)
from desktop.store.vault import Vault

Callback = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class NoVaultError(RuntimeError):
    """The vault is not open (signed out or locked)."""


def open_vault(vault_source: Callable[[], Vault | None]) -> Vault:
    """The open vault of ``vault_source``; :class:`NoVaultError` when signed out or locked."""
    vault = vault_source()
    if vault is None:
        raise NoVaultError("the vault is not open")
    return vault


@dataclass(frozen=True, slots=True)
class VehicleFileData:
    """What the vehicle file shows besides the timeline: the record, the server's trust summary, pending flag."""

    vehicle: VehicleRecord
    trust: TrustSummaryRecord | None
    pending: bool
    #: The names of the synced collections/fleets the vehicle is in.
    collections: tuple[str, ...] = ()


class RecordsService(QObject):
    changes_applied = Signal(object)
    failed = Signal(object)

    def __init__(self, vault_source: Callable[[], Vault | None], runner: TaskRunner) -> None:
        super().__init__()
        self._vault_source = vault_source
        self._runner = runner
        self.documents = DocumentsService(vault_source, runner)
        self.documents.changes_applied.connect(self.changes_applied.emit)
        self.documents.failed.connect(self.failed.emit)

    def _vault(self) -> Vault:
        return open_vault(self._vault_source)

    def _run(
        self,
        work: Callable[[Vault], Any],
        on_success: Callback | None,
        on_failure: Failure | None,
        changes: ChangeSet | Callable[[Any], ChangeSet] | None = None,
    ) -> None:
        vault_source = self._vault

        def fn() -> Any:
            return work(vault_source())

        def done(result: Any) -> None:
            if changes is not None:
                self.changes_applied.emit(changes(result) if callable(changes) else changes)
            if on_success is not None:
                on_success(result)

        self._runner.run_in_background(fn, done, on_failure or self.failed.emit)

    # -- queries -------------------------------------------------------------------------------------

    def load_vehicles(self, on_success: Callback, on_failure: Failure | None = None) -> None:
        """``on_success(list[VehicleRow])``."""
        self._run(queries.vehicle_rows, on_success, on_failure)

    def load_collections(self, on_success: Callback, on_failure: Failure | None = None) -> None:
        """``on_success(list[shared.collections.Collection])``, by name."""
        self._run(collections.list_collections, on_success, on_failure)

    def load_vehicle_file(self, vehicle_id: str, on_success: Callback, on_failure: Failure | None = None) -> None:
        """``on_success(VehicleFileData | None)`` (``None``: the vehicle is gone)."""

        def work(vault: Vault) -> VehicleFileData | None:
            vehicle = VehicleRepository(vault).get(vehicle_id)
            if vehicle is None or vehicle.deleted:
                return None
            trust = TrustRepository(vault).get(vehicle_id)
            pending = queries.vehicle_pending(vault, vehicle_id)
            return VehicleFileData(vehicle, trust, pending, collections.names_of(vault, vehicle_id))

        self._run(work, on_success, on_failure)

    def load_timeline(self, vehicle_id: str, on_success: Callback, on_failure: Failure | None = None) -> None:
        """``on_success(list[TimelineRow])``."""
        self._run(lambda vault: queries.timeline(vault, vehicle_id), on_success, on_failure)

    def load_history(self, entry_group_id: str, on_success: Callback, on_failure: Failure | None = None) -> None:
        """``on_success(list[EntryRecord])``, newest revision first."""
        self._run(lambda vault: queries.history(vault, entry_group_id), on_success, on_failure)

    def load_problems(self, on_success: Callback, on_failure: Failure | None = None) -> None:
        """``on_success(list[SyncProblemRecord])``."""
        self._run(lambda vault: ProblemRepository(vault).list(), on_success, on_failure)

    # -- commands ------------------------------------------------------------------------------------

    def add_vehicle(
        self,
        vin: str,
        nickname: str | None,
        meta: dict[str, Any],
        on_success: Callback | None = None,
        on_failure: Failure | None = None,
    ) -> None:
        """Create a vehicle offline; ``on_success(VehicleRecord)``. The server checks the VIN and the paywall."""

        def work(vault: Vault) -> VehicleRecord:
            return VehicleRepository(vault).add(vin, nickname=nickname or None, meta=meta)

        self._run(work, on_success, on_failure, lambda r: ChangeSet.of(VEHICLES, SYNC_STATE, vehicles=[r.id]))

    def update_vehicle(
        self,
        vehicle_id: str,
        nickname: str | None,
        meta: dict[str, Any],
        on_success: Callback | None = None,
        on_failure: Failure | None = None,
    ) -> None:
        def work(vault: Vault) -> None:
            VehicleRepository(vault).update(vehicle_id, nickname=nickname, meta=meta)

        self._run(work, on_success, on_failure, ChangeSet.of(VEHICLES, TRUST, SYNC_STATE, vehicles=[vehicle_id]))

    def add_entry(
        self,
        vehicle_id: str,
        fields: dict[str, Any],
        attachments: Sequence[Path] = (),
        on_success: Callback | None = None,
        on_failure: Failure | None = None,
    ) -> None:
        """Append an entry and attach ``attachments`` to it; ``on_success(EntryRecord)``.

        ``fields``: date, type, performed_by, km and optional note, cost_amount (currency units), currency,
        trust_level. The entry and each attachment are separate local transactions, queued in that order.
        """

        def work(vault: Vault) -> EntryRecord:
            entry = EntryRepository(vault).add(vehicle_id, **fields)
            documents = DocumentRepository(vault)
            for path in attachments:
                documents.attach(vehicle_id, Path(path), entry_id=entry.id)
            return entry

        kinds = (ENTRIES, DOCUMENTS, TRUST, VEHICLES, SYNC_STATE)
        self._run(work, on_success, on_failure, ChangeSet.of(*kinds, vehicles=[vehicle_id]))

    def revise_entry(
        self,
        entry: EntryRecord,
        fields: dict[str, Any],
        attachments: Sequence[Path] = (),
        on_success: Callback | None = None,
        on_failure: Failure | None = None,
    ) -> None:
        """A new revision of ``entry`` (append-only); new attachments go to the new revision."""

        def work(vault: Vault) -> EntryRecord:
            revised = EntryRepository(vault).revise(entry.id, **fields)
            documents = DocumentRepository(vault)
            for path in attachments:
                documents.attach(entry.vehicle_id, Path(path), entry_id=revised.id)
            return revised

        kinds = (ENTRIES, DOCUMENTS, TRUST, VEHICLES, SYNC_STATE)
        self._run(work, on_success, on_failure, ChangeSet.of(*kinds, vehicles=[entry.vehicle_id]))

    def retry_problem(
        self,
        problem: SyncProblemRecord,
        args: dict[str, Any] | None = None,
        on_success: Callback | None = None,
        on_failure: Failure | None = None,
    ) -> None:
        """Queue the (edited) payload of a sync problem again; the next sync sends it."""
        self._run(
            lambda vault: ProblemRepository(vault).retry(problem.id, args),
            on_success,
            on_failure,
            ChangeSet.of(PROBLEMS, SYNC_STATE, VEHICLES, ENTRIES),
        )

    def discard_problem(
        self, problem: SyncProblemRecord, on_success: Callback | None = None, on_failure: Failure | None = None
    ) -> None:
        """Forget a rejected change for good (the local data already shows the server's state)."""
        self._run(
            lambda vault: ProblemRepository(vault).discard(problem.id),
            on_success,
            on_failure,
            ChangeSet.of(PROBLEMS, SYNC_STATE),
        )

    def relay(self, changes: ChangeSet) -> None:
        """Re-emit a change-set made elsewhere (the sync service), so views listen in one place."""
        self.changes_applied.emit(changes)
