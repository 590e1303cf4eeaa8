"""Internal audits (ISO 9001:2015 clause 9.2): programme, checklists, answers and findings.

* **Checklist templates.** The ISO 9001:2015 template ships with the app (catalogue
  ``iso9001_checklist.tsv``: questions for every clause, in our own words, with the evidence to look
  for); it is read-only and shown with the id :data:`ISO_TEMPLATE_ID`. The lead copies it, or writes
  process templates (purchasing, production), which live in the company file.
* **Audits** take their questions from one or more templates, filtered by the audit's clause scope.
  Questions are copied into the audit, so editing a template never changes an audit on record.
* **Answers** give each question a result and evidence notes. Every nonconformity, opportunity
  for improvement and observation becomes a finding; every nonconformity opens a corrective action
  in the shared actions register (:mod:`qmsdesk.core.actions`).
* **The programme** shows per month what is planned, done and late, which clauses were audited in
  the last 12 months, and warns when an auditor would audit their own work (clause 9.2.2 c).

Services take a session and return plain data; callers own the transaction.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from qmsdesk.core import actions, history
from qmsdesk.core.catalogue import CATALOGUE_DIR, clause_numbers, clause_title, clauses
from qmsdesk.core.dates import add_months, parse_date, today, utcnow
from qmsdesk.core.db.fast import insert_many, raw_rows
from qmsdesk.core.db.models import DocStatus, Document
from qmsdesk.core.db.models_audits import (
    Action,
    ActionKind,
    ActionSource,
    ActionStatus,
    Audit,
    AuditPerson,
    AuditQuestion,
    AuditRole,
    AuditStatus,
    ChecklistQuestion,
    ChecklistTemplate,
    Finding,
    FindingClass,
    Result,
)
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.errors import NotFoundError, ValidationError
from qmsdesk.core.text import clean, fold

ENTITY = "audit"
TEMPLATE_ENTITY = "checklist_template"
FINDING_ENTITY = "finding"

#: The shipped ISO 9001:2015 template is not stored in the company file; this id names it.
ISO_TEMPLATE_ID = 0
ISO_TEMPLATE_NAME = "ISO 9001:2015 (every clause)"

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

FIELD_LABELS = {
    "reference": "Reference",
    "title": "Title",
    "processes": "Processes",
    "departments": "Departments",
    "clauses": "Clauses",
    "criteria": "Criteria",
    "planned_start": "Planned start",
    "planned_end": "Planned end",
    "actual_start": "Actual start",
    "actual_end": "Actual end",
    "lead_auditor_id": "Lead auditor",
    "team_ids": "Audit team",
    "auditee_ids": "Auditees",
    "status": "Status",
    "summary": "Summary",
    "note": "Note",
}


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


# --- the shipped checklist -------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionFields:
    """A checklist question: the clause it checks, what to ask, the evidence to look for."""

    clause: str
    question: str
    hint: str = ""


@functools.cache
def iso_questions() -> tuple[QuestionFields, ...]:
    """The shipped ISO 9001:2015 checklist, in the standard's order."""
    path = CATALOGUE_DIR / "iso9001_checklist.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        found = [
            QuestionFields(r["clause"].strip(), r["question"].strip(), r["hint"].strip())
            for r in rows
        ]
    order = clause_numbers()
    return tuple(sorted(found, key=lambda q: order[q.clause]))


def check_question(q: QuestionFields) -> list[str]:
    problems = []
    try:
        parse_clause(q.clause)
    except ValueError as exc:
        problems.append(str(exc))
    if not q.question:
        problems.append("A question is required.")
    return problems


# --- templates -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateFields:
    name: str
    process: str = ""
    description: str = ""


@dataclass(frozen=True)
class TemplateRow:
    id: int
    name: str
    process: str
    description: str
    questions: int

    @property
    def builtin(self) -> bool:
        return self.id == ISO_TEMPLATE_ID


@dataclass(frozen=True)
class TemplateQuestionRow:
    id: int | None  # None for the shipped template
    position: int
    clause: str
    question: str
    hint: str

    def fields(self) -> QuestionFields:
        return QuestionFields(self.clause, self.question, self.hint)


def iso_template_row() -> TemplateRow:
    return TemplateRow(
        ISO_TEMPLATE_ID,
        ISO_TEMPLATE_NAME,
        "",
        "Shipped with QMS Desk: at least one question for every clause of ISO 9001:2015. "
        "Copy it to change it.",
        len(iso_questions()),
    )


def all_templates(session: Session) -> list[TemplateRow]:
    """The shipped ISO template first, then the company's templates by name."""
    counts = dict(
        raw_rows(
            session,
            select(ChecklistQuestion.template_id, func.count()).group_by(
                ChecklistQuestion.template_id
            ),
        )
    )
    stmt = select(
        ChecklistTemplate.id,
        ChecklistTemplate.name,
        ChecklistTemplate.process,
        ChecklistTemplate.description,
    )
    rows = [TemplateRow(*r, counts.get(r[0], 0)) for r in raw_rows(session, stmt)]
    rows.sort(key=lambda t: fold(t.name))
    return [iso_template_row(), *rows]


def template_id_for_name(session: Session, name: str) -> int | None:
    if fold(clean(name)) == fold(ISO_TEMPLATE_NAME):
        return ISO_TEMPLATE_ID
    return session.scalar(select(ChecklistTemplate.id).where(ChecklistTemplate.name == clean(name)))


def template_questions(session: Session, template_id: int) -> list[TemplateQuestionRow]:
    if template_id == ISO_TEMPLATE_ID:
        return [
            TemplateQuestionRow(None, n, q.clause, q.question, q.hint)
            for n, q in enumerate(iso_questions(), 1)
        ]
    _load_template(session, template_id)
    stmt = (
        select(
            ChecklistQuestion.id,
            ChecklistQuestion.position,
            ChecklistQuestion.clause,
            ChecklistQuestion.question,
            ChecklistQuestion.hint,
        )
        .where(ChecklistQuestion.template_id == template_id)
        .order_by(ChecklistQuestion.position, ChecklistQuestion.id)
    )
    return [TemplateQuestionRow(*r) for r in raw_rows(session, stmt)]


def _load_template(session: Session, template_id: int) -> ChecklistTemplate:
    if template_id == ISO_TEMPLATE_ID:
        raise ValidationError(
            f"'{ISO_TEMPLATE_NAME}' ships with QMS Desk and cannot be changed: copy it and change "
            "the copy."
        )
    template = session.get(ChecklistTemplate, template_id)
    if template is None:
        raise NotFoundError(f"Checklist template {template_id} does not exist.")
    return template


def check_template(f: TemplateFields) -> list[str]:
    problems = []
    if not f.name:
        problems.append("Name: a template needs a name.")
    elif len(f.name) > MAX_LENGTHS["template_name"]:
        problems.append(f"Name: at most {MAX_LENGTHS['template_name']} characters are allowed.")
    elif fold(f.name) == fold(ISO_TEMPLATE_NAME):
        problems.append("Name: that is the name of the shipped template; choose another.")
    if len(f.process) > MAX_LENGTHS["process"]:
        problems.append(f"Process: at most {MAX_LENGTHS['process']} characters are allowed.")
    return problems


