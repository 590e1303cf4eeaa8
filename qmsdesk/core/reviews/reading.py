"""Reading management reviews: the reviews, their attendance, inputs, decisions and minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core import actions, history
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_audits import Action, ActionSource
from qmsdesk.core.db.models_reviews import (
    AttendanceRole,
    Review,
    ReviewDecision,
    ReviewInput,
    ReviewMinutes,
    ReviewPerson,
    ReviewStatus,
)
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.errors import NotFoundError, ValidationError
from qmsdesk.core.reviews.conclusion import conclusion_of
from qmsdesk.core.reviews.drafting import Draft, Table, day_text
from qmsdesk.core.reviews.minutes_data import (
    Minutes,
    MinutesAction,
    MinutesDecision,
    MinutesInput,
    agenda_item,
    inputs,
    outputs,
)
from qmsdesk.core.reviews.vocab import (
    ENTITY,
    FIELD_NAMES,
    MAY_BE_DELETED,
    STATUS_LABELS,
    ReviewFields,
)
from qmsdesk.core.service import load, missing
from qmsdesk.core.text import fold

# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewRow:
    id: int
    reference: str
    title: str
    meeting_date: dt.date
    place: str
    chair_id: int | None
    chair: str
    guests: str
    period_start: dt.date
    period_end: dt.date
    status: ReviewStatus
    approved_by: str
    approved_on: dt.date | None
    minutes_revision: int
    revision_reason: str
    drafted_at: dt.datetime | None

    @property
    def read_only(self) -> bool:
        return self.status == ReviewStatus.APPROVED

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def fields(self) -> ReviewFields:
        return ReviewFields(**{n: getattr(self, n) for n in FIELD_NAMES})

    def label(self) -> str:
        return f"{self.reference} ({day_text(self.meeting_date)})"


def _row(r: Review, chair: str | None = None) -> ReviewRow:
    return ReviewRow(
        r.id,
        r.reference,
        r.title,
        r.meeting_date,
        r.place,
        r.chair_id,
        chair if chair is not None else r.chair_name,
        r.guests,
        r.period_start,
        r.period_end,
        ReviewStatus(r.status),
        r.approved_by,
        r.approved_on,
        r.minutes_revision,
        r.revision_reason,
        r.drafted_at,
    )


def all_reviews(session: Session) -> list[ReviewRow]:
    """Every review, the latest meeting first."""
    stmt = (
        select(Review, Person.name)
        .outerjoin(Person, Person.id == Review.chair_id)
        .order_by(Review.meeting_date.desc(), Review.id.desc())
    )
    return [_row(r, name) for r, name in session.execute(stmt)]


def get_review(session: Session, review_id: int) -> ReviewRow:
    found = session.execute(
        select(Review, Person.name)
        .outerjoin(Person, Person.id == Review.chair_id)
        .where(Review.id == review_id)
    ).first()
    if found is None:
        raise missing("Management review", review_id, note=MAY_BE_DELETED)
    return _row(found[0], found[1])


def resolve(session: Session, text: str | int | None) -> int:
    """The id of the review a user named by its reference (MR-2026) or its number."""
    if text is None or not str(text).strip():
        raise ValidationError(
            "Say which management review: give its reference (such as MR-2026) or its number."
        )
    wanted = str(text).strip()
    found = session.scalar(select(Review.id).where(Review.reference == wanted))
    if found is None and wanted.isdigit():
        found = session.scalar(select(Review.id).where(Review.id == int(wanted)))
    if found is None:
        known = [r for (r,) in session.execute(select(Review.reference).order_by(Review.id))]
        hint = f" The reviews on file: {', '.join(known)}." if known else " There is none yet."
        raise NotFoundError(f"There is no management review '{wanted}'.{hint}")
    return found


def _load(session: Session, review_id: int) -> Review:
    return load(session, Review, review_id, "Management review", note=MAY_BE_DELETED)


def _editable(review: Review) -> None:
    """Refuse any change to a review whose minutes are approved, before anything changes."""
    if review.status == ReviewStatus.APPROVED:
        raise ValidationError(
            f"{review.reference} cannot be changed: its minutes (revision "
            f"{review.minutes_revision}) were approved by {review.approved_by} on "
            f"{day_text(review.approved_on)}, so they are read-only. To change them, start a new "
            "revision of the minutes; the approved revision is kept as it was."
        )


def _actions_of(session: Session, decision_ids: Sequence[int]) -> list[Action]:
    if not decision_ids:
        return []
    return list(
        session.scalars(
            select(Action).where(
                Action.source_kind == ActionSource.MANAGEMENT_REVIEW,
                Action.source_id.in_(list(decision_ids)),
            )
        )
    )


def suggest_fields(session: Session, on: dt.date | None = None) -> ReviewFields:
    """A new review's first values: the meeting in a fortnight, covering the time since the last
    review (or the last year), its chair the last review's chair."""
    on = on or today()
    meeting = on + dt.timedelta(days=14)
    last = session.execute(
        select(Review.period_end, Review.chair_id, Review.place)
        .order_by(Review.meeting_date.desc(), Review.id.desc())
        .limit(1)
    ).first()
    if last is not None and last[0] < meeting:
        start = last[0] + dt.timedelta(days=1)
    else:
        start = add_months(meeting, -12) + dt.timedelta(days=1)
    return ReviewFields(
        meeting_date=meeting,
        period_start=start,
        period_end=meeting,
        reference=next_reference(session, meeting),
        title=f"Management review {meeting.year}",
        place=last[2] if last else "",
        chair_id=last[1] if last else None,
    )


