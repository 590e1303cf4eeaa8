"""The training matrix (ISO 9001:2015 clauses 7.2 and 7.3): who needs what, who has it, what has
expired.

Services take a session and return plain data; callers own the transaction. People and job roles
live in :mod:`qmsdesk.core.people` (a register other registers share).

The matrix is worked out in one pass over three queries (the latest record of every person and
item, the requirements of every person, the linked documents), never a query per cell, so that a
matrix of 2,000 people by 300 items builds in a fraction of a second.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from enum import IntEnum
from pathlib import Path

from sqlalchemy import String, cast, delete, func, insert, select, type_coerce, update
from sqlalchemy.orm import Session

from qmsdesk.core import attachments, company, history, people
from qmsdesk.core.catalogue import CATALOGUE_DIR
from qmsdesk.core.dates import add_months, parse_date, today, utcnow
from qmsdesk.core.db.fast import insert_many, raw_rows
from qmsdesk.core.db.models import DocStatus, Document, Revision, RevisionStatus
from qmsdesk.core.db.models_training import (
    LEVEL_MAX,
    JobRole,
    Person,
    PersonRequirement,
    PersonRole,
    RoleRequirement,
    TrainingItem,
    TrainingRecord,
)
from qmsdesk.core.errors import FieldProblem, NotFoundError, ValidationError
from qmsdesk.core.text import clean, finite_number, fold

ITEM_ENTITY = "training_item"
RECORD_ENTITY = "training_record"

#: The competence scale. An item uses levels 1 to its `max_level`.
LEVELS: dict[int, str] = {
    1: "Aware",
    2: "Trained under supervision",
    3: "Competent",
    4: "Can train others",
}
assert len(LEVELS) == LEVEL_MAX

#: How training is delivered: suggestions for the drop-down lists (any text is accepted).
DELIVERY_CHOICES = (
    "Classroom",
    "On the job",
    "Workshop",
    "E-learning",
    "Read and understood",
    "External course",
    "Briefing",
    "Coaching",
)

EXPIRING_DAYS_KEY = "training_expiring_days"
EXPIRING_DAYS_DEFAULT = 30
EXPIRING_DAYS_MAX = 365
VALIDITY_MAX = 240  # months
HOURS_MAX = 1000.0

ITEM_MAX_LENGTHS = {"code": 40, "title": 150, "category": 60, "delivery": 60}
RECORD_MAX_LENGTHS = {
    "trainer": 120,
    "result": 80,
    "document_revision": 20,
    "effectiveness_method": 120,
    "effectiveness_by": 120,
    "attachment_name": 255,
}

ITEM_LABELS = {
    "code": "Item code",
    "title": "Title",
    "category": "Category",
    "delivery": "Delivery",
    "validity_months": "Valid for (months)",
    "document_code": "Linked document",
    "max_level": "Levels used",
    "description": "Description",
    "archived": "Archived",
}
RECORD_LABELS = {
    "trained_on": "Date trained",
    "level": "Level reached",
    "trainer": "Trainer or provider",
    "hours": "Hours",
    "result": "Result or score",
    "document_revision": "Document revision",
    "effectiveness_method": "Effectiveness: method",
    "effectiveness_date": "Effectiveness: date",
    "effectiveness_by": "Effectiveness: evaluated by",
    "effectiveness_outcome": "Effectiveness: outcome",
    "note": "Note",
    "attachment_name": "Evidence file",
    "attachment_sha256": "Evidence SHA-256",
}


def _raise(problems: Iterable[FieldProblem], labels: Mapping[str, str], prefix: str = "") -> None:
    problems = list(problems)
    if problems:
        raise ValidationError(
            [f"{prefix}{labels.get(p.field, p.field)}: {p.message}" for p in problems]
        )


def _too_long(text: str, limit: int) -> str:
    return f"This text is {len(text)} characters long; at most {limit} are allowed."


# --- parsing ---------------------------------------------------------------------------------


def level_text(level: int) -> str:
    return f"{level} {LEVELS[level]}"


def scale_text(max_level: int) -> str:
    return ", ".join(level_text(n) for n in range(1, max_level + 1))


def parse_level(value: object, max_level: int = LEVEL_MAX) -> int:
    """'3', 3, 3.0, '3 Competent' or 'Competent' -> 3, within the item's scale 1..max_level."""
    text = clean(value)
    if isinstance(value, bool) or not text:
        raise ValueError(f"A level is required: {scale_text(max_level)}.")
    number: int | None = None
    match = re.fullmatch(r"(\d+)(?:\.0+)?(?:\s*[-:]?\s*.*)?", text)
    if match:
        number = int(match.group(1))
    else:
        for n, label in LEVELS.items():
            if fold(label) == fold(text):
                number = n
    if number is None:
        raise ValueError(f"'{text}' is not a level. Use a number: {scale_text(max_level)}.")
    if not 1 <= number <= max_level:
        scale = f"1 to {max_level}" if max_level > 1 else "1 only"
        raise ValueError(
            f"Level {number} is outside the scale of this item ({scale}: {scale_text(max_level)})."
        )
    return number


def parse_validity(value: object) -> int | None:
    """Months a training stays valid: '', 'never', 0 -> None (never expires); '2 years' -> 24."""
    text = fold(clean(value))
    if isinstance(value, bool):
        raise ValueError("Write the number of months, or leave it empty when it never expires.")
    if text in ("", "never", "no", "none", "0", "0.0", "-", "does not expire", "never expires"):
        return None
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(months?|years?|yrs?|y|m)?", text)
    if not match:
        raise ValueError(
            f"'{clean(value)}' is not a number of months. Write for example 24, or '2 years', or "
            "leave it empty when the training never expires."
        )
    number = finite_number(match.group(1))  # 400 digits are inf
    if (match.group(2) or "m").startswith("y"):
        number *= 12
    if number != int(number) or not 1 <= number <= VALIDITY_MAX:
        raise ValueError(
            f"The validity must be a whole number of months from 1 to {VALIDITY_MAX} (empty: "
            f"never expires); '{clean(value)}' is not."
        )
    return int(number)


def parse_max_level(value: object) -> int:
    if clean(value) == "":
        return 1
    try:
        return parse_level(value, LEVEL_MAX)
    except ValueError:
        raise ValueError(
            f"'{clean(value)}' is not a number of levels: use 1 to {LEVEL_MAX} (the item uses "
            f"levels 1 up to it: {scale_text(LEVEL_MAX)})."
        ) from None


_YES = {"yes", "y", "true", "1", "x", "archived"}
_NO = {"", "no", "n", "false", "0", "active", "current"}


def parse_flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = fold(clean(value))
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"'{clean(value)}' is not yes or no.")


def parse_hours(value: object) -> float | None:
    if value is None or clean(value) == "":
        return None
    if isinstance(value, bool):
        raise ValueError("Write the hours as a number, such as 7.5.")
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise ValueError(
            f"'{clean(value)}' is not a number of hours (write such as 7.5)."
        ) from None
    if not 0 <= number <= HOURS_MAX:
        raise ValueError(f"The hours must be between 0 and {HOURS_MAX:g}.")
    return number


# --- training items --------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemFields:
    """Everything a user edits about a training item, already parsed."""

    code: str
    title: str
    category: str = ""
    delivery: str = ""
    validity_months: int | None = None  # None: never expires
    document_code: str = ""  # a "read and understood" item: the linked controlled document
    max_level: int = 1
    description: str = ""
    archived: bool = False


ITEM_FIELDS = tuple(f.name for f in fields(ItemFields))

