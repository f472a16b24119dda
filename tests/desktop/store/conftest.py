"""Fixtures for the vault tests: real SQLCipher, tiny Argon2id costs (the tuned ones take ~0.5 s each)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.keyfile import KdfPolicy, fixed_kdf_policy
from desktop.store.vault import Vault

PASSWORD = "correct horse battery staple"


@pytest.fixture
def tiny_kdf() -> KdfPolicy:
    return fixed_kdf_policy(time_cost=1, memory_cost_kib=8, parallelism=1)


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault(vault_dir: Path, tiny_kdf: KdfPolicy) -> Iterator[Vault]:
    opened = Vault.create(vault_dir, PASSWORD, kdf=tiny_kdf)
    yield opened
    opened.close()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
