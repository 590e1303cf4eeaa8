"""The process map (``qmsdesk report process-map``): drawn from the register of processes, one
box per process in its band (management, core, support, top to bottom), a numbered arrow for
each hand-over from one process to another, the parties outside the company at the sides; the
hand-overs listed under the map; then one "turtle" page per process (inputs and where they come
from, outputs and where they go, resources, who, how, and what measures it).

On the shared report template (:mod:`qmsdesk.core.exchange.pdf`)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Paragraph, Table, TableStyle

from qmsdesk.core import company, processes
from qmsdesk.core.db.models_planning import FlowDirection, ProcessKind
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import pdf
from qmsdesk.core.exchange.actions_pdf import refuse_other_params
from qmsdesk.core.exchange.pdf.text import wrap_text
from qmsdesk.core.text import fold

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

TITLE = "Process map"
BAND_FILLS = {
    ProcessKind.MANAGEMENT: colors.HexColor("#e8eef6"),
    ProcessKind.CORE: colors.HexColor("#eef5ea"),
    ProcessKind.SUPPORT: colors.HexColor("#f7f1e6"),
}
_BAND_TITLES = {
    ProcessKind.MANAGEMENT: "Management processes",
    ProcessKind.CORE: "Core processes",
    ProcessKind.SUPPORT: "Support processes",
}
_BOX_FONT = pdf.FONT_CONDENSED_BOLD
_SMALL_FONT = pdf.FONT_CONDENSED


Box = tuple[float, float, float, float]  # x, y (bottom), width, height


def _edge_point(box: Box, tx: float, ty: float) -> tuple[float, float]:
    """Where the line from the box's centre towards (tx, ty) leaves the box."""
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    dx, dy = tx - cx, ty - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(
        (w / 2) / abs(dx) if dx else math.inf,
        (h / 2) / abs(dy) if dy else math.inf,
    )
    return cx + dx * scale, cy + dy * scale


