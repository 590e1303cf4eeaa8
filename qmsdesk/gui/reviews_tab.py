"""The management reviews tab (ISO 9001:2015 clause 9.3): the list of reviews, and the selected
review's agenda with the lead's notes beside what the registers say, its decisions and actions.

Every change goes through :mod:`qmsdesk.core.reviews` in one write transaction, with the user's
name for the change history. What the lead types under an agenda item is saved when they move to
another item or another review, after a short pause in typing, and before anything is printed or
approved. An approved review is shown read-only; "New revision of the minutes" opens it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TypeVar

from sqlalchemy.orm import Session

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTextBrowser,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import people, reviews
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_reviews import AttendanceRole, ReviewStatus
from qmsdesk.core.errors import QmsError
from qmsdesk.core.reviews import DecisionRow, ReviewActionFields, ReviewRow, SectionRow
from qmsdesk.core.reviews_draft import Table, day_text, period_text
from qmsdesk.gui import icons, workers
from qmsdesk.gui.dialogs._common import format_date, format_datetime
from qmsdesk.gui.settings import Settings
from qmsdesk.gui.workers import show_problem

T = TypeVar("T")
PDF_FILTER = "PDF documents (*.pdf);;All files (*)"
OUTPUTS_ROW_TEXT = "Outputs: decisions and actions (9.3.3)"
#: Typing pauses longer than this save what was typed.
AUTOSAVE_MS = 2500
_STATUS_MARK = {
    ReviewStatus.PLANNED: "○ Planned",
    ReviewStatus.HELD: "◐ Held",
    ReviewStatus.APPROVED: "● Approved",
}


class _FocusOut(QObject):
    """Calls back when a widget loses the keyboard focus (to save what was typed in it)."""

    def __init__(self, callback: Callable[[], None]) -> None:
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


class ReviewsTab(QWidget):
    """Management reviews: plan, hold, minute and approve them."""

    tab_title = "Management reviews"
    menu_title = "Rev&iew"
    report_key = "review-minutes"
    export_key = "reviews"
    export_file_name = "Management reviews"

    changed = Signal()  # the database was written to
    counts_changed = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.db: Database | None = None
        self.read_only = False
        self.review: ReviewRow | None = None
        self._reviews: list[ReviewRow] = []
        self._sections: list[SectionRow] = []
        self._decisions: list[DecisionRow] = []
        self._section_item: str | None = None  # the agenda item shown in the editor
        self._loading = False
        self._last_job: workers.Job | None = None

        self._make_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self._make_toolbar())

        self.list = QTreeWidget()
        self.list.setObjectName("reviewList")
        self.list.setAccessibleName("Management reviews")
        self.list.setHeaderLabels(["Review", "Meeting", "Status"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.currentItemChanged.connect(lambda *_: self._list_changed())
        self.list.itemDoubleClicked.connect(lambda *_: self.edit_review())
        self.list.setMinimumWidth(230)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("reviewsSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self._make_editor())
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([250, 1150])
        layout.addWidget(self.splitter, 1)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_narrative)
        self._focus_out = _FocusOut(self.save_narrative)
        self.narrative.installEventFilter(self._focus_out)
        self._show_review()

    # --- building ------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | str | None = None,
        icon: object = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(icon)  # type: ignore[arg-type]
        if tip:
            action.setStatusTip(tip)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({keys})" if shortcut else tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.new_action = self._action(
            "&New review…",
            self.new_review,
            "Ctrl+Shift+N",
            icons.standard(sp.SP_FileIcon),
            "Plan a management review",
        )
        self.edit_action = self._action(
            "&Edit review details…",
            self.edit_review,
            "F2",
            icons.standard(sp.SP_FileDialogDetailedView),
            "Change the meeting's date, place, chair or the period covered",
        )
        self.delete_action = self._action(
            "&Delete review…",
            self.delete_review,
            QKeySequence(QKeySequence.StandardKey.Delete),
            icons.standard(sp.SP_TrashIcon),
            "Delete a review planned by mistake (never one with approved minutes)",
        )
        self.attendance_action = self._action(
            "&Attendance…",
            self.edit_attendance,
            "Ctrl+Shift+T",
            icons.letter_icon("A", "#1565c0"),
            "Choose who attends and who sent apologies",
        )
        self.held_action = self._action(
            "Mark as &held",
            self.mark_held,
            None,
            icons.letter_icon("H", "#6a1b9a"),
            "Record that the meeting took place",
        )
        self.approve_action = self._action(
            "A&pprove the minutes…",
            self.approve,
            "Ctrl+Shift+A",
            icons.standard(sp.SP_DialogApplyButton),
            "Approve the minutes: the review becomes read-only",
        )
        self.revision_action = self._action(
            "New re&vision of the minutes…",
            self.new_revision,
            None,
            icons.letter_icon("R", "#1565c0"),
            "Open approved minutes for a change; the approved revision is kept as it was",
        )
        self.refresh_action = self._action(
            "Refresh from &data",
            self.refresh_drafts,
            "Ctrl+Shift+R",
            icons.standard(sp.SP_BrowserReload),
            "Draft every input again from the registers; your notes are never touched",
        )
        self.decision_action = self._action(
            "Add de&cision…",
            self.add_decision,
            "Ctrl+Shift+D",
            icons.letter_icon("D", "#2e7d32"),
            "Record a decision (an output of clause 9.3.3)",
        )
        self.review_action_action = self._action(
            "Add ac&tion…",
            self.add_action,
            "Ctrl+Shift+K",
            icons.letter_icon("+", "#2e7d32"),
            "Add an action to the selected decision; it goes into the actions register",
        )
        self.agenda_action = self._action(
            "Print blank a&genda…",
            self.print_agenda,
            "Ctrl+Shift+P",
            icons.standard(sp.SP_FileDialogContentsView),
            "Write the blank agenda as a PDF, to circulate before the meeting",
        )
        self.history_action = self._action(
            "&History…",
            self.show_history,
            "Ctrl+H",
            icons.standard(sp.SP_FileDialogInfoView),
            "Every change recorded for the selected review",
        )

    def edit_actions(self) -> list[QAction]:
        return [self.new_action, self.edit_action, self.delete_action]

    def menu_actions(self) -> list[QAction | None]:
        return [
            self.attendance_action,
            self.held_action,
            self.refresh_action,
            None,
            self.decision_action,
            self.review_action_action,
            None,
            self.approve_action,
            self.revision_action,
            None,
            self.agenda_action,
            self.history_action,
        ]

    def _make_toolbar(self) -> QToolBar:
        bar = QToolBar("Review actions")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(bar.iconSize() * 0.75)
        for action, text in (
            (self.new_action, "New"),
            (self.edit_action, "Details"),
            (self.attendance_action, "Attendance"),
            (self.held_action, "Held"),
            (None, ""),
            (self.refresh_action, "Refresh from data"),
            (None, ""),
            (self.approve_action, "Approve"),
            (self.revision_action, "New revision"),
            (None, ""),
            (self.agenda_action, "Blank agenda"),
            (self.history_action, "History"),
        ):
            if action is None:
                bar.addSeparator()
                continue
            action.setIconText(text)
            bar.addAction(action)
        return bar

    def _make_editor(self) -> QWidget:
        editor = QWidget()
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(6, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("reviewHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel { background: #fff4ce; color: #4d3a00; border: 1px solid #e0c060;"
            " border-radius: 4px; padding: 5px 8px; }"
        )
        layout.addWidget(self.banner)

        body = QSplitter(Qt.Orientation.Horizontal)
        body.setObjectName("reviewBodySplitter")
        self.body_splitter = body
        self.sections = QListWidget()
        self.sections.setObjectName("agendaList")
        self.sections.setAccessibleName("Agenda")
        self.sections.setWordWrap(True)
        self.sections.currentRowChanged.connect(self._section_changed)
        self.sections.setMinimumWidth(240)
        self.sections.setSpacing(2)
        body.addWidget(self.sections)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._make_input_page())
        self.pages.addWidget(self._make_outputs_page())
        body.addWidget(self.pages)
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        body.setChildrenCollapsible(False)
        body.setSizes([260, 840])
        layout.addWidget(body, 1)
        return editor

    def _make_input_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
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
        self.narrative = QPlainTextEdit()
        self.narrative.setObjectName("narrativeEdit")
        self.narrative.setAccessibleName("Your notes")
        self.narrative.setTabChangesFocus(True)
        self.narrative.textChanged.connect(self._narrative_typed)
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
        right_layout.addWidget(self.drafted_label)
        self.summary = QTextBrowser()
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
        self.copy_button.clicked.connect(self.copy_summary)
        row.addWidget(self.copy_button)
        self.refresh_button = QPushButton("Refresh from data")
        self.refresh_button.setToolTip(self.refresh_action.statusTip())
        self.refresh_button.clicked.connect(self.refresh_drafts)
        row.addWidget(self.refresh_button)
        right_layout.addLayout(row)
        split.addWidget(right)
        split.setSizes([380, 620])
        layout.addWidget(split, 1)
        return page

    def _make_outputs_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 0, 0, 0)
        title = QLabel(OUTPUTS_ROW_TEXT)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        title.setFont(font)
        layout.addWidget(title)
        hint = QLabel(
            "What top management decided: improvements, changes to the quality management "
            "system, resources. Each action goes into the actions register with its owner and due "
            "date, and the next review reports how it went."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(hint)
        self.decisions = QTreeWidget()
        self.decisions.setObjectName("decisionTree")
        self.decisions.setAccessibleName("Decisions and actions")
        self.decisions.setHeaderLabels(["Decision / action", "Owner", "Due", "Status"])
        self.decisions.setAlternatingRowColors(True)
        self.decisions.setWordWrap(True)
        self.decisions.setUniformRowHeights(False)
        header = self.decisions.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.decisions.currentItemChanged.connect(lambda *_: self._decision_selected())
        self.decisions.itemDoubleClicked.connect(lambda *_: self.edit_decision_or_action())
        layout.addWidget(self.decisions, 1)
        self.decision_detail = QLabel()
        self.decision_detail.setObjectName("decisionDetail")
        self.decision_detail.setWordWrap(True)
        self.decision_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.decision_detail)
        row = QHBoxLayout()
        self.add_decision_button = QPushButton("Add decision…")
        self.add_decision_button.clicked.connect(self.add_decision)
        self.add_action_button = QPushButton("Add action…")
        self.add_action_button.clicked.connect(self.add_action)
        self.edit_item_button = QPushButton("Edit…")
        self.edit_item_button.clicked.connect(self.edit_decision_or_action)
        self.remove_item_button = QPushButton("Remove")
        self.remove_item_button.clicked.connect(self.remove_decision_or_action)
        for button in (
            self.add_decision_button,
            self.add_action_button,
            self.edit_item_button,
            self.remove_item_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    # --- database ------------------------------------------------------------------------------

    def set_database(self, db: Database | None, *, read_only: bool = False) -> None:
        self.save_narrative()
        self.db = db
        self.read_only = read_only
        self.review = None
        self._section_item = None
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Read the reviews again, keeping (or moving) the selection."""
        self.save_narrative()
        wanted = select_id if select_id is not None else (self.review.id if self.review else None)
        self._reviews = []
        if self.db is not None:
            with self.db.read() as session:
                self._reviews = reviews.all_reviews(session)
        self._loading = True
        self.list.clear()
        for row in self._reviews:
            item = QTreeWidgetItem(
                [row.reference, day_text(row.meeting_date), _STATUS_MARK[row.status]]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(0, row.title)
            item.setToolTip(2, row.status_label)
            self.list.addTopLevelItem(item)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        self._loading = False
        ids = [r.id for r in self._reviews]
        if wanted not in ids:
            wanted = ids[0] if ids else None
        if wanted is not None:
            self.list.setCurrentItem(self.list.topLevelItem(ids.index(wanted)))
        self._load_review(wanted)
        self.counts_changed.emit()

    def _list_changed(self) -> None:
        if self._loading:
            return
        item = self.list.currentItem()
        review_id = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if self.review is not None and review_id == self.review.id:
            return
        self.save_narrative()
        self._section_item = None
        self._load_review(review_id)

    def select_review(self, review_id: int) -> bool:
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            if item.data(0, Qt.ItemDataRole.UserRole) == review_id:
                self.list.setCurrentItem(item)
                return True
        return False

    def _load_review(self, review_id: int | None) -> None:
        self.review = None
        self._sections, self._decisions = [], []
        self._attendance: list[reviews.AttendanceRow] = []
        if review_id is not None and self.db is not None:
            with self.db.read() as session:
                self.review = reviews.get_review(session, review_id)
                self._sections = reviews.sections(session, review_id)
                self._decisions = reviews.decisions(session, review_id)
                self._attendance = reviews.attendance(session, review_id)
        self._show_review()

    # --- showing -------------------------------------------------------------------------------

    @property
    def editable(self) -> bool:
        return (
            self.db is not None
            and not self.read_only
            and self.review is not None
            and not self.review.read_only
        )

    def _show_review(self) -> None:
        review = self.review
        self._loading = True
        current = self._section_item
        self.sections.clear()
        if review is None:
            empty = "no file open" if self.db is None else "no management review yet"
            self.heading.setText(
                f"<h3>Management reviews</h3><p>There is {empty}. Use <b>New review</b> to plan "
                "one: QMS Desk drafts its agenda from the registers.</p>"
            )
            self.banner.hide()
            self.pages.setEnabled(False)
            self.sections.setEnabled(False)
            self._loading = False
            self._clear_section()
            self._update_actions()
            return
        self.pages.setEnabled(True)
        self.sections.setEnabled(True)
        self.narrative.setReadOnly(not self.editable)
        self.heading.setText(self._heading_html(review))
        self._show_banner(review)
        for section in self._sections:
            item = QListWidgetItem(f"{section.item}  {section.title}")
            item.setIcon(_notes_icon() if section.narrative else icons.blank_icon())
            item.setData(Qt.ItemDataRole.UserRole, section.item)
            item.setToolTip(
                ("You have written notes here. " if section.narrative else "No notes yet. ")
                + (
                    f"Drafted from the registers: {section.drafted_what}"
                    if section.drafted_what
                    else ""
                )
            )
            self.sections.addItem(item)
        outputs_item = QListWidgetItem(icons.letter_icon("D", "#2e7d32"), OUTPUTS_ROW_TEXT)
        outputs_item.setData(Qt.ItemDataRole.UserRole, "outputs")
        self.sections.addItem(outputs_item)
        self._fill_decisions()
        self._loading = False
        keys = [
            self.sections.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.sections.count())
        ]
        self.sections.setCurrentRow(keys.index(current) if current in keys else 0)
        self._section_changed(self.sections.currentRow())
        self._update_actions()

    def _heading_html(self, review: ReviewRow) -> str:
        attended = [a.name for a in self._attendance if a.role == AttendanceRole.ATTENDED]
        apologies = [a.name for a in self._attendance if a.role == AttendanceRole.APOLOGIES]
        present = "Invited" if review.status == ReviewStatus.PLANNED else "Present"
        lines = [
            f"<b>{escape(review.reference)}</b> — {escape(review.title)} "
            f"&nbsp;<span style='color:#1f4e78'>[{escape(_STATUS_MARK[review.status])}, minutes "
            f"revision {review.minutes_revision}]</span>",
            f"Meeting {format_date(review.meeting_date)}"
            + (f" · {escape(review.place)}" if review.place else "")
            + (f" · chair {escape(review.chair)}" if review.chair else " · no chair chosen"),
            f"Period covered {escape(period_text(review.period_start, review.period_end))}",
            f"{present}: {escape(', '.join(attended)) or 'nobody recorded yet'}"
            + (f" · Apologies: {escape(', '.join(apologies))}" if apologies else "")
            + (f" · Also present: {escape(review.guests)}" if review.guests else ""),
        ]
        return "<br>".join(lines)

    def _show_banner(self, review: ReviewRow) -> None:
        if review.read_only:
            self.banner.setText(
                f"Read-only: the minutes were approved by {review.approved_by} on "
                f"{format_date(review.approved_on)} (revision {review.minutes_revision}). To "
                "change them, use Review > New revision of the minutes; the approved revision is "
                "kept as it was."
            )
            self.banner.show()
        elif self.read_only:
            self.banner.setText("The company file is open read-only: you can look and print.")
            self.banner.show()
        elif review.minutes_revision > 1:
            self.banner.setText(
                f"Revision {review.minutes_revision} of the minutes, not approved yet "
                f"(why: {review.revision_reason}). Revision {review.minutes_revision - 1} is kept "
                "as approved."
            )
            self.banner.show()
        else:
            self.banner.hide()

    def _section(self, item: str | None) -> SectionRow | None:
        return next((s for s in self._sections if s.item == item), None)

    def _section_changed(self, row: int) -> None:
        if self._loading:
            return
        self.save_narrative()
        item = self.sections.item(row) if row >= 0 else None
        key = item.data(Qt.ItemDataRole.UserRole) if item else None
        self._section_item = key
        if key == "outputs":
            self.pages.setCurrentIndex(1)
            self._update_actions()
            return
        self.pages.setCurrentIndex(0)
        section = self._section(key)
        if section is None:
            self._clear_section()
            return
        self._loading = True
        self.section_title.setText(f"{section.item}  {section.title}")
        self.section_prompt.setText(section.prompt)
        self.narrative.setPlainText(section.narrative)
        self.narrative.setReadOnly(not self.editable)
        self.summary.setHtml(summary_html(section))
        self.drafted_at.setText(
            f"Drafted {format_datetime(_local(section.drafted_at))}" if section.drafted_at else ""
        )
        self.saved_label.setText("")
        self._loading = False
        self._update_actions()

    def _clear_section(self) -> None:
        self._loading = True
        self.section_title.clear()
        self.section_prompt.clear()
        self.narrative.clear()
        self.summary.clear()
        self.drafted_at.clear()
        self.saved_label.clear()
        self._loading = False

    def _fill_decisions(self) -> None:
        self.decisions.clear()
        for decision in self._decisions:
            top = QTreeWidgetItem(
                [f"{decision.label} · {decision.item} · {decision.text}", "", "", ""]
            )
            top.setToolTip(0, f"{decision.item} {decision.item_title}\n{decision.text}")
            top.setData(0, Qt.ItemDataRole.UserRole, ("decision", decision.id))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for action in decision.actions:
                late = (
                    action.due_date is not None
                    and action.status != "closed"
                    and action.completed_on is None
                    and action.due_date < dt.date.today()
                )
                status = action.status_label + (" — OVERDUE" if late else "")
                child = QTreeWidgetItem(
                    [
                        f"{action.reference}: {action.title}",
                        action.owner,
                        format_date(action.due_date),
                        status,
                    ]
                )
                child.setData(0, Qt.ItemDataRole.UserRole, ("action", action.id))
                child.setToolTip(0, f"{action.reference}: {action.title}")
                if late:
                    child.setForeground(3, Qt.GlobalColor.darkRed)
                top.addChild(child)
            self.decisions.addTopLevelItem(top)
            top.setExpanded(True)
        if not self._decisions:
            empty = QTreeWidgetItem(["No decision recorded yet.", "", "", ""])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.decisions.addTopLevelItem(empty)

    def _decision_selected(self) -> None:
        """The selected decision or action in full (the tree shows one line of each)."""
        selected = self._selected_tree_item()
        decision = self._current_decision()
        text = ""
        if selected is not None and decision is not None:
            text = f"<b>{escape(decision.label)}</b> ({escape(decision.item)} "
            text += f"{escape(decision.item_title)}): {escape(decision.text)}"
            if selected[0] == "action":
                action = next(a for a in decision.actions if a.id == selected[1])
                text += (
                    f"<br><b>{escape(action.reference)}</b>: {escape(action.title)} · "
                    f"{escape(action.owner)} · due {format_date(action.due_date)} · "
                    f"{escape(action.status_label)}"
                )
                if action.note:
                    text += f"<br>{escape(action.note)}"
        self.decision_detail.setText(text)
        self._update_actions()

    def _update_actions(self) -> None:
        has_db = self.db is not None
        writable = has_db and not self.read_only
        review = self.review
        editable = self.editable
        self.new_action.setEnabled(writable)
        self.edit_action.setEnabled(editable)
        self.delete_action.setEnabled(
            writable and review is not None and review.status != ReviewStatus.APPROVED
        )
        self.attendance_action.setEnabled(editable)
        self.held_action.setEnabled(
            editable and review is not None and review.status == ReviewStatus.PLANNED
        )
        self.approve_action.setEnabled(
            editable and review is not None and review.status == ReviewStatus.HELD
        )
        self.revision_action.setEnabled(
            writable and review is not None and review.status == ReviewStatus.APPROVED
        )
        self.refresh_action.setEnabled(editable)
        self.refresh_button.setEnabled(editable)
        self.copy_button.setEnabled(editable and bool(self.summary.toPlainText().strip()))
        selected = self._selected_tree_item()
        self.decision_action.setEnabled(editable)
        self.review_action_action.setEnabled(editable and selected is not None)
        self.add_decision_button.setEnabled(editable)
        self.add_action_button.setEnabled(editable and selected is not None)
        self.edit_item_button.setEnabled(editable and selected is not None)
        self.remove_item_button.setEnabled(editable and selected is not None)
        self.agenda_action.setEnabled(review is not None)
        self.history_action.setEnabled(review is not None)

    def _selected_tree_item(self) -> tuple[str, int] | None:
        item = self.decisions.currentItem()
        data = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        return tuple(data) if data else None  # type: ignore[return-value]

    def status_text(self) -> str:
        if not self._reviews:
            return "No management review yet"
        upcoming = [r for r in self._reviews if r.status != ReviewStatus.APPROVED]
        approved = [r for r in self._reviews if r.status == ReviewStatus.APPROVED]
        parts = [f"{len(self._reviews)} reviews"]
        if approved:
            last = approved[0]
            parts.append(f"last approved: {last.reference} ({day_text(last.meeting_date)})")
        if upcoming:
            nxt = upcoming[-1]
            parts.append(f"next: {nxt.reference} on {day_text(nxt.meeting_date)}")
        return "  ·  ".join(parts)

    def focus_search(self) -> None:
        self.list.setFocus()

    def clear_filters(self) -> None:
        pass

    # --- the lead's notes ------------------------------------------------------------------------

    def _narrative_typed(self) -> None:
        if self._loading or not self.editable:
            return
        self.saved_label.setText("Not saved yet…")
        self._autosave.start()

    def save_narrative(self) -> bool:
        """Store what was typed under the current agenda item, if it changed."""
        self._autosave.stop()
        section = self._section(self._section_item)
        review = self.review
        if section is None or review is None or not self.editable or self.db is None:
            return False
        text = self.narrative.toPlainText()
        if text.strip() == section.narrative:
            return False
        try:
            with self.db.write() as session:
                reviews.set_narrative(session, review.id, section.item, text, self.user)
                fresh = reviews.sections(session, review.id)
        except QmsError as exc:
            show_problem(self, f"Your notes on {section.item} were not saved", exc)
            return False
        self._sections = fresh
        self.saved_label.setText(f"Saved {dt.datetime.now():%H:%M:%S}")
        index = next(
            (i for i in range(self.sections.count())
             if self.sections.item(i).data(Qt.ItemDataRole.UserRole) == section.item),
            None,
        )  # fmt: skip
        if index is not None:
            self.sections.item(index).setIcon(_notes_icon())
        self.changed.emit()
        return True

    def copy_summary(self) -> None:
        section = self._section(self._section_item)
        if section is None or not self.editable:
            return
        text = section.summary.strip()
        for table in section.tables:
            lines = [table.title, " | ".join(table.columns), *(" | ".join(r) for r in table.rows)]
            if table.note:
                lines.append(table.note)
            text += "\n\n" + "\n".join(line for line in lines if line)
        current = self.narrative.toPlainText().rstrip()
        self.narrative.setPlainText(f"{current}\n\n{text}".strip() if current else text)
        self.save_narrative()

    # --- actions -------------------------------------------------------------------------------

    @property
    def user(self) -> str:
        return self.settings.user_name

    def _write(self, title: str, work: Callable[[Session], T]) -> tuple[bool, T | None]:
        if self.db is None:
            return False, None
        try:
            with self.db.write() as session:
                result = work(session)
        except QmsError as exc:
            show_problem(self, title, exc)
            return False, None
        return True, result

    def _after_write(self, select_id: int | None = None) -> None:
        self.reload(select_id)
        self.changed.emit()

    def _people(self) -> list[tuple[int, str, str]]:
        assert self.db is not None
        with self.db.read() as session:
            return [
                (p.id, p.name, p.department) for p in people.all_people(session, include_left=False)
            ]

    def _places(self) -> list[str]:
        return sorted({r.place for r in self._reviews if r.place})

    def new_review(self) -> None:
        if self.db is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.reviews import ReviewDialog

        with self.db.read() as session:
            initial = reviews.suggest_fields(session)
        dialog = ReviewDialog(
            self, initial=initial, people=self._people(), places=self._places(), new=True
        )
        if not _accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, new_id = self._write(
            "Cannot plan the review", lambda s: reviews.create_review(s, fields, self.user)
        )
        if ok:
            self._section_item = None
            self._after_write(new_id)

    def edit_review(self) -> None:
        review = self.review
        if review is None or not self.editable:
            return
        from qmsdesk.gui.dialogs.reviews import ReviewDialog

        self.save_narrative()
        dialog = ReviewDialog(
            self,
            initial=review.fields(),
            people=self._people(),
            places=self._places(),
            new=False,
        )
        if not _accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self._write(
            f"Cannot change {review.reference}",
            lambda s: reviews.update_review(s, review.id, fields, self.user),
        )
        if ok:
            self._after_write(review.id)

    def delete_review(self) -> None:
        review = self.review
        if review is None or self.db is None or self.read_only:
            return
        answer = QMessageBox.question(
            self,
            "Delete review",
            f"Delete {review.reference} ({day_text(review.meeting_date)}) with its notes and "
            "decisions?\n\nThis cannot be undone; the change history keeps a record of it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self._write(
            f"Cannot delete {review.reference}",
            lambda s: reviews.delete_review(s, review.id, self.user),
        )
        if ok:
            self.review = None
            self._after_write()

    def edit_attendance(self) -> None:
        review = self.review
        if review is None or not self.editable:
            return
        from qmsdesk.gui.dialogs.reviews import ReviewAttendanceDialog

        self.save_narrative()
        chosen = {a.person_id: a for a in self._attendance if a.person_id is not None}
        listed = self._people()
        known = {p[0] for p in listed}
        listed += [(pid, a.name, a.department) for pid, a in chosen.items() if pid not in known]
        dialog = ReviewAttendanceDialog(
            self,
            review=review.reference,
            people=listed,
            attended=[p for p, a in chosen.items() if a.role == AttendanceRole.ATTENDED],
            apologies=[p for p, a in chosen.items() if a.role == AttendanceRole.APOLOGIES],
            planned=review.status == ReviewStatus.PLANNED,
        )
        if not _accepted(dialog):
            return
        attended, apologies = dialog.chosen()
        ok, _ = self._write(
            f"Cannot record the attendance at {review.reference}",
            lambda s: reviews.set_attendance(s, review.id, attended, apologies, self.user),
        )
        if ok:
            self._after_write(review.id)

    def mark_held(self) -> None:
        review = self.review
        if review is None or not self.editable:
            return
        ok, _ = self._write(
            f"Cannot mark {review.reference} as held",
            lambda s: reviews.mark_held(s, review.id, self.user),
        )
        if ok:
            self._after_write(review.id)

    def refresh_drafts(self) -> None:
        review = self.review
        if review is None or not self.editable:
            return
        self.save_narrative()
        ok, _ = self._write(
            f"Cannot draft {review.reference} from the registers",
            lambda s: reviews.refresh_drafts(s, review.id, self.user),
        )
        if ok:
            self._after_write(review.id)
            self._status(f"Drafted {review.reference} again from the registers; your notes are as "
                         "they were.")  # fmt: skip

    def approve(self) -> None:
        review = self.review
        if review is None or not self.editable:
            return
        from qmsdesk.gui.dialogs.reviews import ReviewApproveDialog

        self.save_narrative()
        dialog = ReviewApproveDialog(
            self,
            review=review.reference,
            meeting=review.meeting_date,
            approver=review.chair or self.user,
        )
        if not _accepted(dialog):
            return
        who, when = dialog.values()
        ok, _ = self._write(
            f"Cannot approve the minutes of {review.reference}",
            lambda s: reviews.approve(s, review.id, who, when, self.user),
        )
        if ok:
            self._after_write(review.id)

    def new_revision(self) -> None:
        review = self.review
        if review is None or self.db is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.reviews import ReviewRevisionDialog

        dialog = ReviewRevisionDialog(
            self, review=review.reference, revision=review.minutes_revision
        )
        if not _accepted(dialog):
            return
        reason = dialog.reason()
        ok, _ = self._write(
            f"Cannot start a new revision of {review.reference}",
            lambda s: reviews.new_revision(s, review.id, reason, self.user),
        )
        if ok:
            self._after_write(review.id)

    def _current_decision(self) -> DecisionRow | None:
        selected = self._selected_tree_item()
        if selected is None:
            return None
        kind, ident = selected
        for decision in self._decisions:
            if kind == "decision" and decision.id == ident:
                return decision
            if kind == "action" and any(a.id == ident for a in decision.actions):
                return decision
        return None

    def add_decision(self) -> None:
        review = self.review
        if review is None or not self.editable:
            return
        from qmsdesk.gui.dialogs.reviews import ReviewDecisionDialog

        self._show_outputs()
        dialog = ReviewDecisionDialog(self, review=review.reference)
        if not _accepted(dialog):
            return
        item, text = dialog.values()
        ok, _ = self._write(
            "Cannot record the decision",
            lambda s: reviews.add_decision(s, review.id, item, text, self.user),
        )
        if ok:
            self._after_write(review.id)

    def add_action(self) -> None:
        review = self.review
        decision = self._current_decision()
        if review is None or decision is None or not self.editable:
            return
        from qmsdesk.gui.dialogs.reviews import ReviewActionDialog

        dialog = ReviewActionDialog(
            self, decision=f"{decision.label}: {decision.text}", people=self._people()
        )
        if not _accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self._write(
            "Cannot add the action",
            lambda s: reviews.add_action(s, decision.id, fields, self.user),
        )
        if ok:
            self._after_write(review.id)

    def edit_decision_or_action(self) -> None:
        review = self.review
        selected = self._selected_tree_item()
        decision = self._current_decision()
        if review is None or selected is None or decision is None or not self.editable:
            return
        from qmsdesk.gui.dialogs.reviews import ReviewActionDialog, ReviewDecisionDialog

        kind, ident = selected
        if kind == "decision":
            dialog = ReviewDecisionDialog(
                self, review=review.reference, item=decision.item, text=decision.text
            )
            if not _accepted(dialog):
                return
            item, text = dialog.values()
            ok, _ = self._write(
                f"Cannot change {decision.label}",
                lambda s: reviews.update_decision(s, decision.id, item, text, self.user),
            )
        else:
            action = next(a for a in decision.actions if a.id == ident)
            with self.db.read() as session:  # type: ignore[union-attr]
                from qmsdesk.core import actions

                details = actions.get_row(session, action.id).corrective_action
            initial = ReviewActionFields(
                action.title,
                action.owner_id,
                action.due_date,
                details if details != action.title else "",
            )
            dialog = ReviewActionDialog(
                self,
                decision=f"{decision.label}: {decision.text}",
                people=self._people(),
                initial=initial,
            )
            if not _accepted(dialog):
                return
            fields = dialog.result_fields()
            ok, _ = self._write(
                f"Cannot change {action.reference}",
                lambda s: reviews.update_action(s, action.id, fields, self.user),
            )
        if ok:
            self._after_write(review.id)

    def remove_decision_or_action(self) -> None:
        review = self.review
        selected = self._selected_tree_item()
        decision = self._current_decision()
        if review is None or selected is None or decision is None or not self.editable:
            return
        kind, ident = selected
        if kind == "decision":
            what = f"{decision.label} “{decision.text}”"
            work: Callable[[Session], object] = lambda s: reviews.delete_decision(  # noqa: E731
                s, decision.id, self.user
            )
        else:
            action = next(a for a in decision.actions if a.id == ident)
            what = (
                f"the action {action.reference} “{action.title}” (also from the actions register)"
            )
            work = lambda s: reviews.remove_action(s, action.id, self.user)  # noqa: E731
        answer = QMessageBox.question(
            self,
            "Remove",
            f"Remove {what}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self._write("Cannot remove it", work)
        if ok:
            self._after_write(review.id)

    def _show_outputs(self) -> None:
        last = self.sections.count() - 1
        if last >= 0 and self.sections.currentRow() != last:
            self.sections.setCurrentRow(last)

    def show_history(self) -> None:
        review = self.review
        if review is None or self.db is None:
            return
        from qmsdesk.gui import dialogs

        with self.db.read() as session:
            rows = reviews.history_of(session, review.id)
        dialog = dialogs.HistoryDialog(self, title=f"History of {review.reference}", rows=rows)
        dialog.exec()
        dialog.deleteLater()

    # --- reports -------------------------------------------------------------------------------

    @property
    def report_file_name(self) -> str:
        return f"Minutes {self.review.reference}" if self.review else "Management review minutes"

    def report_params(self) -> dict[str, str] | None:
        """What the main window's Print Report (Ctrl+P) passes: the selected review. What was
        typed is saved first, so that the minutes show it."""
        self.save_narrative()
        if self.review is None:
            QMessageBox.information(self, "Print the minutes", "Choose a review first.")
            return None
        return {"review": self.review.reference}

    def _ask_pdf(self, suggested: str) -> Path | None:
        window = self.window()
        if hasattr(window, "ask_save_path"):
            return window.ask_save_path(  # type: ignore[no-any-return]
                "Print report to PDF", suggested, PDF_FILTER, ".pdf"
            )
        name, _ = QFileDialog.getSaveFileName(
            self, "Print report to PDF", str(self.settings.last_folder / suggested), PDF_FILTER
        )
        return Path(name) if name else None

    def print_agenda(self) -> None:
        review = self.review
        db = self.db
        if review is None or db is None:
            return
        self.save_narrative()
        target = self._ask_pdf(f"Agenda {review.reference}.pdf")
        if target is None:
            return
        from qmsdesk.core.exchange import registry

        entry = registry.REPORTS["review-agenda"]
        reference = review.reference

        def done(_result: object) -> None:
            self._status(f"Wrote {target}.")
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
                QMessageBox.information(
                    self, "Agenda written", f"The agenda is in {target}. No PDF viewer started."
                )

        self._last_job = workers.run_job(
            self,
            lambda progress: entry.write(db, target, progress=progress, review=reference),
            label=f"Writing {target.name}…",
            on_done=done,
            on_error=lambda exc, details: show_problem(
                self, "The agenda was not written", exc, details
            ),
        )

    def _status(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 20_000)  # type: ignore[attr-defined]

    # --- layout --------------------------------------------------------------------------------

    def save_layout(self, settings: Settings) -> None:
        self.save_narrative()
        settings.set_state("reviews/splitter", self.splitter.saveState())
        settings.set_state("reviews/body", self.body_splitter.saveState())
        settings.set_state("reviews/section", self.section_splitter.saveState())

    def restore_layout(self, settings: Settings) -> None:
        for key, splitter in (
            ("reviews/splitter", self.splitter),
            ("reviews/body", self.body_splitter),
            ("reviews/section", self.section_splitter),
        ):
            state = settings.state(key)
            if state is not None:
                splitter.restoreState(state)


def _notes_icon() -> object:
    """The mark of an agenda item the lead has written notes under."""
    return icons.letter_icon("✎", "#1565c0")


def _accepted(dialog: QDialog) -> bool:
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


def _local(moment: dt.datetime) -> dt.datetime:
    """A stored UTC time in the computer's time zone."""
    return moment.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
