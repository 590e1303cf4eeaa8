"""Importing the 'Training records' sheet: new rows add records, a Record ID changes one.

A row is known by its Record ID; a row without one that matches the only record of that person,
item and date (exported without its ID) is that record. Each record, and each person, item and
date, goes on one row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from qmsdesk.core import people, training
from qmsdesk.core.dates import parse_date, today
from qmsdesk.core.db.models_training import LEVEL_MAX
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange.training_xlsx.shared import (
    SHEET_ITEMS,
    SHEET_PEOPLE,
    ItemInfo,
    cell_text,
    held_items,
    held_people,
    shown,
    value_message,
    whole,
)
from qmsdesk.core.exchange.training_xlsx.specs import RECORDS
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
from qmsdesk.core.text import finite_number
from qmsdesk.core.text import shown as quoted

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: The record id of a row standing for a stored record; ("row", row number) for a new one.
_Key = int | tuple[str, int]
_Day = tuple[str, str, dt.date]  # (key of the employee number, key of the item code, date)


@dataclass(frozen=True)
class _HeldRecords:
    rows: dict[_Key, training.RecordRow]  # by id (a tuple key finds nothing)
    by_day: dict[_Day, list[int]]
    people: dict[str, tuple[str, str, dt.date | None]]
    items: dict[str, ItemInfo]


class _Record(NamedTuple):
    number: str  # the employee number as written
    code: str  # the item code as written
    fields: training.RecordFields


class _Cells:
    """One row's key cells, read once by `row_key` for the hooks that follow on the same row."""

    __slots__ = ("code", "code_key", "item", "number", "number_key", "person", "record_id", "row")

    def __init__(self, run: _Run, row: TableRow) -> None:
        state: _RecordsRun = run.state
        held, values = run.held, row.values
        self.row = row
        self.number = number = cell_text(values.get("employee_no"))
        self.code = code = cell_text(values.get("item_code"))
        self.number_key = nk = people.key(number)
        self.code_key = ck = people.key(code)
        self.person = state.sheet_people.get(nk) or held.people.get(nk)
        self.item = state.sheet_items.get(ck) or held.items.get(ck)
        self.record_id = _record_id(values.get("record_id"), _silent)


#: ``_Record((number, code, fields))`` without the named tuple's Python ``__new__`` (one a row).
_new_record: Callable[[tuple[str, str, training.RecordFields]], _Record] = partial(
    tuple.__new__, _Record
)


@dataclass
class _RecordsRun:
    present: list[str]  # the record fields the sheet has columns for
    on: dt.date  # today: no training in the future
    sheet_people: dict[str, tuple[str, str, dt.date | None]]  # on 'People'
    sheet_items: dict[str, ItemInfo]  # on 'Training items'
    unchecked_people: bool  # 'People' could not be read
    unchecked_items: bool  # 'Training items' could not be read
    claimed: set[int]  # records a row already stands for
    days: dict[_Day, int]  # person, item and date -> the row that holds them
    cells: _Cells | None = None  # the row being planned


_Run = KeyedRun[_HeldRecords]


def _silent(key: str, message: str) -> None:
    """Reports nothing: for reading a cell again once it has been checked."""


