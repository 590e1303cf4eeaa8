"""Reading the risks register: its rows, the filters and sorts of the table, the heat map, the
actions raised on each risk and their effectiveness reviews, what falls due and what is found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVarTuple

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_actions import Action, ActionSource, ActionStatus
from qmsdesk.core.db.models_planning import ContextIssue, InterestedParty, Process
from qmsdesk.core.db.models_risks import (
    ReviewOutcome,
    Risk,
    RiskKind,
    RiskReview,
    RiskSourceKind,
    Treatment,
)
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.due import DueItem
from qmsdesk.core.finder import Hit, matching
from qmsdesk.core.risks.rules import FIELD_NAMES, RiskFields
from qmsdesk.core.risks.scale import Level, RiskScale
from qmsdesk.core.risks.vocab import ENTITY
from qmsdesk.core.service import missing
from qmsdesk.core.text import clean, fold

REGISTER = "risks"


@dataclass(frozen=True)
class RiskRow:
    """One line of the register, as the table, the Excel sheet and the PDF show it."""

    id: int
    reference: str
    kind: RiskKind
    title: str
    description: str
    source_kind: RiskSourceKind
    issue_id: int | None
    party_id: int | None
    process_id: int | None
    owner_id: int | None
    likelihood: int
    consequence: int
    treatment: Treatment
    treatment_plan: str
    residual_likelihood: int | None
    residual_consequence: int | None
    identified_on: dt.date
    next_review: dt.date | None
    note: str
    issue_ref: str
    party_name: str
    process_code: str
    process_name: str
    owner_name: str
    actions_open: int = 0
    actions_total: int = 0

    def fields(self) -> RiskFields:
        return RiskFields(**{n: getattr(self, n) for n in FIELD_NAMES})

    @property
    def rating(self) -> int:
        return self.likelihood * self.consequence

    @property
    def residual_rating(self) -> int | None:
        if self.residual_likelihood is None or self.residual_consequence is None:
            return None
        return self.residual_likelihood * self.residual_consequence

    def level(self, scale: RiskScale) -> Level:
        return scale.level(self.rating)

    def residual_level(self, scale: RiskScale) -> Level | None:
        rating = self.residual_rating
        return None if rating is None else scale.level(rating)

    @property
    def source_ref(self) -> str:
        """The source as the sheet names it: an issue's reference, a party, a process code."""
        if self.source_kind == RiskSourceKind.CONTEXT_ISSUE:
            return self.issue_ref
        if self.source_kind == RiskSourceKind.INTERESTED_PARTY:
            return self.party_name
        if self.source_kind == RiskSourceKind.PROCESS:
            return self.process_code
        return ""

    def review_due(self, on: dt.date) -> bool:
        return self.next_review is not None and self.next_review < on


_Ts = TypeVarTuple("_Ts")
_COLUMNS = (
    Risk.id,
    Risk.reference,
    Risk.kind,
    Risk.title,
    Risk.description,
    Risk.source_kind,
    Risk.issue_id,
    Risk.party_id,
    Risk.process_id,
    Risk.owner_id,
    Risk.likelihood,
    Risk.consequence,
    Risk.treatment,
    Risk.treatment_plan,
    Risk.residual_likelihood,
    Risk.residual_consequence,
    Risk.identified_on,
    Risk.next_review,
    Risk.note,
    func.coalesce(ContextIssue.reference, ""),
    func.coalesce(InterestedParty.name, ""),
    func.coalesce(Process.code, ""),
    func.coalesce(Process.name, ""),
    func.coalesce(Person.name, ""),
)


def _joined(stmt: Select[*_Ts]) -> Select[*_Ts]:
    return (
        stmt.outerjoin(ContextIssue, ContextIssue.id == Risk.issue_id)
        .outerjoin(InterestedParty, InterestedParty.id == Risk.party_id)
        .outerjoin(Process, Process.id == Risk.process_id)
        .outerjoin(Person, Person.id == Risk.owner_id)
    )