def next_reference(session: Session, meeting: dt.date) -> str:
    """MR-2026, or MR-2026-2 when the year has one already."""
    taken = {fold(r) for (r,) in session.execute(select(Review.reference))}
    base = f"MR-{meeting.year}"
    if fold(base) not in taken:
        return base
    number = 2
    while fold(f"{base}-{number}") in taken:
        number += 1
    return f"{base}-{number}"


@dataclass(frozen=True)
class AttendanceRow:
    person_id: int | None
    name: str  # the person's name now, or as recorded when they are no longer on file
    role: AttendanceRole
    employee_no: str = ""
    department: str = ""


def attendance(session: Session, review_id: int) -> list[AttendanceRow]:
    stmt = (
        select(
            ReviewPerson.person_id,
            func.coalesce(Person.name, ReviewPerson.name),
            ReviewPerson.role,
            func.coalesce(Person.employee_no, ""),
            func.coalesce(Person.department, ""),
        )
        .outerjoin(Person, Person.id == ReviewPerson.person_id)
        .where(ReviewPerson.review_id == review_id)
    )
    rows = [
        AttendanceRow(pid, name, AttendanceRole(role), number, dept)
        for pid, name, role, number, dept in raw_rows(session, stmt)
    ]
    return sorted(rows, key=lambda r: fold(r.name))


@dataclass(frozen=True)
class SectionRow:
    """One agenda input of a review: the lead's words and what the registers said."""

    id: int
    item: str
    title: str
    prompt: str
    drafted_what: str
    narrative: str
    summary: str
    tables: tuple[Table, ...]
    drafted_at: dt.datetime | None
    nothing_to_report: bool = False

    @property
    def draft(self) -> Draft:
        return Draft(self.summary, self.tables)


def sections(session: Session, review_id: int) -> list[SectionRow]:
    """The review's inputs in agenda order."""
    stored = {
        row.item: row
        for row in session.scalars(select(ReviewInput).where(ReviewInput.review_id == review_id))
    }
    out = []
    for item in inputs():
        row = stored.get(item.item)
        if row is None:
            continue
        out.append(
            SectionRow(
                row.id,
                item.item,
                item.title,
                item.prompt,
                item.drafted,
                row.narrative,
                row.summary,
                Draft.tables_from_json(row.tables),
                row.drafted_at,
                row.nothing_to_report,
            )
        )
    return out


@dataclass(frozen=True)
class ReviewActionRow:
    id: int
    reference: str
    title: str
    owner_id: int | None
    owner: str
    due_date: dt.date | None
    status: str
    status_label: str
    completed_on: dt.date | None
    closed_on: dt.date | None
    note: str


@dataclass(frozen=True)
class DecisionRow:
    id: int
    number: int
    item: str
    text: str
    actions: tuple[ReviewActionRow, ...]

    @property
    def label(self) -> str:
        return f"D{self.number}"

    @property
    def item_title(self) -> str:
        return agenda_item(self.item).title


def _action_rows(session: Session, decision_ids: Sequence[int]) -> dict[int, list[ReviewActionRow]]:
    if not decision_ids:
        return {}
    stmt = (
        select(
            Action.source_id,
            Action.id,
            Action.reference,
            Action.title,
            Action.owner_id,
            func.coalesce(Person.name, ""),
            Action.due_date,
            Action.status,
            Action.completed_on,
            Action.closed_on,
            Action.note,
        )
        .outerjoin(Person, Person.id == Action.owner_id)
        .where(
            Action.source_kind == ActionSource.MANAGEMENT_REVIEW,
            Action.source_id.in_(list(decision_ids)),
        )
        .order_by(Action.id)
    )
    found: dict[int, list[ReviewActionRow]] = {}
    for (
        source_id,
        aid,
        ref,
        title,
        owner_id,
        owner,
        due,
        status,
        completed,
        closed,
        note,
    ) in session.execute(stmt):
        assert source_id is not None  # the query asks for these decisions' actions only
        found.setdefault(source_id, []).append(
            ReviewActionRow(
                aid,
                ref,
                title,
                owner_id,
                owner,
                due,
                str(getattr(status, "value", status)),
                actions.STATUS_LABELS.get(status, str(status)),
                completed,
                closed,
                note,
            )
        )
    return found


