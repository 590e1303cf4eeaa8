"""The changes register in Excel: the sheet "Changes", read back."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from qmsdesk.core import changes
from qmsdesk.core.dates import today
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

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

_PEOPLE = {"owner_id": "owner", "approved_by_id": "approved_by", "reviewed_by_id": "reviewed_by"}

CHANGES = SheetSpec(
    name="Changes",
    aliases=("Change register", "Planned changes"),
    columns=(
        *columns(
            changes.CHANGE_VOCAB,
            {
                "reference": 13,
                "title": 36,
                "scope": 18,
                "description": 44,
                "reason": 36,
                "system_impact": 36,
                "product_impact": 36,
                "raised_on": 12,
                "owner_id": 18,
                "approved_by_id": 18,
                "approved_on": 12,
                "actions": 36,
                "implemented_on": 12,
                "review_due": 12,
                "reviewed_on": 12,
                "reviewed_by_id": 18,
                "review_result": 40,
                "status": 13,
                "note": 30,
            },
            keys=_PEOPLE,
            required=("reference", "title"),
        ),
        Column(
            "overdue",
            "Overdue",
            ColumnKind.TEXT,
            computed=True,
            width=10,
            help="OVERDUE when the review of the results is past its date.",
        ),
    ),
)


class ChangesSheet(RecordSheet):
    spec = CHANGES
    order = 140
    title = "Changes"
    field_columns: Mapping[str, str] = _PEOPLE
    labels: Mapping[str, str] = changes.FIELD_LABELS

    def stored_rows(self, session: Session) -> Sequence[Any]:
        return changes.all_rows(session)

    def cells(self, row: changes.ChangeRow) -> dict[str, object]:
        out: dict[str, object] = {
            n: getattr(row, n) for n in changes.CHANGE_FIELDS if n not in _PEOPLE
        }
        out["scope"] = changes.SCOPE_LABELS[row.scope]
        out["status"] = changes.STATUS_LABELS[row.status]
        out["owner"] = row.owner_name
        out["approved_by"] = row.approved_by_name
        out["reviewed_by"] = row.reviewed_by_name
        out["overdue"] = "OVERDUE" if row.review_overdue(today()) else ""
        return out

    def values(
        self, held: Held, cells: Mapping[str, object], report: Callable[[str, str], None]
    ) -> dict[str, object]:
        values = {k: v for k, v in cells.items() if k not in (*_PEOPLE.values(), "overdue")}
        for name, column in _PEOPLE.items():
            values[name] = person_value(held, cells.get(column), column, report)
        return values

    def from_values(
        self, held: Held, values: Mapping[str, object], stored: Any
    ) -> tuple[Any, list[FieldProblem]]:
        return changes.change_from_values(values)

    def show(self, name: str, value: object) -> str:
        if name == "status":
            return shown(value, changes.STATUS_LABELS)
        if name == "scope":
            return shown(value, changes.SCOPE_LABELS)
        return shown(value)

    def save(
        self, session: Session, user: str, added: list[Any], changed: list[tuple[Any, Any]]
    ) -> None:
        changes.save_many(session, added, [(row.id, f) for row, f in changed], user)


_CHANGES = ChangesSheet()


def export_changes(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    """Write the changes register to `path`; returns the rows written."""
    return export_book(
        db,
        path,
        [(_CHANGES, changes.all_rows)],
        "Changes register",
        "changes",
        template=template,
        progress=progress,
    )


SHEET_IMPORTERS: list[SheetImporter] = [_CHANGES]