def _ensure_unique_template(session: Session, name: str, template_id: int | None) -> None:
    found = template_id_for_name(session, name)
    if found is not None and found != template_id:
        raise ValidationError(f"Name: there is already a template called '{name}'.")


def create_template(
    session: Session,
    f: TemplateFields,
    user: str,
    questions: Sequence[QuestionFields] = (),
) -> int:
    f = TemplateFields(clean(f.name), clean(f.process), clean(f.description))
    problems = check_template(f)
    problems += _question_problems(questions)
    if problems:
        raise ValidationError(problems)
    _ensure_unique_template(session, f.name, None)
    template = ChecklistTemplate(name=f.name, process=f.process, description=f.description)
    session.add(template)
    session.flush()
    _insert_questions(session, template.id, questions)
    history.record(
        session,
        user=user,
        entity=TEMPLATE_ENTITY,
        entity_id=template.id,
        ref=f.name,
        action="create",
        changes=[history.Change("Questions", "", str(len(questions)))],
    )
    return template.id


def _question_problems(questions: Sequence[QuestionFields]) -> list[str]:
    return [f"Question {n}: {p}" for n, q in enumerate(questions, 1) for p in check_question(q)]


def _insert_questions(
    session: Session, template_id: int, questions: Sequence[QuestionFields]
) -> None:
    rows = [
        {
            "template_id": template_id,
            "position": n,
            "clause": parse_clause(q.clause),
            "question": clean(q.question),
            "hint": clean(q.hint),
        }
        for n, q in enumerate(questions, 1)
    ]
    insert_many(session, ChecklistQuestion.__table__, rows)  # type: ignore[arg-type]


def copy_template(session: Session, source_id: int, name: str, user: str) -> int:
    """A new template with the questions of another (the shipped one included), to be edited."""
    source = template_questions(session, source_id)
    process = ""
    if source_id != ISO_TEMPLATE_ID:
        process = _load_template(session, source_id).process
    return create_template(
        session,
        TemplateFields(name, process, f"Copied from {template_name(session, source_id)}."),
        user,
        [q.fields() for q in source],
    )


def template_name(session: Session, template_id: int) -> str:
    if template_id == ISO_TEMPLATE_ID:
        return ISO_TEMPLATE_NAME
    return _load_template(session, template_id).name


def update_template(session: Session, template_id: int, f: TemplateFields, user: str) -> None:
    template = _load_template(session, template_id)
    f = TemplateFields(clean(f.name), clean(f.process), clean(f.description))
    problems = check_template(f)
    if problems:
        raise ValidationError(problems)
    _ensure_unique_template(session, f.name, template_id)
    changes = []
    for name, label in (("name", "Name"), ("process", "Process"), ("description", "Description")):
        if getattr(template, name) != getattr(f, name):
            changes.append(history.Change(label, getattr(template, name), getattr(f, name)))
            setattr(template, name, getattr(f, name))
    if changes:
        history.record(
            session,
            user=user,
            entity=TEMPLATE_ENTITY,
            entity_id=template.id,
            ref=template.name,
            action="edit",
            changes=changes,
        )


def set_template_questions(
    session: Session, template_id: int, questions: Sequence[QuestionFields], user: str
) -> None:
    """Replace a template's questions with these, in this order (edit, add, reorder, delete)."""
    template = _load_template(session, template_id)
    problems = _question_problems(questions)
    if problems:
        raise ValidationError(problems)
    before = [q.fields() for q in template_questions(session, template_id)]
    after = [
        QuestionFields(parse_clause(q.clause), clean(q.question), clean(q.hint)) for q in questions
    ]
    if before == after:
        return
    session.execute(delete(ChecklistQuestion).where(ChecklistQuestion.template_id == template_id))
    _insert_questions(session, template_id, after)
    template.updated_at = utcnow()
    history.record(
        session,
        user=user,
        entity=TEMPLATE_ENTITY,
        entity_id=template.id,
        ref=template.name,
        action="questions",
        changes=[history.Change("Questions", str(len(before)), str(len(after)))],
    )


def delete_template(session: Session, template_id: int, user: str) -> None:
    template = _load_template(session, template_id)
    history.record(
        session,
        user=user,
        entity=TEMPLATE_ENTITY,
        entity_id=template.id,
        ref=template.name,
        action="delete",
        changes=[history.Change("Name", template.name, "")],
    )
    session.delete(template)
    session.flush()


# --- audits ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFields:
    """Everything a user edits about an audit, already parsed. People are given by their id."""

    reference: str
    title: str
    planned_start: dt.date | None
    planned_end: dt.date | None = None
    processes: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    clauses: tuple[str, ...] = ()
    criteria: str = ""
    actual_start: dt.date | None = None
    actual_end: dt.date | None = None
    lead_auditor_id: int | None = None
    team_ids: tuple[int, ...] = ()
    auditee_ids: tuple[int, ...] = ()
    status: AuditStatus = AuditStatus.PLANNED
    summary: str = ""
    note: str = ""


AUDIT_FIELD_NAMES = tuple(f.name for f in fields(AuditFields))
_COLUMN_NAMES = tuple(n for n in AUDIT_FIELD_NAMES if n not in ("team_ids", "auditee_ids"))


def check_audit(f: AuditFields, on: dt.date | None = None) -> list[str]:
    """Rules an audit's fields obey together; the status asks for what it says has happened."""
    on = on or today()
    problems = []
    if not f.reference:
        problems.append("Reference: an audit needs a reference (for example IA-2026-03).")
    elif len(f.reference) > MAX_LENGTHS["reference"]:
        problems.append(f"Reference: at most {MAX_LENGTHS['reference']} characters are allowed.")
    if not f.title:
        problems.append("Title: say what is audited (for example 'Purchasing and suppliers').")
    elif len(f.title) > MAX_LENGTHS["title"]:
        problems.append(f"Title: at most {MAX_LENGTHS['title']} characters are allowed.")
    if f.planned_start is None:
        problems.append("Planned start: say when the audit is planned.")
    elif f.planned_end is not None and f.planned_end < f.planned_start:
        problems.append("Planned end: cannot be before the planned start.")
    if f.actual_start is not None and f.actual_start > on:
        problems.append("Actual start: cannot be in the future.")
    if f.actual_end is not None:
        if f.actual_end > on:
            problems.append("Actual end: cannot be in the future.")
        if f.actual_start is None:
            problems.append("Actual start: an audit that ended must have started.")
        elif f.actual_end < f.actual_start:
            problems.append("Actual end: cannot be before the actual start.")
    if f.status != AuditStatus.PLANNED and f.actual_start is None:
        problems.append(
            f"Actual start: an audit that is {STATUS_LABELS[f.status].lower()} has started; "
            "say when."
        )
    if f.status in (AuditStatus.REPORTED, AuditStatus.CLOSED):
        if f.actual_end is None:
            problems.append("Actual end: say when the audit ended before it is reported.")
        if f.lead_auditor_id is None:
            problems.append("Lead auditor: a reported audit names its lead auditor.")
    auditors = {f.lead_auditor_id, *f.team_ids} - {None}
    both = auditors & set(f.auditee_ids)
    if both:
        problems.append("Auditees: an auditor cannot also be an auditee of the same audit.")
    return problems


