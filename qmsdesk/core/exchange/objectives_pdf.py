"""Quality objectives as PDF: a summary table of every objective's status, then one block per
objective: what it serves, its measure, target and warning threshold, its status, the trend chart
of its measurements against the target, and its plan (6.2.2)."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.platypus import CondPageBreak, Flowable

from qmsdesk.core import company, objectives
from qmsdesk.core.dates import format_day, today
from qmsdesk.core.exchange import pdf
from qmsdesk.core.exchange.actions_pdf import day_param, refuse_other_params, section
from qmsdesk.core.exchange.charts_pdf import TrendChart
from qmsdesk.core.objectives import ObjectiveRow, Status, StepRow

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

OBJECTIVES_TITLE = "Quality objectives"
_V = objectives.OBJECTIVE_VOCAB
_S = objectives.STEP_VOCAB
_BAD = {Status.OFF_TARGET, Status.NOT_MEASURED}

_SUMMARY = (
    pdf.Column(_V["code"].short_label, 0.08),
    pdf.Column(_V["title"].short_label, 0.32),
    pdf.Column(_V["owner_id"].short_label, 0.14),
    pdf.Column(_V["target"].short_label, 0.11),
    pdf.Column("Latest", 0.17),
    pdf.Column(_V["status"].short_label, 0.18),
)
_FACTS = (
    pdf.Column(_V["commitment"].short_label, 0.15),
    pdf.Column(_V["process_id"].short_label, 0.14),
    pdf.Column(_V["owner_id"].short_label, 0.12),
    pdf.Column(_V["measure"].short_label, 0.23),
    pdf.Column(_V["target"].short_label, 0.16),
    pdf.Column(_V["status"].short_label, 0.20),
)
_STEPS = (
    pdf.Column(_S["position"].short_label, 0.05),
    pdf.Column(_S["what"].short_label, 0.30),
    pdf.Column(_S["resources"].short_label, 0.15),
    pdf.Column(_S["who_id"].short_label, 0.12),
    pdf.Column(_S["due"].short_label, 0.09),
    pdf.Column(_S["evaluation"].short_label, 0.16),
    pdf.Column(_S["action_id"].short_label, 0.13),
)


def _target(r: ObjectiveRow) -> str:
    if r.target is None:
        return "no target"
    text = objectives.with_unit(r.target, r.unit)
    return f"{'≥' if r.direction == objectives.Direction.HIGHER else '≤'} {text}"


def _latest(r: ObjectiveRow) -> str:
    if r.latest_value is None:
        return "nothing measured"
    return f"{objectives.with_unit(r.latest_value, r.unit)} ({r.latest_label})"


def _status(r: ObjectiveRow, on: dt.date) -> pdf.Cell:
    status = r.status(on)
    text = (
        objectives.STATUS_LABELS[status].upper()
        if status in _BAD
        else objectives.STATUS_LABELS[status]
    )
    if status == Status.NOT_MEASURED:
        period, due = r.next_due()
        text += f"\n{objectives.period_label(period, r.frequency)} due {format_day(due)}"
    return pdf.Bold(text) if status in _BAD else text


def _fill(status: Status) -> Any:
    if status in _BAD:
        return pdf.ALERT_FILL
    if status == Status.AT_RISK:
        return pdf.WARN_FILL
    return None


def _period(day: dt.date, frequency: objectives.Frequency) -> str:
    return objectives.period_label(day, frequency)


def _block(
    r: ObjectiveRow,
    points: list[tuple[dt.date, float]],
    steps: list[StepRow],
    on: dt.date,
    width: float,
) -> list[Flowable]:
    st = pdf.styles()
    status = r.status(on)
    measure = r.measure or "(no measure)"
    if r.unit:
        measure += f" ({r.unit})"
    measure += f"; {objectives.DIRECTION_LABELS[r.direction].lower()}"
    limits = _target(r)
    if r.warning is not None:
        limits += f"; at risk up to {objectives.with_unit(r.warning, r.unit)}"
    status_text = objectives.STATUS_LABELS[status]
    if status in _BAD:
        status_text = status_text.upper()
    serves = r.commitment or "—"
    process = f"{r.process_code} {r.process_name}".strip() or "—"
    measured = (
        f"{measure}\n{objectives.FREQUENCY_LABELS[r.frequency]} from "
        f"{objectives.period_label(r.measured_from, r.frequency)}"
    )
    status_cell: pdf.Cell = f"{status_text}\nlatest {_latest(r)}"
    if status in _BAD:
        status_cell = pdf.Bold(status_cell)
    block: list[Flowable] = [
        CondPageBreak(230),
        pdf.heading(f"{r.code}  {r.title}", 2),
        pdf.data_table(
            _FACTS,
            [[serves, process, r.owner_name or "(no owner)", measured, limits, status_cell]],
            width,
            row_fills=[_fill(status)],
            zebra=False,
        ),
        pdf.spacer(4),
        TrendChart(
            points,
            target=r.target,
            warning=r.warning,
            unit=r.unit,
            width=min(width, 480),
            label=functools.partial(_period, frequency=r.frequency),
        ),
        pdf.spacer(4),
    ]
    if steps:
        block.append(
            pdf.data_table(
                _STEPS,
                [
                    [
                        str(s.position),
                        s.what,
                        s.resources,
                        s.who_name,
                        format_day(s.due) if s.due else "",
                        s.evaluation,
                        s.action_ref + (" (done)" if s.done_on else ""),
                    ]
                    for s in steps
                ],
                width,
            )
        )
    else:
        block.append(pdf.paragraph("No plan is recorded for this objective yet.", st.muted))
    block.append(pdf.spacer(8))
    return block


def write_objectives(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """Write every objective to `out`: the summary, then one block each with its trend chart."""
    params.pop("audit", None)
    refuse_other_params(params, "objectives report", "on=DATE")
    day = day_param(on) or today()
    with db.read() as session:
        info = company.get_info(session)
        rows = objectives.all_rows(session, on=day)
        points = objectives.series(session)
        steps: dict[int, list[StepRow]] = {}
        for s in objectives.steps_of(session):
            steps.setdefault(s.objective_id, []).append(s)
    report = pdf.Report(
        title=OBJECTIVES_TITLE,
        subtitle=f"Status as of {format_day(day)}",
        company=info.name,
        logo=info.logo,
        page_size=pdf.PageSize.A4_PORTRAIT,
        printed=printed,
    )
    width = report.frame_width
    st = pdf.styles()
    statuses = [r.status(day) for r in rows]
    counted = {s: statuses.count(s) for s in Status}
    story: list[Flowable] = [
        pdf.rich(
            f"<b>{len(rows):,}</b> objectives  ·  <b>{counted[Status.ON_TARGET]:,}</b> on target"
            f"  ·  <b>{counted[Status.AT_RISK]:,}</b> at risk  ·  "
            f"<b>{counted[Status.OFF_TARGET]:,}</b> off target  ·  "
            f"<b>{counted[Status.NOT_MEASURED]:,}</b> not measured when due",
            st.body,
        ),
        pdf.spacer(6),
    ]
    if not rows:
        story.append(pdf.paragraph("No quality objective is recorded yet.", st.muted))
        return report.build(story, out, progress=progress)
    story.append(
        pdf.data_table(
            _SUMMARY,
            [
                [r.code, r.title, r.owner_name, _target(r), _latest(r), _status(r, day)]
                for r in rows
            ],
            width,
            row_fills=[_fill(s) for s in statuses],
        )
    )
    story.extend(section("The objectives one by one"))
    for r in rows:
        story.extend(_block(r, points.get(r.id, []), steps.get(r.id, []), day, width))
    return report.build(story, out, progress=progress)
