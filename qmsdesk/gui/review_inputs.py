"""An input of a management review (clause 9.3.2) in the Reviews tab: the lead's notes beside what
the registers say.

The page shows one agenda item: its title and prompt, the lead's notes (editable until the minutes
are approved) and, read-only beside them, what QMS Desk drafted from the registers, with the
buttons to copy that draft into the notes and to draft it again. The tab saves the notes; this
module only shows them (and gives the draft as text, :func:`draft_text`, for the copy).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core.reviews import SectionRow
from qmsdesk.core.reviews.drafting import Table
from qmsdesk.gui.dialogs._common import format_datetime
from qmsdesk.gui.dialogs.history import local_time


class FocusOut(QObject):
    """Calls back when a widget loses the keyboard focus (to save what was typed in it)."""

    def __init__(self, callback: Callable[[], object]) -> None:
        super().__init__()
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


def summary_html(section: SectionRow) -> str:
    """What the registers say under an agenda item: its sentences, then its tables."""
    if not section.summary and not section.tables:
        if section.drafted_what:
            return "<p><i>Not drafted yet: use Refresh from data.</i></p>"
        return (
            "<p><i>QMS Desk holds no register for this item: write what the review heard in "
            "your notes.</i></p>"
        )
    parts = [f"<p>{escape(line)}</p>" for line in section.summary.splitlines() if line.strip()]
    for table in section.tables:
        parts.append(table_html(table))
    return "".join(parts)


def table_html(table: Table) -> str:
    head = "".join(
        f"<th align='left' nowrap style='background:#dce4ee; padding:2px 6px'>{escape(c)}</th>"
        for c in table.columns
    )
    rows = "".join(
        "<tr>"
        + "".join(
            # Short cells (references, dates, counts) stay on one line; long text wraps.
            f"<td{' nowrap' if len(v) <= 16 else ''} style='padding:1px 6px'>{escape(v)}</td>"
            for v in row
        )
        + "</tr>"
        for row in table.rows
    )
    out = f"<p style='margin-top:8px'><b>{escape(table.title)}</b></p>" if table.title else ""
    out += f"<table cellspacing='0' style='border-collapse:collapse'><tr>{head}</tr>{rows}</table>"
    if table.note:
        out += f"<p><i>{escape(table.note)}</i></p>"
    return out


def draft_text(section: SectionRow) -> str:
    """The drafted summary and tables of an agenda item as plain text, to copy into the notes."""
    text = section.summary.strip()
    for table in section.tables:
        lines = [table.title, " | ".join(table.columns), *(" | ".join(r) for r in table.rows)]
        if table.note:
            lines.append(table.note)
        text += "\n\n" + "\n".join(line for line in lines if line)
    return text


class InputPage(QWidget):
    """One agenda item: the notes on the left, the draft from the registers on the right."""

    def __init__(self, refresh_tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        self.section_title = QLabel()
        self.section_title.setObjectName("sectionTitle")
        self.section_title.setWordWrap(True)
        font = self.section_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.section_title.setFont(font)
        layout.addWidget(self.section_title)
        self.section_prompt = QLabel()
        self.section_prompt.setWordWrap(True)
        self.section_prompt.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.section_prompt)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("sectionSplitter")
        self.section_splitter = split
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        notes_label = QLabel("Discussion and conclusions (your notes):")
        notes_label.setWordWrap(True)  # the page fits a laptop screen beside the reviews' list
        self.narrative = QPlainTextEdit()
        self.narrative.setObjectName("narrativeEdit")
        self.narrative.setAccessibleName("Your notes")
        self.narrative.setTabChangesFocus(True)
        notes_label.setBuddy(self.narrative)
        left_layout.addWidget(notes_label)
        left_layout.addWidget(self.narrative, 1)
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: palette(placeholder-text);")
        left_layout.addWidget(self.saved_label)
        split.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.drafted_label = QLabel("From the registers (drafted by QMS Desk, read-only):")
        self.drafted_label.setWordWrap(True)
        right_layout.addWidget(self.drafted_label)
        self.summary = QTextBrowser()
        # Break lines at spaces only: never inside a reference or a word ('programmin g').
        self.summary.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.summary.setObjectName("draftedSummary")
        self.summary.setAccessibleName("Drafted from the registers")
        self.summary.setOpenLinks(False)
        right_layout.addWidget(self.summary, 1)
        row = QHBoxLayout()
        self.drafted_at = QLabel()
        self.drafted_at.setStyleSheet("color: palette(placeholder-text);")
        row.addWidget(self.drafted_at, 1)
        self.copy_button = QPushButton("Copy into my notes")
        self.copy_button.setToolTip(
            "Add the drafted sentences to your notes, where you can edit them; refreshing from "
            "the registers never changes your notes"
        )
        row.addWidget(self.copy_button)
        self.refresh_button = QPushButton("Refresh from data")
        self.refresh_button.setToolTip(refresh_tip)
        row.addWidget(self.refresh_button)
        right_layout.addLayout(row)
        split.addWidget(right)
        split.setSizes([380, 620])
        layout.addWidget(split, 1)

    def show_section(self, section: SectionRow, *, editable: bool) -> None:
        self.section_title.setText(f"{section.item}  {section.title}")
        self.section_prompt.setText(section.prompt)
        self.narrative.setPlainText(section.narrative)
        self.narrative.setReadOnly(not editable)
        self.summary.setHtml(summary_html(section))
        self.drafted_at.setText(
            f"Drafted {format_datetime(local_time(section.drafted_at))}"
            if section.drafted_at
            else ""
        )
        self.saved_label.setText("")

    def clear(self) -> None:
        self.section_title.clear()
        self.section_prompt.clear()
        self.narrative.clear()
        self.summary.clear()
        self.drafted_at.clear()
        self.saved_label.clear()
