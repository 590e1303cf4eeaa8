"""The report template every QMS Desk PDF uses (reportlab platypus).

A report is a :class:`Report` (page size, title, optional subtitle, the company's name and logo)
and a story of flowables built with the helpers here: :func:`heading`, :func:`paragraph`,
:func:`key_values` and :func:`data_table`. Every page gets the same header (logo, company name,
report title and subtitle) and footer (print date and time, "Uncontrolled when printed", the app's
name and version, "Page N of M"). DejaVu Sans is bundled and registered, so that every name prints
(Łukasz Żółć, Ørsted), not only Latin-1. :meth:`Report.build` writes to a temporary file beside
the target and renames it into place, so a failed run never leaves half a file behind.

Long tables are the costly part of a report. :func:`data_table` builds a :class:`DataTable`,
which does what reportlab's LongTable(repeatRows=1) does (the header row again at the top of each
page) at a fraction of the cost: text is wrapped once per distinct value with the font's glyph
widths (no Paragraph per cell), row heights are known beforehand so a page break is a binary
search, and each page's text goes out in one PDF text object. Paragraphs and other flowables
remain welcome in cells where rich text is wanted.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import functools
import io
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import repeat
from pathlib import Path
from typing import Any, TypeAlias
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from qmsdesk import APP_NAME, __version__, paths
from qmsdesk.core.errors import QmsError

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

# --- fonts -----------------------------------------------------------------------------------

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_CONDENSED = "DejaVuSansCondensed"
FONT_CONDENSED_BOLD = "DejaVuSansCondensed-Bold"

_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_CONDENSED: "DejaVuSansCondensed.ttf",
    FONT_CONDENSED_BOLD: "DejaVuSansCondensed-Bold.ttf",
}


@functools.cache
def register_fonts() -> None:
    """Register the bundled DejaVu fonts once, as two families (so `<b>` and `<i>` work)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file in _FONT_FILES.items():
        if name not in registered:
            path = paths.resource("fonts", file)
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except (OSError, ValueError) as exc:
                raise QmsError(
                    f"The report font {file} is missing or damaged ({path}). Reinstall QMS Desk."
                ) from exc
    # No bold oblique is bundled: bold stands in for it.
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )
    pdfmetrics.registerFontFamily(
        FONT_CONDENSED,
        normal=FONT_CONDENSED,
        bold=FONT_CONDENSED_BOLD,
        italic=FONT_ITALIC,
        boldItalic=FONT_CONDENSED_BOLD,
    )


# --- colours and styles ----------------------------------------------------------------------

INK = colors.HexColor("#1a1a1a")
MUTED_HEX = "#5a6270"  # for <font color=...> in Paragraph markup
MUTED = colors.HexColor(MUTED_HEX)
ACCENT = colors.HexColor("#1f4e78")
RULE = colors.HexColor("#9aa5b1")
HAIRLINE = colors.HexColor("#d3d9e0")
HEADER_FILL = colors.HexColor("#dce4ee")
ZEBRA_FILL = colors.HexColor("#f4f6f8")
# Tints for rows that need attention. Always paired with a word in the row: never colour alone.
ALERT_FILL = colors.HexColor("#fbe0dc")
WARN_FILL = colors.HexColor("#fdf0cc")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_header: ParagraphStyle


