"""Management reviews (ISO 9001:2015 clause 9.3): services take a session, return plain data.

Callers own the transaction (``with db.write() as session:``). A review is planned, then held, then
its minutes are approved, which makes it read-only: every service that changes a review refuses an
approved one with a message saying how to change it (a new revision of the minutes), before it
changes anything. Approval keeps a copy of the minutes as approved (``review_minutes``), so that
the approved minutes print the same for ever.

Each agenda input keeps the lead's narrative apart from the summary drafted from the registers
(:mod:`qmsdesk.core.reviews_draft`): :func:`refresh_drafts` rewrites the summaries only.
Decisions (clause 9.3.3) create actions in the shared actions register, which names the decision
as their source; the next review's section 9.3.2 a reports their status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core import actions, history
from qmsdesk.core.dates import add_months, today, utcnow
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_audits import Action, ActionKind, ActionSource, ActionStatus
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
from qmsdesk.core.errors import FieldProblem, NotFoundError, ValidationError
from qmsdesk.core.reviews_draft import (
    Draft,
    Period,
    Table,
    day_text,
    drafters,
)
from qmsdesk.core.reviews_minutes import (
    AgendaItem,
    Minutes,
    MinutesAction,
    MinutesDecision,
    MinutesInput,
    agenda_item,
    inputs,
    outputs,
)
from qmsdesk.core.text import clean, fold

ENTITY = "management_review"

STATUS_LABELS: dict[ReviewStatus, str] = {
    ReviewStatus.PLANNED: "Planned",
    ReviewStatus.HELD: "Held",
    ReviewStatus.APPROVED: "Minutes approved",
}
MAX_LENGTHS = {"reference": 30, "title": 150, "place": 120, "guests": 300, "approved_by": 120}
FIELD_LABELS = {
    "reference": "Reference",
    "title": "Title",
    "meeting_date": "Meeting date",
    "place": "Place",
    "chair_id": "Chair",
    "guests": "Also present",
    "period_start": "Period from",
    "period_end": "Period to",
}
#: The longest span a review may cover (a review every year is usual; some do two a year).
PERIOD_MAX_DAYS = 3 * 366


# --- fields ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewFields:
    """Everything a user edits about a review's meeting, already parsed."""

    meeting_date: dt.date
    period_start: dt.date
    period_end: dt.date
    reference: str = ""  # empty: QMS Desk gives one (MR-2026)
    title: str = ""
    place: str = ""
    chair_id: int | None = None
    guests: str = ""


FIELD_NAMES = tuple(f.name for f in fields(ReviewFields))


def check_fields(f: ReviewFields) -> list[FieldProblem]:
    """Rules a review's fields obey together; the same for dialogs, imports and the demo."""
    problems = []
    for name, limit in MAX_LENGTHS.items():
        text = getattr(f, name, None)
        if isinstance(text, str) and len(text) > limit:
            problems.append(
                FieldProblem(
                    name, f"This text is {len(text)} characters long; at most {limit} are allowed."
                )
            )
    if f.period_end < f.period_start:
        problems.append(
            FieldProblem(
                "period_end",
                f"The period covered ends ({day_text(f.period_end)}) before it starts "
                f"({day_text(f.period_start)}). The end must be on or after the start.",
            )
        )
    elif (f.period_end - f.period_start).days > PERIOD_MAX_DAYS:
        problems.append(
            FieldProblem(
                "period_end",
                "The period covered is longer than three years; a review covers the time since "
                "the one before it, usually a year.",
            )
        )
    if f.period_start > f.meeting_date:
        problems.append(
            FieldProblem(
                "period_start",
                "The period covered starts after the meeting; a review looks back on a period "
                "that has begun.",
            )
        )
    return problems


