"""Audits in Excel: checklist templates and an audit's checklist (out blank, back with results).

Sheets:

* **Checklist questions**: one row per question of a template (template name, clause, question,
  evidence to look for). A colleague can write a process template in Excel; importing it adds the
  template, or replaces the questions of the template of that name. The shipped ISO 9001 template
  may appear (an export holds it) but cannot be changed.
* **Audit checklist**: one audit's questions with a column for the result and one for the evidence
  notes: the paper checklist keyed back. Every row names the audit, and each question must be the
  one the audit has at that number, so a workbook made for another audit is refused.

The actions register's sheet is in :mod:`qmsdesk.core.exchange.actions_xlsx` (its names are
importable from here too). Every rule comes from :mod:`qmsdesk.core.audits`; this module maps
columns to fields and problems back to the cells the user wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qmsdesk.core import audits, company
from qmsdesk.core.db.models_audits import AuditStatus, Result
from qmsdesk.core.errors import NotFoundError, Problem, QmsError, ValidationError
from qmsdesk.core.exchange.actions_xlsx import ACTIONS as ACTIONS
from qmsdesk.core.exchange.actions_xlsx import export_actions as export_actions
from qmsdesk.core.exchange.workbook import (
    Action,
    Column,
    ColumnKind,
    FieldChange,
    ImportPlan,
    PlanContext,
    PlanItem,
    Progress,
    Readme,
    SheetData,
    SheetPlan,
    SheetSpec,
    SheetTable,
    TableRow,
    plan_import,
    write_workbook,
)
from qmsdesk.core.exchange.workbook.keyed import (
    Added,
    Changed,
    Changes,
    KeyedImporter,
    KeyedRun,
    RowKey,
    RowReport,
    during_apply,
    new_key,
)
from qmsdesk.core.text import clean, fold

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

_RESULTS = tuple(audits.RESULT_LABELS.values())
_T = audits.TEMPLATE_VOCAB
_Q = audits.QUESTION_VOCAB

# The columns' headers and help come from the fields' vocabularies where a column is one field
# and the sheet says no more than the vocabulary; the help texts that say what this sheet does
# with the column (how it is read back, or that it is not) are the sheet's own.

TEMPLATES = SheetSpec(
    name="Checklist questions",
    aliases=("Checklist templates", "Checklist", "Questions"),
    columns=(
        # The template's name, headed for a sheet of questions; the help is the sheet's own.
        Column(
            "template",
            "Template",
            required=True,
            aliases=("Template name", "Checklist name"),
            help="The template the question belongs to, such as 'Purchasing process audit'. "
            "Rows with the same template name make one template, in the order of the rows.",
        ),
        Column(
            "process",
            _T["process"].label,
            aliases=("Process / department", "Department"),
            # The sheet's own help: it says which row is read.
            help="The process the template is for (read from the template's first row).",
        ),
        Column(
            # Not a field: the question's place in its template.
            "position",
            "No.",
            ColumnKind.NUMBER,
            aliases=("Number", "Question number", "#"),
            width=6,
            computed=True,
            help="The question's number in its template. Shown for information: the order of "
            "the rows gives the order of the questions.",
        ),
        Column(
            "clause",
            _Q["clause"].label,
            required=True,
            aliases=("ISO clause", "ISO 9001 clause"),
            width=9,
            help=f"{_Q['clause'].help} Every question needs one.",
        ),
        Column(
            "question",
            _Q["question"].label,
            required=True,
            width=70,
            help=_Q["question"].help,
        ),
        Column(
            "hint",
            _Q["hint"].label,
            aliases=("Evidence hint", "Hint", "Look for", "Evidence"),
            width=50,
            help=_Q["hint"].help,
        ),
    ),
)

CHECKLIST = SheetSpec(
    name="Audit checklist",
    aliases=("Audit questions", "Checklist results", "Audit results"),
    frozen_columns=2,
    columns=(
        # The audit's reference, headed for a sheet of questions.
        Column(
            "audit",
            "Audit",
            required=True,
            aliases=("Audit reference", "Audit ref", "Reference"),
            width=13,
            help=f"{audits.AUDIT_VOCAB['reference'].help} Every row names the same audit; "
            "QMS Desk refuses a workbook made for another audit.",
        ),
        Column(
            # Not a field: the question's place in the audit's checklist.
            "position",
            "No.",
            ColumnKind.NUMBER,
            required=True,
            aliases=("Number", "Question number", "#"),
            width=6,
            help="The question's number in the audit's checklist. Do not change it.",
        ),
        Column(
            "clause",
            _Q["clause"].label,
            aliases=("ISO clause",),
            width=9,
            # The sheet's own help, here and for the next three: how the column is read back.
            help="The clause the question checks (for information; checked against the audit).",
        ),
        Column(
            "question",
            _Q["question"].label,
            width=60,
            help="The question (checked against the audit: it must be the question at this "
            "number).",
        ),
        Column(
            "hint",
            _Q["hint"].label,
            width=40,
            computed=True,
            help="What to look for; for information, not read back.",
        ),
        Column(
            "result",
            _Q["result"].label,
            ColumnKind.CHOICE,
            choices=_RESULTS,
            width=28,
            help=f"One of: {', '.join(_RESULTS)}. Leave it empty if the question was not "
            "answered yet.",
        ),
        Column(
            "evidence",
            _Q["evidence"].label,
            aliases=("Notes", "Evidence", "Evidence seen", "Auditor notes"),
            width=60,
            help=_Q["evidence"].help,
        ),
    ),
)

# --- export ----------------------------------------------------------------------------------


def _readme(
    title: str, lines: Sequence[str], sections: Sequence[tuple[str, Sequence[str]]] = ()
) -> Readme:
    return Readme(title=title, lines=tuple(lines), sections=tuple(sections))


def export_templates(
    db: Database,
    path: Path,
    *,
    template: bool = False,
    progress: Progress | None = None,
    include_iso: bool | str = True,
) -> int:
    """Write the checklist templates (the shipped ones too, unless `include_iso` is false) to
    `path`; a blank sheet with `template`. Returns the rows written."""
    rows: list[tuple[object, ...]] = []
    with db.read() as session:
        name = company.get_info(session).name
        if not template:
            for t in audits.all_templates(session):
                if t.builtin and str(include_iso).lower() in ("false", "no", "0"):
                    continue
                for q in audits.template_questions(session, t.id):
                    rows.append((t.name, t.process, q.position, q.clause, q.question, q.hint))
    who = f" of {name}" if name else ""
    write_workbook(
        Path(path),
        [SheetData(TEMPLATES, rows)],
        _readme(
            f"Audit checklist templates{who}",
            (
                "One row per question. Rows with the same template name make one template, in "
                "the order of the rows. Importing the workbook (File > Import) adds new templates "
                "and replaces the questions of a template of the same name.",
                "The shipped templates ("
                + ", ".join(f"'{t[0]}'" for t in audits.SHIPPED_TEMPLATES.values())
                + ") cannot be changed: to build on one, give its rows another template name.",
                "Every question needs the clause of ISO 9001:2015 it checks (such as 8.5.1).",
            ),
        ),
        progress,
    )
    return len(rows)


def export_checklist(
    db: Database,
    path: Path,
    *,
    template: bool = False,
    progress: Progress | None = None,
    audit: str = "",
) -> int:
    """Write one audit's checklist (results and notes as recorded so far) to `path`."""
    reference = clean(audit)
    if not reference:
        raise ValidationError(
            "Say which audit's checklist to export: its reference (--audit IA-2026-03)."
        )
    with db.read() as session:
        name = company.get_info(session).name
        row = audits.audit_for_reference(session, reference)
        questions = audits.questions_of(session, row.id)
    if not questions:
        raise QmsError(
            f"{row.reference} has no checklist yet: add questions from a template first."
        )
    data = [
        (
            row.reference,
            n,
            q.clause,
            q.question,
            q.hint,
            "" if template or q.result is None else audits.RESULT_LABELS[q.result],
            "" if template else q.evidence,
        )
        for n, q in enumerate(questions, 1)
    ]
    who = f" of {name}" if name else ""
    write_workbook(
        Path(path),
        [SheetData(CHECKLIST, data)],
        _readme(
            f"Checklist of audit {row.reference}{who}",
            (
                f"{row.reference}: {row.title}. Lead auditor: {row.lead_auditor or '-'}. "
                f"Auditees: {', '.join(row.auditees) or '-'}.",
                "Fill in the Result and Evidence notes columns, then import the workbook back "
                "into QMS Desk (on the Audits tab: Import results, or File > Import).",
                "Do not change the Audit, No. or Question columns: they tell QMS Desk which "
                "question each result answers. A workbook made for another audit is refused.",
                f"Results: {', '.join(_RESULTS)}. Every nonconformity, opportunity for "
                "improvement and observation becomes a finding; every nonconformity opens a "
                "corrective action.",
            ),
        ),
        progress,
    )
    return len(data)


