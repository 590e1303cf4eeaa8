"""Who needs what: the training a job role needs, and individual extras."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from qmsdesk.core import history, people
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_training import (
    JobRole,
    Person,
    PersonRequirement,
    RoleRequirement,
    TrainingItem,
)
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.service import load
from qmsdesk.core.text import clean, fold
from qmsdesk.core.training.parsing import scale_text


@dataclass(frozen=True)
class RequirementRow:
    """Who needs what: a role's requirement (person fields empty) or an individual extra."""

    id: int
    role_id: int | None
    role: str
    person_id: int | None
    employee_no: str
    person_name: str
    item_id: int
    item_code: str
    item_title: str
    required_level: int
    reason: str

    @property
    def is_role(self) -> bool:
        return self.role_id is not None


def all_requirements(session: Session) -> list[RequirementRow]:
    """Role requirements by role then item code, then individual ones by person then item."""
    role_stmt = (
        select(
            RoleRequirement.id,
            JobRole.id,
            JobRole.name,
            TrainingItem.id,
            TrainingItem.code,
            TrainingItem.title,
            RoleRequirement.required_level,
        )
        .join(JobRole, JobRole.id == RoleRequirement.role_id)
        .join(TrainingItem, TrainingItem.id == RoleRequirement.item_id)
    )
    rows = [
        RequirementRow(rid, role_id, role, None, "", "", iid, code, title, level, "")
        for rid, role_id, role, iid, code, title, level in raw_rows(session, role_stmt)
    ]
    rows.sort(key=lambda r: (fold(r.role), fold(r.item_code)))
    person_stmt = (
        select(
            PersonRequirement.id,
            Person.id,
            Person.employee_no,
            Person.name,
            TrainingItem.id,
            TrainingItem.code,
            TrainingItem.title,
            PersonRequirement.required_level,
            PersonRequirement.reason,
        )
        .join(Person, Person.id == PersonRequirement.person_id)
        .join(TrainingItem, TrainingItem.id == PersonRequirement.item_id)
    )
    extras = [
        RequirementRow(rid, None, "", pid, number, name, iid, code, title, level, reason)
        for rid, pid, number, name, iid, code, title, level, reason in raw_rows(
            session, person_stmt
        )
    ]
    extras.sort(key=lambda r: (fold(r.person_name), fold(r.employee_no), fold(r.item_code)))
    return rows + extras


def requirements_of_role(session: Session, role_id: int) -> dict[int, int]:
    """item id -> required level for one role."""
    stmt = select(RoleRequirement.item_id, RoleRequirement.required_level).where(
        RoleRequirement.role_id == role_id
    )
    return dict(raw_rows(session, stmt))


def _item_for_requirement(session: Session, item_id: int, level: int) -> TrainingItem:
    item = load(session, TrainingItem, item_id, "Training item", note="")
    if not 1 <= level <= item.max_level:
        raise ValidationError(
            f"Required level: level {level} is outside the scale of {item.code} (1 to "
            f"{item.max_level}: {scale_text(item.max_level)})."
        )
    return item


def set_role_requirement(
    session: Session, role_id: int, item_id: int, level: int | None, user: str
) -> None:
    """Everyone in the role needs the item at `level` (None: no longer needed)."""
    role = load(session, JobRole, role_id, "Job role", note="")
    existing = session.scalar(
        select(RoleRequirement).where(
            RoleRequirement.role_id == role_id, RoleRequirement.item_id == item_id
        )
    )
    old = str(existing.required_level) if existing else ""
    if level is None:
        if existing is None:
            return
        item = session.get(TrainingItem, item_id)
        session.delete(existing)
    else:
        item = _item_for_requirement(session, item_id, level)
        if existing is None:
            session.add(RoleRequirement(role_id=role_id, item_id=item_id, required_level=level))
        elif existing.required_level == level:
            return
        else:
            existing.required_level = level
    session.flush()
    assert item is not None
    history.record(
        session,
        user=user,
        entity=people.ROLE_ENTITY,
        entity_id=role_id,
        ref=role.name,
        action="requirement",
        changes=[history.Change(f"Needs {item.code}", old, "" if level is None else str(level))],
    )


