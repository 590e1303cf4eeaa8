"""Reading workbooks with care: the guarded reader.

python-calamine (Rust) reads cell values about twenty times faster than openpyxl's read-only mode.
It does not say which cells hold formulas or errors, so the sheet's XML is scanned for them (a
plain byte search; the cells are located only when there is something to find). The declared size
of a sheet is checked before it is read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import posixpath
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qmsdesk.core.errors import Problem, QmsError
from qmsdesk.core.exchange.workbook.spec import (
    MAX_COLUMNS,
    MAX_ROWS,
    Column,
    ColumnKind,
    SheetSpec,
    column_letter,
    os_reason,
)
from qmsdesk.core.exchange.workbook.unpack import (
    check_sizes,
    could_be_larger,
    not_a_workbook,
    unpacked,
)
from qmsdesk.core.text import normalise_header

if TYPE_CHECKING:
    pass


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


def sheet_parts(zf: zipfile.ZipFile, hidden: set[str] | None = None) -> dict[str, str]:
    """Sheet name -> the zip member that holds its XML, in workbook order (the names of hidden
    sheets are added to `hidden`)."""
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
            if hidden is not None and element.get("state", "visible") != "visible":
                hidden.add(element.get("name", ""))
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
    odd_text: bool = False  # it may hold U+FFFE or U+FFFF (as UTF-8, or written as &#...;)


def _row_number(digits: bytes) -> int:
    """A row number as calamine reads it: leading zeros do not count ("A0001048576" is row
    1,048,576), and nine digits are past any limit already (no int() of a thousand digits)."""
    return int(digits.lstrip(b"0")[:9] or b"0")


def _dimension(data: bytes, scan: _Scan) -> None:
    """Read the declared size (<dimension ref="A1:P10001"/>) from the head of a sheet's XML."""
    start = _SHEET_DATA.search(data)
    found = _DIMENSION.search(data, 0, start.start() if start else len(data))
    if found is not None and found.group(3):
        scan.rows, scan.columns = _row_number(found.group(4)), _column_index(found.group(3)[:4])
    elif found is not None and found.group(1) and found.group(2):
        scan.rows, scan.columns = _row_number(found.group(2)), _column_index(found.group(1)[:4])
    if scan.rows == 1 and scan.columns == 1:
        scan.rows = scan.columns = None  # "A1": some writers never set it


def _declared(zf: zipfile.ZipFile, part: str) -> _Scan:
    scan = _Scan()
    info = zf.getinfo(part)
    if zf.filename is not None and could_be_larger(info):
        pieces = unpacked(Path(zf.filename), info)
        head = next(pieces, b"")[: 1 << 16]
        pieces.close()
    else:
        with zf.open(info) as stream:
            head = stream.read(1 << 16)
    _dimension(head, scan)
    return scan