# --- import: templates -----------------------------------------------------------------------


@dataclass
class _TemplateRows:
    name: str
    first_row: int
    process: str = ""
    questions: list[audits.QuestionFields] = field(default_factory=list)


class TemplatesImporter:
    spec = TEMPLATES
    order = 60

    def existing(self, session: Session) -> dict[str, tuple[int, list[audits.QuestionFields]]]:
        found = {}
        for t in audits.all_templates(session):
            found[fold(t.name)] = (
                t.id,
                [q.fields() for q in audits.template_questions(session, t.id)],
            )
        return found

    def plan(
        self,
        session: Session,
        table: SheetTable,
        context: PlanContext,
        existing: dict[str, tuple[int, list[audits.QuestionFields]]],
    ) -> tuple[SheetPlan, list[Problem]]:
        problems: list[Problem] = []
        groups: dict[str, _TemplateRows] = {}
        for row in table.rows:
            values = row.values
            name = " ".join(clean(values.get("template")).split())
            if not name:
                if "template" not in row.bad:
                    problems.append(
                        table.problem(row.number, "template", "Say which template this row is in.")
                    )
                continue
            if len(name) > audits.MAX_LENGTHS["template_name"]:
                problems.append(
                    table.problem(
                        row.number,
                        "template",
                        f"A template name has at most {audits.MAX_LENGTHS['template_name']} "
                        "characters.",
                    )
                )
                continue
            group = groups.setdefault(fold(name), _TemplateRows(name, row.number))
            if not group.process and table.has("process"):
                group.process = clean(values.get("process"))
            clause = values.get("clause")
            try:
                clause = audits.parse_clause(clause)
            except ValueError as exc:
                if "clause" not in row.bad:
                    problems.append(table.problem(row.number, "clause", str(exc)))
                continue
            question = clean(values.get("question"))
            if not question:
                if "question" not in row.bad:
                    problems.append(table.problem(row.number, "question", "The question is empty."))
                continue
            if row.bad:
                continue
            group.questions.append(
                audits.QuestionFields(clause, question, clean(values.get("hint")))
            )
        items: list[PlanItem] = []
        ops: list[tuple[int | None, _TemplateRows]] = []
        for key, group in groups.items():
            found = existing.get(key)
            if found is not None and audits.is_shipped(found[0]):
                if found[1] != group.questions:
                    problems.append(
                        table.problem(
                            group.first_row,
                            "template",
                            f"'{audits.SHIPPED_TEMPLATES[found[0]][0]}' ships with QMS Desk and "
                            "cannot be changed. Give these rows another template name to make "
                            "your own version of it.",
                        )
                    )
                else:
                    items.append(PlanItem(Action.UNCHANGED, group.name, group.first_row))
                continue
            if found is None:
                ops.append((None, group))
                items.append(
                    PlanItem(
                        Action.ADD,
                        group.name,
                        group.first_row,
                        (FieldChange("Questions", "", str(len(group.questions))),),
                    )
                )
            elif found[1] != group.questions:
                ops.append((found[0], group))
                items.append(
                    PlanItem(
                        Action.CHANGE,
                        group.name,
                        group.first_row,
                        (FieldChange("Questions", str(len(found[1])), str(len(group.questions))),),
                    )
                )
            else:
                items.append(PlanItem(Action.UNCHANGED, group.name, group.first_row))
        context.tick(len(table.rows))
        sheet = table.sheet

        def apply(session: Session, user: str) -> None:
            try:
                for template_id, group in ops:
                    if template_id is None:
                        audits.create_template(
                            session,
                            audits.TemplateFields(group.name, group.process),
                            user,
                            group.questions,
                        )
                    else:
                        audits.set_template_questions(session, template_id, group.questions, user)
            except QmsError as exc:  # NotFoundError too
                raise during_apply(sheet, exc) from exc

        return SheetPlan(table.sheet, "Checklist templates", items, apply), problems