_ITEM_PARSERS = {
    "validity_months": parse_validity,
    "max_level": parse_max_level,
    "archived": parse_flag,
}


def item_fields_from_values(
    values: Mapping[str, object],
) -> tuple[ItemFields | None, list[FieldProblem]]:
    """Parse raw values into an item's fields, collecting every problem of the row."""
    problems: list[FieldProblem] = []
    parsed: dict[str, object] = {}
    for name in ITEM_FIELDS:
        if name not in values:
            continue
        parser = _ITEM_PARSERS.get(name)
        try:
            if parser is not None:
                parsed[name] = parser(values[name])
            elif name == "description":
                parsed[name] = clean(values[name])
            else:
                parsed[name] = " ".join(clean(values[name]).split())
        except ValueError as exc:
            problems.append(FieldProblem(name, str(exc)))
    result = ItemFields(**{"code": "", "title": "", **parsed})  # type: ignore[arg-type]
    problems += [p for p in check_item(result) if p.field not in {q.field for q in problems}]
    return (None if problems else result), problems


def check_item(f: ItemFields) -> list[FieldProblem]:
    problems = []
    if not f.code:
        problems.append(FieldProblem("code", "An item code is required (for example TR-DOC)."))
    if not f.title:
        problems.append(FieldProblem("title", "A title is required."))
    for name, limit in ITEM_MAX_LENGTHS.items():
        text = getattr(f, name)
        if len(text) > limit:
            problems.append(FieldProblem(name, _too_long(text, limit)))
    if not 1 <= f.max_level <= LEVEL_MAX:
        problems.append(FieldProblem("max_level", f"Use 1 to {LEVEL_MAX} levels."))
    if f.validity_months is not None and not 1 <= f.validity_months <= VALIDITY_MAX:
        problems.append(
            FieldProblem("validity_months", f"Use 1 to {VALIDITY_MAX} months, or never.")
        )
    return problems


@dataclass(frozen=True)
class ItemRow:
    id: int
    code: str
    title: str
    category: str
    delivery: str
    validity_months: int | None
    document_id: int | None
    document_code: str
    max_level: int
    description: str
    archived: bool

    def fields(self) -> ItemFields:
        return ItemFields(**{n: getattr(self, n) for n in ITEM_FIELDS})

    def validity_text(self) -> str:
        return validity_text(self.validity_months)

    def label(self) -> str:
        return f"{self.code} {self.title}"


def validity_text(months: int | None) -> str:
    if months is None:
        return "Never expires"
    if months % 12 == 0:
        years = months // 12
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months} month{'s' if months != 1 else ''}"


def all_items(
    session: Session, *, include_archived: bool = True, ids: Sequence[int] | None = None
) -> list[ItemRow]:
    """Training items by category then code."""
    stmt = select(
        TrainingItem.id,
        TrainingItem.code,
        TrainingItem.title,
        TrainingItem.category,
        TrainingItem.delivery,
        TrainingItem.validity_months,
        TrainingItem.document_id,
        func.coalesce(Document.code, ""),
        TrainingItem.max_level,
        TrainingItem.description,
        TrainingItem.archived,
    ).outerjoin(Document, Document.id == TrainingItem.document_id)
    if not include_archived:
        stmt = stmt.where(TrainingItem.archived.is_(False))
    if ids is not None:
        stmt = stmt.where(TrainingItem.id.in_(list(ids)))
    rows = [ItemRow(*r[:10], bool(r[10])) for r in raw_rows(session, stmt)]
    rows.sort(key=lambda r: (fold(r.category), fold(r.code)))
    return rows


def get_item(session: Session, item_id: int) -> ItemRow:
    found = all_items(session, ids=[item_id])
    if not found:
        raise NotFoundError(f"Training item {item_id} does not exist (it may have been deleted).")
    return found[0]


def ids_by_item_code(session: Session) -> dict[str, int]:
    return {
        people.key(c): i for i, c in raw_rows(session, select(TrainingItem.id, TrainingItem.code))
    }


def categories(session: Session) -> list[str]:
    stmt = select(TrainingItem.category).where(TrainingItem.category != "").distinct()
    return sorted(session.scalars(stmt), key=fold)


def _document_id(session: Session, code: str) -> int | None:
    if not code:
        return None
    found = session.scalar(select(Document.id).where(Document.code == code.strip()))
    if found is None:
        raise ValidationError(
            f"{ITEM_LABELS['document_code']}: there is no document '{code}' in the register."
        )
    return found


def _ensure_unique_item_code(session: Session, code: str, item_id: int | None) -> None:
    existing = ids_by_item_code(session).get(people.key(code))
    if existing is not None and existing != item_id:
        raise ValidationError(f"Item code: another training item already has the code '{code}'.")


def create_item(session: Session, f: ItemFields, user: str) -> int:
    _raise(check_item(f), ITEM_LABELS)
    _ensure_unique_item_code(session, f.code, None)
    item = TrainingItem(
        code=f.code,
        title=f.title,
        category=f.category,
        delivery=f.delivery,
        validity_months=f.validity_months,
        document_id=_document_id(session, f.document_code),
        max_level=f.max_level,
        description=f.description,
        archived=f.archived,
    )
    session.add(item)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ITEM_ENTITY,
        entity_id=item.id,
        ref=f.code,
        action="create",
        changes=[history.Change("Title", "", f.title)],
    )
    return item.id


def _item_changes(old: ItemFields, new: ItemFields) -> list[history.Change]:
    changes = []
    for name in ITEM_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if name == "document_code" and people.key(before) == people.key(after):
            continue
        if before != after:
            changes.append(
                history.Change(
                    ITEM_LABELS[name], _item_value_text(name, before), _item_value_text(name, after)
                )
            )
    return changes


def _item_value_text(name: str, value: object) -> str:
    if name == "validity_months":
        return validity_text(value)  # type: ignore[arg-type]
    if name == "archived":
        return "yes" if value else "no"
    return history.as_text(value)


def update_item(session: Session, item_id: int, f: ItemFields, user: str) -> list[str]:
    """Apply edited fields; returns the labels of the fields that changed."""
    _raise(check_item(f), ITEM_LABELS)
    item = session.get(TrainingItem, item_id)
    if item is None:
        raise NotFoundError(f"Training item {item_id} does not exist.")
    _ensure_unique_item_code(session, f.code, item_id)
    document_id = _document_id(session, f.document_code)
    old = get_item(session, item_id).fields()
    if f.max_level < old.max_level:
        _check_levels_fit(session, item_id, f.max_level)
    changes = _item_changes(old, f)
    if not changes:
        return []
    item.code, item.title, item.category, item.delivery = f.code, f.title, f.category, f.delivery
    item.validity_months = f.validity_months
    item.document_id = document_id
    item.max_level = f.max_level
    item.description = f.description
    item.archived = f.archived
    session.flush()
    history.record(
        session,
        user=user,
        entity=ITEM_ENTITY,
        entity_id=item_id,
        ref=f.code,
        action="edit",
        changes=changes,
    )
    return [c.field for c in changes]


def _check_levels_fit(session: Session, item_id: int, max_level: int) -> None:
    """Refuse to shrink an item's scale below levels already recorded or required."""
    highest = max(
        session.scalar(
            select(func.max(TrainingRecord.level)).where(TrainingRecord.item_id == item_id)
        )
        or 0,
        session.scalar(
            select(func.max(RoleRequirement.required_level)).where(
                RoleRequirement.item_id == item_id
            )
        )
        or 0,
        session.scalar(
            select(func.max(PersonRequirement.required_level)).where(
                PersonRequirement.item_id == item_id
            )
        )
        or 0,
    )
    if highest > max_level:
        raise ValidationError(
            f"{ITEM_LABELS['max_level']}: level {highest} is already recorded or required for this "
            f"item, so it needs at least {highest} levels."
        )