class RecordsImporter(KeyedImporter[_HeldRecords, _Key, training.RecordRow, _Record]):
    spec = RECORDS
    order = 70
    title = "Training records"
    duplicates = Duplicates.AFTER_PARSE

    def existing(self, session: Session) -> _HeldRecords:
        rows: dict[_Key, training.RecordRow] = {r.id: r for r in training.record_rows(session)}
        by_day: dict[_Day, list[int]] = {}
        for r in rows.values():
            by_day.setdefault(
                (people.key(r.employee_no), people.key(r.item_code), r.trained_on), []
            ).append(r.id)
        return _HeldRecords(rows, by_day, held_people(session), held_items(session))

    def begin(self, run: _Run) -> None:
        context, table = run.context, run.table
        run.state = _RecordsRun(
            [n for n in training.RECORD_FIELDS if table.has(n)],
            today(),
            context.shared.get(SHEET_PEOPLE, {}),
            context.shared.get(SHEET_ITEMS, {}),
            "People" in context.unreadable,
            "Training items" in context.unreadable,
            set(),
            {},
        )

    def lookup(self, run: _Run) -> Callable[[_Key], training.RecordRow | None]:
        return run.held.rows.get

    def row_key(self, run: _Run, row: TableRow) -> RowKey[_Key]:
        cells = run.state.cells = _Cells(run, row)
        held = run.held
        record_id = cells.record_id
        if record_id is not None and record_id in held.rows:
            return new_key((record_id, "", ""))
        # Written by another company file, deleted since, or no ID: the only record of this
        # person, item and date is the same record, exported without its ID.
        try:
            trained_on = parse_date(whole(row.values.get("trained_on")))
        except ValueError:
            trained_on = None
        if trained_on is not None:
            same_day = held.by_day.get((cells.number_key, cells.code_key, trained_on), [])
            if len(same_day) == 1 and same_day[0] not in run.state.claimed:
                return new_key((same_day[0], "", ""))
        return new_key((("row", row.number), "", ""))

    def check_key(
        self, run: _Run, row: TableRow, key: RowKey[_Key] | None, report: RowReport
    ) -> None:
        state: _RecordsRun = run.state
        cells: _Cells = run.state.cells  # read by row_key, which comes first
        number, code = cells.number, cells.code
        if not number:
            report("employee_no", "An employee number is required here.")
        elif cells.person is None and not state.unchecked_people:
            report(
                "employee_no",
                f"There is nobody with the employee number '{number}', neither in QMS Desk "
                "nor on the 'People' sheet. Add the person first, or correct the number.",
            )
        if not code:
            report("item_code", "An item code is required here.")
        elif cells.item is None and not state.unchecked_items:
            report(
                "item_code",
                f"There is no training item '{code}', neither in QMS Desk nor on the "
                "'Training items' sheet. Add the item first, or correct the code.",
            )
        if cells.record_id is None:
            _record_id(row.values.get("record_id"), report)  # says what is wrong, if anything

    def duplicate_message(
        self, run: _Run, row: TableRow, key: RowKey[_Key], first: int
    ) -> tuple[str, str]:
        return (
            "record_id",
            f"Record {key.key} is on row {first} too; each record goes on one row only.",
        )

    def parse(
        self, run: _Run, row: TableRow, stored: training.RecordRow | None, report: RowReport
    ) -> _Record | None:
        state: _RecordsRun = run.state
        cells: _Cells = run.state.cells  # read by row_key, which comes first
        number, code, record_id, person = cells.number, cells.code, cells.record_id, cells.person
        values = row.values
        # Only a record named by its ID fills in the columns the sheet leaves out.
        found = stored if stored is not None and stored.id == record_id else None
        raw: dict[str, object] = {n: whole(values[n]) for n in state.present}
        if "level" in raw and raw["level"] in ("", None):
            raw["level"] = 1 if found is None else found.level
        if found is not None:
            old = found.fields()
            raw = {n: getattr(old, n) for n in training.RECORD_FIELDS if n not in raw} | raw
        top = cells.item[2] if cells.item else LEVEL_MAX
        delivery = cells.item[3] if cells.item else ""
        fields, field_problems = training.record_fields_from_values(raw, top, state.on, delivery)
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
                people.key(found.employee_no) != cells.number_key
                or people.key(found.item_code) != cells.code_key
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
        return None if fields is None else _new_record((number, code, fields))

    def label(self, run: _Run, key: RowKey[_Key], fields: _Record) -> str:
        return f"{fields.number} {fields.code} {fields.fields.trained_on.isoformat()}"

    def adding(
        self, run: _Run, row: TableRow, key: RowKey[_Key], fields: _Record, report: RowReport
    ) -> tuple[_Record, Changes] | None:
        days: dict[_Day, int] = run.state.days
        cells: _Cells = run.state.cells  # read by row_key, which comes first
        trained_on = fields.fields.trained_on
        day = (cells.number_key, cells.code_key, trained_on)
        if day in days:
            report(
                "trained_on",
                f"{fields.number} is recorded in {fields.code} on {trained_on.isoformat()} on "
                f"row {days[day]} too; give each training one row.",
            )
            return None
        days[day] = row.number
        return fields, ()

    def changing(
        self,
        run: _Run,
        row: TableRow,
        key: RowKey[_Key],
        stored: training.RecordRow,
        fields: _Record,
        report: RowReport,
    ) -> tuple[_Record, Changes]:
        state: _RecordsRun = run.state
        new = fields.fields
        cells: _Cells = run.state.cells  # read by row_key, which comes first
        state.claimed.add(stored.id)
        state.days[(cells.number_key, cells.code_key, new.trained_on)] = row.number
        old = stored.fields()
        changes = tuple(
            FieldChange(training.RECORD_LABELS[n], shown(getattr(old, n)), shown(getattr(new, n)))
            for n in training.RECORD_FIELDS
            if getattr(old, n) != getattr(new, n)
            and not (n == "document_revision" and not getattr(new, n))
        )
        if changes and not new.document_revision:
            fields = fields._replace(fields=replace(new, document_revision=old.document_revision))
        return fields, changes

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[_Key, _Record]],
        changed: list[Changed[_Key, training.RecordRow, _Record]],
    ) -> None:
        numbers = people.ids_by_employee_no(session)
        codes = training.ids_by_item_code(session)
        for a in added:
            number, code = a.fields.number, a.fields.code
            if people.key(number) not in numbers or people.key(code) not in codes:
                raise QmsError(f"{number} or {code} is no longer in QMS Desk.")
        training.insert_records(
            session,
            [
                (
                    numbers[people.key(a.fields.number)],
                    codes[people.key(a.fields.code)],
                    a.fields.fields,
                )
                for a in added
            ],
            user,
        )
        if changed:
            training.update_records_many(
                session, [(c.stored.id, c.fields.fields) for c in changed], user
            )


def _record_id(value: object, report: Callable[[str, str], None]) -> int | None:
    if value is None or value == "" or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = finite_number(value)
    except ValueError:
        number = -1
    if number != int(number) or number < 1:
        report(
            "record_id", f"'{quoted(value)}' is not a record number; leave it empty on new rows."
        )
        return None
    return int(number)
