"""A management review's inputs drafted from the actions register (9.3.2 a, c 1, c 3, c 4, c 7)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, or_, select, tuple_
from sqlalchemy.orm import Session

from qmsdesk.core import actions
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_audits import Action, ActionKind, ActionSource
from qmsdesk.core.db.models_reviews import Review, ReviewDecision
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.reviews.drafting import (
    TABLE_ROWS,
    Draft,
    Drafter,
    Period,
    Table,
    day_text,
    days_late,
    limited,
    plural,
    stored_day,
)

# --- the actions register (9.3.2 a, c 1, c 3, c 4, c 7) -------------------------------------

SOURCE_LABELS = actions.SOURCE_LABELS
ACTION_STATUS_LABELS = actions.STATUS_LABELS
_STATUS_TEXT = {s.value: label for s, label in ACTION_STATUS_LABELS.items()}


def _open_at(day: dt.date) -> Any:
    """Actions raised by `day` and not closed by then."""
    return and_(
        Action.raised_on <= day,
        or_(Action.closed_on.is_(None), Action.closed_on > day),
    )


def _done_by(day: dt.date) -> Any:
    """Actions carried out by `day` (waiting for, or past, their check of effectiveness)."""
    return and_(Action.completed_on.is_not(None), Action.completed_on <= day)


def _overdue_at(day: dt.date) -> Any:
    """As the actions register counts overdue, on `day`: open and not carried out by its due
    date, or carried out and not checked by its check date."""
    return and_(
        _open_at(day),
        or_(
            and_(~_done_by(day), Action.due_date < day),
            and_(_done_by(day), Action.verify_due < day),
        ),
    )


def _status_on(
    day: dt.date, status: object, closed_on: object, completed_on: object, due: object,
    verify_due: object,
) -> str:  # fmt: skip
    """An action's status as it stood on `day` (a closed action was still open before it
    closed), with "overdue" added when it was late."""
    closed = stored_day(closed_on)
    if closed is not None and closed <= day:
        return "Closed"
    completed = stored_day(completed_on)
    if completed is not None and completed <= day:
        text, late = _STATUS_TEXT["awaiting_verification"], stored_day(verify_due)
    else:
        text = _STATUS_TEXT.get(str(status), str(status))
        if str(status) not in ("open", "in_progress"):
            text = _STATUS_TEXT["in_progress"]
        late = stored_day(due)
    if late is not None and late < day:
        return f"{text}, overdue"
    return text


@dataclass(frozen=True)
class ActionStats:
    """What the actions register says of one source for a period (one row of _action_stats)."""

    raised: int = 0  # raised in the period
    closed: int = 0  # closed in the period
    open: int = 0  # open on the day the figures are taken
    overdue: int = 0  # overdue that day
    listed: int = 0  # raised in the period or open that day (the rows a table lists)
    corrective: int = 0  # corrective actions raised in the period
    effective: int = 0  # checks of effectiveness in the period that found the action effective
    not_effective: int = 0

    def __add__(self, other: ActionStats) -> ActionStats:
        return ActionStats(*(a + b for a, b in zip(_values(self), _values(other), strict=True)))


def _values(stats: ActionStats) -> tuple[int, ...]:
    return (
        stats.raised, stats.closed, stats.open, stats.overdue, stats.listed, stats.corrective,
        stats.effective, stats.not_effective,
    )  # fmt: skip


def _action_stats(session: Session, period: Period) -> dict[ActionSource, ActionStats]:
    """Every figure the action drafters need, by source, in one scan of the register (cached on
    the period: four drafters use it)."""
    found = period.cache.get("actions")
    if found is not None:
        return found
    on = period.as_at
    raised = period.contains(Action.raised_on)
    stmt = select(
        Action.source_kind,
        func.count().filter(raised),
        func.count().filter(period.contains(Action.closed_on)),
        func.count().filter(_open_at(on)),
        func.count().filter(_overdue_at(on)),
        func.count().filter(or_(raised, _open_at(on))),
        func.count().filter(raised, Action.kind == ActionKind.CORRECTIVE),
        func.count().filter(period.contains(Action.verified_on), Action.effective.is_(True)),
        func.count().filter(period.contains(Action.verified_on), Action.effective.is_(False)),
    ).group_by(Action.source_kind)
    found = {ActionSource(row[0]): ActionStats(*row[1:]) for row in raw_rows(session, stmt)}
    period.cache["actions"] = found
    return found


def draft_source(source: ActionSource, what: str, many: str) -> Drafter:
    """A drafter for the actions of one source (customer complaints, supplier problems...)."""

    def drafter(session: Session, period: Period) -> Draft:
        stats = _action_stats(session, period).get(source, ActionStats())
        raised, closed, still_open, overdue = stats.raised, stats.closed, stats.open, stats.overdue
        if not (raised or closed or still_open):
            return Draft(f"The actions register holds no {many} for the period.")
        text = (
            f"The actions register holds {plural(raised, what, many)} raised in the period; "
            f"{closed:,} {'was' if closed == 1 else 'were'} closed in the period. On "
            f"{day_text(period.as_at)}, {still_open:,} {'was' if still_open == 1 else 'were'} "
            f"open, {overdue:,} of them overdue."
        )
        stmt = (
            select(
                Action.reference,
                Action.title,
                Action.raised_on,
                Action.status,
                Action.closed_on,
                Action.completed_on,
                Action.due_date,
                Action.verify_due,
            )
            .where(
                Action.source_kind == source,
                or_(period.contains(Action.raised_on), _open_at(period.as_at)),
            )
            .order_by(Action.raised_on, Action.reference)
            .limit(TABLE_ROWS)
        )
        total = stats.listed
        rows = [
            (
                ref,
                title,
                day_text(stored_day(raised_on)),
                _status_on(period.as_at, st, closed_on, done, due, check),
            )
            for ref, title, raised_on, st, closed_on, done, due, check in raw_rows(session, stmt)
        ]
        table = limited(
            f"{many[:1].upper()}{many[1:]} raised in the period or still open",
            ("Action", "What", "Raised", "Status"),
            rows,
            total,
        )
        return Draft(text, (table,))

    return drafter


def draft_corrective(session: Session, period: Period) -> Draft:
    """Nonconformities and corrective actions: raised, closed, open and overdue, by source."""
    on = period.as_at
    stats = _action_stats(session, period)
    total = sum(stats.values(), ActionStats())
    raised, closed, still_open, overdue = total.raised, total.closed, total.open, total.overdue
    if not (raised or closed or still_open):
        return Draft("The actions register holds no action for the period.")
    lines = [
        f"In the period, {plural(raised, 'action')} {'was' if raised == 1 else 'were'} raised "
        f"({total.corrective:,} of them corrective actions) and {closed:,} "
        f"{'was' if closed == 1 else 'were'} closed.",
        f"On {day_text(on)}, {still_open:,} {'was' if still_open == 1 else 'were'} open and "
        f"{overdue:,} of {'it' if still_open == 1 else 'them'} overdue.",
        f"Effectiveness checks in the period: {total.effective:,} found the action effective, "
        f"{total.not_effective:,} found it not effective.",
    ]
    tables = [
        Table(
            "Actions by source",
            ("Source", "Raised", "Closed", "Open", "Overdue"),
            tuple(
                (label, f"{x.raised:,}", f"{x.closed:,}", f"{x.open:,}", f"{x.overdue:,}")
                for src, label in SOURCE_LABELS.items()
                if (x := stats.get(src)) is not None and (x.raised or x.closed or x.open)
            ),
        )
    ]
    if overdue:
        # The date it is late against: the due date, or the check's date once it was done.
        late = case((_done_by(on), Action.verify_due), else_=Action.due_date)
        stmt = (
            select(
                Action.reference,
                Action.title,
                func.coalesce(Person.name, ""),
                late,
                Action.source_kind,
                _done_by(on),
            )
            .outerjoin(Person, Person.id == Action.owner_id)
            .where(_overdue_at(on))
            .order_by(late, Action.reference)
            .limit(TABLE_ROWS)
        )
        rows = [
            (
                ref,
                title,
                owner,
                day_text(stored_day(due)) + (" (check)" if done else ""),
                days_late(on, due),
                SOURCE_LABELS[ActionSource(src)],
            )
            for ref, title, owner, due, src, done in raw_rows(session, stmt)
        ]
        tables.append(
            limited(
                "Overdue actions (longest overdue first)",
                ("Action", "What", "Owner", "Was due", "Days late", "Source"),
                rows,
                overdue,
            )
        )
    return Draft("\n".join(lines), tuple(tables))


def _earlier_reviews(period: Period) -> Any:
    """The condition on Review for reviews held before the one drafted."""
    if period.meeting_date is None:
        return Review.meeting_date < period.start
    own = period.review_id or 0
    return tuple_(Review.meeting_date, Review.id) < tuple_(period.meeting_date, own)


def draft_previous_actions(session: Session, period: Period) -> Draft:
    """9.3.2 a: the actions earlier reviews raised that were open at the start of the period or
    raised since, and their status."""
    on = period.as_at
    joins = (
        select()
        .select_from(Action)
        .join(ReviewDecision, ReviewDecision.id == Action.source_id)
        .join(Review, Review.id == ReviewDecision.review_id)
        .where(
            Action.source_kind == ActionSource.MANAGEMENT_REVIEW,
            _earlier_reviews(period),
            or_(Action.closed_on.is_(None), Action.closed_on >= period.start),
        )
    )
    base = joins.add_columns(
        Action.reference,
        Review.reference,
        ReviewDecision.number,
        Action.title,
        func.coalesce(Person.name, ""),
        Action.due_date,
        Action.status,
        Action.closed_on,
        Action.completed_on,
        Action.verify_due,
    ).outerjoin(Person, Person.id == Action.owner_id)
    counts = session.execute(
        joins.add_columns(
            func.count(),
            func.count().filter(Action.closed_on <= on),
            func.count().filter(_overdue_at(on)),
        )
    ).one()
    total, closed, overdue = counts
    if not total:
        earlier = session.scalar(select(func.count()).where(_earlier_reviews(period))) or 0
        if not earlier:
            return Draft("This is the first management review on record.")
        return Draft("Earlier reviews left no action open at the start of the period.")
    still_open = total - closed
    text = (
        f"Earlier reviews raised {plural(total, 'action')} that {'was' if total == 1 else 'were'} "
        f"open at the start of the period or raised since. On {day_text(on)}: {closed:,} "
        f"closed, {still_open:,} still open, {overdue:,} of them overdue."
    )
    stmt = base.order_by(
        case((Action.closed_on.is_(None), 0), else_=1), Action.due_date, Action.reference
    ).limit(TABLE_ROWS)
    rows = [
        (
            ref,
            f"{review_ref} D{number}",
            title,
            owner,
            day_text(stored_day(due)),
            _status_on(on, st, closed_on, done, due, check),
        )
        for ref, review_ref, number, title, owner, due, st, closed_on, done, check in raw_rows(
            session, stmt
        )
    ]
    table = limited(
        "Actions from earlier reviews (open ones first)",
        ("Action", "Decision", "What", "Owner", "Due", "Status"),
        rows,
        total,
    )
    return Draft(text, (table,))
