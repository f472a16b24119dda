"""The encrypted blob store: streaming round trips, opaque names, deduplication, tamper detection."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest

from desktop.store.blobs import READ_SIZE, BlobStore
from desktop.store.errors import BlobCorruptError, BlobNotFoundError

KEY = bytes(range(32))
KEY_ID = "vault-test"


@pytest.fixture
def store(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs", KEY, KEY_ID)


def stored_files(store: BlobStore) -> list[Path]:
    return [p for p in store.root.rglob("*") if p.is_file() and ".tmp" not in p.parts]


class FailingReader(io.RawIOBase):
    """Yields some data, then fails like a vanished network share."""

    def __init__(self) -> None:
        self.calls = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.calls += 1
        if self.calls > 2:
            raise OSError("source disappeared")
        return b"x" * READ_SIZE


class TestRoundTrip:
    @pytest.mark.parametrize("size", [0, 1, READ_SIZE - 1, READ_SIZE, READ_SIZE + 1, 3 * READ_SIZE + 123])
    def test_put_then_read(self, store: BlobStore, size: int) -> None:
        data = os.urandom(size)
        info = store.put(io.BytesIO(data))
        assert (info.sha256, info.size) == (hashlib.sha256(data).hexdigest(), size)
        assert store.exists(info.sha256)
        assert store.read_bytes(info.sha256) == data

    def test_streams_from_and_to_real_files(self, store: BlobStore, tmp_path: Path) -> None:
        data = os.urandom(5 * READ_SIZE + 7)
        source = tmp_path / "scan.pdf"
        source.write_bytes(data)
        with source.open("rb") as handle:
            info = store.put(handle)
        chunks = list(store.open_chunks(info.sha256))
        assert len(chunks) == 6  # one plaintext chunk per 64 KiB record: streamed, not read whole
        target = tmp_path / "out.pdf"
        with target.open("wb") as out:
            assert store.copy_to(info.sha256, out) == len(data)
        assert target.read_bytes() == data

    def test_equal_content_is_stored_once(self, store: BlobStore) -> None:
        first = store.put_bytes(b"same bytes")
        second = store.put_bytes(b"same bytes")
        assert first == second
        assert len(stored_files(store)) == 1

    def test_encryption_is_randomised(self, tmp_path: Path) -> None:
        one = BlobStore(tmp_path / "one", KEY, KEY_ID)
        two = BlobStore(tmp_path / "two", KEY, KEY_ID)
        sha = one.put_bytes(b"document").sha256
        two.put_bytes(b"document")
        assert one.path_for(sha).read_bytes() != two.path_for(sha).read_bytes()


class TestNames:
    def test_name_reveals_neither_hash_nor_content(self, store: BlobStore) -> None:
        data = b"Rechnung 2025"
        info = store.put_bytes(data)
        (path,) = stored_files(store)
        relative = str(path.relative_to(store.root))
        assert info.sha256 not in relative
        assert info.sha256[:8] not in relative
        assert hashlib.sha256(data).hexdigest() not in path.read_bytes().hex()
        assert data not in path.read_bytes()

    def test_name_depends_on_the_key(self, tmp_path: Path) -> None:
        sha = hashlib.sha256(b"x").hexdigest()
        other = BlobStore(tmp_path, bytes(32), KEY_ID)
        assert BlobStore(tmp_path, KEY, KEY_ID).path_for(sha) != other.path_for(sha)

    @pytest.mark.parametrize("bad", ["", "abc", "G" * 64, "A" * 64, "a" * 63])
    def test_malformed_hash_is_refused(self, store: BlobStore, bad: str) -> None:
        with pytest.raises(ValueError, match="sha256"):
            store.path_for(bad)


class TestTampering:
    def test_flipped_byte_is_detected(self, store: BlobStore) -> None:
        info = store.put_bytes(os.urandom(2 * READ_SIZE + 10))
        path = store.path_for(info.sha256)
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
        with pytest.raises(BlobCorruptError):
            store.read_bytes(info.sha256)

    def test_truncated_file_is_detected(self, store: BlobStore) -> None:
        info = store.put_bytes(os.urandom(2 * READ_SIZE + 10))
        path = store.path_for(info.sha256)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) - 30])
        with pytest.raises(BlobCorruptError):
            store.read_bytes(info.sha256)

    def test_dropped_trailing_record_is_detected(self, store: BlobStore) -> None:
        info = store.put_bytes(os.urandom(2 * READ_SIZE + 10))
        path = store.path_for(info.sha256)
        record = 4 + 10 + 16  # length word + last plaintext + GCM tag
        path.write_bytes(path.read_bytes()[:-record])
        with pytest.raises(BlobCorruptError):
            store.read_bytes(info.sha256)

    def test_swapped_files_are_detected_by_the_content_hash(self, store: BlobStore) -> None:
        a = store.put_bytes(b"document A")
        b = store.put_bytes(b"document B")
        store.path_for(a.sha256).write_bytes(store.path_for(b.sha256).read_bytes())
        with pytest.raises(BlobCorruptError, match="SHA-256"):
            store.read_bytes(a.sha256)

    def test_other_key_cannot_read(self, store: BlobStore) -> None:
        info = store.put_bytes(b"secret")
        thief = BlobStore(store.root, bytes(32), KEY_ID)
        thief.path_for(info.sha256).parent.mkdir(parents=True, exist_ok=True)
        thief.path_for(info.sha256).write_bytes(store.path_for(info.sha256).read_bytes())
        with pytest.raises(BlobCorruptError):
            thief.read_bytes(info.sha256)


class TestDeleteAndFailures:
    def test_missing_blob(self, store: BlobStore) -> None:
        with pytest.raises(BlobNotFoundError):
            store.open_chunks(hashlib.sha256(b"never stored").hexdigest())

    def test_delete(self, store: BlobStore) -> None:
        info = store.put_bytes(b"to be deleted")
        assert store.delete(info.sha256) is True
        assert not store.exists(info.sha256)
        assert store.delete(info.sha256) is False
        assert stored_files(store) == []

    def test_failed_write_leaves_nothing(self, store: BlobStore) -> None:
        with pytest.raises(OSError, match="disappeared"):
            store.put(FailingReader())  # type: ignore[arg-type]
        assert [p for p in store.root.rglob("*") if p.is_file()] == []

    def test_cleanup_removes_interrupted_writes(self, store: BlobStore) -> None:
        leftover = store.root / ".tmp" / "blob-crashed.tmp"
        leftover.parent.mkdir(parents=True)
        leftover.write_bytes(b"half a blob")
        assert store.cleanup_temp() == 1
        assert not leftover.exists()


def test_closed_store_refuses_work(store: BlobStore) -> None:
    info = store.put_bytes(b"data")
    store.close()
    with pytest.raises(RuntimeError, match="closed"):
        store.read_bytes(info.sha256)
    with pytest.raises(RuntimeError, match="closed"):
        store.put_bytes(b"more")