def set_archived(session: Session, item_id: int, archived: bool, user: str) -> None:
    """Archive an item (it leaves the matrix, its records stay) or bring it back."""
    row = get_item(session, item_id)
    update_item(session, item_id, replace(row.fields(), archived=archived), user)


def item_record_count(session: Session, item_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(TrainingRecord)
            .where(TrainingRecord.item_id == item_id)
        )
        or 0
    )


def delete_item(session: Session, item_id: int, user: str) -> None:
    """Delete an item entered by mistake; an item with records is archived instead."""
    item = session.get(TrainingItem, item_id)
    if item is None:
        raise NotFoundError(f"Training item {item_id} does not exist.")
    records = item_record_count(session, item_id)
    if records:
        raise ValidationError(
            f"{item.code} has {records} training record(s), so it cannot be deleted: archive it "
            "instead. An archived item leaves the matrix and keeps its records."
        )
    history.record(
        session,
        user=user,
        entity=ITEM_ENTITY,
        entity_id=item.id,
        ref=item.code,
        action="delete",
        changes=[history.Change("Title", item.title, "")],
    )
    session.delete(item)
    session.flush()


def save_items_many(
    session: Session,
    created: Sequence[ItemFields],
    updated: Sequence[tuple[int, ItemFields]],
    user: str,
    action: str = "import",
) -> list[int]:
    """Create and update many items at once (an import or the catalogue); returns the new ids."""
    problems = [
        f"{f.code}: {ITEM_LABELS.get(p.field, p.field)}: {p.message}"
        for f in [*created, *(f for _, f in updated)]
        for p in check_item(f)
    ]
    codes = ids_by_item_code(session)
    new_keys = [people.key(f.code) for f in created]
    if len(set(new_keys)) != len(new_keys):
        problems.append("Item code: the same code appears twice among the new items.")
    problems += [
        f"Item code: another training item already has the code '{f.code}'."
        for f in created
        if people.key(f.code) in codes
    ]
    documents = {people.key(c): i for i, c in raw_rows(session, select(Document.id, Document.code))}
    problems += [
        f"{f.code}: {ITEM_LABELS['document_code']}: there is no document '{f.document_code}'."
        for f in [*created, *(f for _, f in updated)]
        if f.document_code and people.key(f.document_code) not in documents
    ]
    if problems:
        raise ValidationError(problems)
    current = {r.id: r.fields() for r in all_items(session, ids=[i for i, _ in updated])}
    for item_id, f in updated:
        if f.max_level < current[item_id].max_level:
            _check_levels_fit(session, item_id, f.max_level)
    now = utcnow()
    first = (session.scalar(select(func.max(TrainingItem.id))) or 0) + 1
    new_ids = list(range(first, first + len(created)))

    def values(f: ItemFields) -> dict[str, object]:
        return {
            "code": f.code,
            "title": f.title,
            "category": f.category,
            "delivery": f.delivery,
            "validity_months": f.validity_months,
            "document_id": documents[people.key(f.document_code)] if f.document_code else None,
            "max_level": f.max_level,
            "description": f.description,
            "archived": f.archived,
            "updated_at": now,
        }

    insert_many(
        session,
        TrainingItem.__table__,  # type: ignore[arg-type]
        [{"id": i, **values(f), "created_at": now} for i, f in zip(new_ids, created, strict=True)],
    )
    entries = [
        history.Entry(ITEM_ENTITY, i, f.code, action, (history.Change("Title", "", f.title),))
        for i, f in zip(new_ids, created, strict=True)
    ]
    rows = []
    for item_id, f in updated:
        changes = _item_changes(current[item_id], f)
        if changes:
            rows.append({"id": item_id, **values(f)})
            entries.append(history.Entry(ITEM_ENTITY, item_id, f.code, action, tuple(changes)))
    if rows:
        session.execute(update(TrainingItem), rows)
    if entries:
        history.record_many(session, user, entries)
    return new_ids


@functools.cache
def catalogue() -> tuple[ItemFields, ...]:
    """The starter catalogue shipped with the app (qmsdesk/core/catalogue/training_items.tsv)."""
    path = CATALOGUE_DIR / "training_items.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        found = []
        for row in csv.DictReader(handle, delimiter="\t"):
            f, problems = item_fields_from_values(row)
            assert f is not None, problems
            found.append(f)
        return tuple(found)


def add_catalogue(session: Session, user: str) -> list[str]:
    """Add the starter catalogue's items whose codes are not taken yet; returns the codes added."""
    taken = ids_by_item_code(session)
    wanted = [f for f in catalogue() if people.key(f.code) not in taken]
    save_items_many(session, wanted, [], user, action="catalogue")
    return [f.code for f in wanted]


def item_history(session: Session, item_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, ITEM_ENTITY, item_id)


# --- requirements ----------------------------------------------------------------------------


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
    return dict(raw_rows(session, stmt))  # type: ignore[arg-type]


def _item_for_requirement(session: Session, item_id: int, level: int) -> TrainingItem:
    item = session.get(TrainingItem, item_id)
    if item is None:
        raise NotFoundError(f"Training item {item_id} does not exist.")
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
    role = session.get(JobRole, role_id)
    if role is None:
        raise NotFoundError(f"Job role {role_id} does not exist.")
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
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"Person {person_id} does not exist.")
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
        for _, item_id, level, *_ in [*role_levels, *person_levels]
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


# --- training records ------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordFields:
    """One training given to one person (or, when recording a session, to each attendee)."""

    trained_on: dt.date
    level: int = 1
    trainer: str = ""
    hours: float | None = None
    result: str = ""
    document_revision: str = ""  # "" for a linked item: the revision in force that day
    effectiveness_method: str = ""
    effectiveness_date: dt.date | None = None
    effectiveness_by: str = ""
    effectiveness_outcome: str = ""
    note: str = ""
    # Set by the services when a file is attached (or by an import, which names stored files).
    attachment_name: str = ""
    attachment_sha256: str = ""


RECORD_FIELDS = tuple(f.name for f in fields(RecordFields))
_RECORD_TEXT_FIELDS = tuple(
    n for n in RECORD_FIELDS if n not in ("trained_on", "level", "hours", "effectiveness_date")
)
_SHA256 = re.compile(r"[0-9a-f]{64}")


def record_fields_from_values(
    values: Mapping[str, object], max_level: int = LEVEL_MAX, on: dt.date | None = None
) -> tuple[RecordFields | None, list[FieldProblem]]:
    """Parse raw values into a record's fields (level checked against the item's scale)."""
    problems: list[FieldProblem] = []
    parsed: dict[str, object] = {}
    for name in RECORD_FIELDS:
        if name not in values:
            continue
        raw = values[name]
        try:
            if name in ("trained_on", "effectiveness_date"):
                parsed[name] = parse_date(raw)
            elif name == "level":
                parsed[name] = parse_level(raw, max_level)
            elif name == "hours":
                parsed[name] = parse_hours(raw)
            elif name in ("note", "effectiveness_outcome"):
                parsed[name] = clean(raw)
            elif name == "attachment_sha256":
                parsed[name] = clean(raw).lower()
            else:
                parsed[name] = " ".join(clean(raw).split())
        except ValueError as exc:
            problems.append(FieldProblem(name, str(exc)))
    if parsed.get("trained_on") is None and not any(p.field == "trained_on" for p in problems):
        problems.append(FieldProblem("trained_on", "The date of the training is required."))
    if problems:
        return None, problems
    result = RecordFields(**parsed)  # type: ignore[arg-type]
    return _or_none(result, check_record(result, max_level, on))


