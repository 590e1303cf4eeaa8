"""A report's pages: :class:`Report`, with the header (logo, company name, title) and footer
(print date, "Uncontrolled when printed", version, page N of M) every page gets, written
atomically."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
)
from reportlab.platypus.doctemplate import LayoutError

from qmsdesk import APP_NAME, __version__
from qmsdesk.core.dates import format_moment
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange.pdf.text import (
    ACCENT,
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    RULE,
    Progress,
    log,
    register_fonts,
    shorten,
    text_width,
    wrap_text,
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
    return format_moment(when)


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
