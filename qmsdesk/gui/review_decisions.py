"""The outputs of a management review (clause 9.3.3) in the Reviews tab: its decisions and the
actions each decision opened in the actions register.

The page shows the decisions as a tree (an action under its decision), the selected one in full
under it, and the buttons to add, edit and remove them. It records those changes itself, through
the tab's write (:class:`qmsdesk.gui.writer.Writer`); the review shown, whether it may be changed
and the open file come from the tab (:meth:`DecisionsPage.show_review`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from sqlalchemy.orm import Session

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import reviews
from qmsdesk.core.db import Database
from qmsdesk.core.reviews import DecisionRow, ReviewActionFields, ReviewRow
from qmsdesk.gui.dialogs._common import format_date
from qmsdesk.gui.register_tab import accepted
from qmsdesk.gui.writer import Writer

OUTPUTS_ROW_TEXT = "Outputs: decisions and actions (9.3.3)"
_DATA = Qt.ItemDataRole.UserRole
Person = tuple[int, str, str]  # id, name, department


class DecisionsPage(QWidget):
    """The decisions and actions of the review shown."""

    selection_changed = Signal()  # another decision or action was selected

    def __init__(
        self,
        write: Writer,
        after_write: Callable[[int], None],
        user: Callable[[], str],
        people: Callable[[], list[Person]],
        parent: QWidget | None = None,
    ) -> None:
        """`write` writes as the tab does; `after_write(review_id)` reads the review again after
        a change; `user()` names who is working; `people()` are those who may own an action."""
        super().__init__(parent)
        self._write = write
        self._after_write = after_write
        self._user = user
        self._people = people
        self.db: Database | None = None
        self.review: ReviewRow | None = None
        self.decision_rows: list[DecisionRow] = []
        self.editable = False

        layout = QVBoxLayout(self)
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

    # --- showing

    def show_review(
        self,
        review: ReviewRow | None,
        decisions: list[DecisionRow],
        *,
        editable: bool,
        db: Database | None,
    ) -> None:
        """Show the decisions of `review`; `editable`: they may be changed."""
        self.review = review
        self.decision_rows = decisions
        self.editable = editable
        self.db = db
        if review is not None:
            self._fill()

    def _fill(self) -> None:
        self.decisions.clear()
        for decision in self.decision_rows:
            top = QTreeWidgetItem(
                [f"{decision.label} · {decision.item} · {decision.text}", "", "", ""]
            )
            top.setToolTip(0, f"{decision.item} {decision.item_title}\n{decision.text}")
            top.setData(0, _DATA, ("decision", decision.id))
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
                child.setData(0, _DATA, ("action", action.id))
                child.setToolTip(0, f"{action.reference}: {action.title}")
                if late:
                    child.setForeground(3, Qt.GlobalColor.darkRed)
                top.addChild(child)
            self.decisions.addTopLevelItem(top)
            top.setExpanded(True)
        if not self.decision_rows:
            empty = QTreeWidgetItem(["No decision recorded yet.", "", "", ""])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.decisions.addTopLevelItem(empty)

    def _decision_selected(self) -> None:
        """The selected decision or action in full (the tree shows one line of each)."""
        selected = self.selected_item()
        decision = self.current_decision()
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
        self.selection_changed.emit()

    def update_buttons(self) -> None:
        selected = self.selected_item() is not None
        self.add_decision_button.setEnabled(self.editable)
        self.add_action_button.setEnabled(self.editable and selected)
        self.edit_item_button.setEnabled(self.editable and selected)
        self.remove_item_button.setEnabled(self.editable and selected)

    def selected_item(self) -> tuple[str, int] | None:
        """("decision", id) or ("action", id) of the selected row; None when none is."""
        item = self.decisions.currentItem()
        data = item.data(0, _DATA) if item else None
        if not data:
            return None
        kind, ident = data
        return str(kind), int(ident)

    def current_decision(self) -> DecisionRow | None:
        """The selected decision, or the decision of the selected action."""
        selected = self.selected_item()
        if selected is None:
            return None
        kind, ident = selected
        for decision in self.decision_rows:
            if kind == "decision" and decision.id == ident:
                return decision
            if kind == "action" and any(a.id == ident for a in decision.actions):
                return decision
        return None

    # --- changing

    def add_decision(self) -> None:
        review = self.review
        if review is None or not self.editable:
            return
        from qmsdesk.gui.dialogs.reviews import ReviewDecisionDialog

        dialog = ReviewDecisionDialog(self, review=review.reference)
        if not accepted(dialog):
            return
        item, text = dialog.values()
        user = self._user()
        ok, _ = self._write(
            "Cannot record the decision",
            lambda s: reviews.add_decision(s, review.id, item, text, user),
        )
        if ok:
            self._after_write(review.id)

    def add_action(self) -> None:
        review = self.review
        decision = self.current_decision()
        if review is None or decision is None or not self.editable:
            return
        from qmsdesk.gui.dialogs.reviews import ReviewActionDialog

        dialog = ReviewActionDialog(
            self, decision=f"{decision.label}: {decision.text}", people=self._people()
        )
        if not accepted(dialog):
            return
        fields = dialog.result_fields()
        user = self._user()
        ok, _ = self._write(
            "Cannot add the action",
            lambda s: reviews.add_action(s, decision.id, fields, user),
        )
        if ok:
            self._after_write(review.id)

    def edit_decision_or_action(self) -> None:
        review = self.review
        selected = self.selected_item()
        decision = self.current_decision()
        if review is None or selected is None or decision is None or not self.editable:
            return
        if selected[0] == "decision":
            ok = self._edit_decision(review, decision)
        else:
            ok = self._edit_action(decision, selected[1])
        if ok:
            self._after_write(review.id)

    def _edit_decision(self, review: ReviewRow, decision: DecisionRow) -> bool:
        from qmsdesk.gui.dialogs.reviews import ReviewDecisionDialog

        dialog = ReviewDecisionDialog(
            self, review=review.reference, item=decision.item, text=decision.text
        )
        if not accepted(dialog):
            return False
        item, text = dialog.values()
        user = self._user()
        ok, _ = self._write(
            f"Cannot change {decision.label}",
            lambda s: reviews.update_decision(s, decision.id, item, text, user),
        )
        return ok

    def _edit_action(self, decision: DecisionRow, action_id: int) -> bool:
        from qmsdesk.core import actions
        from qmsdesk.gui.dialogs.reviews import ReviewActionDialog

        action = next(a for a in decision.actions if a.id == action_id)
        if self.db is None:
            return False
        with self.db.read() as session:
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
        if not accepted(dialog):
            return False
        fields = dialog.result_fields()
        user = self._user()
        ok, _ = self._write(
            f"Cannot change {action.reference}",
            lambda s: reviews.update_action(s, action.id, fields, user),
        )
        return ok

    def remove_decision_or_action(self) -> None:
        review = self.review
        selected = self.selected_item()
        decision = self.current_decision()
        if review is None or selected is None or decision is None or not self.editable:
            return
        kind, ident = selected
        user = self._user()
        if kind == "decision":
            what = f"{decision.label} “{decision.text}”"

            def work(s: Session) -> None:
                reviews.delete_decision(s, decision.id, user)
        else:
            action = next(a for a in decision.actions if a.id == ident)
            what = (
                f"the action {action.reference} “{action.title}” (also from the actions register)"
            )

            def work(s: Session) -> None:
                reviews.remove_action(s, action.id, user)

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
