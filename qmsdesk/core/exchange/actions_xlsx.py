"""The actions register in Excel: one sheet "Actions", every action from every source (audit
findings, complaints, management reviews...), for reading and sorting. It is not read back: actions
change in QMS Desk, where every change goes into the change history (the review actions a colleague
updates come back through :mod:`qmsdesk.core.exchange.reviews_xlsx`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from qmsdesk.core import actions, company
from qmsdesk.core.dates import today
from qmsdesk.core.exchange.workbook import (
    Column,
    ColumnKind,
    Progress,
    Readme,
    SheetData,
    SheetImporter,
    SheetSpec,
    write_workbook,
)

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

ACTIONS = SheetSpec(
    name="Actions",
    aliases=("Actions register",),
    columns=tuple(
        Column(key, header, kind, width=width, help=help_)
        for key, header, kind, width, help_ in (
            ("reference", "Reference", ColumnKind.TEXT, 13, "The action's reference."),
            ("title", "Title", ColumnKind.TEXT, 40, "What the action is about."),
            ("kind", "Kind", ColumnKind.TEXT, 16, "Corrective action, improvement or other."),
            ("source_kind", "Source", ColumnKind.TEXT, 18, "Where the action comes from."),
            ("source_ref", "Source reference", ColumnKind.TEXT, 18, "Audit finding, complaint..."),
            ("process", "Process", ColumnKind.TEXT, 14, "The process concerned."),
            ("problem", "Problem", ColumnKind.TEXT, 50, "The nonconformity or the reason."),
            ("correction", "Correction", ColumnKind.TEXT, 40, "What was done at once."),
            ("correction_on", "Correction date", ColumnKind.DATE, None, "When."),
            ("whys", "5 whys", ColumnKind.TEXT, 50, "The answers to 'why?', one per line."),
            ("root_cause", "Root cause", ColumnKind.TEXT, 40, "The root cause found."),
            ("corrective_action", "Action to take", ColumnKind.TEXT, 50, "The action itself."),
            ("owner", "Owner", ColumnKind.TEXT, 18, "Who carries it out."),
            ("raised_on", "Raised on", ColumnKind.DATE, None, "When it was raised."),
            ("due_date", "Due date", ColumnKind.DATE, None, "When it must be done."),
            ("completed_on", "Done on", ColumnKind.DATE, None, "When it was carried out."),
            ("verify_due", "Check effectiveness by", ColumnKind.DATE, None, "Check due by."),
            ("verified_on", "Effectiveness checked on", ColumnKind.DATE, None, "Checked on."),
            ("verified_by", "Checked by", ColumnKind.TEXT, 18, "Who checked."),
            ("effective", "Effective", ColumnKind.TEXT, 10, "Yes or No."),
            ("verification_note", "Verification note", ColumnKind.TEXT, 40, "What was seen."),
            (
                "status",
                "Status",
                ColumnKind.TEXT,
                18,
                "Open, in progress, awaiting verification or closed.",
            ),
            ("overdue", "Overdue", ColumnKind.TEXT, 10, "OVERDUE when past its date."),
            ("closed_on", "Closed on", ColumnKind.DATE, None, "When it was closed."),
            ("note", "Note", ColumnKind.TEXT, 40, "Anything else."),
        )
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
            lines=(
                f"Written by QMS Desk on {on:%d %B %Y}: {len(data)} actions.",
                "This workbook is for reading and sorting; changes are made in QMS Desk, where "
                "every change goes into the change history.",
            ),
        ),
        progress,
    )
    return len(data)


#: The sheets this register imports (see workbook.SHEET_MODULES): none, the sheet is for reading.
SHEET_IMPORTERS: list[SheetImporter] = []
