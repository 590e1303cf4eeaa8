"""Checklist templates: the ISO 9001:2015 checklist shipped with the app (read-only) and the
templates the lead writes, with their questions."""

from __future__ import annotations

import csv
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from qmsdesk.core import history
from qmsdesk.core.audits.vocab import (
    ISO_TEMPLATE_ID,
    ISO_TEMPLATE_NAME,
    MAX_LENGTHS,
    TEMPLATE_ENTITY,
    TEMPLATE_FIELD_LABELS,
    parse_clause,
    template_problem,
)
from qmsdesk.core.catalogue import CATALOGUE_DIR, clause_numbers
from qmsdesk.core.dates import utcnow
from qmsdesk.core.db.fast import insert_many, raw_rows
from qmsdesk.core.db.models_audits import (
    ChecklistQuestion,
    ChecklistTemplate,
)
from qmsdesk.core.errors import NotFoundError, ValidationError
from qmsdesk.core.text import clean, fold


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
    rows = [
        TemplateRow(id_, name, process, description, counts.get(id_, 0))
        for id_, name, process, description in raw_rows(session, stmt)
    ]
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
        problems.append(template_problem("name", "a template needs a name."))
    elif len(f.name) > MAX_LENGTHS["template_name"]:
        problems.append(
            template_problem(
                "name", f"at most {MAX_LENGTHS['template_name']} characters are allowed."
            )
        )
    elif fold(f.name) == fold(ISO_TEMPLATE_NAME):
        problems.append(
            template_problem("name", "that is the name of the shipped template; choose another.")
        )
    if len(f.process) > MAX_LENGTHS["process"]:
        problems.append(
            template_problem("process", f"at most {MAX_LENGTHS['process']} characters are allowed.")
        )
    return problems


def _ensure_unique_template(session: Session, name: str, template_id: int | None) -> None:
    found = template_id_for_name(session, name)
    if found is not None and found != template_id:
        raise ValidationError(
            template_problem("name", f"there is already a template called '{name}'.")
        )


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
    for name, label in TEMPLATE_FIELD_LABELS.items():
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
        changes=[history.Change(TEMPLATE_FIELD_LABELS["name"], template.name, "")],
    )
    session.delete(template)
    session.flush()
