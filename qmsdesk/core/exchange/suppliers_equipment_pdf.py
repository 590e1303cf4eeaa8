"""The suppliers, equipment and nonconforming registers as PDF, on the shared report template:
the approved supplier list, the calibration schedule, a sheet of calibration status labels to
stick on the gauges, and the nonconforming outputs register.

Every tint is paired with a word (OVERDUE, EXPIRED, DUE SOON), so the pages read the same in black
and white.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from qmsdesk.core import company, equipment, nonconforming, suppliers
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import pdf
from qmsdesk.core.exchange.actions_pdf import day_param, refuse_other_params, section

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

_ALERT_WORDS = ("OVERDUE", "EXPIRED")
_SOON_WORDS = ("DUE SOON", "EXPIRES SOON")


def _report(
    db: Database, title: str, subtitle: str, size: pdf.PageSize, printed: dt.datetime | None
) -> pdf.Report:
    with db.read() as session:
        info = company.get_info(session)
    return pdf.Report(
        title=title,
        subtitle=subtitle,
        company=info.name,
        logo=info.logo,
        page_size=size,
        printed=printed,
    )


def _dated(day: dt.date | None, word: str) -> tuple[pdf.Cell, Any]:
    """A date cell with its word under it, and the row's tint when the word calls for one."""
    text = day.isoformat() if day else ""
    if word in _ALERT_WORDS:
        return pdf.Bold(f"{text}\n{word}"), pdf.ALERT_FILL
    if word in _SOON_WORDS:
        return f"{text}\n{word}", pdf.WARN_FILL
    return text, None


def _day(on: object) -> dt.date:
    return day_param(on) or today()


# --- the approved supplier list ----------------------------------------------------------------

_S = suppliers.SUPPLIER_VOCAB
SUPPLIER_COLUMNS = (
    pdf.Column(_S["code"].short_label, 0.07),
    pdf.Column(_S["name"].short_label, 0.17),
    pdf.Column(_S["supplies"].short_label, 0.17),
    pdf.Column(_S["criticality"].short_label, 0.07),
    pdf.Column(_S["status"].short_label, 0.1),
    pdf.Column("Last evaluation", 0.1),
    pdf.Column(_S["next_evaluation"].short_label, 0.09),
    pdf.Column("Certificates", 0.15),
    pdf.Column("NCs / open actions", 0.08, "CENTER"),
)


