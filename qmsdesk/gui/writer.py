"""How a pane or dialog of a register tab reads and writes: through its tab, which owns the open
file.

A details pane (the audit's checklist and findings, a review's decisions) or a dialog that changes
the file as it goes (the checklist templates) is handed the tab's write as a :class:`Writer`, so
that every change is one write transaction with the core's refusals shown as the tab shows them,
and it needs to know nothing of the tab (:meth:`qmsdesk.gui.register_tab.RegisterTab.write` is
one); a :class:`Reader` reads in one read transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")


class Writer(Protocol):
    """``ok, result = write(title, work)``: `work(session)` in one write transaction of the open
    file; (False, None) when there is none or the core refused (the user was told, under
    `title`)."""

    def __call__(self, title: str, work: Callable[[Session], T]) -> tuple[bool, T | None]: ...


class Reader(Protocol):
    """``result = read(work)``: `work(session)` in one read transaction of the open file."""

    def __call__(self, work: Callable[[Session], T]) -> T: ...
