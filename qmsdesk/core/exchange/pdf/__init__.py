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

from qmsdesk.core.exchange.pdf.report import (
    PageSize,
    Report,
    print_stamp,
)
from qmsdesk.core.exchange.pdf.table import (
    Cell,
    Column,
    DataTable,
    data_table,
)
from qmsdesk.core.exchange.pdf.text import (
    ACCENT,
    ALERT_FILL,
    FONT,
    FONT_BOLD,
    FONT_CONDENSED,
    FONT_CONDENSED_BOLD,
    FONT_ITALIC,
    HAIRLINE,
    HEADER_FILL,
    INK,
    MUTED,
    MUTED_HEX,
    RULE,
    WARN_FILL,
    ZEBRA_FILL,
    Bold,
    Progress,
    Styles,
    heading,
    key_values,
    log,
    markup,
    paragraph,
    register_fonts,
    rich,
    shorten,
    spacer,
    styles,
    text_width,
    wrap_text,
)

__all__ = [
    "ACCENT",
    "ALERT_FILL",
    "FONT",
    "FONT_BOLD",
    "FONT_CONDENSED",
    "FONT_CONDENSED_BOLD",
    "FONT_ITALIC",
    "HAIRLINE",
    "HEADER_FILL",
    "INK",
    "MUTED",
    "MUTED_HEX",
    "RULE",
    "WARN_FILL",
    "ZEBRA_FILL",
    "Bold",
    "Cell",
    "Column",
    "DataTable",
    "PageSize",
    "Progress",
    "Report",
    "Styles",
    "data_table",
    "heading",
    "key_values",
    "log",
    "markup",
    "paragraph",
    "print_stamp",
    "register_fonts",
    "rich",
    "shorten",
    "spacer",
    "styles",
    "text_width",
    "wrap_text",
]
