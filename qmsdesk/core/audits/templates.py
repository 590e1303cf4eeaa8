"""Checklist templates: the ISO 9001:2015 checklists shipped with the app (read-only: one for a
manufacturer, one for a service business) and the templates the lead writes, with their
questions."""

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
    MAX_LENGTHS,
    SERVICES_TEMPLATE_ID,
    SHIPPED_TEMPLATES,
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
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.service import delete_with_history, ensure_unique, load
from qmsdesk.core.text import clean, fold


@dataclass(frozen=True)
class QuestionFields:
    """A checklist question: the clause it checks, what to ask, the evidence to look for."""

    clause: str
    question: str
    hint: str = ""


@functools.cache
def shipped_questions(template_id: int) -> tuple[QuestionFields, ...]:
    """The questions of a shipped template, in the standard's order."""
    path = CATALOGUE_DIR / SHIPPED_TEMPLATES[template_id][1]
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        found = [
            QuestionFields(r["clause"].strip(), r["question"].strip(), r["hint"].strip())
            for r in rows
        ]
    order = clause_numbers()
    return tuple(sorted(found, key=lambda q: order[q.clause]))


def iso_questions() -> tuple[QuestionFields, ...]:
    """The shipped ISO 9001:2015 checklist written for a manufacturer."""
    return shipped_questions(ISO_TEMPLATE_ID)


def services_questions() -> tuple[QuestionFields, ...]:
    """The shipped ISO 9001:2015 checklist written for a service business."""
    return shipped_questions(SERVICES_TEMPLATE_ID)


def is_shipped(template_id: int | None) -> bool:
    return template_id in SHIPPED_TEMPLATES


def shipped_name(text: str) -> int | None:
    """The id of the shipped template with this name (any case), or None."""
    wanted = fold(clean(text))
    return next((i for i, t in SHIPPED_TEMPLATES.items() if fold(t[0]) == wanted), None)


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
        return is_shipped(self.id)


@dataclass(frozen=True)
class TemplateQuestionRow:
    id: int | None  # None for the shipped template
    position: int
    clause: str
    question: str
    hint: str

    def fields(self) -> QuestionFields:
        return QuestionFields(self.clause, self.question, self.hint)


def shipped_template_row(template_id: int) -> TemplateRow:
    name, _file, purpose = SHIPPED_TEMPLATES[template_id]
    return TemplateRow(
        template_id,
        name,
        "",
        f"Shipped with QMS Desk, {purpose}: at least one question for every clause of "
        "ISO 9001:2015. Copy it to change it.",
        len(shipped_questions(template_id)),
    )


def iso_template_row() -> TemplateRow:
    return shipped_template_row(ISO_TEMPLATE_ID)


def all_templates(session: Session) -> list[TemplateRow]:
    """The shipped templates first, then the company's templates by name."""
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
    return [*(shipped_template_row(i) for i in SHIPPED_TEMPLATES), *rows]


def template_id_for_name(session: Session, name: str) -> int | None:
    shipped = shipped_name(name)
    if shipped is not None:
        return shipped
    return session.scalar(select(ChecklistTemplate.id).where(ChecklistTemplate.name == clean(name)))


def template_questions(session: Session, template_id: int) -> list[TemplateQuestionRow]:
    if is_shipped(template_id):
        return [
            TemplateQuestionRow(None, n, q.clause, q.question, q.hint)
            for n, q in enumerate(shipped_questions(template_id), 1)
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
    if is_shipped(template_id):
        raise ValidationError(
            f"'{SHIPPED_TEMPLATES[template_id][0]}' ships with QMS Desk and cannot be changed: "
            "copy it and change the copy."
        )
    return load(session, ChecklistTemplate, template_id, "Checklist template", note="")


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
    elif shipped_name(f.name) is not None:
        problems.append(
            template_problem("name", "that is the name of a shipped template; choose another.")
        )
    if len(f.process) > MAX_LENGTHS["process"]:
        problems.append(
            template_problem("process", f"at most {MAX_LENGTHS['process']} characters are allowed.")
        )
    return problems


def _ensure_unique_template(session: Session, name: str, template_id: int | None) -> None:
    ensure_unique(
        template_id_for_name(session, name),
        template_id,
        template_problem("name", f"there is already a template called '{name}'."),
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
    if not is_shipped(source_id):
        process = _load_template(session, source_id).process
    return create_template(
        session,
        TemplateFields(name, process, f"Copied from {template_name(session, source_id)}."),
        user,
        [q.fields() for q in source],
    )


def template_name(session: Session, template_id: int) -> str:
    if is_shipped(template_id):
        return SHIPPED_TEMPLATES[template_id][0]
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
    delete_with_history(
        session,
        template,
        user=user,
        entity=TEMPLATE_ENTITY,
        entity_id=template.id,
        ref=template.name,
        changes=[history.Change(TEMPLATE_FIELD_LABELS["name"], template.name, "")],
    )