def decisions(session: Session, review_id: int) -> list[DecisionRow]:
    """The review's decisions, by output (9.3.3 a, b, c) then number, each with its actions."""
    rows = list(
        session.scalars(select(ReviewDecision).where(ReviewDecision.review_id == review_id))
    )
    order = {o.item: i for i, o in enumerate(outputs())}
    rows.sort(key=lambda d: (order.get(d.item, 99), d.number))
    actions = _action_rows(session, [d.id for d in rows])
    return [DecisionRow(d.id, d.number, d.item, d.text, tuple(actions.get(d.id, ()))) for d in rows]


def review_actions(session: Session, review_id: int) -> list[tuple[DecisionRow, ReviewActionRow]]:
    """Every action the review's decisions created, with its decision."""
    return [(d, a) for d in decisions(session, review_id) for a in d.actions]


def history_of(session: Session, review_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, ENTITY, review_id)


@dataclass(frozen=True)
class ApprovedRevision:
    revision: int
    approved_by: str
    approved_on: dt.date
    reason: str
    sha256: str


def approved_revisions(session: Session, review_id: int) -> list[ApprovedRevision]:
    stmt = (
        select(
            ReviewMinutes.revision,
            ReviewMinutes.approved_by,
            ReviewMinutes.approved_on,
            ReviewMinutes.reason,
            ReviewMinutes.sha256,
        )
        .where(ReviewMinutes.review_id == review_id)
        .order_by(ReviewMinutes.revision)
    )
    return [ApprovedRevision(*row) for row in session.execute(stmt)]


# --- the minutes -----------------------------------------------------------------------------


def minutes(session: Session, review_id: int) -> Minutes:
    """The minutes as the company file holds them now."""
    row = get_review(session, review_id)
    people = attendance(session, review_id)
    ins = tuple(
        MinutesInput(
            s.item, s.title, s.narrative, s.summary, s.tables, s.drafted_at, s.nothing_to_report
        )
        for s in sections(session, review_id)
    )
    decs = tuple(
        MinutesDecision(
            d.label,
            d.item,
            d.item_title,
            d.text,
            tuple(
                MinutesAction(
                    a.reference,
                    a.title,
                    a.owner,
                    a.due_date,
                    a.status_label,
                    d.label,
                    a.completed_on,
                    a.note,
                )
                for a in d.actions
            ),
        )
        for d in decisions(session, review_id)
    )
    earlier = tuple(
        (r.revision, r.approved_by, r.approved_on, r.reason)
        for r in approved_revisions(session, review_id)
        if r.revision < row.minutes_revision
    )
    return Minutes(
        reference=row.reference,
        title=row.title,
        meeting_date=row.meeting_date,
        place=row.place,
        chair=row.chair,
        guests=row.guests,
        period_start=row.period_start,
        period_end=row.period_end,
        status=row.status.value,
        status_label=row.status_label,
        minutes_revision=row.minutes_revision,
        approved_by=row.approved_by,
        approved_on=row.approved_on,
        revision_reason=row.revision_reason,
        attendees=tuple(p.name for p in people if p.role == AttendanceRole.ATTENDED),
        apologies=tuple(p.name for p in people if p.role == AttendanceRole.APOLOGIES),
        inputs=ins,
        decisions=decs,
        drafted_at=row.drafted_at,
        revisions=earlier,
        **conclusion_of(session, review_id),
    )


def printable_minutes(session: Session, review_id: int, revision: int | None = None) -> Minutes:
    """The minutes to print: an approved revision exactly as approved (the current one when the
    review is approved and no revision is asked for), otherwise the draft as it stands."""
    row = get_review(session, review_id)
    if revision is None and row.status != ReviewStatus.APPROVED:
        return minutes(session, review_id)
    wanted = row.minutes_revision if revision is None else revision
    content = session.scalar(
        select(ReviewMinutes.content).where(
            ReviewMinutes.review_id == review_id, ReviewMinutes.revision == wanted
        )
    )
    if content is None:
        if revision == row.minutes_revision:
            return minutes(session, review_id)
        done = [r.revision for r in approved_revisions(session, review_id)]
        raise NotFoundError(
            f"{row.reference} has no approved revision {wanted} of its minutes"
            + (f" (approved: {', '.join(map(str, done))})." if done else "; none is approved yet.")
        )
    return Minutes.from_json(content)