def audit_fields_from_values(values: Mapping[str, object]) -> tuple[AuditFields | None, list[str]]:
    """Parse typed text (a dialog, a sheet) into fields; people must already be ids."""
    parsed: dict[str, object] = {}
    problems: list[str] = []
    for name in AUDIT_FIELD_NAMES:
        if name not in values:
            continue
        raw = values[name]
        try:
            if name in ("planned_start", "planned_end", "actual_start", "actual_end"):
                parsed[name] = parse_date(raw)
            elif name == "clauses":
                parsed[name] = parse_clause_list(raw)
            elif name in ("processes", "departments"):
                parsed[name] = parse_list(raw)
            elif name == "status":
                parsed[name] = parse_status(raw) if clean(raw) else AuditStatus.PLANNED
            elif name in ("team_ids", "auditee_ids"):
                parsed[name] = tuple(raw)  # type: ignore[call-overload]
            elif name == "lead_auditor_id":
                parsed[name] = raw
            else:
                parsed[name] = clean(raw)
        except ValueError as exc:
            problems.append(f"{FIELD_LABELS[name]}: {exc}")
    result = AuditFields(**{"reference": "", "title": "", "planned_start": None, **parsed})  # type: ignore[arg-type]
    if problems:
        return None, problems
    problems = check_audit(result)
    return (None if problems else result), problems


@dataclass(frozen=True)
class AuditRow:
    """One audit of the programme, with its people by name and the counts the list shows."""

    id: int
    reference: str
    title: str
    processes: tuple[str, ...]
    departments: tuple[str, ...]
    clauses: tuple[str, ...]
    criteria: str
    planned_start: dt.date
    planned_end: dt.date | None
    actual_start: dt.date | None
    actual_end: dt.date | None
    lead_auditor_id: int | None
    lead_auditor: str
    team_ids: tuple[int, ...]
    team: tuple[str, ...]
    auditee_ids: tuple[int, ...]
    auditees: tuple[str, ...]
    status: AuditStatus
    summary: str
    note: str
    questions: int = 0
    answered: int = 0
    findings: Mapping[FindingClass, int] = field(default_factory=dict)

    def fields(self) -> AuditFields:
        return AuditFields(
            **{n: getattr(self, n) for n in AUDIT_FIELD_NAMES},
        )

    @property
    def auditors(self) -> tuple[str, ...]:
        return tuple(n for n in (self.lead_auditor, *self.team) if n)

    def is_late(self, on: dt.date | None = None) -> bool:
        return is_late(self.status, self.planned_start, self.planned_end, on or today())

    def state(self, on: dt.date | None = None) -> ProgrammeState:
        return programme_state(self.status, self.planned_start, self.planned_end, on or today())

    def nonconformities(self) -> int:
        return sum(self.findings.get(c, 0) for c in NONCONFORMITIES)


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


def _split_lines(text: str) -> tuple[str, ...]:
    return tuple(p for p in text.split("\n") if p) if text else ()


def _split_clauses(text: str) -> tuple[str, ...]:
    return tuple(c for c in text.split(", ") if c) if text else ()


def _d(value: object) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


_AUDIT_COLUMNS = (
    Audit.id,
    Audit.reference,
    Audit.title,
    Audit.processes,
    Audit.departments,
    Audit.clauses,
    Audit.criteria,
    Audit.planned_start,
    Audit.planned_end,
    Audit.actual_start,
    Audit.actual_end,
    Audit.lead_auditor_id,
    Audit.status,
    Audit.summary,
    Audit.note,
)


@dataclass(frozen=True)
class AuditQuery:
    """Which audits the programme list shows; empty means all."""

    year: int | None = None
    text: str = ""
    statuses: frozenset[AuditStatus] = frozenset()


def audit_rows(
    session: Session,
    query: AuditQuery = AuditQuery(),
    ids: Sequence[int] | None = None,
    *,
    with_counts: bool = True,
) -> list[AuditRow]:
    """Audits by planned start then reference, read in a few queries whatever their number."""
    stmt = select(*_AUDIT_COLUMNS)
    if query.year is not None:
        first, last = dt.date(query.year, 1, 1), dt.date(query.year, 12, 31)
        stmt = stmt.where(Audit.planned_start.between(first, last))
    if query.statuses:
        stmt = stmt.where(Audit.status.in_([s.value for s in query.statuses]))
    if ids is not None:
        stmt = stmt.where(Audit.id.in_(list(ids)))
    stmt = stmt.order_by(Audit.planned_start, Audit.reference)
    raw = raw_rows(session, stmt)
    if not raw:
        return []
    names = dict(raw_rows(session, select(Person.id, Person.name)))
    wanted = {r[0] for r in raw}
    members: dict[tuple[int, str], list[int]] = defaultdict(list)
    people_stmt = select(AuditPerson.audit_id, AuditPerson.role, AuditPerson.person_id)
    if ids is not None or query.year is not None:
        people_stmt = people_stmt.where(AuditPerson.audit_id.in_(wanted))
    for audit_id, role, person_id in raw_rows(session, people_stmt):
        members[(audit_id, role)].append(person_id)
    question_counts: dict[int, tuple[int, int]] = {}
    finding_counts: dict[int, dict[FindingClass, int]] = defaultdict(dict)
    if with_counts:
        scope = None if ids is None and query.year is None else wanted
        question_counts = _question_counts(session, scope)
        stmt_f = select(Finding.audit_id, Finding.classification, func.count()).group_by(
            Finding.audit_id, Finding.classification
        )
        if scope is not None:
            stmt_f = stmt_f.where(Finding.audit_id.in_(scope))
        for audit_id, cls, count in raw_rows(session, stmt_f):
            finding_counts[audit_id][FindingClass(cls)] = count
    rows = []
    words = fold(query.text).split()
    for r in raw:
        audit_id = r[0]
        team_ids = tuple(sorted(members.get((audit_id, "team"), ()), key=lambda i: fold(names[i])))
        auditee_ids = tuple(
            sorted(members.get((audit_id, "auditee"), ()), key=lambda i: fold(names[i]))
        )
        lead = r[11]
        row = AuditRow(
            id=audit_id,
            reference=r[1],
            title=r[2],
            processes=_split_lines(r[3]),
            departments=_split_lines(r[4]),
            clauses=_split_clauses(r[5]),
            criteria=r[6],
            planned_start=_d(r[7]),  # type: ignore[arg-type]
            planned_end=_d(r[8]),
            actual_start=_d(r[9]),
            actual_end=_d(r[10]),
            lead_auditor_id=lead,
            lead_auditor=names.get(lead, "") if lead else "",
            team_ids=team_ids,
            team=tuple(names[i] for i in team_ids),
            auditee_ids=auditee_ids,
            auditees=tuple(names[i] for i in auditee_ids),
            status=AuditStatus(r[12]),
            summary=r[13],
            note=r[14],
            questions=question_counts.get(audit_id, (0, 0))[0],
            answered=question_counts.get(audit_id, (0, 0))[1],
            findings=dict(finding_counts.get(audit_id, {})),
        )
        if words:
            text = fold(
                " ".join(
                    (row.reference, row.title, row.lead_auditor, *row.team, *row.auditees,
                     *row.processes, *row.departments)
                )
            )  # fmt: skip
            if not all(w in text for w in words):
                continue
        rows.append(row)
    return rows


