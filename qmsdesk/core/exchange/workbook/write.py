"""Writing workbooks: openpyxl builds each sheet's frame, the data rows go straight into its XML.

openpyxl's own writer costs about 20 µs a cell, which makes a 10,000-document register take ten
seconds; the direct rows cost about 1 µs a cell. Every text goes out as an inline string, which
Excel never treats as a formula, whatever its first character.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import uuid
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qmsdesk.core import dates
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange.workbook.read import sheet_parts
from qmsdesk.core.exchange.workbook.spec import (
    _EXCEL_EPOCH,
    _EXCEL_LAST_ROW,
    Column,
    ColumnKind,
    CustomSheet,
    Progress,
    Readme,
    SheetData,
    SheetSpec,
    column_letter,
    gc_paused,
    os_reason,
)

if TYPE_CHECKING:
    pass


_WIDTH_SAMPLE = 2000
_HEADER_FILL = "1F4E78"
_COMPUTED_FILL = "D9D9D9"
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_OOXML_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)|[\r\x00-\x08\x0b\x0c\x0e-\x1f]")


def escape_text(text: str) -> str:
    """A text made fit for a cell's XML (also for the sheets a register writes itself)."""
    # OOXML writes a character XML cannot hold as _xHHHH_, and a literal "_x" of such a shape with
    # its underscore escaped (_x005F_); Excel and calamine read both back as the original text.
    text = _OOXML_ESCAPE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    text = _ILLEGAL_XML.sub("\ufffd", text)  # lone surrogates and non-characters: unrepresentable
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: The most characters Excel keeps in a cell; it refuses (or cuts) a workbook holding more. Excel
#: counts in UTF-16, where a character outside the Basic Multilingual Plane (an emoji, say) is two.
EXCEL_CELL_LIMIT = 32_767


def too_long_for_excel(text: str) -> bool:
    """Whether Excel would find `text` longer than a cell holds."""
    if len(text) <= EXCEL_CELL_LIMIT // 2:
        return False  # even if every character counted twice
    return len(text.encode("utf-16-le")) // 2 > EXCEL_CELL_LIMIT


_HALF_LIMIT = EXCEL_CELL_LIMIT // 2


def _cell_too_long_error(
    spec: SheetSpec, row_number: int, index: int, row: Sequence[object], text: str
) -> QmsError:
    key = row[0] if row and row[0] not in (None, "") else f"row {row_number}"
    return QmsError(
        f"Nothing was exported: the {spec.columns[index].header} of {key} (sheet "
        f"'{spec.name}', row {row_number}, column {spec.columns[index].header}) is "
        f"{len(text.encode('utf-16-le')) // 2:,} characters long as Excel counts them, and Excel "
        f"keeps at most {EXCEL_CELL_LIMIT:,} in a cell. Shorten it "
        "in QMS Desk (or keep the long text in a document and refer to it), then export again."
    )


