"""A person's fields, declared once (people.PEOPLE), parsed and checked; job role names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from qmsdesk.core.dates import parse_date
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.core.text import clean, fold

ENTITY = "person"
ROLE_ENTITY = "job_role"

MAX_LENGTHS = {"employee_no": 30, "name": 120, "department": 80, "role": 80}

#: A person, in the order of PersonFields: the error messages, the history, the Excel sheet, the
#: tables and the reports read their labels here.
PEOPLE = Vocabulary(
    "People",
    (
        Field(
            "employee_no",
            "Employee number",
            "The person's unique employee number.",
            short="Employee no",
            required=True,
        ),
        Field(
            "name",
            "Name",
            f"First name and surname (at most {MAX_LENGTHS['name']} characters).",
            required=True,
        ),
        Field("department", "Department"),
        Field(
            "roles",
            "Job roles",
            "The person's job role or roles, separated by semicolons.",
            FieldKind.LIST,
        ),
        Field("manager_no", "Manager", "The employee number of the person's manager."),
        Field("start_date", "Start date", kind=FieldKind.DATE, short="Started"),
        Field(
            "leaving_date",
            "Leaving date",
            "People who have left keep their records and leave the matrix.",
            FieldKind.DATE,
            short="Left",
        ),
        Field("note", "Note", kind=FieldKind.LONG_TEXT),
        Field(
            "education",
            "Education",
            "Schooling, apprenticeship, degrees and certificates that bear on the job (7.2 b).",
            FieldKind.LONG_TEXT,
        ),
        Field(
            "experience",
            "Experience",
            "Earlier jobs and years of practice that make the person competent (7.2 b).",
            FieldKind.LONG_TEXT,
        ),
    ),
)
FIELD_LABELS = PEOPLE.labels()

_ROLE_SPLIT = re.compile(r"[;\n]+")


def key(text: str) -> str:
    """How employee numbers and role names are matched: case and outer spaces forgiven."""
    return fold(text.strip())


@dataclass(frozen=True)
class PersonFields:
    """Everything a user edits about a person, already parsed."""

    employee_no: str
    name: str
    department: str = ""
    roles: tuple[str, ...] = ()
    manager_no: str = ""  # the manager's employee number; "" for none
    start_date: dt.date | None = None
    leaving_date: dt.date | None = None
    note: str = ""
    education: str = ""
    experience: str = ""


FIELD_NAMES = tuple(f.name for f in fields(PersonFields))


def parse_roles(value: object) -> tuple[str, ...]:
    """'CNC Machinist; Setter / Operator' -> both roles, in the order given, each once.

    Roles are separated by semicolons or line breaks (role names may hold commas and slashes).
    """
    if isinstance(value, tuple | list):
        parts = [clean(v) for v in value]
    else:
        parts = [clean(p) for p in _ROLE_SPLIT.split(str(value or ""))]
    seen: dict[str, str] = {}
    for part in parts:
        part = " ".join(part.split())
        if part and key(part) not in seen:
            seen[key(part)] = part
    return tuple(seen.values())


def roles_text(roles: Iterable[str]) -> str:
    return "; ".join(roles)


def person_fields_from_values(
    values: Mapping[str, object],
) -> tuple[PersonFields | None, list[FieldProblem]]:
    """Parse raw values (typed text or cells) into fields, collecting every problem of the row."""
    problems: list[FieldProblem] = []
    parsed: dict[str, object] = {}
    for name in FIELD_NAMES:
        if name not in values:
            continue
        raw = values[name]
        try:
            if name in ("start_date", "leaving_date"):
                parsed[name] = parse_date(raw)
            elif name == "roles":
                parsed[name] = parse_roles(raw)
            elif name in ("note", "education", "experience"):
                parsed[name] = clean(raw)
            else:
                parsed[name] = " ".join(clean(raw).split())
        except ValueError as exc:
            problems.append(FieldProblem(name, str(exc)))
    result = PersonFields(**{"employee_no": "", "name": "", **parsed})  # type: ignore[arg-type]
    problems += [p for p in check_person(result) if p.field not in {q.field for q in problems}]
    return (None if problems else result), problems


def check_person(f: PersonFields) -> list[FieldProblem]:
    """Rules a person's fields obey together (references to other people are checked on save)."""
    problems = []
    if not f.employee_no:
        problems.append(FieldProblem("employee_no", "An employee number is required."))
    if not f.name:
        problems.append(FieldProblem("name", "A name is required."))
    for name in ("employee_no", "name", "department"):
        text = getattr(f, name)
        limit = MAX_LENGTHS[name]
        if len(text) > limit:
            problems.append(
                FieldProblem(name, f"is {len(text)} characters long; at most {limit} are allowed.")
            )
    too_long = [r for r in f.roles if len(r) > MAX_LENGTHS["role"]]
    if too_long:
        problems.append(
            FieldProblem(
                "roles",
                f"the role name '{too_long[0][:40]}...' is too long; at most "
                f"{MAX_LENGTHS['role']} characters are allowed.",
            )
        )
    for name in ("education", "experience"):
        if len(getattr(f, name)) > 4000:
            problems.append(FieldProblem(name, "at most 4000 characters are allowed."))
    if f.start_date and f.leaving_date and f.leaving_date < f.start_date:
        problems.append(FieldProblem("leaving_date", "The leaving date is before the start date."))
    if f.manager_no and f.employee_no and key(f.manager_no) == key(f.employee_no):
        problems.append(FieldProblem("manager_no", "A person cannot be their own manager."))
    return problems


def raise_problems(problems: Iterable[FieldProblem], prefix: str = "") -> None:
    problems = list(problems)
    if problems:
        raise ValidationError(
            [
                f"{prefix}{FIELD_LABELS.get(p.field, p.field)}: {_sentence(p.message)}"
                for p in problems
            ]
        )


def _sentence(text: str) -> str:
    return f"this value {text}" if text[:1].islower() and text.startswith("is ") else text
