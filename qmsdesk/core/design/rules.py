"""The design register's words, the fields of a project and of a stage record, and their rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields

from qmsdesk.core.dates import today
from qmsdesk.core.db.models_design import DesignStatus, StageKind
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.core.recordkit import choice_parser, not_future, parse_fields, parse_id, too_long
from qmsdesk.core.text import clean

ENTITY = "design"
CLAUSE = "8.3"
EXCLUDED_MESSAGE = (
    "Design and development (8.3) is excluded from the scope of the quality system, so no "
    "design project is kept. Remove the exclusion from the scope first if the company designs."
)
MAX_LENGTHS = {"reference": 40, "title": 150, "customer": 120}

STATUS_LABELS: dict[DesignStatus, str] = {
    DesignStatus.ACTIVE: "Active",
    DesignStatus.ON_HOLD: "On hold",
    DesignStatus.COMPLETED: "Completed",
    DesignStatus.CANCELLED: "Cancelled",
}
STAGE_LABELS: dict[StageKind, str] = {
    StageKind.PLANNING: "Planning",
    StageKind.INPUTS: "Inputs",
    StageKind.REVIEW: "Design review",
    StageKind.VERIFICATION: "Verification",
    StageKind.VALIDATION: "Validation",
    StageKind.OUTPUTS: "Outputs",
    StageKind.CHANGE: "Design change",
}
STAGE_CLAUSES: dict[StageKind, str] = {
    StageKind.PLANNING: "8.3.2",
    StageKind.INPUTS: "8.3.3",
    StageKind.REVIEW: "8.3.4",
    StageKind.VERIFICATION: "8.3.4",
    StageKind.VALIDATION: "8.3.4",
    StageKind.OUTPUTS: "8.3.5",
    StageKind.CHANGE: "8.3.6",
}
#: The stages whose record must say what came of them (the auditor reads the outcome).
OUTCOME_NEEDED = frozenset(
    {StageKind.REVIEW, StageKind.VERIFICATION, StageKind.VALIDATION, StageKind.CHANGE}
)

PROJECT_VOCAB = Vocabulary(
    "design projects",
    (
        Field("reference", "Reference", "The project's reference (DP-2026-001).", required=True),
        Field("title", "Title", "What is being designed.", required=True),
        Field("customer", "Customer", "Who it is designed for (if for a customer)."),
        Field(
            "description",
            "Description",
            "The purpose and the main requirements.",
            FieldKind.LONG_TEXT,
        ),
        Field("owner_id", "Design lead", "Who leads the project.", short="Lead"),
        Field(
            "started_on", "Started on", "When the project started.", FieldKind.DATE, short="Started"
        ),
        Field(
            "status",
            "Status",
            "Active, on hold, completed or cancelled.",
            FieldKind.CHOICE,
            tuple(STATUS_LABELS.values()),
        ),
        Field(
            "completed_on",
            "Completed on",
            "When the design was released.",
            FieldKind.DATE,
            short="Completed",
        ),
        Field("note", "Note", "Anything else.", FieldKind.LONG_TEXT),
    ),
)
PROJECT_LABELS = PROJECT_VOCAB.labels()

STAGE_VOCAB = Vocabulary(
    "design stages",
    (
        Field("project", "Project", "The project's reference.", required=True),
        Field(
            "kind",
            "Stage",
            "Planning, inputs, review, verification, validation, outputs or change.",
            FieldKind.CHOICE,
            tuple(STAGE_LABELS.values()),
            required=True,
        ),
        Field("held_on", "Date", "When it took place.", FieldKind.DATE, required=True),
        Field(
            "summary",
            "What was done",
            "What was planned, given, reviewed or tested.",
            FieldKind.LONG_TEXT,
            short="Summary",
        ),
        Field(
            "outcome",
            "Outcome",
            "What came of it: decisions, results, actions.",
            FieldKind.LONG_TEXT,
        ),
        Field(
            "participants",
            "Who took part",
            "The people present, comma-separated.",
            FieldKind.LIST,
            short="Participants",
        ),
        Field(
            "files",
            "Files",
            "The files attached to the record (added in QMS Desk).",
            FieldKind.LIST,
        ),
    ),
)
STAGE_LABELS_BY_FIELD = STAGE_VOCAB.labels()

parse_status = choice_parser(STATUS_LABELS, "a status of a design project")
parse_stage = choice_parser(
    STAGE_LABELS,
    "a design stage",
    {
        "review": StageKind.REVIEW,
        "change": StageKind.CHANGE,
        "design input": StageKind.INPUTS,
        "design output": StageKind.OUTPUTS,
        "plan": StageKind.PLANNING,
    },
)


@dataclass(frozen=True)
class ProjectFields:
    title: str
    reference: str = ""
    customer: str = ""
    description: str = ""
    owner_id: int | None = None
    started_on: dt.date | None = None  # empty: today
    status: DesignStatus = DesignStatus.ACTIVE
    completed_on: dt.date | None = None
    note: str = ""


PROJECT_FIELDS = tuple(f.name for f in fields(ProjectFields))


def check_project(f: ProjectFields, on: dt.date | None = None) -> list[FieldProblem]:
    on = on or today()
    problems = too_long(f, MAX_LENGTHS)
    if not f.title:
        problems.append(FieldProblem("title", "Say what is being designed."))
    problems += not_future(f, ("started_on", "completed_on"), on)
    if f.status == DesignStatus.COMPLETED and f.completed_on is None:
        problems.append(FieldProblem("completed_on", "Say when the design was completed."))
    if f.completed_on is not None and f.status != DesignStatus.COMPLETED:
        problems.append(FieldProblem("status", "A project with a completion date is Completed."))
    start = f.started_on or on
    if f.completed_on is not None and f.completed_on < start:
        problems.append(FieldProblem("completed_on", "cannot be before the project started."))
    return problems


def project_from_values(
    values: Mapping[str, object], on: dt.date | None = None
) -> tuple[ProjectFields | None, list[FieldProblem]]:
    if "status" in values and not clean(values["status"]):
        values = {**values, "status": "active"}
    return parse_fields(
        ProjectFields,
        values,
        {"status": parse_status, "owner_id": parse_id},
        lambda f: check_project(f, on),
        {"title": ""},
    )


@dataclass(frozen=True)
class StageFields:
    kind: StageKind
    held_on: dt.date
    summary: str = ""
    outcome: str = ""
    participants: str = ""


STAGE_FIELDS = tuple(f.name for f in fields(StageFields))


def check_stage(
    f: StageFields, started_on: dt.date | None, on: dt.date | None = None
) -> list[FieldProblem]:
    on = on or today()
    problems = not_future(f, ("held_on",), on)
    if started_on is not None and f.held_on < started_on:
        problems.append(FieldProblem("held_on", "cannot be before the project started."))
    if not f.summary:
        problems.append(FieldProblem("summary", "Say what was done at this stage."))
    if f.kind in OUTCOME_NEEDED and not f.outcome:
        problems.append(
            FieldProblem("outcome", f"A {STAGE_LABELS[f.kind].lower()} records its outcome.")
        )
    if f.kind == StageKind.REVIEW and not f.participants:
        problems.append(FieldProblem("participants", "Say who took part in the review."))
    if len(f.participants) > 500:
        problems.append(FieldProblem("participants", "at most 500 characters are allowed."))
    return problems


def stage_from_values(
    values: Mapping[str, object], started_on: dt.date | None, on: dt.date | None = None
) -> tuple[StageFields | None, list[FieldProblem]]:
    missing = [
        FieldProblem(n, "is required.") for n in ("kind", "held_on") if not clean(values.get(n))
    ]
    if missing:
        return None, missing
    return parse_fields(
        StageFields, values, {"kind": parse_stage}, lambda f: check_stage(f, started_on, on)
    )
