"""Writing the training workbook: the grid, its legend, the sheets that import back, the read-me."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from qmsdesk.core import company, people, training
from qmsdesk.core.dates import DATE_HELP, today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_training import TrainingRecord
from qmsdesk.core.exchange.training_xlsx.matrix import LegendSheet, MatrixSheet
from qmsdesk.core.exchange.training_xlsx.specs import (
    DATA_SPECS,
    ITEMS,
    JOB_ROLES,
    LEVEL_SCALE,
    PEOPLE,
    RECORDS,
    REQUIREMENTS,
)
from qmsdesk.core.exchange.workbook import Progress, Readme, SheetData, write_workbook

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database


def _people_rows(session: Session) -> list[tuple[object, ...]]:
    return [
        (
            p.employee_no,
            p.name,
            p.department,
            people.roles_text(p.roles),
            p.manager_no,
            p.manager_name,
            p.start_date,
            p.leaving_date,
            p.note,
        )
        for p in people.all_people(session)
    ]


def _role_rows(session: Session) -> list[tuple[object, ...]]:
    return [(r.name, r.description, r.holders) for r in people.all_roles(session)]


def _item_rows(session: Session) -> list[tuple[object, ...]]:
    return [
        (
            i.code,
            i.title,
            i.category,
            i.delivery,
            i.validity_months,
            i.document_code,
            i.max_level,
            i.description,
            "yes" if i.archived else "no",
        )
        for i in training.all_items(session)
    ]


def _requirement_rows(session: Session) -> list[tuple[object, ...]]:
    return [
        (
            r.role,
            r.employee_no,
            r.person_name,
            r.item_code,
            r.item_title,
            r.required_level,
            r.reason,
        )
        for r in training.all_requirements(session)
    ]


def _record_rows(session: Session) -> list[tuple[object, ...]]:
    """Every record by date, straight from the driver (dates stay ISO text for the writer)."""
    from qmsdesk.core.db.models_training import Person, TrainingItem

    stmt = (
        select(
            TrainingRecord.id,
            Person.employee_no,
            Person.name,
            TrainingItem.code,
            TrainingItem.title,
            TrainingRecord.trained_on,
            TrainingRecord.level,
            TrainingRecord.trainer,
            TrainingRecord.hours,
            TrainingRecord.result,
            TrainingRecord.document_revision,
            TrainingRecord.effectiveness_method,
            TrainingRecord.effectiveness_date,
            TrainingRecord.effectiveness_by,
            TrainingRecord.effectiveness_outcome,
            TrainingRecord.note,
            TrainingRecord.attachment_name,
            TrainingRecord.attachment_sha256,
        )
        .join(Person, Person.id == TrainingRecord.person_id)
        .join(TrainingItem, TrainingItem.id == TrainingRecord.item_id)
        .order_by(
            TrainingRecord.trained_on, Person.employee_no, TrainingItem.code, TrainingRecord.id
        )
    )
    return raw_rows(session, stmt)


def _readme(company_name: str, template: bool, counts: Mapping[str, int]) -> Readme:
    who = f" of {company_name}" if company_name else ""
    if template:
        first = (
            "A blank template: fill in the sheets you need ('People', 'Job roles', 'Training "
            "items', 'Requirements', 'Training records'), then import the workbook into QMS Desk "
            "(File > Import)."
        )
    else:
        listed = ", ".join(f"{n} {what}" for what, n in counts.items())
        first = (
            f"Written by QMS Desk on {today():%d %B %Y}: {listed}. The sheets 'Training matrix' "
            "and 'Legend' are for reading; the other sheets import back (File > Import)."
        )
    return Readme(
        title=f"Training matrix{who}",
        company=company_name,
        lines=(
            first,
            "Keep the sheet names and the header rows: QMS Desk finds columns by their header, "
            "in any order, whatever the case and spacing. Columns it does not know are not read.",
        ),
        sections=(
            (
                "How an import works",
                (
                    "'People' rows are known by employee number, 'Training items' rows by item "
                    "code, 'Job roles' rows by name. A key already in QMS Desk updates that "
                    "record; a new key adds one. Rows left out change nothing: an import never "
                    "deletes anything.",
                    "'Requirements': each row says that a job role (or one person, by employee "
                    "number) needs an item at a level. The role must exist in QMS Desk or be "
                    "named on 'Job roles' or 'People'.",
                    "'Training records': a row without a Record ID is a new record (a department "
                    "head can add rows to this sheet and send it back). A row with a Record ID "
                    "changes that record, for example to add its effectiveness check.",
                    "QMS Desk first checks the whole workbook and lists every problem by sheet, "
                    "row and column: an unknown employee number or item code, a date in the "
                    "future, a level outside the item's scale, a person listed twice, a role that "
                    "does not exist. If there is any, nothing is imported. Otherwise everything "
                    "is written at once and each change goes into the change history.",
                ),
            ),
            (
                "What to write",
                (
                    f"Dates: {DATE_HELP}",
                    f"Levels: {LEVEL_SCALE}. An item uses the levels 1 up to its 'Levels used'.",
                    "Valid for (months): empty or 0 when the training never expires.",
                    "Job roles on 'People': several roles are separated by semicolons.",
                    "Type values, not formulas: a cell holding a formula is refused. Text that "
                    "starts with =, +, - or @ is kept as text.",
                    "Grey headers are written for reading (names and titles); an import does not "
                    "read them.",
                ),
            ),
        ),
    )


def export_training(
    db: Database,
    path: Path,
    *,
    template: bool = False,
    progress: Progress | None = None,
    query: training.MatrixQuery | None = None,
    on: dt.date | None = None,
) -> int:
    """Write the matrix, its legend and the sheets that import back; returns the data rows.

    `query` narrows the grid (the data sheets always hold everything, so that they import back
    whole). A template has empty sheets and no grid.
    """
    with db.read() as session:
        name = company.get_info(session).name
        if template:
            sheets = [SheetData(spec, []) for spec in DATA_SPECS]
            custom: list[Any] = []
        else:
            sheets = [
                SheetData(PEOPLE, _people_rows(session)),
                SheetData(JOB_ROLES, _role_rows(session)),
                SheetData(ITEMS, _item_rows(session)),
                SheetData(REQUIREMENTS, _requirement_rows(session)),
                SheetData(RECORDS, _record_rows(session)),
            ]
            matrix = training.compute_matrix(session, query or training.MatrixQuery(), on=on)
            custom = [MatrixSheet(matrix), LegendSheet(matrix, name)]
    counts = {
        "people": len(sheets[0].rows),
        "training items": len(sheets[2].rows),
        "requirements": len(sheets[3].rows),
        "training records": len(sheets[4].rows),
    }
    write_workbook(Path(path), sheets, _readme(name, template, counts), progress, custom=custom)
    return sum(len(s.rows) for s in sheets)


def export_people(
    db: Database, path: Path, *, template: bool = False, progress: Progress | None = None
) -> int:
    """Write the people register (People and Job roles) to `path`; it imports back."""
    with db.read() as session:
        name = company.get_info(session).name
        person_rows = [] if template else _people_rows(session)
        role_rows = [] if template else _role_rows(session)
    who = f" of {name}" if name else ""
    write_workbook(
        Path(path),
        [SheetData(PEOPLE, person_rows), SheetData(JOB_ROLES, role_rows)],
        Readme(
            title=f"People{who}",
            lines=(
                f"Written by QMS Desk on {today():%d %B %Y}: {len(person_rows)} people and "
                f"{len(role_rows)} job roles."
                if not template
                else "A blank template.",
                "Change what you need and import it back (File > Import): each person is known "
                "by their employee number; a new number adds a person. People left out stay "
                "as they are.",
                f"Dates: {DATE_HELP}",
            ),
        ),
        progress,
    )
    return len(person_rows) + len(role_rows)