def _question_counts(session: Session, audit_ids: set[int] | None) -> dict[int, tuple[int, int]]:
    stmt = select(AuditQuestion.audit_id, func.count(), func.count(AuditQuestion.result)).group_by(
        AuditQuestion.audit_id
    )
    if audit_ids is not None:
        stmt = stmt.where(AuditQuestion.audit_id.in_(audit_ids))
    return {a: (n, answered) for a, n, answered in raw_rows(session, stmt)}


def get_audit(session: Session, audit_id: int) -> AuditRow:
    rows = audit_rows(session, ids=[audit_id])
    if not rows:
        raise NotFoundError(f"Audit {audit_id} does not exist (it may have been deleted).")
    return rows[0]


def id_for_reference(session: Session, reference: str) -> int | None:
    return session.scalar(select(Audit.id).where(Audit.reference == clean(reference)))


def audit_for_reference(session: Session, reference: str) -> AuditRow:
    """The audit with this reference; a clear message when there is none."""
    audit_id = id_for_reference(session, reference)
    if audit_id is None:
        known = list(
            session.scalars(select(Audit.reference).order_by(Audit.planned_start.desc()).limit(5))
        )
        hint = f" Recent audits: {', '.join(known)}." if known else " There are no audits yet."
        raise NotFoundError(f"There is no audit with the reference '{clean(reference)}'.{hint}")
    return get_audit(session, audit_id)


def years(session: Session) -> list[int]:
    """The years the programme has audits in, newest first (this year always)."""
    found = {
        int(str(d)[:4])
        for (d,) in raw_rows(session, select(Audit.planned_start).distinct())
        if d is not None
    }
    found.add(today().year)
    return sorted(found, reverse=True)


def next_reference(session: Session, year: int) -> str:
    prefix = f"IA-{year}-"
    taken = session.scalars(select(Audit.reference).where(Audit.reference.like(f"{prefix}%")))
    numbers = [int(r[len(prefix) :]) for r in taken if r[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


def _person_problems(session: Session, f: AuditFields) -> list[str]:
    wanted = {f.lead_auditor_id, *f.team_ids, *f.auditee_ids} - {None}
    if not wanted:
        return []
    found = set(session.scalars(select(Person.id).where(Person.id.in_(wanted))))
    missing = wanted - found
    return (
        [f"{len(missing)} of the people named are not in the register of people."]
        if missing
        else []
    )


def _clean_fields(f: AuditFields) -> AuditFields:
    lead = f.lead_auditor_id
    team = tuple(dict.fromkeys(i for i in f.team_ids if i != lead))
    return replace(
        f,
        reference=clean(f.reference),
        title=" ".join(clean(f.title).split()),
        criteria=clean(f.criteria),
        summary=clean(f.summary),
        note=clean(f.note),
        team_ids=team,
        auditee_ids=tuple(dict.fromkeys(f.auditee_ids)),
    )


def _stored(f: AuditFields, name: str) -> object:
    value = getattr(f, name)
    if name in ("processes", "departments"):
        return "\n".join(value)
    if name == "clauses":
        return ", ".join(value)
    return value


def _ensure_unique_reference(session: Session, reference: str, audit_id: int | None) -> None:
    found = id_for_reference(session, reference)
    if found is not None and found != audit_id:
        raise ValidationError(f"Reference: another audit already has the reference '{reference}'.")


def _set_people(session: Session, audit_id: int, f: AuditFields) -> None:
    session.execute(delete(AuditPerson).where(AuditPerson.audit_id == audit_id))
    rows = [
        {"audit_id": audit_id, "person_id": p, "role": AuditRole.TEAM.value} for p in f.team_ids
    ] + [
        {"audit_id": audit_id, "person_id": p, "role": AuditRole.AUDITEE.value}
        for p in f.auditee_ids
    ]
    insert_many(session, AuditPerson.__table__, rows)  # type: ignore[arg-type]


def create_audit(session: Session, f: AuditFields, user: str, on: dt.date | None = None) -> int:
    f = _clean_fields(f)
    problems = check_audit(f, on) + _person_problems(session, f)
    if f.status == AuditStatus.CLOSED:
        problems.append("Status: a new audit cannot be closed; it has no findings to close yet.")
    if problems:
        raise ValidationError(problems)
    _ensure_unique_reference(session, f.reference, None)
    audit = Audit(**{n: _stored(f, n) for n in _COLUMN_NAMES})
    session.add(audit)
    session.flush()
    _set_people(session, audit.id, f)
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=audit.id,
        ref=f.reference,
        action="create",
        changes=[
            history.Change("Title", "", f.title),
            history.Change("Planned start", "", history.as_text(f.planned_start)),
        ],
    )
    return audit.id


def _load(session: Session, audit_id: int) -> Audit:
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise NotFoundError(f"Audit {audit_id} does not exist (it may have been deleted).")
    return audit


def _people_text(names: Mapping[int, str], ids: Iterable[int | None]) -> str:
    return ", ".join(names.get(i, str(i)) for i in ids if i is not None)


def update_audit(
    session: Session, audit_id: int, f: AuditFields, user: str, on: dt.date | None = None
) -> list[str]:
    """Apply edited fields; returns the labels of the fields that changed."""
    f = _clean_fields(f)
    old = get_audit(session, audit_id)
    problems = check_audit(f, on) + _person_problems(session, f)
    if f.status == AuditStatus.REPORTED or f.status == AuditStatus.CLOSED:
        problems += _report_problems(session, audit_id)
    if f.status == AuditStatus.CLOSED and old.status != AuditStatus.CLOSED:
        problems += _close_problems(session, audit_id)
    if problems:
        raise ValidationError(problems)
    _ensure_unique_reference(session, f.reference, audit_id)
    audit = _load(session, audit_id)
    names = dict(raw_rows(session, select(Person.id, Person.name)))
    changes = []
    before = old.fields()
    for name in AUDIT_FIELD_NAMES:
        a, b = getattr(before, name), getattr(f, name)
        if a == b:
            continue
        if name in ("team_ids", "auditee_ids"):
            if set(a) == set(b):
                continue
            changes.append(
                history.Change(FIELD_LABELS[name], _people_text(names, a), _people_text(names, b))
            )
            continue
        if name == "lead_auditor_id":
            text_a, text_b = _people_text(names, [a]), _people_text(names, [b])
        elif name in ("processes", "departments", "clauses"):
            text_a, text_b = list_text(a), list_text(b)
        elif name == "status":
            text_a, text_b = STATUS_LABELS[a], STATUS_LABELS[b]
        else:
            text_a, text_b = history.as_text(a), history.as_text(b)
        changes.append(history.Change(FIELD_LABELS[name], text_a, text_b))
        if name in _COLUMN_NAMES:
            setattr(audit, name, _stored(f, name))
    if set(before.team_ids) != set(f.team_ids) or set(before.auditee_ids) != set(f.auditee_ids):
        _set_people(session, audit_id, f)
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=audit_id,
            ref=f.reference,
            action="edit",
            changes=changes,
        )
    return [c.field for c in changes]


