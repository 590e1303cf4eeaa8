"""Reading the feedback register: rows, the table's filters and sorts, what falls due, search
everywhere, and the satisfaction results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select, true
from sqlalchemy.orm import Session, aliased

from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models import Setting
from qmsdesk.core.db.models_actions import Action
from qmsdesk.core.db.models_feedback import Feedback, FeedbackKind, SatisfactionResult, Severity
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.due import DueItem
from qmsdesk.core.feedback.rules import FEEDBACK_FIELDS, SURVEY_FIELDS, FeedbackFields, SurveyFields
from qmsdesk.core.feedback.vocab import KIND_LABELS, SCALE_KEY, parse_scale
from qmsdesk.core.finder import Hit
from qmsdesk.core.service import missing
from qmsdesk.core.text import clean, fold

REGISTER = "feedback"


@dataclass(frozen=True)
class FeedbackRow:
    id: int
    reference: str
    kind: FeedbackKind
    received_on: dt.date
    customer: str
    product: str
    description: str
    severity: Severity | None
    owner_id: int | None
    owner_name: str
    respond_by: dt.date | None
    response: str
    responded_on: dt.date | None
    closed_on: dt.date | None
    action_id: int | None
    action_ref: str
    note: str

    def fields(self) -> FeedbackFields:
        return FeedbackFields(**{n: getattr(self, n) for n in FEEDBACK_FIELDS})

    @property
    def is_open(self) -> bool:
        return self.closed_on is None and self.kind != FeedbackKind.COMPLIMENT

    def overdue(self, on: dt.date) -> bool:
        """Open past the date the customer was promised an answer, with no answer yet."""
        return (
            self.is_open
            and not self.response
            and self.respond_by is not None
            and self.respond_by < on
        )


_Owner = aliased(Person)
_COLUMNS = (
    Feedback.id,
    Feedback.reference,
    Feedback.kind,
    Feedback.received_on,
    Feedback.customer,
    Feedback.product,
    Feedback.description,
    Feedback.severity,
    Feedback.owner_id,
    func.coalesce(_Owner.name, ""),
    Feedback.respond_by,
    Feedback.response,
    Feedback.responded_on,
    Feedback.closed_on,
    Feedback.action_id,
    func.coalesce(Action.reference, ""),
    Feedback.note,
)


def _rows_stmt() -> Select[*tuple[Any, ...]]:
    return (
        select(*_COLUMNS)
        .outerjoin(_Owner, _Owner.id == Feedback.owner_id)
        .outerjoin(Action, Action.id == Feedback.action_id)
    )


@dataclass(frozen=True)
class FeedbackQuery:
    text: str = ""
    kinds: frozenset[FeedbackKind] = frozenset()
    open_only: bool = False
    overdue_only: bool = False
    start: dt.date | None = None
    end: dt.date | None = None


SORT_KEYS: dict[str, Any] = {
    "reference": Feedback.reference,
    "kind": Feedback.kind,
    "received_on": Feedback.received_on,
    "customer": func.lower(Feedback.customer),
    "product": func.lower(Feedback.product),
    "severity": Feedback.severity,
    "owner_name": func.lower(_Owner.name),
    "respond_by": Feedback.respond_by,
    "closed_on": Feedback.closed_on,
    "action_ref": Action.reference,
}


def _overdue(on: dt.date) -> Any:
    return (
        Feedback.closed_on.is_(None)
        & (Feedback.kind != FeedbackKind.COMPLIMENT)
        & (Feedback.response == "")
        & (Feedback.respond_by < on)
    )


_JOINED_SORTS = frozenset({"owner_name", "action_ref"})
_NULLABLE_SORTS = frozenset({"severity", "owner_name", "respond_by", "closed_on", "action_ref"})


def query_ids(
    session: Session,
    query: FeedbackQuery = FeedbackQuery(),
    sort: str = "received_on",
    descending: bool = False,
    on: dt.date | None = None,
) -> list[int]:
    """Ids of the matching records in display order, filtered and sorted by SQL (the people and
    actions are joined only to sort by them)."""
    order = SORT_KEYS[sort]
    words = fold(query.text).split()
    if words:
        # Sorted after the filter, not by walking the sort column's index and reading every row
        # to test the text (measured on 50,000 records: five to ten times quicker).
        order = func.coalesce(order, order)
    stmt = select(Feedback.id)
    if sort in _JOINED_SORTS:
        stmt = stmt.outerjoin(_Owner, _Owner.id == Feedback.owner_id).outerjoin(
            Action, Action.id == Feedback.action_id
        )
    primary = order.desc() if descending else order.asc()
    if sort in _NULLABLE_SORTS:
        stmt = stmt.order_by(order.is_(None), primary, Feedback.id)
    else:
        stmt = stmt.order_by(primary, Feedback.id)
    for word in words:
        stmt = stmt.where(Feedback.search_text.like(f"%{word}%"))
    if query.kinds:
        stmt = stmt.where(Feedback.kind.in_([k.value for k in query.kinds]))
    if query.open_only:
        stmt = stmt.where(Feedback.closed_on.is_(None), Feedback.kind != FeedbackKind.COMPLIMENT)
    if query.overdue_only:
        stmt = stmt.where(_overdue(on or dt.date.today()))
    if query.start is not None:
        stmt = stmt.where(Feedback.received_on >= query.start)
    if query.end is not None:
        stmt = stmt.where(Feedback.received_on <= query.end)
    return [r[0] for r in raw_rows(session, stmt)]


def fetch_rows(session: Session, ids: Sequence[int]) -> list[FeedbackRow]:
    found: dict[int, FeedbackRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        for values in session.execute(_rows_stmt().where(Feedback.id.in_(chunk))):
            row = FeedbackRow(*values)
            found[row.id] = row
    return [found[i] for i in ids if i in found]


def all_rows(session: Session, query: FeedbackQuery = FeedbackQuery()) -> list[FeedbackRow]:
    return fetch_rows(session, query_ids(session, query, sort="reference"))


def get_row(session: Session, feedback_id: int) -> FeedbackRow:
    rows = fetch_rows(session, [feedback_id])
    if not rows:
        raise missing("Feedback record", feedback_id)
    return rows[0]


def id_for_reference(session: Session, reference: str) -> int | None:
    return session.scalar(select(Feedback.id).where(Feedback.reference == clean(reference)))


def due_items(session: Session, on: dt.date, days: int) -> list[DueItem]:
    """Complaints and returns not answered by the date the customer was promised."""
    stmt = (
        select(
            Feedback.id,
            Feedback.reference,
            Feedback.kind,
            Feedback.customer,
            Feedback.respond_by,
            func.coalesce(_Owner.name, ""),
        )
        .outerjoin(_Owner, _Owner.id == Feedback.owner_id)
        .where(
            Feedback.closed_on.is_(None),
            Feedback.kind != FeedbackKind.COMPLIMENT,
            Feedback.response == "",
            Feedback.respond_by <= on + dt.timedelta(days=days),
        )
        .order_by(Feedback.respond_by)
    )
    return [
        DueItem(
            REGISTER,
            "Response due",
            ref,
            f"{KIND_LABELS[FeedbackKind(kind)]} from {customer}",
            due if isinstance(due, dt.date) else dt.date.fromisoformat(str(due)),
            fid,
            owner,
            kind,
        )
        for fid, ref, kind, customer, due, owner in raw_rows(session, stmt)
    ]


def find(session: Session, text: str, limit: int) -> list[Hit]:
    """Feedback by reference, customer or product; satisfaction results by reference."""
    stmt = (
        select(Feedback.id, Feedback.reference, Feedback.kind, Feedback.customer, Feedback.product)
        .where(
            Feedback.reference.icontains(text, autoescape=True)
            | Feedback.customer.icontains(text, autoescape=True)
            | Feedback.product.icontains(text, autoescape=True)
        )
        .order_by(Feedback.reference)
        .limit(limit)
    )
    hits = [
        Hit(REGISTER, ref, f"{KIND_LABELS[FeedbackKind(k)]}: {c} {p}".strip(), i, k)
        for i, ref, k, c, p in raw_rows(session, stmt)
    ]
    surveys = select(SatisfactionResult.id, SatisfactionResult.reference, SatisfactionResult.method)
    surveys = surveys.where(SatisfactionResult.reference.icontains(text, autoescape=True)).limit(
        limit
    )
    hits += [
        Hit(REGISTER, ref, f"Satisfaction survey: {m}", i, "satisfaction")
        for i, ref, m in raw_rows(session, surveys)
    ]
    return hits[:limit]


# --- satisfaction results -----------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyRow:
    id: int
    reference: str
    period_start: dt.date
    period_end: dt.date
    method: str
    sent: int | None
    responses: int
    score: float
    scale_min: int
    scale_max: int
    comments: str

    def fields(self) -> SurveyFields:
        return SurveyFields(**{n: getattr(self, n) for n in SURVEY_FIELDS})

    @property
    def score_text(self) -> str:
        return f"{self.score:g} of {self.scale_max}"


def survey_rows(
    session: Session, start: dt.date | None = None, end: dt.date | None = None
) -> list[SurveyRow]:
    """Satisfaction results (those whose period ends from `start` to `end`), by period."""
    S = SatisfactionResult
    stmt = select(
        S.id,
        S.reference,
        S.period_start,
        S.period_end,
        S.method,
        S.sent,
        S.responses,
        S.score,
        S.scale_min,
        S.scale_max,
        S.comments,
    ).order_by(S.period_end, S.reference)
    if start is not None:
        stmt = stmt.where(S.period_end >= start)
    if end is not None:
        stmt = stmt.where(S.period_end <= end)
    return [SurveyRow(*r) for r in session.execute(stmt)]


def survey_id_for_reference(session: Session, reference: str) -> int | None:
    S = SatisfactionResult
    return session.scalar(select(S.id).where(S.reference == clean(reference)))


def scale(session: Session) -> tuple[int, int]:
    """The company's satisfaction scale (lowest, highest score); 1 to 5 unless set."""
    row = session.get(Setting, SCALE_KEY)
    return parse_scale(row.value if row else None)


