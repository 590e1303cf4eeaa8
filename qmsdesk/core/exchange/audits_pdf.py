"""Audit reports as PDF, on the shared report template (:mod:`qmsdesk.core.exchange.pdf`).

* **The blank checklist** (A4 portrait) goes onto a clipboard on the shop floor: a box per question
  with its number, clause and clause title, the question in a size that reads at arm's length, the
  evidence to look for, ruled lines to write notes on, and a column of tick boxes for the results.
  The audit's reference, auditee, date and auditor are in the header of every page, so a loose
  page still says where it belongs; the last page has room for other findings and the signatures.
* **The audit report**: details and scope, counts by classification, every finding with its
  evidence and corrective action, and the answered checklist.

The actions register's report is in :mod:`qmsdesk.core.exchange.actions_pdf` (its
:func:`write_actions` is found here too, as it always was).

Every tint is paired with a word (OVERDUE, the classification), so the pages read the same in
black and white.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from qmsdesk.core import actions, audits, company
from qmsdesk.core.catalogue import clause_title
from qmsdesk.core.dates import DEFAULT_STYLE, current_style, format_day, today
from qmsdesk.core.db.models_audits import AuditStatus, FindingClass, Result
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import pdf
from qmsdesk.core.exchange.actions_pdf import (
    OVERDUE,
    day_param,
    refuse_other_params,
    section,
    write_actions,  # noqa: F401  (the actions register's report, found here as it always was)
)

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

CHECKLIST_TITLE = "Internal audit checklist"
REPORT_TITLE = "Internal audit report"
BLANK = "________________"
#: Labels of the fields printed, from the audits' field vocabulary.
_AUDIT = audits.FIELD_LABELS
_QUESTION = audits.QUESTION_FIELD_LABELS
_FINDING = audits.FINDING_FIELD_LABELS

#: The tick boxes of the checklist, top to bottom, with the words printed beside them.
TICKS: tuple[tuple[Result, str], ...] = (
    (Result.CONFORMING, "Conforming"),
    (Result.MINOR_NC, "Minor NC"),
    (Result.MAJOR_NC, "Major NC"),
    (Result.OFI, "OFI"),
    (Result.OBSERVATION, "Observation"),
    (Result.NOT_APPLICABLE, "N/A"),
    (Result.NOT_AUDITED, "Not audited"),
)
_CLASS_FILL = {
    FindingClass.MAJOR_NC: pdf.ALERT_FILL,
    FindingClass.MINOR_NC: pdf.WARN_FILL,
}


def _audit_param(audit: object) -> str:
    text = str(audit or "").strip()
    if not text:
        raise ValidationError(
            "Say which audit: give its reference (--audit IA-2026-03, or audit=IA-2026-03)."
        )
    return text


def _people(names: Sequence[str]) -> str:
    return ", ".join(names)


def _day_text(day: dt.date) -> str:
    return format_day(day)


def _dates(start: dt.date | None, end: dt.date | None) -> str:
    """'6 Aug 2026', '6–7 Aug 2026', '30 Sep – 1 Oct 2026' (in the company's other date
    formats: '2026-09-30 – 2026-10-01')."""
    if start is None:
        return ""
    if end is None or end == start:
        return _day_text(start)
    if current_style() != DEFAULT_STYLE:
        return f"{_day_text(start)} – {_day_text(end)}"
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{_day_text(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {_day_text(end)}"
    return f"{_day_text(start)} – {_day_text(end)}"


def _scope_text(audit: audits.AuditRow) -> str:
    parts = []
    if audit.processes:
        parts.append(f"Processes: {_people(audit.processes)}")
    if audit.departments:
        parts.append(f"Departments: {_people(audit.departments)}")
    parts.append(
        f"Clauses: {', '.join(audit.clauses)}" if audit.clauses else "Clauses: all of ISO 9001:2015"
    )
    return "\n".join(parts)


def _clause_label(number: str) -> str:
    try:
        return clause_title(number)
    except KeyError:
        return ""


# --- the blank checklist ---------------------------------------------------------------------

_BAND = 17.0  # the question's title band
_PAD = 6.0
_TICK_COLUMN = 37 * mm
_TICK_BOX = 11.0  # 3.9 mm: big enough for a pen
_TICK_PITCH = 15.5
_NOTE_PITCH = 21.0  # 7.4 mm between ruled lines: room for handwriting on a clipboard
_QUESTION_SIZE = 10.5
_QUESTION_LEADING = 13.6
_HINT_SIZE = 8.5
_HINT_LEADING = 11.0
_NOTE_RULE = colors.HexColor("#b4bdc7")  # ruled lines: visible on a photocopy, quiet on paper


class QuestionBlock(Flowable):
    """One checklist question drawn in a box: never split across pages."""

    def __init__(
        self, number: int, total: int, clause: str, question: str, hint: str, note_lines: int = 4
    ) -> None:
        super().__init__()
        self.number, self.total = number, total
        self.clause, self.question, self.hint = clause, question, hint
        self.note_lines = note_lines
        self._lines: list[str] = []
        self._hint_lines: list[str] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        text_width = available_width - _TICK_COLUMN - 2 * _PAD
        self._lines = pdf.wrap_text(self.question, pdf.FONT, _QUESTION_SIZE, text_width)
        self._hint_lines = (
            pdf.wrap_text(f"Look for: {self.hint}", pdf.FONT_ITALIC, _HINT_SIZE, text_width)
            if self.hint
            else []
        )
        text = len(self._lines) * _QUESTION_LEADING + len(self._hint_lines) * _HINT_LEADING
        notes = 12 + self.note_lines * _NOTE_PITCH
        ticks = len(TICKS) * _TICK_PITCH + 4
        self.body = max(text + 4 + notes, ticks)
        self.height = _BAND + _PAD + self.body + _PAD
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        w, h = self.width, self.height
        left_w = w - _TICK_COLUMN
        # The box and its title band.
        c.setFillColor(pdf.HEADER_FILL)
        c.rect(0, h - _BAND, w, _BAND, stroke=0, fill=1)
        c.setStrokeColor(pdf.RULE)
        c.setLineWidth(0.7)
        c.rect(0, 0, w, h, stroke=1, fill=0)
        c.line(0, h - _BAND, w, h - _BAND)
        c.line(left_w, 0, left_w, h - _BAND)
        baseline = h - _BAND + 5.2
        c.setFillColor(pdf.ACCENT)
        c.setFont(pdf.FONT_BOLD, 10)
        number = f"{self.number}"
        c.drawString(_PAD, baseline, number)
        x = _PAD + pdf.text_width(number, pdf.FONT_BOLD, 10) + 10
        c.setFillColor(pdf.INK)
        c.setFont(pdf.FONT_BOLD, 10)
        c.drawString(x, baseline, self.clause)
        x += pdf.text_width(self.clause, pdf.FONT_BOLD, 10) + 7
        c.setFillColor(pdf.MUTED)
        c.setFont(pdf.FONT, 8.5)
        title = pdf.shorten(_clause_label(self.clause), pdf.FONT, 8.5, w - x - 70)
        c.drawString(x, baseline, title)
        c.drawRightString(w - _PAD, baseline, f"{self.number} of {self.total}")
        # The question and what to look for.
        y = h - _BAND - _PAD - _QUESTION_SIZE
        c.setFillColor(pdf.INK)
        c.setFont(pdf.FONT, _QUESTION_SIZE)
        for line in self._lines:
            c.drawString(_PAD, y, line)
            y -= _QUESTION_LEADING
        y += _QUESTION_LEADING - _HINT_LEADING - 1
        c.setFillColor(pdf.MUTED)
        c.setFont(pdf.FONT_ITALIC, _HINT_SIZE)
        for line in self._hint_lines:
            c.drawString(_PAD, y, line)
            y -= _HINT_LEADING
        # Ruled lines for notes, filling the space down to the bottom of the box.
        c.setFont(pdf.FONT, 6.8)
        c.drawString(_PAD, y - 3, "NOTES AND EVIDENCE SEEN")
        c.setStrokeColor(_NOTE_RULE)
        c.setLineWidth(0.6)
        line_y = y - 3 - _NOTE_PITCH + 4
        while line_y > _PAD + 2:
            c.line(_PAD, line_y, left_w - _PAD, line_y)
            line_y -= _NOTE_PITCH
        # The tick boxes.
        top = h - _BAND - _PAD
        c.setLineWidth(0.9)
        c.setStrokeColor(pdf.INK)
        for n, (_result, label) in enumerate(TICKS):
            box_y = top - (n + 1) * _TICK_PITCH + (_TICK_PITCH - _TICK_BOX) / 2
            c.rect(left_w + _PAD, box_y, _TICK_BOX, _TICK_BOX, stroke=1, fill=0)
            c.setFillColor(pdf.INK)
            c.setFont(pdf.FONT, 8.8)
            c.drawString(left_w + _PAD + _TICK_BOX + 5, box_y + 2.2, label)


class RuledBox(Flowable):
    """A titled box of ruled lines (other findings, the summary) on the checklist's last page."""

    def __init__(self, title: str, lines: int) -> None:
        super().__init__()
        self.title, self.lines = title, lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = _BAND + 6 + self.lines * _NOTE_PITCH
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        w, h = self.width, self.height
        c.setFillColor(pdf.HEADER_FILL)
        c.rect(0, h - _BAND, w, _BAND, stroke=0, fill=1)
        c.setStrokeColor(pdf.RULE)
        c.setLineWidth(0.7)
        c.rect(0, 0, w, h, stroke=1, fill=0)
        c.setFillColor(pdf.INK)
        c.setFont(pdf.FONT_BOLD, 10)
        c.drawString(_PAD, h - _BAND + 5.2, self.title)
        c.setStrokeColor(_NOTE_RULE)
        c.setLineWidth(0.6)
        y = h - _BAND - _NOTE_PITCH
        while y > 4:
            c.line(_PAD, y, w - _PAD, y)
            y -= _NOTE_PITCH


