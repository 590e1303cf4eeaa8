"""Writing people: create, edit, mark as left, delete; a manager's chain never loops."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_training import Person, PersonRole
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.people.fields import (
    ENTITY,
    FIELD_LABELS,
    FIELD_NAMES,
    PersonFields,
    check_person,
    key,
    raise_problems,
    roles_text,
)
from qmsdesk.core.people.roles import ensure_roles
from qmsdesk.core.people.rows import (
    THEY_MAY_BE_DELETED,
    get_person,
    ids_by_employee_no,
    references,
)
from qmsdesk.core.service import delete_with_history, ensure_unique, load


def _load(session: Session, person_id: int) -> Person:
    return load(session, Person, person_id, "Person", note=THEY_MAY_BE_DELETED)


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
    ensure_unique(
        ids_by_employee_no(session).get(key(number)),
        person_id,
        f"Employee number: somebody else already has the number '{number}'.",
    )


def _set_roles(session: Session, person_id: int, role_ids: Iterable[int]) -> None:
    session.execute(delete(PersonRole).where(PersonRole.person_id == person_id))
    wanted = sorted(set(role_ids))
    if wanted:
        session.execute(
            insert(PersonRole), [{"person_id": person_id, "role_id": r} for r in wanted]
        )


def creation_changes(f: PersonFields) -> list[history.Change]:
    changes = [history.Change(FIELD_LABELS["name"], "", f.name)]
    if f.roles:
        changes.append(history.Change(FIELD_LABELS["roles"], "", roles_text(f.roles)))
    return changes


def create_person(session: Session, f: PersonFields, user: str) -> int:
    raise_problems(check_person(f))
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
        education=f.education,
        experience=f.experience,
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
        changes=creation_changes(f),
    )
    return person.id


def field_changes(old: PersonFields, new: PersonFields) -> list[history.Change]:
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
    raise_problems(check_person(f))
    person = _load(session, person_id)
    _ensure_unique_number(session, f.employee_no, person_id)
    manager_id = _resolve_manager(session, f)
    if manager_id is not None and _would_loop(session, person_id, manager_id):
        raise ValidationError(
            f"Manager: {f.manager_no} reports to {f.name} already; a person cannot manage their "
            "own manager."
        )
    old = get_person(session, person_id).fields()
    changes = field_changes(old, f)
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
    person.education = f.education
    person.experience = f.experience
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
    delete_with_history(
        session,
        person,
        user=user,
        entity=ENTITY,
        entity_id=person.id,
        ref=person.employee_no,
        changes=[history.Change(FIELD_LABELS["name"], person.name, "")],
    )


def first_in_loop(session: Session, ids: Iterable[int]) -> int | None:
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
