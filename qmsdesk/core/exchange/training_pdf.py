"""The training matrix, a person's training record and the due list as PDFs (shared template).

The matrix is printed on A4 or A3 landscape, split over as many pages as it needs in both
directions: down the people, then across the items, with the names column repeated on every page.
Item headers are rotated; every cell carries its short code as well as its colour, and a legend
runs along the foot of every page, so that the print reads the same in black and white.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak

from qmsdesk.core import company, people, training
from qmsdesk.core.dates import parse_date
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import pdf
from qmsdesk.core.training import (
    DUE,
    RECORDS,
    STATUS_CODES,
    STATUS_COLOURS,
    STATUS_LABELS,
    CellStatus,
    Matrix,
    MatrixQuery,
)

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from qmsdesk.core.db import Database

_P = people.PEOPLE
_FILL = {s: colors.HexColor(f"#{bg}") for s, (bg, _fg) in STATUS_COLOURS.items()}
_INK = {s: colors.HexColor(f"#{fg}") for s, (_bg, fg) in STATUS_COLOURS.items()}

# The grid's geometry, in points.
_ROW_H = 11.0
_COL_W = 19.0
_NAME_W = 150.0
_PCT_W = 30.0
_HEADER_H = 140.0  # the rotated item headers
_FOOT_H = 13.0  # the per-item compliance row
_LEGEND_H = 26.0
_FONT_SIZE = 6.3
_HEADER_CHARS = 34


def _paper(value: object) -> pdf.PageSize:
    text = str(value or "A4").strip().upper().replace(" ", "")
    if text in ("A4", "A4LANDSCAPE"):
        return pdf.PageSize.A4_LANDSCAPE
    if text in ("A3", "A3LANDSCAPE"):
        return pdf.PageSize.A3_LANDSCAPE
    raise ValidationError(f"paper: write A4 or A3, not '{value}'.")


def _day(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return parse_date(value)
    except ValueError as exc:
        raise ValidationError(f"on: {exc}") from exc


def _yes(value: object) -> bool:
    text = str(value or "").strip().lower()
    if text in ("yes", "y", "true", "1", "on"):
        return True
    if text in ("", "no", "n", "false", "0", "off"):
        return False
    raise ValidationError(f"write yes or no, not '{value}'.")


def _item_header(item: training.MatrixItem) -> str:
    text = f"{item.code}  {item.title}"
    return text if len(text) <= _HEADER_CHARS else text[: _HEADER_CHARS - 1].rstrip() + "…"


class MatrixBlock(Flowable):
    """One page of the grid: some people (rows) by some items (columns), with the legend."""

    def __init__(
        self,
        matrix: Matrix,
        rows: range,
        cols: range,
        compliance: list[tuple[int, int]],
        item_compliance: list[tuple[int, int]],
        width: float,
        height: float,
        part: str,
    ) -> None:
        super().__init__()
        self.matrix = matrix
        self.rows = rows
        self.cols = cols
        self.compliance = compliance
        self.item_compliance = item_compliance
        self.width = width
        self.height = height
        self.part = part

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c: Canvas = self.canv
        m = self.matrix
        top = self.height
        left_grid = _NAME_W + _PCT_W
        grid_top = top - _HEADER_H
        rows, cols = self.rows, self.cols
        grid_w = len(cols) * _COL_W
        grid_h = len(rows) * _ROW_H
        c.saveState()
        # Header band: names title, rotated item headers.
        c.setFillColor(pdf.HEADER_FILL)
        c.rect(0, grid_top, left_grid + grid_w, _HEADER_H, stroke=0, fill=1)
        c.setFillColor(pdf.INK)
        c.setFont(pdf.FONT_CONDENSED_BOLD, 7.5)
        c.drawString(3, grid_top + 4, "Person")
        c.drawRightString(left_grid - 3, grid_top + 4, "Valid")
        c.setFont(pdf.FONT_CONDENSED, 6.5)
        c.setFillColor(pdf.MUTED)
        c.drawString(3, top - 10, self.part)
        c.setFillColor(pdf.INK)
        for k, col in enumerate(cols):
            item = m.items[col]
            x = left_grid + k * _COL_W
            c.saveState()
            c.translate(x + _COL_W / 2 + 2.4, grid_top + 4)
            c.rotate(90)
            c.setFont(pdf.FONT_CONDENSED_BOLD, 6.8)
            c.drawString(0, 0, item.code)
            width = pdf.text_width(item.code, pdf.FONT_CONDENSED_BOLD, 6.8)
            c.setFont(pdf.FONT_CONDENSED, 6.5)
            title = pdf.shorten(item.title, pdf.FONT_CONDENSED, 6.5, _HEADER_H - width - 12)
            c.drawString(width + 3, 0, title)
            c.restoreState()
        # Cells: fills first (one colour at a time), then the texts.
        by_status: dict[int, list[tuple[float, float]]] = {}
        for r_index, row in enumerate(rows):
            y = grid_top - (r_index + 1) * _ROW_H
            cells = m.status[row]
            for k, col in enumerate(cols):
                value = cells[col]
                if value:
                    by_status.setdefault(value, []).append((left_grid + k * _COL_W, y))
            if r_index % 2 == 1:
                c.setFillColor(pdf.ZEBRA_FILL)
                c.rect(0, y, left_grid, _ROW_H, stroke=0, fill=1)
        for value, spots in by_status.items():
            c.setFillColor(_FILL[CellStatus(value)])
            for x, y in spots:
                c.rect(x, y, _COL_W, _ROW_H, stroke=0, fill=1)
        # Grid lines.
        c.setStrokeColor(pdf.HAIRLINE)
        c.setLineWidth(0.3)
        lines: list[tuple[float, float, float, float]] = [
            (0, grid_top - i * _ROW_H, left_grid + grid_w, grid_top - i * _ROW_H)
            for i in range(len(rows) + 1)
        ]
        lines += [
            (
                left_grid + k * _COL_W,
                grid_top + (_HEADER_H if k else 0),
                left_grid + k * _COL_W,
                grid_top - grid_h - _FOOT_H,
            )
            for k in range(len(cols) + 1)
        ]
        c.lines(lines)
        c.setStrokeColor(pdf.RULE)
        c.setLineWidth(0.8)
        c.line(0, grid_top, left_grid + grid_w, grid_top)
        # Names, compliance and cell codes.
        for r_index, row in enumerate(rows):
            y = grid_top - (r_index + 1) * _ROW_H + 3.0
            person = m.people[row]
            c.setFillColor(pdf.INK)
            c.setFont(pdf.FONT_CONDENSED, 7)
            name = pdf.shorten(
                f"{person.name} · {person.employee_no}", pdf.FONT_CONDENSED, 7, _NAME_W - 6
            )
            c.drawString(3, y, name)
            ok, required = self.compliance[row]
            c.drawRightString(left_grid - 3, y, training.percent(ok, required))
            cells = m.status[row]
            for k, col in enumerate(cols):
                value = cells[col]
                item = m.items[col]
                text = STATUS_CODES[CellStatus(value)]
                if item.max_level > 1:
                    level = m.level_of(person.id, item.id)
                    if level is not None:
                        text = f"{text}{level}" if text else f"({level})"
                if not text:
                    continue
                c.setFillColor(_INK[CellStatus(value)])
                c.setFont(pdf.FONT_CONDENSED_BOLD if value else pdf.FONT_CONDENSED, _FONT_SIZE)
                c.drawCentredString(left_grid + k * _COL_W + _COL_W / 2, y, text)
        # Per-item compliance row.
        y = grid_top - grid_h - _FOOT_H
        c.setFillColor(pdf.HEADER_FILL)
        c.rect(0, y, left_grid + grid_w, _FOOT_H, stroke=0, fill=1)
        c.setFillColor(pdf.INK)
        c.setFont(pdf.FONT_CONDENSED_BOLD, 7)
        c.drawString(3, y + 3.5, "Valid per item")
        c.setFont(pdf.FONT_CONDENSED, 6)
        for k, col in enumerate(cols):
            ok, required = self.item_compliance[col]
            c.drawCentredString(
                left_grid + k * _COL_W + _COL_W / 2, y + 3.5, training.percent(ok, required)
            )
        _legend(c, 0, y - _LEGEND_H + 4, self.width)
        c.restoreState()


def _legend(c: Canvas, x: float, y: float, width: float) -> None:
    """A line of boxes, codes and meanings, then the level scale."""
    c.setFont(pdf.FONT_CONDENSED, 6.8)
    pos = x
    for status in CellStatus:
        if status == CellStatus.NOT_REQUIRED:
            continue
        code = STATUS_CODES[status]
        c.setFillColor(_FILL[status])
        c.setStrokeColor(pdf.HAIRLINE)
        c.rect(pos, y + 8, 18, 9, stroke=1, fill=1)
        c.setFillColor(_INK[status])
        c.setFont(pdf.FONT_CONDENSED_BOLD, 6.3)
        c.drawCentredString(pos + 9, y + 10.3, code)
        c.setFillColor(pdf.INK)
        c.setFont(pdf.FONT_CONDENSED, 6.8)
        label = STATUS_LABELS[status]
        c.drawString(pos + 21, y + 10.3, label)
        pos += 21 + pdf.text_width(label, pdf.FONT_CONDENSED, 6.8) + 10
    c.setFillColor(pdf.MUTED)
    scale = "; ".join(training.level_text(n) for n in training.LEVELS)
    c.drawString(
        x,
        y,
        f"Empty: not required. A number after the code is the level reached ({scale}). "
        "Valid: the share of required trainings that are valid at the required level.",
    )


def _blocks(matrix: Matrix, frame_width: float, frame_height: float) -> list[MatrixBlock]:
    rows_per_page = max(1, int((frame_height - _HEADER_H - _FOOT_H - _LEGEND_H) // _ROW_H))
    cols_per_page = max(1, int((frame_width - _NAME_W - _PCT_W) // _COL_W))
    n_rows, n_cols = matrix.shape
    compliance = [matrix.person_compliance(r) for r in range(n_rows)]
    item_compliance = matrix.item_compliances()
    row_parts = max(1, math.ceil(n_rows / rows_per_page))
    col_parts = max(1, math.ceil(n_cols / cols_per_page))
    blocks = []
    for cp in range(col_parts):
        cols = range(cp * cols_per_page, min(n_cols, (cp + 1) * cols_per_page))
        for rp in range(row_parts):
            rows = range(rp * rows_per_page, min(n_rows, (rp + 1) * rows_per_page))
            part = (
                f"People {rows.start + 1}–{rows.stop} of {n_rows}, items {cols.start + 1}–"
                f"{cols.stop} of {n_cols}"
            )
            height = _HEADER_H + len(rows) * _ROW_H + _FOOT_H + _LEGEND_H
            blocks.append(
                MatrixBlock(
                    matrix, rows, cols, compliance, item_compliance, frame_width, height, part
                )
            )
    return blocks


def _query(params: dict[str, Any]) -> MatrixQuery:
    def one(name: str) -> frozenset[str]:
        value = str(params.get(name) or "").strip()
        return frozenset({value}) if value else frozenset()

    statuses: frozenset[CellStatus] = frozenset()
    if params.get("status"):
        try:
            statuses = frozenset({training.parse_status(str(params["status"]))})
        except ValueError as exc:
            raise ValidationError(f"status: {exc}") from exc
    return MatrixQuery(
        departments=one("department"),
        roles=one("role"),
        categories=one("category"),
        statuses=statuses,
        include_left=_yes(params.get("left", "")),
        include_archived=_yes(params.get("archived", "")),
    )


def write_matrix(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    paper: str = "A4",
    query: MatrixQuery | None = None,
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **filters: Any,
) -> Path:
    """The training matrix. Filters (strings, as the command line gives them): department, role,
    category, status (a code such as EXP), left=yes, archived=yes; or a MatrixQuery."""
    page = _paper(paper)
    unknown = set(filters) - {"department", "role", "category", "status", "left", "archived"}
    if unknown:
        raise ValidationError(
            f"The training matrix report does not know {', '.join(sorted(unknown))}. It takes "
            "paper, department, role, category, status, left and archived."
        )
    query = query or _query(filters)
    with db.read() as session:
        info = company.get_info(session)
        matrix = training.compute_matrix(session, query, on=_day(on))
    ok, required = matrix.compliance()
    subtitle = (
        f"Status on {matrix.on:%d %B %Y} · {len(matrix.people)} people × {len(matrix.items)} "
        f"items · {training.percent(ok, required)} of required trainings valid · expiring soon "
        f"means within {matrix.window_days} days"
    )
    report = pdf.Report(
        title="Training matrix",
        subtitle=subtitle,
        company=info.name,
        logo=info.logo,
        page_size=page,
        printed=printed,
    )
    story: list[Flowable] = []
    if not matrix.people or not matrix.items:
        story.append(
            pdf.paragraph(
                "Nothing to show: there are no people or no training items (or none match the "
                "filters)."
            )
        )
    blocks = _blocks(matrix, report.frame_width, report.frame_height)
    for n, block in enumerate(blocks if matrix.people and matrix.items else []):
        if n:
            story.append(PageBreak())
        story.append(block)
    return report.build(story, Path(out), progress=progress, expected_pages=len(blocks))


# --- a person's training record --------------------------------------------------------------

_NEEDS = (
    pdf.Column(DUE["item_code"].short_label, 0.12),
    pdf.Column(DUE["item_title"].short_label, 0.32),
    pdf.Column(DUE["required_level"].short_label, 0.12),
    pdf.Column(DUE["status"].short_label, 0.16),
    pdf.Column(DUE["last_trained"].short_label, 0.1),
    pdf.Column(DUE["level"].short_label, 0.06, "CENTER"),
    pdf.Column(DUE["expires"].short_label, 0.1),
)
_RECORDS = (
    pdf.Column(RECORDS["trained_on"].short_label, 0.1),
    pdf.Column(DUE["item_code"].short_label, 0.2),  # the item's code and title
    pdf.Column(RECORDS["level"].short_label, 0.05, "CENTER"),
    pdf.Column(RECORDS["trainer"].label, 0.13),
    pdf.Column(RECORDS["hours"].short_label, 0.06, "RIGHT"),
    pdf.Column(RECORDS["result"].short_label, 0.07),
    pdf.Column(RECORDS["attachment_name"].short_label, 0.15),
    pdf.Column("Effectiveness", 0.24),  # method, date, evaluator and outcome in one
)


def _person(session: Any, employee_no: str) -> int:
    person_id = people.id_for_employee_no(session, employee_no)
    if person_id is None:
        raise ValidationError(f"There is nobody with the employee number '{employee_no}'.")
    return person_id


def write_record(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    person: str = "",
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
) -> Path:
    """A person's training record for an auditor: who they are, what they need, what they did."""
    if not str(person).strip():
        raise ValidationError(
            "Say whose training record to print: the person's employee number (on the command "
            "line: --person NUMBER)."
        )
    with db.read() as session:
        info = company.get_info(session)
        t = training.transcript(session, _person(session, str(person)), on=_day(on))
    p = t.person
    report = pdf.Report(
        title="Training record",
        subtitle=f"{p.name} ({p.employee_no}) · status on {t.on:%d %B %Y}",
        company=info.name,
        logo=info.logo,
        page_size=pdf.PageSize.A4_PORTRAIT,
        printed=printed,
    )
    width = report.frame_width
    ok, required = t.compliance()
    details: list[tuple[str, str]] = [
        (_P["employee_no"].label, p.employee_no),
        (_P["name"].label, p.name),
        (_P["department"].label, p.department or "—"),
        (_P["roles"].label, people.roles_text(p.roles) or "—"),
        (_P["manager_no"].label, f"{p.manager_name} ({p.manager_no})" if p.manager_no else "—"),
        (_P["start_date"].short_label, p.start_date.isoformat() if p.start_date else "—"),
    ]
    if p.leaving_date:
        details.append((_P["leaving_date"].short_label, p.leaving_date.isoformat()))
    details.append(
        ("Compliance", f"{training.percent(ok, required)} ({ok} of {required} required valid)")
    )
    story: list[Flowable] = [pdf.key_values(details, width), pdf.heading("Required training")]
    if t.needs:
        needs_rows = []
        fills: list[colors.Color | None] = []
        for item, cell in t.needs:
            latest = cell.latest
            status = f"{STATUS_CODES[cell.status]} {training.STATUS_SHORT[cell.status]}"
            needs_rows.append(
                [
                    item.code,
                    item.title,
                    training.level_text(cell.required_level or 1),
                    status if cell.status in training.COMPLIANT else pdf.Bold(status),
                    latest.trained_on.isoformat() if latest else "",
                    str(latest.level) if latest else "",
                    cell.expires.isoformat() if cell.expires else "",
                ]
            )
            fills.append(_FILL[cell.status] if cell.status not in training.COMPLIANT else None)
        story.append(pdf.data_table(_NEEDS, needs_rows, width, row_fills=fills))
    else:
        story.append(pdf.paragraph("No training is required of this person's roles."))
    story.append(pdf.heading("Training records"))
    if t.records:
        rows = []
        for r in t.records:
            evidence = (
                f"{r.attachment_name} (SHA-256 {r.attachment_sha256[:12]}…)"
                if r.attachment_name
                else ""
            )
            effectiveness = "; ".join(
                part
                for part in (
                    r.effectiveness_method,
                    r.effectiveness_date.isoformat() if r.effectiveness_date else "",
                    f"by {r.effectiveness_by}" if r.effectiveness_by else "",
                    r.effectiveness_outcome,
                )
                if part
            )
            item_text = f"{r.item_code} {r.item_title}"
            if r.document_revision:
                item_text += f" (rev. {r.document_revision})"
            rows.append(
                [
                    r.trained_on.isoformat(),
                    item_text,
                    str(r.level),
                    r.trainer,
                    f"{r.hours:g}" if r.hours is not None else "",
                    r.result,
                    evidence,
                    effectiveness or "not checked yet",
                ]
            )
        story.append(pdf.data_table(_RECORDS, rows, width))
    else:
        story.append(pdf.paragraph("No training recorded yet."))
    return report.build(story, Path(out), progress=progress)


