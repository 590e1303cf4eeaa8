"""Excel workbooks for every register: styled sheets written fast, read back checked, imported.

A register describes its sheets with :class:`SheetSpec` (columns, headers, drop-down lists) and
gives a :class:`SheetImporter` for each sheet it can read. This module does the rest, the same way
for every register:

* **Writing.** openpyxl builds the workbook's frame (styles, header row, frozen panes, autofilter,
  column widths, drop-down lists, print set-up, the read-me sheet); the data rows are then written
  straight into each sheet's XML. openpyxl's own writer costs about 20 µs a cell, which makes a
  10,000-document register take ten seconds; the direct rows cost about 1 µs a cell. Every text goes
  out as an inline string, which Excel never treats as a formula, whatever its first character.
* **Reading.** python-calamine (Rust) reads cell values about twenty times faster than openpyxl's
  read-only mode. It does not say which cells hold formulas or errors, so the sheet's XML is scanned
  for them (a plain byte search; the cells are located only when there is something to find).
  The declared size of a sheet is checked before it is read.
* **Planning.** :func:`plan_import` recognises sheets by name, lets each register's importer check
  its rows through the core's own rules and returns an :class:`ImportPlan` that writes nothing
  until :meth:`ImportPlan.apply` does it all in one transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import importlib
import io
import os
import posixpath
import re
import uuid
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from qmsdesk.core.errors import Problem, QmsError
from qmsdesk.core.text import normalise_header

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

Progress = Callable[[int, int], None]

#: A sheet larger than this is refused before it is read (rows, then columns).
MAX_ROWS = 100_000
MAX_COLUMNS = 200
#: Modules that give the sheets each register can import (a list ``SHEET_IMPORTERS`` in each).
#: A later register adds its module here.
SHEET_MODULES: tuple[str, ...] = (
    "qmsdesk.core.exchange.documents_xlsx",
    "qmsdesk.core.exchange.training_xlsx",
    "qmsdesk.core.exchange.audits_xlsx",
    "qmsdesk.core.exchange.reviews_xlsx",
)
#: Sheets a workbook of ours holds besides data; they are passed over without a note.
INFO_SHEETS = frozenset(
    {
        "read me",
        "readme",
        "instructions",
        "help",
        "training matrix",
        "matrix",
        "legend",
        "training due",
    }
    | {"review details", "review inputs", "review decisions", "management reviews"}
)

DATE_FORMAT = "yyyy-mm-dd"
_EXCEL_LAST_ROW = 1_048_576
_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()  # serials from 1 March 1900 on


class ColumnKind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"  # text from a list (a drop-down in Excel)
    DATE = "date"
    NUMBER = "number"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: how it is written and how its header is recognised."""

    key: str
    header: str
    kind: ColumnKind = ColumnKind.TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()  # the drop-down list (CHOICE)
    whole_range: tuple[int, int] | None = None  # whole numbers from..to (NUMBER)
    computed: bool = False  # written for information, never read back
    width: float | None = None  # None: fitted to the header and the data
    help: str = ""  # what to write, for the read-me sheet


@dataclass(frozen=True)
class SheetSpec:
    """A sheet as QMS Desk writes it and recognises it."""

    name: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    frozen_columns: int = 1  # columns kept in view when scrolling right (the key)

    def matches(self, sheet_name: str) -> bool:
        wanted = {normalise_header(n) for n in (self.name, *self.aliases)}
        return normalise_header(sheet_name) in wanted

    def header_lookup(self) -> dict[str, Column]:
        lookup: dict[str, Column] = {}
        for column in self.columns:
            for name in (column.header, *column.aliases):
                lookup.setdefault(normalise_header(name), column)
        return lookup

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a workbook's worth of objects is built.

    Reading 40,000 rows makes about a million objects (lists, strings, dates), none of them in a
    reference cycle, and every full collection meanwhile walks them all: measured, 0.9 s of a 2.1 s
    import. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- writing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetData:
    """A sheet to write: its spec and its rows (one value per column, in the spec's order).

    Values: str, int, float, dt.date, or None for an empty cell. A DATE column also takes an ISO
    date string (as SQLite gives it), which saves converting each one twice.
    """

    spec: SheetSpec
    rows: Sequence[Sequence[object]]


