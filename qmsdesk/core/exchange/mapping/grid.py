"""The training matrix as small firms draw it: one row per person (a name or an employee number),
one column per course or skill (its title or its code), each cell saying where the person stands:

* a date: done on that day (a record, and the person needs the course);
* a tick word (x, ✓, yes, done...): done, on the date the mapping gives for ticks (``done_date``;
  without it each such cell is a problem naming its row, its column, the person and the course);
* "n/a", "-" or blank: not required;
* "required", "R": required, not yet done;
* under a column named as a course's expiry ("Forklift expiry", "Forklift valid until"): the
  date the training runs out, which gives a new course its validity in months.

The people and courses the grid adds go through the training register's own importers (its
People and Training items sheets), so the preview lists them and every rule applies. The
requirements and records (tens of thousands of cells) are planned here from the cells, each
checked as it is read, with every problem on the grid's row and column naming the person and the
course; the core's writers check them again when they are written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from qmsdesk.core import dates, people, training
from qmsdesk.core.dates import parse_date
from qmsdesk.core.errors import Problem, QmsError
from qmsdesk.core.exchange.mapping.model import Mapping, value_key
from qmsdesk.core.exchange.mapping.source import RawSheet
from qmsdesk.core.exchange.mapping.suggest import find_header, headers_of
from qmsdesk.core.exchange.training_xlsx import (
    ItemsImporter,
    PeopleImporter,
    RecordsImporter,
    RequirementsImporter,
)
from qmsdesk.core.exchange.training_xlsx.specs import ITEMS, PEOPLE, RECORDS, REQUIREMENTS
from qmsdesk.core.exchange.workbook.keyed import during_apply
from qmsdesk.core.exchange.workbook.plan import (
    Action,
    FieldChange,
    PlanItem,
    SheetImporter,
    SheetPlan,
)
from qmsdesk.core.exchange.workbook.read import MatchedColumn, SheetTable, TableRow
from qmsdesk.core.exchange.workbook.spec import SheetSpec
from qmsdesk.core.text import normalise_header, shown

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TICKS = frozenset(
    {"x", "✓", "✔", "☑", "yes", "y", "done", "ok", "trained", "complete", "completed"}
)
NOT_REQUIRED = frozenset({"n/a", "na", "n a", "-", "–", "no", "not required", "not applicable"})
REQUIRED = frozenset({"r", "required", "req", "needed", "to do", "todo", "due", "outstanding"})
_EXPIRY = re.compile(
    r"^(?P<course>.+?)[\s\-–:(]*(expiry|expiry date|expires|expires on|valid until|valid to|"
    r"renewal|renewal date|due for renewal|refresher due)\)?$",
    re.IGNORECASE,
)
_NUMBER_HEADERS = {
    normalise_header(n)
    for n in (
        "Employee no",
        "Employee number",
        "Employee ID",
        "Staff number",
        "Staff no",
        "Payroll number",
        "Payroll no",
        "Emp no",
        "No",
        "Clock no",
        "Number",
        "ID",
    )
}
_NAME_HEADERS = {
    normalise_header(n)
    for n in (
        "Name",
        "Full name",
        "Person",
        "Employee",
        "Employee name",
        "Staff",
        "Staff name",
        "Operator",
        "Operative",
        "Surname",
    )
}
_INFO_HEADERS = {
    normalise_header(n)
    for n in (
        "Department",
        "Dept",
        "Team",
        "Area",
        "Role",
        "Job role",
        "Job title",
        "Position",
        "Shift",
        "Start date",
        "Started",
        "Manager",
        "Notes",
        "Note",
        "Comments",
        "Location",
        "Site",
    )
}
_DEPARTMENT = {normalise_header(n) for n in ("Department", "Dept", "Team", "Area")}


def _table(
    sheet: str, spec: SheetSpec, keys: Sequence[str], written: dict[str, str], rows: list[TableRow]
) -> SheetTable:
    matched = {
        k: MatchedColumn(spec.column(k), i, written.get(k, spec.column(k).header))
        for i, k in enumerate(keys)
    }
    for row in rows:
        for k in keys:
            row.values.setdefault(k, "")
    return SheetTable(sheet, spec, 1, matched, rows, [])


def _new_code(title: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Z0-9]+", "-", title.upper()).strip("-")[:30] or "COURSE"
    code, n = base, 1
    while people.key(code) in taken:
        n += 1
        code = f"{base}-{n}"
    taken.add(people.key(code))
    return code


def grid_tables(
    session: Session, raw: RawSheet, mapping: Mapping
) -> tuple[list[tuple[SheetImporter, SheetTable]], list[Problem], list[str]]:
    """The training register's sheets a grid stands for, with the grid's own problems and notes
    (what it adds is listed by the plan of each sheet)."""
    sheet = raw.name
    if raw.problems:
        return [], list(raw.problems), []
    values = raw.values
    index = (mapping.header_row - 1) if mapping.header_row else find_header(values)
    if index is None:
        return [], [Problem(sheet, None, None, "This sheet is empty.")], []
    headers = headers_of(values, index)
    header_number = index + 1
    problems: list[Problem] = []
    notes: list[str] = []
    if index:
        notes.append(
            f"Sheet '{sheet}': the header is on row {header_number}; the row(s) above it were "
            "skipped."
        )
    number_at = name_at = department_at = None
    courses: list[tuple[int, str]] = []
    expiries: dict[str, int] = {}  # course header (folded) -> expiry column
    for i, header in enumerate(headers):
        key = normalise_header(header)
        if not header:
            continue
        if key in _NUMBER_HEADERS and number_at is None:
            number_at = i
        elif key in _NAME_HEADERS and name_at is None:
            name_at = i
        elif key in _DEPARTMENT and department_at is None:
            department_at = i
        elif key in _INFO_HEADERS:
            continue
        elif (found := _EXPIRY.match(header)) is not None:
            expiries[value_key(found.group("course"))] = i
        else:
            courses.append((i, header))
    if number_at is None and name_at is None:
        return (
            [],
            [
                Problem(
                    sheet,
                    header_number,
                    None,
                    "A training grid needs a column of people: name it 'Name' or 'Employee no' in "
                    f"the header row (row {header_number}), with one person on each row below it.",
                )
            ],
            notes,
        )
    if not courses:
        return (
            [],
            [
                Problem(
                    sheet,
                    header_number,
                    None,
                    "This grid has no course columns: one column "
                    "per course or skill, named by its title or its code, after the people.",
                )
            ],
            notes,
        )
    done_date: dt.date | None = None
    if mapping.done_date:
        try:
            done_date = parse_date(mapping.done_date)
        except ValueError as exc:
            return [], [Problem(sheet, None, None, f"The date for ticks: {exc}")], notes
    # --- who and what ---------------------------------------------------------------------
    held = people.all_people(session)
    by_number = {people.key(p.employee_no): p for p in held}
    by_name: dict[str, list[people.PersonRow]] = {}
    for p in held:
        by_name.setdefault(value_key(p.name), []).append(p)
    items = training.all_items(session)
    by_code = {people.key(i.code): i for i in items}
    by_title = {value_key(i.title): i for i in items}
    codes_taken = set(by_code)
    course_code: dict[int, str] = {}
    new_items: list[TableRow] = []
    validity: dict[int, int | None] = {}
    for i, header in courses:
        item = by_code.get(people.key(header)) or by_title.get(value_key(header))
        if item is None:
            code = _new_code(header, codes_taken)
            course_code[i] = code
            validity[i] = None
            # Named on the header row: a problem with a new course is one of its heading.
            new_items.append(TableRow(header_number, {"code": code, "title": header}))
        else:
            course_code[i] = item.code
    for course, at in expiries.items():
        if not any(value_key(h) == course for _i, h in courses):
            problems.append(
                Problem(
                    sheet,
                    header_number,
                    headers[at],
                    f"This expiry column names no course column of the grid ('{course}').",
                )
            )
    numbers_taken = set(by_number)
    people_rows: list[TableRow] = []
    needs: list[tuple[int, str, str, str]] = []  # (row, column, employee no, item code)
    trained: list[tuple[int, str, str, str, dt.date]] = []
    covered = _covered(session)
    code_keys = {i: people.key(course_code[i]) for i, _h in courses}
    today = dates.today()
    leaving = {people.key(p.employee_no): p.leaving_date for p in held if p.leaving_date}
    expiry_at = {i: expiries.get(value_key(h)) for i, h in courses}
    seen_people: dict[str, int] = {}
    for number, row in enumerate(values[index + 1 :], header_number + 1):

        def cell(i: int | None, row: Sequence[Any] = row) -> Any:
            return "" if i is None or i >= len(row) else row[i]

        number_text = _text(cell(number_at))
        name = _text(cell(name_at))
        if not number_text and not name:
            if any(_text(cell(i)) for i, _h in courses):
                problems.append(
                    Problem(sheet, number, None, "This row has training but no person.")
                )
            continue
        person = by_number.get(people.key(number_text)) if number_text else None
        if person is None and not number_text:
            named = by_name.get(value_key(name), [])
            if len(named) > 1:
                problems.append(
                    Problem(
                        sheet,
                        number,
                        headers[name_at] if name_at is not None else None,
                        f"{len(named)} people are called '{name}' in QMS Desk; add a column "
                        "'Employee no' to say which one each row is.",
                    )
                )
                continue
            person = named[0] if named else None
        if person is not None:
            emp = person.employee_no
        else:
            emp = number_text or _new_number(numbers_taken)
            numbers_taken.add(people.key(emp))
            if not name:
                problems.append(
                    Problem(
                        sheet,
                        number,
                        headers[number_at or 0],
                        f"There is nobody with the employee number '{emp}' in "
                        "QMS Desk; give their name to add them.",
                    )
                )
                continue
            person_values: dict[str, object] = {"employee_no": emp, "name": name}
            if department_at is not None:
                person_values["department"] = _text(cell(department_at))
            people_rows.append(TableRow(number, person_values))
        who = people.key(emp)
        if who in seen_people:
            problems.append(
                Problem(
                    sheet,
                    number,
                    None,
                    f"{name or emp} is on row {seen_people[who]} too; give each person one row.",
                )
            )
            continue
        seen_people[who] = number
        label = name or (person.name if person else emp)
        for i, header in courses:
            value = cell(i)
            if value is None or value == "" or (isinstance(value, str) and not value.strip()):
                continue
            code = course_code[i]
            what = f"{label}, {header}"
            done: dt.date | None = None
            required = False
            if isinstance(value, dt.datetime):
                done = value.date()
            elif isinstance(value, dt.date):
                done = value
            else:
                word = value_key(str(value))
                if word in NOT_REQUIRED:
                    continue
                if word in REQUIRED:
                    required = True
                elif word in TICKS:
                    if done_date is None:
                        problems.append(
                            Problem(
                                sheet,
                                number,
                                header,
                                f"'{shown(value)}' says {what} was done, "
                                "but not when: give the date to use for the ticks that "
                                "carry none (--done-date DATE, or in the import window).",
                            )
                        )
                        continue
                    done = done_date
                else:
                    try:
                        done = parse_date(value)
                    except ValueError:
                        done = None
                    if done is None:
                        problems.append(
                            Problem(
                                sheet,
                                number,
                                header,
                                f"'{shown(value)}' ({what}) is neither a "
                                "date nor a word the grid knows: write the date it was done, "
                                "a tick (x, ✓, yes, done), 'R' for required, or 'n/a'.",
                            )
                        )
                        continue
            pair = (who, code_keys[i])
            if pair not in covered:
                covered.add(pair)
                needs.append((number, header, emp, code))
            if required or done is None:
                continue
            expiry_column = expiry_at.get(i)
            if expiry_column is not None and i in validity and validity[i] is None:
                expires = _date(cell(expiry_column))
                if expires is not None and expires > done:
                    months = round((expires - done).days / 30.44)
                    validity[i] = max(1, months)
            if done > today:
                problems.append(
                    Problem(
                        sheet,
                        number,
                        header,
                        f"{what}: {done.isoformat()} is "
                        "in the future; record training once it has taken place.",
                    )
                )
                continue
            left = leaving.get(who)
            if left is not None and done > left:
                problems.append(
                    Problem(
                        sheet,
                        number,
                        header,
                        f"{what}: {label} left on {left.isoformat()}, before this training.",
                    )
                )
                continue
            trained.append((number, header, emp, code, done))
    for item_row in new_items:
        at = next(i for i, c in course_code.items() if c == item_row.values["code"])
        if validity.get(at):
            item_row.values["validity_months"] = validity[at]
    if problems:
        return [], problems, notes
    tables: list[tuple[SheetImporter, SheetTable]] = []
    if people_rows:
        tables.append(
            (
                PeopleImporter(),
                _table(
                    sheet,
                    PEOPLE,
                    ("employee_no", "name", "department"),
                    {
                        "employee_no": "Employee no" if number_at is None else headers[number_at],
                        "name": "Name" if name_at is None else headers[name_at],
                        "department": "Department"
                        if department_at is None
                        else headers[department_at],
                    },
                    people_rows,
                ),
            )
        )
    if new_items:
        tables.append(
            (
                ItemsImporter(),
                _table(
                    sheet,
                    ITEMS,
                    ("code", "title", "validity_months"),
                    {"code": "Course heading", "title": "Course heading"},
                    new_items,
                ),
            )
        )
    tables.append((_GridRequirements(needs), _table(sheet, REQUIREMENTS, (), {}, [])))
    tables.append((_GridRecords(trained), _table(sheet, RECORDS, (), {}, [])))
    return tables, [], notes


_LEVEL_ONE = (FieldChange("Required level", "", "1"),)
_REASON = "From the training grid"


class _GridRequirements:
    """The requirements the grid adds (every pair of person and course it marks that is not
    required yet, through a role or on its own), planned from the grid's cells: each was checked
    as it was read, and the core's writer checks them again when they are written."""

    spec = REQUIREMENTS
    order = RequirementsImporter.order
    title = RequirementsImporter.title

    def __init__(self, needs: list[tuple[int, str, str, str]]) -> None:
        self.needs = needs

    def existing(self, session: Session) -> None:
        return None

    def plan(self, session: Session, table: SheetTable, context: Any, _held: Any) -> Any:
        add = Action.ADD
        items = [
            PlanItem(add, f"{emp}: {code} at level 1", row, _LEVEL_ONE)
            for row, _c, emp, code in self.needs
        ]
        needs = self.needs

        def apply(session: Session, user: str) -> None:
            numbers = people.ids_by_employee_no(session)
            codes = training.ids_by_item_code(session)
            try:
                ops = [
                    (numbers[people.key(emp)], codes[people.key(code)], 1, _REASON)
                    for _r, _c, emp, code in needs
                ]
            except KeyError as exc:
                raise QmsError(f"'{exc.args[0]}' is no longer in QMS Desk.") from exc
            training.save_requirements_many(session, [], ops, user)

        return SheetPlan(table.sheet, self.title, items, apply), []


