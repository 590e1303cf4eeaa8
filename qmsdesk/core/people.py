"""People and job roles: a register shared by training, audits, management reviews and actions.

Services take a session and return plain data; callers own the transaction. A person is known by an
employee number; one who has left keeps every record and gets a leaving date, never deleted once
anything refers to them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.dates import parse_date, today, utcnow
from qmsdesk.core.db.fast import insert_many, raw_rows
from qmsdesk.core.db.models_training import JobRole, Person, PersonRole, TrainingRecord
from qmsdesk.core.errors import FieldProblem, NotFoundError, ValidationError
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
            elif name == "note":
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
    if f.start_date and f.leaving_date and f.leaving_date < f.start_date:
        problems.append(FieldProblem("leaving_date", "The leaving date is before the start date."))
    if f.manager_no and f.employee_no and key(f.manager_no) == key(f.employee_no):
        problems.append(FieldProblem("manager_no", "A person cannot be their own manager."))
    return problems


def _raise(problems: Iterable[FieldProblem], prefix: str = "") -> None:
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


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonRow:
    id: int
    employee_no: str
    name: str
    department: str
    roles: tuple[str, ...]
    manager_id: int | None
    manager_no: str
    manager_name: str
    start_date: dt.date | None
    leaving_date: dt.date | None
    note: str

    def has_left(self, on: dt.date | None = None) -> bool:
        return self.leaving_date is not None and self.leaving_date <= (on or today())

    def fields(self) -> PersonFields:
        return PersonFields(
            employee_no=self.employee_no,
            name=self.name,
            department=self.department,
            roles=self.roles,
            manager_no=self.manager_no,
            start_date=self.start_date,
            leaving_date=self.leaving_date,
            note=self.note,
        )

    def label(self) -> str:
        return f"{self.name} ({self.employee_no})"


def _date(value: object) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


def roles_by_person(session: Session) -> dict[int, tuple[str, ...]]:
    """Every person's role names, in alphabetical order."""
    stmt = (
        select(PersonRole.person_id, JobRole.name)
        .join(JobRole, JobRole.id == PersonRole.role_id)
        .order_by(PersonRole.person_id, JobRole.name)
    )
    found: dict[int, list[str]] = defaultdict(list)
    for person_id, name in raw_rows(session, stmt):
        found[person_id].append(name)
    return {k: tuple(v) for k, v in found.items()}


def all_people(
    session: Session,
    *,
    include_left: bool = True,
    on: dt.date | None = None,
    ids: Sequence[int] | None = None,
) -> list[PersonRow]:
    """People by name (then employee number), read in two queries whatever their number."""
    on = on or today()
    stmt = select(
        Person.id,
        Person.employee_no,
        Person.name,
        Person.department,
        Person.manager_id,
        Person.start_date,
        Person.leaving_date,
        Person.note,
    )
    if not include_left:
        stmt = stmt.where((Person.leaving_date.is_(None)) | (Person.leaving_date > on))
    rows = raw_rows(session, stmt)
    wanted = set(ids) if ids is not None else None
    roles = roles_by_person(session)
    names = {
        r[0]: (r[1], r[2])
        for r in raw_rows(session, select(Person.id, Person.employee_no, Person.name))
    }
    people = []
    for pid, number, name, department, manager_id, start, leaving, note in rows:
        if wanted is not None and pid not in wanted:
            continue
        manager = names.get(manager_id, ("", "")) if manager_id else ("", "")
        people.append(
            PersonRow(
                pid,
                number,
                name,
                department,
                roles.get(pid, ()),
                manager_id,
                manager[0],
                manager[1],
                _date(start),
                _date(leaving),
                note,
            )
        )
    people.sort(key=lambda p: (fold(p.name), fold(p.employee_no)))
    return people


def get_person(session: Session, person_id: int) -> PersonRow:
    found = all_people(session, ids=[person_id])
    if not found:
        raise NotFoundError(f"Person {person_id} does not exist (they may have been deleted).")
    return found[0]


def id_for_employee_no(session: Session, employee_no: str) -> int | None:
    return session.scalar(select(Person.id).where(Person.employee_no == employee_no.strip()))


def ids_by_employee_no(session: Session) -> dict[str, int]:
    """key(employee number) -> id, for every person."""
    return {key(n): i for i, n in raw_rows(session, select(Person.id, Person.employee_no))}


def departments(session: Session) -> list[str]:
    stmt = select(Person.department).where(Person.department != "").distinct()
    return sorted(session.scalars(stmt), key=fold)


@dataclass(frozen=True)
class RoleRow:
    id: int
    name: str
    description: str
    holders: int


