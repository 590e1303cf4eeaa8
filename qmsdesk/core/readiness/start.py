"""The getting-started checklist of a new company file: each tick comes from the data (a
company name and scope, a policy, processes, documents, people...), never from a click."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core import company
from qmsdesk.core.db.models import Document
from qmsdesk.core.readiness.context import Context
from qmsdesk.core.vocab import DocStatus, DocType


@dataclass(frozen=True)
class Step:
    label: str
    done: bool
    hint: str  # what to do, in the lead's words
    register: str  # the register's word where it is done ("" for preferences)


def _rows(ctx: Context, table: str, column: str = "") -> int:
    return ctx.count_rows(table, column) or 0


def getting_started(session: Session, on: dt.date, context: Context | None = None) -> list[Step]:
    ctx = context or Context(session, on)
    name = company.get_info(session).name.strip()
    scope = _rows(ctx, "quality_statements", "scope")
    policy = session.scalar(
        select(func.count(Document.id)).where(
            Document.doc_type == DocType.POLICY, Document.status == DocStatus.EFFECTIVE
        )
    )
    return [
        Step(
            "Company details and scope",
            bool(name) and scope > 0,
            "Name the company (Edit > Preferences) and write the scope statement.",
            "planning",
        ),
        Step(
            "Quality policy",
            bool(policy),
            "Add the policy as a document of type Policy and approve it.",
            "documents",
        ),
        Step(
            "Processes",
            _rows(ctx, "processes") > 0,
            "List the processes of the quality system and who owns each.",
            "planning",
        ),
        Step(
            "Documents imported",
            _rows(ctx, "documents") > 0,
            "Import the master list of documents from Excel (File > Import).",
            "documents",
        ),
        Step(
            "People imported",
            _rows(ctx, "people") > 0,
            "Import people and job roles from Excel (File > Import on the Training tab).",
            "training",
        ),
        Step(
            "Training catalogue",
            _rows(ctx, "training_items") > 0,
            "Add the training items (or the starter catalogue) and who needs them.",
            "training",
        ),
        Step(
            "Audit programme",
            _rows(ctx, "audits") > 0,
            "Plan the internal audits of the year.",
            "audits",
        ),
        Step(
            "Objectives",
            _rows(ctx, "objectives") > 0,
            "Set the quality objectives with their targets.",
            "objectives",
        ),
        Step(
            "Risks",
            _rows(ctx, "risks") > 0,
            "Record the risks and opportunities and what is done about them.",
            "risks",
        ),
    ]
