"""The due list: training expired, expiring or to redo, as a workbook for reading."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from qmsdesk.core import company, people, training
from qmsdesk.core.dates import today
from qmsdesk.core.exchange.workbook import (
    Column,
    ColumnKind,
    Progress,
    Readme,
    SheetData,
    SheetSpec,
    write_workbook,
)

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

DUE = SheetSpec(
    name="Training due",
    frozen_columns=4,
    columns=(
        Column("due", "Due", ColumnKind.DATE, help="When it fell or falls due."),
        Column("status", "Status", help="Expired, expiring soon, retrain after a revision…"),
        Column("employee_no", people.FIELD_LABELS["employee_no"]),
        Column("name", "Name"),
        Column("department", "Department"),
        Column("item_code", training.ITEM_LABELS["code"]),
        Column("item_title", "Item title"),
        Column("last_trained", "Last trained", ColumnKind.DATE),
        Column("level", "Level", ColumnKind.NUMBER),
        Column("required_level", "Required level", ColumnKind.NUMBER),
        Column("expires", "Valid until", ColumnKind.DATE),
        Column("reason", "Why"),
    ),
)


def export_due(
    db: Database,
    path: Path,
    *,
    template: bool = False,
    progress: Progress | None = None,
    missing: bool = False,
    on: dt.date | None = None,
) -> int:
    """The due list as a workbook, for reading and sorting (it does not import back)."""
    statuses = set(training.DUE_STATUSES)
    if missing:
        statuses |= {training.CellStatus.MISSING, training.CellStatus.LEVEL_LOW}
    with db.read() as session:
        name = company.get_info(session).name
        due = [] if template else training.due_list(session, on=on, statuses=statuses)
    rows = [
        (
            d.due,
            f"{training.STATUS_CODES[d.status]} {training.STATUS_LABELS[d.status]}",
            d.employee_no,
            d.name,
            d.department,
            d.item_code,
            d.item_title,
            d.last_trained,
            d.level,
            d.required_level,
            d.expires,
            d.reason,
        )
        for d in due
    ]
    who = f" of {name}" if name else ""
    readme = Readme(
        title=f"Training due{who}",
        company=name,
        lines=(
            f"Written by QMS Desk on {today():%d %B %Y}: training that has expired, expires "
            "soon, or must be redone because its document has a newer revision"
            + (", and required training never done." if missing else "."),
            "This list is for reading and sorting; record the training in QMS Desk, or on the "
            "'Training records' sheet of a training workbook (File > Export).",
        ),
    )
    write_workbook(Path(path), [SheetData(DUE, rows)], readme, progress)
    return len(rows)
