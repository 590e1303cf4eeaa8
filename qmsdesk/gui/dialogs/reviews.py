"""The management review's dialogs: the meeting, attendance, a decision, an action, approving the
minutes and starting a new revision of them. Layouts are Designer forms (ui/review_*.ui)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTreeWidgetItem, QWidget

from qmsdesk.core.dates import today
from qmsdesk.core.reviews import ReviewActionFields, ReviewFields, check_fields
from qmsdesk.core.reviews.minutes_data import outputs
from qmsdesk.core.text import fold
from qmsdesk.gui.dialogs._common import (
    fit_height,
    format_date,
    from_qdate,
    ok_button,
    setup_date_edit,
    show_problems,
    to_qdate,
)
from qmsdesk.gui.forms.ui_review_action_dialog import Ui_ReviewActionDialog
from qmsdesk.gui.forms.ui_review_approve_dialog import Ui_ReviewApproveDialog
from qmsdesk.gui.forms.ui_review_attendance_dialog import Ui_ReviewAttendanceDialog
from qmsdesk.gui.forms.ui_review_decision_dialog import Ui_ReviewDecisionDialog
from qmsdesk.gui.forms.ui_review_dialog import Ui_ReviewDialog
from qmsdesk.gui.forms.ui_review_revision_dialog import Ui_ReviewRevisionDialog

Person = tuple[int, str, str]  # id, name, department
_FIELD_WIDGETS = {
    "reference": "referenceEdit",
    "title": "titleEdit",
    "meeting_date": "meetingDateEdit",
    "place": "placeCombo",
    "chair_id": "chairCombo",
    "period_start": "periodStartEdit",
    "period_end": "periodEndEdit",
    "guests": "guestsEdit",
}


class ReviewDialog(QDialog):
    """The meeting: reference, title, date, place, chair, the period covered, guests."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        initial: ReviewFields,
        people: Sequence[Person],
        places: Sequence[str] = (),
        new: bool,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ReviewDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.setWindowTitle("Plan a management review" if new else "Management review details")
        ui.introLabel.setText(
            "Plan the review: when and where it meets, who chairs it, and the period it looks "
            "back on. Its agenda and the figures drafted from the registers follow from these."
            if new
            else "Change the meeting's details. Drafted figures follow the period covered: use "
            "<b>Refresh from data</b> after changing it."
        )
        for edit in (ui.meetingDateEdit, ui.periodStartEdit, ui.periodEndEdit):
            setup_date_edit(edit)
        ui.chairCombo.addItem("(nobody chosen)", None)
        for pid, name, department in people:
            ui.chairCombo.addItem(f"{name} ({department})" if department else name, pid)
        ui.placeCombo.addItems(list(places))
        ui.referenceEdit.setText(initial.reference)
        ui.titleEdit.setText(initial.title)
        ui.meetingDateEdit.setDate(to_qdate(initial.meeting_date))
        ui.placeCombo.setCurrentText(initial.place)
        index = ui.chairCombo.findData(initial.chair_id)
        ui.chairCombo.setCurrentIndex(max(index, 0))
        ui.periodStartEdit.setDate(to_qdate(initial.period_start))
        ui.periodEndEdit.setDate(to_qdate(initial.period_end))
        ui.guestsEdit.setText(initial.guests)
        show_problems(ui.problemsLabel, [])
        fit_height(self)
        (ui.meetingDateEdit if new else ui.titleEdit).setFocus()

    def result_fields(self) -> ReviewFields:
        ui = self.ui
        return ReviewFields(
            meeting_date=from_qdate(ui.meetingDateEdit.date()),
            period_start=from_qdate(ui.periodStartEdit.date()),
            period_end=from_qdate(ui.periodEndEdit.date()),
            reference=ui.referenceEdit.text().strip(),
            title=ui.titleEdit.text().strip(),
            place=ui.placeCombo.currentText().strip(),
            chair_id=ui.chairCombo.currentData(),
            guests=ui.guestsEdit.text().strip(),
        )

    def accept(self) -> None:
        problems = check_fields(self.result_fields())
        if problems:
            from qmsdesk.core.reviews import FIELD_LABELS

            show_problems(
                self.ui.problemsLabel,
                [f"{FIELD_LABELS.get(p.field, p.field)}: {p.message}" for p in problems],
            )
            getattr(self.ui, _FIELD_WIDGETS.get(problems[0].field, "meetingDateEdit")).setFocus()
            return
        super().accept()