class CustomSheet(Protocol):
    """A sheet that is not a table of columns (the training matrix's coloured grid).

    It sets up its frame on the openpyxl worksheet (header row, widths, panes, and the cell styles
    it needs, whose ids it keeps), then gives its other rows as ``<row>`` XML, written straight
    into the sheet as the tables' rows are. Custom sheets come first in the workbook.
    """

    name: str

    def frame(self, ws: Any) -> None: ...

    def dimension(self) -> str:
        """The sheet's full range, such as A1:KZ2003."""
        ...

    def rows_xml(self, tick: Callable[[int], None]) -> Iterator[str]: ...


@dataclass(frozen=True)
class Readme:
    """The read-me sheet: a title, a few lines, then one table of columns per data sheet."""

    title: str
    lines: Sequence[str] = ()
    sections: Sequence[tuple[str, Sequence[str]]] = ()


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


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


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
                day = value.date() if cls is datetime_type else value  # type: ignore[union-attr]
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
            size = len(value)  # type: ignore[arg-type]
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
    date_style = 0
    for index, other in enumerate(custom):
        ws = book.active if index == 0 else book.create_sheet()
        ws.title = other.name
        other.frame(ws)
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
                ws.column_dimensions[letter].number_format = DATE_FORMAT
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
        ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
        # A throwaway cell registers the date style; its id is what the data rows refer to.
        probe = ws.cell(row=2, column=1)
        probe.number_format = DATE_FORMAT
        date_style = probe.style_id
        ws.delete_rows(2)
    if readme is not None:
        _write_readme(book, readme, [s.spec for s in sheets])
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
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]


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
            raise QmsError(f"Cannot write in the folder {path.parent}: {_reason(exc)}.") from exc
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
                f"Cannot write {path.name}: {_reason(exc)}. If the file is open in Excel, "
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


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).rstrip(".").lower()


# --- reading ---------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part) for `part`."""
    from defusedxml import ElementTree

    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    try:
        root = ElementTree.fromstring(zf.read(rels_name))
    except KeyError:
        return {}
    found = {}
    for rel in root:
        if _local(rel.tag) != "Relationship" or rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id", "")] = (rel.get("Type", ""), resolved)
    return found


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member that holds its XML, in workbook order."""
    from defusedxml import ElementTree

    workbook_part = next(
        (t for kind, t in _rels(zf, "").values() if kind.endswith("/officeDocument")),
        "xl/workbook.xml",
    )
    root = ElementTree.fromstring(zf.read(workbook_part))
    rels = _rels(zf, workbook_part)
    parts = {}
    for element in root.iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = next(
            (v for k, v in element.attrib.items() if k.startswith("{") and _local(k) == "id"), ""
        )
        if rel_id in rels and rels[rel_id][0].endswith("/worksheet"):
            parts[element.get("name", "")] = rels[rel_id][1]
    return parts


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref\s*=\s*["\']([A-Z]*)(\d*)(?::([A-Z]+)(\d+))?')
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData[\s>/]")
# Byte strings that a formula cell (<f>, <x:f>) or an error cell (<v>#REF!</v>) has in the sheet's
# data. They end with a rare byte, so a plain search costs about a millisecond a megabyte; a false
# alarm (such as a text "#1" written as an inline string) only makes the cells be searched one by
# one.
_SUSPECTS = (b"<f", b":f", b">#")
_FORMULA_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f[\s>/]")
_ERROR_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*\bt\s*=\s*[\"']e[\"'][^>]*)>")
_CELL_REF = re.compile(rb"\br\s*=\s*[\"']([A-Z]+)(\d+)[\"']")
_CHUNK = 1 << 20


def _column_index(letters: bytes | str) -> int:
    """'A' -> 1, 'AA' -> 27."""
    index = 0
    for ch in letters if isinstance(letters, str) else letters.decode("ascii"):
        index = index * 26 + ord(ch) - 64
    return index


@dataclass
class _Scan:
    """What a byte scan of a sheet's XML finds before the sheet is read."""

    rows: int | None = None  # declared, or counted when not declared
    columns: int | None = None
    suspicious: bool = False  # it may hold formula or error cells


