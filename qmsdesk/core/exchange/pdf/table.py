"""Long tables for the reports: :class:`DataTable` does what reportlab's LongTable(repeatRows=1)
does (the header row again at the top of each page) at a fraction of the cost: text is wrapped
once per distinct value with the font's glyph widths (no Paragraph per cell), row heights are
known beforehand so a page break is a binary search, and each page's text goes out in one PDF
text object."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
)

from qmsdesk.core.exchange.pdf.text import (
    FONT_CONDENSED,
    FONT_CONDENSED_BOLD,
    HAIRLINE,
    HEADER_FILL,
    INK,
    RULE,
    ZEBRA_FILL,
    Bold,
    register_fonts,
    text_width,
    wrap_text,
)


@dataclass(frozen=True)
class Column:
    """A column of a :func:`data_table`: its header, its share of the frame's width (the shares
    of a table add up to 1 or less), and how its text aligns ("LEFT", "CENTER" or "RIGHT")."""

    header: str
    width: float
    align: str = "LEFT"


Cell: TypeAlias = "str | Flowable | None"

_PAD_X = 3.0
_PAD_Y = 2.2
_UNBOUNDED = 0xFFFFF  # KeepTogether measures its content with 0xFFFFFFF points to spare
_KEEP_ROWS = 3
_ESCAPE_ASCII = str.maketrans({"\\": "\\\\", "(": "\\(", ")": "\\)"})


class _TextCache:
    """Text already encoded for one PDF: TrueType text goes out as bytes of font subsets, which
    reportlab works out character by character; owners, dates and statuses repeat on every page,
    so each distinct text is encoded once."""

    def __init__(self, canvas: Canvas) -> None:
        self.doc = canvas._doc
        self.escape = canvas._escape
        self.runs: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
        self.subset_names: dict[tuple[str, int], str] = {}
        self.ascii_subset: dict[str, str | None] = {}  # by font: its subset 0, if ASCII-readable

    @staticmethod
    def of(canvas: Canvas) -> _TextCache:
        cache = getattr(canvas, "_qms_text_cache", None)
        if cache is None or cache.doc is not canvas._doc:
            cache = _TextCache(canvas)
            canvas._qms_text_cache = cache
        return cache

    def runs_of(self, font_name: str, text: str) -> tuple[tuple[str, str], ...]:
        """(PDF font name of the subset, escaped bytes) for each run of `text`."""
        key = (font_name, text)
        runs = self.runs.get(key)
        if runs is None:
            ascii_subset = self._ascii_subset(font_name)
            if ascii_subset is not None and text.isascii() and text.isprintable():
                # ASCII sits in subset 0 at its own codes (reportlab's "ASCII readable" subsets).
                runs = ((ascii_subset, text.translate(_ESCAPE_ASCII)),)
            else:
                font = pdfmetrics.getFont(font_name)
                runs = tuple(
                    (self.subset(font, subset), self.escape(data))
                    for subset, data in font.splitString(text, self.doc)
                )
            self.runs[key] = runs
        return runs

    def _ascii_subset(self, font_name: str) -> str | None:
        if font_name not in self.ascii_subset:
            font = pdfmetrics.getFont(font_name)
            readable = getattr(font, "_asciiReadable", False)
            self.ascii_subset[font_name] = self.subset(font, 0) if readable else None
        return self.ascii_subset[font_name]

    def subset(self, font: TTFont, subset: int) -> str:
        key = (font.fontName, subset)
        name = self.subset_names.get(key)
        if name is None:
            name = self.subset_names[key] = font.getSubsetInternalName(subset, self.doc)
        return name


class _FlowCell:
    """A flowable in a cell, with its height at the column's width."""

    __slots__ = ("flowable", "height")

    def __init__(self, flowable: Flowable, height: float) -> None:
        self.flowable = flowable
        self.height = height


class _Row:
    """A prepared row: its cells, each None, (font, lines) or a :class:`_FlowCell`, and its
    height."""

    __slots__ = ("cells", "height", "joined")

    def __init__(self, cells: list[Any], height: float) -> None:
        self.cells = cells
        self.height = height
        self.joined = False  # the row's text goes on in the next row (no rule between them)


