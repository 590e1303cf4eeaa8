"""Reading and writing the changes register; what falls due (reviews of results) and search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from qmsdesk.core import history
from qmsdesk.core.changes.rules import (
    CHANGE_FIELDS,
    ENTITY,
    FIELD_LABELS,
    PEOPLE,
    REVIEW_MONTHS,
    SCOPE_LABELS,
    STATUS_LABELS,
    ChangeFields,
    check_change,
)
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_changes import ChangeScope, ChangeStatus, PlannedChange
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.due import DueItem
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.finder import Hit
from qmsdesk.core.recordkit import (
    next_reference,
    person_name,
    person_problems,
    raise_problems,
    shown,
    text_match,
    write_fields,
)
from qmsdesk.core.service import delete_with_history, ensure_unique, load, missing
from qmsdesk.core.text import clean, fold

REGISTER = "changes"
C = PlannedChange
_Owner, _Approver, _Reviewer = aliased(Person), aliased(Person), aliased(Person)


@dataclass(frozen=True)
class ChangeRow:
    id: int
    reference: str
    title: str
    scope: ChangeScope
    description: str
    reason: str
    system_impact: str
    product_impact: str
    raised_on: dt.date
    owner_id: int | None
    approved_by_id: int | None
    approved_on: dt.date | None
    actions: str
    implemented_on: dt.date | None
    review_due: dt.date | None
    reviewed_on: dt.date | None
    reviewed_by_id: int | None
    review_result: str
    status: ChangeStatus
    note: str
    owner_name: str
    approved_by_name: str
    reviewed_by_name: str

    def fields(self) -> ChangeFields:
        return ChangeFields(**{n: getattr(self, n) for n in CHANGE_FIELDS})

    def review_overdue(self, on: dt.date) -> bool:
        return (
            self.status == ChangeStatus.IMPLEMENTED
            and self.review_due is not None
            and self.review_due < on
        )


_COLUMNS = (
    C.id,
    C.reference,
    C.title,
    C.scope,
    C.description,
    C.reason,
    C.system_impact,
    C.product_impact,
    C.raised_on,
    C.owner_id,
    C.approved_by_id,
    C.approved_on,
    C.actions,
    C.implemented_on,
    C.review_due,
    C.reviewed_on,
    C.reviewed_by_id,
    C.review_result,
    C.status,
    C.note,
    func.coalesce(_Owner.name, ""),
    func.coalesce(_Approver.name, ""),
    func.coalesce(_Reviewer.name, ""),
)


def _joined(stmt: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    return (
        stmt.outerjoin(_Owner, _Owner.id == C.owner_id)
        .outerjoin(_Approver, _Approver.id == C.approved_by_id)
        .outerjoin(_Reviewer, _Reviewer.id == C.reviewed_by_id)
    )


@dataclass(frozen=True)
class ChangeQuery:
    text: str = ""
    statuses: frozenset[ChangeStatus] = frozenset()
    review_overdue: bool = False


SORT_KEYS: dict[str, Any] = {
    "reference": C.reference,
    "title": func.lower(C.title),
    "scope": C.scope,
    "raised_on": C.raised_on,
    "owner_name": func.lower(_Owner.name),
    "approved_by_name": func.lower(_Approver.name),
    "approved_on": C.approved_on,
    "implemented_on": C.implemented_on,
    "review_due": C.review_due,
    "status": C.status,
}


def _review_overdue(on: dt.date) -> Any:
    return (C.status == ChangeStatus.IMPLEMENTED) & (C.review_due < on)


def query_ids(
    session: Session,
    query: ChangeQuery = ChangeQuery(),
    sort: str = "reference",
    descending: bool = False,
    on: dt.date | None = None,
) -> list[int]:
    order = SORT_KEYS[sort]
    stmt = _joined(select(C.id)).order_by(
        order.is_(None), order.desc() if descending else order.asc(), C.reference
    )
    match = text_match(
        fold(query.text).split(),
        (C.reference, C.title, C.description, C.reason, _Owner.name),
    )
    if match is not None:
        stmt = stmt.where(match)
    if query.statuses:
        stmt = stmt.where(C.status.in_([s.value for s in query.statuses]))
    if query.review_overdue:
        stmt = stmt.where(_review_overdue(on or today()))
    return [r[0] for r in raw_rows(session, stmt)]


def fetch_rows(session: Session, ids: Sequence[int]) -> list[ChangeRow]:
    found: dict[int, ChangeRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        for values in session.execute(_joined(select(*_COLUMNS)).where(C.id.in_(chunk))):
            row = ChangeRow(*values)
            found[row.id] = row
    return [found[i] for i in ids if i in found]


def all_rows(session: Session, query: ChangeQuery = ChangeQuery()) -> list[ChangeRow]:
    return fetch_rows(session, query_ids(session, query))


def get_row(session: Session, change_id: int) -> ChangeRow:
    rows = fetch_rows(session, [change_id])
    if not rows:
        raise missing("Change", change_id)
    return rows[0]


def id_for_reference(session: Session, reference: str) -> int | None:
    return session.scalar(select(C.id).where(C.reference == clean(reference)))


def due_items(session: Session, on: dt.date, days: int) -> list[DueItem]:
    """Changes made whose results are still to be reviewed, by their review date."""
    stmt = _joined(
        select(C.id, C.reference, C.title, C.review_due, func.coalesce(_Owner.name, ""))
    ).where(C.status == ChangeStatus.IMPLEMENTED, C.review_due <= on + dt.timedelta(days=days))
    return [
        DueItem(
            REGISTER,
            "Change review due",
            ref,
            title,
            due if isinstance(due, dt.date) else dt.date.fromisoformat(str(due)),
            cid,
            owner,
        )
        for cid, ref, title, due, owner in raw_rows(session, stmt)
    ]


def find(session: Session, text: str, limit: int) -> list[Hit]:
    stmt = (
        select(C.id, C.reference, C.title)
        .where(
            C.reference.icontains(text, autoescape=True) | C.title.icontains(text, autoescape=True)
        )
        .order_by(C.reference)
        .limit(limit)
    )
    return [Hit(REGISTER, ref, title, cid) for cid, ref, title in raw_rows(session, stmt)]


# --- writing ------------------------------------------------------------------------------------


def _show(session: Session, name: str, value: object) -> str:
    if name in PEOPLE:
        return person_name(session, value)  # type: ignore[arg-type]
    if name == "status":
        return shown(value, STATUS_LABELS)
    if name == "scope":
        return shown(value, SCOPE_LABELS)
    return shown(value)


def _completed(f: ChangeFields, on: dt.date) -> ChangeFields:
    review_due = f.review_due
    if review_due is None and f.implemented_on is not None:
        review_due = add_months(f.implemented_on, REVIEW_MONTHS)
    return replace(f, raised_on=f.raised_on or on, review_due=review_due)


def create_change(session: Session, f: ChangeFields, user: str, on: dt.date | None = None) -> int:
    """Add a change; a change made with no review date is reviewed REVIEW_MONTHS later."""
    on = on or today()
    f = _completed(f, on)
    raise_problems([*check_change(f, on), *person_problems(session, f, PEOPLE)], FIELD_LABELS)
    assert f.raised_on is not None
    reference = f.reference or next_reference(session, C.reference, "CHG", f.raised_on.year)
    ensure_unique(
        id_for_reference(session, reference),
        None,
        f"Reference: another change already has the reference '{reference}'.",
    )
    record = PlannedChange()
    write_fields(session, record, replace(f, reference=reference), FIELD_LABELS, _show)
    session.add(record)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=record.id,
        ref=reference,
        action="create",
        changes=[history.Change("Title", "", f.title)],
    )
    return record.id


def update_change(
    session: Session, change_id: int, f: ChangeFields, user: str, on: dt.date | None = None
) -> list[str]:
    on = on or today()
    record = load(session, PlannedChange, change_id, "Change")
    f = _completed(
        replace(
            f, reference=f.reference or record.reference, raised_on=f.raised_on or record.raised_on
        ),
        on,
    )
    raise_problems([*check_change(f, on), *person_problems(session, f, PEOPLE)], FIELD_LABELS)
    if f.reference.casefold() != record.reference.casefold():
        ensure_unique(
            id_for_reference(session, f.reference),
            record.id,
            f"Reference: another change already has the reference '{f.reference}'.",
        )
    changes = write_fields(session, record, f, FIELD_LABELS, _show)
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=record.id,
            ref=record.reference,
            action="edit",
            changes=changes,
        )
    return [c.field for c in changes]


def save_many(
    session: Session,
    added: Sequence[ChangeFields],
    changed: Sequence[tuple[int, ChangeFields]],
    user: str,
) -> None:
    for f in added:
        create_change(session, f, user)
    for change_id, f in changed:
        update_change(session, change_id, f, user)


def delete_change(session: Session, change_id: int, user: str) -> None:
    """Delete a change proposed by mistake: only while it is proposed."""
    record = load(session, PlannedChange, change_id, "Change")
    if record.status != ChangeStatus.PROPOSED:
        raise ValidationError(
            f"{record.reference} was {STATUS_LABELS[record.status].lower()}, so it stays in "
            "the register."
        )
    delete_with_history(
        session,
        record,
        user=user,
        entity=ENTITY,
        entity_id=record.id,
        ref=record.reference,
        changes=[history.Change("Title", record.title, "")],
    )