def _raise(problems: Iterable[FieldProblem]) -> None:
    problems = list(problems)
    if problems:
        raise ValidationError(
            [f"{FIELD_LABELS.get(p.field, p.field)}: {p.message}" for p in problems]
        )


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
        raise NotFoundError(f"Management review {review_id} does not exist (it may be deleted).")
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
    review = session.get(Review, review_id)
    if review is None:
        raise NotFoundError(f"Management review {review_id} does not exist (it may be deleted).")
    return review


def _editable(review: Review) -> None:
    """Refuse any change to a review whose minutes are approved, before anything changes."""
    if review.status == ReviewStatus.APPROVED:
        raise ValidationError(
            f"{review.reference} cannot be changed: its minutes (revision "
            f"{review.minutes_revision}) were approved by {review.approved_by} on "
            f"{day_text(review.approved_on)}, so they are read-only. To change them, start a new "
            "revision of the minutes; the approved revision is kept as it was."
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
        MinutesInput(s.item, s.title, s.narrative, s.summary, s.tables, s.drafted_at)
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


# --- writing: the review ---------------------------------------------------------------------


def _check_chair(session: Session, chair_id: int | None) -> str:
    if chair_id is None:
        return ""
    name = session.scalar(select(Person.name).where(Person.id == chair_id))
    if name is None:
        raise ValidationError("Chair: that person is not in the register of people any more.")
    return name


def _ensure_unique_reference(session: Session, reference: str, review_id: int | None) -> None:
    found = session.execute(
        select(Review.id, Review.reference).where(Review.reference == reference)
    ).first()
    if found is not None and found[0] != review_id:
        raise ValidationError(
            f"Reference: another review already has the reference '{found[1]}'; references "
            "must differ (capitals do not count)."
        )


def _clean(f: ReviewFields) -> ReviewFields:
    return replace(
        f,
        reference=" ".join(clean(f.reference).split()),
        title=" ".join(clean(f.title).split()),
        place=" ".join(clean(f.place).split()),
        guests=" ".join(clean(f.guests).split()),
    )


def create_review(
    session: Session, f: ReviewFields, user: str, *, draft: bool = True, on: dt.date | None = None
) -> int:
    """Plan a review: its sections are created (and drafted from the registers with `draft`)."""
    f = _clean(f)
    if not f.reference:
        f = replace(f, reference=next_reference(session, f.meeting_date))
    if not f.title:
        f = replace(f, title=f"Management review {f.meeting_date.year}")
    _raise(check_fields(f))
    _ensure_unique_reference(session, f.reference, None)
    chair = _check_chair(session, f.chair_id)
    review = Review(
        **{n: getattr(f, n) for n in FIELD_NAMES},
        chair_name=chair,
        status=ReviewStatus.PLANNED,
        minutes_revision=1,
    )
    session.add(review)
    session.flush()
    for item in inputs():
        session.add(ReviewInput(review_id=review.id, item=item.item))
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        action="create",
        changes=[
            history.Change("Meeting date", "", review.meeting_date.isoformat()),
            history.Change(
                "Period covered",
                "",
                f"{review.period_start.isoformat()} to {review.period_end.isoformat()}",
            ),
        ],
    )
    if draft:
        refresh_drafts(session, review.id, user, on=on)
    return review.id


def update_review(session: Session, review_id: int, f: ReviewFields, user: str) -> list[str]:
    """Change the meeting's details; returns the labels of the fields that changed."""
    review = _load(session, review_id)
    _editable(review)
    f = _clean(f)
    if not f.reference:
        f = replace(f, reference=review.reference)
    if not f.title:
        f = replace(f, title=f"Management review {f.meeting_date.year}")
    _raise(check_fields(f))
    _ensure_unique_reference(session, f.reference, review_id)
    chair = _check_chair(session, f.chair_id)
    changes = []
    for name in FIELD_NAMES:
        new = getattr(f, name)
        old = getattr(review, name)
        if old != new:
            if name == "chair_id":
                changes.append(history.Change("Chair", review.chair_name, chair))
                review.chair_name = chair
            else:
                changes.append(
                    history.Change(FIELD_LABELS[name], history.as_text(old), history.as_text(new))
                )
            setattr(review, name, new)
    if changes:
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=review.id,
            ref=review.reference,
            action="edit",
            changes=changes,
        )
    return [c.field for c in changes]