def _stream(zf: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """A sheet's XML a piece at a time, its real size counted (see :func:`unpack.unpacked`)."""
    info = zf.getinfo(part)
    if zf.filename is not None and could_be_larger(info):
        yield from unpacked(Path(zf.filename), info)
        return
    with zf.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            yield chunk


# U+FFFE and U+FFFF are not characters: XML may not hold them, so an export would write U+FFFD in
# their place and the file would no longer import as it was. python-calamine reads them all the
# same; a byte search (in UTF-8, or a character reference) says when the cells must be looked at.
_NOT_CHARACTERS = ("\ufffe", "\uffff")
_ODD_BYTES = (b"\xef\xbf\xbe", b"\xef\xbf\xbf", b"&#")


def _odd_text(data: bytes) -> bool:
    return any(odd in data for odd in _ODD_BYTES)


def _not_characters_message(value: str) -> str | None:
    found = [f"U+{ord(c):04X}" for c in _NOT_CHARACTERS if c in value]
    if not found:
        return None
    return (
        f"This cell holds {' and '.join(found)}, which {'is' if len(found) == 1 else 'are'} not "
        "a character (it cannot be saved in an Excel workbook). Delete it from the cell."
    )


def _scan_part(zf: zipfile.ZipFile, part: str) -> _Scan:
    """The declared size, rows counted if none is declared (up to the limit), formula suspicion,
    and the grid the cells' positions span when they could make calamine build a huge one."""
    scan = _Scan()
    counted = 0
    carry = b""
    head_done = False
    unusual = False  # a position far out, or a cell without one: counted exactly below
    pieces = _stream(zf, part)
    for chunk in pieces:
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
        scan.odd_text = scan.odd_text or _odd_text(data)
        # Whole tags only: the piece ends before the last "<", which the next one starts with.
        cut = data.rfind(b"<", 0, end) if end == len(data) else end
        cut = cut if cut > 0 else end
        unusual = unusual or _unusual_positions(data[:cut])
        if end < len(data):
            break  # past the cells: what follows (drop-down lists...) may say "<formula1>"
        carry = data[cut:]
    for _rest in pieces:  # what follows the cells is unpacked too: its real size counts
        pass
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
            # Four letters are past any limit already: no need to read more.
            rows = max(rows, max((_row_number(d) for d in digits), default=0))
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
    hidden: bool = False  # the sheet is hidden in the workbook: the plan says it was read

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
            #: Sheets hidden in the workbook (Excel's Hide, or "very hidden" by a macro).
            self.hidden: set[str] = set()
            self.parts = sheet_parts(self._zip, self.hidden)
            self._odd_strings = any(
                _odd_text(self._zip.read(name))
                for name in self._zip.namelist()
                if name.lower().endswith("sharedstrings.xml")
            )
            members = set(self._zip.namelist())
            if any(part not in members for part in self.parts.values()):
                raise KeyError("a sheet's part is missing")
        except Exception as exc:
            self._zip.close()
            raise not_a_workbook(self.path) from exc
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
        with self._damage_said():
            return _declared(self._zip, self.parts[sheet]).rows or 0

    @contextlib.contextmanager
    def _damage_said(self) -> Iterator[None]:
        """A part that does not unpack (its checksum is wrong...) is a damaged workbook."""
        try:
            yield
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise not_a_workbook(self.path) from exc

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
        # A handle of its own: this runs in a thread.
        with self._damage_said(), zipfile.ZipFile(self.path) as zf:
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
        cells, problems = self.cells(sheet)
        if cells is None:
            return None, problems
        values, marks, odd_text = cells
        table, problems = _match_table(sheet, spec, values, marks, odd_text)
        if table is not None:
            table.hidden = sheet in self.hidden
        return table, problems

    def cells(
        self, sheet: str
    ) -> tuple[tuple[list[list[Any]], dict[tuple[int, int], str], bool] | None, list[Problem]]:
        """A sheet's values as they are (rows of cells), the cells holding formulas or errors by
        (row, column) from 1, and whether text cells may hold non-characters; None (and the
        problem) when the sheet is too large to read. The column mapping reads sheets this way."""
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
        marks: dict[tuple[int, int], str] = {}
        if scan.suspicious:
            with self._damage_said():
                marks = dict(_locate_marks(self._zip, self.parts[sheet], self.path, sheet))
        return (values, marks, scan.odd_text or self._odd_strings), []


def _open_zip(path: Path) -> zipfile.ZipFile:
    if not path.exists():
        raise QmsError(f"There is no file at {path}.")
    if path.is_dir():
        raise QmsError(f"{path} is a folder, not an Excel workbook.")
    try:
        with path.open("rb") as handle:
            magic = handle.read(8)
    except OSError as exc:
        raise QmsError(f"Cannot read {path.name}: {os_reason(exc)}.") from exc
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise QmsError(
            f"{path.name} is an older Excel file (.xls) or a workbook protected by a password. "
            "Open it in Excel and save it as an Excel Workbook (.xlsx) without a password."
        )
    if not magic.startswith(b"PK"):
        raise not_a_workbook(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise not_a_workbook(path) from exc
    try:
        check_sizes(path, zf)
    except QmsError:
        zf.close()
        raise
    names = set(zf.namelist())
    if "mimetype" in names and b"opendocument" in zf.read("mimetype"):
        zf.close()
        raise QmsError(
            f"{path.name} is an OpenDocument spreadsheet. Save it as an Excel Workbook (.xlsx) "
            "first (File > Save As in LibreOffice)."
        )
    if not any(n.startswith("xl/") for n in names):
        zf.close()
        raise not_a_workbook(path)
    return zf


def _is_empty(value: object) -> bool:
    return value == "" or value is None or (value.__class__ is str and not value.strip())


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
    odd_text: bool = False,
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
    rows = _table_rows(
        sheet, readable, values[header_index + 1 :], header_number + 1, marks, odd_text
    )
    problems.extend(rows[1])
    return SheetTable(sheet, spec, header_number, matched, rows[0], unknown), problems


def _table_rows(
    sheet: str,
    readable: Sequence[MatchedColumn],
    values: Sequence[Sequence[Any]],
    first_number: int,
    marks: Mapping[tuple[int, int], str],
    odd_text: bool = False,
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
        if odd_text:  # the sheet may hold U+FFFE or U+FFFF: each text cell is looked at
            for j, value in enumerate(cells):
                odd = _not_characters_message(value) if value.__class__ is str else None
                if odd is not None:
                    problems.append(Problem(sheet, number, readable[j].written, odd))
                    bad.add(keys[j])
                    cells[j] = ""
        rows.append(TableRow(number, dict(zip(keys, cells, strict=True)), bad))
    return rows, problems
