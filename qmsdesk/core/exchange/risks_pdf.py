"""The risks and opportunities register as PDF: heat maps of the risks before and after
treatment, then the register (risks, then opportunities, highest rating first), then the actions
raised on them and the effectiveness reviews of those actions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable, Table, TableStyle

from qmsdesk.core import company, risks
from qmsdesk.core.dates import format_day, today
from qmsdesk.core.exchange import pdf
from qmsdesk.core.exchange.actions_pdf import day_param, refuse_other_params, section
from qmsdesk.core.exchange.charts_pdf import heat_map_drawing, level_legend
from qmsdesk.core.risks import RiskKind, RiskRow, RiskScale

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

RISKS_TITLE = "Risks and opportunities"
REVIEW_DUE = "REVIEW DUE"

_COLUMNS = (
    *(
        pdf.Column(risks.RISK_VOCAB[key].short_label, width)
        for key, width in (
            ("reference", 0.06),
            ("title", 0.19),
            ("source_kind", 0.10),
            ("process_id", 0.06),
            ("owner_id", 0.09),
        )
    ),
    pdf.Column("Rating", 0.08),
    pdf.Column(risks.RISK_VOCAB["treatment"].short_label, 0.19),
    pdf.Column("After", 0.07),
    pdf.Column("Next review", 0.07),
    pdf.Column("Actions", 0.09),
)


def _rating(likelihood: int | None, consequence: int | None, scale: RiskScale) -> pdf.Cell:
    if likelihood is None or consequence is None:
        return "not rated"
    rating = likelihood * consequence
    text = f"{likelihood} x {consequence} = {rating}\n{risks.LEVEL_LABELS[scale.level(rating)]}"
    return pdf.Bold(text) if scale.level(rating) == risks.Level.HIGH else text


def _cells(r: RiskRow, scale: RiskScale, on: dt.date) -> tuple[list[pdf.Cell], Any]:
    source = risks.SOURCE_LABELS[r.source_kind]
    if r.source_ref:
        source += f"\n{r.source_ref}"
    review: pdf.Cell = format_day(r.next_review) if r.next_review else ""
    fill = None
    if r.review_due(on):
        review = pdf.Bold(f"{review}\n{REVIEW_DUE}")
        fill = pdf.WARN_FILL
    treatment = risks.TREATMENT_LABELS[r.treatment]
    if r.treatment_plan:
        treatment += f": {r.treatment_plan}"
    actions = f"{r.actions_total} ({r.actions_open} open)" if r.actions_total else "none"
    return (
        [
            r.reference,
            r.title,
            source,
            r.process_code,
            r.owner_name or "(no owner)",
            _rating(r.likelihood, r.consequence, scale),
            treatment,
            _rating(r.residual_likelihood, r.residual_consequence, scale),
            review,
            actions,
        ],
        fill,
    )


def _maps(session: Any, scale: RiskScale, kind: RiskKind, width: float) -> Flowable:
    what = "Risks" if kind == RiskKind.RISK else "Opportunities"
    before = risks.heat_map(session, scale, kind=kind)
    after = risks.heat_map(session, scale, after=True, kind=kind)
    size = min(230.0, width / 2 - 20)
    table = Table(
        [
            [
                heat_map_drawing(
                    before, scale, f"{what} before treatment ({before.total:,})", size
                ),
                heat_map_drawing(after, scale, f"{what} after treatment ({after.total:,})", size),
            ]
        ],
        colWidths=[width / 2, width / 2],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return table


def write_risks(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """Write the register to `out`: heat maps, the risks and opportunities, their reviews."""
    params.pop("audit", None)
    refuse_other_params(params, "risks register", "on=DATE")
    day = day_param(on) or today()
    with db.read() as session:
        info = company.get_info(session)
        scale = risks.get_scale(session)
        rows = risks.all_rows(session)
        reviews = risks.reviews_of(session)
        report = pdf.Report(
            title=RISKS_TITLE,
            subtitle=f"As of {format_day(day)}; likelihood and consequence from 1 to {scale.steps}",
            company=info.name,
            logo=info.logo,
            page_size=pdf.PageSize.A4_LANDSCAPE,
            printed=printed,
        )
        width = report.frame_width
        maps = [_maps(session, scale, RiskKind.RISK, width)]
        if any(r.kind == RiskKind.OPPORTUNITY for r in rows):
            maps.append(_maps(session, scale, RiskKind.OPPORTUNITY, width))
    st = pdf.styles()
    counted = {k: sum(1 for r in rows if r.kind == k) for k in RiskKind}
    high = sum(1 for r in rows if r.kind == RiskKind.RISK and r.level(scale) == risks.Level.HIGH)
    due = sum(1 for r in rows if r.review_due(day))
    story: list[Flowable] = [
        pdf.rich(
            f"<b>{counted[RiskKind.RISK]:,}</b> risks ({high:,} high)  ·  "
            f"<b>{counted[RiskKind.OPPORTUNITY]:,}</b> opportunities  ·  <b>{due:,}</b> past "
            f"their review date (marked {REVIEW_DUE})",
            st.body,
        ),
        pdf.spacer(6),
        level_legend(scale),
        pdf.spacer(4),
        *maps,
    ]
    for kind, title in ((RiskKind.RISK, "Risks"), (RiskKind.OPPORTUNITY, "Opportunities")):
        listed = sorted((r for r in rows if r.kind == kind), key=lambda r: (-r.rating, r.reference))
        story.extend(section(f"{title} ({len(listed):,}), highest rating first"))
        if not listed:
            story.append(pdf.paragraph(f"No {title.lower()} are recorded.", st.muted))
            continue
        cells, fills = [], []
        for r in listed:
            line, fill = _cells(r, scale, day)
            cells.append(line)
            fills.append(fill)
        story.append(pdf.data_table(_COLUMNS, cells, width, row_fills=fills))
    story.extend(section(f"Effectiveness reviews of the actions taken ({len(reviews):,})"))
    if reviews:
        story.append(
            pdf.data_table(
                (
                    pdf.Column("Risk", 0.08),
                    pdf.Column(risks.REVIEW_VOCAB["reviewed_on"].short_label, 0.1),
                    pdf.Column(risks.REVIEW_VOCAB["reviewed_by_id"].short_label, 0.14),
                    pdf.Column(risks.REVIEW_VOCAB["outcome"].short_label, 0.12),
                    pdf.Column(risks.REVIEW_VOCAB["note"].short_label, 0.56),
                ),
                [
                    [
                        v.reference,
                        format_day(v.reviewed_on),
                        v.reviewed_by_name,
                        risks.OUTCOME_LABELS[v.outcome],
                        v.note,
                    ]
                    for v in reviews
                ],
                width,
            )
        )
    else:
        story.append(pdf.paragraph("No effectiveness review is recorded yet.", st.muted))
    return report.build(story, out, progress=progress)