@dataclass(frozen=True)
class RiskQuery:
    """What the register shows. Empty means everything."""

    text: str = ""
    kinds: frozenset[RiskKind] = frozenset()
    levels: frozenset[Level] = frozenset()
    owner_id: int | None = None
    process_id: int | None = None
    review_due_only: bool = False


_RATING = Risk.likelihood * Risk.consequence
_RESIDUAL = Risk.residual_likelihood * Risk.residual_consequence
SORT_KEYS: dict[str, Any] = {
    "reference": Risk.reference,
    "kind": Risk.kind,
    "title": func.lower(Risk.title),
    "source_kind": Risk.source_kind,
    "process": func.lower(Process.code),
    "owner_name": func.lower(Person.name),
    "likelihood": Risk.likelihood,
    "consequence": Risk.consequence,
    "rating": _RATING,
    "level": _RATING,
    "treatment": Risk.treatment,
    "residual_rating": _RESIDUAL,
    "next_review": Risk.next_review,
    "identified_on": Risk.identified_on,
}


def _filtered(stmt: Select[*_Ts], query: RiskQuery, scale: RiskScale, on: dt.date) -> Select[*_Ts]:
    for word in fold(query.text).split():
        pattern = f"%{word}%"
        stmt = stmt.where(
            func.lower(Risk.reference).like(pattern)
            | func.lower(Risk.title).like(pattern)
            | func.lower(Risk.description).like(pattern)
            | func.lower(func.coalesce(Person.name, "")).like(pattern)
            | func.lower(func.coalesce(Process.code, "")).like(pattern)
        )
    if query.kinds:
        stmt = stmt.where(Risk.kind.in_([k.value for k in query.kinds]))
    if query.levels:
        bands = []
        if Level.LOW in query.levels:
            bands.append(scale.medium_from > _RATING)
        if Level.MEDIUM in query.levels:
            bands.append((scale.medium_from <= _RATING) & (scale.high_from > _RATING))
        if Level.HIGH in query.levels:
            bands.append(scale.high_from <= _RATING)
        stmt = stmt.where(or_(*bands))
    if query.owner_id is not None:
        stmt = stmt.where(Risk.owner_id == query.owner_id)
    if query.process_id is not None:
        stmt = stmt.where(Risk.process_id == query.process_id)
    if query.review_due_only:
        stmt = stmt.where(Risk.next_review < on)
    return stmt


def query_ids(
    session: Session,
    query: RiskQuery = RiskQuery(),
    sort: str = "reference",
    descending: bool = False,
    scale: RiskScale | None = None,
    on: dt.date | None = None,
) -> list[int]:
    """Ids of the matching risks in display order."""
    from qmsdesk.core.risks.scale import get_scale

    order = SORT_KEYS[sort]
    primary = order.desc() if descending else order.asc()
    stmt = _joined(select(Risk.id)).order_by(order.is_(None), primary, Risk.reference)
    stmt = _filtered(stmt, query, scale or get_scale(session), on or today())
    ids = [r[0] for r in session.execute(stmt)]
    words = fold(query.text).split()
    if not words or all(w.isascii() for w in words):
        return ids
    texts = search_texts(session)  # SQLite's lower() folds ASCII only
    return [i for i in ids if all(w in texts.get(i, "") for w in words)]


def search_texts(session: Session) -> dict[int, str]:
    stmt = _joined(
        select(
            Risk.id, Risk.reference, Risk.title, Risk.description, func.coalesce(Person.name, "")
        )
    )
    return {r[0]: fold(" ".join(r[1:])) for r in session.execute(stmt)}