def _report_problems(session: Session, audit_id: int) -> list[str]:
    """A report needs every question answered and every finding stated."""
    problems = []
    unanswered = session.scalar(
        select(func.count()).where(
            AuditQuestion.audit_id == audit_id, AuditQuestion.result.is_(None)
        )
    )
    if unanswered:
        problems.append(
            f"Status: {unanswered} question(s) have no result yet. Give each one a result "
            "('Not audited' for those left out) before the audit is reported."
        )
    unstated = session.scalars(
        select(Finding.number).where(Finding.audit_id == audit_id, Finding.statement == "")
    ).all()
    if unstated:
        listed = ", ".join(f"F{n}" for n in sorted(unstated))
        problems.append(f"Status: write the statement of finding(s) {listed} before reporting.")
    return problems


def _close_problems(session: Session, audit_id: int) -> list[str]:
    """An audit is closed when each of its nonconformities has a closed corrective action."""
    rows = findings_of(session, audit_id)
    still_open = [
        f"F{f.number} ({f.action_ref or 'no action'})"
        for f in rows
        if f.classification in NONCONFORMITIES and f.action_status != ActionStatus.CLOSED
    ]
    if still_open:
        return [
            "Status: the audit can be closed once the corrective action of each nonconformity "
            f"is closed; still open: {', '.join(still_open)}."
        ]
    return []


def delete_audit(session: Session, audit_id: int, user: str) -> None:
    """Delete an audit planned by mistake: refused once anything was answered or found."""
    audit = _load(session, audit_id)
    answered = session.scalar(
        select(func.count()).where(
            AuditQuestion.audit_id == audit_id, AuditQuestion.result.is_not(None)
        )
    )
    found = session.scalar(select(func.count()).where(Finding.audit_id == audit_id))
    if answered or found or audit.status != AuditStatus.PLANNED:
        raise ValidationError(
            f"{audit.reference} has been carried out (answers or findings are recorded), so it "
            "stays on record."
        )
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=audit.id,
        ref=audit.reference,
        action="delete",
        changes=[history.Change("Title", audit.title, "")],
    )
    session.delete(audit)
    session.flush()


def history_of(session: Session, audit_id: int) -> list[history.ChangeRow]:
    return history.for_entity(session, ENTITY, audit_id)


# --- an audit's checklist --------------------------------------------------------------------


@dataclass(frozen=True)
class AuditQuestionRow:
    id: int
    position: int
    clause: str
    question: str
    hint: str
    source: str
    result: Result | None
    evidence: str


def questions_of(session: Session, audit_id: int) -> list[AuditQuestionRow]:
    stmt = (
        select(
            AuditQuestion.id,
            AuditQuestion.position,
            AuditQuestion.clause,
            AuditQuestion.question,
            AuditQuestion.hint,
            AuditQuestion.source,
            AuditQuestion.result,
            AuditQuestion.evidence,
        )
        .where(AuditQuestion.audit_id == audit_id)
        .order_by(AuditQuestion.position, AuditQuestion.id)
    )
    return [
        AuditQuestionRow(*r[:6], Result(r[6]) if r[6] else None, r[7])  # type: ignore[arg-type]
        for r in raw_rows(session, stmt)
    ]


def _ensure_open(audit: Audit) -> None:
    if audit.status in (AuditStatus.REPORTED, AuditStatus.CLOSED):
        raise ValidationError(
            f"{audit.reference} is {STATUS_LABELS[audit.status].lower()}; its checklist can no "
            "longer change. Set it back to In progress first if something must be corrected."
        )


def build_checklist(
    session: Session,
    audit_id: int,
    template_ids: Sequence[int],
    user: str,
    *,
    by_scope: bool = True,
) -> int:
    """Add the questions of these templates to the audit (in the templates' order), keeping only
    those within the audit's clause scope; a question already there is not added twice. Returns
    the number of questions added."""
    audit = _load(session, audit_id)
    _ensure_open(audit)
    scope = _split_clauses(audit.clauses) if by_scope else ()
    existing = {
        (c, fold(q))
        for c, q in raw_rows(
            session,
            select(AuditQuestion.clause, AuditQuestion.question).where(
                AuditQuestion.audit_id == audit_id
            ),
        )
    }
    position = (
        session.scalar(
            select(func.max(AuditQuestion.position)).where(AuditQuestion.audit_id == audit_id)
        )
        or 0
    )
    rows = []
    for template_id in template_ids:
        source = template_name(session, template_id)
        for q in template_questions(session, template_id):
            if not in_scope(q.clause, scope) or (q.clause, fold(q.question)) in existing:
                continue
            existing.add((q.clause, fold(q.question)))
            position += 1
            rows.append(
                {
                    "audit_id": audit_id,
                    "position": position,
                    "clause": q.clause,
                    "question": q.question,
                    "hint": q.hint,
                    "source": source[:80],
                    "result": None,
                    "evidence": "",
                    "answered_at": None,
                }
            )
    insert_many(session, AuditQuestion.__table__, rows)  # type: ignore[arg-type]
    if rows:
        names = ", ".join(template_name(session, t) for t in template_ids)
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=audit_id,
            ref=audit.reference,
            action="checklist",
            changes=[history.Change("Questions added", "", f"{len(rows)} from {names}")],
        )
    return len(rows)


def add_question(
    session: Session, audit_id: int, q: QuestionFields, user: str, after: int | None = None
) -> int:
    """Add a question of the auditor's own to an audit (at the end, or after question `after`)."""
    audit = _load(session, audit_id)
    _ensure_open(audit)
    problems = check_question(q)
    if problems:
        raise ValidationError(problems)
    last = (
        session.scalar(
            select(func.max(AuditQuestion.position)).where(AuditQuestion.audit_id == audit_id)
        )
        or 0
    )
    position = last + 1
    if after is not None:
        anchor = session.get(AuditQuestion, after)
        if anchor is not None and anchor.audit_id == audit_id:
            position = anchor.position + 1
            session.execute(
                update(AuditQuestion)
                .where(AuditQuestion.audit_id == audit_id, AuditQuestion.position >= position)
                .values(position=AuditQuestion.position + 1)
            )
    question = AuditQuestion(
        audit_id=audit_id,
        position=position,
        clause=parse_clause(q.clause),
        question=clean(q.question),
        hint=clean(q.hint),
        source="Added during the audit",
        evidence="",
    )
    session.add(question)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=audit_id,
        ref=audit.reference,
        action="checklist",
        changes=[history.Change("Question added", "", f"{question.clause} {question.question}")],
    )
    return question.id


def move_question(session: Session, question_id: int, step: int) -> None:
    """Move a question up (step -1) or down (step +1) in its audit's checklist."""
    question = _load_question(session, question_id)
    _ensure_open(_load(session, question.audit_id))
    ordered = list(
        session.scalars(
            select(AuditQuestion)
            .where(AuditQuestion.audit_id == question.audit_id)
            .order_by(AuditQuestion.position, AuditQuestion.id)
        )
    )
    index = ordered.index(question)
    target = index + step
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for n, q in enumerate(ordered, 1):
        q.position = n
    session.flush()


def delete_question(session: Session, question_id: int, user: str) -> None:
    question = _load_question(session, question_id)
    audit = _load(session, question.audit_id)
    _ensure_open(audit)
    if question.result is not None:
        raise ValidationError(
            "This question has a result; set it to 'Not audited' instead of deleting it, so that "
            "the record shows it was left out."
        )
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=audit.id,
        ref=audit.reference,
        action="checklist",
        changes=[history.Change("Question removed", f"{question.clause} {question.question}", "")],
    )
    session.delete(question)
    session.flush()