def _rows_xml(
    rows: Sequence[Sequence[object]],
    spec: SheetSpec,
    date_style: int,
    first_row: int,
    tick: Callable[[int], None],
) -> Iterator[str]:
    """The <row> elements of a sheet's data, a chunk of rows at a time."""
    letters = [column_letter(i) for i in range(1, len(spec.columns) + 1)]
    is_date = [c.kind == ColumnKind.DATE for c in spec.columns]
    cols = list(zip(letters, is_date, strict=True))
    date_type, datetime_type = dt.date, dt.datetime
    chunk: list[str] = []
    number = first_row
    for row in rows:
        rn = str(number)
        parts = [f'<row r="{rn}">']
        # The common cases first, with as few tests as possible: this runs for every cell.
        for (letter, date_col), value in zip(cols, row, strict=True):
            cls = value.__class__
            if cls is str:
                text: str = value  # type: ignore[assignment]
                if not text:
                    continue
                if len(text) > _HALF_LIMIT and too_long_for_excel(text):
                    raise _cell_too_long_error(spec, number, letters.index(letter), row, text)
                if date_col:
                    serial = date_type.fromisoformat(text).toordinal() - _EXCEL_EPOCH
                    parts.append(f'<c r="{letter}{rn}" s="{date_style}"><v>{serial}</v></c>')
                    continue
                if (
                    not text.isprintable()
                    or "&" in text
                    or "<" in text
                    or ">" in text
                    or ("_x" in text)
                ):
                    text = escape_text(text)
                if text != text.strip():
                    parts.append(
                        f'<c r="{letter}{rn}" t="inlineStr"><is><t xml:space="preserve">'
                        f"{text}</t></is></c>"
                    )
                else:
                    parts.append(f'<c r="{letter}{rn}" t="inlineStr"><is><t>{text}</t></is></c>')
            elif value is None:
                continue
            elif cls is date_type or cls is datetime_type:
                day = value.date() if cls is datetime_type else value  # type: ignore[attr-defined]
                serial = day.toordinal() - _EXCEL_EPOCH  # type: ignore[union-attr]
                parts.append(f'<c r="{letter}{rn}" s="{date_style}"><v>{serial}</v></c>')
            elif cls is int or cls is float:
                parts.append(f'<c r="{letter}{rn}"><v>{value!r}</v></c>')
            elif cls is bool:
                parts.append(f'<c r="{letter}{rn}" t="b"><v>{int(value)}</v></c>')  # type: ignore[call-overload]
            else:
                text = str(value)
                if too_long_for_excel(text):
                    raise _cell_too_long_error(spec, number, letters.index(letter), row, text)
                text = escape_text(text)
                parts.append(f'<c r="{letter}{rn}" t="inlineStr"><is><t>{text}</t></is></c>')
        parts.append("</row>")
        chunk.append("".join(parts))
        number += 1
        if len(chunk) == 1000:
            yield "".join(chunk)
            tick(len(chunk))
            chunk = []
    if chunk:
        yield "".join(chunk)
        tick(len(chunk))


def _fitted_width(column: Column, values: Iterable[object]) -> float:
    if column.width is not None:
        return column.width
    if column.kind == ColumnKind.DATE:
        return max(12.0, len(column.header) * 0.9 + 3)
    longest = len(column.header) * 0.9 + 3  # the header is bold and carries a filter button
    for value in values:
        if value.__class__ is str:
            size = len(value)
            if size > longest:
                longest = size
                if longest >= 60:
                    break
        elif value is not None:
            longest = max(longest, len(str(value)))
    return float(min(max(longest + 2, 8), 60))


