"""Any spreadsheet a company keeps, read as it is: .xlsx and .xlsm through the guarded workbook
reader, .ods through python-calamine, .csv in UTF-8 (with or without a byte-order mark) or
Windows-1252, separated by commas, semicolons or tabs.

A :class:`Source` gives the sheet names and, for each sheet, its cells as written (rows of
values) with the cells that hold formulas or errors; nothing is matched to a register here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qmsdesk.core.errors import Problem, QmsError
from qmsdesk.core.exchange.workbook.read import WorkbookReader
from qmsdesk.core.exchange.workbook.spec import MAX_COLUMNS, MAX_ROWS, os_reason

#: The file kinds the import reads, as a file dialog's filter shows them.
SUFFIXES = (".xlsx", ".xlsm", ".ods", ".csv")
MAX_CSV_BYTES = 256 << 20


@dataclass
class RawSheet:
    """One sheet as written: rows of cell values ("" when empty)."""

    name: str
    values: list[list[Any]]
    marks: dict[tuple[int, int], str] = field(default_factory=dict)  # formula / error cells
    odd_text: bool = False
    hidden: bool = False
    problems: list[Problem] = field(default_factory=list)  # why it cannot be read (too large)


class Source:
    """An opened spreadsheet file; use it as a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._reader: WorkbookReader | None = None
        self._sheets: dict[str, RawSheet] = {}
        suffix = self.path.suffix.lower()
        if not self.path.exists():
            raise QmsError(f"There is no file at {self.path}.")
        if suffix == ".csv":
            self._sheets[self.path.stem] = _read_csv(self.path)
            self.sheet_names = [self.path.stem]
        elif suffix == ".ods":
            self.sheet_names = _ods_names(self.path)
        elif suffix in (".xlsx", ".xlsm", ""):
            self._reader = WorkbookReader(self.path)
            self.sheet_names = self._reader.sheet_names
        else:
            raise QmsError(
                f"{self.path.name} is not a spreadsheet QMS Desk reads: open an Excel workbook "
                "(.xlsx, .xlsm), an OpenDocument spreadsheet (.ods) or a CSV file (.csv)."
            )

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()

    def prefetch(self, sheets: list[str]) -> None:
        if self._reader is not None:
            self._reader.prefetch(s for s in sheets if s not in self._sheets)

    def sheet(self, name: str) -> RawSheet:
        """The sheet's cells (read once, then kept)."""
        if name not in self.sheet_names:
            known = ", ".join(f"'{n}'" for n in self.sheet_names)
            raise QmsError(f"{self.path.name} has no sheet '{name}' (its sheets: {known}).")
        if name not in self._sheets:
            if self._reader is not None:
                cells, problems = self._reader.cells(name)
                if cells is None:
                    raw = RawSheet(name, [], problems=problems)
                else:
                    values, marks, odd = cells
                    raw = RawSheet(name, values, marks, odd, name in self._reader.hidden)
            else:
                raw = _read_ods_sheet(self.path, name)
            self._sheets[name] = raw
        return self._sheets[name]


def _too_large(name: str, rows: int, width: int) -> list[Problem]:
    if rows > MAX_ROWS + 1 or width > MAX_COLUMNS:
        return [
            Problem(
                name,
                None,
                None,
                f"This sheet is too large to import ({rows} rows by {width} columns; at most "
                f"{MAX_ROWS:,} rows and {MAX_COLUMNS} columns are read).",
            )
        ]
    return []


def _ods_names(path: Path) -> list[str]:
    import python_calamine

    try:
        with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
            return list(book.sheet_names)
    except (python_calamine.CalamineError, OSError, ValueError) as exc:
        raise QmsError(
            f"{path.name} is not an OpenDocument spreadsheet, or it is damaged ({exc})."
        ) from exc


def _read_ods_sheet(path: Path, name: str) -> RawSheet:
    import python_calamine

    try:
        with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
            values = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except (python_calamine.CalamineError, OSError, ValueError) as exc:
        raise QmsError(f"The sheet '{name}' of {path.name} cannot be read ({exc}).") from exc
    width = max((len(r) for r in values[:50]), default=0)
    problems = _too_large(name, len(values), width)
    return RawSheet(name, [] if problems else values, problems=problems)


def decode_csv(data: bytes, name: str) -> str:
    """The text of a CSV file: UTF-8 with or without a byte-order mark, UTF-16 with one, else
    Windows-1252 (what Excel on Windows writes as "CSV"); refused when it is none of them."""
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            failed = exc
            continue
        if "\x00" in text:
            raise QmsError(
                f"{name} holds binary data (or text in an encoding other than UTF-8 and "
                "Windows-1252), not a CSV QMS Desk can read. Save it again as 'CSV UTF-8' in "
                "Excel, or as an Excel workbook."
            )
        return text
    raise QmsError(
        f"{name} is not text QMS Desk can read: it is neither UTF-8 nor Windows-1252 "
        f"(byte {failed.start + 1} cannot be read). Save it again as 'CSV UTF-8' in Excel, or "
        "as an Excel workbook."
    ) from failed


def _read_csv(path: Path) -> RawSheet:
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise QmsError(f"{path.name} is too large to import ({size / 1e6:.0f} MB).")
        data = path.read_bytes()
    except OSError as exc:
        raise QmsError(f"Cannot read {path.name}: {os_reason(exc)}.") from exc
    text = decode_csv(data, path.name)
    sample = text[:65536]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        # One column, or nothing to tell the separators apart: the most frequent one wins.
        counts = {sep: sample.count(sep) for sep in ",;\t"}
        dialect = csv.excel
        best = max(counts, key=lambda sep: counts[sep])
        if counts[best]:
            dialect = type("Sniffed", (csv.excel,), {"delimiter": best})
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:
        raise QmsError(f"{path.name} cannot be read as CSV: {exc}.") from exc
    width = max((len(r) for r in rows), default=0)
    name = path.stem
    problems = _too_large(name, len(rows), width)
    return RawSheet(name, [] if problems else rows, problems=problems)
