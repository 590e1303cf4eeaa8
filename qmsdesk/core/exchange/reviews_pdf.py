"""Management review PDFs: the minutes, and a blank agenda to circulate before the meeting.

Both are A4 portrait, with the company name and the report's title at the top of every page and
"Page N of M", the print date and "Uncontrolled when printed" at the bottom. The minutes print from
:class:`qmsdesk.core.reviews.minutes_data.Minutes`: for an approved review, the copy frozen when
it was approved, so that the approved minutes never change.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as RLTable

from qmsdesk.core.exchange import pdf
from qmsdesk.core.reviews.conclusion import CONCLUSION_FIELDS, CONCLUSION_LABELS
from qmsdesk.core.reviews.drafting import Table, day_text, period_text
from qmsdesk.core.reviews.minutes_data import AgendaItem, Minutes, inputs, outputs

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from qmsdesk.core.db import Database

Progress = pdf.Progress
DATA_FILL = colors.HexColor("#f1f4f7")


@dataclass(frozen=True)
class Styles:
    """The shared report styles, and the few the minutes add."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    label: ParagraphStyle
    muted: ParagraphStyle
    note: ParagraphStyle
    prompt: ParagraphStyle
    from_data: ParagraphStyle
    data_text: ParagraphStyle
    table_title: ParagraphStyle
    decision: ParagraphStyle
    action: ParagraphStyle


@functools.cache
def styles() -> Styles:
    st = pdf.styles()
    body = st.body

    def derived(name: str, parent: ParagraphStyle = body, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(f"reviews-{name}", parent=parent, **kw)

    return Styles(
        title=st.title,
        subtitle=st.subtitle,
        h1=st.heading1,
        h2=st.heading2,
        body=body,
        label=st.label,
        muted=derived("muted", st.muted, fontSize=9, leading=12),
        note=st.muted,
        prompt=derived(
            "prompt", fontName=pdf.FONT_ITALIC, fontSize=8.5, leading=11.5, textColor=pdf.MUTED
        ),
        from_data=derived(
            "from-data",
            fontName=pdf.FONT_BOLD,
            fontSize=8,
            leading=10,
            textColor=pdf.ACCENT,
            spaceBefore=3,
            spaceAfter=2,
            keepWithNext=1,
        ),
        data_text=derived(
            "data-text",
            fontSize=8.5,
            leading=11.5,
            backColor=DATA_FILL,
            borderPadding=(3, 4, 3, 4),
            leftIndent=4,
            rightIndent=4,
            spaceBefore=2,
            spaceAfter=7,
        ),
        table_title=derived(
            "table-title",
            fontName=pdf.FONT_BOLD,
            fontSize=8.5,
            leading=11,
            spaceBefore=2,
            spaceAfter=2,
            keepWithNext=1,
        ),
        decision=derived("decision", leftIndent=18, firstLineIndent=-18, spaceBefore=3),
        action=derived("action", fontSize=8.5, leading=11.5, leftIndent=30, spaceAfter=1),
    )


class _Lines(Flowable):
    """Empty ruled lines to write on."""

    def __init__(self, width: float, count: int, gap: float = 19) -> None:
        super().__init__()
        self.width, self.count, self.gap = width, count, gap

    def wrap(self, _aw: float, _ah: float) -> tuple[float, float]:
        return self.width, self.gap * self.count + 4

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(pdf.RULE)
        canvas.setLineWidth(0.4)
        top = self.gap * self.count + 4
        for n in range(1, self.count + 1):
            canvas.line(0, top - self.gap * n, self.width, top - self.gap * n)


class _Report(pdf.Report):
    """The shared page, with a faint DRAFT across minutes that are not approved yet."""

    def __init__(self, *, watermark: str = "", **kw: Any) -> None:
        super().__init__(**kw)
        self.watermark = watermark

    def decorate(self, canvas: Canvas, page: int, pages: int) -> None:
        if self.watermark:
            canvas.saveState()
            canvas.setFont(pdf.FONT_BOLD, 90)
            canvas.setFillColor(colors.Color(0, 0, 0, alpha=0.055))
            canvas.translate(self.page_width / 2, self.page_height / 2)
            canvas.rotate(40)
            canvas.drawCentredString(0, -30, self.watermark)
            canvas.restoreState()
        super().decorate(canvas, page, pages)


MINUTES_TITLE = "Management review minutes"
AGENDA_TITLE = "Management review agenda"


# --- building blocks -------------------------------------------------------------------------


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text, style)