def _frame(
    sheets: Sequence[SheetData], readme: Readme | None, custom: Sequence[CustomSheet] = ()
) -> tuple[bytes, int]:
    """The workbook without its data rows, and the style id of a date cell."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    computed_font = Font(bold=True, italic=True, color="404040")
    computed_fill = PatternFill("solid", fgColor=_COMPUTED_FILL)
    header_border = Border(bottom=Side(style="thin", color="000000"))
    header_align = Alignment(vertical="center", wrap_text=True)
    date_format = dates.date_style().excel  # the company's, read for this export
    date_style = 0
    for index, other in enumerate(custom):
        ws = book.active if index == 0 else book.create_sheet()
        ws.title = other.name
        other.frame(ws)
        # A grid is read across: its heading row and its first column on every printed page.
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.print_title_rows = "1:1"
        ws.print_title_cols = "A:B"
    for index, sheet in enumerate(sheets):
        spec = sheet.spec
        ws = book.active if index == 0 and not custom else book.create_sheet()
        assert ws is not None
        ws.title = spec.name
        last_row = max(1, len(sheet.rows) + 1)
        for col, column in enumerate(spec.columns, 1):
            cell = ws.cell(row=1, column=col)
            cell.value = column.header
            cell.data_type = "s"
            cell.font = computed_font if column.computed else header_font
            cell.fill = computed_fill if column.computed else header_fill
            cell.border = header_border
            cell.alignment = header_align
            if column.computed:
                cell.comment = Comment(column.help, "QMS Desk", width=260, height=90)
            letter = column_letter(col)
            # The first rows are enough to size a column, and much quicker than all of them.
            values = (row[col - 1] for row in sheet.rows[:_WIDTH_SAMPLE])
            ws.column_dimensions[letter].width = _fitted_width(column, values)
            if column.kind == ColumnKind.DATE:
                ws.column_dimensions[letter].number_format = date_format
            rows_ref = f"{letter}2:{letter}{_EXCEL_LAST_ROW}"
            if column.choices and not column.computed:
                listed = ",".join(column.choices)
                dv = DataValidation(
                    type="list",
                    formula1=f'"{listed}"',
                    allow_blank=True,
                    showErrorMessage=True,
                    errorStyle="warning",
                    errorTitle=column.header,
                    error=f"Choose one of: {', '.join(column.choices)}.",
                )
                dv.add(rows_ref)
                ws.add_data_validation(dv)
            elif column.whole_range is not None and not column.computed:
                low, high = column.whole_range
                dv = DataValidation(
                    type="whole",
                    operator="between",
                    formula1=str(low),
                    formula2=str(high),
                    allow_blank=True,
                    showErrorMessage=True,
                    errorStyle="warning",
                    errorTitle=column.header,
                    error=f"Write a whole number from {low} to {high}.",
                )
                dv.add(rows_ref)
                ws.add_data_validation(dv)
        ws.row_dimensions[1].height = 30
        ws.freeze_panes = f"{column_letter(spec.frozen_columns + 1)}2"
        ws.auto_filter.ref = f"A1:{column_letter(len(spec.columns))}{last_row}"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        # A throwaway cell registers the date style; its id is what the data rows refer to.
        probe = ws.cell(row=2, column=1)
        probe.number_format = date_format
        date_style = probe.style_id
        ws.delete_rows(2)
    if readme is not None:
        _write_readme(book, readme, [s.spec for s in sheets])
    for ws in book.worksheets:
        _page_header(ws, readme.company if readme is not None else "")
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book.save(buffer)
    return buffer.getvalue(), date_style


def _write_readme(book: Any, readme: Readme, specs: Sequence[SheetSpec]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = book.create_sheet("Read me")
    widths = {"A": 28, "B": 10, "C": 72}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    # A merged, wrapped line does not grow by itself: give it the height its text needs.
    chars_per_line = int(sum(widths.values()) * 0.95)
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 1

    def put(col: int, text: str, font: Any = None, fill: Any = None) -> None:
        cell = ws.cell(row=row, column=col)
        cell.value = text
        cell.data_type = "s"  # a company name or a label must never become a formula
        if font is None or fill is not None:
            cell.alignment = wrap  # titles stay on one line, running into the empty cells
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill

    def paragraph(text: str) -> None:
        put(1, text)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        ws.row_dimensions[row].height = 15 * (len(text) // chars_per_line + 1)

    put(1, readme.title, Font(bold=True, size=14))
    row += 2
    for line in readme.lines:
        paragraph(line)
        row += 1
    for title, lines in readme.sections:
        row += 1
        put(1, title, Font(bold=True, size=12))
        row += 1
        for line in lines:
            paragraph(line)
            row += 1
    bold = Font(bold=True)
    grey = PatternFill("solid", fgColor=_COMPUTED_FILL)
    for spec in specs:
        row += 1
        put(1, f"Columns of the sheet '{spec.name}'", Font(bold=True, size=12))
        row += 1
        put(1, "Column", bold, grey)
        put(2, "Required", bold, grey)
        put(3, "What to write", bold, grey)
        row += 1
        for column in spec.columns:
            put(1, column.header)
            put(2, "-" if column.computed else "yes" if column.required else "")
            put(3, column.help)
            ws.row_dimensions[row].height = 15 * (len(column.help) // int(widths["C"] * 0.9) + 1)
            row += 1
    ws.sheet_view.showGridLines = False
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _page_header(ws: Any, company: str) -> None:
    """What a colleague printing the sheet from Excel or LibreOffice sees on every page: the
    company and the sheet's name above, the page number and the print date below."""
    header, footer = ws.oddHeader, ws.oddFooter
    if company:
        header.left.text = company.replace("&", "&&")
    header.right.text = "&A"  # the sheet's name
    header.left.size = header.right.size = 9
    footer.left.text = "QMS Desk — uncontrolled when printed"
    footer.right.text = "Page &P of &N · printed &D"
    footer.left.size = footer.right.size = 8
    ws.page_margins.top = ws.page_margins.bottom = 0.7