class _GridRecords:
    """The training records the grid's dates and ticks stand for; one already on file (the
    same person, course and day) is unchanged."""

    spec = RECORDS
    order = RecordsImporter.order
    title = RecordsImporter.title

    def __init__(self, trained: list[tuple[int, str, str, str, dt.date]]) -> None:
        self.trained = trained

    def existing(self, session: Session) -> set[tuple[str, str, str]]:
        from sqlalchemy import select

        from qmsdesk.core.db.fast import raw_rows
        from qmsdesk.core.db.models_training import Person, TrainingItem, TrainingRecord

        stmt = (
            select(Person.employee_no, TrainingItem.code, TrainingRecord.trained_on)
            .join(Person, Person.id == TrainingRecord.person_id)
            .join(TrainingItem, TrainingItem.id == TrainingRecord.item_id)
        )
        return {(people.key(n), people.key(c), str(d)) for n, c, d in raw_rows(session, stmt)}

    def plan(
        self, session: Session, table: SheetTable, context: Any, held: set[tuple[str, str, str]]
    ) -> Any:
        add, same = Action.ADD, Action.UNCHANGED
        items, new = [], []
        key = people.key
        for entry in self.trained:
            row, _c, emp, code, day = entry
            name = f"{emp} {code} {day.isoformat()}"
            if (key(emp), key(code), day.isoformat()) in held:
                items.append(PlanItem(same, name, row))
            else:
                items.append(PlanItem(add, name, row))
                new.append(entry)

        def apply(session: Session, user: str) -> None:
            numbers = people.ids_by_employee_no(session)
            codes = training.ids_by_item_code(session)
            try:
                ops = [
                    (numbers[key(emp)], codes[key(code)], training.RecordFields(trained_on=day))
                    for _r, _c, emp, code, day in new
                ]
            except KeyError as exc:
                raise QmsError(f"'{exc.args[0]}' is no longer in QMS Desk.") from exc
            try:
                training.insert_records(session, ops, user)
            except QmsError as exc:
                raise during_apply(table.sheet, exc) from exc

        return SheetPlan(table.sheet, self.title, items, apply), []


def _covered(session: Session) -> set[tuple[str, str]]:
    """(person, item) pairs already required, through a role or on their own."""
    found: set[tuple[str, str]] = set()
    by_role: dict[str, list[str]] = {}
    for r in training.all_requirements(session):
        if r.is_role:
            by_role.setdefault(people.key(r.role), []).append(people.key(r.item_code))
        else:
            found.add((people.key(r.employee_no), people.key(r.item_code)))
    if by_role:
        for p in people.all_people(session):
            for role in p.roles:
                for code in by_role.get(people.key(role), ()):
                    found.add((people.key(p.employee_no), code))
    return found


def _new_number(taken: set[str]) -> str:
    n = len(taken) + 1
    while people.key(f"G{n:04d}") in taken:
        n += 1
    return f"G{n:04d}"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _date(value: object) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        return None