def _or_none(
    f: RecordFields, problems: list[FieldProblem]
) -> tuple[RecordFields | None, list[FieldProblem]]:
    return (None if problems else f), problems


def check_record(
    f: RecordFields, max_level: int = LEVEL_MAX, on: dt.date | None = None
) -> list[FieldProblem]:
    """Rules a record's fields obey together. `on` is today (a date after it is refused)."""
    on = on or today()
    problems = []
    if f.trained_on > on:
        problems.append(
            FieldProblem(
                "trained_on",
                f"{f.trained_on.isoformat()} is in the future; record training once it has "
                "taken place.",
            )
        )
    if not 1 <= f.level <= max_level:
        problems.append(
            FieldProblem(
                "level",
                f"Level {f.level} is outside the scale of this item (1 to {max_level}: "
                f"{scale_text(max_level)}).",
            )
        )
    if f.hours is not None and not 0 <= f.hours <= HOURS_MAX:
        problems.append(FieldProblem("hours", f"The hours must be between 0 and {HOURS_MAX:g}."))
    for name, limit in RECORD_MAX_LENGTHS.items():
        text = getattr(f, name)
        if len(text) > limit:
            problems.append(FieldProblem(name, _too_long(text, limit)))
    if f.effectiveness_date is not None:
        if f.effectiveness_date < f.trained_on:
            problems.append(
                FieldProblem(
                    "effectiveness_date",
                    "The effectiveness check cannot come before the training.",
                )
            )
        elif f.effectiveness_date > on:
            problems.append(
                FieldProblem(
                    "effectiveness_date",
                    f"{f.effectiveness_date.isoformat()} is in the future; record the check once "
                    "it has been done.",
                )
            )
    if f.attachment_sha256 and not _SHA256.fullmatch(f.attachment_sha256):
        problems.append(
            FieldProblem(
                "attachment_sha256",
                "A SHA-256 checksum is 64 characters, digits 0-9 and letters a-f.",
            )
        )
    if bool(f.attachment_sha256) != bool(f.attachment_name):
        problems.append(
            FieldProblem(
                "attachment_name" if f.attachment_sha256 else "attachment_sha256",
                "Evidence needs both its file name and its SHA-256 checksum.",
            )
        )
    return problems


@dataclass(frozen=True)
class RecordRow:
    """A training record as lists and reports show it."""

    id: int
    person_id: int
    employee_no: str
    person_name: str
    item_id: int
    item_code: str
    item_title: str
    trained_on: dt.date
    level: int
    trainer: str
    hours: float | None
    result: str
    document_revision: str
    effectiveness_method: str
    effectiveness_date: dt.date | None
    effectiveness_by: str
    effectiveness_outcome: str
    note: str
    attachment_name: str
    attachment_path: str
    attachment_sha256: str

    def fields(self) -> RecordFields:
        return RecordFields(**{n: getattr(self, n) for n in RECORD_FIELDS})


_RECORD_COLUMNS = (
    TrainingRecord.id,
    TrainingRecord.person_id,
    Person.employee_no,
    Person.name,
    TrainingRecord.item_id,
    TrainingItem.code,
    TrainingItem.title,
    TrainingRecord.trained_on,
    TrainingRecord.level,
    TrainingRecord.trainer,
    TrainingRecord.hours,
    TrainingRecord.result,
    TrainingRecord.document_revision,
    TrainingRecord.effectiveness_method,
    TrainingRecord.effectiveness_date,
    TrainingRecord.effectiveness_by,
    TrainingRecord.effectiveness_outcome,
    TrainingRecord.note,
    TrainingRecord.attachment_name,
    TrainingRecord.attachment_path,
    TrainingRecord.attachment_sha256,
)


def record_rows(
    session: Session,
    *,
    person_id: int | None = None,
    item_id: int | None = None,
    ids: Sequence[int] | None = None,
) -> list[RecordRow]:
    """Records, newest first (then by name and item code)."""
    stmt = (
        select(*_RECORD_COLUMNS)
        .join(Person, Person.id == TrainingRecord.person_id)
        .join(TrainingItem, TrainingItem.id == TrainingRecord.item_id)
        .order_by(TrainingRecord.trained_on.desc(), Person.name, TrainingItem.code)
    )
    if person_id is not None:
        stmt = stmt.where(TrainingRecord.person_id == person_id)
    if item_id is not None:
        stmt = stmt.where(TrainingRecord.item_id == item_id)
    if ids is not None:
        stmt = stmt.where(TrainingRecord.id.in_(list(ids)))
    out = []
    for r in raw_rows(session, stmt):
        values = list(r)
        values[7] = dt.date.fromisoformat(values[7])
        values[14] = None if values[14] is None else dt.date.fromisoformat(values[14])
        out.append(RecordRow(*values))
    return out


def get_record(session: Session, record_id: int) -> RecordRow:
    found = record_rows(session, ids=[record_id])
    if not found:
        raise NotFoundError(f"Training record {record_id} does not exist.")
    return found[0]


class RevisionLookup:
    """Which revision of a linked document was in force on a day, for many records at once."""

    def __init__(self, session: Session, document_ids: Iterable[int]) -> None:
        wanted = sorted({d for d in document_ids if d is not None})
        self._by_doc: dict[int, list[tuple[str, str]]] = {}
        self._current: dict[int, str] = {}
        if not wanted:
            return
        stmt = (
            select(Revision.document_id, Revision.effective_date, Revision.label)
            .where(
                Revision.document_id.in_(wanted),
                Revision.status != RevisionStatus.DRAFT,
                Revision.effective_date.is_not(None),
            )
            .order_by(Revision.document_id, Revision.effective_date, Revision.id)
        )
        for doc_id, day, label in raw_rows(session, stmt):
            self._by_doc.setdefault(doc_id, []).append((day, label))
        stmt2 = select(Document.id, Document.revision, Document.effective_date).where(
            Document.id.in_(wanted)
        )
        for doc_id, label, day in raw_rows(session, stmt2):
            self._current[doc_id] = label
            if label and day and all(lbl != label for _, lbl in self._by_doc.get(doc_id, [])):
                # A revision entered in the register without a revision record.
                self._by_doc.setdefault(doc_id, []).append((day, label))
                self._by_doc[doc_id].sort()

    def on(self, document_id: int | None, day: dt.date) -> str:
        if document_id is None:
            return ""
        iso = day.isoformat()
        label = ""
        for effective, rev in self._by_doc.get(document_id, []):
            if effective <= iso:
                label = rev
        return label


def _person_problems(session: Session, person_ids: Sequence[int], day: dt.date) -> list[str]:
    rows = {p.id: p for p in people.all_people(session, ids=person_ids)}
    problems = []
    for pid in person_ids:
        person = rows.get(pid)
        if person is None:
            problems.append(f"Person {pid} does not exist.")
        elif person.leaving_date is not None and person.leaving_date < day:
            problems.append(
                f"{person.name} left on {person.leaving_date.isoformat()}, before this training."
            )
    return problems


