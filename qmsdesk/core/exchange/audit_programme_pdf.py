"""The audit programme as PDF: the year month by month with each audit's state, the clauses
covered over the audit cycle (3 years by default), and the coverage by process.

Coverage is the audits register's own (:func:`qmsdesk.core.audits.programme.coverage`): a clause
counts as audited only as that function says.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

from qmsdesk.core import audits, company
from qmsdesk.core.audits.programme import COVERAGE_LABELS, Coverage, coverage, year_view
from qmsdesk.core.audits.records import AuditQuery, audit_rows
from qmsdesk.core.audits.vocab import STATE_LABELS, ProgrammeState
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import pdf
from qmsdesk.core.exchange.actions_pdf import day_param, refuse_other_params, section
from qmsdesk.core.text import fold

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

TITLE = "Audit programme"
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_COVER_FILL = {
    Coverage.NOT_COVERED: pdf.ALERT_FILL,
    Coverage.PLANNED: pdf.WARN_FILL,
    Coverage.PARTLY: pdf.WARN_FILL,
}


def programme_story(
    session: Session, width: float, on: dt.date, year: int | None = None, cycle_years: int = 3
) -> list[Flowable]:
    st = pdf.styles()
    year = year or on.year
    view = year_view(session, year, on)
    totals = view.totals()
    summary = "  ·  ".join(
        f"<b>{totals.get(s, 0)}</b> {STATE_LABELS[s].lower()}" for s in ProgrammeState
    )
    story: list[Flowable] = [pdf.rich(f"{year}: {summary}", st.body), pdf.spacer(4)]
    story.extend(section(f"The year {year} month by month"))
    columns = (
        pdf.Column("Month", 0.1),
        pdf.Column("Audit", 0.11),
        pdf.Column("Title", 0.3),
        pdf.Column("Planned", 0.16),
        pdf.Column("Lead auditor", 0.15),
        pdf.Column("State", 0.18),
    )
    rows: list[list[pdf.Cell]] = []
    fills: list[Any] = []
    for month in view.months:
        if not month.audits:
            rows.append([_MONTHS[month.month - 1], "", "No audit planned", "", "", ""])
            fills.append(None)
        for n, a in enumerate(month.audits):
            state = a.state(on)
            planned = a.planned_start.isoformat() + (
                f" to {a.planned_end.isoformat()}"
                if a.planned_end and a.planned_end != a.planned_start
                else ""
            )
            label = STATE_LABELS[state]
            rows.append(
                [
                    _MONTHS[month.month - 1] if n == 0 else "",
                    a.reference,
                    a.title,
                    planned,
                    a.lead_auditor,
                    pdf.Bold(label.upper()) if state == ProgrammeState.LATE else label,
                ]
            )
            fills.append(pdf.ALERT_FILL if state == ProgrammeState.LATE else None)
    story.append(pdf.data_table(columns, rows, width, row_fills=fills))

    months = 12 * cycle_years
    found = coverage(session, on, months)
    since = add_months(on, -months)
    story.extend(
        section(
            f"Clause coverage from {since.isoformat()} to {on.isoformat()} "
            f"({cycle_years}-year cycle)"
        )
    )
    cov_columns = (
        pdf.Column("Clause", 0.07),
        pdf.Column("Title", 0.38),
        pdf.Column("Coverage", 0.13),
        pdf.Column("Last audited", 0.1),
        pdf.Column("Audits", 0.16),
        pdf.Column("Planned", 0.16),
    )
    cov_rows = []
    cov_fills = []
    for c in found:
        label = COVERAGE_LABELS[c.state]
        cov_rows.append(
            [
                ("  " * c.depth) + c.clause,
                c.title,
                pdf.Bold(label) if c.state == Coverage.NOT_COVERED else label,
                c.last_audited.isoformat() if c.last_audited else "",
                ", ".join(c.audits[:4]),
                ", ".join(c.planned[:4]),
            ]
        )
        cov_fills.append(_COVER_FILL.get(c.state) if c.depth <= 1 else None)
    story.append(pdf.data_table(cov_columns, cov_rows, width, row_fills=cov_fills))

    story.extend(section("Coverage by process"))
    by_process: dict[str, dict[str, list[str]]] = {}
    for a in audit_rows(session, AuditQuery(), with_counts=False):
        done = a.actual_end or a.actual_start
        for process in a.processes:
            entry = by_process.setdefault(process.strip(), {"done": [], "planned": [], "last": []})
            if a.status in (audits.AuditStatus.REPORTED, audits.AuditStatus.CLOSED):
                if done and since <= done <= on:
                    entry["done"].append(a.reference)
                    entry["last"].append(done.isoformat())
            elif a.planned_start >= since:
                entry["planned"].append(a.reference)
    if not by_process:
        story.append(pdf.paragraph("No audit names a process yet.", st.muted))
        return story
    p_columns = (
        pdf.Column("Process", 0.3),
        pdf.Column("Audited in the cycle", 0.3),
        pdf.Column("Last audited", 0.12),
        pdf.Column("Planned", 0.28),
    )
    p_rows, p_fills = [], []
    for name in sorted(by_process, key=fold):
        entry = by_process[name]
        p_rows.append(
            [
                name,
                ", ".join(entry["done"]) or "Not audited",
                max(entry["last"], default=""),
                ", ".join(entry["planned"]),
            ]
        )
        p_fills.append(None if entry["done"] else pdf.ALERT_FILL)
    story.append(pdf.data_table(p_columns, p_rows, width, row_fills=p_fills))
    return story


def write_programme(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    year: int | str | None = None,
    cycle: int | str | None = None,
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    refuse_other_params(params, "audit programme", "year=YYYY, cycle=YEARS, on=DATE")
    day = day_param(on) or today()
    try:
        the_year = int(year) if year not in (None, "") else day.year
        cycle_years = int(cycle) if cycle not in (None, "") else 3
    except (TypeError, ValueError):
        raise ValidationError("year and cycle: write whole numbers (year=2026, cycle=3).") from None
    if not 1 <= cycle_years <= 10:
        raise ValidationError("cycle: the audit cycle is from 1 to 10 years.")
    with db.read() as session:
        info = company.get_info(session)
        report = pdf.Report(
            title=TITLE,
            subtitle=f"{the_year}; clause coverage over {cycle_years} years to {day.isoformat()}",
            company=info.name,
            logo=info.logo,
            page_size=pdf.PageSize.A4_LANDSCAPE,
            printed=printed,
        )
        story = programme_story(session, report.frame_width, day, the_year, cycle_years)
    return report.build(story, Path(out), progress=progress)
