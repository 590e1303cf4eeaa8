"""Readiness and the mock certification audit as PDF, on the shared report template.

The stories are built apart from the files (:func:`readiness_story`, :func:`mock_audit_story`),
so that the certification audit pack prints the same pages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

from qmsdesk.core import company, readiness
from qmsdesk.core.dates import today
from qmsdesk.core.exchange import pdf
from qmsdesk.core.exchange.actions_pdf import day_param, refuse_other_params, section
from qmsdesk.core.readiness.mock_audit import MockAudit, mock_audit
from qmsdesk.core.readiness.model import State

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

READINESS_TITLE = "Certification readiness"
MOCK_TITLE = "Mock certification audit"

_FILLS = {State.MISSING: pdf.ALERT_FILL, State.PARTLY: pdf.WARN_FILL}
_COLUMNS = (
    pdf.Column("Clause", 0.06),
    pdf.Column("Title", 0.2),
    pdf.Column("State", 0.09),
    pdf.Column("Why", 0.45),
    pdf.Column("Evidence", 0.2),
)


def readiness_story(result: readiness.Readiness, width: float) -> list[Flowable]:
    st = pdf.styles()
    counts = "  ·  ".join(
        f"<b>{result.count(s)}</b> {readiness.STATE_LABELS[s].lower()}" for s in State
    )
    story: list[Flowable] = [
        pdf.rich(
            f"<b>{result.percent}%</b> ready against {pdf.markup(result.edition)} "
            f"on {result.on.isoformat()}  ·  {counts}",
            st.body,
        ),
        pdf.paragraph(
            "Worked out from the records themselves: each clause is ready when every check "
            "passes, missing when none does, partly otherwise; a clause excluded from the scope "
            "is not applicable.",
            st.muted,
        ),
        pdf.spacer(4),
    ]
    rows, fills = [], []
    for c in result.clauses:
        evidence = [e.label() for e in c.evidence()]
        shown = "\n".join(evidence[:6]) + (
            f"\n… and {len(evidence) - 6} more" if len(evidence) > 6 else ""
        )
        state = readiness.STATE_LABELS[c.state]
        rows.append(
            [
                c.clause,
                c.title,
                pdf.Bold(state) if c.state in _FILLS else state,
                "\n".join(c.reasons()),
                shown,
            ]
        )
        fills.append(_FILLS.get(c.state))
    story.append(pdf.data_table(_COLUMNS, rows, width, row_fills=fills))
    return story


def mock_audit_story(found: MockAudit, width: float) -> list[Flowable]:
    st = pdf.styles()
    story: list[Flowable] = [
        pdf.paragraph(
            f"A sample picked on {found.on.isoformat()} the way a certification auditor picks "
            "one (the same sample for the same day), and what each record lacks.",
            st.muted,
        )
    ]
    columns = (pdf.Column("Record", 0.3), pdf.Column("What it lacks", 0.7))
    for sample in found.samples:
        story.extend(
            section(
                f"{sample.clause}  {sample.title} ({sample.lacking} of "
                f"{len(sample.picked)} lacking)"
            )
        )
        if not sample.picked:
            story.append(pdf.paragraph(sample.note or "Nothing to sample.", st.muted))
            continue
        rows = [
            [p.evidence.label(), "\n".join(p.lacks) if p.lacks else "Nothing missing."]
            for p in sample.picked
        ]
        fills = [pdf.WARN_FILL if p.lacks else None for p in sample.picked]
        story.append(pdf.data_table(columns, rows, width, row_fills=fills))
    return story


def _report(session: Session, title: str, subtitle: str, printed: dt.datetime | None) -> pdf.Report:
    info = company.get_info(session)
    return pdf.Report(
        title=title,
        subtitle=subtitle,
        company=info.name,
        logo=info.logo,
        page_size=pdf.PageSize.A4_LANDSCAPE,
        printed=printed,
    )


def write_readiness(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """Readiness clause by clause, with the reasons and the evidence."""
    refuse_other_params(params, "readiness report", "on=DATE")
    day = day_param(on) or today()
    with db.read() as session:
        result = readiness.evaluate(session, day)
        report = _report(session, READINESS_TITLE, f"As of {day.isoformat()}", printed)
    return report.build(readiness_story(result, report.frame_width), Path(out), progress=progress)


def write_mock_audit(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """The mock certification audit: the sample and what each record lacks."""
    refuse_other_params(params, "mock audit", "on=DATE")
    day = day_param(on) or today()
    with db.read() as session:
        found = mock_audit(session, day)
        report = _report(session, MOCK_TITLE, f"Sample of {day.isoformat()}", printed)
    return report.build(mock_audit_story(found, report.frame_width), Path(out), progress=progress)
