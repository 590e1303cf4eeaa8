"""Importing the 'Requirements' sheet: who (a job role or one person) needs which item."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qmsdesk.core import people, training
from qmsdesk.core.db.models_training import LEVEL_MAX
from qmsdesk.core.errors import Problem, QmsError
from qmsdesk.core.exchange.training_xlsx.shared import (
    SHEET_ITEMS,
    SHEET_PEOPLE,
    SHEET_ROLES,
    Reporter,
    apply_failed,
    cell_text,
    held_items,
    held_people,
    shown,
    whole,
)
from qmsdesk.core.exchange.training_xlsx.specs import REQUIREMENTS
from qmsdesk.core.exchange.workbook import (
    Action,
    FieldChange,
    PlanContext,
    PlanItem,
    SheetPlan,
    SheetTable,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class _HeldRequirements:
    roles: dict[str, str]  # key -> name
    people: dict[str, tuple[str, str, dt.date | None]]  # key -> (number, name, leaving)
    items: dict[str, tuple[str, str, int]]  # key -> (code, title, max level)
    role_levels: dict[tuple[str, str], int]
    person_levels: dict[tuple[str, str], tuple[int, str]]


class RequirementsImporter:
    spec = REQUIREMENTS
    order = 60

    def existing(self, session: Session) -> _HeldRequirements:
        role_levels = {
            (people.key(r.role), people.key(r.item_code)): r.required_level
            for r in training.all_requirements(session)
            if r.is_role
        }
        person_levels = {
            (people.key(r.employee_no), people.key(r.item_code)): (r.required_level, r.reason)
            for r in training.all_requirements(session)
            if not r.is_role
        }
        return _HeldRequirements(
            {people.key(n): n for n in people.role_names(session)},
            held_people(session),
            held_items(session),
            role_levels,
            person_levels,
        )

    def plan(
        self,
        session: Session,
        table: SheetTable,
        context: PlanContext,
        held: _HeldRequirements,
    ) -> tuple[SheetPlan, list[Problem]]:
        sheet_roles: set[str] = context.shared.get(SHEET_ROLES, set())
        sheet_people: dict[str, Any] = context.shared.get(SHEET_PEOPLE, {})
        sheet_items: dict[str, tuple[str, str, int]] = context.shared.get(SHEET_ITEMS, {})
        unchecked_roles = bool({"Job roles", "People"} & context.unreadable)
        unchecked_people = "People" in context.unreadable
        unchecked_items = "Training items" in context.unreadable
        problems: list[Problem] = []
        items: list[PlanItem] = []
        role_ops: list[tuple[str, str, int]] = []
        person_ops: list[tuple[str, str, int, str]] = []
        seen: dict[tuple[str, str, str], int] = {}
        for row in table.rows:
            report = Reporter(table, row)
            role = " ".join(cell_text(row.values.get("role")).split())
            number = cell_text(row.values.get("employee_no"))
            code = cell_text(row.values.get("item_code"))
            reason = cell_text(row.values.get("reason"))
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
                and people.key(role) not in held.roles
                and people.key(role) not in sheet_roles
                and not unchecked_roles
            ):
                report(
                    "role",
                    f"There is no job role '{role}', neither in QMS Desk nor on the sheets "
                    "'Job roles' or 'People'. Add the role first, or correct its name.",
                )
            if (
                number
                and not role
                and people.key(number) not in held.people
                and people.key(number) not in sheet_people
                and not unchecked_people
            ):
                report(
                    "employee_no",
                    f"There is nobody with the employee number '{number}', neither in QMS Desk "
                    "nor on the 'People' sheet.",
                )
            item = sheet_items.get(people.key(code)) or held.items.get(people.key(code))
            if not code:
                report("item_code", "An item code is required here.")
            elif item is None and not unchecked_items:
                report(
                    "item_code",
                    f"There is no training item '{code}', neither in QMS Desk nor on the "
                    "'Training items' sheet.",
                )
            level: int | None = None
            try:
                level = training.parse_level(
                    whole(row.values.get("required_level")), item[2] if item else LEVEL_MAX
                )
            except ValueError as exc:
                report("required_level", str(exc).replace("of this item", f"of {code}"))
            if len(reason) > 200:
                report("reason", "At most 200 characters are allowed.")
            problems += report.problems
            if report.problems or row.bad or level is None:
                continue
            who = ("role", people.key(role)) if role else ("person", people.key(number))
            slot = (*who, people.key(code))
            if slot in seen:
                problems.append(
                    table.problem(
                        row.number,
                        "item_code",
                        f"{role or number} needs {code} on row {seen[slot]} too; give each "
                        "requirement one row.",
                    )
                )
                continue
            seen[slot] = row.number
            label = f"{role or number}: {code} at level {level}"
            if role:
                old = held.role_levels.get((people.key(role), people.key(code)))
                action = Action.ADD if old is None else Action.CHANGE
                if old == level:
                    items.append(PlanItem(Action.UNCHANGED, label, row.number))
                    continue
                role_ops.append((role, code, level))
                changes = (FieldChange("Required level", shown(old), str(level)),)
            else:
                found = held.person_levels.get((people.key(number), people.key(code)))
                if found == (level, reason):
                    items.append(PlanItem(Action.UNCHANGED, label, row.number))
                    continue
                action = Action.ADD if found is None else Action.CHANGE
                person_ops.append((number, code, level, reason))
                changes = (FieldChange("Required level", shown(found and found[0]), str(level)),)
            items.append(PlanItem(action, label, row.number, changes))
        sheet = table.sheet

        def apply(session: Session, user: str) -> None:
            roles = people.ids_by_role(session)
            numbers = people.ids_by_employee_no(session)
            codes = training.ids_by_item_code(session)
            try:
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
            except QmsError as exc:
                raise apply_failed(sheet, exc) from exc

        return SheetPlan(table.sheet, "Requirements", items, apply), problems
