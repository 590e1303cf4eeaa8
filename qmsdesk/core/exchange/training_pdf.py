"""The training matrix, a person's training record and the due list as PDFs (shared template).

The matrix is printed on A4 or A3 landscape, split over as many pages as it needs in both
directions: down the people, then across the items, with the names column repeated on every page.
Item headers are rotated; every cell carries its short code as well as its colour, and a legend
runs along the foot of every page, so that the print reads the same in black and white.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak

from qmsdesk.core import company, people, training
from qmsdesk.core.dates import format_day, parse_date
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import pdf
from qmsdesk.core.exchange import training_pdf_grid as grid
from qmsdesk.core.text import shown
from qmsdesk.core.training import (
    DUE,
    RECORDS,
    STATUS_CODES,
    CellStatus,
    MatrixQuery,
)

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

_P = people.PEOPLE


def _paper(value: object) -> pdf.PageSize:
    text = str(value or "A4").strip().upper().replace(" ", "")
    if text in ("A4", "A4LANDSCAPE"):
        return pdf.PageSize.A4_LANDSCAPE
    if text in ("A3", "A3LANDSCAPE"):
        return pdf.PageSize.A3_LANDSCAPE
    raise ValidationError(f"paper: write A4 or A3, not '{shown(value)}'.")


def _day(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return parse_date(value)
    except ValueError as exc:
        raise ValidationError(f"on: {exc}") from exc


def _yes(value: object) -> bool:
    text = str(value or "").strip().lower()
    if text in ("yes", "y", "true", "1", "on"):
        return True
    if text in ("", "no", "n", "false", "0", "off"):
        return False
    raise ValidationError(f"write yes or no, not '{shown(value)}'.")


def _query(params: dict[str, Any]) -> MatrixQuery:
    def one(name: str) -> frozenset[str]:
        value = str(params.get(name) or "").strip()
        return frozenset({value}) if value else frozenset()

    statuses: frozenset[CellStatus] = frozenset()
    if params.get("status"):
        try:
            statuses = frozenset({training.parse_status(str(params["status"]))})
        except ValueError as exc:
            raise ValidationError(f"status: {exc}") from exc
    return MatrixQuery(
        departments=one("department"),
        roles=one("role"),
        categories=one("category"),
        statuses=statuses,
        include_left=_yes(params.get("left", "")),
        include_archived=_yes(params.get("archived", "")),
    )


def write_matrix(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    paper: str = "A4",
    query: MatrixQuery | None = None,
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **filters: Any,
) -> Path:
    """The training matrix. Filters (strings, as the command line gives them): department, role,
    category, status (a code such as EXP), left=yes, archived=yes; or a MatrixQuery."""
    page = _paper(paper)
    unknown = set(filters) - {"department", "role", "category", "status", "left", "archived"}
    if unknown:
        raise ValidationError(
            f"The training matrix report does not know {', '.join(sorted(unknown))}. It takes "
            "paper, department, role, category, status, left and archived."
        )
    query = query or _query(filters)
    with db.read() as session:
        info = company.get_info(session)
        matrix = training.compute_matrix(session, query, on=_day(on))
    ok, required = matrix.compliance()
    subtitle = (
        f"Status on {matrix.on:%d %B %Y} · {len(matrix.people)} people × {len(matrix.items)} "
        f"items · {training.percent(ok, required)} of required trainings valid · expiring soon "
        f"means within {matrix.window_days} days"
    )
    report = pdf.Report(
        title="Training matrix",
        subtitle=subtitle,
        company=info.name,
        logo=info.logo,
        page_size=page,
        printed=printed,
    )
    story: list[Flowable] = []
    if not matrix.people or not matrix.items:
        story.append(
            pdf.paragraph(
                "Nothing to show: there are no people or no training items (or none match the "
                "filters)."
            )
        )
    blocks = grid.blocks(matrix, report.frame_width, report.frame_height)
    for n, block in enumerate(blocks if matrix.people and matrix.items else []):
        if n:
            story.append(PageBreak())
        story.append(block)
    return report.build(story, Path(out), progress=progress, expected_pages=len(blocks))


# --- a person's training record --------------------------------------------------------------

_NEEDS = (
    pdf.Column(DUE["item_code"].short_label, 0.12),
    pdf.Column(DUE["item_title"].short_label, 0.32),
    pdf.Column(DUE["required_level"].short_label, 0.12),
    pdf.Column(DUE["status"].short_label, 0.16),
    pdf.Column(DUE["last_trained"].short_label, 0.1),
    pdf.Column(DUE["level"].short_label, 0.06, "CENTER"),
    pdf.Column(DUE["expires"].short_label, 0.1),
)
_RECORDS = (
    pdf.Column(RECORDS["trained_on"].short_label, 0.1),
    pdf.Column(DUE["item_code"].short_label, 0.2),  # the item's code and title
    pdf.Column(RECORDS["level"].short_label, 0.05, "CENTER"),
    pdf.Column(RECORDS["trainer"].label, 0.13),
    pdf.Column(RECORDS["hours"].short_label, 0.06, "RIGHT"),
    pdf.Column(RECORDS["result"].short_label, 0.07),
    pdf.Column(RECORDS["attachment_name"].short_label, 0.15),
    pdf.Column("Effectiveness", 0.24),  # method, date, evaluator and outcome in one
)


def _person(session: Any, employee_no: str) -> int:
    person_id = people.id_for_employee_no(session, employee_no)
    if person_id is None:
        raise ValidationError(f"There is nobody with the employee number '{employee_no}'.")
    return person_id


def write_record(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    person: str = "",
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
) -> Path:
    """A person's training record for an auditor: who they are, what they need, what they did."""
    if not str(person).strip():
        raise ValidationError(
            "Say whose training record to print: the person's employee number (on the command "
            "line: --person NUMBER)."
        )
    with db.read() as session:
        info = company.get_info(session)
        t = training.transcript(session, _person(session, str(person)), on=_day(on))
    p = t.person
    report = pdf.Report(
        title="Training record",
        subtitle=f"{p.name} ({p.employee_no}) · status on {t.on:%d %B %Y}",
        company=info.name,
        logo=info.logo,
        page_size=pdf.PageSize.A4_PORTRAIT,
        printed=printed,
    )
    width = report.frame_width
    ok, required = t.compliance()
    details: list[tuple[str, str]] = [
        (_P["employee_no"].label, p.employee_no),
        (_P["name"].label, p.name),
        (_P["department"].label, p.department or "—"),
        (_P["roles"].label, people.roles_text(p.roles) or "—"),
        (_P["manager_no"].label, f"{p.manager_name} ({p.manager_no})" if p.manager_no else "—"),
        (_P["start_date"].short_label, format_day(p.start_date) if p.start_date else "—"),
    ]
    if p.leaving_date:
        details.append((_P["leaving_date"].short_label, format_day(p.leaving_date)))
    details.append(
        ("Compliance", f"{training.percent(ok, required)} ({ok} of {required} required valid)")
    )
    story: list[Flowable] = [pdf.key_values(details, width), pdf.heading("Required training")]
    if t.needs:
        needs_rows = []
        fills: list[colors.Color | None] = []
        for item, cell in t.needs:
            latest = cell.latest
            status = f"{STATUS_CODES[cell.status]} {training.STATUS_SHORT[cell.status]}"
            needs_rows.append(
                [
                    item.code,
                    item.title,
                    training.level_text(cell.required_level or 1),
                    status if cell.status in training.COMPLIANT else pdf.Bold(status),
                    format_day(latest.trained_on) if latest else "",
                    str(latest.level) if latest else "",
                    format_day(cell.expires) if cell.expires else "",
                ]
            )
            fills.append(grid.FILL[cell.status] if cell.status not in training.COMPLIANT else None)
        story.append(pdf.data_table(_NEEDS, needs_rows, width, row_fills=fills))
    else:
        story.append(pdf.paragraph("No training is required of this person's roles."))
    story.append(pdf.heading("Training records"))
    if t.records:
        rows = []
        for r in t.records:
            evidence = (
                f"{r.attachment_name} (SHA-256 {r.attachment_sha256[:12]}…)"
                if r.attachment_name
                else ""
            )
            effectiveness = "; ".join(
                part
                for part in (
                    r.effectiveness_method,
                    format_day(r.effectiveness_date) if r.effectiveness_date else "",
                    f"by {r.effectiveness_by}" if r.effectiveness_by else "",
                    r.effectiveness_outcome,
                )
                if part
            )
            item_text = f"{r.item_code} {r.item_title}"
            if r.document_revision:
                item_text += f" (rev. {r.document_revision})"
            rows.append(
                [
                    format_day(r.trained_on),
                    item_text,
                    str(r.level),
                    r.trainer,
                    f"{r.hours:g}" if r.hours is not None else "",
                    r.result,
                    evidence,
                    effectiveness or "not checked yet",
                ]
            )
        story.append(pdf.data_table(_RECORDS, rows, width))
    else:
        story.append(pdf.paragraph("No training recorded yet."))
    return report.build(story, Path(out), progress=progress)