def delete_review(session: Session, review_id: int, user: str) -> None:
    """Delete a review entered by mistake: never one whose minutes were ever approved, nor one
    whose decisions raised actions (they are in the actions register)."""
    review = _load(session, review_id)
    approved = session.scalar(select(func.count()).where(ReviewMinutes.review_id == review_id))
    if approved or review.status == ReviewStatus.APPROVED:
        raise ValidationError(
            f"{review.reference} has approved minutes, so it cannot be deleted: approved minutes "
            "are a record the standard asks you to keep."
        )
    decision_ids = list(
        session.scalars(select(ReviewDecision.id).where(ReviewDecision.review_id == review_id))
    )
    if _actions_of(session, decision_ids):
        raise ValidationError(
            f"{review.reference} has decisions with actions in the actions register; remove "
            "those actions first."
        )
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        action="delete",
        changes=[history.Change("Meeting date", review.meeting_date.isoformat(), "")],
    )
    session.delete(review)
    session.flush()


def set_attendance(
    session: Session,
    review_id: int,
    attended: Sequence[int],
    apologies: Sequence[int],
    user: str,
) -> bool:
    """Who attended and who sent apologies (people of the register); True when it changed."""
    review = _load(session, review_id)
    _editable(review)
    both = set(attended) & set(apologies)
    if both:
        raise ValidationError(
            "Attendance: a person cannot both attend and send apologies; choose one for each."
        )
    wanted = {pid: AttendanceRole.ATTENDED for pid in attended} | {
        pid: AttendanceRole.APOLOGIES for pid in apologies
    }
    names = dict(
        raw_rows(session, select(Person.id, Person.name).where(Person.id.in_(list(wanted))))
    )
    missing = [pid for pid in wanted if pid not in names]
    if missing:
        raise ValidationError(
            "Attendance: some of the people chosen are not in the register of people any more."
        )
    current = {
        r.person_id: r
        for r in session.scalars(select(ReviewPerson).where(ReviewPerson.review_id == review_id))
    }
    before = _attendance_text(session, review_id)
    for pid, row in current.items():
        if pid not in wanted:
            session.delete(row)
        elif row.role != wanted[pid]:
            row.role = wanted[pid]
    for pid, role in wanted.items():
        if pid not in current:
            session.add(
                ReviewPerson(review_id=review_id, person_id=pid, name=names[pid], role=role)
            )
    session.flush()
    after = _attendance_text(session, review_id)
    changes = [
        history.Change(label, before[key], after[key])
        for key, label in (("attended", "Attended"), ("apologies", "Apologies"))
        if before[key] != after[key]
    ]
    if changes:
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=review_id,
            ref=review.reference,
            action="attendance",
            changes=changes,
        )
    return bool(changes)


def _attendance_text(session: Session, review_id: int) -> dict[str, str]:
    rows = attendance(session, review_id)
    return {
        "attended": ", ".join(r.name for r in rows if r.role == AttendanceRole.ATTENDED),
        "apologies": ", ".join(r.name for r in rows if r.role == AttendanceRole.APOLOGIES),
    }


def mark_held(session: Session, review_id: int, user: str, on: dt.date | None = None) -> None:
    """The meeting took place: the minutes can now be completed and approved."""
    review = _load(session, review_id)
    _editable(review)
    if review.status != ReviewStatus.PLANNED:
        raise ValidationError(f"{review.reference} is already marked as held.")
    if review.meeting_date > (on or today()):
        raise ValidationError(
            f"{review.reference} is planned for {day_text(review.meeting_date)}; it can be marked "
            "as held on or after that day (change the meeting date if it was held earlier)."
        )
    review.status = ReviewStatus.HELD
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        action="held",
        changes=[history.Change("Status", STATUS_LABELS[ReviewStatus.PLANNED], "Held")],
    )


