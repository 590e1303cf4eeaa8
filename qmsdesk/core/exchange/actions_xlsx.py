"""The actions register in Excel: one sheet "Actions", every action from every source (audit
findings, complaints, management reviews...). It imports back (:mod:`actions_import`): a row per
action known by its reference; every change goes into the change history (the review actions a
colleague updates also come back through :mod:`qmsdesk.core.exchange.reviews_xlsx`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from qmsdesk.core import actions, company
from qmsdesk.core.dates import today
from qmsdesk.core.exchange.actions_import import ActionsImporter
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

_V = actions.ACTION_VOCAB


def _field_column(key: str, kind: ColumnKind, width: float | None, field: str = "") -> Column:
    """A column that is one field of the register: its label heads it, its help explains it
    (`field`: the vocabulary's key when the sheet's key differs, as for a person's name)."""
    f = _V[field or key]
    return Column(key, f.label, kind, width=width, help=f.help)


ACTIONS = SheetSpec(
    name="Actions",
    aliases=("Actions register",),
    columns=(
        replace(_field_column("reference", ColumnKind.TEXT, 13), required=True),
        _field_column("title", ColumnKind.TEXT, 40),
        _field_column("kind", ColumnKind.TEXT, 16),
        _field_column("source_kind", ColumnKind.TEXT, 18),
        _field_column("source_ref", ColumnKind.TEXT, 18),
        # The sheet's header is shorter than the label messages and dialogs use
        # ("Process / department"); the help is the field's.
        Column("process", "Process", ColumnKind.TEXT, width=14, help=_V["process"].help),
        _field_column("problem", ColumnKind.TEXT, 50),
        _field_column("correction", ColumnKind.TEXT, 40),
        _field_column("correction_on", ColumnKind.DATE, None),
        _field_column("whys", ColumnKind.TEXT, 50),
        _field_column("root_cause", ColumnKind.TEXT, 40),
        _field_column("corrective_action", ColumnKind.TEXT, 50),
        _field_column("owner", ColumnKind.TEXT, 18, field="owner_id"),
        _field_column("raised_on", ColumnKind.DATE, None),
        _field_column("due_date", ColumnKind.DATE, None),
        _field_column("completed_on", ColumnKind.DATE, None),
        _field_column("verify_due", ColumnKind.DATE, None),
        _field_column("verified_on", ColumnKind.DATE, None),
        _field_column("verified_by", ColumnKind.TEXT, 18, field="verified_by_id"),
        _field_column("effective", ColumnKind.TEXT, 10),
        _field_column("verification_note", ColumnKind.TEXT, 40),
        _field_column("status", ColumnKind.TEXT, 18),
        # Not a field: worked out from the status and the dates when the sheet is written.
        Column(
            "overdue",
            "Overdue",
            ColumnKind.TEXT,
            width=10,
            computed=True,
            help="OVERDUE when past its date.",
        ),
        # Worked out too: the day of the effectiveness check that closed the action.
        replace(_field_column("closed_on", ColumnKind.DATE, None), computed=True),
        _field_column("note", ColumnKind.TEXT, 40),
    ),
)


def export_actions(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    """Write the actions register to `path`; returns the rows written."""
    on = today()
    with db.read() as session:
        name = company.get_info(session).name
        rows = [] if template else actions.all_rows(session, on=on)
    data = []
    for r in rows:
        state = r.due_state(on)
        data.append(
            (
                r.reference,
                r.title,
                actions.KIND_LABELS[r.kind],
                actions.SOURCE_LABELS[r.source_kind],
                r.source_ref,
                r.process,
                r.problem,
                r.correction,
                r.correction_on,
                "\n".join(r.whys),
                r.root_cause,
                r.corrective_action,
                r.owner_name,
                r.raised_on,
                r.due_date,
                r.completed_on,
                r.verify_due,
                r.verified_on,
                r.verified_by_name,
                "" if r.effective is None else ("Yes" if r.effective else "No"),
                r.verification_note,
                actions.STATUS_LABELS[r.status],
                "OVERDUE" if state == actions.DueState.OVERDUE else "",
                r.closed_on,
                r.note,
            )
        )
    who = f" of {name}" if name else ""
    write_workbook(
        Path(path),
        [SheetData(ACTIONS, data)],
        Readme(
            title=f"Actions register{who}",
            company=name,
            lines=(
                f"Written by QMS Desk on {on:%d %B %Y}: {len(data)} actions.",
                "Change what you need and import it back (File > Import): each row is one "
                "action, known by its reference; a new reference adds an action. Every change "
                "goes into the change history. Overdue and Closed on are worked out by QMS Desk.",
            ),
        ),
        progress,
    )
    return len(data)


#: The sheets this register imports (see workbook.SHEET_MODULES).
SHEET_IMPORTERS = [ActionsImporter(ACTIONS)]