# --- the due list ----------------------------------------------------------------------------

_DUE = (
    pdf.Column(DUE["due"].short_label, 0.07),
    pdf.Column(DUE["status"].short_label, 0.1),
    pdf.Column(_P["employee_no"].short_label, 0.07),
    pdf.Column(DUE["name"].short_label, 0.12),
    pdf.Column(DUE["department"].short_label, 0.09),
    pdf.Column(DUE["item_code"].short_label, 0.08),
    pdf.Column(DUE["item_title"].short_label, 0.19),
    pdf.Column(DUE["last_trained"].short_label, 0.07),
    pdf.Column("Level / needed", 0.06, "CENTER"),  # the level reached and the level required
    pdf.Column(DUE["reason"].short_label, 0.15),
)


def write_due(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    missing: str | bool = "no",
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
) -> Path:
    """Training that has expired, expires soon or must be redone after a document revision
    (with missing=yes, also required training never done), by the date it falls due."""
    statuses = set(training.DUE_STATUSES)
    if missing is True or _yes(missing):
        statuses |= {CellStatus.MISSING, CellStatus.LEVEL_LOW}
    with db.read() as session:
        info = company.get_info(session)
        day = _day(on)
        rows = training.due_list(session, on=day, statuses=statuses)
        window = training.expiring_window(session)
    report = pdf.Report(
        title="Training due",
        subtitle=f"On {(day or dt.date.today()):%d %B %Y} · {len(rows)} trainings · expiring "
        f"soon means within {window} days",
        company=info.name,
        logo=info.logo,
        page_size=pdf.PageSize.A4_LANDSCAPE,
        printed=printed,
    )
    table_rows = []
    fills: list[colors.Color | None] = []
    for d in rows:
        status = f"{STATUS_CODES[d.status]} {training.STATUS_SHORT[d.status]}"
        table_rows.append(
            [
                d.due.isoformat() if d.due else "",
                pdf.Bold(status),
                d.employee_no,
                d.name,
                d.department,
                d.item_code,
                d.item_title,
                d.last_trained.isoformat() if d.last_trained else "never",
                f"{d.level or '-'} / {d.required_level}",
                d.reason,
            ]
        )
        fills.append(_FILL[d.status])
    story: list[Flowable] = []
    if table_rows:
        story.append(pdf.data_table(_DUE, table_rows, report.frame_width, row_fills=fills))
    else:
        story.append(pdf.paragraph("Nothing is due: all required training is valid."))
    return report.build(story, Path(out), progress=progress)