def set_narrative(session: Session, review_id: int, item: str, text: str, user: str) -> bool:
    """Store what the lead wrote under one agenda input; True when it changed."""
    review = _load(session, review_id)
    _editable(review)
    section = _section(session, review_id, item)
    text = text.strip()
    if section.narrative == text:
        return False
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        action="narrative",
        changes=[history.Change(f"{item} narrative", section.narrative, text)],
    )
    section.narrative = text
    return True


def set_narratives(session: Session, review_id: int, texts: Mapping[str, str], user: str) -> int:
    """Store several narratives at once; returns how many changed."""
    return sum(set_narrative(session, review_id, item, t, user) for item, t in texts.items())


def _section(session: Session, review_id: int, item: str) -> ReviewInput:
    try:
        agenda_item(item)
    except KeyError:
        raise ValidationError(f"'{item}' is not an input of a management review.") from None
    section = session.scalar(
        select(ReviewInput).where(ReviewInput.review_id == review_id, ReviewInput.item == item)
    )
    if section is None:
        section = ReviewInput(review_id=review_id, item=item)
        session.add(section)
        session.flush()
    return section


def draft_inputs(session: Session, review_id: int, on: dt.date | None = None) -> dict[str, Draft]:
    """What the registers say for each input of the review's period (writes nothing)."""
    review = _load(session, review_id)
    period = Period.of(
        review.period_start,
        review.period_end,
        on,
        review_id=review.id,
        meeting_date=review.meeting_date,
    )
    return drafters().draft(session, period, [i.item for i in inputs()])


def refresh_drafts(
    session: Session, review_id: int, user: str, on: dt.date | None = None
) -> dict[str, Draft]:
    """Draft every input again from the registers. Only the drafted summaries and tables change:
    what the lead wrote stays exactly as it is."""
    review = _load(session, review_id)
    _editable(review)
    drafts = draft_inputs(session, review_id, on)
    now = utcnow()
    for item, draft in drafts.items():
        section = _section(session, review_id, item)
        section.summary = draft.text
        section.tables = draft.tables_json() if draft.tables else ""
        section.drafted_at = now
    review.drafted_at = now
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        action="draft",
        changes=[
            history.Change(
                "Drafted from the registers",
                "",
                f"period {review.period_start.isoformat()} to {review.period_end.isoformat()}",
            )
        ],
    )
    return drafts


# --- writing: decisions and their actions --------------------------------------------------


def _check_output(item: str) -> AgendaItem:
    try:
        found = agenda_item(item)
    except KeyError:
        found = None
    if found is None or found not in outputs():
        allowed = ", ".join(o.label() for o in outputs())
        raise ValidationError(f"Output: '{item}' is not an output of a review ({allowed}).")
    return found


def _check_decision_text(text: str) -> str:
    text = clean(text)
    if not text:
        raise ValidationError("Decision: say what was decided.")
    return text


def add_decision(session: Session, review_id: int, item: str, text: str, user: str) -> int:
    review = _load(session, review_id)
    _editable(review)
    out = _check_output(item)
    text = _check_decision_text(text)
    number = (
        session.scalar(
            select(func.max(ReviewDecision.number)).where(ReviewDecision.review_id == review_id)
        )
        or 0
    ) + 1
    decision = ReviewDecision(review_id=review_id, item=out.item, number=number, text=text)
    session.add(decision)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        action="decision",
        changes=[history.Change(f"D{number} ({out.item})", "", text)],
    )
    return decision.id


def _load_decision(session: Session, decision_id: int) -> tuple[ReviewDecision, Review]:
    decision = session.get(ReviewDecision, decision_id)
    if decision is None:
        raise NotFoundError(f"Decision {decision_id} does not exist (it may be deleted).")
    return decision, _load(session, decision.review_id)


