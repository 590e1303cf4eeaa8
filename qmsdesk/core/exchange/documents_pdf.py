"""The master list of documents as a PDF (A4 landscape), on the shared report template.

One row per document in code order: code, title, type, revision, status, effective date, owner,
process, next review and clauses. Obsolete documents are left out unless asked for
(`include_obsolete="yes"`). A review that is overdue or due within 30 days says so in words next
to its date (OVERDUE, DUE SOON, in bold) and its row is tinted, so the list reads the same in
black and white.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qmsdesk.core import company, documents
from qmsdesk.core.dates import format_day, parse_date, today
from qmsdesk.core.db.models import DocStatus
from qmsdesk.core.documents import DUE_SOON_DAYS, STATUS_LABELS, TYPE_LABELS, ReviewState
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import pdf
from qmsdesk.core.text import shown
from qmsdesk.core.vocab import DOCUMENT_FIELDS, DocumentRow

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

TITLE = "Master list of documents"
OVERDUE = "OVERDUE"
DUE_SOON = "DUE SOON"

# Each column's share of the frame's width (774 pt on A4 landscape), by field: dates, "External
# document" and four clause numbers fit on one line; the title takes what is left. The headers are
# the fields' short labels.
_WIDTHS = {
    "code": 0.08,
    "title": 0.293,
    "doc_type": 0.093,
    "revision": 0.035,
    "status": 0.065,
    "effective_date": 0.072,
    "owner": 0.095,
    "process": 0.085,
    "next_review": 0.072,
    "clauses": 0.11,
}
_CENTRED = {"revision"}
COLUMNS: tuple[pdf.Column, ...] = tuple(
    pdf.Column(DOCUMENT_FIELDS[key].short_label, width, "CENTER" if key in _CENTRED else "LEFT")
    for key, width in _WIDTHS.items()
)

# Status words for a narrow column: "Approved / effective" reads as "Effective" in a list.
_STATUS_TEXT = {**STATUS_LABELS, DocStatus.EFFECTIVE: "Effective"}
_TYPE_TEXT = dict(TYPE_LABELS)

_YES = {"yes", "y", "true", "1", "on"}
_NO = {"no", "n", "false", "0", "off", ""}


def _yes_no(name: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValidationError(f"{name}: write yes or no, not '{shown(value)}'.")


def _day(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return parse_date(value)
    except ValueError as exc:
        raise ValidationError(f"on: {exc}") from exc


def write_master_list(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    include_obsolete: str | bool = "no",
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """Write the master list of documents to `out` (a PDF, replaced atomically); returns `out`.

    `include_obsolete` ("yes"/"no") lists obsolete documents too; `on` is the day reviews are
    judged against (default today); `printed` the time printed in the footer (default now)."""
    if params:
        raise ValidationError(
            f"The master list does not take {', '.join(sorted(params))}; it takes "
            "include_obsolete=yes|no and on=DATE (the day reviews are judged against)."
        )
    with_obsolete = _yes_no("include_obsolete", include_obsolete)
    day = _day(on) or today()
    with db.read() as session:
        info = company.get_info(session)
        rows = documents.all_rows(session)

    obsolete = sum(1 for r in rows if r.status == DocStatus.OBSOLETE)
    if not with_obsolete:
        rows = [r for r in rows if r.status != DocStatus.OBSOLETE]

    listed = len(rows)
    if with_obsolete:
        subtitle = (
            f"All documents, obsolete ones included: {listed:,} listed ({obsolete:,} obsolete)"
        )
    else:
        subtitle = (
            f"Current documents: {listed:,} listed ({_plural(obsolete, 'obsolete document')} "
            "left out)"
        )
    report = pdf.Report(
        title=TITLE,
        subtitle=subtitle,
        company=info.name,
        logo=info.logo,
        page_size=pdf.PageSize.A4_LANDSCAPE,
        printed=printed,
    )
    story = master_list_story(rows, day, report.frame_width)
    table = story[-1]
    expected = 1
    if isinstance(table, pdf.DataTable):
        expected = int(table.height / (report.frame_height - table.header.height)) + 1
    return report.build(story, out, progress=progress, expected_pages=expected)


def master_list_story(rows: Sequence[DocumentRow], day: dt.date, width: float) -> list[Any]:
    """The master list's summary line and its table (the last flowable), `width` wide."""
    table_rows: list[list[pdf.Cell]] = []
    fills: list[Any] = []
    overdue = due_soon = 0
    for r in rows:
        review: pdf.Cell = format_day(r.next_review) if r.next_review else ""
        state = documents.review_state(r.next_review, day)
        if state is ReviewState.OVERDUE:
            overdue += 1
            review = pdf.Bold(f"{review}\n{OVERDUE}")
            fills.append(pdf.ALERT_FILL)
        elif state is ReviewState.DUE_SOON:
            due_soon += 1
            review = pdf.Bold(f"{review}\n{DUE_SOON}")
            fills.append(pdf.WARN_FILL)
        else:
            fills.append(None)
        table_rows.append(
            [
                r.code,
                r.title,
                _TYPE_TEXT.get(r.doc_type, str(r.doc_type)),
                r.revision,
                _STATUS_TEXT.get(r.status, str(r.status)),
                format_day(r.effective_date) if r.effective_date else "",
                r.owner,
                r.process,
                review,
                r.clauses,
            ]
        )

    story: list[Any] = [_summary(len(rows), overdue, due_soon, day), pdf.spacer(4)]
    if table_rows:
        story.append(pdf.data_table(COLUMNS, table_rows, width, row_fills=fills))
    else:
        story.append(pdf.paragraph("There are no documents to list.", pdf.styles().muted))
    return story


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def _counted(n: int, word: str) -> str:
    """'<b>3</b> reviews': the number in bold."""
    return f"<b>{n:,}</b> {word}" if n == 1 else f"<b>{n:,}</b> {word}s"


def _summary(listed: int, overdue: int, due_soon: int, day: dt.date) -> Any:
    text = (
        f"{_counted(listed, 'document')}  ·  {_counted(overdue, 'review')} overdue  ·  "
        f"<b>{due_soon:,}</b> due within {DUE_SOON_DAYS} days"
    )
    if overdue or due_soon:
        text += (
            f'<font color="{pdf.MUTED_HEX}" size="8">'
            f"     (as of {format_day(day)}; marked {OVERDUE} or {DUE_SOON} under Next review, "
            "on a tinted row)</font>"
        )
    return pdf.rich(text, pdf.styles().body)