_ATTENDED, _APOLOGIES = 2, 3


class ReviewAttendanceDialog(QDialog):
    """Who attended and who sent apologies: a tick in one column or the other."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        review: str,
        people: Sequence[Person],
        attended: Sequence[int],
        apologies: Sequence[int],
        planned: bool,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ReviewAttendanceDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.setWindowTitle(f"Attendance at {review}")
        ui.introLabel.setText(
            "Tick who is invited under <b>Attended</b> (it becomes the attendance once the "
            "meeting is held) and who has sent apologies."
            if planned
            else "Tick who attended and who sent apologies."
        )
        ui.peopleTree.headerItem().setText(_ATTENDED, "Invited" if planned else "Attended")
        self._updating = False
        for pid, name, department in people:
            item = QTreeWidgetItem([name, department, "", ""])
            item.setData(0, Qt.ItemDataRole.UserRole, pid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(_ATTENDED, _state(pid in attended))
            item.setCheckState(_APOLOGIES, _state(pid in apologies))
            ui.peopleTree.addTopLevelItem(item)
        ui.peopleTree.setColumnWidth(0, 220)
        ui.peopleTree.setColumnWidth(1, 130)
        ui.peopleTree.setColumnWidth(2, 80)
        ui.peopleTree.itemChanged.connect(self._changed)
        ui.filterEdit.textChanged.connect(self._filter)
        show_problems(ui.problemsLabel, [])
        self._count()
        ui.filterEdit.setFocus()

    def _items(self) -> list[QTreeWidgetItem]:
        tree = self.ui.peopleTree
        return [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]

    def _changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating or column not in (_ATTENDED, _APOLOGIES):
            return
        if item.checkState(column) == Qt.CheckState.Checked:
            other = _APOLOGIES if column == _ATTENDED else _ATTENDED
            self._updating = True
            item.setCheckState(other, Qt.CheckState.Unchecked)  # one or the other, never both
            self._updating = False
        self._count()

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        for item in self._items():
            hay = fold(f"{item.text(0)} {item.text(1)}")
            item.setHidden(not all(w in hay for w in words))

    def _count(self) -> None:
        attended, apologies = self.chosen()
        self.ui.countsLabel.setText(
            f"{len(attended)} ticked under {self.ui.peopleTree.headerItem().text(_ATTENDED)}, "
            f"{len(apologies)} under Apologies."
        )

    def chosen(self) -> tuple[list[int], list[int]]:
        attended, apologies = [], []
        for item in self._items():
            pid = item.data(0, Qt.ItemDataRole.UserRole)
            if item.checkState(_ATTENDED) == Qt.CheckState.Checked:
                attended.append(pid)
            elif item.checkState(_APOLOGIES) == Qt.CheckState.Checked:
                apologies.append(pid)
        return attended, apologies

    def set_row(self, person_id: int, column: int) -> None:
        """Tick a person under Attended (2) or Apologies (3); for tests and keyboard users."""
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == person_id:
                item.setCheckState(column, Qt.CheckState.Checked)


def _state(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked


class ReviewDecisionDialog(QDialog):
    """A decision: which output of clause 9.3.3 it belongs to, and what was decided."""

    def __init__(
        self, parent: QWidget | None, *, review: str, item: str = "", text: str = ""
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ReviewDecisionDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.setWindowTitle(f"Decision of {review}" if text else f"New decision of {review}")
        ui.introLabel.setText(
            "Record what top management decided. Add the actions it calls for afterwards: each "
            "goes into the actions register with its owner and due date."
        )
        for out in outputs():
            ui.outputCombo.addItem(out.label(), out.item)
        ui.outputCombo.setCurrentIndex(max(ui.outputCombo.findData(item or "9.3.3 a"), 0))
        ui.textEdit.setPlainText(text)
        ui.textEdit.textChanged.connect(self._update_ok)
        show_problems(ui.problemsLabel, [])
        self._update_ok()
        ui.textEdit.setFocus()

    def values(self) -> tuple[str, str]:
        return self.ui.outputCombo.currentData(), self.ui.textEdit.toPlainText().strip()

    def _update_ok(self) -> None:
        ok_button(self.ui.buttonBox).setEnabled(bool(self.values()[1]))

    def accept(self) -> None:
        if self.values()[1]:
            super().accept()


class ReviewActionDialog(QDialog):
    """An action a decision calls for: what, details, owner, due date."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        decision: str,
        people: Sequence[Person],
        initial: ReviewActionFields | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ReviewActionDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.setWindowTitle("Action" if initial else "New action")
        ui.introLabel.setText(
            f"An action for <b>{escape(decision)}</b>. It goes into the actions register, where "
            "its owner records progress; the next review reports its status."
        )
        setup_date_edit(ui.dueEdit)
        ui.ownerCombo.addItem("(choose who)", None)
        for pid, name, department in people:
            ui.ownerCombo.addItem(f"{name} ({department})" if department else name, pid)
        ui.dueEdit.setDate(to_qdate(today() + dt.timedelta(days=90)))
        if initial is not None:
            ui.titleEdit.setText(initial.title)
            ui.detailsEdit.setPlainText(initial.details)
            ui.ownerCombo.setCurrentIndex(max(ui.ownerCombo.findData(initial.owner_id), 0))
            if initial.due_date:
                ui.dueEdit.setDate(to_qdate(initial.due_date))
        show_problems(ui.problemsLabel, [])
        fit_height(self)
        ui.titleEdit.setFocus()

    def result_fields(self) -> ReviewActionFields:
        ui = self.ui
        return ReviewActionFields(
            title=ui.titleEdit.text().strip(),
            owner_id=ui.ownerCombo.currentData(),
            due_date=from_qdate(ui.dueEdit.date()),
            details=ui.detailsEdit.toPlainText().strip(),
        )

    def accept(self) -> None:
        f = self.result_fields()
        problems = []
        if not f.title:
            problems.append("Action: say what is to be done.")
        if f.owner_id is None:
            problems.append("Owner: choose who will do it.")
        if problems:
            show_problems(self.ui.problemsLabel, problems)
            (self.ui.titleEdit if not f.title else self.ui.ownerCombo).setFocus()
            return
        super().accept()


