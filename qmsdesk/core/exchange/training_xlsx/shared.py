"""What the training importers share: the keys the sheets tell each other, problem wording,
how values are shown in a change, and what the company file already holds.

The loop over keyed rows, its row reports and the error of an apply that comes too late are
:mod:`qmsdesk.core.exchange.workbook.keyed`'s.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select

from qmsdesk.core import people
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.text import clean

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TICK = 500
# PlanContext.shared keys: what the sheets of one workbook tell each other.
SHEET_PEOPLE = "training.sheet_people"  # key(employee no) -> (number, name, leaving date)
SHEET_ROLES = "training.sheet_roles"  # key(role) on 'Job roles' and 'People'
SHEET_ITEMS = "training.sheet_items"  # key(code) -> (code, title, max level)


def value_message(text: str) -> str:
    return f"This value {text}" if text[:1].islower() else text


def cell_text(value: object) -> str:
    return "" if value is None else clean(value)


def shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return people.roles_text(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def whole(value: object) -> object:
    """A number cell as Excel gives it (3.0) as the parsers take it ("3")."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def held_people(session: Session) -> dict[str, tuple[str, str, dt.date | None]]:
    from qmsdesk.core.db.models_training import Person

    stmt = select(Person.employee_no, Person.name, Person.leaving_date)
    return {
        people.key(n): (n, name, None if left is None else dt.date.fromisoformat(left))
        for n, name, left in raw_rows(session, stmt)
    }


#: A training item as the sheets look it up: (code, title, max level, delivery).
ItemInfo = tuple[str, str, int, str]


def held_items(session: Session) -> dict[str, ItemInfo]:
    from qmsdesk.core.db.models_training import TrainingItem

    stmt = select(
        TrainingItem.code, TrainingItem.title, TrainingItem.max_level, TrainingItem.delivery
    )
    return {people.key(c): (c, t, m, d) for c, t, m, d in raw_rows(session, stmt)}