def update_decision(session: Session, decision_id: int, item: str, text: str, user: str) -> bool:
    decision, review = _load_decision(session, decision_id)
    _editable(review)
    out = _check_output(item)
    text = _check_decision_text(text)
    changes = []
    if decision.item != out.item:
        changes.append(history.Change(f"D{decision.number} output", decision.item, out.item))
        decision.item = out.item
    if decision.text != text:
        changes.append(history.Change(f"D{decision.number}", decision.text, text))
        decision.text = text
    if changes:
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=review.id,
            ref=review.reference,
            action="decision",
            changes=changes,
        )
        for action in _actions_of(session, [decision.id]):
            action.source_ref = _source_ref(review, decision)
    return bool(changes)


def delete_decision(session: Session, decision_id: int, user: str) -> None:
    decision, review = _load_decision(session, decision_id)
    _editable(review)
    if _actions_of(session, [decision_id]):
        raise ValidationError(
            f"D{decision.number} has actions in the actions register; remove them first."
        )
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        action="decision",
        changes=[history.Change(f"D{decision.number} ({decision.item})", decision.text, "")],
    )
    session.delete(decision)
    session.flush()


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


def _source_ref(review: Review, decision: ReviewDecision) -> str:
    return f"{review.reference} D{decision.number}"


#: The kind of action each output raises in the actions register.
_OUTPUT_KINDS = {"9.3.3 a": ActionKind.IMPROVEMENT, "9.3.3 b": ActionKind.OTHER}


@dataclass(frozen=True)
class ReviewActionFields:
    """An action a decision creates: what, who, by when."""

    title: str
    owner_id: int | None
    due_date: dt.date | None
    details: str = ""  # more about what to do, when the title is not enough


def _check_action_fields(f: ReviewActionFields) -> ReviewActionFields:
    f = replace(f, title=" ".join(clean(f.title).split()), details=clean(f.details))
    problems = []
    if not f.title:
        problems.append("Action: say what is to be done.")
    if f.owner_id is None:
        problems.append("Owner: choose who will do it.")
    if f.due_date is None:
        problems.append("Due date: say by when.")
    if problems:
        raise ValidationError(problems)
    return f


def add_action(
    session: Session,
    decision_id: int,
    f: ReviewActionFields,
    user: str,
    on: dt.date | None = None,
) -> int:
    """Create an action for a decision in the actions register; returns the action's id."""
    decision, review = _load_decision(session, decision_id)
    _editable(review)
    f = _check_action_fields(f)
    raised = min(on or today(), max(review.meeting_date, review.period_end))
    return actions.create_action(
        session,
        actions.ActionFields(
            title=f.title,
            kind=_OUTPUT_KINDS.get(decision.item, ActionKind.OTHER),
            source_kind=ActionSource.MANAGEMENT_REVIEW,
            source_ref=_source_ref(review, decision),
            source_id=decision.id,
            problem=f"Decided at the management review {review.reference} "
            f"({day_text(review.meeting_date)}), D{decision.number}: {decision.text}",
            corrective_action=f.details or f.title,
            owner_id=f.owner_id,
            raised_on=raised,
            due_date=f.due_date,
        ),
        user,
        on,
    )


def _review_action(session: Session, action_id: int) -> tuple[Action, ReviewDecision, Review]:
    action = session.get(Action, action_id)
    if action is None or action.source_kind != ActionSource.MANAGEMENT_REVIEW:
        raise NotFoundError(f"Action {action_id} is not an action of a management review.")
    decision, review = _load_decision(session, action.source_id or 0)
    return action, decision, review


