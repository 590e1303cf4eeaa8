"""The training matrix in Excel: the coloured grid and its legend, and sheets that import back.

A workbook holds, in order: "Training matrix" (people down, items across, each cell coloured and
carrying a short code, with compliance per person and per item), "Legend", then the sheets that
import back: "People", "Job roles", "Training items", "Requirements", "Training records", and the
"Read me". The grid and the legend are for reading; an import passes over them.

Rules come from the core (:mod:`qmsdesk.core.people`, :mod:`qmsdesk.core.training`); this module
maps columns to fields and problems back to the sheet, row and column the user wrote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from qmsdesk.core import company, people, training
from qmsdesk.core.dates import DATE_HELP, today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models import Document
from qmsdesk.core.db.models_training import (
    LEVEL_MAX,
    PersonRequirement,
    RoleRequirement,
    TrainingRecord,
)
from qmsdesk.core.errors import Problem, QmsError, ValidationError
from qmsdesk.core.exchange.documents_xlsx import SHEET_CODES, code_key
from qmsdesk.core.exchange.workbook import (
    Action,
    Column,
    ColumnKind,
    FieldChange,
    PlanContext,
    PlanItem,
    Progress,
    Readme,
    SheetData,
    SheetPlan,
    SheetSpec,
    SheetTable,
    TableRow,
    column_letter,
    escape_text,
    write_workbook,
)
from qmsdesk.core.text import clean, finite_number

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

_DATE = "A date: a date cell, or text such as 2026-03-01 or 01/03/2026 (day first)."
_PL = people.FIELD_LABELS
_IL = training.ITEM_LABELS
_RL = training.RECORD_LABELS
_SCALE = training.scale_text(LEVEL_MAX)

PEOPLE = SheetSpec(
    name="People",
    aliases=("Staff", "Employees", "Personnel", "Staff list"),
    frozen_columns=2,
    columns=(
        Column(
            "employee_no",
            _PL["employee_no"],
            required=True,
            aliases=("Employee no", "Employee ID", "Staff number", "Payroll number", "Emp no"),
            help="The person's unique employee number. It says which person a row is.",
        ),
        Column(
            "name",
            _PL["name"],
            required=True,
            aliases=("Full name", "Person", "Employee name"),
            help=f"First name and surname (at most {people.MAX_LENGTHS['name']} characters).",
        ),
        Column("department", _PL["department"], aliases=("Dept", "Team", "Area")),
        Column(
            "roles",
            _PL["roles"],
            aliases=("Job role", "Role", "Roles", "Job title", "Position"),
            help="The person's job role or roles, separated by semicolons. A role QMS Desk does "
            "not know yet is added.",
        ),
        Column(
            "manager_no",
            _PL["manager_no"],
            aliases=("Manager number", "Manager employee number", "Reports to"),
            help="The employee number of the person's manager (in QMS Desk or on this sheet).",
        ),
        Column(
            "manager_name",
            "Manager name",
            computed=True,
            help="The manager's name, for reading. An import does not read it.",
        ),
        Column(
            "start_date",
            _PL["start_date"],
            ColumnKind.DATE,
            aliases=("Started", "Joined"),
            help=_DATE,
        ),
        Column(
            "leaving_date",
            _PL["leaving_date"],
            ColumnKind.DATE,
            aliases=("Left", "Left on", "End date"),
            help=f"{_DATE} People who have left keep their records and leave the matrix.",
        ),
        Column("note", _PL["note"], aliases=("Notes", "Comment", "Comments")),
    ),
)

JOB_ROLES = SheetSpec(
    name="Job roles",
    aliases=("Roles", "Job role list"),
    columns=(
        Column(
            "name",
            "Job role",
            required=True,
            aliases=("Role", "Name", "Role name"),
            help="The role's name, such as CNC Machinist.",
        ),
        Column("description", "Description", aliases=("Notes",)),
        Column(
            "holders",
            "People holding it",
            ColumnKind.NUMBER,
            computed=True,
            help="How many people hold the role, for reading. An import does not read it.",
        ),
    ),
)

ITEMS = SheetSpec(
    name="Training items",
    aliases=("Items", "Courses", "Training courses", "Competences", "Training catalogue"),
    frozen_columns=2,
    columns=(
        Column(
            "code",
            _IL["code"],
            required=True,
            aliases=("Code", "Course code", "Item"),
            help="The item's unique code, such as TR-DOC. It says which item a row is.",
        ),
        Column("title", _IL["title"], required=True, aliases=("Course", "Course title", "Name")),
        Column("category", _IL["category"], aliases=("Type", "Group")),
        Column(
            "delivery",
            _IL["delivery"],
            ColumnKind.CHOICE,
            aliases=("Delivered as", "Method", "How delivered"),
            choices=training.DELIVERY_CHOICES,
            help=f"How it is delivered, such as {', '.join(training.DELIVERY_CHOICES[:4])}.",
        ),
        Column(
            "validity_months",
            _IL["validity_months"],
            ColumnKind.NUMBER,
            aliases=("Validity", "Validity (months)", "Valid for", "Refresh (months)"),
            whole_range=(0, training.VALIDITY_MAX),
            width=12,
            help="How many months the training stays valid. Empty or 0: it never expires.",
        ),
        Column(
            "document_code",
            _IL["document_code"],
            aliases=("Document", "Document code", "Linked document code"),
            help="For a 'read and understood' item: the code of the controlled document (in the "
            "register or on the 'Documents' sheet). A new revision of it calls for retraining.",
        ),
        Column(
            "max_level",
            _IL["max_level"],
            ColumnKind.NUMBER,
            aliases=("Levels", "Max level", "Highest level"),
            whole_range=(1, LEVEL_MAX),
            width=10,
            help=f"The highest competence level the item uses, 1 to {LEVEL_MAX} ({_SCALE}). "
            "Empty: 1.",
        ),
        Column("description", _IL["description"], aliases=("Content", "Notes")),
        Column(
            "archived",
            _IL["archived"],
            ColumnKind.CHOICE,
            choices=("no", "yes"),
            width=10,
            help="yes: the item leaves the matrix and keeps its records. Empty: no.",
        ),
    ),
)

REQUIREMENTS = SheetSpec(
    name="Requirements",
    aliases=("Who needs what", "Training needs", "Role requirements"),
    frozen_columns=2,
    columns=(
        Column(
            "role",
            "Job role",
            aliases=("Role",),
            help="The role that needs the item (in QMS Desk, on 'Job roles' or on 'People'). "
            "Leave it empty for an individual requirement.",
        ),
        Column(
            "employee_no",
            _PL["employee_no"],
            aliases=("Employee no", "Employee ID", "Person"),
            help="For an individual requirement: the person who needs the item. Leave it empty "
            "for a role's requirement.",
        ),
        Column("person_name", "Name", computed=True, help="The person's name, for reading."),
        Column(
            "item_code",
            _IL["code"],
            required=True,
            aliases=("Item", "Course code", "Code"),
            help="The item needed (in QMS Desk or on 'Training items').",
        ),
        Column("item_title", "Item title", computed=True, help="The item's title, for reading."),
        Column(
            "required_level",
            "Required level",
            ColumnKind.NUMBER,
            required=True,
            aliases=("Level", "Level required"),
            whole_range=(1, LEVEL_MAX),
            width=10,
            help=f"The level needed, within the item's scale ({_SCALE}).",
        ),
        Column("reason", "Reason", aliases=("Why", "Note"), help="Why an individual needs it."),
    ),
)

RECORDS = SheetSpec(
    name="Training records",
    aliases=("Records", "Training", "Training log", "Training given"),
    frozen_columns=3,
    columns=(
        Column(
            "record_id",
            "Record ID",
            ColumnKind.NUMBER,
            aliases=("ID", "Record", "Record number"),
            width=10,
            help="QMS Desk's number for a recorded training. Leave it empty on new rows; keep it "
            "on rows exported, so that changes go to the right record.",
        ),
        Column(
            "employee_no",
            _PL["employee_no"],
            required=True,
            aliases=("Employee no", "Employee ID", "Staff number"),
            help="Who was trained (in QMS Desk or on 'People').",
        ),
        Column("person_name", "Name", computed=True, help="The person's name, for reading."),
        Column(
            "item_code",
            _IL["code"],
            required=True,
            aliases=("Item", "Course code", "Code"),
            help="What they were trained in (in QMS Desk or on 'Training items').",
        ),
        Column("item_title", "Item title", computed=True, help="The item's title, for reading."),
        Column(
            "trained_on",
            _RL["trained_on"],
            ColumnKind.DATE,
            required=True,
            aliases=("Date", "Training date", "Completed", "Completed on"),
            help=f"{_DATE} Not in the future.",
        ),
        Column(
            "level",
            _RL["level"],
            ColumnKind.NUMBER,
            aliases=("Level", "Competence level"),
            whole_range=(1, LEVEL_MAX),
            width=10,
            help=f"The level reached, within the item's scale ({_SCALE}). Empty: 1.",
        ),
        Column("trainer", _RL["trainer"], aliases=("Trainer", "Provider", "Trained by")),
        Column(
            "hours", _RL["hours"], ColumnKind.NUMBER, aliases=("Duration", "Duration (h)"), width=8
        ),
        Column("result", _RL["result"], aliases=("Result", "Score", "Pass/fail")),
        Column(
            "document_revision",
            _RL["document_revision"],
            aliases=("Revision", "Rev"),
            help="For an item linked to a document: the revision read. Empty: the one in force "
            "on the training date.",
        ),
        Column(
            "effectiveness_method",
            _RL["effectiveness_method"],
            aliases=("Evaluation method", "How evaluated"),
        ),
        Column(
            "effectiveness_date",
            _RL["effectiveness_date"],
            ColumnKind.DATE,
            aliases=("Evaluation date", "Evaluated on"),
            help=f"{_DATE} When the effectiveness was checked; not before the training.",
        ),
        Column("effectiveness_by", _RL["effectiveness_by"], aliases=("Evaluator", "Evaluated by")),
        Column(
            "effectiveness_outcome",
            _RL["effectiveness_outcome"],
            aliases=("Outcome", "Evaluation outcome", "Effective?"),
        ),
        Column("note", _RL["note"], aliases=("Notes", "Comment", "Comments")),
        Column(
            "attachment_name",
            _RL["attachment_name"],
            aliases=("Evidence", "Attachment"),
            help="The name of the evidence file attached in QMS Desk (the file stays in the "
            "company's attachment folder).",
        ),
        Column(
            "attachment_sha256",
            _RL["attachment_sha256"],
            aliases=("SHA-256", "SHA256", "Checksum"),
            width=20,
            help="The evidence file's SHA-256 checksum, which proves it has not changed.",
        ),
    ),
)

DATA_SPECS = (PEOPLE, JOB_ROLES, ITEMS, REQUIREMENTS, RECORDS)
MATRIX_SHEET = "Training matrix"
LEGEND_SHEET = "Legend"
_FIXED = ("Employee number", "Name", "Department", "Job roles", "Compliance")


# --- the coloured grid -----------------------------------------------------------------------


def _cell_text(matrix: training.Matrix, status: int, person_id: int, item_id: int, top: int) -> str:
    code = training.STATUS_CODES[training.CellStatus(status)]
    if top > 1:
        level = matrix.level_of(person_id, item_id)
        if level is not None:
            return f"{code} {level}" if code else f"({level})"
    return code


_HEADER_CHARS = 46  # what a rotated header shows in its 230-point row


def _header_text(item: training.MatrixItem) -> str:
    text = f"{item.code}  {item.title}"
    return text if len(text) <= _HEADER_CHARS else text[: _HEADER_CHARS - 1].rstrip() + "…"


class MatrixSheet:
    """The grid: one row per person, one column per item, each cell coloured with a short code."""

    name = MATRIX_SHEET

    def __init__(self, matrix: training.Matrix) -> None:
        self.matrix = matrix
        self._styles: dict[int, int] = {}
        self._percent = 0
        self._bold = 0

    def frame(self, ws: Any) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        header_font = Font(bold=True, color="FFFFFF")
        header_fill = PatternFill("solid", fgColor="1F4E78")
        item_font = Font(bold=True, color="FFFFFF", size=9)
        thin = Side(style="thin", color="BFBFBF")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for col, text in enumerate(_FIXED, 1):
            cell = ws.cell(row=1, column=col, value=text)
            cell.font, cell.fill = header_font, header_fill
            cell.alignment = Alignment(vertical="bottom", wrap_text=True)
        for col, item in enumerate(self.matrix.items, len(_FIXED) + 1):
            cell = ws.cell(row=1, column=col)
            cell.value = _header_text(item)
            cell.data_type = "s"
            cell.font, cell.fill = item_font, header_fill
            cell.alignment = Alignment(text_rotation=90, vertical="bottom", horizontal="center")
            ws.column_dimensions[column_letter(col)].width = 6.5
        ws.row_dimensions[1].height = 230
        for letter, width in zip("ABCDE", (12, 24, 16, 24, 11), strict=True):
            ws.column_dimensions[letter].width = width
        # Probe cells register the styles the rows refer to; the probe row is then removed.
        centre = Alignment(horizontal="center", vertical="center")
        for col, status in enumerate(training.CellStatus, 1):
            background, text = training.STATUS_COLOURS[status]
            cell = ws.cell(row=2, column=col, value="x")
            cell.fill = PatternFill("solid", fgColor=background)
            cell.font = Font(color=text, bold=status != training.CellStatus.NOT_REQUIRED, size=9)
            cell.alignment, cell.border = centre, border
            self._styles[int(status)] = cell.style_id
        cell = ws.cell(row=2, column=len(training.CellStatus) + 1, value=0.5)
        cell.number_format = "0%"
        self._percent = cell.style_id
        cell = ws.cell(row=2, column=len(training.CellStatus) + 2, value="x")
        cell.font = Font(bold=True)
        self._bold = cell.style_id
        ws.delete_rows(2)
        rows, cols = self.matrix.shape
        ws.freeze_panes = f"{column_letter(len(_FIXED) + 1)}2"
        ws.auto_filter.ref = f"A1:{column_letter(len(_FIXED) + cols)}{rows + 1}"
        ws.print_title_rows = "1:1"
        ws.print_title_cols = "A:B"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A3
        ws.sheet_view.zoomScale = 90

    def dimension(self) -> str:
        rows, cols = self.matrix.shape
        return f"A1:{column_letter(len(_FIXED) + max(cols, 1))}{rows + 2}"

    def rows_xml(self, tick: Callable[[int], None]) -> Iterator[str]:
        m = self.matrix
        letters = [column_letter(len(_FIXED) + 1 + c) for c in range(len(m.items))]
        styles = self._styles
        tops = [i.max_level for i in m.items]
        ids = [i.id for i in m.items]
        # The text and style of each status, when the level is not shown.
        plain = {s: (training.STATUS_CODES[training.CellStatus(s)], styles[s]) for s in styles}
        roles = [people.roles_text(p.roles) for p in m.people]
        chunk: list[str] = []
        for r, person in enumerate(m.people):
            rn = r + 2
            parts = [f'<row r="{rn}">']
            texts = (person.employee_no, person.name, person.department, roles[r])
            for letter, text in zip("ABCD", texts, strict=True):
                if text:
                    text = escape_text(text)
                    parts.append(f'<c r="{letter}{rn}" t="inlineStr"><is><t>{text}</t></is></c>')
            ok, required = m.person_compliance(r)
            if required:
                parts.append(f'<c r="E{rn}" s="{self._percent}"><v>{ok / required!r}</v></c>')
            cells = m.status[r]
            for c, value in enumerate(cells):
                if tops[c] > 1 and training.pair_key(person.id, ids[c]) in m.records:
                    text = _cell_text(m, value, person.id, ids[c], tops[c])
                    style = styles[value]
                elif value:
                    text, style = plain[value]
                else:
                    continue
                parts.append(
                    f'<c r="{letters[c]}{rn}" s="{style}" t="inlineStr"><is><t>{text}</t></is></c>'
                )
            parts.append("</row>")
            chunk.append("".join(parts))
            if len(chunk) == 200:
                yield "".join(chunk)
                tick(len(chunk))
                chunk = []
        rn = len(m.people) + 2
        parts = [
            f'<row r="{rn}"><c r="B{rn}" s="{self._bold}" t="inlineStr"><is><t>'
            "Compliant per item</t></is></c>"
        ]
        for c, (ok, required) in enumerate(m.item_compliances()):
            if required:
                parts.append(
                    f'<c r="{letters[c]}{rn}" s="{self._percent}"><v>{ok / required!r}</v></c>'
                )
        parts.append("</row>")
        chunk.append("".join(parts))
        yield "".join(chunk)
        tick(len(chunk))


class LegendSheet:
    """What the colours and codes mean, the level scale, and the counts of each status."""

    name = LEGEND_SHEET

    def __init__(self, matrix: training.Matrix, company_name: str) -> None:
        self.matrix = matrix
        self.company_name = company_name
        self._rows = 1

    def frame(self, ws: Any) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        m = self.matrix
        row = 1

        def put(col: int, value: object, **style: Any) -> Any:
            cell = ws.cell(row=row, column=col, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            for name, setting in style.items():
                setattr(cell, name, setting)
            return cell

        who = f" of {self.company_name}" if self.company_name else ""
        put(1, f"Training matrix{who}", font=Font(bold=True, size=14))
        row += 1
        put(1, f"Status on {m.on:%d %B %Y}; 'expiring soon' means within {m.window_days} days.")
        row += 2
        put(1, "Code", font=Font(bold=True))
        put(2, "Meaning", font=Font(bold=True))
        put(3, "Cells", font=Font(bold=True))
        totals = m.totals()
        for status in training.CellStatus:
            row += 1
            background, text = training.STATUS_COLOURS[status]
            put(
                1,
                training.STATUS_CODES[status] or "(empty)",
                fill=PatternFill("solid", fgColor=background),
                font=Font(bold=True, color=text),
                alignment=Alignment(horizontal="center"),
            )
            put(2, training.STATUS_LABELS[status])
            put(3, totals[status])
        row += 2
        put(1, "A number after the code is the level reached (for items with several levels):",
            font=Font(bold=True))  # fmt: skip
        for level, label in training.LEVELS.items():
            row += 1
            put(1, level, alignment=Alignment(horizontal="center"))
            put(2, label)
        row += 2
        ok, required = m.compliance()
        put(
            1,
            f"Compliance: {training.percent(ok, required)} of the {required} required trainings "
            "are valid at the required level (valid or expiring soon).",
        )
        row += 1
        put(
            1,
            "Compliance per person is in the column 'Compliance'; per item in the last row of "
            "the matrix.",
        )
        ws.column_dimensions["A"].width = 12
        ws.column_dimensions["B"].width = 48
        ws.column_dimensions["C"].width = 10
        ws.sheet_view.showGridLines = False
        ws.page_setup.orientation = "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        self._rows = row

    def dimension(self) -> str:
        return f"A1:C{self._rows}"

    def rows_xml(self, tick: Callable[[int], None]) -> Iterator[str]:
        return iter(())


# --- export ----------------------------------------------------------------------------------


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
                    f"Levels: {_SCALE}. An item uses the levels 1 up to its 'Levels used'.",
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


# --- import: shared --------------------------------------------------------------------------

_TICK = 500
# PlanContext.shared keys: what the sheets of one workbook tell each other.
SHEET_PEOPLE = "training.sheet_people"  # key(employee no) -> (number, name, leaving date)
SHEET_ROLES = "training.sheet_roles"  # key(role) on 'Job roles' and 'People'
SHEET_ITEMS = "training.sheet_items"  # key(code) -> (code, title, max level)


class _Reporter:
    """Collects a row's problems, leaving out cells refused while the sheet was read."""

    def __init__(self, table: SheetTable, row: TableRow) -> None:
        self.table, self.row = table, row
        self.problems: list[Problem] = []

    def __call__(self, key: str, message: str) -> None:
        if key not in self.row.bad:
            self.problems.append(self.table.problem(self.row.number, key, message))


