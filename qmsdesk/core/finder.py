"""Search everywhere: a code, a title or a name, found in whichever register holds it.

Each register answers with one function, listed in :data:`FIND_SOURCES` as "module:function":

    def find(session: Session, text: str, limit: int) -> list[Hit]

matching `text` case-insensitively against its codes, titles and names, by SQL, at most `limit`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session


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
    "qmsdesk.core.suppliers.shared_views:find",
    "qmsdesk.core.equipment.shared_views:find",
    "qmsdesk.core.nonconforming.shared_views:find",
]


def find(session: Session, text: str, limit: int = 50) -> list[Hit]:
    """What every register finds for `text`, exact references first."""
    text = text.strip()
    if not text:
        return []
    found: list[Hit] = []
    for target in FIND_SOURCES:
        module, _, name = target.partition(":")
        finder: Finder = getattr(importlib.import_module(module), name)
        found.extend(finder(session, text, limit))
    needle = text.casefold()
    found.sort(
        key=lambda h: (
            h.reference.casefold() != needle,
            not h.reference.casefold().startswith(needle),
        )
    )
    return found[:limit]
