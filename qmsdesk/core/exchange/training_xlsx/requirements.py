"""Importing the 'Requirements' sheet: who (a job role or one person) needs which item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from qmsdesk.core import people, training
from qmsdesk.core.db.models_training import LEVEL_MAX
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange.training_xlsx.shared import (
    SHEET_ITEMS,
    SHEET_PEOPLE,
    SHEET_ROLES,
    ItemInfo,
    cell_text,
    held_items,
    held_people,
    shown,
    whole,
)
from qmsdesk.core.exchange.training_xlsx.specs import REQUIREMENTS
from qmsdesk.core.exchange.workbook import FieldChange, TableRow
from qmsdesk.core.exchange.workbook.keyed import (
    Added,
    Changed,
    Changes,
    Duplicates,
    KeyedImporter,
    KeyedRun,
    RowKey,
    RowReport,
    new_key,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


_Key = tuple[str, str, str]  # ("role" or "person", key of the role or number, key of the code)
_Stored = tuple[int, str | None]  # the level required, and an individual's reason (None: a role)


@dataclass(frozen=True)
class _HeldRequirements:
    roles: dict[str, str]  # key -> name
    people: dict[str, tuple[str, str, dt.date | None]]  # key -> (number, name, leaving)
    items: dict[str, ItemInfo]  # key -> (code, title, max level)
    levels: dict[_Key, _Stored]  # every requirement stored


class _Requirement(NamedTuple):
    role: str  # empty for an individual requirement
    number: str  # the person's employee number; empty for a role's requirement
    code: str  # the item code as written
    level: int
    reason: str


class _Cells(NamedTuple):
    """Who and what a row names, as written (the role's spaces tidied)."""

    row: TableRow
    role: str
    number: str
    code: str
    role_key: str
    number_key: str
    code_key: str


def _cells(row: TableRow) -> _Cells:
    values = row.values
    role = " ".join(cell_text(values.get("role")).split())
    number = cell_text(values.get("employee_no"))
    code = cell_text(values.get("item_code"))
    return _Cells(row, role, number, code, people.key(role), people.key(number), people.key(code))


@dataclass(slots=True)
class _SheetRun:
    roles: set[str]  # role keys on 'Job roles' and 'People'
    people: dict[str, Any]  # employee number keys on 'People'
    items: dict[str, ItemInfo]  # item code keys on 'Training items'
    unchecked_roles: bool  # the sheets naming roles could not be read
    unchecked_people: bool
    unchecked_items: bool
    cells: _Cells | None = None  # the row `row_key` read last


_Run = KeyedRun[_HeldRequirements]


class RequirementsImporter(KeyedImporter[_HeldRequirements, _Key, _Stored, _Requirement]):
    """A row says that a job role, or one person, needs an item at a level.

    Every reference is checked first; only a row otherwise right is refused as a repeat.
    """

    spec = REQUIREMENTS
    order = 60
    title = "Requirements"
    duplicates = Duplicates.AFTER_PARSE
    parse_keyless = True

    def existing(self, session: Session) -> _HeldRequirements:
        levels: dict[_Key, _Stored] = {}
        for r in training.all_requirements(session):
            if r.is_role:
                levels["role", people.key(r.role), people.key(r.item_code)] = (
                    r.required_level,
                    None,
                )
            else:
                levels["person", people.key(r.employee_no), people.key(r.item_code)] = (
                    r.required_level,
                    r.reason,
                )
        return _HeldRequirements(
            {people.key(n): n for n in people.role_names(session)},
            held_people(session),
            held_items(session),
            levels,
        )

    def begin(self, run: _Run) -> None:
        shared, unreadable = run.context.shared, run.context.unreadable
        run.state = _SheetRun(
            shared.get(SHEET_ROLES, set()),
            shared.get(SHEET_PEOPLE, {}),
            shared.get(SHEET_ITEMS, {}),
            bool({"Job roles", "People"} & unreadable),
            "People" in unreadable,
            "Training items" in unreadable,
        )

    def lookup(self, run: _Run) -> Callable[[_Key], _Stored | None]:
        return run.held.levels.get

    def row_key(self, run: _Run, row: TableRow) -> RowKey[_Key] | None:
        cells = run.state.cells = _cells(row)
        role, number, code = cells.role, cells.number, cells.code
        if not code or bool(role) == bool(number):
            return None  # a row the checks refuse
        who = ("role", cells.role_key) if role else ("person", cells.number_key)
        return new_key(((*who, cells.code_key), role or number, role or number))

    def check_key(
        self, run: _Run, row: TableRow, key: RowKey[_Key] | None, report: RowReport
    ) -> None:
        """Nothing here: `parse` checks who and what, in the order the user reads them."""

    def duplicate_message(
        self, run: _Run, row: TableRow, key: RowKey[_Key], first: int
    ) -> tuple[str, str]:
        code = cell_text(row.values.get("item_code"))
        return (
            "item_code",
            f"{key.text} needs {code} on row {first} too; give each requirement one row.",
        )

    def parse(
        self, run: _Run, row: TableRow, stored: _Stored | None, report: RowReport
    ) -> _Requirement | None:
        sheet: _SheetRun = run.state
        held = run.held
        values = row.values
        cells = sheet.cells
        if cells is None or cells.row is not row:
            cells = _cells(row)
        role, number, code = cells.role, cells.number, cells.code
        reason = cell_text(values.get("reason"))
        if role and number:
            report(
                "employee_no",
                "Give either a job role or an employee number on a row, not both: a role's "
                "requirement applies to everyone holding it.",
            )
        elif not role and not number:
            report(
                "role",
                "Say who needs the item: a job role, or an employee number for one person.",
            )
        if (
            role
            and cells.role_key not in held.roles
            and cells.role_key not in sheet.roles
            and not sheet.unchecked_roles
        ):
            report(
                "role",
                f"There is no job role '{role}', neither in QMS Desk nor on the sheets "
                "'Job roles' or 'People'. Add the role first, or correct its name.",
            )
        if (
            number
            and not role
            and cells.number_key not in held.people
            and cells.number_key not in sheet.people
            and not sheet.unchecked_people
        ):
            report(
                "employee_no",
                f"There is nobody with the employee number '{number}', neither in QMS Desk "
                "nor on the 'People' sheet.",
            )
        item = sheet.items.get(cells.code_key) or held.items.get(cells.code_key)
        if not code:
            report("item_code", "An item code is required here.")
        elif item is None and not sheet.unchecked_items:
            report(
                "item_code",
                f"There is no training item '{code}', neither in QMS Desk nor on the "
                "'Training items' sheet.",
            )
        level: int | None = None
        try:
            level = training.parse_level(
                whole(values.get("required_level")), item[2] if item else LEVEL_MAX
            )
        except ValueError as exc:
            report("required_level", str(exc).replace("of this item", f"of {code}"))
        if len(reason) > 200:
            report("reason", "At most 200 characters are allowed.")
        if level is None:
            return None
        return _Requirement(role, number, code, level, reason)

    def label(self, run: _Run, key: RowKey[_Key], fields: _Requirement) -> str:
        return f"{fields.role or fields.number}: {fields.code} at level {fields.level}"

    def adding(
        self,
        run: _Run,
        row: TableRow,
        key: RowKey[_Key],
        fields: _Requirement,
        report: RowReport,
    ) -> tuple[_Requirement, Changes]:
        return fields, (FieldChange("Required level", "", str(fields.level)),)

    def changing(
        self,
        run: _Run,
        row: TableRow,
        key: RowKey[_Key],
        stored: _Stored,
        fields: _Requirement,
        report: RowReport,
    ) -> tuple[_Requirement, Changes]:
        level = fields.level
        same = stored[0] == level if fields.role else stored == (level, fields.reason)
        if same:
            return fields, ()
        return fields, (FieldChange("Required level", shown(stored[0]), str(level)),)

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[_Key, _Requirement]],
        changed: list[Changed[_Key, _Stored, _Requirement]],
    ) -> None:
        planned = sorted(
            [(a.row, a.fields) for a in added] + [(c.row, c.fields) for c in changed],
            key=lambda op: op[0],
        )  # in the sheet's order, as the rows were planned
        role_ops = [(f.role, f.code, f.level) for _row, f in planned if f.role]
        person_ops = [(f.number, f.code, f.level, f.reason) for _row, f in planned if not f.role]
        roles = people.ids_by_role(session)
        numbers = people.ids_by_employee_no(session)
        codes = training.ids_by_item_code(session)
        missing = [
            name
            for name, known in [
                *((r, people.key(r) in roles) for r, _c, _l in role_ops),
                *((n, people.key(n) in numbers) for n, _c, _l, _r in person_ops),
                *(
                    (c, people.key(c) in codes)
                    for c in [*(op[1] for op in role_ops), *(op[1] for op in person_ops)]
                ),
            ]
            if not known
        ]
        if missing:
            raise QmsError(f"'{missing[0]}' is no longer in QMS Desk.")
        training.save_requirements_many(
            session,
            [(roles[people.key(r)], codes[people.key(c)], lvl) for r, c, lvl in role_ops],
            [
                (numbers[people.key(n)], codes[people.key(c)], lvl, why)
                for n, c, lvl, why in person_ops
            ],
            user,
        )