class Signatures(Flowable):
    """Signature lines: lead auditor and auditee representative, each with name, signature, date."""

    def __init__(self, lead: str) -> None:
        super().__init__()
        self.lead = lead

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, 92.0
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        half = (self.width - 24) / 2
        for n, (title, name) in enumerate(
            (("Lead auditor", self.lead), ("Auditee representative", ""))
        ):
            x = n * (half + 24)
            c.setFillColor(pdf.ACCENT)
            c.setFont(pdf.FONT_BOLD, 10)
            c.drawString(x, self.height - 10, title)
            c.setFillColor(pdf.INK)
            c.setStrokeColor(pdf.INK)
            c.setLineWidth(0.6)
            for k, label in enumerate(("Name", "Signature", "Date")):
                y = self.height - 34 - k * 24
                c.setFont(pdf.FONT, 8.5)
                c.setFillColor(pdf.MUTED)
                c.drawString(x, y, label)
                c.line(x + 52, y - 2, x + half, y - 2)
                if label == "Name" and name:
                    c.setFillColor(pdf.INK)
                    c.setFont(pdf.FONT, 10)
                    c.drawString(x + 56, y, name)


def _info_table(rows: Sequence[tuple[str, str]], width: float) -> Table:
    """The audit's particulars in a ruled grid: label | value | label | value."""
    st = pdf.styles()
    data = []
    for i in range(0, len(rows), 2):
        pair = list(rows[i : i + 2]) + [("", "")] * (2 - len(rows[i : i + 2]))
        line: list[Any] = []
        for label, value in pair:
            line.append(pdf.paragraph(label, st.label))
            line.append(pdf.paragraph(value, st.body) if value else "")
        data.append(line)
    widths = [width * f for f in (0.14, 0.36, 0.14, 0.36)]
    table = Table(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, pdf.RULE),
                ("BACKGROUND", (0, 0), (0, -1), pdf.ZEBRA_FILL),
                ("BACKGROUND", (2, 0), (2, -1), pdf.ZEBRA_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _legend(width: float) -> Flowable:
    explained = [
        ("Conforming", "the requirement is met, with evidence seen"),
        ("Minor NC", "a requirement is not fully met; an isolated lapse"),
        (
            "Major NC",
            "a requirement is not met at all, or the lapse puts product or customer at risk",
        ),
        ("OFI", "opportunity for improvement: it works, but could work better"),
        ("Observation", "worth noting; may become a problem"),
        ("N/A", "does not apply here"),
        ("Not audited", "left out this time"),
    ]
    text = "  ·  ".join(f"<b>{pdf.markup(a)}</b>: {pdf.markup(b)}" for a, b in explained)
    return pdf.rich(
        "<b>Tick one box per question</b> and write what you saw (documents, records, people, "
        f"samples).  {text}.",
        pdf.styles().small,
    )


def checklist_story(
    audit: audits.AuditRow, questions: Sequence[audits.QuestionFields], report: pdf.Report
) -> list[Flowable]:
    width = report.frame_width
    when = _dates(audit.planned_start, audit.planned_end)
    rows = [
        ("Audit", f"{audit.reference}\n{audit.title}"),
        ("Planned", when),
        (_AUDIT["lead_auditor_id"], audit.lead_auditor or BLANK),
        ("Date audited", _dates(audit.actual_start, audit.actual_end) or BLANK),
        (_AUDIT["team_ids"], _people(audit.team) or "—"),
        (_AUDIT["auditee_ids"], _people(audit.auditees) or BLANK),
        ("Scope", _scope_text(audit)),
        (_AUDIT["criteria"], audit.criteria or "ISO 9001:2015 and the company's own procedures"),
    ]
    story: list[Flowable] = [
        _info_table(rows, width),
        pdf.spacer(6),
        _legend(width),
        pdf.spacer(4),
    ]
    total = len(questions)
    for n, q in enumerate(questions, 1):
        story.append(QuestionBlock(n, total, q.clause, q.question, q.hint))
        story.append(pdf.spacer(7))
    story.append(
        KeepTogether(
            [
                RuledBox("Other findings and observations (not on the checklist)", 6),
                pdf.spacer(14),
                Signatures(audit.lead_auditor),
            ]
        )
    )
    return story


def _checklist_subtitle(audit: audits.AuditRow) -> str:
    """Reference, date and auditor first (they must fit), the auditees on the second line."""
    day = _dates(audit.actual_start, audit.actual_end) or _dates(
        audit.planned_start, audit.planned_end
    )
    return (
        f"{audit.reference}  ·  Date: {day}  ·  Auditor: {audit.lead_auditor or BLANK}\n"
        f"Auditee: {_people(audit.auditees) or BLANK}"
    )


def write_checklist(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    audit: str = "",
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """Write the blank checklist of an audit (its reference in `audit`) to `out`.

    An audit without questions yet prints the shipped ISO questions of its clause scope."""
    refuse_other_params(params, "audit checklist", "audit=REFERENCE")
    reference = _audit_param(audit)
    with db.read() as session:
        info = company.get_info(session)
        row = audits.audit_for_reference(session, reference)
        questions: list[audits.QuestionFields] = [
            audits.QuestionFields(q.clause, q.question, q.hint)
            for q in audits.questions_of(session, row.id)
        ]
    if not questions:
        questions = [q for q in audits.iso_questions() if audits.in_scope(q.clause, row.clauses)]
    report = pdf.Report(
        title=CHECKLIST_TITLE,
        subtitle=_checklist_subtitle(row),
        company=info.name,
        logo=info.logo,
        page_size=pdf.PageSize.A4_PORTRAIT,
        printed=printed,
    )
    story = checklist_story(row, questions, report)
    return report.build(story, out, progress=progress, expected_pages=len(questions) // 4 + 1)


# --- the audit report ------------------------------------------------------------------------


def _counts_table(
    findings: Sequence[audits.FindingRow], results: dict[Result | None, int], width: float
) -> Table:
    by_class = {c: sum(1 for f in findings if f.classification == c) for c in FindingClass}
    st = pdf.styles()
    head = [
        "Major NCs",
        "Minor NCs",
        "Opportunities for improvement",
        "Observations",
        "Conforming answers",
        "N/A or not audited",
    ]
    values = [
        by_class[FindingClass.MAJOR_NC],
        by_class[FindingClass.MINOR_NC],
        by_class[FindingClass.OFI],
        by_class[FindingClass.OBSERVATION],
        results.get(Result.CONFORMING, 0),
        results.get(Result.NOT_APPLICABLE, 0) + results.get(Result.NOT_AUDITED, 0),
    ]
    data = [
        [pdf.paragraph(h, st.label) for h in head],
        [pdf.rich(f'<font size="16"><b>{v}</b></font>', st.body) for v in values],
    ]
    table = Table(data, colWidths=[width / len(head)] * len(head), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, pdf.RULE),
                ("BACKGROUND", (0, 0), (-1, 0), pdf.ZEBRA_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 1), (-1, 1), 6),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
            ]
        )
    )
    return table