def _action_counts(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    stmt = (
        select(
            Action.source_id,
            func.count().filter(Action.status != ActionStatus.CLOSED),
            func.count(),
        )
        .where(Action.source_kind == ActionSource.RISK, Action.source_id.in_(ids))
        .group_by(Action.source_id)
    )
    return {r[0]: (r[1], r[2]) for r in session.execute(stmt) if r[0] is not None}


def fetch_rows(session: Session, ids: Sequence[int]) -> list[RiskRow]:
    """Rows for the given ids, in the order given."""
    found: dict[int, RiskRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        counts = _action_counts(session, chunk)
        for values in session.execute(_joined(select(*_COLUMNS)).where(Risk.id.in_(chunk))):
            open_, total = counts.get(values[0], (0, 0))
            found[values[0]] = RiskRow(*[*values, open_, total])
    return [found[i] for i in ids if i in found]


def all_rows(session: Session, query: RiskQuery = RiskQuery()) -> list[RiskRow]:
    return fetch_rows(session, query_ids(session, query))


def get_row(session: Session, risk_id: int) -> RiskRow:
    rows = fetch_rows(session, [risk_id])
    if not rows:
        raise missing("Risk", risk_id)
    return rows[0]


def id_for_reference(session: Session, reference: str) -> int | None:
    return session.scalar(select(Risk.id).where(Risk.reference == clean(reference)))


def history_of(session: Session, risk_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, ENTITY, risk_id)


# --- the heat map ------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeatMap:
    """How many risks sit in each cell (likelihood, consequence), before or after treatment."""

    steps: int
    cells: dict[tuple[int, int], int]
    after: bool

    def count(self, likelihood: int, consequence: int) -> int:
        return self.cells.get((likelihood, consequence), 0)

    @property
    def total(self) -> int:
        return sum(self.cells.values())


def heat_map(
    session: Session, scale: RiskScale, *, after: bool = False, kind: RiskKind = RiskKind.RISK
) -> HeatMap:
    """Counts per cell, by SQL; `after`: on the ratings after treatment (risks not rated after
    treatment yet are left out)."""
    lik, con = (
        (Risk.residual_likelihood, Risk.residual_consequence)
        if after
        else (Risk.likelihood, Risk.consequence)
    )
    stmt = (
        select(lik, con, func.count())
        .where(Risk.kind == kind, lik.is_not(None), con.is_not(None))
        .group_by(lik, con)
    )
    cells: dict[tuple[int, int], int] = {}
    for lk, cs, n in session.execute(stmt):
        if lk is not None and cs is not None:
            cells[(lk, cs)] = n
    return HeatMap(scale.steps, cells, after)


# --- actions and effectiveness reviews ----------------------------------------------------------


@dataclass(frozen=True)
class ReviewRow:
    id: int
    risk_id: int
    reference: str  # the risk's
    reviewed_on: dt.date
    reviewed_by_id: int | None
    reviewed_by_name: str
    outcome: ReviewOutcome
    note: str


def reviews_of(session: Session, risk_ids: Iterable[int] | None = None) -> list[ReviewRow]:
    """Effectiveness reviews (of the given risks, or all), oldest first."""
    stmt = (
        select(
            RiskReview.id,
            RiskReview.risk_id,
            Risk.reference,
            RiskReview.reviewed_on,
            RiskReview.reviewed_by_id,
            func.coalesce(Person.name, ""),
            RiskReview.outcome,
            RiskReview.note,
        )
        .join(Risk, Risk.id == RiskReview.risk_id)
        .outerjoin(Person, Person.id == RiskReview.reviewed_by_id)
        .order_by(Risk.reference, RiskReview.reviewed_on, RiskReview.id)
    )
    if risk_ids is not None:
        stmt = stmt.where(RiskReview.risk_id.in_(list(risk_ids)))
    return [ReviewRow(*r) for r in session.execute(stmt)]


def action_refs(session: Session, risk_id: int) -> list[tuple[int, str, str, ActionStatus]]:
    """(id, reference, title, status) of the actions raised on a risk."""
    stmt = (
        select(Action.id, Action.reference, Action.title, Action.status)
        .where(Action.source_kind == ActionSource.RISK, Action.source_id == risk_id)
        .order_by(Action.reference)
    )
    return [(r[0], r[1], r[2], r[3]) for r in session.execute(stmt)]


@dataclass(frozen=True)
class Links:
    """The names a sheet or a dialog uses for the records a risk links to, by folded key."""

    issues: dict[str, int]
    parties: dict[str, int]
    processes: dict[str, int]  # by code and by name
    people: dict[str, list[int]]  # by name (two people may share one)
    issue_choices: list[tuple[int, str]]
    party_choices: list[tuple[int, str]]
    process_choices: list[tuple[int, str]]


def links(session: Session) -> Links:
    issues = [
        (r[0], r[1], r[2])
        for r in session.execute(
            select(ContextIssue.id, ContextIssue.reference, ContextIssue.title).order_by(
                ContextIssue.reference
            )
        )
    ]
    parties = [
        (r[0], r[1])
        for r in session.execute(
            select(InterestedParty.id, InterestedParty.name).order_by(InterestedParty.name)
        )
    ]
    processes = [
        (r[0], r[1], r[2])
        for r in session.execute(
            select(Process.id, Process.code, Process.name).order_by(Process.code)
        )
    ]
    people: dict[str, list[int]] = {}
    for pid, name in session.execute(select(Person.id, Person.name)):
        people.setdefault(fold(clean(name)), []).append(pid)
    by_process = {fold(c): i for i, c, _n in processes}
    for i, _c, n in processes:
        by_process.setdefault(fold(n), i)
    return Links(
        {fold(r): i for i, r, _t in issues},
        {fold(n): i for i, n in parties},
        by_process,
        people,
        [(i, f"{r} {t}") for i, r, t in issues],
        [(i, n) for i, n in parties],
        [(i, f"{c} {n}") for i, c, n in processes],
    )


# --- the shared views ---------------------------------------------------------------------------


def due_items(session: Session, on: dt.date, days: int) -> list[DueItem]:
    """Risks whose review is overdue on `on` or due within `days`."""
    stmt = _joined(
        select(
            Risk.id, Risk.reference, Risk.title, Risk.next_review, func.coalesce(Person.name, "")
        )
    ).where(Risk.next_review.is_not(None), Risk.next_review <= on + dt.timedelta(days=days))
    return [
        DueItem(REGISTER, "Risk review due", r[1], r[2], r[3] or on, r[0], r[4], "risk")
        for r in session.execute(stmt)
    ]


def find(session: Session, text: str, limit: int) -> list[Hit]:
    """Search everywhere: risks and opportunities by reference, title or description."""
    return matching(
        session,
        text,
        limit,
        register=REGISTER,
        reference=Risk.reference,
        title=Risk.title,
        kind="risk",
    )


@dataclass(frozen=True)
class RiskCounts:
    risks: int
    opportunities: int
    high: int
    review_due: int


def counts(session: Session, scale: RiskScale, on: dt.date | None = None) -> RiskCounts:
    on = on or today()
    row = session.execute(
        select(
            func.count().filter(Risk.kind == RiskKind.RISK),
            func.count().filter(Risk.kind == RiskKind.OPPORTUNITY),
            func.count().filter(Risk.kind == RiskKind.RISK, scale.high_from <= _RATING),
            func.count().filter(Risk.next_review < on),
        )
    ).one()
    return RiskCounts(*row)


def for_process(session: Session, process_id: int) -> list[tuple[str, str, int]]:
    """(reference, title, rating) of the risks and opportunities that touch a process, highest
    rating first: what the process register's turtle lists (clause 4.4)."""
    stmt = (
        select(Risk.reference, Risk.title, _RATING)
        .where(Risk.process_id == process_id)
        .order_by(_RATING.desc(), Risk.reference)
    )
    return [(r[0], r[1], r[2]) for r in session.execute(stmt)]