def _message(text: str) -> str:
    return f"This value {text}" if text[:1].islower() else text


def _during_apply(sheet: str, exc: QmsError) -> QmsError:
    detail = "; ".join(exc.problems[:5]) if isinstance(exc, ValidationError) else str(exc)
    return QmsError(
        f"Nothing was imported. The company file changed after the workbook was checked, and the "
        f"sheet '{sheet}' no longer fits it: {detail} Check the workbook again and import it."
    )


def _text(value: object) -> str:
    return "" if value is None else clean(value)


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return people.roles_text(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _whole(value: object) -> object:
    """A number cell as Excel gives it (3.0) as the parsers take it ("3")."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- import: job roles -----------------------------------------------------------------------


class JobRolesImporter:
    spec = JOB_ROLES
    order = 30

    def existing(self, session: Session) -> dict[str, people.RoleRow]:
        return {people.key(r.name): r for r in people.all_roles(session)}

    def plan(
        self,
        session: Session,
        table: SheetTable,
        context: PlanContext,
        existing: dict[str, people.RoleRow],
    ) -> tuple[SheetPlan, list[Problem]]:
        problems: list[Problem] = []
        items: list[PlanItem] = []
        ops: list[tuple[int | None, str, str]] = []
        seen: dict[str, int] = {}
        on_sheet = context.shared.setdefault(SHEET_ROLES, set())
        for row in table.rows:
            report = _Reporter(table, row)
            name = " ".join(_text(row.values.get("name")).split())
            if not name:
                report("name", "A job role name is required here.")
                problems += report.problems
                continue
            if len(name) > people.MAX_LENGTHS["role"]:
                report("name", f"At most {people.MAX_LENGTHS['role']} characters are allowed.")
            key = people.key(name)
            on_sheet.add(key)
            if key in seen:
                report(
                    "name",
                    f"The role '{name}' is on row {seen[key]} too; each role goes on one row only.",
                )
            seen.setdefault(key, row.number)
            problems += report.problems
            if report.problems or row.bad:
                continue
            found = existing.get(key)
            description = (
                _text(row.values.get("description"))
                if table.has("description")
                else (found.description if found else "")
            )
            if found is None:
                ops.append((None, name, description))
                items.append(PlanItem(Action.ADD, name, row.number))
            elif (found.name, found.description) != (name, description):
                ops.append((found.id, name, description))
                changes = []
                if found.name != name:
                    changes.append(FieldChange("Job role", found.name, name))
                if found.description != description:
                    changes.append(FieldChange("Description", found.description, description))
                items.append(PlanItem(Action.CHANGE, name, row.number, tuple(changes)))
            else:
                items.append(PlanItem(Action.UNCHANGED, name, row.number))
        sheet = table.sheet

        def apply(session: Session, user: str) -> None:
            try:
                for role_id, name, description in ops:
                    if role_id is None:
                        if people.key(name) not in people.ids_by_role(session):
                            people.create_role(session, name, user, description)
                    else:
                        people.update_role(session, role_id, name, user, description)
            except QmsError as exc:
                raise _during_apply(sheet, exc) from exc

        return SheetPlan(table.sheet, "Job roles", items, apply), problems


# --- import: people --------------------------------------------------------------------------


class PeopleImporter:
    spec = PEOPLE
    order = 40

    def existing(self, session: Session) -> dict[str, people.PersonRow]:
        return {people.key(p.employee_no): p for p in people.all_people(session)}

    def plan(
        self,
        session: Session,
        table: SheetTable,
        context: PlanContext,
        existing: dict[str, people.PersonRow],
    ) -> tuple[SheetPlan, list[Problem]]:
        present = [n for n in people.FIELD_NAMES if table.has(n)]
        problems: list[Problem] = []
        items: list[PlanItem] = []
        created: list[tuple[int, people.PersonFields]] = []
        updated: list[tuple[int, int, people.PersonFields]] = []
        seen: dict[str, int] = {}
        on_sheet: dict[str, tuple[str, str, dt.date | None]] = {}
        context.shared[SHEET_PEOPLE] = on_sheet
        roles_named = context.shared.setdefault(SHEET_ROLES, set())
        managers: list[tuple[TableRow, str]] = []
        for count, row in enumerate(table.rows, 1):
            if count % _TICK == 0:
                context.tick(_TICK)
            report = _Reporter(table, row)
            number = _text(row.values.get("employee_no"))
            if not number:
                report("employee_no", "An employee number is required here.")
                problems += report.problems
                continue
            key = people.key(number)
            if key in seen:
                report(
                    "employee_no",
                    f"The employee number '{number}' is on row {seen[key]} too: the same person "
                    f"is listed twice. Each person goes on one row only (rows {seen[key]} and "
                    f"{row.number}).",
                )
                problems += report.problems
                continue
            seen[key] = row.number
            found = existing.get(key)
            raw = {n: row.values[n] for n in present}
            if found is not None:
                old = found.fields()
                raw = {n: getattr(old, n) for n in people.FIELD_NAMES if n not in raw} | raw
            fields, field_problems = people.person_fields_from_values(raw)
            for fp in field_problems:
                report(fp.field, _message(fp.message))
            name = fields.name if fields else _text(row.values.get("name"))
            leaving = fields.leaving_date if fields else None
            on_sheet[key] = (number, name, leaving)
            if fields is not None:
                roles_named.update(people.key(r) for r in fields.roles)
                if fields.manager_no:
                    managers.append((row, fields.manager_no))
            problems += report.problems
            if fields is None or report.problems or row.bad:
                continue
            if found is None:
                created.append((row.number, fields))
                items.append(PlanItem(Action.ADD, f"{number} {name}", row.number))
                continue
            old = found.fields()
            changes = _person_changes(old, fields)
            if not changes:
                items.append(PlanItem(Action.UNCHANGED, f"{number} {name}", row.number))
                continue
            updated.append((row.number, found.id, fields))
            items.append(PlanItem(Action.CHANGE, f"{number} {name}", row.number, changes))
        for row, manager in managers:
            if people.key(manager) not in existing and people.key(manager) not in on_sheet:
                problems.append(
                    table.problem(
                        row.number,
                        "manager_no",
                        f"There is nobody with the employee number '{manager}', neither in QMS "
                        "Desk nor on this sheet.",
                    )
                )
        context.tick(len(table.rows) % _TICK)
        sheet = table.sheet

        def apply(session: Session, user: str) -> None:
            try:
                people.save_many(
                    session,
                    [f for _, f in created],
                    [(pid, f) for _, pid, f in updated],
                    user,
                )
            except QmsError as exc:
                raise _during_apply(sheet, exc) from exc

        return SheetPlan(table.sheet, "People", items, apply), problems


def _person_changes(old: people.PersonFields, new: people.PersonFields) -> tuple[FieldChange, ...]:
    changes = []
    for name in people.FIELD_NAMES:
        before, after = getattr(old, name), getattr(new, name)
        if name == "roles" and sorted(map(people.key, before)) == sorted(map(people.key, after)):
            continue
        if name == "manager_no" and people.key(before) == people.key(after):
            continue
        if before != after:
            changes.append(FieldChange(_PL[name], _show(before), _show(after)))
    return tuple(changes)


# --- import: training items ------------------------------------------------------------------


@dataclass(frozen=True)
class _HeldItems:
    rows: dict[str, training.ItemRow]
    documents: set[str]  # key(code) of every document
    in_use: dict[int, int]  # item id -> highest level recorded or required


class ItemsImporter:
    spec = ITEMS
    order = 50

    def existing(self, session: Session) -> _HeldItems:
        in_use: dict[int, int] = {}
        for table, column in (
            (TrainingRecord, TrainingRecord.level),
            (RoleRequirement, RoleRequirement.required_level),
            (PersonRequirement, PersonRequirement.required_level),
        ):
            stmt = select(table.item_id, func.max(column)).group_by(table.item_id)
            for item_id, level in raw_rows(session, stmt):
                in_use[item_id] = max(level, in_use.get(item_id, 0))
        return _HeldItems(
            {people.key(i.code): i for i in training.all_items(session)},
            {people.key(c) for (c,) in raw_rows(session, select(Document.code))},
            in_use,
        )

    def plan(
        self, session: Session, table: SheetTable, context: PlanContext, held: _HeldItems
    ) -> tuple[SheetPlan, list[Problem]]:
        present = [n for n in training.ITEM_FIELDS if table.has(n)]
        problems: list[Problem] = []
        items: list[PlanItem] = []
        created: list[training.ItemFields] = []
        updated: list[tuple[int, training.ItemFields]] = []
        seen: dict[str, int] = {}
        on_sheet: dict[str, tuple[str, str, int]] = {}
        context.shared[SHEET_ITEMS] = on_sheet
        sheet_documents = {code_key(c) for c in context.shared.get(SHEET_CODES, set())}
        check_documents = "Documents" not in context.unreadable
        for row in table.rows:
            report = _Reporter(table, row)
            code = _text(row.values.get("code"))
            if not code:
                report("code", "An item code is required here.")
                problems += report.problems
                continue
            key = people.key(code)
            if key in seen:
                report(
                    "code",
                    f"The item code '{code}' is on row {seen[key]} too; each item goes on one row "
                    f"only (rows {seen[key]} and {row.number}).",
                )
                problems += report.problems
                continue
            seen[key] = row.number
            found = held.rows.get(key)
            raw = {n: _whole(row.values[n]) for n in present}
            if found is not None:
                old = found.fields()
                raw = {n: getattr(old, n) for n in training.ITEM_FIELDS if n not in raw} | raw
            fields, field_problems = training.item_fields_from_values(raw)
            for fp in field_problems:
                report(fp.field, _message(fp.message))
            if fields is not None:
                document = fields.document_code
                if (
                    document
                    and check_documents
                    and people.key(document) not in held.documents
                    and code_key(document) not in sheet_documents
                ):
                    report(
                        "document_code",
                        f"There is no document '{document}', neither in the register nor on the "
                        "'Documents' sheet.",
                    )
                if found is not None and fields.max_level < held.in_use.get(found.id, 0):
                    used = held.in_use[found.id]
                    report(
                        "max_level",
                        f"Level {used} is already recorded or required for {code}, so it needs at "
                        f"least {used} levels.",
                    )
                on_sheet[key] = (fields.code, fields.title, fields.max_level)
            problems += report.problems
            if fields is None or report.problems or row.bad:
                continue
            label = f"{fields.code} {fields.title}"
            if found is None:
                created.append(fields)
                items.append(PlanItem(Action.ADD, label, row.number))
                continue
            old = found.fields()
            changes = tuple(
                FieldChange(_IL[n], _show(getattr(old, n)), _show(getattr(fields, n)))
                for n in training.ITEM_FIELDS
                if getattr(old, n) != getattr(fields, n)
                and not (
                    n == "document_code" and _same_code(old.document_code, fields.document_code)
                )
            )
            if not changes:
                items.append(PlanItem(Action.UNCHANGED, label, row.number))
                continue
            updated.append((found.id, fields))
            items.append(PlanItem(Action.CHANGE, label, row.number, changes))
        sheet = table.sheet

        def apply(session: Session, user: str) -> None:
            try:
                training.save_items_many(session, created, updated, user)
            except QmsError as exc:
                raise _during_apply(sheet, exc) from exc

        return SheetPlan(table.sheet, "Training items", items, apply), problems


def _same_code(a: str, b: str) -> bool:
    return people.key(a) == people.key(b)


# --- import: requirements --------------------------------------------------------------------


@dataclass(frozen=True)
class _HeldRequirements:
    roles: dict[str, str]  # key -> name
    people: dict[str, tuple[str, str, dt.date | None]]  # key -> (number, name, leaving)
    items: dict[str, tuple[str, str, int]]  # key -> (code, title, max level)
    role_levels: dict[tuple[str, str], int]
    person_levels: dict[tuple[str, str], tuple[int, str]]


def _held_people(session: Session) -> dict[str, tuple[str, str, dt.date | None]]:
    from qmsdesk.core.db.models_training import Person

    stmt = select(Person.employee_no, Person.name, Person.leaving_date)
    return {
        people.key(n): (n, name, None if left is None else dt.date.fromisoformat(left))
        for n, name, left in raw_rows(session, stmt)
    }


def _held_items(session: Session) -> dict[str, tuple[str, str, int]]:
    from qmsdesk.core.db.models_training import TrainingItem

    stmt = select(TrainingItem.code, TrainingItem.title, TrainingItem.max_level)
    return {people.key(c): (c, t, m) for c, t, m in raw_rows(session, stmt)}


class RequirementsImporter:
    spec = REQUIREMENTS
    order = 60

    def existing(self, session: Session) -> _HeldRequirements:
        role_levels = {
            (people.key(r.role), people.key(r.item_code)): r.required_level
            for r in training.all_requirements(session)
            if r.is_role
        }
        person_levels = {
            (people.key(r.employee_no), people.key(r.item_code)): (r.required_level, r.reason)
            for r in training.all_requirements(session)
            if not r.is_role
        }
        return _HeldRequirements(
            {people.key(n): n for n in people.role_names(session)},
            _held_people(session),
            _held_items(session),
            role_levels,
            person_levels,
        )

    def plan(
        self,
        session: Session,
        table: SheetTable,
        context: PlanContext,
        held: _HeldRequirements,
    ) -> tuple[SheetPlan, list[Problem]]:
        sheet_roles: set[str] = context.shared.get(SHEET_ROLES, set())
        sheet_people: dict[str, Any] = context.shared.get(SHEET_PEOPLE, {})
        sheet_items: dict[str, tuple[str, str, int]] = context.shared.get(SHEET_ITEMS, {})
        unchecked_roles = bool({"Job roles", "People"} & context.unreadable)
        unchecked_people = "People" in context.unreadable
        unchecked_items = "Training items" in context.unreadable
        problems: list[Problem] = []
        items: list[PlanItem] = []
        role_ops: list[tuple[str, str, int]] = []
        person_ops: list[tuple[str, str, int, str]] = []
        seen: dict[tuple[str, str, str], int] = {}
        for row in table.rows:
            report = _Reporter(table, row)
            role = " ".join(_text(row.values.get("role")).split())
            number = _text(row.values.get("employee_no"))
            code = _text(row.values.get("item_code"))
            reason = _text(row.values.get("reason"))
            if role and number:
                report(
                    "employee_no",
                    "Give either a job role or an employee number on a row, not both: a role's "
                    "requirement applies to everyone holding it.",
                )
            elif not role and not number:
                report(
                    "role",
                    "Say who needs the item: a job role, or an employee number for one person.",
                )
            if (
                role
                and people.key(role) not in held.roles
                and people.key(role) not in sheet_roles
                and not unchecked_roles
            ):
                report(
                    "role",
                    f"There is no job role '{role}', neither in QMS Desk nor on the sheets "
                    "'Job roles' or 'People'. Add the role first, or correct its name.",
                )
            if (
                number
                and not role
                and people.key(number) not in held.people
                and people.key(number) not in sheet_people
                and not unchecked_people
            ):
                report(
                    "employee_no",
                    f"There is nobody with the employee number '{number}', neither in QMS Desk "
                    "nor on the 'People' sheet.",
                )
            item = sheet_items.get(people.key(code)) or held.items.get(people.key(code))
            if not code:
                report("item_code", "An item code is required here.")
            elif item is None and not unchecked_items:
                report(
                    "item_code",
                    f"There is no training item '{code}', neither in QMS Desk nor on the "
                    "'Training items' sheet.",
                )
            level: int | None = None
            try:
                level = training.parse_level(
                    _whole(row.values.get("required_level")), item[2] if item else LEVEL_MAX
                )
            except ValueError as exc:
                report("required_level", str(exc).replace("of this item", f"of {code}"))
            if len(reason) > 200:
                report("reason", "At most 200 characters are allowed.")
            problems += report.problems
            if report.problems or row.bad or level is None:
                continue
            who = ("role", people.key(role)) if role else ("person", people.key(number))
            slot = (*who, people.key(code))
            if slot in seen:
                problems.append(
                    table.problem(
                        row.number,
                        "item_code",
                        f"{role or number} needs {code} on row {seen[slot]} too; give each "
                        "requirement one row.",
                    )
                )
                continue
            seen[slot] = row.number
            label = f"{role or number}: {code} at level {level}"
            if role:
                old = held.role_levels.get((people.key(role), people.key(code)))
                action = Action.ADD if old is None else Action.CHANGE
                if old == level:
                    items.append(PlanItem(Action.UNCHANGED, label, row.number))
                    continue
                role_ops.append((role, code, level))
                changes = (FieldChange("Required level", _show(old), str(level)),)
            else:
                found = held.person_levels.get((people.key(number), people.key(code)))
                if found == (level, reason):
                    items.append(PlanItem(Action.UNCHANGED, label, row.number))
                    continue
                action = Action.ADD if found is None else Action.CHANGE
                person_ops.append((number, code, level, reason))
                changes = (FieldChange("Required level", _show(found and found[0]), str(level)),)
            items.append(PlanItem(action, label, row.number, changes))
        sheet = table.sheet

        def apply(session: Session, user: str) -> None:
            roles = people.ids_by_role(session)
            numbers = people.ids_by_employee_no(session)
            codes = training.ids_by_item_code(session)
            try:
                missing = [
                    name
                    for name, known in [
                        *((r, people.key(r) in roles) for r, _c, _l in role_ops),
                        *((n, people.key(n) in numbers) for n, _c, _l, _r in person_ops),
                        *(
                            (c, people.key(c) in codes)
                            for _w, c, *_rest in [*role_ops, *person_ops]
                        ),
                    ]
                    if not known
                ]
                if missing:
                    raise QmsError(f"'{missing[0]}' is no longer in QMS Desk.")
                training.save_requirements_many(
                    session,
                    [(roles[people.key(r)], codes[people.key(c)], lvl) for r, c, lvl in role_ops],
                    [
                        (numbers[people.key(n)], codes[people.key(c)], lvl, why)
                        for n, c, lvl, why in person_ops
                    ],
                    user,
                )
            except QmsError as exc:
                raise _during_apply(sheet, exc) from exc

        return SheetPlan(table.sheet, "Requirements", items, apply), problems


# --- import: training records ----------------------------------------------------------------


@dataclass(frozen=True)
class _HeldRecords:
    rows: dict[int, training.RecordRow]
    by_day: dict[tuple[str, str, dt.date], list[int]]
    people: dict[str, tuple[str, str, dt.date | None]]
    items: dict[str, tuple[str, str, int]]


class RecordsImporter:
    spec = RECORDS
    order = 70

    def existing(self, session: Session) -> _HeldRecords:
        rows = {r.id: r for r in training.record_rows(session)}
        by_day: dict[tuple[str, str, dt.date], list[int]] = {}
        for r in rows.values():
            by_day.setdefault(
                (people.key(r.employee_no), people.key(r.item_code), r.trained_on), []
            ).append(r.id)
        return _HeldRecords(rows, by_day, _held_people(session), _held_items(session))

    def plan(
        self, session: Session, table: SheetTable, context: PlanContext, held: _HeldRecords
    ) -> tuple[SheetPlan, list[Problem]]:
        sheet_people: dict[str, tuple[str, str, dt.date | None]] = context.shared.get(
            SHEET_PEOPLE, {}
        )
        sheet_items: dict[str, tuple[str, str, int]] = context.shared.get(SHEET_ITEMS, {})
        unchecked_people = "People" in context.unreadable
        unchecked_items = "Training items" in context.unreadable
        present = [n for n in training.RECORD_FIELDS if table.has(n)]
        on = today()
        problems: list[Problem] = []
        items: list[PlanItem] = []
        new: list[tuple[str, str, training.RecordFields]] = []
        changed: list[tuple[int, training.RecordFields]] = []
        seen_ids: dict[int, int] = {}
        seen_days: dict[tuple[str, str, dt.date], int] = {}
        for count, row in enumerate(table.rows, 1):
            if count % _TICK == 0:
                context.tick(_TICK)
            report = _Reporter(table, row)
            values = row.values
            number = _text(values.get("employee_no"))
            code = _text(values.get("item_code"))
            person = sheet_people.get(people.key(number)) or held.people.get(people.key(number))
            item = sheet_items.get(people.key(code)) or held.items.get(people.key(code))
            if not number:
                report("employee_no", "An employee number is required here.")
            elif person is None and not unchecked_people:
                report(
                    "employee_no",
                    f"There is nobody with the employee number '{number}', neither in QMS Desk "
                    "nor on the 'People' sheet. Add the person first, or correct the number.",
                )
            if not code:
                report("item_code", "An item code is required here.")
            elif item is None and not unchecked_items:
                report(
                    "item_code",
                    f"There is no training item '{code}', neither in QMS Desk nor on the "
                    "'Training items' sheet. Add the item first, or correct the code.",
                )
            record_id = _record_id(values.get("record_id"), report)
            found = held.rows.get(record_id) if record_id is not None else None
            if record_id is not None and found is None:
                # Written by another company file, or deleted since: a record like any other.
                record_id = None
            raw: dict[str, object] = {n: _whole(values[n]) for n in present}
            if "level" in raw and raw["level"] in ("", None):
                raw["level"] = 1 if found is None else found.level
            if found is not None:
                old = found.fields()
                raw = {n: getattr(old, n) for n in training.RECORD_FIELDS if n not in raw} | raw
            top = item[2] if item else LEVEL_MAX
            fields, field_problems = training.record_fields_from_values(raw, top, on)
            for fp in field_problems:
                report(fp.field, _message(fp.message))
            left = person[2] if person is not None else None
            if fields is not None and left is not None and fields.trained_on > left:
                report(
                    "trained_on",
                    f"{person[1]} left on {person[2].isoformat()}, before this training.",
                )
            if (
                found is not None
                and (
                    people.key(found.employee_no) != people.key(number)
                    or people.key(found.item_code) != people.key(code)
                )
                and number
                and code
            ):
                report(
                    "record_id",
                    f"Record {record_id} is {found.employee_no}'s record of {found.item_code}; "
                    "a row cannot move it to another person or item. Leave the Record ID empty "
                    "to add a new record.",
                )
            problems += report.problems
            if fields is None or report.problems or row.bad:
                continue
            day_key = (people.key(number), people.key(code), fields.trained_on)
            if found is None:
                same_day = held.by_day.get(day_key, [])
                if len(same_day) == 1 and same_day[0] not in seen_ids:
                    found = held.rows[same_day[0]]  # the same record, exported without its ID
                    record_id = found.id
            if record_id is not None and found is not None:
                if record_id in seen_ids:
                    problems.append(
                        table.problem(
                            row.number,
                            "record_id",
                            f"Record {record_id} is on row {seen_ids[record_id]} too; each "
                            "record goes on one row only.",
                        )
                    )
                    continue
                seen_ids[record_id] = row.number
            elif day_key in seen_days:
                problems.append(
                    table.problem(
                        row.number,
                        "trained_on",
                        f"{number} is recorded in {code} on {fields.trained_on.isoformat()} on row "
                        f"{seen_days[day_key]} too; give each training one row.",
                    )
                )
                continue
            seen_days[day_key] = row.number
            label = f"{number} {code} {fields.trained_on.isoformat()}"
            if found is None:
                new.append((number, code, fields))
                items.append(PlanItem(Action.ADD, label, row.number))
                continue
            old = found.fields()
            changes = tuple(
                FieldChange(_RL[n], _show(getattr(old, n)), _show(getattr(fields, n)))
                for n in training.RECORD_FIELDS
                if getattr(old, n) != getattr(fields, n)
                and not (n == "document_revision" and not getattr(fields, n))
            )
            if not changes:
                items.append(PlanItem(Action.UNCHANGED, label, row.number))
                continue
            if not fields.document_revision:
                fields = replace(fields, document_revision=old.document_revision)
            changed.append((found.id, fields))
            items.append(PlanItem(Action.CHANGE, label, row.number, changes))
        context.tick(len(table.rows) % _TICK)
        sheet = table.sheet

        def apply(session: Session, user: str) -> None:
            numbers = people.ids_by_employee_no(session)
            codes = training.ids_by_item_code(session)
            try:
                for number, code, _f in new:
                    if people.key(number) not in numbers or people.key(code) not in codes:
                        raise QmsError(f"{number} or {code} is no longer in QMS Desk.")
                training.insert_records(
                    session,
                    [(numbers[people.key(n)], codes[people.key(c)], f) for n, c, f in new],
                    user,
                )
                if changed:
                    training.update_records_many(session, changed, user)
            except QmsError as exc:
                raise _during_apply(sheet, exc) from exc

        return SheetPlan(table.sheet, "Training records", items, apply), problems


def _record_id(value: object, report: Callable[[str, str], None]) -> int | None:
    if value is None or value == "" or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = finite_number(value)
    except ValueError:
        number = -1
    if number != int(number) or number < 1:
        report("record_id", f"'{value}' is not a record number; leave it empty on new rows.")
        return None
    return int(number)


#: The sheets this register imports (see workbook.SHEET_MODULES).
SHEET_IMPORTERS = [
    JobRolesImporter(),
    PeopleImporter(),
    ItemsImporter(),
    RequirementsImporter(),
    RecordsImporter(),
]


# --- the due list ----------------------------------------------------------------------------

DUE = SheetSpec(
    name="Training due",
    frozen_columns=4,
    columns=(
        Column("due", "Due", ColumnKind.DATE, help="When it fell or falls due."),
        Column("status", "Status", help="Expired, expiring soon, retrain after a revision…"),
        Column("employee_no", _PL["employee_no"]),
        Column("name", "Name"),
        Column("department", "Department"),
        Column("item_code", _IL["code"]),
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