class DataTable(Flowable):
    """A long table whose header row is repeated at the top of every page it runs onto.

    Row heights are known when it is built, so a page break costs a binary search, and each page
    draws its text in one PDF text object. (reportlab's LongTable re-creates and re-measures the
    whole rest of the table at every page break: about 11 s for 10,000 rows, against well under
    one here.) Build it with :func:`data_table`.
    """

    def __init__(
        self,
        widths: list[float],
        aligns: list[str],
        header: _Row,
        rows: list[_Row],
        fills: list[colors.Color | None],
        font_size: float,
        leading: float,
        start: int = 0,
        end: int | None = None,
        tops: list[float] | None = None,
    ) -> None:
        super().__init__()
        self.widths = widths
        self.aligns = aligns
        self.header = header
        self.rows = rows
        self.fills = fills
        self.font_size = font_size
        self.leading = leading
        self.start = start
        self.end = len(rows) if end is None else end
        if tops is None:  # tops[i]: height of rows[:i]
            tops = [0.0]
            for row in rows:
                tops.append(tops[-1] + row.height)
        self.tops = tops
        self.width = sum(widths)
        self.height = self._height_of(self.start, self.end)
        self.hAlign = "LEFT"

    def _height_of(self, start: int, end: int) -> float:
        return self.header.height + self.tops[end] - self.tops[start]

    def _part(self, start: int, end: int) -> DataTable:
        return DataTable(
            self.widths,
            self.aligns,
            self.header,
            self.rows,
            self.fills,
            self.font_size,
            self.leading,
            start,
            end,
            self.tops,
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availHeight >= _UNBOUNDED and self.end - self.start > _KEEP_ROWS:
            # Measured by a KeepTogether, which is what a heading's keepWithNext makes: keep the
            # heading with the first rows only. With the whole table, reportlab would move the
            # heading and the table to a new page, and leave the rest of this one blank.
            return self.width, self._height_of(self.start, self.start + _KEEP_ROWS)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = self.tops[self.start] + availHeight - self.header.height + 1e-6
        fit = bisect.bisect_right(self.tops, room, self.start, self.end + 1) - 1
        if fit <= self.start:
            return []  # not even one row: the frame moves on to the next page
        if fit >= self.end:
            return [self]
        return [self._part(self.start, fit), self._part(fit, self.end)]

    def draw(self) -> None:
        canvas = self.canv
        rows = [self.header, *self.rows[self.start : self.end]]
        fills = [HEADER_FILL, *self.fills[self.start : self.end]]
        positions = []  # top of each row, from the top of the table down
        y = self.height
        for row in rows:
            positions.append(y)
            y -= row.height
        lefts = [0.0]
        for w in self.widths:
            lefts.append(lefts[-1] + w)
        width = self.width

        # Rectangles and rules go straight into the page's content (reportlab's rect() and
        # line() format every number through a slow general routine).
        code = canvas._code
        canvas.saveState()
        current = None
        for top, row, fill in zip(positions, rows, fills, strict=True):
            if fill is not None:
                if fill is not current:
                    canvas.setFillColor(fill)
                    current = fill
                code.append(f"0 {top - row.height:.2f} {width:.2f} {row.height:.2f} re f")
        canvas.setStrokeColor(HAIRLINE)
        canvas.setLineWidth(0.25)
        last = rows[-1]
        for top, row in zip(positions[1:], rows[1:], strict=True):
            if not row.joined or row is last:
                code.append(f"0 {top - row.height:.2f} m {width:.2f} {top - row.height:.2f} l")
        code.append("S")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.8)
        canvas.line(0, self.height - self.header.height, width, self.height - self.header.height)

        cache = _TextCache.of(canvas)
        canvas.setFillColor(INK)
        code.append("BT")
        size, leading = self.font_size, self.leading
        tf = f" {size:g} Tf"
        font_now = ""
        flowing: list[tuple[Flowable, float, float]] = []
        for top, row in zip(positions, rows, strict=True):
            baseline0 = top - _PAD_Y - size
            for j, cell in enumerate(row.cells):
                if cell is None:
                    continue
                if isinstance(cell, tuple):
                    font, lines = cell
                    align = self.aligns[j]
                    y = baseline0
                    for line in lines:
                        if align == "LEFT":
                            x = lefts[j] + _PAD_X
                        else:
                            w = text_width(line, font, size)
                            if align == "RIGHT":
                                x = lefts[j + 1] - _PAD_X - w
                            else:
                                x = (lefts[j] + lefts[j + 1] - w) / 2
                        code.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
                        for subset_font, data in cache.runs_of(font, line):
                            if subset_font != font_now:
                                code.append(subset_font + tf)
                                font_now = subset_font
                            code.append(f"({data}) Tj")
                        y -= leading
                else:
                    flowing.append((cell.flowable, lefts[j] + _PAD_X, top - _PAD_Y - cell.height))
        code.append("ET")
        canvas.restoreState()
        for flowable, x, y in flowing:
            flowable.drawOn(canvas, x, y)


