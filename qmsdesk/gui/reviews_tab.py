"""The management reviews tab (ISO 9001:2015 clause 9.3): the list of reviews, and the selected
review's agenda with the lead's notes beside what the registers say, its decisions and actions.

Every change goes through :mod:`qmsdesk.core.reviews` in one write transaction, with the user's
name for the change history. What the lead types under an agenda item is saved when they move to
another item or another review, after a short pause in typing, and before anything is printed or
approved. An approved review is shown read-only; "New revision of the minutes" opens it again.

This module holds the tab: the list of reviews, its actions and the writes of a review itself
(planning, attendance, held, drafts, approval, revisions). The selected review, its agenda and the
lead's notes are :mod:`qmsdesk.gui.review_details`; an agenda item's page (the notes beside the
draft from the registers) is :mod:`qmsdesk.gui.review_inputs`; the outputs page (decisions and
their actions, which it records itself) is :mod:`qmsdesk.gui.review_decisions`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy.orm import Session

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStyle,
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
from qmsdesk.core.reviews import ReviewRow, SectionRow
from qmsdesk.core.reviews_draft import day_text
from qmsdesk.gui import icons, workers
from qmsdesk.gui.review_decisions import OUTPUTS_ROW_TEXT
from qmsdesk.gui.review_details import STATUS_MARK, ReviewDetails
from qmsdesk.gui.settings import Settings
from qmsdesk.gui.workers import show_problem
from qmsdesk.gui.writer import accepted

__all__ = ["OUTPUTS_ROW_TEXT", "ReviewsTab"]  # OUTPUTS_ROW_TEXT: the agenda's last row, kept here

T = TypeVar("T")
PDF_FILTER = "PDF documents (*.pdf);;All files (*)"


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
        self._reviews: list[ReviewRow] = []
        self._loading = False  # filling the list of reviews
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
        self.details = ReviewDetails(
            self._write,
            self._after_write,
            lambda: self.user,
            self._people,
            self.refresh_action.statusTip(),
        )
        self.details.notes_saved.connect(self.changed.emit)
        self.details.state_changed.connect(self._update_actions)
        self.heading = self.details.heading
        self.banner = self.details.banner
        self.sections = self.details.sections
        self.body_splitter = self.details.body_splitter
        inputs = self.details.inputs
        self.narrative = inputs.narrative
        self.saved_label = inputs.saved_label
        self.summary = inputs.summary
        self.copy_button = inputs.copy_button
        self.refresh_button = inputs.refresh_button
        self.refresh_button.clicked.connect(self.refresh_drafts)
        self.section_splitter = inputs.section_splitter
        self.outputs = self.details.outputs
        self.decisions = self.outputs.decisions
        self.decision_detail = self.outputs.decision_detail
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([250, 1150])
        layout.addWidget(self.splitter, 1)
        self.details.show_review()

    # --- building ------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | str | None = None,
        icon: QIcon | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(icon)
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

    # --- database ------------------------------------------------------------------------------

    def set_database(self, db: Database | None, *, read_only: bool = False) -> None:
        self.save_narrative()
        self.db = db
        self.read_only = read_only
        self.details.set_database(db, read_only=read_only)
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
                [row.reference, day_text(row.meeting_date), STATUS_MARK[row.status]]
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
        current = self.list.topLevelItem(ids.index(wanted)) if wanted is not None else None
        if current is not None:
            self.list.setCurrentItem(current)
        self.details.load(wanted)
        self.counts_changed.emit()

    def _list_changed(self) -> None:
        if self._loading:
            return
        item = self.list.currentItem()
        review_id = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if self.review is not None and review_id == self.review.id:
            return
        self.save_narrative()
        self.details.section_item = None
        self.details.load(review_id)

    def select_review(self, review_id: int) -> bool:
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == review_id:
                self.list.setCurrentItem(item)
                return True
        return False

    # --- showing -------------------------------------------------------------------------------

    @property
    def review(self) -> ReviewRow | None:
        """The review shown."""
        return self.details.review

    @property
    def editable(self) -> bool:
        return self.details.editable

    @property
    def _sections(self) -> list[SectionRow]:
        return self.details.section_rows

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
        selected = self.outputs.selected_item()
        self.decision_action.setEnabled(editable)
        self.review_action_action.setEnabled(editable and selected is not None)
        self.outputs.update_buttons()
        self.agenda_action.setEnabled(review is not None)
        self.history_action.setEnabled(review is not None)

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

    def save_narrative(self) -> bool:
        """Store what was typed under the current agenda item, if it changed."""
        return self.details.save_narrative()

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
        if not accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, new_id = self._write(
            "Cannot plan the review", lambda s: reviews.create_review(s, fields, self.user)
        )
        if ok:
            self.details.section_item = None
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
        if not accepted(dialog):
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
            self.details.review = None
            self._after_write()

    def edit_attendance(self) -> None:
        review = self.review
        if review is None or not self.editable:
            return
        from qmsdesk.gui.dialogs.reviews import ReviewAttendanceDialog

        self.save_narrative()
        chosen = {a.person_id: a for a in self.details.attendance if a.person_id is not None}
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
        if not accepted(dialog):
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
        if not accepted(dialog):
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
        if not accepted(dialog):
            return
        reason = dialog.reason()
        ok, _ = self._write(
            f"Cannot start a new revision of {review.reference}",
            lambda s: reviews.new_revision(s, review.id, reason, self.user),
        )
        if ok:
            self._after_write(review.id)

    def add_decision(self) -> None:
        if self.review is None or not self.editable:
            return
        self.details.show_outputs()
        self.outputs.add_decision()

    def add_action(self) -> None:
        self.outputs.add_action()

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
            path: Path | None = window.ask_save_path(
                "Print report to PDF", suggested, PDF_FILTER, ".pdf"
            )
            return path
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
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 20_000)

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
