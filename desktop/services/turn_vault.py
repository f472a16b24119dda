"""The vault as a job off the DB worker sees it: every session takes its turn on the DB worker.

:class:`TurnVault` wraps an open :class:`~desktop.store.vault.Vault` for the sync thread of
:class:`~desktop.services.tasks.TaskRunner`. ``with turn_vault.session() as s`` waits for the DB worker's turn
(:meth:`TaskRunner.db_turn`), runs on the calling thread's own connection and gives the turn back when the
block ends. So the sync engine's vault steps (read the outbox, record a push answer, apply a page with its
cursor) stay serial with every DB task, each in its own short transaction, while its network calls and backoff
waits run without holding the DB worker.

Contracts: only the ``with`` form of :meth:`TurnVault.session` holds the turn (the engine uses nothing else);
network calls inside such a block would hold the DB worker again. ``blobs`` is the vault's blob store, read by
the sync thread for uploads (its state is fixed after the vault opens; files are written atomically).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from types import TracebackType
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from desktop.store.blobs import BlobStore
from desktop.store.vault import Vault

Turn = Callable[[], AbstractContextManager[None]]


class TurnSession(Session):
    """A session that holds the DB worker's turn from ``__enter__`` to ``__exit__``."""

    def __init__(self, *args: Any, turn: Turn, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._turn = turn
        self._held: AbstractContextManager[None] | None = None

    def __enter__(self) -> TurnSession:
        held = self._turn()
        held.__enter__()
        self._held = held
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        held, self._held = self._held, None
        try:
            super().__exit__(exc_type, exc, tb)  # closes: rollback of an open transaction, connection returned
        finally:
            if held is not None:
                held.__exit__(exc_type, exc, tb)


class TurnVault:
    """``session()`` and ``blobs`` of ``vault`` for a thread that is not the DB worker (see the module)."""

    def __init__(self, vault: Vault, turn: Turn) -> None:
        self._vault = vault
        self._turn = turn
        self._sessions = sessionmaker(bind=vault.engine, class_=TurnSession, expire_on_commit=False, turn=self._hold)

    @contextmanager
    def _hold(self) -> Iterator[None]:
        with self._turn():
            if self._vault.closed:  # closed by a DB task queued before this turn (sign-out, exit)
                raise RuntimeError("the vault is closed")
            yield

    @property
    def blobs(self) -> BlobStore:
        return self._vault.blobs

    def session(self) -> TurnSession:
        """A session to use as ``with vault.session() as s[, s.begin()]:``; entering raises ``RuntimeError`` once
        the vault is closed."""
        return self._sessions()
