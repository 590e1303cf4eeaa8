"""The changes register's words, its fields and the rules they obey."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields

from qmsdesk.core.dates import today
from qmsdesk.core.db.models_changes import ChangeScope, ChangeStatus
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.core.recordkit import choice_parser, not_future, parse_fields, parse_id, too_long
from qmsdesk.core.text import clean

ENTITY = "change"
#: The results of a change are reviewed this many months after it was made, unless a date is set.
REVIEW_MONTHS = 3
MAX_LENGTHS = {"reference": 40, "title": 150}

STATUS_LABELS: dict[ChangeStatus, str] = {
    ChangeStatus.PROPOSED: "Proposed",
    ChangeStatus.APPROVED: "Approved",
    ChangeStatus.IMPLEMENTED: "Implemented",
    ChangeStatus.REVIEWED: "Reviewed",
    ChangeStatus.REJECTED: "Rejected",
}
SCOPE_LABELS: dict[ChangeScope, str] = {
    ChangeScope.SYSTEM: "Quality system (6.3)",
    ChangeScope.PRODUCTION: "Production (8.5.6)",
    ChangeScope.BOTH: "Both",
}

CHANGE_VOCAB = Vocabulary(
    "changes",
    (
        Field("reference", "Reference", "The change's reference (CHG-2026-002).", required=True),
        Field("title", "Title", "What the change is, in a few words.", required=True),
        Field(
            "scope",
            "Touches",
            "The quality system (6.3), production (8.5.6) or both.",
            FieldKind.CHOICE,
            tuple(SCOPE_LABELS.values()),
        ),
        Field("description", "What changes", "What will be different.", FieldKind.LONG_TEXT),
        Field("reason", "Why", "The reason for the change.", FieldKind.LONG_TEXT),
        Field(
            "system_impact",
            "Impact on the quality system",
            "Processes, documents, responsibilities and resources affected.",
            FieldKind.LONG_TEXT,
            short="System impact",
        ),
        Field(
            "product_impact",
            "Impact on products",
            "Parts, customers and conformity affected.",
            FieldKind.LONG_TEXT,
            short="Product impact",
        ),
        Field(
            "raised_on",
            "Raised on",
            "When the change was proposed.",
            FieldKind.DATE,
            short="Raised",
        ),
        Field("owner_id", "Owner", "Who carries the change through."),
        Field("approved_by_id", "Approved by", "Who authorised the change."),
        Field(
            "approved_on",
            "Approved on",
            "When it was authorised.",
            FieldKind.DATE,
            short="Approved",
        ),
        Field(
            "actions",
            "Actions",
            "What must be done, by whom (and action references).",
            FieldKind.LONG_TEXT,
        ),
        Field("implemented_on", "Made on", "When the change took effect.", FieldKind.DATE),
        Field(
            "review_due",
            "Review results by",
            "When the results are to be reviewed.",
            FieldKind.DATE,
            short="Review due",
        ),
        Field(
            "reviewed_on",
            "Reviewed on",
            "When the results were reviewed.",
            FieldKind.DATE,
            short="Reviewed",
        ),
        Field("reviewed_by_id", "Reviewed by", "Who reviewed the results."),
        Field(
            "review_result",
            "Review of the results",
            "Did the change work, and without side effects?",
            FieldKind.LONG_TEXT,
            short="Result",
        ),
        Field(
            "status",
            "Status",
            "Proposed, approved, implemented, reviewed or rejected.",
            FieldKind.CHOICE,
            tuple(STATUS_LABELS.values()),
        ),
        Field("note", "Note", "Anything else.", FieldKind.LONG_TEXT),
    ),
)
FIELD_LABELS = CHANGE_VOCAB.labels()

parse_status = choice_parser(
    STATUS_LABELS,
    "a status of a change",
    {"done": ChangeStatus.IMPLEMENTED, "closed": ChangeStatus.REVIEWED},
)
parse_scope = choice_parser(
    SCOPE_LABELS,
    "what a change touches",
    {
        "quality system": ChangeScope.SYSTEM,
        "system": ChangeScope.SYSTEM,
        "production": ChangeScope.PRODUCTION,
        "6.3": ChangeScope.SYSTEM,
        "8.5.6": ChangeScope.PRODUCTION,
    },
)


@dataclass(frozen=True)
class ChangeFields:
    title: str
    scope: ChangeScope = ChangeScope.SYSTEM
    reference: str = ""  # empty: the next free one
    description: str = ""
    reason: str = ""
    system_impact: str = ""
    product_impact: str = ""
    raised_on: dt.date | None = None  # empty: today
    owner_id: int | None = None
    approved_by_id: int | None = None
    approved_on: dt.date | None = None
    actions: str = ""
    implemented_on: dt.date | None = None
    review_due: dt.date | None = None
    reviewed_on: dt.date | None = None
    reviewed_by_id: int | None = None
    review_result: str = ""
    status: ChangeStatus = ChangeStatus.PROPOSED
    note: str = ""


CHANGE_FIELDS = tuple(f.name for f in fields(ChangeFields))
PEOPLE = ("owner_id", "approved_by_id", "reviewed_by_id")


def check_change(f: ChangeFields, on: dt.date | None = None) -> list[FieldProblem]:
    """The status asks for what it says happened: an approval, the change made, its review."""
    on = on or today()
    problems = too_long(f, MAX_LENGTHS)
    if not f.title:
        problems.append(FieldProblem("title", "A short title is required."))
    if not f.description:
        problems.append(FieldProblem("description", "Say what changes."))
    if not f.reason:
        problems.append(FieldProblem("reason", "Say why the change is made."))
    problems += not_future(f, ("raised_on", "approved_on", "implemented_on", "reviewed_on"), on)
    raised = f.raised_on or on
    for name in ("approved_on", "implemented_on", "reviewed_on"):
        day = getattr(f, name)
        if day is not None and day < raised:
            problems.append(FieldProblem(name, "cannot be before the change was raised."))
    status = f.status
    approved = status in (ChangeStatus.APPROVED, ChangeStatus.IMPLEMENTED, ChangeStatus.REVIEWED)
    if approved:
        if f.approved_by_id is None:
            problems.append(FieldProblem("approved_by_id", "Say who approved the change."))
        if f.approved_on is None:
            problems.append(FieldProblem("approved_on", "Say when the change was approved."))
        if not (f.system_impact or f.product_impact):
            problems.append(
                FieldProblem(
                    "system_impact",
                    "Say what the change does to the quality system or to products before it "
                    "is approved.",
                )
            )
    if status in (ChangeStatus.IMPLEMENTED, ChangeStatus.REVIEWED):
        if f.implemented_on is None:
            problems.append(FieldProblem("implemented_on", "Say when the change was made."))
        elif f.approved_on is not None and f.implemented_on < f.approved_on:
            problems.append(FieldProblem("implemented_on", "cannot be before the approval."))
    if (
        f.review_due is not None
        and f.implemented_on is not None
        and (f.review_due < f.implemented_on)
    ):
        problems.append(FieldProblem("review_due", "cannot be before the change was made."))
    if status == ChangeStatus.REVIEWED:
        if f.reviewed_on is None:
            problems.append(FieldProblem("reviewed_on", "Say when the results were reviewed."))
        if f.reviewed_by_id is None:
            problems.append(FieldProblem("reviewed_by_id", "Say who reviewed the results."))
        if not f.review_result:
            problems.append(FieldProblem("review_result", "Say what the review found."))
        if f.reviewed_on and f.implemented_on and f.reviewed_on < f.implemented_on:
            problems.append(FieldProblem("reviewed_on", "cannot be before the change was made."))
    elif f.reviewed_on is not None and status != ChangeStatus.REJECTED:
        problems.append(
            FieldProblem("status", "The results were reviewed: set the status to Reviewed.")
        )
    return problems


_PARSERS = {
    "scope": parse_scope,
    "status": parse_status,
    **{name: parse_id for name in PEOPLE},
}


def change_from_values(
    values: Mapping[str, object], on: dt.date | None = None
) -> tuple[ChangeFields | None, list[FieldProblem]]:
    defaults: dict[str, object] = {"title": ""}
    if "scope" in values and not clean(values["scope"]):
        values = {**values, "scope": "system"}
    if "status" in values and not clean(values["status"]):
        values = {**values, "status": "proposed"}
    return parse_fields(ChangeFields, values, _PARSERS, lambda f: check_change(f, on), defaults)