# --- import: an audit's checklist ------------------------------------------------------------


@dataclass
class ChecklistSheetPlan(SheetPlan):
    """The plan of an audit checklist sheet also says which audit it is for."""

    audit_reference: str = ""
    header_row: int = 1


@dataclass(frozen=True)
class _Audit:
    """The audit a checklist sheet names, and its questions by number."""

    reference: str
    by_position: dict[int, audits.AuditQuestionRow]


_Answer = tuple[Result | None, str]  # a row's result and evidence notes
_Checklist = KeyedRun[_Audit]


class ChecklistImporter(KeyedImporter[_Audit, int, audits.AuditQuestionRow, _Answer]):
    spec = CHECKLIST
    order = 70
    title = "Audit checklist"

    def existing(self, session: Session) -> Session:  # type: ignore[override]  # see plan
        return session  # the audit is known only once the sheet is read

    def plan(
        self, session: Session, table: SheetTable, context: PlanContext, _held: Any
    ) -> tuple[SheetPlan, list[Problem]]:
        """The sheet's audit first (one, known, still open), then its rows as keyed rows."""
        problems: list[Problem] = []
        refs: dict[str, tuple[str, int]] = {}
        for row in table.rows:
            ref = clean(row.values.get("audit"))
            if not ref:
                if "audit" not in row.bad:
                    problems.append(
                        table.problem(
                            row.number, "audit", "Say which audit this row is for (its reference)."
                        )
                    )
                continue
            refs.setdefault(fold(ref), (ref, row.number))
        empty = ChecklistSheetPlan(table.sheet, "Audit checklist", header_row=table.header_row)
        if len(refs) > 1:
            (ref_a, row_a), (ref_b, row_b) = list(refs.values())[:2]
            problems.append(
                table.problem(
                    row_b,
                    "audit",
                    f"This sheet mixes audits: '{ref_a}' on row {row_a} and '{ref_b}' on row "
                    f"{row_b}. A checklist workbook holds one audit.",
                )
            )
            return empty, problems
        if not refs:
            if not problems:
                problems.append(table.problem(None, None, "This sheet has no rows to import."))
            return empty, problems
        reference, first_row = next(iter(refs.values()))
        try:
            found = audits.audit_for_reference(session, reference)
        except NotFoundError as exc:
            problems.append(table.problem(first_row, "audit", str(exc)))
            return empty, problems
        empty.audit_reference = found.reference
        questions = audits.questions_of(session, found.id)
        held = _Audit(found.reference, dict(enumerate(questions, 1)))
        keyed, row_problems = super().plan(session, table, context, held)
        done = found.status in (AuditStatus.REPORTED, AuditStatus.CLOSED)
        if done and not row_problems and all(i.action == Action.UNCHANGED for i in keyed.items):
            # The checklist of a closed audit, back as it went out: nothing to change.
            keyed.apply = None
        elif done:
            problems.append(
                table.problem(
                    first_row,
                    "audit",
                    f"{found.reference} is {audits.STATUS_LABELS[found.status].lower()}; its "
                    "checklist can no longer change. Set it back to In progress first if results "
                    "must be corrected.",
                )
            )
            return empty, problems
        plan = ChecklistSheetPlan(
            keyed.sheet,
            f"Audit checklist {found.reference}",
            keyed.items,
            keyed.apply,
            audit_reference=found.reference,
            header_row=table.header_row,
        )
        return plan, problems + row_problems

    def lookup(self, run: _Checklist) -> Callable[[int], audits.AuditQuestionRow | None]:
        return run.held.by_position.get

    def row_key(self, run: _Checklist, row: TableRow) -> RowKey[int] | None:
        if row.bad:
            return None  # its cells were refused already; nothing more is said of the row
        number = _whole_number(row.values.get("position"))
        if number is None or number not in run.held.by_position:
            return None
        return new_key((number, f"Question {number}", str(number)))

    def check_key(
        self, run: _Checklist, row: TableRow, key: RowKey[int] | None, report: RowReport
    ) -> None:
        if key is not None or row.bad:
            return
        number = _whole_number(row.values.get("position"))
        if number is None:
            report.always("position", "Give the question's number (a whole number).")
        else:
            report.always(
                "position",
                f"{run.held.reference} has no question {number} (it has "
                f"{len(run.held.by_position)}). Was this workbook made for another audit?",
            )

    def duplicate_message(
        self, run: _Checklist, row: TableRow, key: RowKey[int], first: int
    ) -> tuple[str, str]:
        return (
            "position",
            f"Question {key.key} is on row {first} too; each question goes on one row only.",
        )

    def parse(
        self,
        run: _Checklist,
        row: TableRow,
        stored: audits.AuditQuestionRow | None,
        report: RowReport,
    ) -> _Answer | None:
        table, values, question = run.table, row.values, stored
        if question is None:  # pragma: no cover - row_key gives only numbers the audit has
            return None
        mismatch = None
        if table.has("question") and fold(clean(values.get("question"))) != fold(question.question):
            mismatch = "question"
        elif table.has("clause") and clean(values.get("clause")) != question.clause:
            mismatch = "clause"
        if mismatch is not None:
            reference = run.held.reference
            report.always(
                mismatch,
                f"This is not question {question.position} of {reference} (that one reads: "
                f"{question.clause} '{_short(question.question)}'). The workbook was made "
                "for another audit, or its rows were changed; export the checklist of "
                f"{reference} again.",
            )
            return None
        try:
            result = audits.parse_result(values.get("result")) if table.has("result") else None
        except ValueError as exc:
            report.always("result", str(exc))
            return None
        evidence = clean(values.get("evidence")) if table.has("evidence") else ""
        if not table.has("result"):
            result = question.result
        if not table.has("evidence"):
            evidence = question.evidence
        return result, evidence

    def changing(
        self,
        run: _Checklist,
        row: TableRow,
        key: RowKey[int],
        stored: audits.AuditQuestionRow,
        fields: _Answer,
        report: RowReport,
    ) -> tuple[_Answer, Changes]:
        result, evidence = fields
        if result == stored.result and evidence == stored.evidence:
            return fields, ()
        old = audits.RESULT_LABELS[stored.result] if stored.result else ""
        new = audits.RESULT_LABELS[result] if result else ""
        changes = [FieldChange("Result", old, new)]
        if evidence != stored.evidence:
            changes.append(FieldChange("Evidence notes", stored.evidence, evidence))
        return fields, tuple(changes)

    def label(self, run: _Checklist, key: RowKey[int], fields: _Answer) -> str:
        question = run.held.by_position[key.key]
        if fields == (question.result, question.evidence):
            return key.name
        return f"{key.name} ({question.clause})"  # a changed one says its clause too

    def write(
        self,
        session: Session,
        user: str,
        added: list[Added[int, _Answer]],
        changed: list[Changed[int, audits.AuditQuestionRow, _Answer]],
    ) -> None:
        audits.record_answers(session, [(c.stored.id, *c.fields) for c in changed], user)


