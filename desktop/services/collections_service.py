"""Collections and fleets for the UI: create, rename, change kind, delete, put vehicles in or take them out.

Contracts:

- Thread: create and call on the GUI thread; REST calls run on the network pool, the store writes on the DB
  worker (``run_in_background``); callbacks come back on the GUI thread.
- Online only: the server's sync push has no collection mutations, so every change is a REST call. Offline
  (no client) or unreachable, the call fails with ``NetworkError`` and nothing changes locally; the UI says
  that collections can only be changed while connected.
- The server's answer is written to the replica as the next pull would write it, then
  ``records.changes_applied`` carries ``ChangeSet.of(COLLECTIONS, VEHICLES)``: the vehicle list reloads.
- Names are checked with the server's rule (``shared.collections.clean_name``) before anything is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from desktop.services.changes import COLLECTIONS, VEHICLES, ChangeSet
from desktop.services.records_service import RecordsService, open_vault
from desktop.services.tasks import TaskRunner, default_runner
from desktop.store import collections as store
from desktop.store.vault import Vault
from desktop.sync.collections_api import CollectionsApi
from shared.collections import Collection, CollectionKind, clean_name
from shared.errors import DomainError

Done = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class CollectionsService(QObject):
    def __init__(
        self,
        records: RecordsService,
        api_source: Callable[[], CollectionsApi],
        vault_source: Callable[[], Vault | None],
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__()
        self.records = records
        self._api_source = api_source
        self._vault_source = vault_source
        self._runner = runner

    @property
    def runner(self) -> TaskRunner:
        return self._runner or default_runner()

    def _vault(self) -> Vault:
        return open_vault(self._vault_source)

    def load(self, then: Done, fail: Failure) -> None:
        """``then(list[Collection])`` from the replica (works offline)."""
        self.records.load_collections(then, fail)

    def _call(
        self,
        request: Callable[[CollectionsApi], Any],
        keep: Callable[[Vault, Any], Collection | None],
        then: Done,
        fail: Failure,
    ) -> None:
        """``request`` on the network pool, then ``keep`` its answer in the replica on the DB worker."""
        try:
            api = self._api_source()  # raises NetworkError when offline / signed out
        except Exception as exc:  # noqa: BLE001 - handed to the caller's failure path like a failed call
            fail(exc)
            return

        def stored(result: Collection | None) -> None:
            self.records.relay(ChangeSet.of(COLLECTIONS, VEHICLES))
            then(result)

        def answered(body: Any) -> None:
            self.runner.run_in_background(lambda: keep(self._vault(), body), stored, fail)

        self.runner.run_in_background(lambda: request(api), answered, fail, kind="net")

    def _change(self, request: Callable[[CollectionsApi], dict[str, Any]], then: Done, fail: Failure) -> None:
        self._call(request, store.store_answer, then, fail)

    def create(self, name: str, kind: CollectionKind, then: Done, fail: Failure) -> None:
        """``then(Collection)``; a taken name fails with ``Conflict``, an empty one with ``DomainError``."""
        try:
            clean = clean_name(name)
        except DomainError as exc:
            fail(exc)
            return
        self._change(lambda api: api.create(clean, kind), then, fail)

    def rename(self, collection_id: str, name: str, then: Done, fail: Failure) -> None:
        try:
            clean = clean_name(name)
        except DomainError as exc:
            fail(exc)
            return
        self._change(lambda api: api.update(collection_id, name=clean), then, fail)

    def set_kind(self, collection_id: str, kind: CollectionKind, then: Done, fail: Failure) -> None:
        self._change(lambda api: api.update(collection_id, kind=kind), then, fail)

    def add_vehicle(self, collection_id: str, vehicle_id: str, then: Done, fail: Failure) -> None:
        self._change(lambda api: api.add_vehicle(collection_id, vehicle_id), then, fail)

    def remove_vehicle(self, collection_id: str, vehicle_id: str, then: Done, fail: Failure) -> None:
        self._change(lambda api: api.remove_vehicle(collection_id, vehicle_id), then, fail)

    def delete(self, collection_id: str, then: Done, fail: Failure) -> None:
        """``then(None)`` once the server deleted it and the replica forgot it (its vehicles stay)."""

        def keep(vault: Vault, _: Any) -> None:
            store.forget(vault, collection_id)

        self._call(lambda api: api.delete(collection_id), keep, then, fail)
