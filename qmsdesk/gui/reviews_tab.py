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

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMessageBox,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import people, reviews
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_reviews import AttendanceRole, ReviewStatus
from qmsdesk.core.reviews import ReviewRow, SectionRow
from qmsdesk.core.reviews.drafting import day_text
from qmsdesk.gui import icons
from qmsdesk.gui.file_jobs import PDF_FILTER, FileJobs
from qmsdesk.gui.register_tab import ActionSpec, RegisterTab, accepted
from qmsdesk.gui.review_decisions import OUTPUTS_ROW_TEXT
from qmsdesk.gui.review_details import STATUS_MARK, ReviewDetails
from qmsdesk.gui.settings import Settings

__all__ = ["OUTPUTS_ROW_TEXT", "ReviewsTab"]  # OUTPUTS_ROW_TEXT: the agenda's last row, kept here


_SP = QStyle.StandardPixmap


class ReviewsTab(RegisterTab):
    """Management reviews: plan, hold, minute and approve them."""

    tab_title = "Management reviews"
    menu_title = "Rev&iew"
    report_key = "review-minutes"
    export_key = "reviews"
    export_file_name = "Management reviews"
    toolbar_title = "Review actions"

    ACTIONS = (
        ActionSpec("new_action", "&New review…", "new_review", "Ctrl+Shift+N",
                   lambda: icons.standard(_SP.SP_FileIcon), "Plan a management review",
                   button="New"),
        ActionSpec("edit_action", "&Edit review details…", "edit_review", "F2",
                   lambda: icons.standard(_SP.SP_FileDialogDetailedView),
                   "Change the meeting's date, place, chair or the period covered",
                   button="Details"),
        ActionSpec("delete_action", "&Delete review…", "delete_review",
                   QKeySequence.StandardKey.Delete, lambda: icons.standard(_SP.SP_TrashIcon),
                   "Delete a review planned by mistake (never one with approved minutes)"),
        ActionSpec("attendance_action", "&Attendance…", "edit_attendance", "Ctrl+Shift+T",
                   lambda: icons.letter_icon("A", "#1565c0"),
                   "Choose who attends and who sent apologies", button="Attendance"),
        ActionSpec("held_action", "Mark as &held", "mark_held", None,
                   lambda: icons.letter_icon("H", "#6a1b9a"),
                   "Record that the meeting took place", button="Held"),
        ActionSpec("conclusion_action", "Concl&usion (9.3.1)…", "edit_conclusion", None,
                   lambda: icons.letter_icon("C", "#6a1b9a"),
                   "Record what the review concluded: suitability, adequacy, effectiveness and "
                   "alignment with the strategic direction", button="Conclusion"),
        ActionSpec("approve_action", "A&pprove the minutes…", "approve", "Ctrl+Shift+A",
                   lambda: icons.standard(_SP.SP_DialogApplyButton),
                   "Approve the minutes: the review becomes read-only", button="Approve"),
        ActionSpec("revision_action", "New re&vision of the minutes…", "new_revision", None,
                   lambda: icons.letter_icon("R", "#1565c0"),
                   "Open approved minutes for a change; the approved revision is kept as it was",
                   button="New revision"),
        ActionSpec("refresh_action", "Refresh from &data", "refresh_drafts", "Ctrl+Shift+R",
                   lambda: icons.standard(_SP.SP_BrowserReload),
                   "Draft every input again from the registers; your notes are never touched",
                   button="Refresh from data"),
        ActionSpec("decision_action", "Add de&cision…", "add_decision", "Ctrl+Shift+D",
                   lambda: icons.letter_icon("D", "#2e7d32"),
                   "Record a decision (an output of clause 9.3.3)"),
        ActionSpec("review_action_action", "Add ac&tion…", "add_action", "Ctrl+Shift+K",
                   lambda: icons.letter_icon("+", "#2e7d32"),
                   "Add an action to the selected decision; it goes into the actions register"),
        ActionSpec("agenda_action", "Print blank a&genda…", "print_agenda", "Ctrl+Shift+P",
                   lambda: icons.standard(_SP.SP_FileDialogContentsView),
                   "Write the blank agenda as a PDF, to circulate before the meeting",
                   button="Blank agenda", writes=False),
        ActionSpec("history_action", "&History…", "show_history", "Ctrl+H",
                   lambda: icons.standard(_SP.SP_FileDialogInfoView),
                   "Every change recorded for the selected review", button="History",
                   writes=False),
    )  # fmt: skip
    EDIT_ACTIONS = ("new_action", "edit_action", "delete_action")
    MENU_ACTIONS = (
        "attendance_action", "held_action", "refresh_action", None, "decision_action",
        "review_action_action", "conclusion_action", None, "approve_action", "revision_action",
        None, "agenda_action", "history_action",
    )  # fmt: skip
    TOOLBAR = (
        "new_action", "edit_action", "attendance_action", "held_action", None,
        "refresh_action", None, "approve_action", "revision_action", None, "agenda_action",
        "history_action",
    )  # fmt: skip

    new_action: QAction
    edit_action: QAction
    delete_action: QAction
    attendance_action: QAction
    held_action: QAction
    approve_action: QAction
    conclusion_action: QAction
    revision_action: QAction
    refresh_action: QAction
    decision_action: QAction
    review_action_action: QAction
    agenda_action: QAction
    history_action: QAction
    splitter: QSplitter  # the list beside the review (this register has no table)

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)
        self._reviews: list[ReviewRow] = []
        self._loading = False  # filling the list of reviews
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.make_toolbar())

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
            self.write,
            self.after_write,
            lambda: self.user,
            self._people,
            self.refresh_action.statusTip(),
        )
        self.details.notes_saved.connect(self.changed.emit)
        self.details.state_changed.connect(self.update_actions)
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

    # --- database ------------------------------------------------------------------------------

    def set_database(self, db: Database | None, *, read_only: bool = False) -> None:
        self.save_narrative()  # into the file they were typed for
        super().set_database(db, read_only=read_only)

    def database_changed(self) -> None:
        self.details.set_database(self.db, read_only=self.read_only)
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

    def update_actions(self) -> None:
        review = self.review
        status = review.status if review is not None else None
        editable = self.editable  # a file open for changes, a review not approved
        self.enable(self.new_action)
        self.enable(self.edit_action, editable)
        self.enable(self.delete_action, review is not None and status != ReviewStatus.APPROVED)
        self.enable(self.attendance_action, editable)
        self.enable(self.held_action, editable and status == ReviewStatus.PLANNED)
        self.enable(self.approve_action, editable and status == ReviewStatus.HELD)
        self.enable(self.conclusion_action, editable and status == ReviewStatus.HELD)
        self.enable(self.revision_action, status == ReviewStatus.APPROVED)
        self.enable(self.refresh_action, editable)
        self.refresh_button.setEnabled(editable)
        self.copy_button.setEnabled(editable and bool(self.summary.toPlainText().strip()))
        self.enable(self.decision_action, editable)
        selected = self.outputs.selected_item() is not None
        self.enable(self.review_action_action, editable and selected)
        self.outputs.update_buttons()
        self.enable(self.agenda_action, review is not None)
        self.enable(self.history_action, review is not None)

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
        ok, new_id = self.write(
            "Cannot plan the review", lambda s: reviews.create_review(s, fields, self.user)
        )
        if ok:
            self.details.section_item = None
            self.after_write(new_id)

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
        ok, _ = self.write(
            f"Cannot change {review.reference}",
            lambda s: reviews.update_review(s, review.id, fields, self.user),
        )
        if ok:
            self.after_write(review.id)

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
        ok, _ = self.write(
            f"Cannot delete {review.reference}",
            lambda s: reviews.delete_review(s, review.id, self.user),
        )
        if ok:
            self.details.review = None
            self.after_write()

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
        ok, _ = self.write(
            f"Cannot record the attendance at {review.reference}",
            lambda s: reviews.set_attendance(s, review.id, attended, apologies, self.user),
        )
        if ok:
            self.after_write(review.id)

    def mark_held(self) -> None:
        review = self.review
        if review is None or not self.editable:
            return
        ok, _ = self.write(
            f"Cannot mark {review.reference} as held",
            lambda s: reviews.mark_held(s, review.id, self.user),
        )
        if ok:
            self.after_write(review.id)

    def refresh_drafts(self) -> None:
        review = self.review
        if review is None or not self.editable:
            return
        self.save_narrative()
        ok, _ = self.write(
            f"Cannot draft {review.reference} from the registers",
            lambda s: reviews.refresh_drafts(s, review.id, self.user),
        )
        if ok:
            self.after_write(review.id)
            self.file_jobs.show_message(
                f"Drafted {review.reference} again from the registers; your notes are as they "
                "were.",
                20_000,
            )

    def edit_conclusion(self) -> None:
        review = self.review
        if review is None or self.db is None or not self.editable:
            return
        from qmsdesk.core.reviews.conclusion import conclusion_of
        from qmsdesk.gui.dialogs.review_conclusion import ConclusionDialog

        with self.db.read() as session:
            initial = reviews.Conclusion(**conclusion_of(session, review.id))
        dialog = ConclusionDialog(self, review=review.reference, initial=initial)
        if not accepted(dialog):
            return
        conclusion = dialog.result_conclusion()
        ok, _ = self.write(
            f"Cannot save the conclusion of {review.reference}",
            lambda s: reviews.set_conclusion(s, review.id, conclusion, self.user),
        )
        if ok:
            self.after_write(review.id)

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
        ok, _ = self.write(
            f"Cannot approve the minutes of {review.reference}",
            lambda s: reviews.approve(s, review.id, who, when, self.user),
        )
        if ok:
            self.after_write(review.id)

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
        ok, _ = self.write(
            f"Cannot start a new revision of {review.reference}",
            lambda s: reviews.new_revision(s, review.id, reason, self.user),
        )
        if ok:
            self.after_write(review.id)

    def add_decision(self) -> None:
        if self.review is None or not self.editable:
            return
        self.details.show_outputs()
        self.outputs.add_decision()

    def add_action(self) -> None:
        self.outputs.add_action()

    def history_subject(self) -> tuple[str, Callable[[Session], Sequence[Any]]] | None:
        review = self.review
        if review is None:
            return None
        return review.reference, lambda session: reviews.history_of(session, review.id)

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

    def print_agenda(self) -> None:
        review = self.review
        db = self.db
        if review is None or db is None:
            return
        self.save_narrative()
        target = self.file_jobs.ask_save_path(
            "Print report to PDF", f"Agenda {review.reference}.pdf", PDF_FILTER, ".pdf"
        )
        if target is None:
            return
        from qmsdesk.core.exchange import registry

        entry = registry.REPORTS["review-agenda"]
        reference = review.reference

        def done(_result: object) -> None:
            self.file_jobs.show_message(f"Wrote {target}.", 20_000)
            self.file_jobs.open_result(
                target,
                title="Agenda written",
                missing=f"The agenda is in {target}. No PDF viewer could be started to show it.",
            )

        self.file_jobs.run(
            f"Writing {target.name}…",
            lambda progress: entry.write(db, target, progress=progress, review=reference),
            done,
            "The agenda was not written",
        )

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

    def show_record(self, record_id: int, kind: str = "") -> bool:
        """Select management review `record_id`."""
        return self.select_review(record_id)
