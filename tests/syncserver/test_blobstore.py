"""The local blob store: atomic writes under random keys, separate areas, no path tricks."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from syncserver.blobstore import Area, BlobNotFound, LocalBlobStore, new_key, validate_key


@pytest.fixture
def store(tmp_path: Path) -> LocalBlobStore:
    return LocalBlobStore(tmp_path / "blobs")


def _put(store: LocalBlobStore, data: bytes, area: Area = Area.QUARANTINE) -> str:
    with store.writer(area) as writer:
        writer.write(data[:3])
        writer.write(data[3:])
        writer.commit()
    return writer.key


class TestWrite:
    def test_round_trip_in_chunks(self, store: LocalBlobStore) -> None:
        key = _put(store, b"hello world" * 10_000)
        assert b"".join(store.iter_chunks(Area.QUARANTINE, key, chunk_bytes=4096)) == b"hello world" * 10_000
        assert store.exists(Area.QUARANTINE, key)
        assert not store.exists(Area.APPROVED, key)

    def test_nothing_visible_before_commit_and_nothing_left_after_abort(self, store: LocalBlobStore) -> None:
        writer = store.writer(Area.QUARANTINE)
        writer.write(b"partial")
        assert store.count(Area.QUARANTINE) == 1  # only the partial file
        assert not store.exists(Area.QUARANTINE, writer.key)
        writer.abort()
        assert store.files() == []

    def test_exception_in_with_block_aborts(self, store: LocalBlobStore) -> None:
        def interrupted() -> None:
            with store.writer(Area.QUARANTINE) as writer:
                writer.write(b"x")
                raise RuntimeError("client went away")

        with pytest.raises(RuntimeError):
            interrupted()
        assert store.files() == []

    def test_private_file_mode(self, store: LocalBlobStore) -> None:
        key = _put(store, b"data")
        assert stat.S_IMODE(store.path(Area.QUARANTINE, key).stat().st_mode) == 0o600

    def test_random_keys(self, store: LocalBlobStore) -> None:
        keys = {_put(store, b"same bytes") for _ in range(20)}
        assert len(keys) == 20


class TestMoveDelete:
    def test_move_between_areas(self, store: LocalBlobStore) -> None:
        key = _put(store, b"doc")
        store.move(key, Area.QUARANTINE, Area.APPROVED)
        assert (store.exists(Area.QUARANTINE, key), store.exists(Area.APPROVED, key)) == (False, True)
        with pytest.raises(BlobNotFound):
            store.move(key, Area.QUARANTINE, Area.APPROVED)

    def test_delete_is_idempotent(self, store: LocalBlobStore) -> None:
        key = _put(store, b"doc")
        assert store.delete(Area.QUARANTINE, key) is True
        assert store.delete(Area.QUARANTINE, key) is False
        with pytest.raises(BlobNotFound):
            store.iter_chunks(Area.QUARANTINE, key)

    def test_materialize(self, store: LocalBlobStore) -> None:
        key = _put(store, b"doc")
        with store.materialize(Area.QUARANTINE, key) as path:
            assert path.read_bytes() == b"doc"


class TestKeys:
    @pytest.mark.parametrize("key", ["../../etc/passwd", "ABCDEF" * 6, "a" * 31, "", "0" * 32 + "/x"])
    def test_invalid_keys_refused(self, store: LocalBlobStore, key: str) -> None:
        with pytest.raises(ValueError, match="invalid blob key"):
            store.path(Area.QUARANTINE, key)

    def test_new_key_valid(self) -> None:
        assert validate_key(new_key()) is not None
