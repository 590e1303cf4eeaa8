"""Work-arounds for defects of the PySide6 release in use, each one checking that it is needed,
and one for its cost at start-up.

PySide6 6.12.0 on Python 3.11 drops one reference to ``None`` every time Python calls a C++
method that returns nothing (``label.setText(...)``, ``item.setData(...)``). ``None`` starts with a
few thousand references, so after a few thousand such calls (opening a handful of dialogs) its
count reaches zero and the interpreter aborts with "Fatal Python error: none_dealloc". PySide6
6.11.3 does not do this, and from Python 3.12 on ``None`` is immortal, so neither is affected.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

_PROBE_CALLS = 16


def void_calls_drop_none() -> bool:
    """True when calling a void Qt method from Python loses a reference to None."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None) >= _PROBE_CALLS // 2


def keep_none_alive() -> bool:
    """Make None effectively immortal (as Python 3.12 does) if this PySide6 needs it.

    Returns True when the fix was applied. Raising None's count by 2**48 means the lost
    references can never bring it to zero; None is never freed in any case.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not void_calls_drop_none():
        return False
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48
    return True


NONE_FIX_APPLIED = keep_none_alive()


def skip_feature_scan_of_loaded_modules() -> int:
    """Tell PySide6 that no module loaded so far selects a ``__feature__``; returns how many.

    Once PySide6 is loaded, the first time an ``import`` statement names a module (even one loaded
    long before, such as ``os``), PySide6 reads that module's whole source to find out whether it
    uses PySide6, and remembers the answer (0: it does, -1: it does not) to apply the
    ``__feature__`` options it selects (snake_case, true_property). QMS Desk selects none, so the
    answer changes nothing for it; the reading cost the start-up about 16 ms (60 modules, a quarter
    of a millisecond each). The answers for the modules loaded now are given here from their
    names; modules loaded later are read as usual. Does nothing if this PySide6 keeps no such
    record.
    """
    feature = sys.modules.get("shibokensupport.feature")
    known = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(known, dict):
        return 0
    added = 0
    for name in list(sys.modules):
        if name not in known:
            known[name] = 0 if name.startswith(("PySide6", "qmsdesk.gui")) else -1
            added += 1
    return added


FEATURE_SCANS_SKIPPED = skip_feature_scan_of_loaded_modules()
