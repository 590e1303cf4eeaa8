"""Saving many people at once (an import), in a few statements."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.dates import utcnow
from qmsdesk.core.db.fast import insert_many
from qmsdesk.core.db.models_training import Person, PersonRole
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.people.fields import ENTITY, FIELD_LABELS, PersonFields, check_person, key
from qmsdesk.core.people.persons import creation_changes, field_changes, first_in_loop
from qmsdesk.core.people.roles import ensure_roles
from qmsdesk.core.people.rows import all_people, ids_by_employee_no


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
                "education": f.education,
                "experience": f.experience,
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
        entries.append(
            history.Entry(ENTITY, pid, f.employee_no, action, tuple(creation_changes(f)))
        )
    for pid, f in updated:
        changes = field_changes(current[pid].fields(), f)
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
                "education": f.education,
                "experience": f.experience,
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
    looped = first_in_loop(session, [*new_ids, *(i for i, _ in updated)])
    if looped is not None:
        who = next(f for i, f in [*zip(new_ids, created, strict=True), *updated] if i == looped)
        raise ValidationError(
            f"{who.employee_no}: Manager: {who.manager_no} manages {who.name} and, through the "
            "chain of managers, is managed by them; a person cannot manage their own manager."
        )
    return new_ids
