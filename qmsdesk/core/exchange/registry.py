"""The words `export`, `import` and `report` know, shared by the command line and the GUI.

Each register adds its entries here; modules are imported lazily so that `qmsdesk --help` and the
GUI's start stay quick.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qmsdesk.core.errors import QmsError

if TYPE_CHECKING:
    from qmsdesk.core.exchange.workbook import ImportPlan

Progress = Callable[[int, int], None]


class ParameterError(QmsError):
    """A word was given a parameter it does not declare, or not one it requires."""


@dataclass(frozen=True)
class Param:
    """One parameter an export or report word takes, declared once: the command line builds its
    options from these, and :meth:`Entry.write` refuses any other.

    `kind` is ``str`` or ``int``: the command line gives text, which is converted to it. With
    `option`, the command line has ``--NAME`` for it (besides ``--param NAME=VALUE``).
    """

    name: str
    help: str
    kind: type[str] | type[int] = str
    required: bool = False
    option: bool = False
    metavar: str = "VALUE"
    missing: str = ""  # what a missing required parameter is told ("Say which audit...")

    def convert(self, value: object) -> object:
        if self.kind is int and isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                raise ParameterError(f"{self.name}: write a whole number, not '{value}'.") from None
        return value

    def usage(self) -> str:
        """How the command line gives it."""
        return (
            f"--{self.name} {self.metavar}"
            if self.option
            else f"--param {self.name}={self.metavar}"
        )


@dataclass(frozen=True)
class Entry:
    """A lazily imported function `module:function` with a one-line help and its parameters."""

    help: str
    target: str
    params: tuple[Param, ...] = ()
    word: str = ""  # "report training-due": set by the table

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def arguments(self, given: dict[str, object]) -> dict[str, object]:
        """`given` checked against the declared parameters and converted; raises
        :class:`ParameterError` (one line) for a parameter not declared or a required one
        missing."""
        out: dict[str, object] = {}
        for name, value in given.items():
            declared = self.param(name)
            if declared is None:
                takes = ", ".join(p.usage() for p in self.params) or "nothing else"
                raise ParameterError(f"{self.word} does not take '{name}' (it takes {takes}).")
            out[name] = declared.convert(value)
        for p in self.params:
            if p.required and out.get(p.name) in (None, ""):
                raise ParameterError(p.missing or f"{self.word} needs {p.usage()}: {p.help}.")
        return out

    def write(self, db: Any, path: Path, **kwargs: Any) -> Any:
        """Call the function with `db`, `path`, `progress` and (exports) `template`, and the
        word's declared parameters; any other is refused (:class:`ParameterError`)."""
        extra = {k: kwargs.pop(k) for k in ("progress", "template") if k in kwargs}
        params = self.arguments(kwargs)
        module_name, _, func_name = self.target.partition(":")
        function = getattr(importlib.import_module(module_name), func_name)
        with _company_dates(db):
            return function(db, path, **extra, **params)


@contextlib.contextmanager
def _company_dates(db: Any) -> Iterator[None]:
    """The company's date format, read once, for the length of one export or report."""
    from qmsdesk.core import company, dates

    with db.read() as session:
        style = company.date_style(session)
    with dates.styled(style):
        yield


def _table(command: str, entries: dict[str, Entry]) -> dict[str, Entry]:
    return {word: replace(e, word=f"{command} {word}") for word, e in entries.items()}


_ON = Param("on", "the day the report is about (default today)", metavar="DATE")
_AUDIT = Param(
    "audit",
    "the audit (its reference, such as IA-2026-03)",
    required=True,
    option=True,
    metavar="REF",
    missing="Say which audit: give its reference (--audit IA-2026-03, or audit=IA-2026-03).",
)
_REVIEW = Param(
    "review",
    "the management review (its reference, such as MR-2026, or its number)",
    required=True,
    option=True,
    metavar="REF",
    missing="Say which management review: give its reference (--review MR-2026) or its number.",
)