@dataclass(frozen=True)
class FeedbackCounts:
    complaints: int
    compliments: int
    returns: int
    open: int
    overdue: int


def counts(
    session: Session,
    on: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> FeedbackCounts:
    """Records received in the period (all, without one), those open and overdue on `on`."""
    in_period: Any = true()
    if start is not None and end is not None:
        in_period = Feedback.received_on.between(start, end)
    kind = Feedback.kind
    row = session.execute(
        select(
            func.count().filter(in_period & (kind == FeedbackKind.COMPLAINT)),
            func.count().filter(in_period & (kind == FeedbackKind.COMPLIMENT)),
            func.count().filter(in_period & (kind == FeedbackKind.RETURN)),
            func.count().filter(Feedback.closed_on.is_(None) & (kind != FeedbackKind.COMPLIMENT)),
            func.count().filter(_overdue(on)),
        )
    ).one()
    return FeedbackCounts(*row)


def by_customer(session: Session, start: dt.date, end: dt.date) -> list[tuple[str, int, int, int]]:
    """(customer, complaints, compliments, returns) received from `start` to `end`, most
    complaints first."""
    kind = Feedback.kind
    complaints = func.count().filter(kind == FeedbackKind.COMPLAINT)
    stmt = (
        select(
            Feedback.customer,
            complaints,
            func.count().filter(kind == FeedbackKind.COMPLIMENT),
            func.count().filter(kind == FeedbackKind.RETURN),
        )
        .where(Feedback.received_on.between(start, end))
        .group_by(Feedback.customer)
        .order_by(complaints.desc(), Feedback.customer)
    )
    return [(c, a, b, r) for c, a, b, r in raw_rows(session, stmt)]