def _dimension(data: bytes, scan: _Scan) -> None:
    """Read the declared size (<dimension ref="A1:P10001"/>) from the head of a sheet's XML."""
    start = _SHEET_DATA.search(data)
    found = _DIMENSION.search(data, 0, start.start() if start else len(data))
    if found is not None and found.group(3):
        scan.rows, scan.columns = int(found.group(4)), _column_index(found.group(3))
    elif found is not None and found.group(1) and found.group(2):
        scan.rows, scan.columns = int(found.group(2)), _column_index(found.group(1))
    if scan.rows == 1 and scan.columns == 1:
        scan.rows = scan.columns = None  # "A1": some writers never set it


def _declared(zf: zipfile.ZipFile, part: str) -> _Scan:
    scan = _Scan()
    with zf.open(part) as stream:
        _dimension(stream.read(1 << 16), scan)
    return scan


def _scan_part(zf: zipfile.ZipFile, part: str) -> _Scan:
    """The declared size, rows counted if none is declared (up to the limit), formula suspicion,
    and the grid the cells' positions span when they could make calamine build a huge one."""
    scan = _Scan()
    counted = 0
    carry = b""
    head_done = False
    unusual = False  # a position far out, or a cell without one: counted exactly below
    with zf.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            data = carry + chunk
            if not head_done and (_SHEET_DATA.search(data) or len(data) > 4 * _CHUNK):
                head_done = True
                _dimension(data, scan)
                if _too_big(scan):
                    return scan
            if head_done and scan.rows is None:
                counted += chunk.count(b"<row") + chunk.count(b":row")
                if counted > MAX_ROWS:
                    scan.rows = counted
                    return scan
            end = _data_end(data)
            if not scan.suspicious and any(data.find(s, 0, end) >= 0 for s in _SUSPECTS):
                scan.suspicious = True
            # Whole tags only: the piece ends before the last "<", which the next one starts with.
            cut = data.rfind(b"<", 0, end) if end == len(data) else end
            cut = cut if cut > 0 else end
            unusual = unusual or _unusual_positions(data[:cut])
            if end < len(data):
                break  # past the cells: what follows (drop-down lists...) may say "<formula1>"
            carry = data[cut:]
    if unusual:  # the grid the cells' positions make, before calamine builds it
        rows, columns = _grid(zf, part)
        scan.rows = max(scan.rows or 0, rows)
        scan.columns = max(scan.columns or 0, columns)
    return scan


# python-calamine builds a dense grid from A1 to the last cell, and when it cannot allocate it, it
# aborts the whole process: a workbook of a few hundred bytes with one cell at XFD1048576 asks for
# 500 GB. So the cells' positions are bounded before a sheet is read. The quick test runs on the
# XML with capitals folded to A, digits to 0 and tag ends to spaces: a cell without a position of
# one letter and digits (column AA on, lower case, none...) or a number of six digits (row
# 100,000 on) sends the sheet to :func:`_grid`. Sheets as Excel, LibreOffice and openpyxl write
# them (up to column Z) pass the quick test.
_FOLD = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'/>:\t\r\n",
    b"A" * 26 + b"0" * 10 + b'"  <   ',
)
_POSITION = re.compile(rb"""\sr\s*=\s*["']\s*([A-Za-z]*)(\d*)""")


def _unusual_positions(data: bytes) -> bool:
    folded = data.translate(_FOLD)
    return folded.count(b"<c ") != folded.count(b'<c r="A0') or folded.find(b'000000"') >= 0