def _load_question(session: Session, question_id: int) -> AuditQuestion:
    question = session.get(AuditQuestion, question_id)
    if question is None:
        raise NotFoundError(f"Question {question_id} does not exist in any audit.")
    return question


@dataclass(frozen=True)
class AnswerOutcome:
    """What recording an answer did besides storing it."""

    finding_id: int | None = None  # the finding the answer made or changed
    action_id: int | None = None  # the corrective action it opened
    finding_removed: bool = False


def record_answer(
    session: Session,
    question_id: int,
    result: Result | None,
    evidence: str,
    user: str,
    on: dt.date | None = None,
) -> AnswerOutcome:
    """Store a question's result and evidence notes, and keep its finding in step.

    A nonconformity, opportunity for improvement or observation makes a finding (a nonconformity
    also opens a corrective action); a result that is no longer one removes its finding, unless
    the finding has a corrective action, which keeps it on record (refused with a message).
    The first answer starts a planned audit.
    """
    on = on or today()
    question = _load_question(session, question_id)
    audit = _load(session, question.audit_id)
    _ensure_open(audit)
    evidence = clean(evidence)
    old_result = Result(question.result) if question.result else None
    old_evidence = question.evidence
    if old_result == result and old_evidence == evidence:
        return AnswerOutcome()
    finding = session.scalar(select(Finding).where(Finding.question_id == question.id))
    wanted = FINDING_OF_RESULT.get(result) if result else None
    outcome = AnswerOutcome()
    if finding is not None and wanted != finding.classification:
        action = _action_of(session, finding.id)
        if action is not None and (wanted not in NONCONFORMITIES):
            raise ValidationError(
                f"Finding F{finding.number} of {audit.reference} has corrective action "
                f"{action.reference}, so it stays a nonconformity. Change the action in the "
                "actions register if it was raised by mistake."
            )
    question.result = result
    question.evidence = evidence
    question.answered_at = utcnow() if result else None
    changes = [
        history.Change(
            f"Q{question.position} ({question.clause}) result",
            RESULT_LABELS[old_result] if old_result else "",
            RESULT_LABELS[result] if result else "",
        )
    ]
    if old_evidence != evidence:
        changes.append(history.Change(f"Q{question.position} evidence", old_evidence, evidence))
    if audit.status == AuditStatus.PLANNED and result is not None:
        audit.status = AuditStatus.IN_PROGRESS
        audit.actual_start = audit.actual_start or on
        changes.append(history.Change("Status", "Planned", "In progress"))
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=audit.id,
        ref=audit.reference,
        action="answer",
        changes=changes,
    )
    if wanted is None and finding is not None:
        _delete_finding(session, audit, finding, user)
        return AnswerOutcome(finding_removed=True)
    if wanted is not None and finding is None:
        finding_id, action_id = _create_finding(
            session,
            audit,
            FindingFields(question.clause, "", evidence, wanted),
            user,
            on,
            question_id=question.id,
        )
        return AnswerOutcome(finding_id, action_id)
    if wanted is not None and finding is not None:
        new_evidence = evidence if finding.evidence in ("", old_evidence) else finding.evidence
        fields_ = FindingFields(finding.clause, finding.statement, new_evidence, wanted)
        action_id = update_finding(session, finding.id, fields_, user, on)
        return AnswerOutcome(finding.id, action_id)
    return outcome


def record_answers(
    session: Session,
    items: Sequence[tuple[int, Result | None, str]],
    user: str,
    on: dt.date | None = None,
) -> int:
    """Record many answers (a checklist keyed back from paper); returns how many changed."""
    changed = 0
    for question_id, result, evidence in items:
        question = _load_question(session, question_id)
        if (Result(question.result) if question.result else None) == result and (
            question.evidence == clean(evidence)
        ):
            continue
        record_answer(session, question_id, result, evidence, user, on)
        changed += 1
    return changed


# --- findings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingFields:
    clause: str
    statement: str
    evidence: str
    classification: FindingClass


@dataclass(frozen=True)
class FindingRow:
    id: int
    audit_id: int
    audit_reference: str
    number: int
    clause: str
    statement: str
    evidence: str
    classification: FindingClass
    question_id: int | None
    question: str
    action_id: int | None
    action_ref: str
    action_status: ActionStatus | None

    @property
    def reference(self) -> str:
        return finding_ref(self.audit_reference, self.number)

    def fields(self) -> FindingFields:
        return FindingFields(self.clause, self.statement, self.evidence, self.classification)


def finding_ref(audit_reference: str, number: int) -> str:
    return f"{audit_reference} F{number}"


def findings_of(
    session: Session, audit_id: int | None = None, *, audit_ids: Iterable[int] | None = None
) -> list[FindingRow]:
    """Findings of one audit (or of several, or all), by audit then number, with their action."""
    stmt = (
        select(
            Finding.id,
            Finding.audit_id,
            Audit.reference,
            Finding.number,
            Finding.clause,
            Finding.statement,
            Finding.evidence,
            Finding.classification,
            Finding.question_id,
            func.coalesce(AuditQuestion.question, ""),
            Action.id,
            func.coalesce(Action.reference, ""),
            Action.status,
        )
        .join(Audit, Audit.id == Finding.audit_id)
        .outerjoin(AuditQuestion, AuditQuestion.id == Finding.question_id)
        .outerjoin(
            Action,
            (Action.source_kind == ActionSource.INTERNAL_AUDIT) & (Action.source_id == Finding.id),
        )
        .order_by(Audit.planned_start, Audit.reference, Finding.number, Action.id)
    )
    if audit_id is not None:
        stmt = stmt.where(Finding.audit_id == audit_id)
    if audit_ids is not None:
        stmt = stmt.where(Finding.audit_id.in_(list(audit_ids)))
    rows: dict[int, FindingRow] = {}
    for r in raw_rows(session, stmt):
        if r[0] in rows:
            continue  # a second action for the same finding: the first one is shown
        rows[r[0]] = FindingRow(
            *r[:7],
            FindingClass(r[7]),
            r[8],
            r[9],
            r[10],
            r[11],
            ActionStatus(r[12]) if r[12] else None,
        )
    return list(rows.values())


def get_finding(session: Session, finding_id: int) -> FindingRow:
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFoundError(f"Finding {finding_id} does not exist.")
    for row in findings_of(session, finding.audit_id):
        if row.id == finding_id:
            return row
    raise NotFoundError(f"Finding {finding_id} does not exist.")  # pragma: no cover


def _action_of(session: Session, finding_id: int) -> Action | None:
    return session.scalar(
        select(Action)
        .where(Action.source_kind == ActionSource.INTERNAL_AUDIT, Action.source_id == finding_id)
        .order_by(Action.id)
        .limit(1)
    )


def check_finding(f: FindingFields) -> list[str]:
    problems = []
    try:
        parse_clause(f.clause)
    except ValueError as exc:
        problems.append(f"Clause: {exc}")
    return problems


def add_finding(
    session: Session, audit_id: int, f: FindingFields, user: str, on: dt.date | None = None
) -> tuple[int, int | None]:
    """A finding not tied to a checklist question; returns (finding id, corrective action id)."""
    audit = _load(session, audit_id)
    _ensure_open(audit)
    problems = check_finding(f)
    if not clean(f.statement):
        problems.append("Statement: say what was found.")
    if problems:
        raise ValidationError(problems)
    return _create_finding(session, audit, f, user, on or today())