# --- the due list ----------------------------------------------------------------------------

_DUE = (
    pdf.Column(DUE["due"].short_label, 0.07),
    pdf.Column(DUE["status"].short_label, 0.1),
    pdf.Column(_P["employee_no"].short_label, 0.07),
    pdf.Column(DUE["name"].short_label, 0.12),
    pdf.Column(DUE["department"].short_label, 0.09),
    pdf.Column(DUE["item_code"].short_label, 0.08),
    pdf.Column(DUE["item_title"].short_label, 0.19),
    pdf.Column(DUE["last_trained"].short_label, 0.07),
    pdf.Column("Level / needed", 0.06, "CENTER"),  # the level reached and the level required
    pdf.Column(DUE["reason"].short_label, 0.15),
)


def write_due(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    missing: str | bool = "no",
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
) -> Path:
    """Training that has expired, expires soon or must be redone after a document revision
    (with missing=yes, also required training never done), by the date it falls due."""
    statuses = set(training.DUE_STATUSES)
    if missing is True or _yes(missing):
        statuses |= {CellStatus.MISSING, CellStatus.LEVEL_LOW}
    with db.read() as session:
        info = company.get_info(session)
        day = _day(on)
        rows = training.due_list(session, on=day, statuses=statuses)
        window = training.expiring_window(session)
    report = pdf.Report(
        title="Training due",
        subtitle=f"On {(day or dt.date.today()):%d %B %Y} · {len(rows)} trainings · expiring "
        f"soon means within {window} days",
        company=info.name,
        logo=info.logo,
        page_size=pdf.PageSize.A4_LANDSCAPE,
        printed=printed,
    )
    table_rows = []
    fills: list[colors.Color | None] = []
    for d in rows:
        status = f"{STATUS_CODES[d.status]} {training.STATUS_SHORT[d.status]}"
        table_rows.append(
            [
                format_day(d.due) if d.due else "",
                pdf.Bold(status),
                d.employee_no,
                d.name,
                d.department,
                d.item_code,
                d.item_title,
                format_day(d.last_trained) if d.last_trained else "never",
                f"{d.level or '-'} / {d.required_level}",
                d.reason,
            ]
        )
        fills.append(grid.FILL[d.status])
    story: list[Flowable] = []
    if table_rows:
        story.append(pdf.data_table(_DUE, table_rows, report.frame_width, row_fills=fills))
    else:
        story.append(pdf.paragraph("Nothing is due: all required training is valid."))
    return report.build(story, Path(out), progress=progress)
