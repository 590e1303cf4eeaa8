"""Reports of the customer feedback, changes and design registers, on the shared template.

Every tint is paired with a word (OVERDUE), so the pages read the same in black and white."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

from qmsdesk.core import changes, company, design, feedback
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import pdf
from qmsdesk.core.exchange.actions_pdf import day_param, refuse_other_params, section

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

OVERDUE = "OVERDUE"


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _report(db: Database, title: str, subtitle: str, printed: dt.datetime | None) -> pdf.Report:
    with db.read() as session:
        info = company.get_info(session)
    return pdf.Report(
        title=title,
        subtitle=subtitle,
        company=info.name,
        logo=info.logo,
        page_size=pdf.PageSize.A4_LANDSCAPE,
        printed=printed,
    )


def _period(params: dict[str, Any]) -> tuple[dt.date, dt.date, dt.date]:
    day = day_param(params.pop("on", None)) or today()
    last = day_param(params.pop("end", None)) or day
    first = day_param(params.pop("start", None)) or add_months(last, -12) + dt.timedelta(days=1)
    if first > last:
        raise ValidationError("start: the period starts after it ends.")
    return first, last, day


# --- customer feedback --------------------------------------------------------------------------

_FV = feedback.FEEDBACK_VOCAB
FEEDBACK_COLUMNS = (
    *(
        pdf.Column(_FV[key].short_label, width)
        for key, width in (
            ("reference", 0.07),
            ("kind", 0.07),
            ("received_on", 0.07),
            ("customer", 0.11),
            ("product", 0.12),
            ("description", 0.18),
            ("severity", 0.06),
            ("owner_id", 0.08),
        )
    ),
    pdf.Column("Response / status", 0.17),
    pdf.Column(_FV["action_ref"].short_label, 0.07),
)
BY_CUSTOMER_COLUMNS = (
    pdf.Column("Customer", 0.55),
    pdf.Column("Complaints", 0.15, "RIGHT"),
    pdf.Column("Compliments", 0.15, "RIGHT"),
    pdf.Column("Returns", 0.15, "RIGHT"),
)
SURVEY_COLUMNS = (
    pdf.Column("Survey", 0.08),
    pdf.Column("Period", 0.14),
    pdf.Column("Method", 0.2),
    pdf.Column("Replies", 0.08),
    pdf.Column("Score", 0.08),
    pdf.Column("Comments", 0.42),
)


def _feedback_cells(r: feedback.FeedbackRow, on: dt.date) -> tuple[list[pdf.Cell], Any]:
    fill = None
    if r.closed_on:
        state: pdf.Cell = f"Closed {_d(r.closed_on)}"
    elif r.kind == feedback.FeedbackKind.COMPLIMENT:
        state = "Compliment"
    elif r.overdue(on):
        state, fill = pdf.Bold(f"{OVERDUE}: answer due {_d(r.respond_by)}"), pdf.ALERT_FILL
    else:
        state = f"Open, answer by {_d(r.respond_by)}" if not r.response else "Answered, open"
    text = f"{r.response}\n{state}" if r.response else state
    cell: pdf.Cell = pdf.Bold(text) if isinstance(state, pdf.Bold) else text
    return (
        [
            r.reference,
            feedback.KIND_LABELS[r.kind],
            _d(r.received_on),
            r.customer,
            r.product,
            r.description,
            feedback.SEVERITY_LABELS[r.severity] if r.severity else "",
            r.owner_name,
            cell,
            r.action_ref,
        ],
        fill,
    )


def write_feedback(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """Complaints and returns still open (the overdue ones first); what was received from
    `start` to `end` (default the last 12 months) by customer, and the complaints and returns
    among it; the satisfaction results. (Compliments are counted by customer.)"""
    first, last, day = _period(params)
    refuse_other_params(params, "feedback report", "start=DATE, end=DATE, on=DATE")
    with db.read() as session:
        open_ids = feedback.query_ids(session, feedback.FeedbackQuery(open_only=True), on=day)
        still_open = feedback.fetch_rows(session, open_ids)
        complaints = feedback.FeedbackQuery(
            kinds=frozenset({feedback.FeedbackKind.COMPLAINT, feedback.FeedbackKind.RETURN}),
            start=first,
            end=last,
        )
        received = feedback.fetch_rows(session, feedback.query_ids(session, complaints))
        by_customer = feedback.by_customer(session, first, last)
        surveys = feedback.survey_rows(session)
        counts = feedback.counts(session, day, first, last)
    report = _report(
        db,
        "Customer feedback",
        f"Open as of {_d(day)}; received from {_d(first)} to {_d(last)}",
        printed,
    )
    width, st = report.frame_width, pdf.styles()
    story: list[Flowable] = [
        pdf.rich(
            f"<b>{counts.complaints}</b> complaints  ·  <b>{counts.compliments}</b> compliments  "
            f"·  <b>{counts.returns}</b> returns received in the period  ·  <b>{counts.open}</b> "
            f"open, <b>{counts.overdue}</b> of them {OVERDUE} (not answered by the date promised)",
            st.body,
        ),
        pdf.spacer(4),
    ]
    overdue = [r for r in still_open if r.overdue(day)]
    rest = [r for r in still_open if not r.overdue(day)]
    for title, rows, empty in (
        ("Complaints and returns not answered in time", overdue, "None is overdue."),
        ("Other open complaints and returns", rest, "No other is open."),
    ):
        story.extend(section(f"{title} ({len(rows)})"))
        if rows:
            cells, fills = zip(*(_feedback_cells(r, day) for r in rows), strict=True)
            story.append(pdf.data_table(FEEDBACK_COLUMNS, cells, width, row_fills=list(fills)))
        else:
            story.append(pdf.paragraph(empty, st.muted))
    story.extend(section(f"By customer, received from {_d(first)} to {_d(last)}"))
    if by_customer:
        story.append(
            pdf.data_table(
                BY_CUSTOMER_COLUMNS,
                [[c, f"{a:,}", f"{b:,}", f"{r:,}"] for c, a, b, r in by_customer],
                width * 0.6,
            )
        )
    else:
        story.append(pdf.paragraph("Nothing was received in the period.", st.muted))
    title = f"Complaints and returns received from {_d(first)} to {_d(last)} ({len(received)})"
    story.extend(section(title))
    if received:
        cells, fills = zip(*(_feedback_cells(r, day) for r in received), strict=True)
        story.append(pdf.data_table(FEEDBACK_COLUMNS, cells, width, row_fills=list(fills)))
    else:
        story.append(pdf.paragraph("None was received.", st.muted))
    story.extend(section(f"Customer satisfaction results ({len(surveys)})"))
    if surveys:
        survey_cells = [
            [
                s.reference,
                f"{_d(s.period_start)} to {_d(s.period_end)}",
                s.method,
                f"{s.responses}" + (f" of {s.sent}" if s.sent else ""),
                s.score_text,
                s.comments,
            ]
            for s in surveys
        ]
        story.append(pdf.data_table(SURVEY_COLUMNS, survey_cells, width))
    else:
        story.append(pdf.paragraph("No satisfaction result is recorded.", st.muted))
    return report.build(story, out, progress=progress)


# --- changes ------------------------------------------------------------------------------------

_CV = changes.CHANGE_VOCAB
CHANGE_COLUMNS = tuple(
    pdf.Column(_CV[key].short_label if key != "description" else "What and why", width)
    for key, width in (
        ("reference", 0.07),
        ("title", 0.12),
        ("description", 0.2),
        ("system_impact", 0.14),
        ("product_impact", 0.12),
        ("approved_by_id", 0.1),
        ("status", 0.09),
        ("review_result", 0.16),
    )
)


def _change_cells(r: changes.ChangeRow, on: dt.date) -> tuple[list[pdf.Cell], Any]:
    approval = f"{r.approved_by_name}\n{_d(r.approved_on)}" if r.approved_on else "(not yet)"
    status = changes.STATUS_LABELS[r.status]
    if r.implemented_on:
        status += f"\nmade {_d(r.implemented_on)}"
    review: pdf.Cell = r.review_result
    fill = None
    if r.status == changes.ChangeStatus.REVIEWED:
        review = f"{r.review_result}\nreviewed {_d(r.reviewed_on)} by {r.reviewed_by_name}"
    elif r.review_overdue(on):
        review, fill = pdf.Bold(f"{OVERDUE}: review due {_d(r.review_due)}"), pdf.ALERT_FILL
    elif r.review_due:
        review = f"review due {_d(r.review_due)}"
    return (
        [
            r.reference,
            r.title,
            f"{r.description}\nWhy: {r.reason}",
            r.system_impact,
            r.product_impact,
            approval,
            status,
            review,
        ],
        fill,
    )


def write_changes(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """Every change: proposed and approved ones, those made (reviews overdue marked), reviewed."""
    day = day_param(params.pop("on", None)) or today()
    refuse_other_params(params, "changes report", "on=DATE")
    with db.read() as session:
        rows = changes.all_rows(session)
    report = _report(db, "Changes register", f"As of {_d(day)}", printed)
    width, st = report.frame_width, pdf.styles()
    late = sum(r.review_overdue(day) for r in rows)
    story: list[Flowable] = [
        pdf.rich(
            f"<b>{len(rows)}</b> changes  ·  <b>{late}</b> reviews of results {OVERDUE}", st.body
        ),
        pdf.spacer(4),
    ]
    groups = (
        ("Proposed and approved", (changes.ChangeStatus.PROPOSED, changes.ChangeStatus.APPROVED)),
        ("Made, results to review", (changes.ChangeStatus.IMPLEMENTED,)),
        ("Reviewed", (changes.ChangeStatus.REVIEWED,)),
        ("Rejected", (changes.ChangeStatus.REJECTED,)),
    )
    for title, statuses in groups:
        part = [r for r in rows if r.status in statuses]
        story.extend(section(f"{title} ({len(part)})"))
        if part:
            cells, fills = zip(*(_change_cells(r, day) for r in part), strict=True)
            story.append(pdf.data_table(CHANGE_COLUMNS, cells, width, row_fills=list(fills)))
        else:
            story.append(pdf.paragraph("None.", st.muted))
    return report.build(story, out, progress=progress)


# --- one design project -------------------------------------------------------------------------

STAGE_COLUMNS = (
    pdf.Column("Date", 0.08),
    pdf.Column("Stage", 0.1),
    pdf.Column("Clause", 0.05),
    pdf.Column("What was done", 0.27),
    pdf.Column("Outcome", 0.24),
    pdf.Column("Who took part", 0.14),
    pdf.Column("Files", 0.12),
)


def write_design_project(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    printed: dt.datetime | None = None,
    project: str = "",
    **params: Any,
) -> Path:
    """One design project with every stage record, for an auditor (project=REF)."""
    refuse_other_params(params, "design project report", "project=REF")
    with db.read() as session:
        if not design.applies(session):
            raise ValidationError(design.EXCLUDED_MESSAGE)
        project_id = design.id_for_reference(session, project)
        if project_id is None:
            raise ValidationError(f"There is no design project '{project}'.")
        row = design.get_row(session, project_id)
        stages = design.stages_of(session, [project_id])[project_id]
    report = _report(db, f"Design project {row.reference}", row.title, printed)
    width, st = report.frame_width, pdf.styles()
    story: list[Flowable] = [
        pdf.key_values(
            [
                ("Project", f"{row.reference}: {row.title}"),
                ("Customer", row.customer or "(internal)"),
                ("Design lead", row.owner_name),
                ("Status", design.STATUS_LABELS[row.status]),
                ("Started", _d(row.started_on)),
                ("Completed", _d(row.completed_on) or "(not yet)"),
                ("Description", row.description),
            ],
            width,
            key_fraction=0.18,
        )
    ]
    done = {s.kind for s in stages}
    missing = [
        design.STAGE_LABELS[k]
        for k in design.StageKind
        if k not in done and k != design.StageKind.CHANGE
    ]
    if missing:
        story.append(pdf.paragraph(f"No record yet of: {', '.join(missing)}.", st.muted))
    story.extend(section(f"Stage records ({len(stages)})"))
    rows = [
        [
            _d(s.held_on),
            design.STAGE_LABELS[s.kind],
            design.STAGE_CLAUSES[s.kind],
            s.summary,
            s.outcome,
            s.participants,
            "\n".join(f.name for f in s.files),
        ]
        for s in stages
    ]
    story.append(
        pdf.data_table(STAGE_COLUMNS, rows, width)
        if rows
        else pdf.paragraph("No stage is recorded.", st.muted)
    )
    return report.build(story, out, progress=progress)
