"""Training items (courses, competences, documents to read) and the starter catalogue."""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from qmsdesk.core import history, people
from qmsdesk.core.catalogue import CATALOGUE_DIR
from qmsdesk.core.dates import utcnow
from qmsdesk.core.db.fast import insert_many, raw_rows
from qmsdesk.core.db.models import Document
from qmsdesk.core.db.models_training import (
    LEVEL_MAX,
    PersonRequirement,
    RoleRequirement,
    TrainingItem,
    TrainingRecord,
)
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.service import delete_with_history, ensure_unique, load, missing
from qmsdesk.core.text import clean, fold, plural
from qmsdesk.core.training.parsing import parse_flag, parse_max_level, parse_validity
from qmsdesk.core.training.vocab import (
    ITEM_ENTITY,
    ITEM_LABELS,
    ITEM_MAX_LENGTHS,
    VALIDITY_MAX,
    raise_problems,
    too_long_message,
)


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
            problems.append(FieldProblem(name, too_long_message(text, limit)))
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
    rows = [
        ItemRow(
            iid, code, title, category, delivery, months, doc_id, doc_code, top, text, bool(gone)
        )
        for iid, code, title, category, delivery, months, doc_id, doc_code, top, text, gone in (
            raw_rows(session, stmt)
        )
    ]
    rows.sort(key=lambda r: (fold(r.category), fold(r.code)))
    return rows


def get_item(session: Session, item_id: int) -> ItemRow:
    found = all_items(session, ids=[item_id])
    if not found:
        raise missing("Training item", item_id)
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
    ensure_unique(
        ids_by_item_code(session).get(people.key(code)),
        item_id,
        f"Item code: another training item already has the code '{code}'.",
    )


def create_item(session: Session, f: ItemFields, user: str) -> int:
    raise_problems(check_item(f), ITEM_LABELS)
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
        changes=[history.Change(ITEM_LABELS["title"], "", f.title)],
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
        return validity_text(value if isinstance(value, int) else None)
    if name == "archived":
        return "yes" if value else "no"
    return history.as_text(value)


def update_item(session: Session, item_id: int, f: ItemFields, user: str) -> list[str]:
    """Apply edited fields; returns the labels of the fields that changed."""
    raise_problems(check_item(f), ITEM_LABELS)
    item = load(session, TrainingItem, item_id, "Training item", note="")
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
    item = load(session, TrainingItem, item_id, "Training item", note="")
    records = item_record_count(session, item_id)
    if records:
        raise ValidationError(
            f"{item.code} has {plural(records, 'training record')}, so it cannot be deleted: "
            "archive it "
            "instead. An archived item leaves the matrix and keeps its records."
        )
    delete_with_history(
        session,
        item,
        user=user,
        entity=ITEM_ENTITY,
        entity_id=item.id,
        ref=item.code,
        changes=[history.Change(ITEM_LABELS["title"], item.title, "")],
    )


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
        history.Entry(
            ITEM_ENTITY, i, f.code, action, (history.Change(ITEM_LABELS["title"], "", f.title),)
        )
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
