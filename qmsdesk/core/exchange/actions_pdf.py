"""The actions register as PDF, on the shared report template (:mod:`qmsdesk.core.exchange.pdf`):
open actions, the overdue ones, and those closed in a period.

Every tint is paired with a word (OVERDUE), so the pages read the same in black and white. The
helpers for report parameters and section headings serve the audit reports too
(:mod:`qmsdesk.core.exchange.audits_pdf`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from qmsdesk.core import actions, company
from qmsdesk.core.dates import add_months, format_day, parse_date, today
from qmsdesk.core.db.models_actions import ActionStatus
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import pdf

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

ACTIONS_TITLE = "Actions register"
OVERDUE = "OVERDUE"


def refuse_other_params(params: dict[str, Any], report: str, takes: str) -> None:
    if params:
        raise ValidationError(
            f"The {report} does not take {', '.join(sorted(params))}; it takes {takes}."
        )


def day_param(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(value)
    except ValueError as exc:
        raise ValidationError(f"{exc}") from exc


def section(title: str) -> list[Flowable]:
    """A heading that starts a new page rather than sit alone at the bottom of one.

    (A heading kept with the next flowable would drag a whole long table to the next page.)"""
    return [CondPageBreak(80), Paragraph(pdf.markup(title), _free_heading())]


@functools.cache
def _free_heading() -> ParagraphStyle:
    style = pdf.styles().heading1
    return ParagraphStyle(f"{style.name}-free", parent=style, keepWithNext=0)


# --- the actions register --------------------------------------------------------------------

#: The register's columns: fields by their short labels (the vocabulary's), with their widths.
ACTION_COLUMNS = (
    *(
        pdf.Column(actions.ACTION_VOCAB[key].short_label, width)
        for key, width in (
            ("reference", 0.075),
            ("title", 0.18),
            ("source_kind", 0.11),
            ("owner_id", 0.095),
            ("raised_on", 0.07),
            ("due_date", 0.075),
            ("status", 0.085),
            ("root_cause", 0.15),
        )
    ),
    pdf.Column("Action / verification", 0.16),
)


def _action_cells(r: actions.ActionRow, on: dt.date) -> tuple[list[pdf.Cell], Any]:
    state = r.due_state(on)
    due = r.next_date()
    due_text = format_day(due) if due else ""
    if r.status == ActionStatus.AWAITING_VERIFICATION and due:
        due_text = f"check by\n{due_text}"
    fill = None
    due_cell: pdf.Cell = due_text
    if state == actions.DueState.OVERDUE:
        due_cell = pdf.Bold(f"{due_text}\n{OVERDUE}")
        fill = pdf.ALERT_FILL
    action = r.corrective_action
    if not r.correction and r.no_correction_reason:
        action += f"\nNo correction needed: {r.no_correction_reason}"
    if r.extent:
        action += f"\nWhere else: {r.extent}"
    for key in ("risks_updated", "qms_change"):
        answer = getattr(r, key)
        if answer is not None:
            action += f"\n{actions.ACTION_VOCAB[key].label}: {'yes' if answer else 'no'}"
    if r.status == ActionStatus.CLOSED and r.verified_on:
        action += (
            f"\nVerified effective {format_day(r.verified_on)} by {r.verified_by_name}"
            f"{': ' + r.verification_note if r.verification_note else ''}"
        )
    source = actions.SOURCE_LABELS[r.source_kind]
    if r.source_ref:
        source += f"\n{r.source_ref}"
    status = actions.STATUS_LABELS[r.status]
    if r.status == ActionStatus.CLOSED and r.closed_on:
        status += f"\n{format_day(r.closed_on)}"
    return (
        [
            r.reference,
            r.title,
            source,
            r.owner_name or "(no owner)",
            format_day(r.raised_on),
            due_cell,
            status,
            r.root_cause,
            action,
        ],
        fill,
    )


def _action_table(rows: Sequence[actions.ActionRow], width: float, on: dt.date) -> Flowable:
    cells, fills = [], []
    for r in rows:
        line, fill = _action_cells(r, on)
        cells.append(line)
        fills.append(fill)
    return pdf.data_table(ACTION_COLUMNS, cells, width, row_fills=fills)


def write_actions(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """Write the actions register to `out`: open actions (the overdue ones first), then those
    closed from `start` to `end` (default: the last 12 months)."""
    params.pop("audit", None)  # the report subcommand may pass an --audit it does not need
    refuse_other_params(
        params, "actions register", "start=DATE, end=DATE (the period of closed actions)"
    )
    day = day_param(on) or today()
    last = day_param(end) or day
    first = day_param(start) or add_months(last, -12) + dt.timedelta(days=1)
    if first > last:
        raise ValidationError("start: the period starts after it ends.")
    with db.read() as session:
        info = company.get_info(session)
        period = actions.period_report(session, first, last, on=day)
    report = pdf.Report(
        title=ACTIONS_TITLE,
        subtitle=(
            f"Open and overdue as of {format_day(day)}; closed from {format_day(first)} to "
            f"{format_day(last)}"
        ),
        company=info.name,
        logo=info.logo,
        page_size=pdf.PageSize.A4_LANDSCAPE,
        printed=printed,
    )
    story = actions_story(period, first, last, day, report.frame_width)
    return report.build(story, out, progress=progress)


def actions_story(
    period: actions.PeriodReport, first: dt.date, last: dt.date, day: dt.date, width: float
) -> list[Flowable]:
    """The register's summary, its overdue and other open actions, and those closed from `first`
    to `last`, `width` wide."""
    st = pdf.styles()
    summary = (
        f"<b>{len(period.open)}</b> open  ·  <b>{len(period.overdue)}</b> overdue  ·  "
        f"<b>{len(period.closed)}</b> closed in the period"
    )
    if period.overdue:
        summary += (
            f'<font color="{pdf.MUTED_HEX}" size="8">     (overdue actions are marked {OVERDUE} '
            "under Due, on a tinted row)</font>"
        )
    story: list[Flowable] = [pdf.rich(summary, st.body), pdf.spacer(4)]
    overdue_ids = {r.id for r in period.overdue}
    sections = (
        ("Overdue actions", period.overdue, "No action is overdue."),
        (
            "Other open actions",
            [r for r in period.open if r.id not in overdue_ids],
            "No other action is open.",
        ),
        (
            f"Closed from {format_day(first)} to {format_day(last)}",
            period.closed,
            "No action was closed in this period.",
        ),
    )
    for title, rows, empty in sections:
        story.extend(section(f"{title} ({len(rows)})"))
        story.append(_action_table(rows, width, day) if rows else pdf.paragraph(empty, st.muted))
    return story
