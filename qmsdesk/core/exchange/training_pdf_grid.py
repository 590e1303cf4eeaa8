"""The training matrix drawn on PDF pages: a block of people by items per page, with rotated item
headers, a short code in every cell as well as its colour, and a legend at the foot.

:func:`blocks` splits a matrix over as many pages as it needs in both directions: down the people,
then across the items, with the names column repeated on every page.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.platypus import Flowable

from qmsdesk.core import training
from qmsdesk.core.exchange import pdf
from qmsdesk.core.training import STATUS_CODES, STATUS_COLOURS, STATUS_LABELS, CellStatus, Matrix

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

FILL = {s: colors.HexColor(f"#{bg}") for s, (bg, _fg) in STATUS_COLOURS.items()}
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
            c.setFillColor(FILL[CellStatus(value)])
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
        c.setFillColor(FILL[status])
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


def blocks(matrix: Matrix, frame_width: float, frame_height: float) -> list[MatrixBlock]:
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
