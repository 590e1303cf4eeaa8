"""What a user edits about feedback and satisfaction results, and the rules they obey."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields

from qmsdesk.core.dates import today
from qmsdesk.core.db.models_feedback import FeedbackKind, Severity
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.feedback.vocab import (
    MAX_LENGTHS,
    SURVEY_MAX_LENGTHS,
    parse_kind,
    parse_severity,
)
from qmsdesk.core.recordkit import not_future, parse_fields, parse_id, parse_int, parse_number
from qmsdesk.core.recordkit import too_long as _too_long
from qmsdesk.core.text import clean


@dataclass(frozen=True)
class FeedbackFields:
    """Everything a user edits about one complaint, compliment or return."""

    kind: FeedbackKind
    customer: str
    received_on: dt.date | None = None  # empty: today
    reference: str = ""  # empty: the next free one
    product: str = ""
    description: str = ""
    severity: Severity | None = None
    owner_id: int | None = None
    respond_by: dt.date | None = None  # empty for a complaint: by its severity
    response: str = ""
    responded_on: dt.date | None = None
    closed_on: dt.date | None = None
    action_id: int | None = None
    note: str = ""


FEEDBACK_FIELDS = tuple(f.name for f in fields(FeedbackFields))


def check_feedback(f: FeedbackFields, on: dt.date | None = None) -> list[FieldProblem]:
    on = on or today()
    problems = _too_long(f, MAX_LENGTHS)
    if not f.customer:
        problems.append(FieldProblem("customer", "Say which customer it came from."))
    problems += not_future(f, ("received_on", "responded_on", "closed_on"), on)
    received = f.received_on or on
    if f.kind == FeedbackKind.COMPLIMENT and f.severity is not None:
        problems.append(FieldProblem("severity", "A compliment has no severity."))
    for name in ("respond_by", "responded_on", "closed_on"):
        day = getattr(f, name)
        if day is not None and day < received:
            problems.append(FieldProblem(name, "cannot be before the day it was received."))
    if f.responded_on is not None and not f.response:
        problems.append(FieldProblem("response", "Say what was answered on that day."))
    if f.closed_on is not None and f.kind != FeedbackKind.COMPLIMENT:
        if not f.response:
            problems.append(
                FieldProblem(
                    "closed_on",
                    f"A {f.kind.value} is closed only once the customer has had a response: "
                    "write what was answered first.",
                )
            )
        if f.responded_on is not None and f.closed_on < f.responded_on:
            problems.append(FieldProblem("closed_on", "cannot be before the response."))
    return problems


_PARSERS = {
    "kind": parse_kind,
    "severity": parse_severity,
    "owner_id": parse_id,
    "action_id": parse_id,
}


def feedback_from_values(
    values: Mapping[str, object], on: dt.date | None = None
) -> tuple[FeedbackFields | None, list[FieldProblem]]:
    """Typed text parsed into fields (dialogs and importers), every problem collected."""
    if not clean(values.get("kind")):
        return None, [FieldProblem("kind", "Say whether it is a complaint, compliment or return.")]
    return parse_fields(
        FeedbackFields, values, _PARSERS, lambda f: check_feedback(f, on), {"customer": ""}
    )


@dataclass(frozen=True)
class SurveyFields:
    """One customer satisfaction result (a survey over a period)."""

    period_start: dt.date
    period_end: dt.date
    score: float
    reference: str = ""  # empty: CS-<year of the period's end>-<n>
    method: str = ""
    sent: int | None = None
    responses: int = 0
    comments: str = ""


SURVEY_FIELDS = tuple(f.name for f in fields(SurveyFields))


def check_survey(
    f: SurveyFields, scale: tuple[int, int], on: dt.date | None = None
) -> list[FieldProblem]:
    on = on or today()
    problems = _too_long(f, SURVEY_MAX_LENGTHS)
    if f.period_end < f.period_start:
        problems.append(FieldProblem("period_end", "cannot be before the period starts."))
    if f.period_start > on:
        problems.append(FieldProblem("period_start", "cannot be in the future."))
    low, high = scale
    if not low <= f.score <= high:
        problems.append(
            FieldProblem(
                "score",
                f"{f.score:g} is outside the company's scale: a score goes from {low} to {high}.",
            )
        )
    if f.responses < 0:
        problems.append(FieldProblem("responses", "cannot be negative."))
    if f.sent is not None and f.sent < f.responses:
        problems.append(FieldProblem("sent", "fewer customers asked than answered."))
    if not f.method:
        problems.append(FieldProblem("method", "Say how customers were asked."))
    return problems


def _whole(value: object) -> int:
    found = parse_int(value)
    return 0 if found is None else found


def survey_from_values(
    values: Mapping[str, object], scale: tuple[int, int], on: dt.date | None = None
) -> tuple[SurveyFields | None, list[FieldProblem]]:
    missing = [
        FieldProblem(name, "is required.")
        for name in ("period_start", "period_end", "score")
        if not clean(values.get(name))
    ]
    if missing:
        return None, missing
    return parse_fields(
        SurveyFields,
        values,
        {"sent": parse_int, "responses": _whole, "score": parse_number},
        lambda f: check_survey(f, scale, on),
    )