def write_suppliers(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """The approved supplier list: approved and conditionally approved suppliers, their latest
    evaluation, the next one due, their certificates with expiry, and their performance."""
    refuse_other_params(params, "approved supplier list", "on=DATE")
    day = _day(on)
    with db.read() as session:
        rows = suppliers.approved_list(session)
        certs: dict[int, list[suppliers.CertificateRow]] = {}
        for c in suppliers.certificates(session):
            certs.setdefault(c.supplier_id, []).append(c)
        plan = suppliers.scheme(session)
    report = _report(
        db, "Approved supplier list", f"As of {day.isoformat()}", pdf.PageSize.A4_LANDSCAPE, printed
    )
    cells, fills = [], []
    overdue = expired = 0
    for r in rows:
        due_cell, fill = _dated(r.next_evaluation, r.evaluation_word(day))
        overdue += r.evaluation_word(day) == "OVERDUE"
        lines = []
        for c in certs.get(r.id, []):
            word = suppliers.expiry_word(c.expires_on, day)
            expired += word == "EXPIRED"
            lines.append(
                f"{c.name}: {c.expires_on.isoformat() if c.expires_on else '-'}"
                f"{' ' + word if word else ''}"
            )
            if word == "EXPIRED":
                fill = pdf.ALERT_FILL
        last = ""
        if r.last_evaluated:
            result = suppliers.RESULT_LABELS[r.last_result] if r.last_result else ""
            last = f"{r.last_evaluated.isoformat()}\n{r.last_overall:g} / {plan.scale_max} {result}"
        cert_text: pdf.Cell = "\n".join(lines) or "(none)"
        if any("EXPIRED" in line for line in lines):
            cert_text = pdf.Bold(cert_text)
        cells.append(
            [
                r.code,
                r.name,
                r.supplies,
                suppliers.CRITICALITY_LABELS[r.criticality],
                suppliers.STATUS_LABELS[r.status],
                last,
                due_cell,
                cert_text,
                f"{r.nc_count} / {r.open_actions}",
            ]
        )
        fills.append(fill)
    st = pdf.styles()
    story: list[Flowable] = [
        pdf.rich(
            f"<b>{len(rows)}</b> approved suppliers  ·  <b>{overdue}</b> re-evaluations overdue  "
            f"·  <b>{expired}</b> certificates expired",
            st.body,
        ),
        pdf.paragraph(
            f"Scores on a scale of 1 to {plan.scale_max} ({', '.join(plan.criteria)}). "
            f"Re-evaluated every {plan.interval_high} months (high criticality), "
            f"{plan.interval_medium} (medium), {plan.interval_low} (low). Overdue dates and "
            "expired certificates are marked in words on a tinted row.",
            st.muted,
        ),
        pdf.spacer(4),
    ]
    if cells:
        story.append(pdf.data_table(SUPPLIER_COLUMNS, cells, report.frame_width, row_fills=fills))
    else:
        story.append(pdf.paragraph("No supplier is approved yet.", st.muted))
    return report.build(story, out, progress=progress)


# --- the calibration schedule --------------------------------------------------------------

_Q = equipment.EQUIPMENT_VOCAB
SCHEDULE_COLUMNS = (
    pdf.Column(_Q["code"].short_label, 0.08),
    pdf.Column(_Q["description"].short_label, 0.2),
    pdf.Column(_Q["location"].short_label, 0.1),
    pdf.Column(_Q["owner"].short_label, 0.1),
    pdf.Column(_Q["accuracy"].short_label, 0.1),
    pdf.Column(_Q["interval_months"].short_label, 0.06, "CENTER"),
    pdf.Column(_Q["status"].short_label, 0.08),
    pdf.Column(_Q["last_calibrated"].short_label, 0.09),
    pdf.Column(_Q["next_due"].short_label, 0.09),
    pdf.Column("Impact review", 0.1),
)


def write_schedule(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """The calibration schedule: every gauge calibrated on schedule, the soonest due first."""
    refuse_other_params(params, "calibration schedule", "on=DATE")
    day = _day(on)
    with db.read() as session:
        rows = equipment.schedule(session, on=day)
    report = _report(
        db, "Calibration schedule", f"As of {day.isoformat()}", pdf.PageSize.A4_LANDSCAPE, printed
    )
    cells, fills = [], []
    late = 0
    for r in rows:
        word = r.due_word(day)
        late += word == "OVERDUE"
        due_cell, fill = _dated(r.next_due, word)
        review: pdf.Cell = pdf.Bold("WAITING") if r.reviews_open else ""
        cells.append(
            [
                r.code,
                r.description,
                r.location,
                r.owner,
                r.accuracy,
                str(r.interval_months),
                equipment.STATUS_LABELS[r.status],
                r.last_calibrated.isoformat() if r.last_calibrated else "never",
                due_cell,
                review,
            ]
        )
        fills.append(fill)
    st = pdf.styles()
    story: list[Flowable] = [
        pdf.rich(f"<b>{len(rows)}</b> gauges on schedule  ·  <b>{late}</b> overdue", st.body),
        pdf.paragraph(
            "Overdue calibrations are marked OVERDUE on a tinted row; those due within "
            f"{equipment.DUE_SOON_DAYS} days DUE SOON. Retired and out-of-service "
            "equipment is not listed.",
            st.muted,
        ),
        pdf.spacer(4),
    ]
    if cells:
        story.append(pdf.data_table(SCHEDULE_COLUMNS, cells, report.frame_width, row_fills=fills))
    else:
        story.append(pdf.paragraph("No equipment is on the calibration schedule.", st.muted))
    return report.build(story, out, progress=progress)


# --- calibration status labels ------------------------------------------------------------

LABELS_ACROSS = 3
LABEL_HEIGHT = 24 * mm
LABEL_GAP = 4 * mm
LABEL_DAYS = 30  # the labels printed by default: gauges calibrated in the last 30 days


class LabelSheet(Flowable):
    """One page of labels drawn straight on the canvas (a table of tables would take minutes
    for 20,000 gauges): each label a box with the gauge's ID and status, calibrated on, due, by.
    DO NOT USE is printed on the label of a gauge past its date, in words, not only a colour."""

    def __init__(self, rows: list[equipment.EquipmentRow], day: dt.date, width: float) -> None:
        super().__init__()
        self.rows, self.day, self.width = rows, day, width
        self.label_width = width / LABELS_ACROSS - LABEL_GAP
        lines = -(-len(rows) // LABELS_ACROSS)
        self.height = lines * (LABEL_HEIGHT + LABEL_GAP)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        w, h = self.label_width, LABEL_HEIGHT
        line = h / 4
        for n, r in enumerate(self.rows):
            row, col = divmod(n, LABELS_ACROSS)
            x = col * (w + LABEL_GAP)
            top = self.height - row * (h + LABEL_GAP)
            late = r.due_word(self.day) == "OVERDUE"
            c.setStrokeColor(colors.black)
            c.setLineWidth(0.8)
            c.rect(x, top - h, w, h)
            c.setLineWidth(0.5)
            c.line(x, top - line, x + w, top - line)
            status = (
                "DO NOT USE" if late else ("CALIBRATED" if r.last_calibrated else "NOT CALIBRATED")
            )
            c.setFillColor(colors.black)
            c.setFont(pdf.FONT_BOLD, 9)
            c.drawString(x + 3, top - line + 5, r.code)
            c.drawRightString(x + w - 3, top - line + 5, status)
            values = (
                ("Calibrated", r.last_calibrated.isoformat() if r.last_calibrated else "-"),
                ("Due", r.next_due.isoformat() if r.next_due else "-"),
                ("By", pdf.shorten(r.last_by or "-", pdf.FONT, 7, w * 0.62)),
            )
            for k, (label, value) in enumerate(values, 2):
                base = top - k * line + 5
                c.setFont(pdf.FONT, 7)
                c.setFillColor(pdf.MUTED)
                c.drawString(x + 3, base, label)
                c.setFillColor(colors.black)
                c.drawString(x + w * 0.35, base, value)


def write_labels(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    status: str | None = None,
    **params: Any,
) -> Path:
    """A sheet of status labels to cut out and stick on the gauges: ID, calibrated on, due, by.
    By default the gauges calibrated in the last LABEL_DAYS days (the labels to renew);
    `status=overdue` gives the gauges past their date (DO NOT USE), `status=all` every gauge on
    the schedule."""
    refuse_other_params(params, "calibration labels", "on=DATE, status=recent|overdue|all")
    day = _day(on)
    which = (status or "recent").strip().lower()
    if which not in ("recent", "overdue", "all"):
        raise ValidationError("status: write recent, overdue or all.")
    with db.read() as session:
        rows = equipment.schedule(session, on=day)
    if which == "overdue":
        rows = [r for r in rows if r.due_word(day) == "OVERDUE"]
    elif which == "recent":
        since = day - dt.timedelta(days=LABEL_DAYS)
        rows = [r for r in rows if r.last_calibrated and since <= r.last_calibrated <= day]
    rows.sort(key=lambda r: r.code.casefold())
    report = _report(
        db,
        "Calibration status labels",
        f"{len(rows)} labels, {day.isoformat()}",
        pdf.PageSize.A4_PORTRAIT,
        printed,
    )
    per_page = int(report.frame_height // (LABEL_HEIGHT + LABEL_GAP)) * LABELS_ACROSS
    story: list[Flowable] = [
        LabelSheet(rows[i : i + per_page], day, report.frame_width)
        for i in range(0, len(rows), per_page)
    ]
    if not story:
        story.append(pdf.paragraph("No gauge to label.", pdf.styles().muted))
    return report.build(story, out, progress=progress)


# --- the nonconforming outputs register ------------------------------------------------------

_N = nonconforming.NC_VOCAB
NC_COLUMNS = (
    pdf.Column(_N["reference"].short_label, 0.07),
    pdf.Column(_N["found_on"].short_label, 0.065),
    pdf.Column(_N["found_at"].short_label, 0.08),
    pdf.Column(_N["product"].short_label, 0.12),
    pdf.Column(_N["quantity"].short_label, 0.04, "RIGHT"),
    pdf.Column(_N["description"].short_label, 0.22),
    pdf.Column(_N["supplier_id"].short_label, 0.06),
    pdf.Column(_N["disposition"].short_label, 0.1),
    pdf.Column(_N["authorised_by"].short_label, 0.09),
    pdf.Column(_N["cost"].short_label, 0.05, "RIGHT"),
    pdf.Column(_N["action_id"].short_label, 0.07),
    pdf.Column(_N["closed_on"].short_label, 0.065),
)


def write_nonconforming(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """The nonconforming outputs found from `start` to `end` (by default the last 12 months,
    with any output found earlier that is still open): counts by where found and disposition,
    then every output, those without a disposition first."""
    refuse_other_params(params, "nonconforming outputs register", "start=DATE, end=DATE")
    given = start is not None or end is not None
    last = day_param(end) or today()
    first = day_param(start) if given else add_months(last, -12) + dt.timedelta(days=1)
    if first is not None and first > last:
        raise ValidationError("start: the period starts after it ends.")
    with db.read() as session:
        rows = nonconforming.all_rows(session, nonconforming.NcQuery(start=first, end=last))
        if not given and first is not None:
            older = nonconforming.NcQuery(end=first - dt.timedelta(days=1), open_only=True)
            rows = nonconforming.all_rows(session, older) + rows
        counts = nonconforming.breakdown(session, first, last)
    span = f"Found from {first.isoformat() if first else 'the start'} to {last.isoformat()}"
    if not given:
        span += ", and older outputs still open"
    report = _report(db, "Nonconforming outputs", span, pdf.PageSize.A4_LANDSCAPE, printed)
    st = pdf.styles()
    story: list[Flowable] = [
        pdf.rich(
            f"<b>{counts.total}</b> outputs  ·  <b>{counts.open}</b> open  ·  cost "
            f"<b>{counts.cost:,.2f}</b>",
            st.body,
        ),
        pdf.spacer(4),
    ]
    places = list(nonconforming.FOUND_LABELS)
    disps: list[nonconforming.Disposition | None] = [*nonconforming.DISPOSITION_LABELS, None]
    grid_cols = (
        pdf.Column("Disposition", 0.22),
        *(pdf.Column(nonconforming.FOUND_LABELS[p], 0.12, "RIGHT") for p in places),
        pdf.Column("Total", 0.1, "RIGHT"),
    )
    grid_rows = [
        [
            nonconforming.DISPOSITION_LABELS[d] if d else "Not decided yet",
            *(str(counts.grid.get((p, d), 0)) for p in places),
            str(counts.by_disposition.get(d, 0)),
        ]
        for d in disps
    ]
    grid_rows.append(
        [
            pdf.Bold("Total"),
            *(pdf.Bold(str(counts.by_found_at.get(p, 0))) for p in places),
            pdf.Bold(str(counts.total)),
        ]
    )
    story.extend(section("By where found and disposition"))
    story.append(pdf.data_table(grid_cols, grid_rows, report.frame_width * 0.8, zebra=False))
    undecided = [r for r in rows if r.disposition is None]
    decided = [r for r in rows if r.disposition is not None]
    for title, part in (("Waiting for a disposition", undecided), ("Dispositioned", decided)):
        story.extend(section(f"{title} ({len(part)})"))
        if not part:
            story.append(pdf.paragraph("None.", st.muted))
            continue
        cells = [
            [
                r.reference,
                r.found_on.isoformat(),
                nonconforming.FOUND_LABELS[r.found_at],
                r.product,
                "" if r.quantity is None else f"{r.quantity:g}",
                r.description,
                r.supplier_code,
                nonconforming.DISPOSITION_LABELS[r.disposition]
                if r.disposition
                else pdf.Bold("NOT DECIDED"),
                r.authorised_by + (f"\nconcession {r.concession_ref}" if r.concession_ref else ""),
                "" if r.cost is None else f"{r.cost:,.2f}",
                r.action_ref,
                r.closed_on.isoformat() if r.closed_on else "open",
            ]
            for r in part
        ]
        fills = [pdf.WARN_FILL if r.disposition is None else None for r in part]
        story.append(pdf.data_table(NC_COLUMNS, cells, report.frame_width, row_fills=fills))
    return report.build(story, out, progress=progress)
