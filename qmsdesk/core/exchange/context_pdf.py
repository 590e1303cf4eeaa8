"""The context report (``qmsdesk report context``): the scope in the header block (statement,
sites, products and services, the requirements that do not apply with their reasons and the
auditor's warnings), the quality policy and how it was communicated, then the context issues and
the interested parties. On the shared report template (:mod:`qmsdesk.core.exchange.pdf`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

from qmsdesk.core import company, context
from qmsdesk.core.dates import format_day, today
from qmsdesk.core.exchange import pdf
from qmsdesk.core.exchange.actions_pdf import day_param, refuse_other_params, section

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

TITLE = "Context of the organisation"
OVERDUE = "OVERDUE"

_I = context.ISSUE_VOCAB
_P = context.PARTY_VOCAB

ISSUE_COLUMNS = tuple(
    pdf.Column(_I[key].short_label, width)
    for key, width in (
        ("reference", 0.06),
        ("side", 0.07),
        ("category", 0.1),
        ("title", 0.17),
        ("description", 0.2),
        ("effect", 0.18),
        ("monitoring", 0.14),
        ("next_review", 0.08),
    )
)
PARTY_COLUMNS = tuple(
    pdf.Column(_P[key].short_label, width)
    for key, width in (
        ("name", 0.14),
        ("side", 0.07),
        ("needs", 0.26),
        ("requirements", 0.26),
        ("monitoring", 0.19),
        ("next_review", 0.08),
    )
)


def _review_cell(next_review: dt.date | None, on: dt.date) -> tuple[pdf.Cell, Any]:
    if next_review is None:
        return "", None
    if next_review < on:
        return pdf.Bold(f"{format_day(next_review)}\n{OVERDUE}"), pdf.ALERT_FILL
    return format_day(next_review), None


def scope_block(scope: context.Scope, width: float) -> list[Flowable]:
    """The scope as the header block of the report prints it (the readiness view and the audit
    pack print the same block)."""
    st = pdf.styles()
    excluded: str | Flowable = "None: every requirement of ISO 9001 applies."
    if scope.exclusions:
        lines = []
        for e in scope.exclusions:
            reason = pdf.markup(e.justification) if e.justification else "<i>(no reason given)</i>"
            lines.append(f"<b>{pdf.markup(e.clause)}</b>: {reason}")
        excluded = pdf.rich("<br/>".join(lines), st.body)
    pairs: list[tuple[str, str | Flowable]] = [
        (context.SCOPE_LABELS["scope"], scope.statement or "(not written yet)"),
        (context.SCOPE_LABELS["sites"], "\n".join(scope.sites) or "(none listed)"),
        (context.SCOPE_LABELS["products"], "\n".join(scope.products) or "(none listed)"),
        ("Requirements not applicable", excluded),
    ]
    story: list[Flowable] = [pdf.key_values(pairs, width, key_fraction=0.22)]
    warnings = scope.warnings
    if warnings:
        story.append(pdf.spacer(3))
        story.append(
            pdf.rich(
                "<b>To put right before the audit:</b> "
                + " ".join(pdf.markup(w) for w in warnings),
                st.small,
            )
        )
    return story


def _policy_block(policy: context.Policy, width: float, on: dt.date) -> list[Flowable]:
    st = pdf.styles()
    story: list[Flowable] = []
    if not policy.found:
        story.append(
            pdf.paragraph(
                "The document register has no document of type Policy: add the quality policy "
                "there.",
                st.muted,
            )
        )
    else:
        effective = format_day(policy.effective_date) if policy.effective_date else "not yet"
        story.append(
            pdf.paragraph(
                f"{policy.code} {policy.title}, revision {policy.revision or '-'}, effective "
                f"{effective}.",
                st.muted,
            )
        )
    if policy.text:
        story.append(pdf.rich(pdf.markup(policy.text).replace("\n", "<br/>"), st.body))
    else:
        story.append(
            pdf.paragraph("The policy's wording is not written in QMS Desk yet.", st.muted)
        )
    if policy.communicated:
        lines = [
            f"{i.code} {i.title}: read by {i.people} of {i.of} people employed on {format_day(on)}."
            for i in policy.communicated
        ]
        story.append(pdf.paragraph("Communicated: " + " ".join(lines), st.small))
    elif policy.found:
        story.append(
            pdf.paragraph(
                "No 'read and understood' training item is linked to the policy yet: how it was "
                "communicated cannot be shown.",
                st.small,
            )
        )
    return story


def write_context(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """Write the context report to `out`."""
    params.pop("audit", None)
    refuse_other_params(params, "context report", "on=DATE")
    day = day_param(on) or today()
    with db.read() as session:
        info = company.get_info(session)
        scope = context.get_scope(session)
        policy = context.get_policy(session, day)
        issues = context.all_issues(session)
        parties = context.all_parties(session)
    report = pdf.Report(
        title=TITLE,
        subtitle=f"Scope, quality policy, context issues and interested parties as of "
        f"{format_day(day)}",
        company=info.name,
        logo=info.logo,
        page_size=pdf.PageSize.A4_LANDSCAPE,
        printed=printed,
    )
    width = report.frame_width
    st = pdf.styles()
    story: list[Flowable] = [pdf.heading("Scope of the quality management system")]
    story += scope_block(scope, width)
    story += section("Quality policy")
    story += _policy_block(policy, width, day)
    story += section(f"Context issues ({len(issues)})")
    if issues:
        cells, fills = [], []
        for r in issues:
            review, fill = _review_cell(r.next_review, day)
            cells.append(
                [
                    r.reference,
                    context.SIDE_LABELS[context.parse_side(r.side)],
                    r.category,
                    r.title,
                    r.description,
                    r.effect,
                    r.monitoring,
                    review,
                ]
            )
            fills.append(fill)
        story.append(pdf.data_table(ISSUE_COLUMNS, cells, width, row_fills=fills))
    else:
        story.append(pdf.paragraph("No context issue is recorded.", st.muted))
    story += section(f"Interested parties ({len(parties)})")
    if parties:
        cells, fills = [], []
        for p in parties:
            review, fill = _review_cell(p.next_review, day)
            cells.append(
                [
                    p.name,
                    context.SIDE_LABELS[context.parse_side(p.side)],
                    p.needs,
                    p.requirements,
                    p.monitoring,
                    review,
                ]
            )
            fills.append(fill)
        story.append(pdf.data_table(PARTY_COLUMNS, cells, width, row_fills=fills))
    else:
        story.append(pdf.paragraph("No interested party is recorded.", st.muted))
    return report.build(story, out, progress=progress)