def _create_finding(
    session: Session,
    audit: Audit,
    f: FindingFields,
    user: str,
    on: dt.date,
    question_id: int | None = None,
) -> tuple[int, int | None]:
    number = (
        session.scalar(select(func.max(Finding.number)).where(Finding.audit_id == audit.id)) or 0
    ) + 1
    finding = Finding(
        audit_id=audit.id,
        question_id=question_id,
        number=number,
        clause=parse_clause(f.clause),
        statement=clean(f.statement),
        evidence=clean(f.evidence),
        classification=f.classification,
    )
    session.add(finding)
    session.flush()
    ref = finding_ref(audit.reference, number)
    history.record(
        session,
        user=user,
        entity=FINDING_ENTITY,
        entity_id=finding.id,
        ref=ref,
        action="create",
        changes=[history.Change("Classification", "", FINDING_LABELS[f.classification])],
    )
    action_id = None
    if f.classification in NONCONFORMITIES:
        action_id = _open_action(session, audit, finding, user, on)
    return finding.id, action_id


def _action_title(audit: Audit, finding: Finding) -> str:
    title = f"{finding_ref(audit.reference, finding.number)}: {finding.clause} "
    with contextlib.suppress(KeyError):  # clauses are checked before; never fail a title
        title += clause_title(finding.clause)
    return title[:150]


def _open_action(session: Session, audit: Audit, finding: Finding, user: str, on: dt.date) -> int:
    processes = _split_lines(audit.processes) or _split_lines(audit.departments)
    days = DUE_DAYS[FindingClass(finding.classification)]
    return actions.create_action(
        session,
        actions.ActionFields(
            title=_action_title(audit, finding),
            kind=ActionKind.CORRECTIVE,
            source_kind=ActionSource.INTERNAL_AUDIT,
            source_ref=finding_ref(audit.reference, finding.number),
            source_id=finding.id,
            process=(processes[0] if processes else "")[:80],
            problem=finding.statement or finding.evidence,
            raised_on=on,
            due_date=on + dt.timedelta(days=days),
        ),
        user,
        on,
    )


def update_finding(
    session: Session, finding_id: int, f: FindingFields, user: str, on: dt.date | None = None
) -> int | None:
    """Change a finding; a finding that becomes a nonconformity opens its corrective action.
    Returns the id of its corrective action, if it has one."""
    on = on or today()
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFoundError(f"Finding {finding_id} does not exist.")
    audit = _load(session, finding.audit_id)
    problems = check_finding(f)
    action = _action_of(session, finding.id)
    if action is not None and f.classification not in NONCONFORMITIES:
        problems.append(
            f"Classification: this finding has corrective action {action.reference}, so it stays "
            "a nonconformity."
        )
    if problems:
        raise ValidationError(problems)
    changes = []
    new_values = {
        "clause": parse_clause(f.clause),
        "statement": clean(f.statement),
        "evidence": clean(f.evidence),
        "classification": f.classification,
    }
    labels = {
        "clause": "Clause",
        "statement": "Statement",
        "evidence": "Evidence",
        "classification": "Classification",
    }
    old_problem_source = finding.statement or finding.evidence
    for name, value in new_values.items():
        old = getattr(finding, name)
        if old != value:
            if name == "classification":
                changes.append(
                    history.Change(
                        labels[name], FINDING_LABELS[FindingClass(old)], FINDING_LABELS[value]
                    )  # type: ignore[index]
                )
            else:
                changes.append(history.Change(labels[name], str(old), str(value)))
            setattr(finding, name, value)
    if not changes:
        return action.id if action else None
    session.flush()
    history.record(
        session,
        user=user,
        entity=FINDING_ENTITY,
        entity_id=finding.id,
        ref=finding_ref(audit.reference, finding.number),
        action="edit",
        changes=changes,
    )
    if action is None and f.classification in NONCONFORMITIES:
        return _open_action(session, audit, finding, user, on)
    if action is not None and action.problem in ("", old_problem_source):
        # The action's problem still reads as the finding did: keep it in step.
        action.problem = finding.statement or finding.evidence
        action.title = _action_title(audit, finding)
    return action.id if action else None


def _delete_finding(session: Session, audit: Audit, finding: Finding, user: str) -> None:
    history.record(
        session,
        user=user,
        entity=FINDING_ENTITY,
        entity_id=finding.id,
        ref=finding_ref(audit.reference, finding.number),
        action="delete",
        changes=[
            history.Change(
                "Classification", FINDING_LABELS[FindingClass(finding.classification)], ""
            )
        ],
    )
    session.delete(finding)
    session.flush()


def delete_finding(session: Session, finding_id: int, user: str) -> None:
    """Delete a finding added by hand; one from a question goes when its result changes."""
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFoundError(f"Finding {finding_id} does not exist.")
    audit = _load(session, finding.audit_id)
    _ensure_open(audit)
    action = _action_of(session, finding_id)
    if action is not None:
        raise ValidationError(
            f"Finding F{finding.number} has corrective action {action.reference}, so it stays on "
            "record."
        )
    if finding.question_id is not None:
        raise ValidationError(
            f"Finding F{finding.number} comes from question's result; change the result instead."
        )
    _delete_finding(session, audit, finding, user)


def result_counts(session: Session, audit_id: int) -> dict[Result | None, int]:
    """How many questions have each result (None: not answered yet)."""
    stmt = (
        select(AuditQuestion.result, func.count())
        .where(AuditQuestion.audit_id == audit_id)
        .group_by(AuditQuestion.result)
    )
    return {Result(r) if r else None: n for r, n in raw_rows(session, stmt)}


# --- the programme ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthView:
    month: int  # 1..12
    audits: tuple[AuditRow, ...]

    def count(self, state: ProgrammeState, on: dt.date | None = None) -> int:
        return sum(1 for a in self.audits if a.state(on) == state)


@dataclass(frozen=True)
class YearView:
    year: int
    months: tuple[MonthView, ...]
    on: dt.date

    def totals(self) -> Counter[ProgrammeState]:
        return Counter(a.state(self.on) for m in self.months for a in m.audits)


def year_view(
    session: Session, year: int, on: dt.date | None = None, rows: Sequence[AuditRow] | None = None
) -> YearView:
    """The year's audits month by month (by planned start), each with its state."""
    on = on or today()
    audits = rows if rows is not None else audit_rows(session, AuditQuery(year=year))
    by_month: dict[int, list[AuditRow]] = defaultdict(list)
    for a in audits:
        if a.planned_start.year == year:
            by_month[a.planned_start.month].append(a)
    return YearView(year, tuple(MonthView(m, tuple(by_month.get(m, ()))) for m in range(1, 13)), on)


class Coverage(StrEnum):
    COVERED = "covered"
    PARTLY = "partly"
    PLANNED = "planned"
    NOT_COVERED = "not_covered"


COVERAGE_LABELS = {
    Coverage.COVERED: "Audited",
    Coverage.PARTLY: "Partly audited",
    Coverage.PLANNED: "Planned",
    Coverage.NOT_COVERED: "Not audited",
}


@dataclass(frozen=True)
class ClauseCoverage:
    clause: str
    title: str
    depth: int
    state: Coverage
    last_audited: dt.date | None
    audits: tuple[str, ...]  # references of the audits that covered it in the window
    planned: tuple[str, ...]  # references of upcoming audits whose scope includes it


