"""The pages of the Context tab: a list with its details pane (context issues, interested
parties, processes), and what the details panes and the scope and policy pages show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget

from qmsdesk.core import context, processes
from qmsdesk.gui.dialogs._common import format_date

OVERDUE_FILL = QColor("#fbe0dc")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _section(title: str, text: str) -> str:
    if not text:
        return ""
    body = escape(text).replace("\n", "<br>")
    return f"<h4 style='margin-bottom:2px'>{escape(title)}</h4><p style='margin-top:0'>{body}</p>"


def _review(next_review: dt.date | None, on: dt.date) -> str:
    if next_review is None:
        return "not planned"
    late = (
        ' <span style="color:#c62828; font-weight:bold">⚠ OVERDUE</span>'
        if next_review < on
        else ""
    )
    return f"{format_date(next_review)}{late}"


def issue_html(r: context.IssueRow, on: dt.date) -> str:
    side = context.SIDE_LABELS[context.parse_side(r.side)]
    return (
        f"<h3 style='margin-bottom:2px'>{escape(r.reference)} {escape(r.title)}</h3>"
        f"<p style='margin-top:0'>{side} issue"
        + (f" · {escape(r.category)}" if r.category else "")
        + f"<br><b>Last reviewed:</b> {format_date(r.last_reviewed) or 'never'}"
        f"<br><b>Next review:</b> {_review(r.next_review, on)}</p>"
        + _section("Description", r.description)
        + _section(context.ISSUE_LABELS["effect"], r.effect)
        + _section(context.ISSUE_LABELS["monitoring"], r.monitoring)
    )


def party_html(r: context.PartyRow, on: dt.date) -> str:
    side = context.SIDE_LABELS[context.parse_side(r.side)]
    return (
        f"<h3 style='margin-bottom:2px'>{escape(r.name)}</h3>"
        f"<p style='margin-top:0'>{side} party"
        f"<br><b>Last reviewed:</b> {format_date(r.last_reviewed) or 'never'}"
        f"<br><b>Next review:</b> {_review(r.next_review, on)}</p>"
        + _section(context.PARTY_LABELS["needs"], r.needs)
        + _section(context.PARTY_LABELS["requirements"], r.requirements)
        + _section(context.PARTY_LABELS["monitoring"], r.monitoring)
    )


def _items(title: str, lines: Sequence[str], empty: str) -> str:
    if not lines:
        return (
            f"<h4 style='margin-bottom:2px'>{title}</h4>"
            f"<p style='margin-top:0; color:gray'>{empty}</p>"
        )
    body = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f"<h4 style='margin-bottom:2px'>{title}</h4><ul style='margin-top:0'>{body}</ul>"


def turtle_html(t: processes.Turtle) -> str:
    """A process as the turtle shows it, for the details pane."""
    r = t.process

    def flows(rows: Sequence[processes.FlowRow], word: str) -> list[str]:
        return [f"{f.what} — {word} {f.other_label}" if f.other_label else f.what for f in rows]

    measured = [f"Objective {o.reference} {o.title}" for o in t.links.objectives] + [
        f"Risk {o.reference} {o.title}" for o in t.links.risks
    ]
    return (
        f"<h3 style='margin-bottom:2px'>{escape(r.code)} {escape(r.name)}</h3>"
        f"<p style='margin-top:0'>{processes.KIND_LABELS[r.kind]} process"
        f"<br><b>Owner:</b> {escape(r.owner_name or '(no owner)')}</p>"
        + _section("Purpose", r.purpose)
        + _items("Inputs (from)", flows(t.inputs, "from"), "No input recorded.")
        + _items("Outputs (to)", flows(t.outputs, "to"), "No output recorded.")
        + _section("Resources", r.resources)
        + _section("Responsibilities", r.responsibilities)
        + _items(
            "Documents that describe it",
            [f"{d.reference} {d.title}" for d in t.documents],
            "No document of the register names this process.",
        )
        + _items(
            "Objectives and risks",
            measured,
            "No objective or risk is linked to this process yet.",
        )
        + _items("Audits", [f"{a.reference} {a.title}" for a in t.audits], "None recorded.")
        + _items("Open actions", [f"{a.reference} {a.title}" for a in t.open_actions], "None.")
    )


def scope_html(scope: context.Scope) -> str:
    warnings = "".join(f"<li>{escape(w)}</li>" for w in scope.warnings)
    exclusions = "".join(
        f"<tr><td style='padding-right:12px'><b>{escape(e.clause)}</b></td>"
        f"<td>{escape(e.justification) or '<i>(no reason given)</i>'}</td></tr>"
        for e in scope.exclusions
    )
    return (
        "<h3 style='margin-bottom:2px'>Scope of the quality management system</h3>"
        + _section(context.SCOPE_LABELS["scope"], scope.statement or "(not written yet)")
        + _items(context.SCOPE_LABELS["sites"], scope.sites, "(none listed)")
        + _items(context.SCOPE_LABELS["products"], scope.products, "(none listed)")
        + "<h4 style='margin-bottom:2px'>Requirements that do not apply</h4>"
        + (
            f"<table style='margin-top:0'>{exclusions}</table>"
            if exclusions
            else "<p style='margin-top:0'>None: every requirement of ISO 9001 applies.</p>"
        )
        + (
            "<h4 style='margin-bottom:2px; color:#b26a00'>⚠ To put right before the audit</h4>"
            f"<ul style='margin-top:0'>{warnings}</ul>"
            if warnings
            else ""
        )
    )


def policy_html(policy: context.Policy, on: dt.date) -> str:
    if policy.found:
        head = (
            f"<p style='margin-top:0'>{escape(policy.code)} {escape(policy.title)}, revision "
            f"{escape(policy.revision or '-')}, effective "
            f"{format_date(policy.effective_date) or 'not yet'}</p>"
        )
    else:
        head = (
            "<p style='margin-top:0; color:#b26a00'>⚠ The document register has no document of "
            "type Policy: add the quality policy there.</p>"
        )
    text = _section("Wording", policy.text) or (
        "<p style='color:gray'>The policy's wording is not written in QMS Desk yet (Edit policy "
        "text…).</p>"
    )
    told = [
        f"{i.code} {i.title}: read by {i.people} of {i.of} people employed on {format_date(on)}"
        for i in policy.communicated
    ]
    return (
        "<h3 style='margin-bottom:2px'>Quality policy</h3>"
        + head
        + text
        + _items(
            "How it was communicated",
            told,
            "No 'read and understood' training item is linked to the policy document yet.",
        )
    )


class ListPage(QWidget):
    """A list of records (a table) with the selected one's details beside it."""

    current_changed = Signal()

    def __init__(self, name: str, headers: Sequence[str], table: QTableView) -> None:
        super().__init__()
        self.setObjectName(f"{name}Page")
        self.model = QStandardItemModel(0, len(headers), self)
        self.model.setHorizontalHeaderLabels(list(headers))
        self.table = table
        table.setModel(self.model)
        table.setObjectName(f"{name}Table")
        table.selectionModel().currentRowChanged.connect(lambda *_a: self.current_changed.emit())
        self.details = QTextBrowser()
        self.details.setObjectName(f"{name}Details")
        self.details.setOpenLinks(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([760, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def set_rows(self, rows: Sequence[tuple[int, Sequence[str], bool]]) -> None:
        """(record id, cells, overdue) per row; the selection is kept when it is still there."""
        wanted = self.current_id()
        self.model.removeRows(0, self.model.rowCount())
        for record_id, cells, overdue in rows:
            items = [QStandardItem(text) for text in cells]
            for item in items:
                item.setEditable(False)
                if overdue:
                    item.setBackground(QBrush(OVERDUE_FILL))
            items[0].setData(record_id, ID_ROLE)
            self.model.appendRow(items)
        # A few dozen rows: the columns fit their text (a long text is capped, its cell elided).
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount() - 1):
            header.resizeSection(column, min(header.sectionSize(column) + 8, 320))
        if not self.select(wanted) and self.model.rowCount():
            self.select(self.id_at(0))
        self.current_changed.emit()

    def id_at(self, row: int) -> int | None:
        item = self.model.item(row, 0)
        return None if item is None else item.data(ID_ROLE)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.id_at(index.row()) if index.isValid() else None

    def select(self, record_id: int | None) -> bool:
        if record_id is None:
            return False
        for row in range(self.model.rowCount()):
            if self.id_at(row) == record_id:
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                return True
        return False
