"""What approved minutes of a management review must hold (clause 9.3): a chair, every input either
discussed or marked "nothing to report" by the quality lead, and the conclusion of 9.3.1 on the
system's suitability, adequacy, effectiveness and alignment with the strategic direction."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.db.models_reviews import Review, ReviewInput, ReviewStatus
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.reviews.minutes_data import agenda_item
from qmsdesk.core.reviews.vocab import ENTITY
from qmsdesk.core.service import load
from qmsdesk.core.text import clean

CONCLUSION_LIMIT = 4000


@dataclass(frozen=True)
class Conclusion:
    """The conclusion of clause 9.3.1, in the review's own words."""

    suitability: str = ""  # does the system still fit the company and its context?
    adequacy: str = ""  # is it enough for what the company must achieve?
    effectiveness: str = ""  # does it deliver the intended results?
    alignment: str = ""  # is it in line with the strategic direction?


CONCLUSION_FIELDS = tuple(f.name for f in fields(Conclusion))
CONCLUSION_LABELS = {
    "suitability": "Suitability",
    "adequacy": "Adequacy",
    "effectiveness": "Effectiveness",
    "alignment": "Alignment with the strategic direction",
}
CONCLUSION_HELP = {
    "suitability": "Does the quality system still fit the company, its context and its work?",
    "adequacy": "Is it enough to meet the requirements and the objectives?",
    "effectiveness": "Does it deliver the results it is meant to?",
    "alignment": "Is it in line with where the company's leaders want it to go?",
}


def conclusion_of(session: Session, review_id: int) -> dict[str, str]:
    review = load(session, Review, review_id, "Review", note="")
    return {n: getattr(review, n) for n in CONCLUSION_FIELDS}


def _editable_review(session: Session, review_id: int) -> Review:
    review = load(session, Review, review_id, "Review", note="")
    if review.status == ReviewStatus.APPROVED:
        raise ValidationError(
            f"{review.reference}'s minutes are approved and cannot change; start a new revision "
            "of them first."
        )
    return review


def set_conclusion(session: Session, review_id: int, c: Conclusion, user: str) -> list[str]:
    """Write the conclusion of 9.3.1; returns the labels of the parts that changed."""
    review = _editable_review(session, review_id)
    changes = []
    problems = []
    for name in CONCLUSION_FIELDS:
        new = clean(getattr(c, name))
        if len(new) > CONCLUSION_LIMIT:
            problems.append(f"{CONCLUSION_LABELS[name]}: at most {CONCLUSION_LIMIT} characters.")
            continue
        old = getattr(review, name)
        if old != new:
            changes.append(history.Change(CONCLUSION_LABELS[name], old, new))
            setattr(review, name, new)
    if problems:
        raise ValidationError(problems)
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


def set_nothing_to_report(
    session: Session, review_id: int, item: str, value: bool, user: str
) -> bool:
    """The lead marks an input as having nothing to report (or takes the mark back)."""
    review = _editable_review(session, review_id)
    section = session.scalar(
        select(ReviewInput).where(ReviewInput.review_id == review_id, ReviewInput.item == item)
    )
    if section is None:
        raise ValidationError(f"{review.reference} has no input {item}.")
    if bool(section.nothing_to_report) == value:
        return False
    section.nothing_to_report = value
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=review.id,
        ref=review.reference,
        action="edit",
        changes=[
            history.Change(
                f"{item} nothing to report", "No" if value else "Yes", "Yes" if value else "No"
            )
        ],
    )
    return True


def approval_problems(session: Session, review: Review) -> list[str]:
    """What keeps the minutes from being approved: no chair, an input neither discussed nor
    marked "nothing to report", a part of the 9.3.1 conclusion left blank."""
    problems = []
    if review.chair_id is None and not review.chair_name.strip():
        problems.append("Chair: say who chaired the review before approving its minutes.")
    blank = [
        row.item
        for row in session.scalars(select(ReviewInput).where(ReviewInput.review_id == review.id))
        if not row.narrative.strip() and not row.nothing_to_report
    ]
    if blank:
        named = ", ".join(f"{i} {_title(i)}" for i in sorted(blank))
        problems.append(
            f"Inputs: {len(blank)} input(s) neither discussed nor marked 'nothing to report': "
            f"{named}."
        )
    missing = [CONCLUSION_LABELS[n].lower() for n in CONCLUSION_FIELDS if not getattr(review, n)]
    if missing:
        problems.append(
            "Conclusion (9.3.1): say what the review concluded on the quality system's "
            f"{', '.join(missing)}."
        )
    return problems


def _title(item: str) -> str:
    try:
        return f"({agenda_item(item).title})"
    except (KeyError, LookupError, ValueError):
        return ""
