"""The words `export`, `import` and `report` know, shared by the command line and the GUI.

Each register adds its entries here; modules are imported lazily so that `qmsdesk --help` and the
GUI's start stay quick.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qmsdesk.core.exchange.workbook import ImportPlan

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Entry:
    """A lazily imported function `module:function` with a one-line help."""

    help: str
    target: str

    def write(self, *args: Any, **kwargs: Any) -> Any:
        module_name, _, func_name = self.target.partition(":")
        return getattr(importlib.import_module(module_name), func_name)(*args, **kwargs)


# export: write(db, path, *, template=False, progress=None) -> number of rows written
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
    ),
    "audit-templates": Entry(
        "audit checklist templates: the shipped ISO 9001 one and the company's own (they import "
        "back)",
        "qmsdesk.core.exchange.audits_xlsx:export_templates",
    ),
    "audit-checklist": Entry(
        "one audit's checklist, to fill in with results and import back (--audit REF)",
        "qmsdesk.core.exchange.audits_xlsx:export_checklist",
    ),
    "actions": Entry(
        "the actions register: corrective and other actions from every source",
        "qmsdesk.core.exchange.actions_xlsx:export_actions",
    ),
}

# report: write(db, out_path, *, progress=None, **params) -> out_path
REPORTS: dict[str, Entry] = {
    "documents": Entry(
        "master list of documents (A4 landscape)",
        "qmsdesk.core.exchange.documents_pdf:write_master_list",
    ),
    "training-matrix": Entry(
        "the training matrix, split over pages with a legend (--param paper=A3; filters: "
        "department, role, category, status)",
        "qmsdesk.core.exchange.training_pdf:write_matrix",
    ),
    "training-record": Entry(
        "one person's training record for an auditor (--person EMPLOYEE_NO)",
        "qmsdesk.core.exchange.training_pdf:write_record",
    ),
    "training-due": Entry(
        "training expired, expiring soon or to redo after a document revision "
        "(--param missing=yes adds training never done)",
        "qmsdesk.core.exchange.training_pdf:write_due",
    ),
    "review-minutes": Entry(
        "minutes of a management review (--review REF; approved minutes print as approved)",
        "qmsdesk.core.exchange.reviews_pdf:write_minutes",
    ),
    "review-agenda": Entry(
        "blank agenda of a management review, to circulate before the meeting (--review REF)",
        "qmsdesk.core.exchange.reviews_pdf:write_agenda",
    ),
    "audit-checklist": Entry(
        "blank checklist of an audit for the shop floor, with tick boxes (--audit REF)",
        "qmsdesk.core.exchange.audits_pdf:write_checklist",
    ),
    "audit-report": Entry(
        "report of an audit: scope, counts, every finding with its evidence (--audit REF)",
        "qmsdesk.core.exchange.audits_pdf:write_audit_report",
    ),
    "actions": Entry(
        "the actions register: open, overdue, and closed in a period (--param start=DATE "
        "end=DATE; default the last 12 months)",
        "qmsdesk.core.exchange.audits_pdf:write_actions",
    ),
}


def plan_import(db: Any, path: Path, progress: Progress | None = None) -> ImportPlan:
    """Read a workbook, recognise its sheets and say what importing it would do (writes nothing)."""
    from qmsdesk.core.exchange.workbook import plan_import as _plan

    return _plan(db, path, progress=progress)
