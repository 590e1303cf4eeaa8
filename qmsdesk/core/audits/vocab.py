"""The audits' words: statuses, results and kinds of finding with their labels, the
parsers of what people type (a result, a status, clause numbers), the audits' field vocabularies
and how an audit stands in the programme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum

from qmsdesk.core.catalogue import clause_numbers
from qmsdesk.core.db.models_audits import (
    AuditStatus,
    FindingClass,
    Result,
)
from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.core.text import clean, fold

ENTITY = "audit"
TEMPLATE_ENTITY = "checklist_template"
FINDING_ENTITY = "finding"

#: The shipped templates are not stored in the company file; these ids name them (stored
#: templates have ids from 1). The first is written for a manufacturer, the second for a service
#: business (no shop-floor words); both ask about every clause.
ISO_TEMPLATE_ID = 0
ISO_TEMPLATE_NAME = "ISO 9001:2015 (every clause)"
SERVICES_TEMPLATE_ID = -1
SERVICES_TEMPLATE_NAME = "ISO 9001:2015 for services (every clause)"
#: id -> (name, catalogue file, what it is for)
SHIPPED_TEMPLATES: dict[int, tuple[str, str, str]] = {
    ISO_TEMPLATE_ID: (
        ISO_TEMPLATE_NAME,
        "iso9001_checklist.tsv",
        "written for a manufacturer (machines, gauges, parts)",
    ),
    SERVICES_TEMPLATE_ID: (
        SERVICES_TEMPLATE_NAME,
        "iso9001_checklist_services.tsv",
        "written for a service business (no shop-floor words)",
    ),
}

MAX_LENGTHS = {"reference": 40, "title": 150, "template_name": 80, "process": 80}
#: Days given to correct a nonconformity when an audit opens its corrective action.
DUE_DAYS = {FindingClass.MAJOR_NC: 30, FindingClass.MINOR_NC: 60}

STATUS_LABELS: dict[AuditStatus, str] = {
    AuditStatus.PLANNED: "Planned",
    AuditStatus.IN_PROGRESS: "In progress",
    AuditStatus.REPORTED: "Reported",
    AuditStatus.CLOSED: "Closed",
}
RESULT_LABELS: dict[Result, str] = {
    Result.CONFORMING: "Conforming",
    Result.MINOR_NC: "Minor nonconformity",
    Result.MAJOR_NC: "Major nonconformity",
    Result.OFI: "Opportunity for improvement",
    Result.OBSERVATION: "Observation",
    Result.NOT_APPLICABLE: "Not applicable",
    Result.NOT_AUDITED: "Not audited",
}
#: Short forms for tick-box headings and narrow columns.
RESULT_SHORT: dict[Result, str] = {
    Result.CONFORMING: "OK",
    Result.MINOR_NC: "Minor NC",
    Result.MAJOR_NC: "Major NC",
    Result.OFI: "OFI",
    Result.OBSERVATION: "Obs.",
    Result.NOT_APPLICABLE: "N/A",
    Result.NOT_AUDITED: "Not audited",
}
FINDING_LABELS: dict[FindingClass, str] = {
    FindingClass.MAJOR_NC: "Major nonconformity",
    FindingClass.MINOR_NC: "Minor nonconformity",
    FindingClass.OFI: "Opportunity for improvement",
    FindingClass.OBSERVATION: "Observation",
}
NONCONFORMITIES = frozenset({FindingClass.MAJOR_NC, FindingClass.MINOR_NC})
FINDING_OF_RESULT = {
    Result.MAJOR_NC: FindingClass.MAJOR_NC,
    Result.MINOR_NC: FindingClass.MINOR_NC,
    Result.OFI: FindingClass.OFI,
    Result.OBSERVATION: FindingClass.OBSERVATION,
}
_RESULT_ALIASES = {
    "ok": Result.CONFORMING,
    "c": Result.CONFORMING,
    "yes": Result.CONFORMING,
    "conform": Result.CONFORMING,
    "conforms": Result.CONFORMING,
    "compliant": Result.CONFORMING,
    "minor": Result.MINOR_NC,
    "minor nc": Result.MINOR_NC,
    "nc minor": Result.MINOR_NC,
    "minor non conformity": Result.MINOR_NC,
    "major": Result.MAJOR_NC,
    "major nc": Result.MAJOR_NC,
    "nc major": Result.MAJOR_NC,
    "major non conformity": Result.MAJOR_NC,
    "ofi": Result.OFI,
    "improvement": Result.OFI,
    "obs": Result.OBSERVATION,
    "obs.": Result.OBSERVATION,
    "na": Result.NOT_APPLICABLE,
    "n/a": Result.NOT_APPLICABLE,
    "n a": Result.NOT_APPLICABLE,
    "not audited": Result.NOT_AUDITED,
    "skipped": Result.NOT_AUDITED,
}
_STATUS_ALIASES = {
    "open": AuditStatus.PLANNED,
    "started": AuditStatus.IN_PROGRESS,
    "done": AuditStatus.REPORTED,
    "complete": AuditStatus.REPORTED,
    "completed": AuditStatus.REPORTED,
}

#: The fields of an audit, of a checklist template, of a checklist question (with its answer) and
#: of a finding, declared once: error messages, the history, the Excel sheets and the PDF reports
#: take their labels from here.
AUDIT_VOCAB = Vocabulary(
    "audits",
    (
        Field(
            "reference", "Reference", "The audit's reference, such as IA-2026-03.", required=True
        ),
        Field(
            "title", "Title", "What is audited, such as 'Purchasing and suppliers'.", required=True
        ),
        Field("processes", "Processes", "The processes audited.", FieldKind.LIST),
        Field("departments", "Departments", "The departments audited.", FieldKind.LIST),
        Field(
            "clauses",
            "Clauses",
            "The clauses of ISO 9001:2015 in scope (all if empty).",
            FieldKind.LIST,
        ),
        Field("criteria", "Criteria", "What the audit checks against.", FieldKind.LONG_TEXT),
        Field(
            "planned_start",
            "Planned start",
            "When the audit is planned.",
            FieldKind.DATE,
            short="Planned",
            required=True,
        ),
        Field("planned_end", "Planned end", "", FieldKind.DATE),
        Field("actual_start", "Actual start", "", FieldKind.DATE),
        Field("actual_end", "Actual end", "", FieldKind.DATE),
        Field("lead_auditor_id", "Lead auditor"),
        Field("team_ids", "Audit team", "", FieldKind.LIST),
        Field("auditee_ids", "Auditees", "", FieldKind.LIST),
        Field("status", "Status", "", FieldKind.CHOICE, tuple(STATUS_LABELS.values())),
        Field("summary", "Summary", "The report's conclusion.", FieldKind.LONG_TEXT),
        Field("note", "Note", "", FieldKind.LONG_TEXT),
    ),
)
FIELD_LABELS = AUDIT_VOCAB.labels()
TEMPLATE_VOCAB = Vocabulary(
    "checklist templates",
    (
        Field("name", "Name", "Such as 'Purchasing process audit'.", required=True),
        Field("process", "Process", "The process the template is for."),
        Field("description", "Description", "", FieldKind.LONG_TEXT),
    ),
)
TEMPLATE_FIELD_LABELS = TEMPLATE_VOCAB.labels()
QUESTION_VOCAB = Vocabulary(
    "checklist questions",
    (
        Field(
            "clause",
            "Clause",
            "The clause of ISO 9001:2015 the question checks, such as 8.4.1.",
            required=True,
        ),
        Field(
            "question",
            "Question",
            "What the auditor asks or looks at, in plain words.",
            FieldKind.LONG_TEXT,
            required=True,
        ),
        Field(
            "hint",
            "Evidence to look for",
            "The records, documents or things to see that answer the question.",
            FieldKind.LONG_TEXT,
        ),
        Field("result", "Result", "", FieldKind.CHOICE, tuple(RESULT_LABELS.values())),
        Field(
            "evidence",
            "Evidence notes",
            "What the auditor saw: documents, records, samples, people spoken to.",
            FieldKind.LONG_TEXT,
        ),
    ),
)
QUESTION_FIELD_LABELS = QUESTION_VOCAB.labels()
FINDING_VOCAB = Vocabulary(
    "findings",
    (
        Field("clause", "Clause", "The clause of ISO 9001:2015 concerned.", required=True),
        Field("statement", "Statement", "What was found.", FieldKind.LONG_TEXT),
        Field("evidence", "Evidence", "What it was seen in.", FieldKind.LONG_TEXT),
        Field(
            "classification", "Classification", "", FieldKind.CHOICE, tuple(FINDING_LABELS.values())
        ),
    ),
)
FINDING_FIELD_LABELS = FINDING_VOCAB.labels()


def audit_problem(key: str, message: str) -> str:
    """A problem with one of an audit's fields, as messages show it ('Planned end: cannot ...')."""
    return f"{FIELD_LABELS[key]}: {message}"