def all_roles(session: Session) -> list[RoleRow]:
    holders = dict(
        raw_rows(
            session,
            select(PersonRole.role_id, func.count()).group_by(PersonRole.role_id),
        )
    )
    stmt = select(JobRole.id, JobRole.name, JobRole.description)
    rows = [RoleRow(i, n, d, holders.get(i, 0)) for i, n, d in raw_rows(session, stmt)]
    return sorted(rows, key=lambda r: fold(r.name))


def role_names(session: Session) -> list[str]:
    return [r.name for r in all_roles(session)]


def ids_by_role(session: Session) -> dict[str, int]:
    """key(role name) -> id, for every role."""
    return {key(n): i for i, n in raw_rows(session, select(JobRole.id, JobRole.name))}


def references(session: Session, person_id: int) -> list[tuple[str, int]]:
    """Where a person is named in a way that must stop their deletion, by table: every column of
    every register that refers to people, found from the schema, so later registers are covered."""
    found = []
    for table in Person.metadata.sorted_tables:
        for fk in table.foreign_keys:
            # Links that go with the person (job roles) or keep a name without them (review
            # attendance) do not stop a deletion.
            if fk.column.table.name != Person.__tablename__ or fk.ondelete in (
                "CASCADE",
                "SET NULL",
            ):
                continue
            count = session.scalar(
                select(func.count()).select_from(table).where(fk.parent == person_id)
            )
            if count:
                found.append((table.name, int(count)))
    return found


def record_count(session: Session, person_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(TrainingRecord)
            .where(TrainingRecord.person_id == person_id)
        )
        or 0
    )


def history_of(session: Session, person_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, ENTITY, person_id)


# --- writing: roles --------------------------------------------------------------------------


def _check_role_name(name: str) -> str:
    name = " ".join(clean(name).split())
    if not name:
        raise ValidationError("Job role: a name is required.")
    if len(name) > MAX_LENGTHS["role"]:
        raise ValidationError(f"Job role: at most {MAX_LENGTHS['role']} characters are allowed.")
    return name


def create_role(session: Session, name: str, user: str, description: str = "") -> int:
    name = _check_role_name(name)
    if key(name) in ids_by_role(session):
        raise ValidationError(f"Job role: there is already a role '{name}'.")
    role = JobRole(name=name, description=clean(description))
    session.add(role)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ROLE_ENTITY,
        entity_id=role.id,
        ref=name,
        action="create",
        changes=[history.Change("Name", "", name)],
    )
    return role.id


def update_role(
    session: Session, role_id: int, name: str, user: str, description: str = ""
) -> None:
    role = session.get(JobRole, role_id)
    if role is None:
        raise NotFoundError(f"Job role {role_id} does not exist.")
    name = _check_role_name(name)
    other = ids_by_role(session).get(key(name))
    if other is not None and other != role_id:
        raise ValidationError(f"Job role: there is already a role '{name}'.")
    changes = []
    if role.name != name:
        changes.append(history.Change("Name", role.name, name))
        role.name = name
    if role.description != clean(description):
        changes.append(history.Change("Description", role.description, clean(description)))
        role.description = clean(description)
    if changes:
        history.record(
            session,
            user=user,
            entity=ROLE_ENTITY,
            entity_id=role.id,
            ref=name,
            action="edit",
            changes=changes,
        )


def delete_role(session: Session, role_id: int, user: str) -> None:
    """Delete a role nobody holds (its requirements go with it)."""
    role = session.get(JobRole, role_id)
    if role is None:
        raise NotFoundError(f"Job role {role_id} does not exist.")
    holders = session.scalar(
        select(func.count()).select_from(PersonRole).where(PersonRole.role_id == role_id)
    )
    if holders:
        raise ValidationError(
            f"{holders} person(s) hold the role '{role.name}'; give them another role first."
        )
    history.record(
        session,
        user=user,
        entity=ROLE_ENTITY,
        entity_id=role.id,
        ref=role.name,
        action="delete",
        changes=[history.Change("Name", role.name, "")],
    )
    session.delete(role)
    session.flush()


def ensure_roles(session: Session, names: Iterable[str], user: str) -> dict[str, int]:
    """key(role name) -> id for every role, creating the named ones that do not exist yet."""
    known = ids_by_role(session)
    for name in names:
        if key(name) not in known:
            known[key(name)] = create_role(session, name, user)
    return known


# --- writing: people -------------------------------------------------------------------------


def _load(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"Person {person_id} does not exist (they may have been deleted).")
    return person


def _resolve_manager(
    session: Session, f: PersonFields, numbers: Mapping[str, int] | None = None
) -> int | None:
    if not f.manager_no:
        return None
    numbers = numbers if numbers is not None else ids_by_employee_no(session)
    manager = numbers.get(key(f.manager_no))
    if manager is None:
        raise ValidationError(
            f"Manager: there is nobody with the employee number '{f.manager_no}'."
        )
    return manager