def data_table(
    columns: Sequence[Column],
    rows: Iterable[Sequence[Cell]],
    frame_width: float,
    *,
    row_fills: Sequence[colors.Color | None] | None = None,
    zebra: bool = True,
    font_size: float = 7.5,
    leading: float | None = None,
    row_lines: int = 24,
) -> DataTable:
    """A long table: the header row (bold, shaded) repeated on every page, zebra rows, text
    wrapped to the column widths.

    Cells are plain text (wrapped here; a :class:`Bold` text prints in bold), None (empty), or a
    flowable such as a Paragraph (for rich text; costlier, and it cannot run over a page
    break). `row_fills` gives a background per row (None: the zebra stripe or nothing); use it
    with a word in the row, never alone. A row whose text takes more than `row_lines` lines goes
    on below, on the next page if need be, so that no text is ever cut off.
    """
    register_fonts()
    leading = leading or round(font_size * 1.23, 2)
    widths = [frame_width * c.width for c in columns]
    inner = [w - 2 * _PAD_X for w in widths]
    padding = 2 * _PAD_Y
    regular, bold = FONT_CONDENSED, FONT_CONDENSED_BOLD
    # Owners, types, dates... repeat: wrap each distinct text once.
    wrapped: dict[tuple[str, int, str], tuple[str, list[str]]] = {}

    def text_cell(font: str, j: int, text: str) -> tuple[str, list[str]]:
        key = (font, j, text)
        cell = wrapped.get(key)
        if cell is None:
            cell = wrapped[key] = (font, wrap_text(text, font, font_size, inner[j]))
        return cell

    header_cells = [text_cell(bold, j, c.header) for j, c in enumerate(columns)]
    header = _Row(header_cells, max(len(c[1]) for c in header_cells) * leading + padding)
    given = list(row_fills) if row_fills is not None else []
    prepared: list[_Row] = []
    fills: list[colors.Color | None] = []
    ncols = len(columns)
    for i, row in enumerate(rows):
        cells: list[Any] = []
        lines = 1
        height = 0.0
        for j in range(ncols):
            value = row[j]
            if value is None or value == "":
                cells.append(None)
            elif isinstance(value, str):
                cell = text_cell(bold if type(value) is Bold else regular, j, value)
                if len(cell[1]) > lines:
                    lines = len(cell[1])
                cells.append(cell)
            else:
                _w, h = value.wrap(inner[j], 10_000)
                height = max(height, h)
                cells.append(_FlowCell(value, h))
        fill = given[i] if i < len(given) else None
        if fill is None and zebra and i % 2 == 1:
            fill = ZEBRA_FILL
        if lines <= row_lines:
            prepared.append(_Row(cells, max(lines * leading, height) + padding))
            fills.append(fill)
            continue
        for part in range(0, lines, row_lines):
            chunk = [
                (c[0], c[1][part : part + row_lines]) if isinstance(c, tuple) else c for c in cells
            ]
            chunk = [None if isinstance(c, tuple) and not c[1] else c for c in chunk]
            if part:
                chunk = [c if isinstance(c, tuple) else None for c in chunk]
            shown = min(row_lines, lines - part)
            tall = height if not part else 0.0
            piece = _Row(chunk, max(shown * leading, tall) + padding)
            piece.joined = part + row_lines < lines
            prepared.append(piece)
            fills.append(fill)
    return DataTable(
        widths, [c.align for c in columns], header, prepared, fills, font_size, leading
    )
