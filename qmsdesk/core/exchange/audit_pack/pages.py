"""The pack's pages: the shared report template with a cover, a table of contents drawn once the
page of every section is known, and PDF bookmarks.

Pages are held back until the end (the template's "page N of M"), so a section's place is noted
while the story is laid out (:class:`Anchor`, on the page it lands on), and its bookmark, outline
entry and contents line are made when the pages are written out, in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

from qmsdesk.core.exchange import pdf

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas


@dataclass
class Mark:
    key: str
    title: str
    level: int  # 0: a section, 1: a part of one
    page: int = 0


class Anchor(Flowable):
    """Takes no room; notes the page its section starts on."""

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.mark.page = self.canv.getPageNumber()


class PackReport(pdf.Report):
    """The report template, with the contents drawn on its contents page at the end."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.marks: list[Mark] = []
        self.contents_page = 2
        self.contents_top = 0.0  # where the contents lines start on their page

    def mark(self, title: str, level: int = 0) -> Anchor:
        found = Mark(f"s{len(self.marks) + 1}", title, level)
        self.marks.append(found)
        return Anchor(found)

    def decorate(self, canvas: Canvas, page: int, pages: int) -> None:
        for m in self.marks:
            if m.page == page:
                canvas.bookmarkPage(m.key, fit="XYZ")
                canvas.addOutlineEntry(m.title, m.key, level=m.level, closed=m.level == 0)
        if page == self.contents_page:
            self._draw_contents(canvas)
        super().decorate(canvas, page, pages)

    def _draw_contents(self, canvas: Canvas) -> None:
        left, right = self.margin_x, self.page_width - self.margin_x
        y = self.contents_top
        canvas.saveState()
        for m in self.marks:
            if m.level > 1:
                continue
            size = 10.5 if m.level == 0 else 9
            font = pdf.FONT_BOLD if m.level == 0 else pdf.FONT
            indent = 14 * m.level
            if m.level == 0:
                y -= 4
            canvas.setFont(font, size)
            canvas.setFillColor(pdf.INK)
            title = pdf.shorten(m.title, font, size, right - left - indent - 60)
            canvas.drawString(left + indent, y, title)
            canvas.drawRightString(right, y, str(m.page) if m.page else "")
            # Dots from the title to the number, and the line a link to the section.
            start = left + indent + pdf.text_width(title, font, size) + 6
            canvas.setFillColor(pdf.MUTED)
            canvas.setFont(pdf.FONT, size)
            dots = "." * max(0, int((right - 24 - start) / pdf.text_width(".", pdf.FONT, size)))
            canvas.drawString(start, y, dots)
            canvas.linkAbsolute("", m.key, (left, y - 3, right, y + size), thickness=0)
            y -= size + 5
            if y < self.body_bottom + 10:
                break
        canvas.restoreState()
