"""What is due across the registers: one list the home page, `qmsdesk due` and the calendar
export read.

Each register says what of it falls due with one function, listed in :data:`DUE_SOURCES` as
"module:function" (imported when asked, so no register imports another):

    def due_items(session: Session, on: dt.date, days: int) -> list[DueItem]

It returns what is overdue on `on` and what falls due within `days` after it, read by SQL.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class DueItem:
    """One thing that falls due: a document review, a calibration, an action..."""

    register: str  # the register's export word: "documents", "actions", "equipment"
    what: str  # in the user's words: "Review due", "Calibration due"
    reference: str  # the record's code or reference: "QP-08-01"
    title: str
    due: dt.date
    record_id: int
    owner: str = ""
    kind: str = ""  # the record's kind when a register holds several ("finding", "item")

    def overdue(self, on: dt.date) -> bool:
        return self.due < on

    @property
    def uid(self) -> str:
        """Stable across runs (a calendar import updates rather than duplicates)."""
        what = "".join(ch if ch.isalnum() else "-" for ch in self.what.lower())
        return f"{self.register}-{self.kind or 'record'}-{self.record_id}-{what}@qmsdesk"


DueSource = Callable[[Session, dt.date, int], list[DueItem]]

#: Every register's due function, in the order the registers are shown.
DUE_SOURCES: list[str] = [
    "qmsdesk.core.context.reading:due_items",
    "qmsdesk.core.feedback:due_items",
    "qmsdesk.core.changes:due_items",
    "qmsdesk.core.risks:due_items",
    "qmsdesk.core.objectives:due_items",
]


def due_items(session: Session, on: dt.date, days: int = 30) -> list[DueItem]:
    """Everything overdue on `on` or due within `days` after it, overdue first, then by date."""
    found: list[DueItem] = []
    for target in DUE_SOURCES:
        module, _, name = target.partition(":")
        source: DueSource = getattr(importlib.import_module(module), name)
        found.extend(source(session, on, days))
    return sorted(found, key=lambda i: (not i.overdue(on), i.due, i.register, i.reference))