class ReviewApproveDialog(QDialog):
    """Who approved the minutes, and when."""

    def __init__(
        self, parent: QWidget | None, *, review: str, meeting: dt.date, approver: str
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ReviewApproveDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self._meeting = meeting
        self.setWindowTitle(f"Approve the minutes of {review}")
        ui.introLabel.setText(
            f"Approve the minutes of <b>{escape(review)}</b>, held on {format_date(meeting)}."
        )
        setup_date_edit(ui.approvedOnEdit)
        ui.approvedOnEdit.setDate(to_qdate(today()))
        ui.approverEdit.setText(approver)
        ok_button(ui.buttonBox).setText("&Approve")
        ui.approverEdit.textChanged.connect(self._update_ok)
        show_problems(ui.problemsLabel, [])
        self._update_ok()
        fit_height(self)
        ui.approverEdit.setFocus()

    def values(self) -> tuple[str, dt.date]:
        ui = self.ui
        return ui.approverEdit.text().strip(), from_qdate(ui.approvedOnEdit.date())

    def _update_ok(self) -> None:
        ok_button(self.ui.buttonBox).setEnabled(bool(self.values()[0]))

    def accept(self) -> None:
        who, when = self.values()
        problems = []
        if when > today():
            problems.append("Approval date: cannot be in the future.")
        if when < self._meeting:
            problems.append(
                f"Approval date: cannot be before the meeting ({format_date(self._meeting)})."
            )
        if problems or not who:
            show_problems(self.ui.problemsLabel, problems)
            return
        super().accept()


class ReviewRevisionDialog(QDialog):
    """Why approved minutes must change: it starts their next revision."""

    def __init__(self, parent: QWidget | None, *, review: str, revision: int) -> None:
        super().__init__(parent)
        self.ui = Ui_ReviewRevisionDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.setWindowTitle(f"New revision of the minutes of {review}")
        ui.introLabel.setText(
            f"Revision {revision} of the minutes of <b>{escape(review)}</b> stays on file "
            f"exactly as approved. Revision {revision + 1} starts from it and can be changed, "
            "then approved again."
        )
        ok_button(ui.buttonBox).setText("&Start the new revision")
        ui.reasonEdit.textChanged.connect(self._update_ok)
        show_problems(ui.problemsLabel, [])
        self._update_ok()
        fit_height(self)
        ui.reasonEdit.setFocus()

    def reason(self) -> str:
        return self.ui.reasonEdit.toPlainText().strip()

    def _update_ok(self) -> None:
        ok_button(self.ui.buttonBox).setEnabled(bool(self.reason()))

    def accept(self) -> None:
        if self.reason():
            super().accept()