def write_workbook(
    path: Path,
    sheets: Sequence[SheetData],
    readme: Readme | None = None,
    progress: Progress | None = None,
    custom: Sequence[CustomSheet] = (),
) -> None:
    """Write the sheets (custom sheets first, a read-me sheet last) to `path`, atomically."""
    total = sum(len(s.rows) for s in sheets)
    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    frame, date_style = _frame(sheets, readme, custom)
    path = Path(path)
    with gc_paused(), zipfile.ZipFile(io.BytesIO(frame)) as source:
        parts = sheet_parts(source)
        by_part = {parts[s.spec.name]: s for s in sheets}
        custom_parts = {parts[c.name]: c for c in custom}
        # Beside the target, so that the final rename is atomic; opened by name so that the
        # file gets the usual permissions (a mkstemp file would be readable by its owner only).
        temp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.partial")
        try:
            raw_file = temp.open("xb")
        except OSError as exc:
            raise QmsError(f"Cannot write in the folder {path.parent}: {os_reason(exc)}.") from exc
        try:
            with (
                raw_file as raw,
                zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
            ):
                for info in source.infolist():
                    data = source.read(info.filename)
                    sheet = by_part.get(info.filename)
                    if info.filename in custom_parts:
                        other = custom_parts[info.filename]
                        _write_custom_part(target, info.filename, data, other, tick)
                        continue
                    if sheet is None:
                        target.writestr(info.filename, data)
                        continue
                    _write_sheet_part(target, info.filename, data, sheet, date_style, tick)
            os.replace(temp, path)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise QmsError(
                f"Cannot write {path.name}: {os_reason(exc)}. If the file is open in Excel, "
                "close it and try again."
            ) from exc
        except BaseException:
            temp.unlink(missing_ok=True)
            raise


def _write_sheet_part(
    target: zipfile.ZipFile,
    name: str,
    frame_xml: bytes,
    sheet: SheetData,
    date_style: int,
    tick: Callable[[int], None],
) -> None:
    text = frame_xml.decode("utf-8")
    end = text.rindex("</sheetData>")
    head, tail = text[:end], text[end:]
    last = column_letter(len(sheet.spec.columns))
    head = re.sub(
        r'<dimension ref="[^"]*"\s*/>',
        f'<dimension ref="A1:{last}{len(sheet.rows) + 1}"/>',
        head,
        count=1,
    )
    with target.open(name, "w", force_zip64=True) as out:
        out.write(head.encode("utf-8"))
        for chunk in _rows_xml(sheet.rows, sheet.spec, date_style, 2, tick):
            out.write(chunk.encode("utf-8", "surrogatepass"))
        out.write(tail.encode("utf-8"))


def _write_custom_part(
    target: zipfile.ZipFile,
    name: str,
    frame_xml: bytes,
    sheet: CustomSheet,
    tick: Callable[[int], None],
) -> None:
    text = re.sub(r"<sheetData\s*/>", "<sheetData></sheetData>", frame_xml.decode("utf-8"))
    end = text.rindex("</sheetData>")
    head, tail = text[:end], text[end:]
    head = re.sub(
        r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{sheet.dimension()}"/>', head, count=1
    )
    with target.open(name, "w", force_zip64=True) as out:
        out.write(head.encode("utf-8"))
        for chunk in sheet.rows_xml(tick):
            out.write(chunk.encode("utf-8", "surrogatepass"))
        out.write(tail.encode("utf-8"))