# export: write(db, path, *, template=False, progress=None, **declared) -> number of rows written
EXPORTS: dict[str, Entry] = {
    "documents": Entry(
        "the document register: documents and revisions",
        "qmsdesk.core.exchange.documents_xlsx:export_documents",
    ),
    "training": Entry(
        "the training matrix (coloured grid and legend), with people, job roles, training items, "
        "requirements and records that import back",
        "qmsdesk.core.exchange.training_xlsx:export_training",
    ),
    "training-due": Entry(
        "the training due list: expired, expiring soon, retraining after a document revision",
        "qmsdesk.core.exchange.training_xlsx:export_due",
    ),
    "reviews": Entry(
        "management reviews and the actions they raised (with --review REF: one review, "
        "with its inputs and decisions)",
        "qmsdesk.core.exchange.reviews_xlsx:export_review",
        (
            replace(
                _REVIEW,
                help="one management review (its reference, such as MR-2026)",
                required=False,
            ),
        ),
    ),
    "audit-templates": Entry(
        "audit checklist templates: the two shipped ISO 9001 ones (manufacturing, services) and "
        "the company's own (they import back)",
        "qmsdesk.core.exchange.audits_xlsx:export_templates",
    ),
    "audit-checklist": Entry(
        "one audit's checklist, to fill in with results and import back (--audit REF)",
        "qmsdesk.core.exchange.audits_xlsx:export_checklist",
        (
            replace(
                _AUDIT,
                missing="Say which audit's checklist to export: its reference "
                "(--audit IA-2026-03).",
            ),
        ),
    ),
    "actions": Entry(
        "the actions register: corrective and other actions from every source (it imports back)",
        "qmsdesk.core.exchange.actions_xlsx:export_actions",
    ),
    "context": Entry(
        "the context: context issues, interested parties, the scope and its exclusions (they "
        "import back)",
        "qmsdesk.core.exchange.context_xlsx:export_context",
    ),
    "processes": Entry(
        "the register of processes with their inputs and outputs (they import back)",
        "qmsdesk.core.exchange.processes_xlsx:export_processes",
    ),
    "feedback": Entry(
        "customer feedback: complaints, compliments, returns and satisfaction results (they "
        "import back)",
        "qmsdesk.core.exchange.feedback_xlsx:export_feedback",
    ),
    "changes": Entry(
        "the changes register: planned changes, their approval and review (it imports back)",
        "qmsdesk.core.exchange.changes_xlsx:export_changes",
    ),
    "design": Entry(
        "design and development: projects and their stage records (they import back)",
        "qmsdesk.core.exchange.design_xlsx:export_design",
    ),
    "audits": Entry(
        "the audit programme: one row per audit, to plan audits in Excel and import back",
        "qmsdesk.core.exchange.audits_programme_xlsx:export_audits",
    ),
    "people": Entry(
        "the people register: people and job roles (they import back)",
        "qmsdesk.core.exchange.training_xlsx:export_people",
    ),
    "risks": Entry(
        "risks and opportunities with their ratings, and the effectiveness reviews of their "
        "actions (they import back)",
        "qmsdesk.core.exchange.risks_xlsx:export_risks",
    ),
    "objectives": Entry(
        "quality objectives, their plans and their measurements (they import back; a "
        "colleague can fill in the Measurements sheet)",
        "qmsdesk.core.exchange.objectives_xlsx:export_objectives",
    ),
    "suppliers": Entry(
        "the suppliers with their certificates and evaluations (imports back)",
        "qmsdesk.core.exchange.suppliers_xlsx:export_suppliers",
    ),
    "equipment": Entry(
        "the measuring equipment and its calibrations (imports back)",
        "qmsdesk.core.exchange.equipment_xlsx:export_equipment",
    ),
    "nonconforming": Entry(
        "the nonconforming outputs (imports back)",
        "qmsdesk.core.exchange.nonconforming_xlsx:export_nonconforming",
    ),
}
EXPORTS = _table("export", EXPORTS)