def template_problem(key: str, message: str) -> str:
    return f"{TEMPLATE_FIELD_LABELS[key]}: {message}"


def finding_problem(key: str, message: str) -> str:
    return f"{FINDING_FIELD_LABELS[key]}: {message}"


def _key(text: object) -> str:
    return " ".join(fold(clean(text)).replace("_", " ").replace("-", " ").split())


def parse_result(text: object) -> Result | None:
    """A result word as people write it ('Minor NC', 'ok', 'N/A'); None for an empty cell."""
    if text is None or not clean(text):
        return None
    key = _key(text)
    for member, label in RESULT_LABELS.items():
        if key in (member.value.replace("_", " "), _key(label), _key(RESULT_SHORT[member])):
            return member
    found = _RESULT_ALIASES.get(key) or _RESULT_ALIASES.get(key.replace("nonconformity", "nc"))
    if found is None:
        allowed = ", ".join(RESULT_LABELS.values())
        raise ValueError(
            f"'{clean(text)}' is not a result QMS Desk knows. Use one of: {allowed} "
            "(or leave the cell empty when the question was not answered)."
        )
    return found


def parse_status(text: object) -> AuditStatus:
    key = _key(text)
    for member, label in STATUS_LABELS.items():
        if key in (member.value.replace("_", " "), _key(label)):
            return member
    found = _STATUS_ALIASES.get(key)
    if found is None:
        allowed = ", ".join(STATUS_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not an audit status. Use one of: {allowed}.")
    return found


def parse_finding_class(text: object) -> FindingClass:
    result = parse_result(text)
    if result is None or result not in FINDING_OF_RESULT:
        allowed = ", ".join(FINDING_LABELS.values())
        raise ValueError(f"'{clean(text)}' is not a kind of finding. Use one of: {allowed}.")
    return FINDING_OF_RESULT[result]


def parse_clause(text: object) -> str:
    """One clause number of ISO 9001:2015 ('8.5.1'); a question must check a clause."""
    number = clean(text).removeprefix("§").strip().rstrip(".")
    if number.lower().startswith("clause"):
        number = number[6:].strip()
    if not number:
        raise ValueError(
            "Every question needs the clause of ISO 9001:2015 it checks (such as 8.5.1)."
        )
    if number not in clause_numbers():
        raise ValueError(
            f"'{number}' is not a clause of ISO 9001:2015 (use numbers from 4 to 10.3, such as "
            "7.1.5.2)."
        )
    return number


def parse_clause_list(value: object) -> tuple[str, ...]:
    """'8.4, 7.5.1; 7.5' -> known clauses in the standard's order; ValueError names unknown ones."""
    parts = [p.strip().rstrip(".") for p in str(value or "").replace(";", ",").split(",")]
    wanted = [p for p in parts if p]
    known = clause_numbers()
    unknown = [p for p in wanted if p not in known]
    if unknown:
        raise ValueError(
            f"{', '.join(repr(u) for u in unknown)} "
            f"{'is not a clause' if len(unknown) == 1 else 'are not clauses'} of ISO 9001:2015 "
            "(use numbers from 4 to 10.3, such as 7.5.3)."
        )
    return tuple(sorted(set(wanted), key=known.__getitem__))


def parse_list(value: object) -> tuple[str, ...]:
    """Processes or departments: separated by semicolons or line breaks; each once."""
    if isinstance(value, list | tuple):
        parts = [clean(v) for v in value]
    else:
        parts = [clean(p) for p in str(value or "").replace(";", "\n").splitlines()]
    seen: dict[str, str] = {}
    for part in parts:
        part = " ".join(part.split())
        if part and fold(part) not in seen:
            seen[fold(part)] = part
    return tuple(seen.values())


def list_text(items: Iterable[str]) -> str:
    return "; ".join(items)


def in_scope(clause: str, scope: Iterable[str]) -> bool:
    """A question on 8.4.2 belongs to an audit of 8.4 (or of 8); an empty scope takes all."""
    scope = tuple(scope)
    if not scope:
        return True
    return any(clause == s or clause.startswith(s + ".") for s in scope)


class ProgrammeState(StrEnum):
    """How an audit stands in the programme, as the year view shows it."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    LATE = "late"


STATE_LABELS = {
    ProgrammeState.PLANNED: "Planned",
    ProgrammeState.IN_PROGRESS: "In progress",
    ProgrammeState.DONE: "Done",
    ProgrammeState.LATE: "Late",
}


def is_late(
    status: AuditStatus, planned_start: dt.date, planned_end: dt.date | None, on: dt.date
) -> bool:
    """Late: not reported yet although its planned end (or start, for a one-day audit) is past."""
    if status in (AuditStatus.REPORTED, AuditStatus.CLOSED):
        return False
    return (planned_end or planned_start) < on


def programme_state(
    status: AuditStatus, planned_start: dt.date, planned_end: dt.date | None, on: dt.date
) -> ProgrammeState:
    if status in (AuditStatus.REPORTED, AuditStatus.CLOSED):
        return ProgrammeState.DONE
    if is_late(status, planned_start, planned_end, on):
        return ProgrammeState.LATE
    if status == AuditStatus.IN_PROGRESS:
        return ProgrammeState.IN_PROGRESS
    return ProgrammeState.PLANNED


def split_lines(text: str) -> tuple[str, ...]:
    return tuple(p for p in text.split("\n") if p) if text else ()


def split_clauses(text: str) -> tuple[str, ...]:
    return tuple(c for c in text.split(", ") if c) if text else ()


def as_date(value: object) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))
