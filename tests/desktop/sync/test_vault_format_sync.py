"""A vault made before the page format was recorded (HMAC-SHA512, key file version 1) still opens and syncs."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.store import replica
from desktop.store.db import LEGACY_CIPHER, VAULT_CIPHER
from desktop.store.keyfile import fixed_kdf_policy
from desktop.store.repositories import EntryRepository, SyncStateRepository, VehicleRepository
from desktop.store.vault import KEY_FILE_NAME, Vault
from desktop.sync.client import ApiClient, MemoryTokenStore
from desktop.sync.engine import SyncEngine
from tests.desktop.sync.fake_sync_server import FakeSyncServer

VIN = "WVWZZZ1JZXW000001"
ENTRY = {"date": "2025-01-02", "type": "inspection", "performed_by": "specialist_workshop", "km": 1000}


def sync(vault: Vault, server: FakeSyncServer, user: str) -> None:
    client = ApiClient("http://fake", token_store=MemoryTokenStore(user), transport=server.transport())
    try:
        report = SyncEngine(vault, client, page_limit=3).sync_once()
        assert report.rejected == 0
    finally:
        client.close()


def dump(vault: Vault) -> dict[str, dict[str, dict[str, object]]]:
    with vault.session() as session:
        return replica.dump(session)


def test_old_format_vault_opens_and_syncs_with_a_new_one(tmp_path: Path) -> None:
    server = FakeSyncServer()
    kdf = fixed_kdf_policy(1, 8, 1)
    old = Vault.create(tmp_path / "old", "pw", kdf=kdf, cipher=LEGACY_CIPHER)
    SyncStateRepository(old).bind(user_id="alice", server_url="http://fake")
    vehicle = VehicleRepository(old).add(VIN, nickname="Golf")
    EntryRepository(old).add(vehicle.id, **ENTRY)  # type: ignore[arg-type]
    old.close()
    assert json.loads((tmp_path / "old" / KEY_FILE_NAME).read_text())["version"] == 1

    with Vault.unlock(tmp_path / "old", "pw") as old:  # the app after an update
        assert old.cipher == LEGACY_CIPHER
        sync(old, server, "alice")
        assert SyncStateRepository(old).status().pending_mutations == 0
        with Vault.create(tmp_path / "new", "pw", kdf=kdf) as new:
            assert new.cipher == VAULT_CIPHER
            SyncStateRepository(new).bind(user_id="alice", server_url="http://fake")
            sync(new, server, "alice")
            EntryRepository(new).add(vehicle.id, **{**ENTRY, "km": 2000})  # type: ignore[arg-type]
            sync(new, server, "alice")
            sync(old, server, "alice")
            assert dump(old) == dump(new) == server.view("alice")
            assert sorted(e.km for e in EntryRepository(old).list(vehicle.id)) == [1000, 2000]
    with Vault.unlock(tmp_path / "old", "pw") as old:
        assert old.cipher == LEGACY_CIPHER
        assert sorted(e.km for e in EntryRepository(old).list(vehicle.id)) == [1000, 2000]
