"""The coloured grid (written as its own cell XML, for speed) and its legend: for reading."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from qmsdesk.core import people, training
from qmsdesk.core.exchange.workbook import column_letter, escape_text

MATRIX_SHEET = "Training matrix"
LEGEND_SHEET = "Legend"
_FIXED = ("Employee number", "Name", "Department", "Job roles", "Compliance")


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
