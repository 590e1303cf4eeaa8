"""Importing the 'Job roles' and 'People' sheets: rows known by role name, by employee number."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qmsdesk.core import people
from qmsdesk.core.exchange.training_xlsx.shared import (
    SHEET_PEOPLE,
    SHEET_ROLES,
    cell_text,
    shown,
    value_message,
)
from qmsdesk.core.exchange.training_xlsx.specs import JOB_ROLES, PEOPLE
from qmsdesk.core.exchange.workbook import FieldChange, PlanContext, SheetPlan, SheetTable, TableRow
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

    from qmsdesk.core.errors import Problem

# --- job roles -------------------------------------------------------------------------------

_Roles = KeyedRun[dict[str, people.RoleRow]]


class JobRolesImporter(KeyedImporter[dict[str, people.RoleRow], str, people.RoleRow, str]):
    """A row is a role, known by its name (spaces tidied); its fields are the description."""

    spec = JOB_ROLES
    order = 30
    title = "Job roles"
    duplicates = Duplicates.ALONG

    def existing(self, session: Session) -> dict[str, people.RoleRow]:
        return {people.key(r.name): r for r in people.all_roles(session)}

    def begin(self, run: _Roles) -> None:
        run.state = run.context.shared.setdefault(SHEET_ROLES, set())  # every role on the sheet

    def row_key(self, run: _Roles, row: TableRow) -> RowKey[str] | None:
        name = " ".join(cell_text(row.values.get("name")).split())
        if not name:
            return None
        key = people.key(name)
        run.state.add(key)
        return new_key((key, name, name))

    def check_key(
        self, run: _Roles, row: TableRow, key: RowKey[str] | None, report: RowReport
    ) -> None:
        if key is None:
            report("name", "A job role name is required here.")
        elif len(key.text) > people.MAX_LENGTHS["role"]:
            report("name", f"At most {people.MAX_LENGTHS['role']} characters are allowed.")

    def duplicate_message(
        self, run: _Roles, row: TableRow, key: RowKey[str], first: int
    ) -> tuple[str, str]:
        return (
            "name",
            f"The role '{key.text}' is on row {first} too; each role goes on one row only.",
        )

    def parse(
        self, run: _Roles, row: TableRow, stored: people.RoleRow | None, report: RowReport
    ) -> str:
        if run.table.has("description"):
            return cell_text(row.values.get("description"))
        return stored.description if stored else ""

    def changing(
        self,
        run: _Roles,
        row: TableRow,
        key: RowKey[str],
        stored: people.RoleRow,
        fields: str,
        report: RowReport,
    ) -> tuple[str, Changes]:
        changes = []
        if stored.name != key.text:
            changes.append(FieldChange("Job role", stored.name, key.text))
        if stored.description != fields:
            changes.append(FieldChange("Description", stored.description, fields))
        return fields, tuple(changes)

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, str]],
        changed: list[Changed[str, people.RoleRow, str]],
    ) -> None:
        ops = sorted(
            [(a.row, None, a.key.text, a.fields) for a in added]
            + [(c.row, c.stored.id, c.key.text, c.fields) for c in changed],
            key=lambda op: op[0],
        )  # in the sheet's order, as the rows were planned
        for _row, role_id, name, description in ops:
            if role_id is None:
                if people.key(name) not in people.ids_by_role(session):
                    people.create_role(session, name, user, description)
            else:
                people.update_role(session, role_id, name, user, description)


# --- people ----------------------------------------------------------------------------------

_MANAGERS = "training.people_managers"  # PlanContext.shared: (row, manager no) to check at the end


@dataclass(slots=True)
class _PeopleRun:
    present: list[str]  # the person fields the sheet has columns for
    on_sheet: dict[str, tuple[str, str, dt.date | None]]  # shared as SHEET_PEOPLE
    roles_named: set[str]  # shared as SHEET_ROLES
    managers: list[tuple[TableRow, str]]  # rows naming a manager, checked once all are read
    row: TableRow | None = None  # the row `row_key` read last, and its key
    key: RowKey[str] | None = None


_People = KeyedRun[dict[str, people.PersonRow]]


class PeopleImporter(
    KeyedImporter[dict[str, people.PersonRow], str, people.PersonRow, people.PersonFields]
):
    """A row is a person, known by employee number; a manager may be further down the sheet."""

    spec = PEOPLE
    order = 40
    title = "People"

    def existing(self, session: Session) -> dict[str, people.PersonRow]:
        return {people.key(p.employee_no): p for p in people.all_people(session)}

    def begin(self, run: _People) -> None:
        shared = run.context.shared
        run.state = _PeopleRun(
            [n for n in people.FIELD_NAMES if run.table.has(n)],
            {},
            shared.setdefault(SHEET_ROLES, set()),
            [],
        )
        shared[SHEET_PEOPLE] = run.state.on_sheet
        shared[_MANAGERS] = run.state.managers

    def row_key(self, run: _People, row: TableRow) -> RowKey[str] | None:
        number = cell_text(row.values.get("employee_no"))
        key = new_key((people.key(number), number, number)) if number else None
        state: _PeopleRun = run.state
        state.row, state.key = row, key
        return key

    def check_key(
        self, run: _People, row: TableRow, key: RowKey[str] | None, report: RowReport
    ) -> None:
        if key is None:
            report("employee_no", "An employee number is required here.")

    def duplicate_message(
        self, run: _People, row: TableRow, key: RowKey[str], first: int
    ) -> tuple[str, str]:
        return (
            "employee_no",
            f"The employee number '{key.text}' is on row {first} too: the same person is listed "
            f"twice. Each person goes on one row only (rows {first} and {row.number}).",
        )

    def parse(
        self, run: _People, row: TableRow, stored: people.PersonRow | None, report: RowReport
    ) -> people.PersonFields | None:
        state: _PeopleRun = run.state
        values = row.values
        raw = {n: values[n] for n in state.present}
        if stored is not None:
            old = stored.fields()
            raw = {n: getattr(old, n) for n in people.FIELD_NAMES if n not in raw} | raw
        fields, field_problems = people.person_fields_from_values(raw)
        for fp in field_problems:
            report(fp.field, value_message(fp.message))
        key = state.key if state.row is row else self.row_key(run, row)
        assert key is not None  # a row without an employee number is not parsed
        name = fields.name if fields else cell_text(values.get("name"))
        state.on_sheet[key.key] = (key.text, name, fields.leaving_date if fields else None)
        if fields is not None:
            state.roles_named.update(people.key(r) for r in fields.roles)
            if fields.manager_no:
                state.managers.append((row, fields.manager_no))
        return fields

    def label(self, run: _People, key: RowKey[str], fields: people.PersonFields) -> str:
        return f"{key.text} {fields.name}"

    def changing(
        self,
        run: _People,
        row: TableRow,
        key: RowKey[str],
        stored: people.PersonRow,
        fields: people.PersonFields,
        report: RowReport,
    ) -> tuple[people.PersonFields, Changes]:
        return fields, _person_changes(stored.fields(), fields)

    def plan(
        self,
        session: Session,
        table: SheetTable,
        context: PlanContext,
        held: dict[str, people.PersonRow],
    ) -> tuple[SheetPlan, list[Problem]]:
        sheet_plan, problems = super().plan(session, table, context, held)
        on_sheet = context.shared[SHEET_PEOPLE]
        for row, manager in context.shared.pop(_MANAGERS):
            if people.key(manager) not in held and people.key(manager) not in on_sheet:
                problems.append(
                    table.problem(
                        row.number,
                        "manager_no",
                        f"There is nobody with the employee number '{manager}', neither in QMS "
                        "Desk nor on this sheet.",
                    )
                )
        return sheet_plan, problems

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[str, people.PersonFields]],
        changed: list[Changed[str, people.PersonRow, people.PersonFields]],
    ) -> None:
        people.save_many(
            session, [a.fields for a in added], [(c.stored.id, c.fields) for c in changed], user
        )


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