def coverage(session: Session, on: dt.date | None = None, months: int = 12) -> list[ClauseCoverage]:
    """Which clauses the programme audited in the last `months` months, and which it did not.

    A clause is audited when a question on it got a result other than 'Not audited' in an audit
    carried out in the window (or, for a reported audit without a checklist, when it was in the
    audit's scope). A clause with sub-clauses is audited when it or all of them were, and partly
    audited when some were. Clauses not audited but within the scope of an audit still to come
    show as planned.
    """

    on = on or today()
    since = add_months(on, -months)
    done_day = func.coalesce(Audit.actual_end, Audit.actual_start)
    stmt = (
        select(AuditQuestion.clause, Audit.reference, func.max(done_day))
        .join(Audit, Audit.id == AuditQuestion.audit_id)
        .where(
            AuditQuestion.result.is_not(None),
            AuditQuestion.result != Result.NOT_AUDITED,
            done_day.between(since, on),
        )
        .group_by(AuditQuestion.clause, Audit.reference)
    )
    hit: dict[str, list[tuple[str, dt.date]]] = defaultdict(list)
    for clause, reference, day in raw_rows(session, stmt):
        hit[clause].append((reference, _d(day)))  # type: ignore[arg-type]
    # Reported audits without a checklist count by their scope.
    no_questions = select(Audit.reference, Audit.clauses, done_day).where(
        Audit.status.in_([AuditStatus.REPORTED, AuditStatus.CLOSED]),
        done_day.between(since, on),
        ~select(AuditQuestion.id).where(AuditQuestion.audit_id == Audit.id).exists(),
    )
    all_clauses = clauses()
    for reference, scope_text, day in raw_rows(session, no_questions):
        scope = _split_clauses(scope_text)
        for c in all_clauses:
            if scope and in_scope(c.number, scope):
                hit[c.number].append((reference, _d(day)))  # type: ignore[arg-type]
    upcoming = raw_rows(
        session,
        select(Audit.reference, Audit.clauses).where(
            Audit.status.in_([AuditStatus.PLANNED, AuditStatus.IN_PROGRESS]),
            Audit.planned_start >= since,  # older ones are late, no longer a plan
        ),
    )
    planned: dict[str, list[str]] = defaultdict(list)
    for reference, scope_text in upcoming:
        scope = _split_clauses(scope_text)
        for c in all_clauses:
            if in_scope(c.number, scope):
                planned[c.number].append(reference)
    children: dict[str, list[str]] = defaultdict(list)
    for c in all_clauses:
        if "." in c.number:
            children[c.number.rsplit(".", 1)[0]].append(c.number)
    state: dict[str, Coverage] = {}

    def work_out(number: str) -> Coverage:
        if number in state:
            return state[number]
        kids = [work_out(k) for k in children.get(number, ())]
        if hit.get(number) or (kids and all(k == Coverage.COVERED for k in kids)):
            result = Coverage.COVERED
        elif any(k in (Coverage.COVERED, Coverage.PARTLY) for k in kids):
            result = Coverage.PARTLY
        elif planned.get(number):
            result = Coverage.PLANNED
        else:
            result = Coverage.NOT_COVERED
        state[number] = result
        return result

    out = []
    for c in all_clauses:
        found = sorted(hit.get(c.number, ()), key=lambda p: p[1], reverse=True)
        out.append(
            ClauseCoverage(
                c.number,
                c.title,
                c.depth,
                work_out(c.number),
                found[0][1] if found else None,
                tuple(dict.fromkeys(r for r, _ in found)),
                tuple(dict.fromkeys(planned.get(c.number, ()))),
            )
        )
    return out


# --- objectivity -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectivityWarning:
    auditor: str
    message: str


def objectivity_warnings(
    session: Session,
    f: AuditFields,
    *,
    people: Mapping[int, tuple[str, str]] | None = None,
    documents: Sequence[tuple[str, str, str, str]] | None = None,
) -> list[ObjectivityWarning]:
    """Auditors who would audit their own work (clause 9.2.2 c): an auditor who owns a document
    of the audited processes or clauses, or who works in an audited department.

    `people` (id -> (name, department)) and `documents` ((code, owner, process, clauses)) may be
    given when many audits are checked at once.
    """
    if people is None:
        people = {
            r[0]: (r[1], r[2])
            for r in raw_rows(session, select(Person.id, Person.name, Person.department))
        }
    if documents is None:
        documents = _documents_for_objectivity(session)
    scope_clauses = tuple(f.clauses)
    areas = {fold(p) for p in (*f.processes, *f.departments)}
    departments = {fold(d) for d in f.departments}
    warnings = []
    auditor_ids = [i for i in (f.lead_auditor_id, *f.team_ids) if i is not None]
    for person_id in dict.fromkeys(auditor_ids):
        name, department = people.get(person_id, ("", ""))
        if not name:
            continue
        if department and fold(department) in departments:
            warnings.append(
                ObjectivityWarning(
                    name,
                    f"{name} works in {department}, a department this audit covers: they "
                    "would audit their own work.",
                )
            )
        by_clause, by_process = [], []
        for code, owner, process, doc_clauses in documents:
            if fold(owner) != fold(name):
                continue
            # Documents on the audited clauses are named first: they are the closest to home.
            if scope_clauses and any(
                in_scope(c, scope_clauses) for c in _split_clauses(doc_clauses)
            ):
                by_clause.append(code)
            elif process and fold(process) in areas:
                by_process.append(code)
        owned = sorted(by_clause) + sorted(by_process)
        if owned:
            listed = ", ".join(owned[:4]) + (
                f" and {len(owned) - 4} more" if len(owned) > 4 else ""
            )
            warnings.append(
                ObjectivityWarning(
                    name,
                    f"{name} owns {listed}, within this audit's scope: they would audit their "
                    "own work.",
                )
            )
    return warnings


def _documents_for_objectivity(session: Session) -> list[tuple[str, str, str, str]]:
    stmt = select(Document.code, Document.owner, Document.process, Document.clauses).where(
        Document.status != DocStatus.OBSOLETE, Document.owner != ""
    )
    return [tuple(r) for r in raw_rows(session, stmt)]  # type: ignore[misc]


def programme_warnings(
    session: Session, rows: Sequence[AuditRow]
) -> dict[int, list[ObjectivityWarning]]:
    """Objectivity warnings for many audits at once (the programme list), by audit id."""
    people = {
        r[0]: (r[1], r[2])
        for r in raw_rows(session, select(Person.id, Person.name, Person.department))
    }
    documents = _documents_for_objectivity(session)
    found = {}
    for row in rows:
        warnings = objectivity_warnings(session, row.fields(), people=people, documents=documents)
        if warnings:
            found[row.id] = warnings
    return found


def people_choices(session: Session, on: dt.date | None = None) -> list[tuple[int, str, str]]:
    """(id, name, department) of the people who have not left, by name."""
    on = on or today()
    stmt = select(Person.id, Person.name, Person.department).where(
        (Person.leaving_date.is_(None)) | (Person.leaving_date > on)
    )
    return sorted(((r[0], r[1], r[2]) for r in raw_rows(session, stmt)), key=lambda p: fold(p[1]))