# report: write(db, out_path, *, progress=None, **declared) -> out_path
REPORTS: dict[str, Entry] = {
    "documents": Entry(
        "master list of documents (A4 landscape)",
        "qmsdesk.core.exchange.documents_pdf:write_master_list",
        (
            Param("include_obsolete", "list obsolete documents too", metavar="yes|no"),
            replace(_ON, help="the day reviews are judged against (default today)"),
        ),
    ),
    "training-matrix": Entry(
        "the training matrix, split over pages with a legend (--param paper=A3; filters: "
        "department, role, category, status)",
        "qmsdesk.core.exchange.training_pdf:write_matrix",
        (
            Param("paper", "the paper size", metavar="A4|A3"),
            Param("department", "only the people of this department"),
            Param("role", "only the people in this job role"),
            Param("category", "only the training items of this category"),
            Param("status", "only the cells of this status (a code such as EXP)", metavar="CODE"),
            Param("left", "people who left too", metavar="yes|no"),
            Param("archived", "archived training items too", metavar="yes|no"),
            _ON,
        ),
    ),
    "training-record": Entry(
        "one person's training record for an auditor (--person EMPLOYEE_NO)",
        "qmsdesk.core.exchange.training_pdf:write_record",
        (
            Param(
                "person",
                "the person (their employee number)",
                required=True,
                option=True,
                metavar="NO",
                missing="Say whose training record to print: the person's employee number "
                "(--person NO).",
            ),
            _ON,
        ),
    ),
    "training-due": Entry(
        "training expired, expiring soon or to redo after a document revision "
        "(--param missing=yes adds training never done)",
        "qmsdesk.core.exchange.training_pdf:write_due",
        (Param("missing", "add required training never done", metavar="yes|no"), _ON),
    ),
    "review-minutes": Entry(
        "minutes of a management review (--review REF; approved minutes print as approved, "
        "with the change history's head)",
        "qmsdesk.core.exchange.reviews_pdf:write_minutes",
        (
            _REVIEW,
            Param("revision", "an earlier approved revision of the minutes", int, metavar="N"),
        ),
    ),
    "review-agenda": Entry(
        "blank agenda of a management review, to circulate before the meeting (--review REF)",
        "qmsdesk.core.exchange.reviews_pdf:write_agenda",
        (_REVIEW,),
    ),
    "audit-checklist": Entry(
        "blank checklist of an audit for the shop floor, with tick boxes (--audit REF)",
        "qmsdesk.core.exchange.audits_pdf:write_checklist",
        (_AUDIT,),
    ),
    "audit-report": Entry(
        "report of an audit: scope, counts, every finding with its evidence (--audit REF)",
        "qmsdesk.core.exchange.audits_pdf:write_audit_report",
        (_AUDIT, _ON),
    ),
    "actions": Entry(
        "the actions register: open, overdue, and closed in a period (--param start=DATE "
        "end=DATE; default the last 12 months)",
        "qmsdesk.core.exchange.actions_pdf:write_actions",
        (
            Param("start", "the first day of the period", metavar="DATE"),
            Param("end", "the last day of the period", metavar="DATE"),
            _ON,
        ),
    ),
    "context": Entry(
        "the context: scope and exclusions with their reasons, quality policy, context issues, "
        "interested parties",
        "qmsdesk.core.exchange.context_pdf:write_context",
        (_ON,),
    ),
    "process-map": Entry(
        "the process map drawn from the register (management, core and support bands, arrows "
        "for the hand-overs), then one turtle page per process",
        "qmsdesk.core.exchange.process_map_pdf:write_process_map",
        (Param("turtles", "a turtle page per process (default yes)", metavar="yes|no"),),
    ),
    "feedback": Entry(
        "customer feedback: open complaints and returns (overdue first), what was received in "
        "a period, satisfaction results (--param start=DATE end=DATE)",
        "qmsdesk.core.exchange.operations_pdf:write_feedback",
        (
            Param("start", "the first day of the period", metavar="DATE"),
            Param("end", "the last day of the period", metavar="DATE"),
            _ON,
        ),
    ),
    "changes": Entry(
        "the changes register: what changes and why, impact, approval, review of the results",
        "qmsdesk.core.exchange.operations_pdf:write_changes",
        (_ON,),
    ),
    "design-project": Entry(
        "one design project with its stage records, for an auditor (--project REF)",
        "qmsdesk.core.exchange.operations_pdf:write_design_project",
        (
            Param(
                "project",
                "the design project (its reference, such as DP-2026-01)",
                required=True,
                option=True,
                metavar="REF",
                missing="Say which design project: give its reference (--project REF, or "
                "project=REF).",
            ),
        ),
    ),
    "readiness": Entry(
        "certification readiness clause by clause: ready, partly, missing or not applicable, "
        "with the reasons and the evidence",
        "qmsdesk.core.exchange.readiness_pdf:write_readiness",
        (_ON,),
    ),
    "mock-audit": Entry(
        "a mock certification audit: records sampled as an auditor would, and what each lacks",
        "qmsdesk.core.exchange.readiness_pdf:write_mock_audit",
        (_ON,),
    ),
    "audit-programme": Entry(
        "the audit programme: the year month by month, clause coverage over the audit cycle, "
        "coverage by process (--param year=YYYY cycle=YEARS)",
        "qmsdesk.core.exchange.audit_programme_pdf:write_programme",
        (
            Param("year", "the programme's year (default this year)", int, metavar="YYYY"),
            Param("cycle", "the audit cycle in years (default 3)", int, metavar="YEARS"),
            _ON,
        ),
    ),
    "audit-pack": Entry(
        "the certification audit pack: one PDF with a cover, contents and bookmarks, indexed "
        "by clause (--zip FILE.zip adds every attached file and a manifest of SHA-256s)",
        "qmsdesk.core.exchange.audit_pack:write_pack",
        (
            Param(
                "zip",
                "also write a ZIP of the pack and every file it refers to",
                option=True,
                metavar="FILE.zip",
            ),
            Param("force", "replace the ZIP file if it exists (--force)", metavar="yes|no"),
            _ON,
        ),
    ),
    "risks": Entry(
        "the risks and opportunities register with heat maps before and after treatment",
        "qmsdesk.core.exchange.risks_pdf:write_risks",
        (_ON,),
    ),
    "objectives": Entry(
        "quality objectives: one block per objective with its target, plan, status and trend chart",
        "qmsdesk.core.exchange.objectives_pdf:write_objectives",
        (_ON,),
    ),
    "suppliers": Entry(
        "the approved supplier list: evaluations, re-evaluations due, certificates (A4 landscape)",
        "qmsdesk.core.exchange.suppliers_equipment_pdf:write_suppliers",
        (_ON,),
    ),
    "equipment": Entry(
        "the calibration schedule of the measuring equipment, the soonest due first",
        "qmsdesk.core.exchange.suppliers_equipment_pdf:write_schedule",
        (_ON,),
    ),
    "calibration-labels": Entry(
        "calibration status labels to stick on the gauges: those calibrated in the last 30 days "
        "(--param status=overdue | all)",
        "qmsdesk.core.exchange.suppliers_equipment_pdf:write_labels",
        (Param("status", "which gauges: recent (default), overdue or all", metavar="WHICH"), _ON),
    ),
    "nonconforming": Entry(
        "the nonconforming outputs by where found and disposition, then each one (the last 12 "
        "months and those still open; --param start=DATE end=DATE)",
        "qmsdesk.core.exchange.suppliers_equipment_pdf:write_nonconforming",
        (
            Param("start", "the first day found", metavar="DATE"),
            Param("end", "the last day found", metavar="DATE"),
        ),
    ),
}
REPORTS = _table("report", REPORTS)


def options(table: dict[str, Entry]) -> dict[str, tuple[Param, list[str]]]:
    """The parameters the command line gives as ``--NAME``: each with the words that take it."""
    found: dict[str, tuple[Param, list[str]]] = {}
    for word, entry in table.items():
        for p in entry.params:
            if p.option:
                found.setdefault(p.name, (p, []))[1].append(word)
    return found


def plan_import(db: Any, path: Path, progress: Progress | None = None) -> ImportPlan:
    """Read a workbook, recognise its sheets and say what importing it would do (writes nothing)."""
    from qmsdesk.core.exchange.workbook import plan_import as _plan

    return _plan(db, path, progress=progress)