def record_training(
    session: Session,
    person_ids: Sequence[int],
    item_id: int,
    f: RecordFields,
    user: str,
    *,
    evidence: Path | None = None,
    attachments_dir: Path | None = None,
    on: dt.date | None = None,
) -> list[int]:
    """Record one training session for every attendee; returns the new record ids.

    The evidence file (an attendance sheet, a certificate) is stored once and shared by the
    attendees' records. A linked document's revision defaults to the one in force that day.
    """
    item = session.get(TrainingItem, item_id)
    if item is None:
        raise NotFoundError(f"Training item {item_id} does not exist.")
    if not person_ids:
        raise ValidationError("Choose at least one person who attended.")
    if len(set(person_ids)) != len(person_ids):
        raise ValidationError("The same person is listed twice among the attendees.")
    problems = [
        f"{RECORD_LABELS.get(p.field, p.field)}: {p.message}"
        for p in check_record(f, item.max_level, on)
    ]
    if item.archived:
        problems.append(f"{item.code} is archived; bring it back before recording training in it.")
    problems += _person_problems(session, person_ids, f.trained_on)
    if problems:
        raise ValidationError(problems)
    if evidence is not None:
        if attachments_dir is None:
            raise ValueError("attachments_dir is needed to attach a file")
        stored = attachments.store(evidence, attachments_dir)
        f = replace(f, attachment_name=stored.name, attachment_sha256=stored.sha256)
        path = stored.relpath
    else:
        path = stored_path(f.attachment_name, f.attachment_sha256)
    if item.document_id is not None and not f.document_revision:
        f = replace(
            f,
            document_revision=RevisionLookup(session, [item.document_id]).on(
                item.document_id, f.trained_on
            ),
        )
    return _insert_records(
        session, [(pid, item_id, f, path) for pid in person_ids], user, action="record"
    )


def stored_path(name: str, sha256: str) -> str:
    """Where attachments.store keeps a file: named by its checksum, with its suffix if safe."""
    if not sha256:
        return ""
    suffix = Path(name).suffix
    suffix = suffix.lower() if re.fullmatch(r"\.[A-Za-z0-9]{1,10}", suffix) else ""
    return f"{sha256[:2]}/{sha256}{suffix}"


def _record_ref(number: str, code: str, day: dt.date) -> str:
    return f"{number} {code} {day.isoformat()}"[:80]


def _insert_records(
    session: Session,
    items: Sequence[tuple[int, int, RecordFields, str]],
    user: str,
    action: str,
) -> list[int]:
    if not items:
        return []
    now = utcnow()
    first = (session.scalar(select(func.max(TrainingRecord.id))) or 0) + 1
    ids = list(range(first, first + len(items)))
    rows = []
    for rid, (pid, iid, f, path) in zip(ids, items, strict=True):
        row = {n: getattr(f, n) for n in RECORD_FIELDS}
        row.update(id=rid, person_id=pid, item_id=iid, attachment_path=path, created_at=now)
        rows.append(row)
    insert_many(session, TrainingRecord.__table__, rows)  # type: ignore[arg-type]
    numbers = dict(
        raw_rows(
            session,
            select(Person.id, Person.employee_no).where(
                Person.id.in_(sorted({p for p, *_ in items}))
            ),
        )
    )
    codes = dict(
        raw_rows(
            session,
            select(TrainingItem.id, TrainingItem.code).where(
                TrainingItem.id.in_(sorted({i for _, i, *_ in items}))
            ),
        )
    )
    history.record_many(
        session,
        user,
        (
            history.Entry(
                RECORD_ENTITY,
                rid,
                _record_ref(numbers[pid], codes[iid], f.trained_on),
                action,
                (
                    history.Change(
                        "Trained", "", f"{codes[iid]} level {f.level} on {f.trained_on}"
                    ),
                    *(
                        [
                            history.Change(
                                "Evidence",
                                "",
                                f"{f.attachment_name} (SHA-256 {f.attachment_sha256})",
                            )
                        ]
                        if f.attachment_sha256
                        else []
                    ),
                ),
            )
            for rid, (pid, iid, f, _path) in zip(ids, items, strict=True)
        ),
    )
    return ids


def insert_records(
    session: Session,
    items: Sequence[tuple[int, int, RecordFields]],
    user: str,
    action: str = "import",
    on: dt.date | None = None,
) -> list[int]:
    """Record many trainings at once (an import): (person id, item id, fields) each."""
    max_levels = dict(raw_rows(session, select(TrainingItem.id, TrainingItem.max_level)))
    problems = []
    for _pid, iid, f in items:
        if iid not in max_levels:
            problems.append(f"Training item {iid} does not exist.")
            continue
        problems += [
            f"{RECORD_LABELS.get(p.field, p.field)}: {p.message}"
            for p in check_record(f, max_levels[iid], on)
        ]
    left = {
        pid: (name, dt.date.fromisoformat(day))
        for pid, name, day in raw_rows(
            session,
            select(Person.id, Person.name, Person.leaving_date).where(
                Person.leaving_date.is_not(None)
            ),
        )
    }
    problems += [
        f"{left[pid][0]} left on {left[pid][1].isoformat()}, before the training of "
        f"{f.trained_on.isoformat()}."
        for pid, _iid, f in items
        if pid in left and f.trained_on > left[pid][1]
    ]
    if problems:
        raise ValidationError(problems)
    linked = dict(
        raw_rows(
            session,
            select(TrainingItem.id, TrainingItem.document_id).where(
                TrainingItem.document_id.is_not(None)
            ),
        )
    )
    lookup = RevisionLookup(session, linked.values())
    prepared = []
    for pid, iid, f in items:
        if iid in linked and not f.document_revision:
            f = replace(f, document_revision=lookup.on(linked[iid], f.trained_on))
        prepared.append((pid, iid, f, stored_path(f.attachment_name, f.attachment_sha256)))
    return _insert_records(session, prepared, user, action)


def _record_changes(old: RecordFields, new: RecordFields) -> list[history.Change]:
    return [
        history.Change(
            RECORD_LABELS[n], history.as_text(getattr(old, n)), history.as_text(getattr(new, n))
        )
        for n in RECORD_FIELDS
        if getattr(old, n) != getattr(new, n)
    ]


def update_record(
    session: Session,
    record_id: int,
    f: RecordFields,
    user: str,
    *,
    evidence: Path | None = None,
    attachments_dir: Path | None = None,
    on: dt.date | None = None,
) -> list[str]:
    """Correct a record or add its effectiveness check; returns the labels of changed fields."""
    return update_records_many(
        session,
        [(record_id, f)],
        user,
        action="edit",
        evidence=evidence,
        attachments_dir=attachments_dir,
        on=on,
    )


def update_records_many(
    session: Session,
    items: Sequence[tuple[int, RecordFields]],
    user: str,
    action: str = "import",
    *,
    evidence: Path | None = None,
    attachments_dir: Path | None = None,
    on: dt.date | None = None,
) -> list[str]:
    """Apply edited fields to many records; returns the labels of the fields that changed."""
    current = {r.id: r for r in record_rows(session, ids=[i for i, _ in items])}
    missing = [i for i, _ in items if i not in current]
    if missing:
        raise NotFoundError(f"Training record {missing[0]} does not exist.")
    max_levels = dict(raw_rows(session, select(TrainingItem.id, TrainingItem.max_level)))
    stored = None
    if evidence is not None:
        if attachments_dir is None:
            raise ValueError("attachments_dir is needed to attach a file")
        stored = attachments.store(evidence, attachments_dir)
        items = [
            (i, replace(f, attachment_name=stored.name, attachment_sha256=stored.sha256))
            for i, f in items
        ]
    problems = [
        f"{RECORD_LABELS.get(p.field, p.field)}: {p.message}"
        for rid, f in items
        for p in check_record(f, max_levels[current[rid].item_id], on)
    ]
    if problems:
        raise ValidationError(problems)
    rows, entries, labels = [], [], []
    for rid, f in items:
        row = current[rid]
        changes = _record_changes(row.fields(), f)
        if not changes:
            continue
        values = {n: getattr(f, n) for n in RECORD_FIELDS}
        values["attachment_path"] = (
            stored.relpath if stored else stored_path(f.attachment_name, f.attachment_sha256)
        )
        rows.append({"id": rid, **values})
        entries.append(
            history.Entry(
                RECORD_ENTITY,
                rid,
                _record_ref(row.employee_no, row.item_code, f.trained_on),
                action,
                tuple(changes),
            )
        )
        labels += [c.field for c in changes if c.field not in labels]
    if rows:
        session.execute(update(TrainingRecord), rows)
        history.record_many(session, user, entries)
    return labels