class ProcessMapDrawing(Flowable):
    """The map itself, drawn from :class:`qmsdesk.core.processes.ProcessMap`."""

    def __init__(
        self,
        data: processes.ProcessMap,
        parties_in: Sequence[tuple[str, int]],
        parties_out: Sequence[tuple[str, int]],
        width: float,
        height: float,
    ) -> None:
        super().__init__()
        self.data, self.width, self.height = data, width, height
        self.parties_in, self.parties_out = parties_in, parties_out
        self.boxes: dict[int, Box] = {}
        self.slots: dict[int, tuple[ProcessKind, int]] = {}  # band and place of each box
        self.party_boxes: dict[tuple[str, str], Box] = {}
        self._layout()

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _layout(self) -> None:
        side = 78.0 if (self.parties_in or self.parties_out) else 0.0
        title = 26.0  # the band's title, turned
        left, right = title + side, self.width - side - 4.0
        weights = {ProcessKind.MANAGEMENT: 1.0, ProcessKind.CORE: 1.25, ProcessKind.SUPPORT: 1.0}
        gap = 10.0
        total = sum(weights.values())
        usable = self.height - 2 * gap
        self.bands: list[tuple[ProcessKind, float, float]] = []
        top = self.height
        for kind, rows in self.data.bands:
            band_h = usable * weights[kind] / total
            y = top - band_h
            self.bands.append((kind, y, band_h))
            top = y - gap
            count = max(len(rows), 1)
            slot = (right - left) / count
            box_w = min(slot - 26.0, 150.0)
            box_h = min(band_h - 22.0, 54.0)
            for i, row in enumerate(rows):
                bx = left + slot * i + (slot - box_w) / 2
                by = y + (band_h - box_h) / 2 - 4
                self.boxes[row.id] = (bx, by, box_w, box_h)
                self.slots[row.id] = (kind, i)
        core = next(b for b in self.bands if b[0] == ProcessKind.CORE)
        for names, x, key in (
            (self.parties_in, title, "in"),
            (self.parties_out, self.width - side + 2, "out"),
        ):
            n = len(names)
            if not n:
                continue
            slot_h = core[2] / n
            for i, (name, _pid) in enumerate(names):
                h = min(slot_h - 6, 30.0)
                y = core[1] + core[2] - slot_h * (i + 1) + (slot_h - h) / 2
                self.party_boxes[(key, name)] = (x, y, side - 8, h)

    def draw(self) -> None:
        c = self.canv
        for kind, y, h in self.bands:
            c.setFillColor(BAND_FILLS[kind])
            c.setStrokeColor(pdf.HAIRLINE)
            c.roundRect(0, y, self.width, h, 6, stroke=1, fill=1)
            c.saveState()
            c.translate(14, y + h / 2)
            c.rotate(90)
            c.setFillColor(pdf.ACCENT)
            c.setFont(pdf.FONT_BOLD, 8)
            c.drawCentredString(0, 0, _BAND_TITLES[kind])
            c.restoreState()
        self._draw_arrows()
        rows = {r.id: r for _k, band in self.data.bands for r in band}
        for pid, (x, y, w, h) in self.boxes.items():
            row = rows[pid]
            c.setFillColor(colors.white)
            c.setStrokeColor(pdf.ACCENT)
            c.setLineWidth(1)
            c.roundRect(x, y, w, h, 4, stroke=1, fill=1)
            c.setFillColor(pdf.ACCENT)
            c.setFont(_BOX_FONT, 7)
            c.drawCentredString(x + w / 2, y + h - 10, row.code)
            c.setFillColor(pdf.INK)
            lines = wrap_text(row.name, _BOX_FONT, 8, w - 8)[:2]
            for i, line in enumerate(lines):
                c.setFont(_BOX_FONT, 8)
                c.drawCentredString(x + w / 2, y + h - 21 - i * 9.5, line)
            if row.owner_name:
                c.setFillColor(pdf.MUTED)
                c.setFont(_SMALL_FONT, 6.5)
                owner = pdf.shorten(row.owner_name, _SMALL_FONT, 6.5, w - 6)
                c.drawCentredString(x + w / 2, y + 4, owner)
        for (_key, name), (x, y, w, h) in self.party_boxes.items():
            c.setFillColor(colors.white)
            c.setStrokeColor(pdf.RULE)
            c.setDash(2, 2)
            c.roundRect(x, y, w, h, 8, stroke=1, fill=1)
            c.setDash()
            c.setFillColor(pdf.MUTED)
            lines = wrap_text(name, _SMALL_FONT, 6.5, w - 6)[:3]
            start = y + h / 2 + (len(lines) - 1) * 3.8 - 2
            for i, line in enumerate(lines):
                c.setFont(_SMALL_FONT, 6.5)
                c.drawCentredString(x + w / 2, start - i * 7.6, line)

    def _arrow(self, x1: float, y1: float, x2: float, y2: float, color: Any, label: str) -> None:
        c = self.canv
        c.setStrokeColor(color)
        c.setFillColor(color)
        c.setLineWidth(0.8)
        c.line(x1, y1, x2, y2)
        angle = math.atan2(y2 - y1, x2 - x1)
        size = 5.0
        p = c.beginPath()
        p.moveTo(x2, y2)
        p.lineTo(x2 - size * math.cos(angle - 0.4), y2 - size * math.sin(angle - 0.4))
        p.lineTo(x2 - size * math.cos(angle + 0.4), y2 - size * math.sin(angle + 0.4))
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        if label:
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            r = 4.6
            c.setFillColor(colors.white)
            c.circle(mx, my, r, stroke=1, fill=1)
            c.setFillColor(color)
            c.setFont(_BOX_FONT, 5.5)
            c.drawCentredString(mx, my - 2, label)

    def _curve(self, a: Box, b: Box, color: Any, label: str) -> None:
        """A hand-over between two processes of one band with others between them: a curve
        above the boxes (left to right) or below them (right to left), clear of the boxes."""
        c = self.canv
        right = b[0] > a[0]
        y = a[1] + a[3] if right else a[1]
        x1 = a[0] + a[2] * (0.7 if right else 0.3)
        x2 = b[0] + b[2] * (0.3 if right else 0.7)
        bow = (16.0 + 0.04 * abs(x2 - x1)) * (1 if right else -1)
        c.setStrokeColor(color)
        c.setFillColor(color)
        c.setLineWidth(0.8)
        p = c.beginPath()
        p.moveTo(x1, y)
        p.curveTo(x1, y + bow * 1.3, x2, y + bow * 1.3, x2, y)
        c.drawPath(p, stroke=1, fill=0)
        angle = -math.pi / 2 if right else math.pi / 2
        size = 5.0
        head = c.beginPath()
        head.moveTo(x2, y)
        head.lineTo(x2 - size * math.cos(angle - 0.4), y - size * math.sin(angle - 0.4))
        head.lineTo(x2 - size * math.cos(angle + 0.4), y - size * math.sin(angle + 0.4))
        head.close()
        c.drawPath(head, stroke=0, fill=1)
        mx, my = (x1 + x2) / 2, y + bow * 0.975
        c.setFillColor(colors.white)
        c.circle(mx, my, 4.6, stroke=1, fill=1)
        c.setFillColor(color)
        c.setFont(_BOX_FONT, 5.5)
        c.drawCentredString(mx, my - 2, label)

    def _draw_arrows(self) -> None:
        pairs = {(h.from_id, h.to_id) for h in self.data.handovers}
        for number, h in enumerate(self.data.handovers, 1):
            a, b = self.boxes.get(h.from_id), self.boxes.get(h.to_id)
            if a is None or b is None:
                continue
            (band_a, place_a), (band_b, place_b) = self.slots[h.from_id], self.slots[h.to_id]
            if band_a == band_b and abs(place_a - place_b) > 1:
                self._curve(a, b, pdf.ACCENT, str(number))
                continue
            # Two processes handing over both ways: the two arrows side by side.
            shift = 5.0 if (h.to_id, h.from_id) in pairs else 0.0
            ax, ay = a[0] + a[2] / 2, a[1] + a[3] / 2
            bx, by = b[0] + b[2] / 2, b[1] + b[3] / 2
            length = math.hypot(bx - ax, by - ay) or 1.0
            nx, ny = -(by - ay) / length * shift, (bx - ax) / length * shift
            a2 = (a[0] + nx, a[1] + ny, a[2], a[3])
            b2 = (b[0] + nx, b[1] + ny, b[2], b[3])
            x1, y1 = _edge_point(a2, bx + nx, by + ny)
            x2, y2 = _edge_point(b2, ax + nx, ay + ny)
            self._arrow(x1, y1, x2, y2, pdf.ACCENT, str(number))
        for (key, name), box in self.party_boxes.items():
            wanted = self.parties_in if key == "in" else self.parties_out
            for party, pid in wanted:
                target = self.boxes.get(pid)
                if party != name or target is None:
                    continue
                px, py = box[0] + box[2] / 2, box[1] + box[3] / 2
                tx, ty = target[0] + target[2] / 2, target[1] + target[3] / 2
                if key == "in":
                    x1, y1 = _edge_point(box, tx, ty)
                    x2, y2 = _edge_point(target, px, py)
                else:
                    x1, y1 = _edge_point(target, px, py)
                    x2, y2 = _edge_point(box, tx, ty)
                self._arrow(x1, y1, x2, y2, pdf.RULE, "")