def _ensure_unique_number(session: Session, number: str, person_id: int | None) -> None:
    existing = ids_by_employee_no(session).get(key(number))
    if existing is not None and existing != person_id:
        raise ValidationError(f"Employee number: somebody else already has the number '{number}'.")


def _set_roles(session: Session, person_id: int, role_ids: Iterable[int]) -> None:
    session.execute(delete(PersonRole).where(PersonRole.person_id == person_id))
    wanted = sorted(set(role_ids))
    if wanted:
        session.execute(
            insert(PersonRole), [{"person_id": person_id, "role_id": r} for r in wanted]
        )


def _creation(f: PersonFields) -> list[history.Change]:
    changes = [history.Change("Name", "", f.name)]
    if f.roles:
        changes.append(history.Change(FIELD_LABELS["roles"], "", roles_text(f.roles)))
    return changes


def create_person(session: Session, f: PersonFields, user: str) -> int:
    _raise(check_person(f))
    _ensure_unique_number(session, f.employee_no, None)
    manager_id = _resolve_manager(session, f)
    roles = ensure_roles(session, f.roles, user)
    person = Person(
        employee_no=f.employee_no,
        name=f.name,
        department=f.department,
        manager_id=manager_id,
        start_date=f.start_date,
        leaving_date=f.leaving_date,
        note=f.note,
    )
    session.add(person)
    session.flush()
    _set_roles(session, person.id, (roles[key(r)] for r in f.roles))
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=person.id,
        ref=f.employee_no,
        action="create",
        changes=_creation(f),
    )
    return person.id


def _differences(old: PersonFields, new: PersonFields) -> list[history.Change]:
    changes = []
    for name in FIELD_NAMES:
        before, after = getattr(old, name), getattr(new, name)
        if name == "roles":
            if sorted(map(key, before)) == sorted(map(key, after)):
                continue
            before, after = roles_text(before), roles_text(after)
        elif name == "manager_no" and key(before) == key(after):
            continue
        if before != after:
            changes.append(
                history.Change(FIELD_LABELS[name], history.as_text(before), history.as_text(after))
            )
    return changes


def update_person(session: Session, person_id: int, f: PersonFields, user: str) -> list[str]:
    """Apply edited fields; returns the labels of the fields that changed."""
    _raise(check_person(f))
    person = _load(session, person_id)
    _ensure_unique_number(session, f.employee_no, person_id)
    manager_id = _resolve_manager(session, f)
    if manager_id is not None and _would_loop(session, person_id, manager_id):
        raise ValidationError(
            f"Manager: {f.manager_no} reports to {f.name} already; a person cannot manage their "
            "own manager."
        )
    old = get_person(session, person_id).fields()
    changes = _differences(old, f)
    if not changes:
        return []
    roles = ensure_roles(session, f.roles, user)
    person.employee_no = f.employee_no
    person.name = f.name
    person.department = f.department
    person.manager_id = manager_id
    person.start_date = f.start_date
    person.leaving_date = f.leaving_date
    person.note = f.note
    _set_roles(session, person_id, (roles[key(r)] for r in f.roles))
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=person_id,
        ref=f.employee_no,
        action="edit",
        changes=changes,
    )
    return [c.field for c in changes]


def _would_loop(session: Session, person_id: int, manager_id: int) -> bool:
    managers = dict(raw_rows(session, select(Person.id, Person.manager_id)))
    return _would_loop_in(managers, person_id, manager_id)


def mark_left(session: Session, person_id: int, on: dt.date, user: str) -> None:
    """Record that a person left: their records stay, the matrix no longer shows them."""
    row = get_person(session, person_id)
    update_person(session, person_id, replace(row.fields(), leaving_date=on), user)


def delete_person(session: Session, person_id: int, user: str) -> None:
    """Delete a person entered by mistake; anyone with training records gets a leaving date."""
    person = _load(session, person_id)
    uses = references(session, person_id)
    if uses:
        named = ", ".join(f"{count} in {table.replace('_', ' ')}" for table, count in uses)
        raise ValidationError(
            f"{person.name} is named in the company's records ({named}), so they cannot be "
            "deleted: give them a leaving date instead, so that those records stay on file."
        )
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=person.id,
        ref=person.employee_no,
        action="delete",
        changes=[history.Change("Name", person.name, "")],
    )
    session.delete(person)
    session.flush()


# --- bulk writing (imports) ------------------------------------------------------------------