def delete_record(session: Session, record_id: int, user: str) -> None:
    """Delete a record entered by mistake (the change history keeps what it said)."""
    row = get_record(session, record_id)
    history.record(
        session,
        user=user,
        entity=RECORD_ENTITY,
        entity_id=record_id,
        ref=_record_ref(row.employee_no, row.item_code, row.trained_on),
        action="delete",
        changes=[
            history.Change("Trained", f"{row.item_code} level {row.level} on {row.trained_on}", "")
        ],
    )
    session.execute(delete(TrainingRecord).where(TrainingRecord.id == record_id))


def record_history(session: Session, record_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, RECORD_ENTITY, record_id)


# --- settings --------------------------------------------------------------------------------


def expiring_window(session: Session) -> int:
    """Days before expiry from which training shows as expiring soon (a company setting)."""
    return company.get_int(session, EXPIRING_DAYS_KEY, EXPIRING_DAYS_DEFAULT)


def set_expiring_window(session: Session, days: int) -> None:
    company.set_int(
        session, EXPIRING_DAYS_KEY, days, 1, EXPIRING_DAYS_MAX, "Expiring soon window (days)"
    )


# --- the matrix ------------------------------------------------------------------------------


class CellStatus(IntEnum):
    NOT_REQUIRED = 0
    MISSING = 1  # required, never done
    VALID = 2
    EXPIRING = 3
    EXPIRED = 4
    LEVEL_LOW = 5
    RETRAIN = 6  # the linked document has a newer effective revision


STATUS_LABELS: dict[CellStatus, str] = {
    CellStatus.NOT_REQUIRED: "Not required",
    CellStatus.MISSING: "Required, never done",
    CellStatus.VALID: "Valid",
    CellStatus.EXPIRING: "Expiring soon",
    CellStatus.EXPIRED: "Expired",
    CellStatus.LEVEL_LOW: "Level below the required level",
    CellStatus.RETRAIN: "Retrain: the document has a newer revision",
}
#: Short labels for narrow columns (lists and reports).
STATUS_SHORT: dict[CellStatus, str] = {
    CellStatus.NOT_REQUIRED: "Not required",
    CellStatus.MISSING: "Never done",
    CellStatus.VALID: "Valid",
    CellStatus.EXPIRING: "Expiring soon",
    CellStatus.EXPIRED: "Expired",
    CellStatus.LEVEL_LOW: "Level too low",
    CellStatus.RETRAIN: "New revision",
}
#: Short text shown in every cell with its colour, so that status never depends on colour alone.
STATUS_CODES: dict[CellStatus, str] = {
    CellStatus.NOT_REQUIRED: "",
    CellStatus.MISSING: "TODO",
    CellStatus.VALID: "OK",
    CellStatus.EXPIRING: "DUE",
    CellStatus.EXPIRED: "EXP",
    CellStatus.LEVEL_LOW: "LOW",
    CellStatus.RETRAIN: "REV",
}
#: Cell colours (background, text) as RRGGBB, shared by the screen, Excel and PDF.
STATUS_COLOURS: dict[CellStatus, tuple[str, str]] = {
    CellStatus.NOT_REQUIRED: ("FFFFFF", "808080"),
    CellStatus.MISSING: ("F8CBAD", "843C0C"),
    CellStatus.VALID: ("C6EFCE", "006100"),
    CellStatus.EXPIRING: ("FFEB9C", "7F6000"),
    CellStatus.EXPIRED: ("FFC7CE", "9C0006"),
    CellStatus.LEVEL_LOW: ("BDD7EE", "1F4E78"),
    CellStatus.RETRAIN: ("D9C3E9", "5B2C83"),
}
#: Statuses that count as compliant: the person holds valid training at the required level.
COMPLIANT = frozenset({CellStatus.VALID, CellStatus.EXPIRING})
#: Statuses the due list shows by default.
DUE_STATUSES = frozenset({CellStatus.EXPIRED, CellStatus.EXPIRING, CellStatus.RETRAIN})
_STATUS_BY_WORD = {
    **{fold(label): s for s, label in STATUS_LABELS.items()},
    **{fold(code): s for s, code in STATUS_CODES.items() if code},
    **{s.name.lower(): s for s in CellStatus},
}


def parse_status(text: str) -> CellStatus:
    status = _STATUS_BY_WORD.get(fold(text.strip()).replace("_", " ")) or _STATUS_BY_WORD.get(
        fold(text.strip())
    )
    if status is None:
        allowed = ", ".join(STATUS_CODES[s] or STATUS_LABELS[s] for s in CellStatus)
        raise ValueError(f"'{text}' is not a matrix status. Use one of: {allowed}.")
    return status


@dataclass(frozen=True)
class MatrixPerson:
    id: int
    employee_no: str
    name: str
    department: str
    roles: tuple[str, ...]
    start_date: dt.date | None


@dataclass(frozen=True)
class MatrixItem:
    id: int
    code: str
    title: str
    category: str
    validity_months: int | None
    max_level: int
    document_id: int | None
    document_code: str
    document_revision: str  # the linked document's current effective revision
    document_effective: dt.date | None


@dataclass(frozen=True)
class Latest:
    """The latest record of a person in an item (the highest level on the latest day)."""

    trained_on: dt.date
    level: int
    document_revision: str


@dataclass(frozen=True)
class CellInfo:
    status: CellStatus
    required_level: int | None
    latest: Latest | None
    expires: dt.date | None


@dataclass(frozen=True)
class MatrixQuery:
    """What the matrix shows. Empty sets mean everything."""

    departments: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    statuses: frozenset[CellStatus] = frozenset()
    include_left: bool = False
    include_archived: bool = False
    person_ids: frozenset[int] | None = None
    item_ids: frozenset[int] | None = None


