"""The selected management review in the Reviews tab: its heading, the banner saying why it may
not be changed, and its agenda: the inputs of clause 9.3.2, one page an item
(:mod:`qmsdesk.gui.review_inputs`), and the outputs of 9.3.3 (:mod:`qmsdesk.gui.review_decisions`).

The pane reads the review it shows and saves the lead's notes itself: when they move to another
agenda item, after a short pause in typing (AUTOSAVE_MS), when the notes lose the focus, and when
the tab asks (:meth:`ReviewDetails.save_narrative`, before anything is printed or approved). It
says `notes_saved` after a save and `state_changed` when what the tab's actions may do changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import reviews
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_reviews import AttendanceRole, ReviewStatus
from qmsdesk.core.errors import QmsError
from qmsdesk.core.reviews import DecisionRow, ReviewRow, SectionRow
from qmsdesk.core.reviews.drafting import period_text
from qmsdesk.gui import icons
from qmsdesk.gui.dialogs._common import format_date
from qmsdesk.gui.review_decisions import OUTPUTS_ROW_TEXT, DecisionsPage, Person
from qmsdesk.gui.review_inputs import FocusOut, InputPage, draft_text
from qmsdesk.gui.workers import show_problem
from qmsdesk.gui.writer import Writer

#: Typing pauses longer than this save what was typed.
AUTOSAVE_MS = 2500
STATUS_MARK = {
    ReviewStatus.PLANNED: "○ Planned",
    ReviewStatus.HELD: "◐ Held",
    ReviewStatus.APPROVED: "● Approved",
}
_OUTPUTS = "outputs"  # the agenda list's key of the outputs page


def notes_icon() -> QIcon:
    """The mark of an agenda item the lead has written notes under."""
    return icons.letter_icon("✎", "#1565c0")


class ReviewDetails(QWidget):
    """The review shown: heading, banner, agenda list and the page of the chosen item."""

    notes_saved = Signal()  # the lead's notes were written to the file
    state_changed = Signal()  # another item, review or selection: the tab's actions may change

    def __init__(
        self,
        write: Writer,
        after_write: Callable[[int], None],
        user: Callable[[], str],
        people: Callable[[], list[Person]],
        refresh_tip: str,
        parent: QWidget | None = None,
    ) -> None:
        """`write`, `after_write(review_id)`, `user()` and `people()` are the tab's (see
        :class:`DecisionsPage`); `refresh_tip` explains the page's Refresh from data button."""
        super().__init__(parent)
        self._user = user
        self.db: Database | None = None
        self.read_only = False
        self.review: ReviewRow | None = None
        self.section_rows: list[SectionRow] = []
        self.decision_rows: list[DecisionRow] = []
        self.attendance: list[reviews.AttendanceRow] = []
        self.section_item: str | None = None  # the agenda item shown
        self._loading = False

        layout = QVBoxLayout(self)
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

        self.inputs = InputPage(refresh_tip)
        self.narrative = self.inputs.narrative
        self.narrative.textChanged.connect(self._narrative_typed)
        self.inputs.copy_button.clicked.connect(self.copy_summary)
        self.inputs.nothing_check.toggled.connect(self._nothing_toggled)
        self.outputs = DecisionsPage(write, after_write, user, people)
        self.outputs.selection_changed.connect(self.state_changed.emit)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.inputs)
        self.pages.addWidget(self.outputs)
        body.addWidget(self.pages)
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        body.setChildrenCollapsible(False)
        body.setSizes([260, 840])
        layout.addWidget(body, 1)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_narrative)
        self._focus_out = FocusOut(self.save_narrative)
        self.narrative.installEventFilter(self._focus_out)

    def set_database(self, db: Database | None, *, read_only: bool) -> None:
        self.db = db
        self.read_only = read_only
        self.review = None
        self.section_item = None

    @property
    def editable(self) -> bool:
        return (
            self.db is not None
            and not self.read_only
            and self.review is not None
            and not self.review.read_only
        )

    # --- showing

    def load(self, review_id: int | None) -> None:
        """Read and show a review (None: none)."""
        self.review = None
        self.section_rows, self.decision_rows, self.attendance = [], [], []
        if review_id is not None and self.db is not None:
            with self.db.read() as session:
                self.review = reviews.get_review(session, review_id)
                self.section_rows = reviews.sections(session, review_id)
                self.decision_rows = reviews.decisions(session, review_id)
                self.attendance = reviews.attendance(session, review_id)
        self.show_review()

    def show_review(self) -> None:
        review = self.review
        self._loading = True
        current = self.section_item
        self.sections.clear()
        if review is None:
            empty = "no file open" if self.db is None else "no management review yet"
            self.heading.setText(
                f"<h3>Management reviews</h3><p>There is {empty}. Use <b>New review</b> to plan "
                "one: QMS Desk drafts its agenda from the registers.</p>"
            )
            self.banner.hide()
            self.outputs.show_review(None, [], editable=False, db=self.db)
            self.pages.setEnabled(False)
            self.sections.setEnabled(False)
            self._loading = False
            self._clear_section()
            self.state_changed.emit()
            return
        self.pages.setEnabled(True)
        self.sections.setEnabled(True)
        self.narrative.setReadOnly(not self.editable)
        self.heading.setText(self.heading_html(review))
        self._show_banner(review)
        for section in self.section_rows:
            item = QListWidgetItem(f"{section.item}  {section.title}")
            item.setIcon(notes_icon() if section.narrative else icons.blank_icon())
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
        outputs_item.setData(Qt.ItemDataRole.UserRole, _OUTPUTS)
        self.sections.addItem(outputs_item)
        self.outputs.show_review(review, self.decision_rows, editable=self.editable, db=self.db)
        self._loading = False
        keys = [self._key(i) for i in range(self.sections.count())]
        self.sections.setCurrentRow(keys.index(current) if current in keys else 0)
        self._section_changed(self.sections.currentRow())
        self.state_changed.emit()

    def heading_html(self, review: ReviewRow) -> str:
        attended = [a.name for a in self.attendance if a.role == AttendanceRole.ATTENDED]
        apologies = [a.name for a in self.attendance if a.role == AttendanceRole.APOLOGIES]
        present = "Invited" if review.status == ReviewStatus.PLANNED else "Present"
        lines = [
            f"<b>{escape(review.reference)}</b> — {escape(review.title)} "
            f"&nbsp;<span style='color:#1f4e78'>[{escape(STATUS_MARK[review.status])}, minutes "
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

    # --- the agenda

    def _key(self, row: int) -> str | None:
        item = self.sections.item(row) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _section(self, item: str | None) -> SectionRow | None:
        return next((s for s in self.section_rows if s.item == item), None)

    def _section_changed(self, row: int) -> None:
        if self._loading:
            return
        self.save_narrative()
        key = self._key(row)
        self.section_item = key
        if key == _OUTPUTS:
            self.pages.setCurrentIndex(1)
            self.state_changed.emit()
            return
        self.pages.setCurrentIndex(0)
        section = self._section(key)
        if section is None:
            self._clear_section()
            return
        self._loading = True
        self.inputs.show_section(section, editable=self.editable)
        self._loading = False
        self.state_changed.emit()

    def _clear_section(self) -> None:
        self._loading = True
        self.inputs.clear()
        self._loading = False

    def show_outputs(self) -> None:
        """Go to the outputs page (the last item of the agenda)."""
        last = self.sections.count() - 1
        if last >= 0 and self.sections.currentRow() != last:
            self.sections.setCurrentRow(last)

    # --- the lead's notes

    def _narrative_typed(self) -> None:
        if self._loading or not self.editable:
            return
        self.inputs.saved_label.setText("Not saved yet…")
        self._autosave.start()

    def save_narrative(self) -> bool:
        """Store what was typed under the current agenda item, if it changed."""
        self._autosave.stop()
        section = self._section(self.section_item)
        review = self.review
        if section is None or review is None or not self.editable or self.db is None:
            return False
        text = self.narrative.toPlainText()
        if text.strip() == section.narrative:
            return False
        try:
            with self.db.write() as session:
                reviews.set_narrative(session, review.id, section.item, text, self._user())
                fresh = reviews.sections(session, review.id)
        except QmsError as exc:
            show_problem(self, f"Your notes on {section.item} were not saved", exc)
            return False
        self.section_rows = fresh
        self.inputs.saved_label.setText(f"Saved {dt.datetime.now():%H:%M:%S}")
        for i in range(self.sections.count()):
            listed = self.sections.item(i)
            if listed is not None and listed.data(Qt.ItemDataRole.UserRole) == section.item:
                listed.setIcon(notes_icon())
                break
        self.notes_saved.emit()
        return True

    def _nothing_toggled(self, checked: bool) -> None:
        """Store the lead's "nothing to report" for the current input."""
        section = self._section(self.section_item)
        review = self.review
        if self._loading or section is None or review is None or not self.editable:
            return
        if self.db is None or section.nothing_to_report == checked:
            return
        try:
            with self.db.write() as session:
                reviews.set_nothing_to_report(
                    session, review.id, section.item, checked, self._user()
                )
                self.section_rows = reviews.sections(session, review.id)
        except QmsError as exc:
            show_problem(self, f"{section.item} was not marked", exc)

    def copy_summary(self) -> None:
        """Add the draft from the registers to the notes, and save them."""
        section = self._section(self.section_item)
        if section is None or not self.editable:
            return
        text = draft_text(section)
        current = self.narrative.toPlainText().rstrip()
        self.narrative.setPlainText(f"{current}\n\n{text}".strip() if current else text)
        self.save_narrative()
