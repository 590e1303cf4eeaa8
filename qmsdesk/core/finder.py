"""Search everywhere: a code, a title or a name, found in whichever register holds it.

Each register answers with one function, listed in :data:`FIND_SOURCES` as "module:function":

    def find(session: Session, text: str, limit: int) -> list[Hit]

matching `text` case-insensitively against its codes, titles and names, by SQL, at most `limit`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from qmsdesk.core.text import fold


@dataclass(frozen=True)
class Hit:
    register: str  # the register's export word: "documents", "people", "risks"
    reference: str  # "QP-08-01", an employee number, "RSK-004"
    title: str
    record_id: int
    kind: str = ""  # the record's kind when a register holds several ("finding", "item")


Finder = Callable[[Session, str, int], list[Hit]]

#: Every register's finder, in the order the registers are shown.
FIND_SOURCES: list[str] = [
    "qmsdesk.core.documents.lookup:find",
    "qmsdesk.core.training.lookup:find",
    "qmsdesk.core.audits.lookup:find",
    "qmsdesk.core.actions.lookup:find",
    "qmsdesk.core.reviews.lookup:find",
    "qmsdesk.core.context.reading:find",
    "qmsdesk.core.processes.reading:find",
    "qmsdesk.core.feedback:find",
    "qmsdesk.core.changes:find",
    "qmsdesk.core.design:find",
    "qmsdesk.core.risks:find",
    "qmsdesk.core.objectives:find",
]


def matching(
    session: Session,
    text: str,
    limit: int,
    *,
    register: str,
    reference: Any,
    title: Any,
    kind: str = "",
    also: tuple[Any, ...] = (),
) -> list[Hit]:
    """The rows of one table whose `reference` or `title` column (or one of `also`) holds `text`,
    case-insensitively, as hits: the finder most registers need. `reference` and `title` are
    columns of one model, the id is that model's `id`."""
    model = reference.class_
    columns = (reference, title, *also)
    stmt = select(model.id, reference, title).order_by(reference)
    if text.isascii():
        stmt = stmt.where(or_(*(c.icontains(text, autoescape=True) for c in columns))).limit(limit)
        rows = list(session.execute(stmt))
    else:
        # SQLite's lower() folds ASCII letters only: match other letters ('żółć') in Python.
        needle = fold(text)
        stmt = stmt.add_columns(*also)
        rows = [
            r for r in session.execute(stmt) if any(needle in fold(str(v or "")) for v in r[1:])
        ]
        rows = rows[:limit]
    return [Hit(register, str(r[1]), str(r[2] or ""), int(r[0]), kind) for r in rows]


def find(session: Session, text: str, limit: int = 50) -> list[Hit]:
    """What every register finds for `text`, exact references first, then references that start
    with it, then the rest in the registers' order."""
    text = text.strip()
    if not text:
        return []
    found: list[Hit] = []
    for target in FIND_SOURCES:
        module, _, name = target.partition(":")
        finder: Finder = getattr(importlib.import_module(module), name)
        found.extend(finder(session, text, limit))
    needle = fold(text)
    found.sort(
        key=lambda h: (fold(h.reference) != needle, not fold(h.reference).startswith(needle))
    )
    return found[:limit]
