"""The report template's fonts, colours, styles, text measuring and simple flowables."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from qmsdesk import paths
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