def _grid(zf: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """At least the rows and columns calamine's grid for a sheet will have (a row or a cell without
    a position goes after the one before it); it stops once past the limits."""
    rows = columns = loose_rows = widest = 0
    carry = b""
    with zf.open(part) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            data = carry + chunk
            folded = data.translate(_FOLD)
            cut = folded.rfind(b"<row") if chunk else len(data)  # whole rows, to count their cells
            cut = cut if cut > 0 else len(data)
            piece, carry = folded[:cut], data[cut:]
            letters, digits = set(), set()
            for column, row in _POSITION.findall(data, 0, cut):
                letters.add(column.upper())
                digits.add(row)
            # Eight digits or four letters are past any limit already: no need to read more.
            rows = max(rows, max((int(d[:8]) for d in digits if d), default=0))
            columns = max(columns, max((_column_index(c[:4]) for c in letters if c), default=0))
            loose_rows += piece.count(b"<row ") - piece.count(b'<row r="')
            if piece.count(b"<c ") != piece.count(b'<c r="'):
                widest = max(widest, max(r.count(b"<c ") for r in piece.split(b"<row ")))
            if not chunk or rows + loose_rows > MAX_ROWS + 1 or columns + widest > MAX_COLUMNS:
                return rows + loose_rows, columns + widest


def _data_end(data: bytes) -> int:
    """Where the sheet's cells end in this piece of its XML (its length if they go on)."""
    at = data.rfind(b"sheetData")
    if at > 0:
        lt = data.rfind(b"<", 0, at)
        if data[lt + 1 : lt + 2] == b"/" or data[at + 9 : at + 11] == b"/>":
            return lt
    return len(data)


def _too_big(scan: _Scan) -> bool:
    return (scan.rows or 0) > MAX_ROWS or (scan.columns or 0) > MAX_COLUMNS


def _locate_marks(
    zf: zipfile.ZipFile, part: str, path: Path, sheet: str
) -> dict[tuple[int, int], str]:
    """(row, column) -> 'formula' or 'error', for every such cell of the sheet (1-based)."""
    data = zf.read(part)
    marks: dict[tuple[int, int], str] = {}
    for kind, pattern in (("formula", _FORMULA_CELL), ("error", _ERROR_CELL)):
        for match in pattern.finditer(data):
            ref = _CELL_REF.search(match.group(1))
            if ref is None:
                return _locate_marks_slowly(path, sheet)
            marks.setdefault((int(ref.group(2)), _column_index(ref.group(1))), kind)
    return marks


def _locate_marks_slowly(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """The same, for a sheet whose cells do not say where they are: openpyxl counts them."""
    from openpyxl import load_workbook

    marks: dict[tuple[int, int], str] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(path, read_only=True, data_only=False)
        try:
            for row in book[sheet].iter_rows():
                for cell in row:
                    kind = getattr(cell, "data_type", None)
                    if kind in ("f", "e"):
                        marks[(cell.row, cell.column)] = "formula" if kind == "f" else "error"
        finally:
            book.close()
    return marks


@dataclass(frozen=True)
class MatchedColumn:
    column: Column
    index: int  # 0-based position in the sheet
    written: str  # the header as the user wrote it


@dataclass(slots=True)
class TableRow:
    number: int  # as Excel shows it
    values: dict[str, object]  # column key -> cell value ("" when empty); only matched columns
    bad: set[str] = field(default_factory=set)  # keys whose cell was refused already


@dataclass
class SheetTable:
    """A sheet read and matched to a spec: its rows with one value per matched column."""

    sheet: str  # the name as in the workbook
    spec: SheetSpec
    header_row: int
    matched: dict[str, MatchedColumn]
    rows: list[TableRow]
    unknown: list[str] = field(default_factory=list)  # headers that match no column

    def has(self, key: str) -> bool:
        return key in self.matched

    def header(self, key: str) -> str:
        """The header as the user wrote it, or the one QMS Desk writes when the column is absent."""
        found = self.matched.get(key)
        return found.written if found else self.spec.column(key).header

    def problem(self, row: int | None, key: str | None, message: str) -> Problem:
        return Problem(self.sheet, row, self.header(key) if key else None, message)


_FORMULA_MESSAGE = (
    "This cell holds a formula. QMS Desk reads values, not formulas: type the value itself "
    "(or copy the column and paste it back as values)."
)
_ERROR_MESSAGE = "This cell shows an error (such as #REF! or #N/A); type the value instead."


class WorkbookReader:
    """An opened .xlsx file: its sheet names, and each sheet read on request.

    :meth:`prefetch` starts reading sheets in background threads: zlib and python-calamine work
    without holding the GIL, so the next sheet is read while the one before it is checked.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._zip = _open_zip(self.path)
        try:
            self.parts = sheet_parts(self._zip)
            members = set(self._zip.namelist())
            if any(part not in members for part in self.parts.values()):
                raise KeyError("a sheet's part is missing")
        except Exception as exc:
            self._zip.close()
            raise _not_a_workbook(self.path) from exc
        self._loading: dict[str, Future[tuple[_Scan, list[list[Any]] | None]]] = {}
        self._pool: ThreadPoolExecutor | None = None

    @property
    def sheet_names(self) -> list[str]:
        return list(self.parts)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._zip.close()

    def __enter__(self) -> WorkbookReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def declared_rows(self, sheet: str) -> int:
        """The number of rows the sheet says it has (0 when it does not say)."""
        return _declared(self._zip, self.parts[sheet]).rows or 0

    def prefetch(self, sheets: Iterable[str]) -> None:
        """Start scanning and reading these sheets in the background, two at a time."""
        for sheet in sheets:
            if sheet in self._loading:
                continue
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="xlsx")
            self._loading[sheet] = self._pool.submit(self._load, sheet)

    def _load(self, sheet: str) -> tuple[_Scan, list[list[Any]] | None]:
        """Scan a sheet's XML, then read its values if it is not too large to read."""
        with zipfile.ZipFile(self.path) as zf:  # a handle of its own: this runs in a thread
            scan = _scan_part(zf, self.parts[sheet])
        if _too_big(scan):
            return scan, None
        return scan, self._values(sheet)

    def _values(self, sheet: str) -> list[list[Any]]:
        import python_calamine

        try:
            # One workbook object per call: a calamine workbook cannot be shared between threads.
            with python_calamine.CalamineWorkbook.from_path(str(self.path)) as book:
                return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except python_calamine.CalamineError as exc:
            raise QmsError(
                f"The sheet '{sheet}' of {self.path.name} cannot be read ({exc}). Open the file in "
                "Excel, save it again as an Excel Workbook (.xlsx) and retry."
            ) from exc

    def read(self, sheet: str, spec: SheetSpec) -> tuple[SheetTable | None, list[Problem]]:
        """Read one sheet; None when it cannot be imported at all (the problems say why)."""
        self.prefetch([sheet])
        scan, values = self._loading.pop(sheet).result()
        if values is None:
            return None, [
                Problem(
                    sheet,
                    None,
                    None,
                    f"This sheet is too large to import ({scan.rows or '?'} rows by "
                    f"{scan.columns or '?'} columns; at most {MAX_ROWS:,} rows and {MAX_COLUMNS} "
                    "columns are read). If most of it is empty, delete the unused rows and columns "
                    "in Excel and save again.",
                )
            ]
        width = max((len(r) for r in values[:50]), default=0)
        if len(values) > MAX_ROWS + 1 or width > MAX_COLUMNS:
            return None, [
                Problem(
                    sheet,
                    None,
                    None,
                    f"This sheet is too large to import ({len(values)} rows by {width} columns; "
                    f"at most {MAX_ROWS:,} rows and {MAX_COLUMNS} columns are read).",
                )
            ]
        marks = {}
        if scan.suspicious:
            marks = _locate_marks(self._zip, self.parts[sheet], self.path, sheet)
        return _match_table(sheet, spec, values, marks)


def _open_zip(path: Path) -> zipfile.ZipFile:
    if not path.exists():
        raise QmsError(f"There is no file at {path}.")
    if path.is_dir():
        raise QmsError(f"{path} is a folder, not an Excel workbook.")
    try:
        with path.open("rb") as handle:
            magic = handle.read(8)
    except OSError as exc:
        raise QmsError(f"Cannot read {path.name}: {_reason(exc)}.") from exc
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise QmsError(
            f"{path.name} is an older Excel file (.xls) or a workbook protected by a password. "
            "Open it in Excel and save it as an Excel Workbook (.xlsx) without a password."
        )
    if not magic.startswith(b"PK"):
        raise _not_a_workbook(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _not_a_workbook(path) from exc
    names = set(zf.namelist())
    if "mimetype" in names and b"opendocument" in zf.read("mimetype"):
        zf.close()
        raise QmsError(
            f"{path.name} is an OpenDocument spreadsheet. Save it as an Excel Workbook (.xlsx) "
            "first (File > Save As in LibreOffice)."
        )
    if not any(n.startswith("xl/") for n in names):
        zf.close()
        raise _not_a_workbook(path)
    return zf


def _not_a_workbook(path: Path) -> QmsError:
    return QmsError(
        f"{path.name} is not an Excel workbook (.xlsx), or it is damaged. Export a workbook or a "
        "template from QMS Desk, or save your file in Excel as an Excel Workbook (.xlsx)."
    )


def _is_empty(value: object) -> bool:
    return value == "" or value is None or (value.__class__ is str and not value.strip())  # type: ignore[attr-defined]


def _find_header(
    values: list[list[Any]], lookup: Mapping[str, Column]
) -> tuple[int, list[Any]] | None:
    """The header row: the first of the first 20 rows naming two known columns (else the first
    row with anything in it)."""
    first: tuple[int, list[Any]] | None = None
    for index, row in enumerate(values[:20]):
        if all(_is_empty(v) for v in row):
            continue
        if first is None:
            first = (index, row)
        known = sum(1 for v in row if isinstance(v, str) and normalise_header(v) in lookup)
        if known >= 2:
            return index, row
    return first


def _text_value(value: object) -> object:
    """A cell as text for a text column; a non-text cell type gives a problem message instead."""
    cls = value.__class__
    if cls is float:
        number: float = value  # type: ignore[assignment]
        return str(int(number)) if number.is_integer() else repr(number)
    if cls is int:
        return str(value)
    if cls is bool:
        raise ValueError(
            f"This cell holds {'TRUE' if value else 'FALSE'} (a yes/no value); "
            "type the text instead."
        )
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        raise ValueError(
            "This cell holds a date or a time, but the column takes text. Format the cell as "
            "Text in Excel and type the value again."
        )
    return str(value)


def _match_table(
    sheet: str,
    spec: SheetSpec,
    values: list[list[Any]],
    marks: Mapping[tuple[int, int], str],
) -> tuple[SheetTable | None, list[Problem]]:
    lookup = spec.header_lookup()
    problems: list[Problem] = []
    found = _find_header(values, lookup)
    if found is None:
        required = ", ".join(c.header for c in spec.columns if c.required)
        return None, [
            Problem(sheet, None, None, f"This sheet is empty. It needs a header row ({required}).")
        ]
    header_index, header = found
    header_number = header_index + 1
    matched: dict[str, MatchedColumn] = {}
    unknown: list[str] = []
    for index, raw in enumerate(header):
        if (header_number, index + 1) in marks:
            problems.append(
                Problem(sheet, header_number, column_letter(index + 1), _FORMULA_MESSAGE)
            )
            continue
        if _is_empty(raw):
            continue
        written = str(raw).strip()
        column = lookup.get(normalise_header(written))
        if column is None:
            unknown.append(written)
            continue
        if column.key in matched:
            other = matched[column.key]
            problems.append(
                Problem(
                    sheet,
                    header_number,
                    written,
                    f"Two columns give the {column.header.lower()}: '{other.written}' (column "
                    f"{column_letter(other.index + 1)}) and '{written}' (column "
                    f"{column_letter(index + 1)}). Keep one of them.",
                )
            )
            continue
        matched[column.key] = MatchedColumn(column, index, written)
    for column in spec.columns:
        if column.required and column.key not in matched:
            problems.append(
                Problem(
                    sheet,
                    header_number,
                    column.header,
                    f"The column '{column.header}' is missing; it is required. Name a column "
                    f"'{column.header}' in the header row (row {header_number}).",
                )
            )
    if problems:
        return None, problems
    readable = [m for m in matched.values() if not m.column.computed]
    rows = _table_rows(sheet, readable, values[header_index + 1 :], header_number + 1, marks)
    problems.extend(rows[1])
    return SheetTable(sheet, spec, header_number, matched, rows[0], unknown), problems


def _table_rows(
    sheet: str,
    readable: Sequence[MatchedColumn],
    values: Sequence[Sequence[Any]],
    first_number: int,
    marks: Mapping[tuple[int, int], str],
) -> tuple[list[TableRow], list[Problem]]:
    """The non-empty rows, one value per column, with the problems of cells of the wrong kind.

    This runs for every cell of an import, so the common case (a text where a text is expected)
    is kept to a class check.
    """
    problems: list[Problem] = []
    keys = [m.column.key for m in readable]
    indexes = [m.index for m in readable]
    needed = max(indexes, default=-1) + 1
    text_kinds = (ColumnKind.TEXT, ColumnKind.CHOICE)
    text_at = [j for j, m in enumerate(readable) if m.column.kind in text_kinds]
    other_at = [j for j, m in enumerate(readable) if m.column.kind not in text_kinds]
    marked_rows = {r for r, _c in marks}
    rows: list[TableRow] = []
    for number, row in enumerate(values, first_number):
        if len(row) < needed:
            row = [*row, *([""] * (needed - len(row)))]  # pad a short row
        cells = [row[i] for i in indexes]
        marked = number in marked_rows
        if not marked:
            for v in cells:
                if v != "" and (v.__class__ is not str or v.strip()):
                    break
            else:
                continue  # an empty row: skipped, and the rows after it are still read
        bad: set[str] = set()
        if marked:
            for j, m in enumerate(readable):
                mark = marks.get((number, m.index + 1))
                if mark is not None:
                    message = _FORMULA_MESSAGE if mark == "formula" else _ERROR_MESSAGE
                    problems.append(Problem(sheet, number, m.written, message))
                    bad.add(keys[j])
                    cells[j] = ""
        for j in text_at:
            value = cells[j]
            if value.__class__ is not str:
                try:
                    cells[j] = _text_value(value)
                except ValueError as exc:
                    problems.append(Problem(sheet, number, readable[j].written, str(exc)))
                    bad.add(keys[j])
                    cells[j] = ""
        for j in other_at:
            if cells[j].__class__ is bool:
                message = "This cell holds TRUE or FALSE, not a value."
                problems.append(Problem(sheet, number, readable[j].written, message))
                bad.add(keys[j])
                cells[j] = ""
        rows.append(TableRow(number, dict(zip(keys, cells, strict=True)), bad))
    return rows, problems


# --- planning --------------------------------------------------------------------------------


class Action(StrEnum):
    ADD = "add"
    CHANGE = "change"
    UNCHANGED = "unchanged"


# Named tuples rather than dataclasses: an import of 40,000 rows builds one or more of each per row,
# and a tuple is built five times faster.
class FieldChange(NamedTuple):
    """A field an import sets: its label, the value before ("" for a new record) and after."""

    field: str
    old: str
    new: str


class PlanItem(NamedTuple):
    """One row of a sheet and what importing it does."""

    action: Action
    key: str  # what the user knows the record by (a document code, "QP-07-01 rev. C")
    row: int  # the sheet row
    changes: tuple[FieldChange, ...] = ()


Apply = Callable[["Session", str], None]


@dataclass
class SheetPlan:
    """What importing one sheet does; `apply` writes it in the session it is given."""

    sheet: str  # the sheet's name in the workbook
    title: str  # what it holds, e.g. "Documents"
    items: list[PlanItem] = field(default_factory=list)
    apply: Apply | None = None

    def count(self, action: Action) -> int:
        return sum(1 for item in self.items if item.action == action)

    def summary_line(self) -> str:
        add, change = self.count(Action.ADD), self.count(Action.CHANGE)
        same = self.count(Action.UNCHANGED)
        return f"{self.title}: {add} to add, {change} to change, {same} unchanged"


class PlanContext:
    """What the sheets of one import share while they are planned (e.g. the codes on a sheet)."""

    def __init__(self, tick: Callable[[int], None]) -> None:
        self.shared: dict[str, Any] = {}
        self.tick = tick
        # Sheets (by spec name) that are in the workbook but could not be read: other sheets that
        # refer to them leave those references unchecked rather than report each one.
        self.unreadable: set[str] = set()


class SheetImporter(Protocol):
    """A register's reader for one kind of sheet. Importers run in `order`, lowest first."""

    spec: SheetSpec
    order: int

    def existing(self, session: Session) -> Any:
        """What the company file holds that the rows will be compared with.

        It is read while the workbook is still being read in the background.
        """

    def plan(
        self, session: Session, table: SheetTable, context: PlanContext, existing: Any
    ) -> tuple[SheetPlan, list[Problem]]:
        """Check every row and say what importing it does; write nothing."""


def sheet_importers() -> list[SheetImporter]:
    found: list[SheetImporter] = []
    for module_name in SHEET_MODULES:
        found.extend(importlib.import_module(module_name).SHEET_IMPORTERS)
    return sorted(found, key=lambda imp: imp.order)


@dataclass
class ImportPlan:
    """What importing a workbook would do. Nothing is written until :meth:`apply`."""

    path: Path
    db_path: Path
    problems: list[Problem] = field(default_factory=list)
    sheets: list[SheetPlan] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _applied: bool = False

    def summary_lines(self) -> list[str]:
        lines = [sheet.summary_line() for sheet in self.sheets]
        return lines + self.notes

    @property
    def has_changes(self) -> bool:
        return any(item.action != Action.UNCHANGED for sheet in self.sheets for item in sheet.items)

    def apply(self, db: Database, user: str) -> None:
        """Write every sheet in one transaction; refuse a plan that has problems."""
        if self.problems:
            raise QmsError(
                f"{self.path.name} has {len(self.problems)} problem(s); nothing was imported. "
                "Correct them in the workbook and import it again."
            )
        if self._applied:
            raise QmsError(f"{self.path.name} has been imported already.")
        if Path(db.path).resolve() != self.db_path.resolve():
            raise QmsError("This import was checked against another company file; check it again.")
        # The plan's rows are still alive while the writes build as many again: the collector
        # would walk them all, over and over (measured: a third of the time of writing 10,000 new
        # documents).
        with gc_paused(), db.write() as session:
            for sheet in self.sheets:
                if sheet.apply is not None:
                    sheet.apply(session, user)
        self._applied = True


def plan_import(db: Database, path: Path, progress: Progress | None = None) -> ImportPlan:
    """Read a workbook, recognise its sheets and say what importing it would do (writes nothing).

    Raises QmsError when the file cannot be read as a workbook at all; everything wrong inside it
    is a :class:`Problem` of the plan, located by sheet, row and column.
    """
    with gc_paused():
        return _plan_import(db, Path(path), progress)


def _plan_import(db: Database, path: Path, progress: Progress | None) -> ImportPlan:
    plan = ImportPlan(path=path, db_path=Path(db.path))
    importers = sheet_importers()
    with WorkbookReader(path) as reader:
        chosen: list[tuple[SheetImporter, str]] = []
        for sheet in reader.sheet_names:
            importer = next((imp for imp in importers if imp.spec.matches(sheet)), None)
            if importer is None:
                if normalise_header(sheet) not in INFO_SHEETS:
                    plan.notes.append(f"Sheet '{sheet}' was not read: QMS Desk does not know it.")
                continue
            if any(imp is importer for imp, _ in chosen):
                other = next(s for imp, s in chosen if imp is importer)
                plan.problems.append(
                    Problem(
                        sheet,
                        None,
                        None,
                        f"This sheet and the sheet '{other}' both hold "
                        f"{importer.spec.name.lower()}; keep one of them.",
                    )
                )
                continue
            chosen.append((importer, sheet))
        if not chosen:
            names = ", ".join(f"'{n}'" for n in reader.sheet_names) or "none"
            known = ", ".join(f"'{imp.spec.name}'" for imp in importers)
            plan.problems.append(
                Problem(
                    reader.sheet_names[0] if reader.sheet_names else path.name,
                    None,
                    None,
                    f"No sheet of this workbook holds anything QMS Desk can import (its sheets: "
                    f"{names}). Sheets are recognised by name: {known}. Rename your sheet, or "
                    "start from a template exported by QMS Desk.",
                )
            )
            return plan
        chosen.sort(key=lambda pair: pair[0].order)
        reader.prefetch(sheet for _, sheet in chosen)
        total = sum(max(0, reader.declared_rows(sheet) - 1) for _, sheet in chosen)
        done = 0

        def tick(count: int) -> None:
            nonlocal done
            done += count
            if progress is not None:
                progress(min(done, total), total)

        if progress is not None:
            progress(0, total)
        context = PlanContext(tick)
        with db.read() as session:
            existing = [importer.existing(session) for importer, _ in chosen]
            for (importer, sheet), held in zip(chosen, existing, strict=True):
                table, problems = reader.read(sheet, importer.spec)
                plan.problems.extend(problems)
                if table is None:
                    context.unreadable.add(importer.spec.name)
                    continue
                plan.notes.extend(_unread_notes(sheet, table))
                sheet_plan, problems = importer.plan(session, table, context, held)
                plan.sheets.append(sheet_plan)
                plan.problems.extend(problems)
    order = {name: i for i, name in enumerate(reader.sheet_names)}
    plan.problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0))
    return plan


def _unread_notes(sheet: str, table: SheetTable) -> list[str]:
    notes = []
    if table.unknown:
        notes.append(
            f"Sheet '{sheet}': column(s) {', '.join(repr(c) for c in table.unknown)} not read "
            "(QMS Desk has no such field)."
        )
    return notes
