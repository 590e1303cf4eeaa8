"""What a user edits about a risk (:class:`RiskFields`) and the rules those fields obey."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields

from qmsdesk.core.db.models_risks import ReviewOutcome, RiskKind, RiskSourceKind, Treatment
from qmsdesk.core.errors import FieldProblem, ValidationError
from qmsdesk.core.risks.scale import RiskScale
from qmsdesk.core.risks.vocab import FIELD_LABELS, MAX_LENGTHS, REVIEW_LABELS


@dataclass(frozen=True)
class RiskFields:
    """Everything a user edits about a risk or opportunity, parsed; links given by their ids."""

    title: str
    likelihood: int
    consequence: int
    kind: RiskKind = RiskKind.RISK
    reference: str = ""  # empty: the next free one (R-013, OPP-005) is given on creation
    description: str = ""
    source_kind: RiskSourceKind = RiskSourceKind.OTHER
    issue_id: int | None = None
    party_id: int | None = None
    process_id: int | None = None
    owner_id: int | None = None
    treatment: Treatment = Treatment.REDUCE
    treatment_plan: str = ""
    residual_likelihood: int | None = None
    residual_consequence: int | None = None
    identified_on: dt.date | None = None  # empty: today
    next_review: dt.date | None = None
    note: str = ""


FIELD_NAMES = tuple(f.name for f in fields(RiskFields))


def _rated(name: str, value: int | None, scale: RiskScale) -> list[FieldProblem]:
    if value is None or 1 <= value <= scale.steps:
        return []
    return [
        FieldProblem(
            name,
            f"{value} is outside the company's scale: use a whole number from 1 to {scale.steps}.",
        )
    ]


def check_risk(f: RiskFields, scale: RiskScale) -> list[FieldProblem]:
    """Rules a risk's fields obey together, on the company's scale."""
    problems: list[FieldProblem] = []
    for name, limit in MAX_LENGTHS.items():
        text = getattr(f, name)
        if len(text) > limit:
            problems.append(
                FieldProblem(name, f"is {len(text)} characters long; at most {limit} are allowed.")
            )
    if not f.title:
        problems.append(FieldProblem("title", "A short title is required."))
    for name in ("likelihood", "consequence", "residual_likelihood", "residual_consequence"):
        problems += _rated(name, getattr(f, name), scale)
    if (f.residual_likelihood is None) != (f.residual_consequence is None):
        missing = "residual_likelihood" if f.residual_likelihood is None else "residual_consequence"
        problems.append(
            FieldProblem(
                missing, "Rate both likelihood and consequence after treatment, or neither."
            )
        )
    if f.kind == RiskKind.OPPORTUNITY and f.treatment not in (Treatment.PURSUE, Treatment.ACCEPT):
        problems.append(
            FieldProblem("treatment", "An opportunity is pursued (or accepted as it is).")
        )
    if f.kind == RiskKind.RISK and f.treatment == Treatment.PURSUE:
        problems.append(
            FieldProblem("treatment", "A risk is accepted, reduced, avoided or shared.")
        )
    needs = {
        RiskSourceKind.CONTEXT_ISSUE: ("issue_id", "Say which context issue it arises from."),
        RiskSourceKind.INTERESTED_PARTY: ("party_id", "Say which interested party it arises from."),
        RiskSourceKind.PROCESS: ("process_id", "Say which process it arises from."),
    }
    if f.source_kind in needs:
        name, message = needs[f.source_kind]
        if getattr(f, name) is None:
            problems.append(FieldProblem("source_ref", message))
    if f.identified_on and f.next_review and f.next_review < f.identified_on:
        problems.append(FieldProblem("next_review", "cannot be before the day it was identified."))
    return problems


def raise_problems(problems: Iterable[FieldProblem], labels: dict[str, str] | None = None) -> None:
    problems = list(problems)
    if problems:
        names = labels or FIELD_LABELS
        raise ValidationError([f"{names.get(p.field, p.field)}: {p.message}" for p in problems])


@dataclass(frozen=True)
class ReviewFields:
    """An effectiveness review of the actions taken on a risk."""

    reviewed_on: dt.date
    reviewed_by_id: int | None
    outcome: ReviewOutcome
    note: str = ""


def check_review(f: ReviewFields, on: dt.date) -> list[FieldProblem]:
    problems = []
    if f.reviewed_on > on:
        problems.append(FieldProblem("reviewed_on", "cannot be in the future."))
    if f.reviewed_by_id is None:
        problems.append(FieldProblem("reviewed_by_id", "Say who reviewed the actions."))
    if not f.note.strip():
        problems.append(
            FieldProblem("note", "Say what was looked at to judge whether the actions worked.")
        )
    return problems


def raise_review_problems(problems: Iterable[FieldProblem]) -> None:
    raise_problems(problems, REVIEW_LABELS)