def _whole_number(value: object) -> int | None:
    """A question number as a cell gives it: 3, 3.0 or "3"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return value


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plan_checklist_import(
    db: Database, path: Path, reference: str, progress: Progress | None = None
) -> ImportPlan:
    """Plan the import of a keyed-back checklist into the audit `reference` (the audit open in
    the app): a workbook holding no checklist, or the checklist of another audit, is refused."""
    plan = plan_import(db, Path(path), progress=progress)
    sheets = [s for s in plan.sheets if isinstance(s, ChecklistSheetPlan)]
    if not sheets and not any(p.sheet and "checklist" in fold(p.sheet) for p in plan.problems):
        plan.problems.append(
            Problem(
                Path(path).name,
                None,
                None,
                f"This workbook holds no audit checklist (a sheet named '{CHECKLIST.name}'). "
                f"Export the checklist of {reference} from QMS Desk, fill it in and import it.",
            )
        )
    for sheet in sheets:
        if sheet.audit_reference and fold(sheet.audit_reference) != fold(clean(reference)):
            plan.problems.append(
                Problem(
                    sheet.sheet,
                    sheet.header_row + 1,
                    CHECKLIST.column("audit").header,
                    f"This checklist belongs to audit {sheet.audit_reference}, not to "
                    f"{clean(reference)}. Import it from that audit, or export the checklist of "
                    f"{clean(reference)}.",
                )
            )
    others = [s for s in plan.sheets if not isinstance(s, ChecklistSheetPlan)]
    if others:
        # Only the checklist is imported from an audit; the rest goes through File > Import.
        plan.sheets = list[SheetPlan](sheets)
        plan.notes.append(
            "Sheet(s) " + ", ".join(f"'{s.sheet}'" for s in others) + " not read here: import "
            "them with File > Import."
        )
    return plan


#: The sheets this register imports (see workbook.SHEET_MODULES).
SHEET_IMPORTERS = [TemplatesImporter(), ChecklistImporter()]
