"""Guard against the ``sqlcipher3`` driver dropping references to ``None``/``True``/``False`` on Python < 3.12.

On Python 3.11 the desktop benchmark (1,000 vehicles, 50,000 entries, reads on the database worker thread)
aborts the interpreter with ``Fatal Python error: none_dealloc`` inside sqlcipher3 (0.6.4; the -wheels and
-binary builds drop references the same way in a probe loop of ``execute("select ?", (None,))``). The
driver's C code follows CPython's 3.12+ ``_sqlite`` module, where ``None`` is immortal and a missing
reference is harmless; on 3.11 the lost references add up until ``None``'s count reaches zero. The loss is
not steady (it depends on the driver's statement and row paths), so no probe decides whether to act.

Python 3.12 made ``None`` immortal (PEP 683) so that its count can never reach zero. On older interpreters
:func:`protect_none` does the same by hand, once per process, before the first vault connection: it raises
``None``'s count by 2**40, far more than any process could lose. ``None`` is never deallocated in a healthy
interpreter, so the raised count changes nothing else. Remove this module once Python 3.12 is the minimum.
"""

from __future__ import annotations

import ctypes
import sys
import threading

#: The singletons the driver hands out without a reference: NULL -> None, and True/False (seen as
#: "Fatal Python error: bool_dealloc" at interpreter exit after the desktop UI tests). 3.12 makes all immortal.
IMMORTAL_SINGLETONS: tuple[object, ...] = (None, True, False)
#: How far the count is raised: 2**40 leaked references would take years of continuous NULL traffic.
IMMORTAL_MARGIN = 1 << 40
_lock = threading.Lock()
_state: dict[str, bool] = {}


def protect_none() -> bool:
    """Make ``None``, ``True`` and ``False`` effectively immortal if needed; True if the counts were raised.

    Idempotent and thread-safe. Does nothing on Python >= 3.12 (``None`` is immortal there) and on debug
    builds (whose object header differs).
    """
    with _lock:
        if "done" in _state:
            return _state["done"]
        raised = False
        if sys.version_info < (3, 12) and not hasattr(sys, "gettotalrefcount"):
            # CPython < 3.12 release builds: ob_refcnt is the first field of every object header.
            for singleton in IMMORTAL_SINGLETONS:
                refcount = ctypes.c_ssize_t.from_address(id(singleton))
                refcount.value += IMMORTAL_MARGIN
            raised = True
        _state["done"] = raised
        return raised
