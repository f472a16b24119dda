"""Online-only collection/fleet routes (``/collections``, SPEC §4.4) over the app's :class:`ApiClient`.

Contracts:

- Thread: blocking like :class:`ApiClient`; call it from the network pool, never the GUI thread.
- The server's sync push has no collection mutations, so changes are REST calls; each answer is the
  collection as the next pull will carry it (``CollectionOut``), returned as a plain dict for the store.
- Errors are the client's typed errors (``conflict`` for a taken name, ``not_found`` for another user's
  collection or vehicle, ``NetworkError`` when the server cannot be reached).
"""

from __future__ import annotations

from typing import Any

from desktop.sync.client import ApiClient
from shared.collections import CollectionKind


class CollectionsApi:
    def __init__(self, client: ApiClient) -> None:
        self.client = client

    def create(self, name: str, kind: CollectionKind = CollectionKind.COLLECTION) -> dict[str, Any]:
        return dict(self.client._authed("POST", "/collections", {"name": name, "kind": kind.value}))

    def update(self, collection_id: str, name: str | None = None, kind: CollectionKind | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if name is not None:
            body["name"] = name
        if kind is not None:
            body["kind"] = kind.value
        return dict(self.client._authed("PATCH", f"/collections/{collection_id}", body))

    def delete(self, collection_id: str) -> None:
        self.client._authed("DELETE", f"/collections/{collection_id}")

    def add_vehicle(self, collection_id: str, vehicle_id: str) -> dict[str, Any]:
        return dict(self.client._authed("PUT", f"/collections/{collection_id}/vehicles/{vehicle_id}"))

    def remove_vehicle(self, collection_id: str, vehicle_id: str) -> dict[str, Any]:
        return dict(self.client._authed("DELETE", f"/collections/{collection_id}/vehicles/{vehicle_id}"))
