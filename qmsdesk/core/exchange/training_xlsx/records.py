"""Importing the 'Training records' sheet: new rows add records, a Record ID changes one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from qmsdesk.core import people, training
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_training import LEVEL_MAX
from qmsdesk.core.errors import Problem, QmsError
from qmsdesk.core.exchange.training_xlsx.shared import (
    SHEET_ITEMS,
    SHEET_PEOPLE,
    TICK,
    cell_text,
    held_items,
    held_people,
    shown,
    value_message,
    whole,
)
from qmsdesk.core.exchange.training_xlsx.specs import RECORDS
from qmsdesk.core.exchange.workbook import (
    Action,
    FieldChange,
    PlanContext,
    PlanItem,
    SheetPlan,
    SheetTable,
)
from qmsdesk.core.exchange.workbook.keyed import RowReport, during_apply

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class _HeldRecords:
    rows: dict[int, training.RecordRow]
    by_day: dict[tuple[str, str, dt.date], list[int]]
    people: dict[str, tuple[str, str, dt.date | None]]
    items: dict[str, tuple[str, str, int]]


class RecordsImporter:
    spec = RECORDS
    order = 70

    def existing(self, session: Session) -> _HeldRecords:
        rows = {r.id: r for r in training.record_rows(session)}
        by_day: dict[tuple[str, str, dt.date], list[int]] = {}
        for r in rows.values():
            by_day.setdefault(
                (people.key(r.employee_no), people.key(r.item_code), r.trained_on), []
            ).append(r.id)
        return _HeldRecords(rows, by_day, held_people(session), held_items(session))

    def plan(
        self, session: Session, table: SheetTable, context: PlanContext, held: _HeldRecords
    ) -> tuple[SheetPlan, list[Problem]]:
        sheet_people: dict[str, tuple[str, str, dt.date | None]] = context.shared.get(
            SHEET_PEOPLE, {}
        )
        sheet_items: dict[str, tuple[str, str, int]] = context.shared.get(SHEET_ITEMS, {})
        unchecked_people = "People" in context.unreadable
        unchecked_items = "Training items" in context.unreadable
        present = [n for n in training.RECORD_FIELDS if table.has(n)]
        on = today()
        problems: list[Problem] = []
        items: list[PlanItem] = []
        new: list[tuple[str, str, training.RecordFields]] = []
        changed: list[tuple[int, training.RecordFields]] = []
        seen_ids: dict[int, int] = {}
        seen_days: dict[tuple[str, str, dt.date], int] = {}
        for count, row in enumerate(table.rows, 1):
            if count % TICK == 0:
                context.tick(TICK)
            report = RowReport(table, row)
            values = row.values
            number = cell_text(values.get("employee_no"))
            code = cell_text(values.get("item_code"))
            person = sheet_people.get(people.key(number)) or held.people.get(people.key(number))
            item = sheet_items.get(people.key(code)) or held.items.get(people.key(code))
            if not number:
                report("employee_no", "An employee number is required here.")
            elif person is None and not unchecked_people:
                report(
                    "employee_no",
                    f"There is nobody with the employee number '{number}', neither in QMS Desk "
                    "nor on the 'People' sheet. Add the person first, or correct the number.",
                )
            if not code:
                report("item_code", "An item code is required here.")
            elif item is None and not unchecked_items:
                report(
                    "item_code",
                    f"There is no training item '{code}', neither in QMS Desk nor on the "
                    "'Training items' sheet. Add the item first, or correct the code.",
                )
            record_id = _record_id(values.get("record_id"), report)
            found = held.rows.get(record_id) if record_id is not None else None
            if record_id is not None and found is None:
                # Written by another company file, or deleted since: a record like any other.
                record_id = None
            raw: dict[str, object] = {n: whole(values[n]) for n in present}
            if "level" in raw and raw["level"] in ("", None):
                raw["level"] = 1 if found is None else found.level
            if found is not None:
                old = found.fields()
                raw = {n: getattr(old, n) for n in training.RECORD_FIELDS if n not in raw} | raw
            top = item[2] if item else LEVEL_MAX
            fields, field_problems = training.record_fields_from_values(raw, top, on)
            for fp in field_problems:
                report(fp.field, value_message(fp.message))
            if fields is not None and person is not None:
                _number, person_name, left = person
                if left is not None and fields.trained_on > left:
                    report(
                        "trained_on",
                        f"{person_name} left on {left.isoformat()}, before this training.",
                    )
            if (
                found is not None
                and (
                    people.key(found.employee_no) != people.key(number)
                    or people.key(found.item_code) != people.key(code)
                )
                and number
                and code
            ):
                report(
                    "record_id",
                    f"Record {record_id} is {found.employee_no}'s record of {found.item_code}; "
                    "a row cannot move it to another person or item. Leave the Record ID empty "
                    "to add a new record.",
                )
            problems += report.problems
            if fields is None or report.problems or row.bad:
                continue
            day_key = (people.key(number), people.key(code), fields.trained_on)
            if found is None:
                same_day = held.by_day.get(day_key, [])
                if len(same_day) == 1 and same_day[0] not in seen_ids:
                    found = held.rows[same_day[0]]  # the same record, exported without its ID
                    record_id = found.id
            if record_id is not None and found is not None:
                if record_id in seen_ids:
                    problems.append(
                        table.problem(
                            row.number,
                            "record_id",
                            f"Record {record_id} is on row {seen_ids[record_id]} too; each "
                            "record goes on one row only.",
                        )
                    )
                    continue
                seen_ids[record_id] = row.number
            elif day_key in seen_days:
                problems.append(
                    table.problem(
                        row.number,
                        "trained_on",
                        f"{number} is recorded in {code} on {fields.trained_on.isoformat()} on row "
                        f"{seen_days[day_key]} too; give each training one row.",
                    )
                )
                continue
            seen_days[day_key] = row.number
            label = f"{number} {code} {fields.trained_on.isoformat()}"
            if found is None:
                new.append((number, code, fields))
                items.append(PlanItem(Action.ADD, label, row.number))
                continue
            old = found.fields()
            changes = tuple(
                FieldChange(
                    training.RECORD_LABELS[n], shown(getattr(old, n)), shown(getattr(fields, n))
                )
                for n in training.RECORD_FIELDS
                if getattr(old, n) != getattr(fields, n)
                and not (n == "document_revision" and not getattr(fields, n))
            )
            if not changes:
                items.append(PlanItem(Action.UNCHANGED, label, row.number))
                continue
            if not fields.document_revision:
                fields = replace(fields, document_revision=old.document_revision)
            changed.append((found.id, fields))
            items.append(PlanItem(Action.CHANGE, label, row.number, changes))
        context.tick(len(table.rows) % TICK)
        sheet = table.sheet

        def apply(session: Session, user: str) -> None:
            numbers = people.ids_by_employee_no(session)
            codes = training.ids_by_item_code(session)
            try:
                for number, code, _f in new:
                    if people.key(number) not in numbers or people.key(code) not in codes:
                        raise QmsError(f"{number} or {code} is no longer in QMS Desk.")
                training.insert_records(
                    session,
                    [(numbers[people.key(n)], codes[people.key(c)], f) for n, c, f in new],
                    user,
                )
                if changed:
                    training.update_records_many(session, changed, user)
            except QmsError as exc:
                raise during_apply(sheet, exc) from exc

        return SheetPlan(table.sheet, "Training records", items, apply), problems


def _record_id(value: object, report: Callable[[str, str], None]) -> int | None:
    if value is None or value == "" or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        number = -1
    if number != int(number) or number < 1:
        report("record_id", f"'{value}' is not a record number; leave it empty on new rows.")
        return None
    return int(number)