def _finding_block(
    f: audits.FindingRow, width: float, on: dt.date, action: actions.ActionRow | None
) -> Flowable:
    st = pdf.styles()
    label = audits.FINDING_LABELS[f.classification]
    heading = pdf.rich(
        f"{pdf.markup(f.reference)}  ·  {pdf.markup(label.upper())}  ·  "
        f"{pdf.markup(f.clause)} {pdf.markup(_clause_label(f.clause))}",
        st.heading2,
    )
    pairs: list[tuple[str, str | Flowable]] = [
        (_FINDING["statement"], f.statement or "(statement not written yet)"),
        (_FINDING["evidence"], f.evidence or "—"),
    ]
    if f.question:
        pairs.append(("Checklist question", f.question))
    if action is not None:
        state = action.due_state(on)
        status = actions.STATUS_LABELS[action.status]
        due = action.next_date()
        text = f"{action.reference}: {status}"
        if action.owner_name:
            text += f"; owner {action.owner_name}"
        if due:
            text += f"; due {format_day(due)}"
        if state == actions.DueState.OVERDUE:
            text += f"  {OVERDUE}"
        pairs.append(("Corrective action", text))
    table = pdf.key_values(pairs, width - 10, key_fraction=0.2)
    fill = _CLASS_FILL.get(f.classification)
    box = Table([[heading], [table]], colWidths=[width], hAlign="LEFT")
    style = [
        ("BOX", (0, 0), (-1, -1), 0.6, pdf.RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, pdf.RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("BACKGROUND", (0, 0), (-1, 0), fill or pdf.HEADER_FILL),
    ]
    box.setStyle(TableStyle(style))
    return KeepTogether([box, pdf.spacer(6)])


def report_story(
    audit: audits.AuditRow,
    findings: Sequence[audits.FindingRow],
    questions: Sequence[audits.AuditQuestionRow],
    results: dict[Result | None, int],
    action_rows: Mapping[int | None, actions.ActionRow],
    report: pdf.Report,
    on: dt.date,
) -> list[Flowable]:
    width = report.frame_width
    st = pdf.styles()
    rows = [
        ("Audit", f"{audit.reference}\n{audit.title}"),
        (_AUDIT["status"], audits.STATUS_LABELS[audit.status]),
        ("Planned", _dates(audit.planned_start, audit.planned_end)),
        ("Carried out", _dates(audit.actual_start, audit.actual_end) or "not yet"),
        (_AUDIT["lead_auditor_id"], audit.lead_auditor or "—"),
        (_AUDIT["team_ids"], _people(audit.team) or "—"),
        (_AUDIT["auditee_ids"], _people(audit.auditees) or "—"),
        (_AUDIT["criteria"], audit.criteria or "ISO 9001:2015 and the company's own procedures"),
        ("Scope", _scope_text(audit)),
        (
            "Checklist",
            f"{len(questions)} questions, {sum(1 for q in questions if q.result)} answered",
        ),
    ]
    if audit.independence_reason:
        rows.append((_AUDIT["independence_reason"], audit.independence_reason))
    story: list[Flowable] = [_info_table(rows, width), pdf.spacer(8)]
    story.extend(section("Summary"))
    story.append(pdf.paragraph(audit.summary or "No summary written yet.", st.body))
    story.append(pdf.spacer(4))
    story.append(_counts_table(findings, results, width))
    story.extend(section(f"Findings ({len(findings)})"))
    if not findings and audit.actual_start is None:
        story.append(
            pdf.paragraph(
                "This audit has not been carried out yet: there are no findings to report.",
                st.muted,
            )
        )
    elif not findings and audit.status in (AuditStatus.PLANNED, AuditStatus.IN_PROGRESS):
        story.append(
            pdf.paragraph("No findings recorded so far: the audit is not finished.", st.muted)
        )
    elif not findings:
        story.append(pdf.paragraph("This audit found nothing to report.", st.muted))
    severity = {c: n for n, c in enumerate(audits.FINDING_LABELS)}
    for f in sorted(findings, key=lambda f: (severity[f.classification], f.number)):
        story.append(_finding_block(f, width, on, action_rows.get(f.id)))
    if questions:
        story.extend(section("Checklist answers"))
        columns = (
            pdf.Column("No.", 0.045, "RIGHT"),
            pdf.Column(_QUESTION["clause"], 0.07),
            pdf.Column(_QUESTION["question"], 0.395),
            pdf.Column(_QUESTION["result"], 0.145),
            pdf.Column(_QUESTION["evidence"], 0.345),
        )
        table_rows: list[list[pdf.Cell]] = []
        fills: list[Any] = []
        for n, q in enumerate(questions, 1):
            label = audits.RESULT_LABELS[q.result] if q.result else "Not answered"
            cls = audits.FINDING_OF_RESULT.get(q.result) if q.result else None
            table_rows.append(
                [str(n), q.clause, q.question, pdf.Bold(label) if cls else label, q.evidence]
            )
            fills.append(_CLASS_FILL.get(cls) if cls else None)
        story.append(pdf.data_table(columns, table_rows, width, row_fills=fills, font_size=8))
    if findings:
        story.extend(section("What the classes of findings mean"))
        for cls, meaning in audits.FINDING_MEANINGS.items():
            label = pdf.markup(audits.FINDING_LABELS[cls])
            story.append(pdf.rich(f"<b>{label}</b>: {pdf.markup(meaning)}", st.body))
    story.append(pdf.spacer(14))
    story.append(KeepTogether([pdf.heading("Approval", 2), Signatures(audit.lead_auditor)]))
    return story


def write_audit_report(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    audit: str = "",
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """Write the report of an audit (its reference in `audit`) to `out`."""
    refuse_other_params(params, "audit report", "audit=REFERENCE")
    reference = _audit_param(audit)
    day = day_param(on) or today()
    with db.read() as session:
        info = company.get_info(session)
        row = audits.audit_for_reference(session, reference)
        findings = audits.findings_of(session, row.id)
        questions = audits.questions_of(session, row.id)
        results = audits.result_counts(session, row.id)
        linked = actions.fetch_rows(session, [f.action_id for f in findings if f.action_id])
    by_finding = {a.source_id: a for a in linked}
    report = pdf.Report(
        title=REPORT_TITLE,
        subtitle=f"{row.reference} · {row.title} · {audits.STATUS_LABELS[row.status]}",
        company=info.name,
        logo=info.logo,
        page_size=pdf.PageSize.A4_PORTRAIT,
        printed=printed,
    )
    story = report_story(row, findings, questions, results, by_finding, report, day)
    return report.build(story, out, progress=progress, expected_pages=2 + len(questions) // 30)