def _outside(flows: Sequence[processes.FlowRow], direction: FlowDirection) -> list[tuple[str, int]]:
    """(party, process id) of the inputs from outside or the outputs going outside."""
    seen: dict[tuple[str, int], None] = {}
    for f in flows:
        if f.direction == direction and f.other_process_id is None and f.party:
            seen.setdefault((f.party, f.process_id), None)
    return list(seen)


def _turtle_cell(title: str, lines: Sequence[str], empty: str) -> list[Flowable]:
    st = pdf.styles()
    body = [pdf.paragraph(line, st.small) for line in lines] or [pdf.paragraph(empty, st.muted)]
    return [Paragraph(pdf.markup(title), st.label), *body]


def turtle_page(t: processes.Turtle, width: float, height: float) -> Flowable:
    """One process as a turtle: the process in the middle, its inputs left, its outputs right,
    what it uses, who does it, how it is done and how it is measured around it."""
    st = pdf.styles()
    r = t.process
    middle: list[Flowable] = [
        Paragraph(pdf.markup(f"{r.code}  ·  {processes.KIND_LABELS[r.kind]} process"), st.label),
        Paragraph(pdf.markup(r.name), st.heading1),
        pdf.paragraph(f"Owner: {r.owner_name or '(no owner)'}", st.body),
        pdf.paragraph(r.purpose or "(purpose not written)", st.body),
    ]

    def flow_lines(flows: Sequence[processes.FlowRow], word: str) -> list[str]:
        return [f"{f.what} — {word} {f.other_label}" if f.other_label else f.what for f in flows]

    objectives = [f"{o.reference} {o.title}" for o in t.links.objectives]
    risks = [f"{o.reference} {o.title}" for o in t.links.risks]
    measured = objectives + [f"Risk: {x}" for x in risks]
    grid = [
        [
            _turtle_cell("With what? (resources)", [r.resources] if r.resources else [], "-"),
            _turtle_cell(
                "With whom? (responsibilities)",
                [r.responsibilities] if r.responsibilities else [],
                "-",
            ),
            _turtle_cell(
                "How measured? (objectives, risks)",
                measured,
                "No objective or risk is linked to this process yet.",
            ),
        ],
        [
            _turtle_cell("Inputs (from)", flow_lines(t.inputs, "from"), "No input recorded."),
            middle,
            _turtle_cell("Outputs (to)", flow_lines(t.outputs, "to"), "No output recorded."),
        ],
        [
            _turtle_cell(
                "How? (documents)",
                [f"{d.reference} {d.title}" for d in t.documents],
                "No document of the register names this process.",
            ),
            _turtle_cell(
                "Audits",
                [f"{a.reference} {a.title} ({a.status.replace('_', ' ')})" for a in t.audits],
                "No audit of this process is recorded.",
            ),
            _turtle_cell(
                "Open actions",
                [f"{a.reference} {a.title}" for a in t.open_actions],
                "No open action.",
            ),
        ],
    ]
    col = width / 3
    natural = Table(grid, colWidths=[col, col, col])
    _w, used = natural.wrap(width, height)
    heights = list(getattr(natural, "_rowHeights", []))
    table = natural
    if used < height - 10 and len(heights) == 3:
        # Room to spare: the page filled, the middle row (the process) taller than the others.
        extra = height - 10 - used
        heights = [heights[0] + extra * 0.25, heights[1] + extra * 0.5, heights[2] + extra * 0.25]
        table = Table(grid, colWidths=[col, col, col], rowHeights=heights)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (1, 1), (1, 1), "MIDDLE"),
                ("BOX", (0, 0), (-1, -1), 0.6, pdf.RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, pdf.HAIRLINE),
                ("BACKGROUND", (1, 1), (1, 1), BAND_FILLS[r.kind]),
                ("BOX", (1, 1), (1, 1), 1.2, pdf.ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return KeepInFrame(width, height, [table], mode="shrink")


def _yes(value: object, default: bool) -> bool:
    if value is None or value == "":
        return default
    text = fold(str(value)).strip()
    if text in ("yes", "y", "true", "1"):
        return True
    if text in ("no", "n", "false", "0"):
        return False
    raise ValidationError(f"turtles: write yes or no, not '{value}'.")


def write_process_map(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    turtles: object = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """Write the process map, the list of hand-overs and a turtle page per process to `out`."""
    params.pop("audit", None)
    params.pop("on", None)
    refuse_other_params(params, "process map", "turtles=yes|no")
    with_turtles = _yes(turtles, True)
    with db.read() as session:
        info = company.get_info(session)
        data = processes.process_map(session)
        flows = processes.all_flows(session)
        rows = [r for _k, band in data.bands for r in band]
        pages = [processes.turtle(session, r.id) for r in rows] if with_turtles else []
    report = pdf.Report(
        title=TITLE,
        subtitle=f"{len(rows)} processes and {len(data.handovers)} hand-overs, drawn from the "
        "register of processes",
        company=info.name,
        logo=info.logo,
        page_size=pdf.PageSize.A4_LANDSCAPE,
        printed=printed,
    )
    width, height = report.frame_width, report.frame_height
    st = pdf.styles()
    story: list[Flowable] = []
    if data.empty:
        story.append(
            pdf.paragraph(
                "The register of processes is empty: add the processes (Context > Processes) "
                "and their inputs and outputs, and the map draws itself.",
                st.body,
            )
        )
        return report.build(story, out, progress=progress)
    story.append(
        ProcessMapDrawing(
            data,
            _outside(flows, FlowDirection.INPUT),
            _outside(flows, FlowDirection.OUTPUT),
            width,
            height - 8,
        )
    )
    story.append(PageBreak())
    names = {r.id: f"{r.code}" for r in rows}
    story.append(pdf.heading(f"Hand-overs between processes ({len(data.handovers)})"))
    story.append(
        pdf.data_table(
            (
                pdf.Column("No.", 0.05, "RIGHT"),
                pdf.Column("From", 0.15),
                pdf.Column("To", 0.15),
                pdf.Column("What is handed over", 0.65),
            ),
            [
                [str(i), names.get(h.from_id, ""), names.get(h.to_id, ""), "; ".join(h.what)]
                for i, h in enumerate(data.handovers, 1)
            ],
            width,
        )
    )
    for t in pages:
        story.append(PageBreak())
        story.append(turtle_page(t, width, height))
    return report.build(story, out, progress=progress)