@dataclass
class Matrix:
    """People down, items across, and the status of every cell.

    ``status[row][col]`` is a :class:`CellStatus` value; rows and columns are positions in
    ``people`` and ``items``. Requirements are kept per person, latest records by
    :func:`pair_key`, for the details of a cell.
    """

    on: dt.date
    window_days: int
    people: list[MatrixPerson]
    items: list[MatrixItem]
    status: list[bytearray]
    # person id -> {item id: required level} (people in one role share their role's dict).
    required: dict[int, dict[int, int]]
    # pair_key(person id, item id) -> ISO day, level digit and document revision of the latest
    # record, as one text ("2026-03-0131" is 1 March 2026, level 3, revision "1"): 120,000 of
    # them come straight from SQLite without a tuple each.
    records: dict[int, str]
    _person_rows: dict[int, int] = field(default_factory=dict, repr=False)
    _item_cols: dict[int, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._person_rows = {p.id: r for r, p in enumerate(self.people)}
        self._item_cols = {i.id: c for c, i in enumerate(self.items)}

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.people), len(self.items)

    def row_of(self, person_id: int) -> int | None:
        return self._person_rows.get(person_id)

    def col_of(self, item_id: int) -> int | None:
        return self._item_cols.get(item_id)

    def cell(self, row: int, col: int) -> CellInfo:
        person, item = self.people[row], self.items[col]
        latest = self.latest(person.id, item.id)
        expires = None
        if latest is not None and item.validity_months is not None:
            expires = add_months(latest.trained_on, item.validity_months)
        return CellInfo(
            CellStatus(self.status[row][col]),
            self.required.get(person.id, {}).get(item.id),
            latest,
            expires,
        )

    def latest(self, person_id: int, item_id: int) -> Latest | None:
        found = self.records.get(pair_key(person_id, item_id))
        if found is None:
            return None
        return Latest(dt.date.fromisoformat(found[:10]), int(found[10]), found[11:])

    def level_of(self, person_id: int, item_id: int) -> int | None:
        """The level of the latest record (None: never trained)."""
        found = self.records.get(pair_key(person_id, item_id))
        return None if found is None else int(found[10])

    def person_compliance(self, row: int) -> tuple[int, int]:
        """(compliant cells, required cells) of one person."""
        cells = self.status[row]
        required = len(cells) - cells.count(0)
        ok = cells.count(CellStatus.VALID) + cells.count(CellStatus.EXPIRING)
        return ok, required

    def item_compliance(self, col: int) -> tuple[int, int]:
        ok = required = 0
        for cells in self.status:
            value = cells[col]
            if value:
                required += 1
                if value == CellStatus.VALID or value == CellStatus.EXPIRING:
                    ok += 1
        return ok, required

    def item_compliances(self) -> list[tuple[int, int]]:
        """(compliant, required) of every column, in one pass over the grid."""
        ok = [0] * len(self.items)
        required = [0] * len(self.items)
        valid, expiring = CellStatus.VALID, CellStatus.EXPIRING
        for cells in self.status:
            for col, value in enumerate(cells):
                if value:
                    required[col] += 1
                    if value in (valid, expiring):
                        ok[col] += 1
        return list(zip(ok, required, strict=True))

    def totals(self) -> dict[CellStatus, int]:
        counts = dict.fromkeys(CellStatus, 0)
        for cells in self.status:
            for status in CellStatus:
                counts[status] += cells.count(status)
        return counts

    def compliance(self) -> tuple[int, int]:
        totals = self.totals()
        required = sum(v for s, v in totals.items() if s != CellStatus.NOT_REQUIRED)
        return totals[CellStatus.VALID] + totals[CellStatus.EXPIRING], required

    def subset(self, rows: Sequence[int], cols: Sequence[int]) -> Matrix:
        """The same matrix narrowed to some rows and columns (no database access)."""
        if len(cols) == len(self.items):
            status = [self.status[r] for r in rows]
        else:
            status = [bytearray(self.status[r][c] for c in cols) for r in rows]
        return Matrix(
            self.on,
            self.window_days,
            [self.people[r] for r in rows],
            [self.items[c] for c in cols],
            status,
            self.required,
            self.records,
        )

    def filtered(self, query: MatrixQuery) -> Matrix:
        """Narrow by department, role, category and status in memory."""
        rows = [
            r
            for r, p in enumerate(self.people)
            if (not query.departments or p.department in query.departments)
            and (not query.roles or set(p.roles) & query.roles)
            and (query.person_ids is None or p.id in query.person_ids)
        ]
        cols = [
            c
            for c, i in enumerate(self.items)
            if (not query.categories or i.category in query.categories)
            and (query.item_ids is None or i.id in query.item_ids)
        ]
        if query.statuses:
            wanted = {int(s) for s in query.statuses}
            rows = [r for r in rows if any(self.status[r][c] in wanted for c in cols)]
            cols = [c for c in cols if any(self.status[r][c] in wanted for r in rows)]
        return self.subset(rows, cols)


def pair_key(person_id: int, item_id: int) -> int:
    """One int for a person and an item (item ids stay below 2**20, a million items)."""
    return person_id << 20 | item_id


def percent(ok: int, required: int) -> str:
    """'83%', or '-' when nothing is required."""
    if not required:
        return "-"
    return f"{100 * ok // required}%" if ok < required else "100%"


def _first_day_reaching(target: dt.date, months: int) -> dt.date:
    """The earliest day t with add_months(t, months) >= target (add_months never decreases)."""
    day = add_months(target, -months)
    while add_months(day - dt.timedelta(days=1), months) >= target:
        day -= dt.timedelta(days=1)
    while add_months(day, months) < target:
        day += dt.timedelta(days=1)
    return day


def compute_matrix(
    session: Session,
    query: MatrixQuery = MatrixQuery(),
    on: dt.date | None = None,
    window_days: int | None = None,
) -> Matrix:
    """Work out the status of every cell in one pass; never a query per cell."""
    on = on or today()
    window = expiring_window(session) if window_days is None else window_days
    person_stmt = select(
        Person.id, Person.employee_no, Person.name, Person.department, Person.start_date
    )
    if not query.include_left:
        person_stmt = person_stmt.where(
            (Person.leaving_date.is_(None)) | (Person.leaving_date > on)
        )
    if query.person_ids is not None:
        person_stmt = person_stmt.where(Person.id.in_(sorted(query.person_ids)))
    roles = people.roles_by_person(session)
    persons = [
        MatrixPerson(pid, number, name, department, roles.get(pid, ()), _iso(start))
        for pid, number, name, department, start in raw_rows(session, person_stmt)
    ]
    persons.sort(key=lambda p: (fold(p.department), fold(p.name), fold(p.employee_no)))
    item_stmt = select(
        TrainingItem.id,
        TrainingItem.code,
        TrainingItem.title,
        TrainingItem.category,
        TrainingItem.validity_months,
        TrainingItem.max_level,
        TrainingItem.document_id,
        func.coalesce(Document.code, ""),
        func.coalesce(Document.revision, ""),
        Document.effective_date,
        Document.status,
    ).outerjoin(Document, Document.id == TrainingItem.document_id)
    if not query.include_archived:
        item_stmt = item_stmt.where(TrainingItem.archived.is_(False))
    if query.item_ids is not None:
        item_stmt = item_stmt.where(TrainingItem.id.in_(sorted(query.item_ids)))
    items = []
    for iid, code, title, category, months, top, doc_id, doc_code, rev, eff, doc_status in raw_rows(
        session, item_stmt
    ):
        in_force = doc_status == DocStatus.EFFECTIVE.value and bool(rev)
        items.append(
            MatrixItem(
                iid,
                code,
                title,
                category,
                months,
                top,
                doc_id,
                doc_code,
                rev if in_force else "",
                _iso(eff) if in_force else None,
            )
        )
    items.sort(key=lambda i: (fold(i.category), fold(i.code)))

    required = _requirements(session)
    records = _latest_records(session)

    item_cols = {i.id: c for c, i in enumerate(items)}
    # Per item: training on or after `expired_from` is still valid today; on or after
    # `expiring_from` it is valid beyond the warning window (ISO dates compare as text).
    expired_from: list[str | None] = []
    expiring_from: list[str | None] = []
    for item in items:
        if item.validity_months is None:
            expired_from.append(None)
            expiring_from.append(None)
        else:
            expired_from.append(_first_day_reaching(on, item.validity_months).isoformat())
            expiring_from.append(
                _first_day_reaching(
                    on + dt.timedelta(days=window + 1), item.validity_months
                ).isoformat()
            )
    current_rev = [fold(i.document_revision) if i.document_revision else None for i in items]
    current_from = [i.document_effective.isoformat() if i.document_effective else "" for i in items]

    status = [bytearray(len(items)) for _ in persons]
    MISSING, VALID, EXPIRING, EXPIRED, LOW, RETRAIN = (
        CellStatus.MISSING,
        CellStatus.VALID,
        CellStatus.EXPIRING,
        CellStatus.EXPIRED,
        CellStatus.LEVEL_LOW,
        CellStatus.RETRAIN,
    )
    for row, person in enumerate(persons):
        needs = required.get(person.id)
        if not needs:
            continue
        cells = status[row]
        base = person.id << 20
        for iid, need in needs.items():
            col = item_cols.get(iid)
            if col is None:
                continue
            rec = records.get(base | iid)
            if rec is None:
                cells[col] = MISSING
                continue
            day = rec[:10]
            limit = expired_from[col]
            if limit is not None and day < limit:
                cells[col] = EXPIRED
            elif int(rec[10]) < need:
                cells[col] = LOW
            elif current_rev[col] is not None and (
                (fold(rec[11:]) != current_rev[col]) if len(rec) > 11 else day < current_from[col]
            ):
                cells[col] = RETRAIN
            elif limit is not None and day < expiring_from[col]:  # type: ignore[operator]
                cells[col] = EXPIRING
            else:
                cells[col] = VALID
    matrix = Matrix(on, window, persons, items, status, required, records)
    if query.departments or query.roles or query.categories or query.statuses:
        matrix = matrix.filtered(replace(query, person_ids=None, item_ids=None))
    return matrix


