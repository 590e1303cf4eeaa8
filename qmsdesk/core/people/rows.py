"""People and job roles as lists and lookups show them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.dates import today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_training import JobRole, Person, PersonRole, TrainingRecord
from qmsdesk.core.people.fields import ENTITY, PersonFields, key
from qmsdesk.core.service import missing
from qmsdesk.core.text import fold

#: What a missing person's message adds: people are "they", not "it".
THEY_MAY_BE_DELETED = " (they may have been deleted)"


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
    education: str = ""
    experience: str = ""

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
            education=self.education,
            experience=self.experience,
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
        Person.education,
        Person.experience,
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
    for pid, number, name, department, manager_id, start, leaving, note, edu, exp in rows:
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
                edu,
                exp,
            )
        )
    people.sort(key=lambda p: (fold(p.name), fold(p.employee_no)))
    return people


def get_person(session: Session, person_id: int) -> PersonRow:
    found = all_people(session, ids=[person_id])
    if not found:
        raise missing("Person", person_id, note=THEY_MAY_BE_DELETED)
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
