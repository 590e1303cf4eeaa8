"""A management review's words and fields: statuses, labels, limits, and the rules its fields
obey together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields

from qmsdesk.core.db.models_reviews import ReviewStatus
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.reviews.drafting import day_text

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
