"""Customer feedback in Excel: the sheets "Feedback" (complaints, compliments, returns) and
"Satisfaction" (survey results), both read back."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import feedback
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_actions import Action
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.exchange.ops_sheets import (
    Held,
    RecordSheet,
    columns,
    export_book,
    person_value,
)
from qmsdesk.core.exchange.workbook import Column, ColumnKind, Progress, SheetImporter, SheetSpec
from qmsdesk.core.recordkit import shown
from qmsdesk.core.text import clean, fold

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

FEEDBACK = SheetSpec(
    name="Feedback",
    aliases=("Complaints", "Customer feedback"),
    columns=(
        *columns(
            feedback.FEEDBACK_VOCAB,
            {
                "reference": 13,
                "kind": 12,
                "received_on": 12,
                "customer": 24,
                "product": 26,
                "description": 44,
                "severity": 10,
                "owner_id": 18,
                "respond_by": 12,
                "response": 44,
                "responded_on": 12,
                "closed_on": 12,
                "action_ref": 14,
                "note": 30,
            },
            keys={"owner_id": "owner"},
            required=("reference", "kind", "customer"),
        ),
        Column(
            "overdue",
            "Overdue",
            ColumnKind.TEXT,
            computed=True,
            width=10,
            help="OVERDUE when not answered by the date promised.",
        ),
    ),
)
SATISFACTION = SheetSpec(
    name="Satisfaction",
    aliases=("Satisfaction results", "Customer satisfaction"),
    columns=(
        *columns(
            feedback.SURVEY_VOCAB,
            {
                "reference": 12,
                "period_start": 12,
                "period_end": 12,
                "method": 30,
                "sent": 9,
                "responses": 10,
                "score": 8,
                "comments": 50,
            },
            required=("reference", "period_start", "period_end", "score"),
        ),
        Column(
            "scale",
            "Scale",
            ColumnKind.TEXT,
            computed=True,
            width=8,
            help="The company's scale the score is on (lowest-highest).",
        ),
    ),
)


class FeedbackSheet(RecordSheet):
    spec = FEEDBACK
    order = 130
    title = "Customer feedback"
    field_columns: Mapping[str, str] = {"owner_id": "owner", "action_id": "action_ref"}
    labels: Mapping[str, str] = {
        **feedback.FIELD_LABELS,
        "action_id": feedback.FIELD_LABELS["action_ref"],
    }

    def stored_rows(self, session: Session) -> Sequence[Any]:
        return feedback.all_rows(session)

    def more(self, session: Session) -> dict[str, Any]:
        refs = session.execute(select(Action.reference, Action.id))
        return {"actions": {fold(r): i for r, i in refs}, "ids": {i: r for r, i in refs}}

    def cells(self, row: feedback.FeedbackRow) -> dict[str, object]:
        return {
            "reference": row.reference,
            "kind": feedback.KIND_LABELS[row.kind],
            "received_on": row.received_on,
            "customer": row.customer,
            "product": row.product,
            "description": row.description,
            "severity": feedback.SEVERITY_LABELS[row.severity] if row.severity else "",
            "owner": row.owner_name,
            "respond_by": row.respond_by,
            "response": row.response,
            "responded_on": row.responded_on,
            "closed_on": row.closed_on,
            "action_ref": row.action_ref,
            "note": row.note,
            "overdue": "OVERDUE" if row.overdue(today()) else "",
        }

    def values(
        self, held: Held, cells: Mapping[str, object], report: Callable[[str, str], None]
    ) -> dict[str, object]:
        values = {k: v for k, v in cells.items() if k not in ("owner", "action_ref", "overdue")}
        values["owner_id"] = person_value(held, cells.get("owner"), "owner", report)
        action = clean(cells.get("action_ref"))
        values["action_id"] = None
        if action:
            values["action_id"] = held.extra["actions"].get(fold(action))
            if values["action_id"] is None:
                report("action_ref", f"There is no action '{action}' in the actions register.")
        return values

    def from_values(
        self, held: Held, values: Mapping[str, object], stored: Any
    ) -> tuple[Any, list[FieldProblem]]:
        return feedback.feedback_from_values(values)

    def show(self, name: str, value: object) -> str:
        if name == "kind":
            return shown(value, feedback.KIND_LABELS)
        if name == "severity":
            return shown(value, feedback.SEVERITY_LABELS)
        return shown(value)

    def save(
        self, session: Session, user: str, added: list[Any], changed: list[tuple[Any, Any]]
    ) -> None:
        feedback.save_many(session, added, [(row.id, f) for row, f in changed], user)


class SatisfactionSheet(RecordSheet):
    spec = SATISFACTION
    order = 135
    title = "Satisfaction results"
    labels: Mapping[str, str] = feedback.SURVEY_LABELS

    def stored_rows(self, session: Session) -> Sequence[Any]:
        return feedback.survey_rows(session)

    def more(self, session: Session) -> dict[str, Any]:
        return {"scale": feedback.scale(session)}

    def cells(self, row: feedback.SurveyRow) -> dict[str, object]:
        return {
            "reference": row.reference,
            "period_start": row.period_start,
            "period_end": row.period_end,
            "method": row.method,
            "sent": row.sent,
            "responses": row.responses,
            "score": row.score,
            "comments": row.comments,
            "scale": f"{row.scale_min}-{row.scale_max}",
        }

    def values(
        self, held: Held, cells: Mapping[str, object], report: Callable[[str, str], None]
    ) -> dict[str, object]:
        return {k: v for k, v in cells.items() if k != "scale"}

    def from_values(
        self, held: Held, values: Mapping[str, object], stored: Any
    ) -> tuple[Any, list[FieldProblem]]:
        scale = (stored.scale_min, stored.scale_max) if stored is not None else held.extra["scale"]
        return feedback.survey_from_values(values, scale)

    def save(
        self, session: Session, user: str, added: list[Any], changed: list[tuple[Any, Any]]
    ) -> None:
        feedback.save_surveys(session, added, [(row.id, f) for row, f in changed], user)


_FEEDBACK, _SATISFACTION = FeedbackSheet(), SatisfactionSheet()


def export_feedback(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    """Write the feedback register and the satisfaction results to `path`; rows written."""
    return export_book(
        db,
        path,
        [(_FEEDBACK, feedback.all_rows), (_SATISFACTION, feedback.survey_rows)],
        "Customer feedback",
        "complaints, compliments, returns and satisfaction results",
        template=template,
        progress=progress,
    )


SHEET_IMPORTERS: list[SheetImporter] = [_FEEDBACK, _SATISFACTION]