def set_person_requirement(
    session: Session,
    person_id: int,
    item_id: int,
    level: int | None,
    user: str,
    reason: str = "",
) -> None:
    """One person needs the item at `level` whatever their roles say (None: no longer)."""
    person = load(session, Person, person_id, "Person", note="")
    existing = session.scalar(
        select(PersonRequirement).where(
            PersonRequirement.person_id == person_id, PersonRequirement.item_id == item_id
        )
    )
    old = str(existing.required_level) if existing else ""
    reason = clean(reason)
    if len(reason) > 200:
        raise ValidationError("Reason: at most 200 characters are allowed.")
    if level is None:
        if existing is None:
            return
        item = session.get(TrainingItem, item_id)
        session.delete(existing)
    else:
        item = _item_for_requirement(session, item_id, level)
        if existing is None:
            session.add(
                PersonRequirement(
                    person_id=person_id, item_id=item_id, required_level=level, reason=reason
                )
            )
        elif (existing.required_level, existing.reason) == (level, reason):
            return
        else:
            existing.required_level, existing.reason = level, reason
    session.flush()
    assert item is not None
    history.record(
        session,
        user=user,
        entity=people.ENTITY,
        entity_id=person_id,
        ref=person.employee_no,
        action="requirement",
        changes=[history.Change(f"Needs {item.code}", old, "" if level is None else str(level))],
    )


def save_requirements_many(
    session: Session,
    role_levels: Sequence[tuple[int, int, int]],
    person_levels: Sequence[tuple[int, int, int, str]],
    user: str,
    action: str = "import",
) -> int:
    """Set many requirements at once: (role id, item id, level) and (person id, item id, level,
    reason); existing ones change level, new ones are added. Returns how many changed."""
    max_levels = dict(raw_rows(session, select(TrainingItem.id, TrainingItem.max_level)))
    codes = dict(raw_rows(session, select(TrainingItem.id, TrainingItem.code)))
    problems = [
        f"{codes.get(item_id, item_id)}: Required level: level {level} is outside the item's scale."
        for item_id, level in [
            *((i, lvl) for _, i, lvl in role_levels),
            *((i, lvl) for _, i, lvl, _ in person_levels),
        ]
        if not 1 <= level <= max_levels.get(item_id, 0)
    ]
    if problems:
        raise ValidationError(problems)
    role_names = dict(raw_rows(session, select(JobRole.id, JobRole.name)))
    numbers = dict(raw_rows(session, select(Person.id, Person.employee_no)))
    held_roles = {
        (r, i): (rid, lvl)
        for rid, r, i, lvl in raw_rows(
            session,
            select(
                RoleRequirement.id,
                RoleRequirement.role_id,
                RoleRequirement.item_id,
                RoleRequirement.required_level,
            ),
        )
    }
    held_people = {
        (p, i): (rid, lvl, reason)
        for rid, p, i, lvl, reason in raw_rows(
            session,
            select(
                PersonRequirement.id,
                PersonRequirement.person_id,
                PersonRequirement.item_id,
                PersonRequirement.required_level,
                PersonRequirement.reason,
            ),
        )
    }
    entries: list[history.Entry] = []
    new_roles, changed_roles, new_people, changed_people = [], [], [], []
    for role_id, item_id, level in role_levels:
        held = held_roles.get((role_id, item_id))
        if held is not None and held[1] == level:
            continue
        if held is None:
            new_roles.append({"role_id": role_id, "item_id": item_id, "required_level": level})
        else:
            changed_roles.append({"id": held[0], "required_level": level})
        entries.append(
            history.Entry(
                people.ROLE_ENTITY,
                role_id,
                role_names[role_id],
                action,
                (
                    history.Change(
                        f"Needs {codes[item_id]}", str(held[1]) if held else "", str(level)
                    ),
                ),
            )
        )
    for person_id, item_id, level, reason in person_levels:
        held_p = held_people.get((person_id, item_id))
        if held_p is not None and held_p[1:] == (level, reason):
            continue
        if held_p is None:
            new_people.append(
                {
                    "person_id": person_id,
                    "item_id": item_id,
                    "required_level": level,
                    "reason": reason,
                }
            )
        else:
            changed_people.append({"id": held_p[0], "required_level": level, "reason": reason})
        entries.append(
            history.Entry(
                people.ENTITY,
                person_id,
                numbers[person_id],
                action,
                (
                    history.Change(
                        f"Needs {codes[item_id]}", str(held_p[1]) if held_p else "", str(level)
                    ),
                ),
            )
        )
    if new_roles:
        session.execute(insert(RoleRequirement), new_roles)
    if changed_roles:
        session.execute(update(RoleRequirement), changed_roles)
    if new_people:
        session.execute(insert(PersonRequirement), new_people)
    if changed_people:
        session.execute(update(PersonRequirement), changed_people)
    if entries:
        history.record_many(session, user, entries)
    return len(entries)