def save_many(
    session: Session,
    created: Sequence[PersonFields],
    updated: Sequence[tuple[int, PersonFields]],
    user: str,
    action: str = "import",
) -> list[int]:
    """Create and update many people at once (an import); returns the new ids.

    Managers may be among the people created: everyone is written first, managers after. Same rules
    and history as :func:`create_person` and :func:`update_person`.
    """
    problems = [
        f"{f.employee_no}: {FIELD_LABELS.get(p.field, p.field)}: {p.message}"
        for f in [*created, *(f for _, f in updated)]
        for p in check_person(f)
    ]
    numbers = ids_by_employee_no(session)
    new_keys = [key(f.employee_no) for f in created]
    if len(set(new_keys)) != len(new_keys):
        problems.append("Employee number: the same number appears twice among the new people.")
    problems += [
        f"Employee number: somebody already has the number '{f.employee_no}'."
        for f in created
        if key(f.employee_no) in numbers
    ]
    for person_id, f in updated:
        owner = numbers.get(key(f.employee_no))
        if owner is not None and owner != person_id:
            problems.append(f"Employee number: somebody else already has '{f.employee_no}'.")
    if problems:
        raise ValidationError(problems)
    current = {p.id: p for p in all_people(session, ids=[i for i, _ in updated])}
    if len(current) != len({i for i, _ in updated}):
        raise ValidationError("Some people were deleted meanwhile.")
    now = utcnow()
    first = (session.scalar(select(func.max(Person.id))) or 0) + 1
    new_ids = list(range(first, first + len(created)))
    insert_many(
        session,
        Person.__table__,  # type: ignore[arg-type]
        [
            {
                "id": pid,
                "employee_no": f.employee_no,
                "name": f.name,
                "department": f.department,
                "manager_id": None,
                "start_date": f.start_date,
                "leaving_date": f.leaving_date,
                "note": f.note,
                "created_at": now,
                "updated_at": now,
            }
            for pid, f in zip(new_ids, created, strict=True)
        ],
    )
    numbers.update(zip(new_keys, new_ids, strict=True))
    problems = [
        f"{f.employee_no}: Manager: there is nobody with the employee number '{f.manager_no}'."
        for f in [*created, *(f for _, f in updated)]
        if f.manager_no and key(f.manager_no) not in numbers
    ]
    if problems:
        raise ValidationError(problems)
    roles = ensure_roles(
        session, [r for f in [*created, *(f for _, f in updated)] for r in f.roles], user
    )
    entries: list[history.Entry] = []
    changed_rows: list[dict[str, object]] = []
    role_rows: list[dict[str, int]] = []
    role_reset: list[int] = []
    for pid, f in zip(new_ids, created, strict=True):
        if f.manager_no:
            changed_rows.append({"id": pid, "manager_id": numbers[key(f.manager_no)]})
        role_rows += [{"person_id": pid, "role_id": r} for r in {roles[key(n)] for n in f.roles}]
        entries.append(history.Entry(ENTITY, pid, f.employee_no, action, tuple(_creation(f))))
    for pid, f in updated:
        changes = _differences(current[pid].fields(), f)
        if not changes:
            continue
        changed_rows.append(
            {
                "id": pid,
                "employee_no": f.employee_no,
                "name": f.name,
                "department": f.department,
                "manager_id": numbers[key(f.manager_no)] if f.manager_no else None,
                "start_date": f.start_date,
                "leaving_date": f.leaving_date,
                "note": f.note,
                "updated_at": now,
            }
        )
        role_reset.append(pid)
        role_rows += [{"person_id": pid, "role_id": r} for r in {roles[key(n)] for n in f.roles}]
        entries.append(history.Entry(ENTITY, pid, f.employee_no, action, tuple(changes)))
    # Rows of one shape per executemany: the creations' manager links, then full updates.
    for shape in ({"id", "manager_id"}, None):
        batch = [r for r in changed_rows if (set(r) == shape) == (shape is not None)]
        if batch:
            session.execute(update(Person), batch)
    if role_reset:
        session.execute(delete(PersonRole).where(PersonRole.person_id.in_(role_reset)))
    if role_rows:
        session.execute(insert(PersonRole), role_rows)
    if entries:
        history.record_many(session, user, entries)
    looped = _first_in_loop(session, [*new_ids, *(i for i, _ in updated)])
    if looped is not None:
        who = next(f for i, f in [*zip(new_ids, created, strict=True), *updated] if i == looped)
        raise ValidationError(
            f"{who.employee_no}: Manager: {who.manager_no} manages {who.name} and, through the "
            "chain of managers, is managed by them; a person cannot manage their own manager."
        )
    return new_ids


def _first_in_loop(session: Session, ids: Iterable[int]) -> int | None:
    """The first of `ids` whose chain of managers comes back to them, if any."""
    managers = dict(raw_rows(session, select(Person.id, Person.manager_id)))
    for person_id in ids:
        manager = managers.get(person_id)
        if manager is not None and _would_loop_in(managers, person_id, manager):
            return person_id
    return None


def _would_loop_in(managers: Mapping[int, int | None], person_id: int, manager_id: int) -> bool:
    seen = set()
    current: int | None = manager_id
    while current is not None and current not in seen:
        if current == person_id:
            return True
        seen.add(current)
        current = managers.get(current)
    return False