def _text(text: str) -> str:
    """A user's text as paragraph markup: escaped, line breaks kept."""
    return pdf.markup(text)


def _paragraphs(text: str, style: ParagraphStyle) -> list[Flowable]:
    """One paragraph per blank-line-separated block of a user's text."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]
    return [_para(_text(b), style) for b in blocks if b]


def _key_values(rows: Sequence[tuple[str, str]], width: float) -> Flowable:
    """Labelled values; the values are markup already escaped by the caller."""
    st = styles()
    return pdf.key_values([(k, _para(v, st.body)) for k, v in rows], width, key_fraction=0.22)


def _data_table(table: Table, width: float) -> list[Flowable]:
    """A drafted table: its title, the grid (header repeated on each page), its note."""
    st = styles()
    out: list[Flowable] = []
    if table.title:
        out.append(_para(escape(table.title), st.table_title))
    if not table.columns:
        return out
    numeric = [
        bool(table.rows) and all(_numeric(r[i]) for r in table.rows if i < len(r))
        for i in range(len(table.columns))
    ]
    # A small table (a few counts) is kept narrow rather than spread over the page.
    width = min(width, max(_natural_width(table) * 1.4, width * 0.5))
    shares = _column_shares(table, width)
    columns = [
        pdf.Column(c, shares[i], "RIGHT" if numeric[i] else "LEFT")
        for i, c in enumerate(table.columns)
    ]
    rows = [[*r, *([""] * (len(columns) - len(r)))] for r in table.rows]
    out.append(pdf.data_table(columns, rows, width, font_size=_CELL_FONT_SIZE))
    if table.note:
        out.append(_para(escape(table.note), st.note))
    out.append(Spacer(1, 5))
    return out


def _numeric(text: str) -> bool:
    stripped = text.replace(",", "").replace("%", "").replace(".", "").strip()
    return stripped.isdigit() or text.strip() in ("-", "")


_CELL_FONT_SIZE = 8.0
_CELL_PAD = 7.0  # left and right padding of a cell, and a little air
_SHORT = 14  # cells this long or shorter (dates, references, counts) are never wrapped


def _cell_width(text: str, bold: bool = False) -> float:
    font = pdf.FONT_CONDENSED_BOLD if bold else pdf.FONT_CONDENSED
    return pdf.text_width(text, font, _CELL_FONT_SIZE) + _CELL_PAD


def _natural_width(table: Table) -> float:
    """The width the table takes with every cell on one line."""
    return sum(
        max([_cell_width(header, True)] + [_cell_width(r[i]) for r in table.rows if i < len(r)])
        for i, header in enumerate(table.columns)
    )


def _column_shares(table: Table, width: float) -> list[float]:
    """Shares of the width: every column gets room for its longest unbreakable text (short cells
    whole, long ones their longest word); what is left goes to the columns of long text, in
    proportion to how much more they would need to fit on one line."""

    w = _cell_width
    least, full = [], []
    for i, header in enumerate(table.columns):
        cells = [r[i] for r in table.rows if i < len(r)]
        words = [x for x in header.split()] + [x for c in cells for x in c.split()]
        short = [c for c in cells if len(c) <= _SHORT]
        need = max([w(x, True) for x in header.split()] + [w(x) for x in words + short] or [20])
        least.append(min(need, width * 0.3))
        full.append(max([w(header, True)] + [w(c) for c in cells]))
    spare = width - sum(least)
    if spare <= 0:
        return [x / sum(least) for x in least]
    extra = [max(f - m, 0.0) for f, m in zip(full, least, strict=True)]
    if sum(extra) <= spare:
        # Everything fits on one line: give the rest to the widest column of words.
        wordy = [
            i
            for i in range(len(full))
            if not table.rows or not all(_numeric(r[i]) for r in table.rows if i < len(r))
        ] or list(range(len(full)))
        widest = max(wordy, key=lambda i: full[i])
        sizes = [max(f, m) for f, m in zip(full, least, strict=True)]
        sizes[widest] += width - sum(sizes)
    else:
        sizes = [m + spare * e / sum(extra) for m, e in zip(least, extra, strict=True)]
    return [x / width for x in sizes]


def _section(title: str) -> Flowable:
    return _para(escape(title), styles().h1)


def _sign_off(minutes: Minutes, width: float) -> Flowable:
    """Who signs the minutes: the chair, and whoever approved them (filled in when approved).

    Columns: label, name, gap, signature, gap, date; each blank has its own rule."""
    st = styles()
    approved = minutes.approved
    by = escape(minutes.approved_by) if approved else ""
    on = day_text(minutes.approved_on) if approved else ""
    rows = [
        [
            "",
            _para("Name", st.label),
            "",
            _para("Signature", st.label),
            "",
            _para("Date", st.label),
        ],
        [_para("Chair", st.label), _para(escape(minutes.chair), st.body), "", "", "", ""],
        [
            _para("Minutes approved by", st.label),
            _para(by, st.body),
            "",
            "",
            "",
            _para(on, st.body),
        ],
    ]
    gap = width * 0.03
    table = RLTable(
        rows,
        colWidths=[width * 0.22, width * 0.3, gap, width * 0.25, gap, width * 0.17],
        rowHeights=[16, 36, 36],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1),
                *(("LINEBELOW", (c, 1), (c, -1), 0.6, pdf.RULE) for c in (1, 3, 5)),
            ]
        )
    )
    return table


def _status_line(minutes: Minutes) -> str:
    if minutes.approved:
        return (
            f"<b>Approved</b>: revision {minutes.minutes_revision} of the minutes, approved by "
            f"{escape(minutes.approved_by)} on {day_text(minutes.approved_on)}"
        )
    state = {"planned": "Planned", "held": "Held"}.get(minutes.status, minutes.status_label)
    return (
        f"<b>{escape(state)}; DRAFT minutes</b> (revision {minutes.minutes_revision}), "
        "not yet approved"
    )


# --- the minutes -----------------------------------------------------------------------------


def _facts(minutes: Minutes) -> list[tuple[str, str]]:
    return [
        ("Reference", escape(minutes.reference)),
        ("Meeting date", day_text(minutes.meeting_date)),
        ("Place", escape(minutes.place) or "-"),
        ("Chair", escape(minutes.chair) or "-"),
        ("Period covered", period_text(minutes.period_start, minutes.period_end)),
    ]


def minutes_story(minutes: Minutes, width: float) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [
        _para(escape(minutes.title or minutes.reference), st.title),
        Spacer(1, 6),
    ]
    facts = _facts(minutes)
    facts.append(("Status", _status_line(minutes)))
    if minutes.revision_reason:
        facts.append(("Why this revision", _text(minutes.revision_reason)))
    for number, by, on, reason in minutes.revisions:
        text = f"Revision {number} approved by {escape(by)} on {day_text(on)}"
        facts.append(("Earlier minutes", text + (f": {_text(reason)}" if reason else "")))
    story.append(_key_values(facts, width))

    story.append(_section("Present and apologies"))
    attendance = [
        (
            "Invited" if minutes.status == "planned" else "Present",
            escape(", ".join(minutes.attendees)) or "-",
        ),
        ("Apologies", escape(", ".join(minutes.apologies)) or "-"),
    ]
    if minutes.guests:
        attendance.insert(1, ("Also present", escape(minutes.guests)))
    story.append(_key_values(attendance, width))

    story.append(_section("Inputs to the review (ISO 9001:2015 clause 9.3.2)"))
    if minutes.drafted_at is not None:
        story.append(
            _para(
                "The parts headed <i>From the registers</i> were drafted by QMS Desk from the "
                "company's registers for the period covered, on "
                f"{day_text(minutes.drafted_at.date())}.",
                st.note,
            )
        )
    for item in minutes.inputs:
        head = _para(escape(f"{item.item}  {item.title}"), st.h2)
        nothing = "Nothing was recorded." if minutes.approved else "Nothing written yet."
        if item.nothing_to_report:
            nothing = "Nothing to report (the quality lead's word)."
        narrative = _paragraphs(item.narrative, st.body) or [_para(f"<i>{nothing}</i>", st.muted)]
        story.append(CondPageBreak(70))
        story.append(KeepTogether([head, narrative[0]]))
        story.extend(narrative[1:])
        if item.summary or item.tables:
            story.append(_para("From the registers", st.from_data))
            story.extend(_paragraphs(item.summary, st.data_text))
            for table in item.tables:
                story.extend(_data_table(table, width))

    story.append(_section("Outputs: decisions and actions (clause 9.3.3)"))
    by_item: dict[str, list[Any]] = {}
    for decision in minutes.decisions:
        by_item.setdefault(decision.item, []).append(decision)
    for out in outputs():
        story.append(_para(escape(f"{out.item}  {out.title}"), st.h2))
        decisions = by_item.get(out.item, [])
        if not decisions:
            story.append(_para("<i>No decision.</i>", st.muted))
        for decision in decisions:
            story.append(
                _para(f"<b>{escape(decision.number)}</b>  {_text(decision.text)}", st.decision)
            )
            for action in decision.actions:
                due = f", due {day_text(action.due)}" if action.due else ""
                owner = f" ({escape(action.owner)}{due})" if action.owner else due
                story.append(
                    _para(
                        f"Action <b>{escape(action.reference)}</b>: {_text(action.text)}{owner}",
                        st.action,
                    )
                )

    story.append(_section("Conclusion on the quality system (clause 9.3.1)"))
    blank = "Not recorded." if minutes.approved else "Not written yet."
    story.append(
        _key_values(
            [
                (CONCLUSION_LABELS[name], _text(getattr(minutes, name)) or f"<i>{blank}</i>")
                for name in CONCLUSION_FIELDS
            ],
            width,
        )
    )

    story.append(_section("Action list"))
    actions = minutes.actions
    if actions:
        table = Table(
            "",
            ("Action", "Decision", "What", "Owner", "Due", "Status"),
            tuple(
                (a.reference, a.decision, a.text, a.owner, day_text(a.due), a.status)
                for a in actions
            ),
        )
        story.extend(_data_table(table, width))
    else:
        story.append(_para("<i>The review raised no action.</i>", st.muted))

    story.append(CondPageBreak(150))
    story.append(_section("Sign-off"))
    story.append(_sign_off(minutes, width))
    return story


def build_minutes(
    minutes: Minutes,
    out: Path,
    company_name: str = "",
    logo: bytes | None = None,
    progress: Progress | None = None,
    history_head: tuple[int, str] | None = None,
) -> Path:
    """Write the minutes to `out` (atomically). Approved minutes given `history_head` (the
    change history's length and the hash of its newest row, :func:`qmsdesk.core.history.head`)
    print it at the end: the paper then anchors the history, and a later rewrite of it shows
    against the printed copy (``qmsdesk check`` prints the same head)."""
    state = "approved" if minutes.approved else "draft"
    report = _Report(
        title=MINUTES_TITLE,
        subtitle=f"{minutes.reference} · {day_text(minutes.meeting_date)} · "
        f"revision {minutes.minutes_revision}, {state}",
        company=company_name,
        logo=logo,
        watermark="" if minutes.approved else "DRAFT",
    )
    story = minutes_story(minutes, report.frame_width)
    if minutes.approved and history_head is not None:
        length, newest = history_head
        story += [
            Spacer(1, 8),
            _para(
                f"Change history when printed: {length:,} entries, the newest with the hash "
                f"{newest}. Compare with <i>qmsdesk check</i> to show that no entry was altered "
                "since.",
                pdf.styles().small,
            ),
        ]
    return report.build(story, Path(out), progress=progress)


# --- the agenda ------------------------------------------------------------------------------


def agenda_story(
    minutes: Minutes,
    width: float,
    items: Sequence[AgendaItem] | None = None,
    lines_per_item: int = 3,
) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [
        _para(escape(minutes.title or minutes.reference), st.title),
        Spacer(1, 6),
    ]
    invited = list(minutes.attendees) + list(minutes.apologies)
    facts = _facts(minutes)
    facts.insert(4, ("Invited", escape(", ".join(invited)) or "-"))
    story.append(_key_values(facts, width))
    story.append(Spacer(1, 4))
    story.append(
        _para(
            "Please come ready to speak to the items you own, with the figures for the period "
            "covered. The note under each item says what the review expects to hear.",
            st.body,
        )
    )
    number = 0

    def item_block(title: str, prompt: str, extra: str = "") -> Flowable:
        nonlocal number
        number += 1
        block: list[Flowable] = [_para(f"{number}.  {escape(title)}", st.h2)]
        if prompt:
            block.append(_para(escape(prompt), st.prompt))
        if extra:
            block.append(_para(escape(extra), st.note))
        block.append(_Lines(width, lines_per_item))
        return KeepTogether(block)

    story.append(_section("Opening"))
    story.append(
        item_block("Attendance and apologies", "Record who is present and who sent apologies.")
    )
    story.append(_section("Inputs (ISO 9001:2015 clause 9.3.2)"))
    for item in items if items is not None else inputs():
        drafted = f"QMS Desk drafts from the registers: {item.drafted}" if item.drafted else ""
        story.append(item_block(f"{item.item}  {item.title}", item.prompt, drafted))
    story.append(_section("Outputs (clause 9.3.3)"))
    for out in outputs():
        story.append(
            item_block(
                f"{out.item}  {out.title}",
                f"{out.prompt} For each decision: the action, its owner and its due date.",
            )
        )
    story.append(_section("Closing"))
    story.append(item_block("Any other business", ""))
    story.append(item_block("Date of the next management review", ""))
    return story


def build_agenda(
    minutes: Minutes,
    out: Path,
    company_name: str = "",
    logo: bytes | None = None,
    progress: Progress | None = None,
) -> Path:
    report = pdf.Report(
        title=AGENDA_TITLE,
        subtitle=f"{minutes.reference} · {day_text(minutes.meeting_date)}",
        company=company_name,
        logo=logo,
    )
    return report.build(agenda_story(minutes, report.frame_width), Path(out), progress=progress)


# --- report entries (qmsdesk report review-minutes / review-agenda) -----------------------


def _review_minutes(
    db: Database, review: str | None, revision: str | None = None
) -> tuple[Minutes, Any]:
    from qmsdesk.core import company, reviews

    with db.read() as session:
        review_id = reviews.resolve(session, review)
        info = company.get_info(session)
        found = reviews.printable_minutes(
            session, review_id, int(revision) if revision not in (None, "") else None
        )
    return found, info


def write_minutes(
    db: Database,
    out: Path,
    *,
    progress: Progress | None = None,
    review: str | None = None,
    revision: str | None = None,
    **_params: Any,
) -> Path:
    """The minutes of one review (`review`: its reference or number). An approved review prints
    as approved; `revision` prints an earlier approved revision."""
    from qmsdesk.core import history

    minutes, info = _review_minutes(db, review, revision)
    with db.read() as session:
        head = history.head(session)
    return build_minutes(minutes, Path(out), info.name, info.logo, progress, head)


def write_agenda(
    db: Database,
    out: Path,
    *,
    progress: Progress | None = None,
    review: str | None = None,
    **_params: Any,
) -> Path:
    """The blank agenda of one review, to circulate before the meeting."""
    from qmsdesk.core import company, reviews

    with db.read() as session:
        review_id = reviews.resolve(session, review)
        info = company.get_info(session)
        minutes = reviews.minutes(session, review_id)
    return build_agenda(minutes, Path(out), info.name, info.logo, progress)
