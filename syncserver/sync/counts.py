"""The live counts of a pull's last page (the client's count check), remembered per log head in this process.

Counting every live entry among a user's vehicles is the dearest statement of a no-op pull (a 50,000-entry
account: about three quarters of the server's work). The counts only change with a change of a synced record
or of the user's visibility, and every such change is logged with a new seq (the capture hooks; the
reconciliation of the pull itself logs ``grant``/``remove`` rows first). So for one database, user and log
position (epoch and head) the counts are fixed, and a later pull at the same head may reuse them. This is a
cache of a pure function, not state: another process computes the same value itself.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable

#: Entries kept (one per user and log head); the oldest goes first.
CAPACITY = 4096

_Key = tuple[str, uuid.UUID, int, int]


class CountsCache:
    """A small thread-safe LRU of ``(database, user, epoch, head) -> counts``."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._items: OrderedDict[_Key, dict[str, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, key: _Key, compute: Callable[[], dict[str, int]]) -> dict[str, int]:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return dict(found)
        counts = compute()
        with self._lock:
            self._items[key] = dict(counts)
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return counts

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


#: The process's cache (the sync service uses it for pulls that logged nothing themselves).
LIVE_COUNTS = CountsCache()
