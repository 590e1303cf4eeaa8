"""Importing the 'Job roles' and 'People' sheets."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from qmsdesk.core import people
from qmsdesk.core.errors import Problem, QmsError
from qmsdesk.core.exchange.training_xlsx.shared import (
    SHEET_PEOPLE,
    SHEET_ROLES,
    TICK,
    Reporter,
    apply_failed,
    cell_text,
    shown,
    value_message,
)
from qmsdesk.core.exchange.training_xlsx.specs import JOB_ROLES, PEOPLE
from qmsdesk.core.exchange.workbook import (
    Action,
    FieldChange,
    PlanContext,
    PlanItem,
    SheetPlan,
    SheetTable,
    TableRow,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class JobRolesImporter:
    spec = JOB_ROLES
    order = 30

    def existing(self, session: Session) -> dict[str, people.RoleRow]:
        return {people.key(r.name): r for r in people.all_roles(session)}

    def plan(
        self,
        session: Session,
        table: SheetTable,
        context: PlanContext,
        existing: dict[str, people.RoleRow],
    ) -> tuple[SheetPlan, list[Problem]]:
        problems: list[Problem] = []
        items: list[PlanItem] = []
        ops: list[tuple[int | None, str, str]] = []
        seen: dict[str, int] = {}
        on_sheet = context.shared.setdefault(SHEET_ROLES, set())
        for row in table.rows:
            report = Reporter(table, row)
            name = " ".join(cell_text(row.values.get("name")).split())
            if not name:
                report("name", "A job role name is required here.")
                problems += report.problems
                continue
            if len(name) > people.MAX_LENGTHS["role"]:
                report("name", f"At most {people.MAX_LENGTHS['role']} characters are allowed.")
            key = people.key(name)
            on_sheet.add(key)
            if key in seen:
                report(
                    "name",
                    f"The role '{name}' is on row {seen[key]} too; each role goes on one row only.",
                )
            seen.setdefault(key, row.number)
            problems += report.problems
            if report.problems or row.bad:
                continue
            found = existing.get(key)
            description = (
                cell_text(row.values.get("description"))
                if table.has("description")
                else (found.description if found else "")
            )
            if found is None:
                ops.append((None, name, description))
                items.append(PlanItem(Action.ADD, name, row.number))
            elif (found.name, found.description) != (name, description):
                ops.append((found.id, name, description))
                changes = []
                if found.name != name:
                    changes.append(FieldChange("Job role", found.name, name))
                if found.description != description:
                    changes.append(FieldChange("Description", found.description, description))
                items.append(PlanItem(Action.CHANGE, name, row.number, tuple(changes)))
            else:
                items.append(PlanItem(Action.UNCHANGED, name, row.number))
        sheet = table.sheet

        def apply(session: Session, user: str) -> None:
            try:
                for role_id, name, description in ops:
                    if role_id is None:
                        if people.key(name) not in people.ids_by_role(session):
                            people.create_role(session, name, user, description)
                    else:
                        people.update_role(session, role_id, name, user, description)
            except QmsError as exc:
                raise apply_failed(sheet, exc) from exc

        return SheetPlan(table.sheet, "Job roles", items, apply), problems


# --- import: people --------------------------------------------------------------------------


class PeopleImporter:
    spec = PEOPLE
    order = 40

    def existing(self, session: Session) -> dict[str, people.PersonRow]:
        return {people.key(p.employee_no): p for p in people.all_people(session)}

    def plan(
        self,
        session: Session,
        table: SheetTable,
        context: PlanContext,
        existing: dict[str, people.PersonRow],
    ) -> tuple[SheetPlan, list[Problem]]:
        present = [n for n in people.FIELD_NAMES if table.has(n)]
        problems: list[Problem] = []
        items: list[PlanItem] = []
        created: list[tuple[int, people.PersonFields]] = []
        updated: list[tuple[int, int, people.PersonFields]] = []
        seen: dict[str, int] = {}
        on_sheet: dict[str, tuple[str, str, dt.date | None]] = {}
        context.shared[SHEET_PEOPLE] = on_sheet
        roles_named = context.shared.setdefault(SHEET_ROLES, set())
        managers: list[tuple[TableRow, str]] = []
        for count, row in enumerate(table.rows, 1):
            if count % TICK == 0:
                context.tick(TICK)
            report = Reporter(table, row)
            number = cell_text(row.values.get("employee_no"))
            if not number:
                report("employee_no", "An employee number is required here.")
                problems += report.problems
                continue
            key = people.key(number)
            if key in seen:
                report(
                    "employee_no",
                    f"The employee number '{number}' is on row {seen[key]} too: the same person "
                    f"is listed twice. Each person goes on one row only (rows {seen[key]} and "
                    f"{row.number}).",
                )
                problems += report.problems
                continue
            seen[key] = row.number
            found = existing.get(key)
            raw = {n: row.values[n] for n in present}
            if found is not None:
                old = found.fields()
                raw = {n: getattr(old, n) for n in people.FIELD_NAMES if n not in raw} | raw
            fields, field_problems = people.person_fields_from_values(raw)
            for fp in field_problems:
                report(fp.field, value_message(fp.message))
            name = fields.name if fields else cell_text(row.values.get("name"))
            leaving = fields.leaving_date if fields else None
            on_sheet[key] = (number, name, leaving)
            if fields is not None:
                roles_named.update(people.key(r) for r in fields.roles)
                if fields.manager_no:
                    managers.append((row, fields.manager_no))
            problems += report.problems
            if fields is None or report.problems or row.bad:
                continue
            if found is None:
                created.append((row.number, fields))
                items.append(PlanItem(Action.ADD, f"{number} {name}", row.number))
                continue
            old = found.fields()
            changes = _person_changes(old, fields)
            if not changes:
                items.append(PlanItem(Action.UNCHANGED, f"{number} {name}", row.number))
                continue
            updated.append((row.number, found.id, fields))
            items.append(PlanItem(Action.CHANGE, f"{number} {name}", row.number, changes))
        for row, manager in managers:
            if people.key(manager) not in existing and people.key(manager) not in on_sheet:
                problems.append(
                    table.problem(
                        row.number,
                        "manager_no",
                        f"There is nobody with the employee number '{manager}', neither in QMS "
                        "Desk nor on this sheet.",
                    )
                )
        context.tick(len(table.rows) % TICK)
        sheet = table.sheet

        def apply(session: Session, user: str) -> None:
            try:
                people.save_many(
                    session,
                    [f for _, f in created],
                    [(pid, f) for _, pid, f in updated],
                    user,
                )
            except QmsError as exc:
                raise apply_failed(sheet, exc) from exc

        return SheetPlan(table.sheet, "People", items, apply), problems


def _person_changes(old: people.PersonFields, new: people.PersonFields) -> tuple[FieldChange, ...]:
    changes = []
    for name in people.FIELD_NAMES:
        before, after = getattr(old, name), getattr(new, name)
        if name == "roles" and sorted(map(people.key, before)) == sorted(map(people.key, after)):
            continue
        if name == "manager_no" and people.key(before) == people.key(after):
            continue
        if before != after:
            changes.append(FieldChange(people.FIELD_LABELS[name], shown(before), shown(after)))
    return tuple(changes)