def update_action(
    session: Session,
    action_id: int,
    f: ReviewActionFields,
    user: str,
    on: dt.date | None = None,
) -> list[str]:
    """Change what a review action is, who owns it and when it is due (while the review's
    minutes are not approved; afterwards the actions register is where it is followed up)."""
    _action, _decision, review = _review_action(session, action_id)
    _editable(review)
    f = _check_action_fields(f)
    row = actions.get_row(session, action_id)
    details = f.details or f.title
    return actions.update_action(
        session,
        action_id,
        replace(
            row.fields(),
            title=f.title,
            owner_id=f.owner_id,
            due_date=f.due_date,
            corrective_action=details,
        ),
        user,
        on,
    )


def remove_action(session: Session, action_id: int, user: str) -> None:
    """Take an action off a decision (and out of the actions register) before approval."""
    action, _decision, review = _review_action(session, action_id)
    _editable(review)
    if action.status == ActionStatus.OPEN and not action.correction:
        # What to do was filled in from the decision, not by anyone working on it.
        action.corrective_action = ""
    actions.delete_action(session, action_id, user)


# --- approval and revisions of the minutes --------------------------------------------------


def approve(
    session: Session,
    review_id: int,
    approved_by: str,
    approved_on: dt.date,
    user: str,
) -> None:
    """Approve the minutes: the review becomes read-only and a copy of the minutes as approved is
    kept for good."""
    review = _load(session, review_id)
    _editable(review)
    approved_by = " ".join(clean(approved_by).split())
    problems = []
    if review.status == ReviewStatus.PLANNED:
        problems.append(
            f"{review.reference} is still planned: mark it as held before approving its minutes."
        )
    if not approved_by:
        problems.append("Approved by: say who approved the minutes.")
    elif len(approved_by) > MAX_LENGTHS["approved_by"]:
        problems.append(
            f"Approved by: at most {MAX_LENGTHS['approved_by']} characters are allowed."
        )
    if approved_on > today():
        problems.append("Approval date: cannot be in the future.")
    if approved_on < review.meeting_date:
        problems.append(
            f"Approval date: cannot be before the meeting ({day_text(review.meeting_date)})."
        )
    if not session.scalar(
        select(func.count()).where(
            ReviewPerson.review_id == review_id, ReviewPerson.role == AttendanceRole.ATTENDED
        )
    ):
        problems.append("Attendance: record who attended before approving the minutes.")
    if problems:
        raise ValidationError(problems)
    review.status = ReviewStatus.APPROVED
    review.approved_by = approved_by
    review.approved_on = approved_on
    session.flush()
    content = minutes(session, review_id)
    text = content.to_json()
    session.add(
        ReviewMinutes(
            review_id=review_id,
            revision=review.minutes_revision,
            approved_by=approved_by,
            approved_on=approved_on,
            reason=review.revision_reason,
            content=text,
            sha256=content.sha256(),
        )
    )
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        action="approve",
        changes=[
            history.Change("Status", STATUS_LABELS[ReviewStatus.HELD], "Minutes approved"),
            history.Change("Approved by", "", approved_by),
            history.Change("Minutes revision", "", str(review.minutes_revision)),
        ],
    )
    session.flush()


def new_revision(session: Session, review_id: int, reason: str, user: str) -> int:
    """Open approved minutes for a change as their next revision; the approved one is kept as it
    was. Returns the new revision number."""
    review = _load(session, review_id)
    reason = clean(reason)
    if review.status != ReviewStatus.APPROVED:
        raise ValidationError(
            f"{review.reference}'s minutes are not approved; they can be changed as they are."
        )
    if not reason:
        raise ValidationError("Reason: say why the approved minutes need a new revision.")
    old = review.minutes_revision
    review.minutes_revision = old + 1
    review.status = ReviewStatus.HELD
    review.approved_by = ""
    review.approved_on = None
    review.revision_reason = reason
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        action="revise",
        changes=[
            history.Change("Minutes revision", str(old), str(old + 1)),
            history.Change("Reason", "", reason),
        ],
    )
    return old + 1