def _requirements(session: Session) -> dict[int, dict[int, int]]:
    """person id -> {item id: the highest level any of their roles or their own extras ask}."""
    by_role: dict[int, dict[int, int]] = {}
    stmt = select(RoleRequirement.role_id, RoleRequirement.item_id, RoleRequirement.required_level)
    for role_id, iid, level in raw_rows(session, stmt):
        by_role.setdefault(role_id, {})[iid] = level
    roles: dict[int, list[int]] = {}
    for pid, role_id in raw_rows(session, select(PersonRole.person_id, PersonRole.role_id)):
        if role_id in by_role:
            roles.setdefault(pid, []).append(role_id)
    required: dict[int, dict[int, int]] = {}
    for pid, held in roles.items():
        if len(held) == 1:
            required[pid] = by_role[held[0]]  # shared, never changed
            continue
        merged: dict[int, int] = {}
        for role_id in held:
            for iid, level in by_role[role_id].items():
                if level > merged.get(iid, 0):
                    merged[iid] = level
        required[pid] = merged
    stmt2 = select(
        PersonRequirement.person_id, PersonRequirement.item_id, PersonRequirement.required_level
    )
    for pid, iid, level in raw_rows(session, stmt2):
        own = required.get(pid)
        if own is None or len(roles.get(pid, ())) == 1:
            own = required[pid] = dict(own or {})  # a copy: role dicts are shared
            roles[pid] = []
        if level > own.get(iid, 0):
            own[iid] = level
    return required


def _latest_records(session: Session) -> dict[int, str]:
    """pair_key -> the latest record as "ISO day, level digit, revision" (see Matrix.records).

    One plain scan: the text of a later day (then a higher level) compares greater. Cheaper than
    SQLite's GROUP BY on 120,000 records.
    """
    assert LEVEL_MAX < 10  # one digit
    stmt = select(
        (TrainingRecord.person_id.op("<<")(20)).op("|")(TrainingRecord.item_id),
        type_coerce(TrainingRecord.trained_on, String)
        + cast(TrainingRecord.level, String)
        + TrainingRecord.document_revision,
    )
    latest: dict[int, str] = {}
    get = latest.get
    for key, text in raw_rows(session, stmt):
        held = get(key)
        if held is None or text > held:
            latest[key] = text
    return latest


def _iso(value: object) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


# --- the due list ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DueRow:
    person_id: int
    employee_no: str
    name: str
    department: str
    item_id: int
    item_code: str
    item_title: str
    status: CellStatus
    last_trained: dt.date | None
    level: int | None
    required_level: int
    expires: dt.date | None
    due: dt.date | None  # when it fell or falls due (None: never done, no date)
    reason: str


def due_list(
    session: Session,
    *,
    on: dt.date | None = None,
    statuses: Iterable[CellStatus] = DUE_STATUSES,
    query: MatrixQuery = MatrixQuery(),
    matrix: Matrix | None = None,
) -> list[DueRow]:
    """Training that has expired, expires soon or must be redone after a document revision.

    Sorted by the date it falls due (undated last), then name and item code.
    """
    matrix = matrix or compute_matrix(session, query, on=on)
    wanted = {int(s) for s in statuses}
    rows = []
    for r, person in enumerate(matrix.people):
        cells = matrix.status[r]
        for c, value in enumerate(cells):
            if value not in wanted:
                continue
            item = matrix.items[c]
            info = matrix.cell(r, c)
            latest = info.latest
            status = CellStatus(value)
            due = info.expires
            if status == CellStatus.RETRAIN:
                due = item.document_effective
                reason = (
                    f"{item.document_code} is now at revision {item.document_revision}; "
                    f"trained on {latest.document_revision or 'an earlier revision'}"
                    if latest
                    else ""
                )
            elif status == CellStatus.EXPIRED:
                reason = f"Expired: valid until {info.expires.isoformat()}" if info.expires else ""
            elif status == CellStatus.EXPIRING:
                reason = f"Valid until {info.expires.isoformat()}" if info.expires else ""
            elif status == CellStatus.LEVEL_LOW:
                due = None
                reason = (
                    f"Level {latest.level if latest else '-'} of {info.required_level} required"
                )
            else:
                due = None
                reason = "Never trained"
            rows.append(
                DueRow(
                    person.id,
                    person.employee_no,
                    person.name,
                    person.department,
                    item.id,
                    item.code,
                    item.title,
                    status,
                    latest.trained_on if latest else None,
                    latest.level if latest else None,
                    info.required_level or 0,
                    info.expires,
                    due,
                    reason,
                )
            )
    rows.sort(key=lambda d: (d.due is None, d.due or on or today(), fold(d.name), d.item_code))
    return rows


# --- the transcript --------------------------------------------------------------------------


@dataclass(frozen=True)
class Transcript:
    """A person's training record for an auditor: who they are, what they need, what they did."""

    person: people.PersonRow
    needs: list[tuple[MatrixItem, CellInfo]]
    records: list[RecordRow]
    on: dt.date

    def compliance(self) -> tuple[int, int]:
        required = [c for _, c in self.needs if c.required_level]
        return sum(1 for c in required if c.status in COMPLIANT), len(required)


def transcript(session: Session, person_id: int, on: dt.date | None = None) -> Transcript:
    person = people.get_person(session, person_id)
    matrix = compute_matrix(
        session,
        MatrixQuery(person_ids=frozenset({person_id}), include_left=True, include_archived=True),
        on=on,
    )
    needs = []
    if matrix.people:
        for col, item in enumerate(matrix.items):
            info = matrix.cell(0, col)
            if info.required_level is not None:
                needs.append((item, info))
    return Transcript(person, needs, record_rows(session, person_id=person_id), matrix.on)
