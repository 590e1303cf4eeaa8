"""Writing a management review: the meeting, its attendance, and its inputs (narratives, drafts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.dates import today, utcnow
from qmsdesk.core.db.fast import raw_rows
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
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.reviews.draft import Draft, Period, day_text, drafters
from qmsdesk.core.reviews.minutes_data import agenda_item, inputs
from qmsdesk.core.reviews.reading import _actions_of, _editable, _load, attendance, next_reference
from qmsdesk.core.reviews.vocab import (
    ENTITY,
    FIELD_LABELS,
    FIELD_NAMES,
    STATUS_LABELS,
    ReviewFields,
    _raise,
    check_fields,
)
from qmsdesk.core.service import delete_with_history, ensure_unique
from qmsdesk.core.text import clean

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
    if found is not None:
        ensure_unique(
            found[0],
            review_id,
            f"Reference: another review already has the reference '{found[1]}'; references "
            "must differ (capitals do not count).",
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
    delete_with_history(
        session,
        review,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        changes=[history.Change("Meeting date", review.meeting_date.isoformat(), "")],
    )


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
    # Stamped with the day it is drafted for: a review drafted as of an earlier day (the demo's
    # history) says that day, not the day the file was written.
    now = utcnow()
    if on is not None and on < now.date():
        now = dt.datetime.combine(on, now.time())
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