@functools.cache
def styles() -> Styles:
    register_fonts()
    base = ParagraphStyle(
        "qms-body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK, alignment=TA_LEFT
    )

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(f"qms-{name}", parent=base, **kw)

    return Styles(
        title=style("title", fontName=FONT_BOLD, fontSize=16, leading=20, textColor=ACCENT),
        subtitle=style("subtitle", fontSize=11, leading=14, textColor=MUTED, spaceAfter=6),
        heading1=style(
            "heading1",
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        heading2=style(
            "heading2",
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        body=style("body2", spaceAfter=4),
        small=style("small", fontSize=8.5, leading=11, spaceAfter=3),
        muted=style("muted", fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=3),
        label=style("label", fontName=FONT_BOLD, fontSize=9, leading=12, textColor=MUTED),
        cell=style("cell", fontName=FONT_CONDENSED, fontSize=7.5, leading=9.2),
        cell_header=style("cell-header", fontName=FONT_CONDENSED_BOLD, fontSize=7.5, leading=9.2),
    )


# --- text ------------------------------------------------------------------------------------


def markup(text: str) -> str:
    """A user's text as Paragraph markup: `&`, `<` and `>` escaped, line breaks kept."""
    return escape(text.replace("\r\n", "\n")).replace("\n", "<br/>")


class Bold(str):
    """Text a :func:`data_table` cell shows in bold (a marker such as OVERDUE)."""

    __slots__ = ()


@functools.cache
def _widths(font: str) -> tuple[Callable[[int, int], int], int]:
    register_fonts()
    face = pdfmetrics.getFont(font).face
    return face.charWidths.get, face.defaultWidth


def _units(text: str, get: Callable[[int, int], int], default: int) -> int:
    """Width of `text` in glyph units (thousandths of the font size)."""
    return sum(map(get, map(ord, text), repeat(default)))


def text_width(text: str, font: str, size: float) -> float:
    """Width of `text` in points, as drawn in `font` at `size`."""
    get, default = _widths(font)
    return 0.001 * size * _units(text, get, default)


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Break `text` into lines no wider than `width` points: at spaces, or inside a word that is
    longer than a line. Line breaks in the text are kept."""
    get, default = _widths(font)
    limit = width * 1000.0 / size  # in glyph units: no scaling in the loops
    if "\n" not in text and "\t" not in text and _units(text, get, default) <= limit:
        return [text]
    space = get(32, default)
    lines: list[str] = []
    for part in text.replace("\r\n", "\n").replace("\t", " ").split("\n"):
        if _units(part, get, default) <= limit:
            lines.append(part)
            continue
        line: list[str] = []
        used = 0.0
        for word in part.split(" "):
            w = _units(word, get, default)
            if line and used + space + w <= limit:
                line.append(word)
                used += space + w
                continue
            if line:
                lines.append(" ".join(line))
                line, used = [], 0.0
            if w <= limit:
                line, used = [word], w
                continue
            # A word longer than a line (a path, a long code): break it between characters.
            piece, piece_w = "", 0.0
            for c in word:
                cw = get(ord(c), default)
                if piece and piece_w + cw > limit:
                    lines.append(piece)
                    piece, piece_w = "", 0.0
                piece += c
                piece_w += cw
            line, used = [piece], piece_w
        lines.append(" ".join(line))
    return lines


def shorten(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis so that it fits `width` points on one line."""
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


# --- flowables -------------------------------------------------------------------------------


def paragraph(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A user's text as a paragraph (escaped, line breaks kept)."""
    return Paragraph(markup(text), style or styles().body)


def rich(markup_text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph from markup the caller built (escape user text in it with :func:`markup`)."""
    return Paragraph(markup_text, style or styles().body)


def heading(text: str, level: int = 1) -> Paragraph:
    st = styles()
    return Paragraph(markup(text), st.heading1 if level <= 1 else st.heading2)


def spacer(height: float = 6) -> Spacer:
    return Spacer(1, height)


def key_values(
    pairs: Sequence[tuple[str, str | Flowable]],
    frame_width: float,
    *,
    key_fraction: float = 0.25,
) -> Table:
    """A block of labelled values (a label column and a value column), e.g. an audit's details.

    Values given as text are escaped; give a flowable for rich content."""
    st = styles()
    data = [
        [
            Paragraph(markup(key), st.label),
            value if isinstance(value, Flowable) else Paragraph(markup(value), st.body),
        ]
        for key, value in pairs
    ]
    table = Table(
        data,
        colWidths=[frame_width * key_fraction, frame_width * (1 - key_fraction)],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


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


# --- pages -----------------------------------------------------------------------------------


class PageSize(Enum):
    A4_PORTRAIT = A4
    A4_LANDSCAPE = landscape(A4)
    A3_LANDSCAPE = landscape(A3)


_MARGIN_X = 12 * mm
_HEADER_TOP = 20.0  # from the top edge to the top of the header, in points
_LOGO_HEIGHT = 34.0  # at most (12 mm)
_LOGO_WIDTH = 45 * mm  # at most
_TITLE_SIZE = 13.0
_SUBTITLE_SIZE = 8.0
_HEADER_GAP = 9.0  # between the header's rule and the body
_FOOTER_BASELINE = 7 * mm
_FOOTER_RULE = 10.5 * mm
_BODY_BOTTOM = 14 * mm


def print_stamp(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M")


def _logo(data: bytes | None) -> ImageReader | None:
    if not data:
        return None
    try:
        image = ImageReader(io.BytesIO(data))
        width, height = image.getSize()
        if width <= 0 or height <= 0:
            return None
        return image
    except Exception:  # a damaged logo must not stop a report
        log.warning("The company logo could not be read; the report is printed without it.")
        return None


@dataclass(frozen=True)
class _Header:
    """Where the header's parts go, worked out once per report (the same on every page)."""

    logo_size: tuple[float, float]  # (0, 0) without a logo
    company: str
    company_x: float
    title: str
    title_size: float
    subtitle: list[str]
    height: float  # from the top of the header to its rule


class Report:
    """A report's pages: size, header and footer. Build a story with the helpers of this module,
    then :meth:`build` it into a file."""

    def __init__(
        self,
        *,
        title: str,
        subtitle: str = "",
        company: str = "",
        logo: bytes | None = None,
        page_size: PageSize = PageSize.A4_PORTRAIT,
        printed: dt.datetime | None = None,
    ) -> None:
        register_fonts()
        self.title = title
        self.subtitle = subtitle
        self.company = company
        self.page_size = page_size
        self.printed = printed or dt.datetime.now()
        self._logo = _logo(logo)
        width, height = page_size.value
        self.page_width, self.page_height = width, height
        self.margin_x = _MARGIN_X
        self._header = self._layout_header()
        self.body_top = height - _HEADER_TOP - self._header.height - _HEADER_GAP
        self.body_bottom = _BODY_BOTTOM

    @property
    def frame_width(self) -> float:
        return self.page_width - 2 * self.margin_x

    @property
    def frame_height(self) -> float:
        return self.body_top - self.body_bottom

    # --- header and footer, drawn when the page count is known

    def _layout_header(self) -> _Header:
        left, right = self.margin_x, self.page_width - self.margin_x
        logo_w = logo_h = 0.0
        if self._logo is not None:
            iw, ih = self._logo.getSize()
            logo_h = _LOGO_HEIGHT
            logo_w = logo_h * iw / ih
            if logo_w > _LOGO_WIDTH:  # a wide logo: fit the width instead
                logo_w, logo_h = _LOGO_WIDTH, _LOGO_WIDTH * ih / iw
        x = left + (logo_w + 8 if logo_w else 0)
        company = shorten(self.company, FONT_BOLD, 10.5, (right - x) * 0.45) if self.company else ""
        room = right - x - text_width(company, FONT_BOLD, 10.5) - 18
        size = _TITLE_SIZE
        while size > 9 and text_width(self.title, FONT_BOLD, size) > room:
            size -= 0.5
        title = shorten(self.title, FONT_BOLD, size, room)
        lines = wrap_text(self.subtitle, FONT, _SUBTITLE_SIZE, room) if self.subtitle else []
        if len(lines) > 2:
            lines = [lines[0], shorten(" ".join(lines[1:]), FONT, _SUBTITLE_SIZE, room)]
        text_height = 16.0 + (9.5 * len(lines) + 2 if lines else 0)
        return _Header(
            logo_size=(logo_w, logo_h),
            company=company,
            company_x=x,
            title=title,
            title_size=size,
            subtitle=lines,
            height=max(text_height, logo_h + 4),
        )

    def _draw_header(self, canvas: Canvas) -> None:
        h = self._header
        left, right = self.margin_x, self.page_width - self.margin_x
        top = self.page_height - _HEADER_TOP
        rule_y = top - h.height
        baseline = top - 12
        if self._logo is not None:
            w, lh = h.logo_size
            canvas.drawImage(self._logo, left, top - lh, w, lh, mask="auto")
        if h.company:
            canvas.setFont(FONT_BOLD, 10.5)
            canvas.setFillColor(INK)
            canvas.drawString(h.company_x, baseline, h.company)
        canvas.setFillColor(ACCENT)
        canvas.setFont(FONT_BOLD, h.title_size)
        canvas.drawRightString(right, baseline, h.title)
        if h.subtitle:
            canvas.setFillColor(MUTED)
            canvas.setFont(FONT, _SUBTITLE_SIZE)
            for n, line in enumerate(h.subtitle):
                canvas.drawRightString(right, baseline - 12 - 9.5 * n, line)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.7)
        canvas.line(left, rule_y, right, rule_y)

    def _draw_footer(self, canvas: Canvas, page: int, pages: int) -> None:
        left = self.margin_x
        right = self.page_width - self.margin_x
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, _FOOTER_RULE, right, _FOOTER_RULE)
        y = _FOOTER_BASELINE
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 7.5)
        printed = f"Printed {print_stamp(self.printed)}  ·  "
        canvas.drawString(left, y, printed)
        canvas.setFont(FONT_BOLD, 7.5)
        canvas.setFillColor(INK)
        canvas.drawString(left + text_width(printed, FONT, 7.5), y, "Uncontrolled when printed")
        number = f"Page {page} of {pages}"
        canvas.setFont(FONT_BOLD, 7.5)
        canvas.setFillColor(INK)
        canvas.drawRightString(right, y, number)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(
            right - text_width(number, FONT_BOLD, 7.5), y, f"{APP_NAME} {__version__}  ·  "
        )

    def decorate(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        self._draw_header(canvas)
        self._draw_footer(canvas, page, pages)
        canvas.restoreState()

    # --- building

    def _canvasmaker(self) -> type[Canvas]:
        report = self

        class NumberedCanvas(Canvas):
            """Holds each finished page back until the end, when "of M" is known."""

            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self._held: list[dict[str, Any]] = []

            def showPage(self) -> None:  # reportlab's name
                self._held.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                pages = len(self._held)
                for number, state in enumerate(self._held, 1):
                    self.__dict__.update(state)
                    report.decorate(self, number, pages)
                    super().showPage()
                super().save()

        return NumberedCanvas

    def build(
        self,
        story: list[Flowable],
        out: Path,
        *,
        progress: Progress | None = None,
        expected_pages: int = 0,
    ) -> Path:
        """Lay the story out on pages and write the PDF to `out` (replaced atomically).

        `progress(done, total)` is told of each page laid out; `expected_pages` (an estimate)
        gives the total."""
        out = Path(out)
        if not out.parent.is_dir():
            raise QmsError(f"Cannot write {out.name}: the folder {out.parent} does not exist.")
        if out.is_dir():
            raise QmsError(f"Cannot write {out}: a folder of that name is there.")
        total = max(expected_pages, 1)
        if progress is not None:
            progress(0, total)

        def page_done(_canvas: Canvas, doc: BaseDocTemplate) -> None:
            if progress is not None:
                nonlocal total
                total = max(total, doc.page + 1)
                progress(doc.page, total)

        # Beside the target, so that the final rename is atomic; opened by name so that the
        # file gets the usual permissions (a mkstemp file is readable by its owner only).
        temp = out.with_name(f".{out.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.partial")
        try:
            handle = temp.open("xb")
        except OSError as exc:
            raise QmsError(f"Cannot write in the folder {out.parent}: {_reason(exc)}.") from exc
        try:
            with handle:
                doc = BaseDocTemplate(
                    handle,
                    pagesize=self.page_size.value,
                    leftMargin=self.margin_x,
                    rightMargin=self.margin_x,
                    topMargin=self.page_height - self.body_top,
                    bottomMargin=self.body_bottom,
                    title=self.title,
                    subject=self.subtitle,
                    author=self.company,
                    creator=APP_NAME,
                )
                frame = Frame(
                    self.margin_x,
                    self.body_bottom,
                    self.frame_width,
                    self.frame_height,
                    id="body",
                    leftPadding=0,
                    rightPadding=0,
                    topPadding=0,
                    bottomPadding=0,
                )
                doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=page_done)])
                with _binary_streams():
                    doc.build(story, canvasmaker=self._canvasmaker())
                pages = doc.page
            os.replace(temp, out)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise QmsError(
                f"Cannot write {out.name}: {_reason(exc)}. If the file is open in a PDF viewer, "
                "close it and try again."
            ) from exc
        except LayoutError as exc:
            temp.unlink(missing_ok=True)
            raise QmsError(
                "The report could not be laid out: one of its parts is larger than a page."
            ) from exc
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        if progress is not None:
            progress(pages, pages)
        return out


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Compressed streams stay binary instead of being spelled out in ASCII (reportlab's
    default): a third of the time of a long report went into that spelling, in pure Python."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).rstrip(".").lower()
