"""The training record dialog: one training session, its attendees, the level, the evidence file
and the effectiveness check, checked with the core's rules before it closes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QListWidgetItem,
    QWidget,
)

from qmsdesk.core import training
from qmsdesk.core.dates import today
from qmsdesk.core.people import PersonRow
from qmsdesk.core.text import fold
from qmsdesk.core.training import ItemRow, RecordFields
from qmsdesk.gui.dialogs._common import (
    OptionalDate,
    from_qdate,
    ok_button,
    setup_date_edit,
    show_problems,
    to_qdate,
)
from qmsdesk.gui.dialogs.training import combo_texts
from qmsdesk.gui.forms.ui_training_record_dialog import Ui_TrainingRecordDialog

_ID = Qt.ItemDataRole.UserRole
EFFECTIVENESS_METHODS = (
    "Observed at work",
    "Review of records made since",
    "Test of knowledge",
    "Interview",
    "Audit of the process",
    "Fewer errors or complaints since",
)


class TrainingRecordDialog(QDialog):
    """One training session: the item, who attended, when, the level, evidence, effectiveness."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        items: Sequence[ItemRow],
        persons: Sequence[PersonRow],
        item_id: int | None = None,
        person_ids: Sequence[int] = (),
        initial: RecordFields | None = None,
        editing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_TrainingRecordDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.items = {i.id: i for i in items}
        self._evidence: Path | None = None
        self._editing = editing
        f = initial or RecordFields(today())
        self.setWindowTitle("Training record" if editing else "Record training")
        ui.introLabel.setText(
            "Correct the record, or add how its effectiveness was checked."
            if editing
            else "Record a training session once for everyone who attended: tick the attendees."
        )
        for item in items:
            ui.itemCombo.addItem(f"{item.code}  {item.title}", item.id)
        if item_id is not None:
            ui.itemCombo.setCurrentIndex(max(ui.itemCombo.findData(item_id), 0))
        wanted = set(person_ids)
        for person in persons:
            if editing and person.id not in wanted:
                continue
            entry = QListWidgetItem(f"{person.name} ({person.employee_no}) · {person.department}")
            entry.setData(_ID, person.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(
                Qt.CheckState.Checked if person.id in wanted else Qt.CheckState.Unchecked
            )
            ui.attendeesList.addItem(entry)
        if editing:
            ui.itemCombo.setEnabled(False)
            ui.attendeesList.setEnabled(False)
            ui.attendeesFilterEdit.hide()
        # Room for the attendees; the texts below grow only as far as a few lines.
        ui.attendeesList.setMinimumHeight(self.fontMetrics().height() * 12)
        ui.outcomeEdit.setMaximumHeight(self.fontMetrics().height() * 4)
        ui.noteEdit.setMaximumHeight(self.fontMetrics().height() * 4)
        setup_date_edit(ui.dateEdit)
        ui.dateEdit.setDate(to_qdate(f.trained_on))
        ui.trainerEdit.setText(f.trainer)
        ui.hoursSpin.setValue(f.hours or 0.0)
        ui.resultEdit.setText(f.result)
        ui.revisionEdit.setText(f.document_revision)
        combo_texts(ui.methodCombo, ("", *EFFECTIVENESS_METHODS), f.effectiveness_method)
        self.checked = OptionalDate(ui.checkedCheck, ui.checkedEdit)
        self.checked.set_value(f.effectiveness_date)
        ui.evaluatorEdit.setText(f.effectiveness_by)
        ui.outcomeEdit.setPlainText(f.effectiveness_outcome)
        ui.noteEdit.setPlainText(f.note)
        ui.evidenceNameLabel.setTextFormat(Qt.TextFormat.PlainText)
        self._stored_evidence = (f.attachment_name, f.attachment_sha256)
        if f.attachment_name:
            ui.evidenceNameLabel.setText(f"{f.attachment_name} (kept)")
        ui.itemCombo.currentIndexChanged.connect(lambda _i: self._item_changed())
        self._item_changed(f.level)
        ui.attendeesFilterEdit.textChanged.connect(self._filter_people)
        ui.attendeesList.itemChanged.connect(lambda _e: self._update_ok())
        ui.chooseFileButton.clicked.connect(self._on_choose_file)
        ui.removeFileButton.clicked.connect(self._remove_file)
        show_problems(ui.problemsLabel, [])
        self._update_ok()
        (ui.dateEdit if editing or wanted else ui.attendeesFilterEdit).setFocus()

    def item(self) -> ItemRow | None:
        return self.items.get(self.ui.itemCombo.currentData())

    def _item_changed(self, level: int | None = None) -> None:
        item = self.item()
        combo = self.ui.levelCombo
        keep = level or combo.currentData() or 1
        combo.clear()
        top = item.max_level if item else 1
        for n in range(1, top + 1):
            combo.addItem(training.level_text(n), n)
        combo.setCurrentIndex(max(combo.findData(min(keep, top)), 0))
        linked = bool(item and item.document_id)
        self.ui.revisionEdit.setEnabled(linked)
        self.ui.revisionLabel.setEnabled(linked)
        self.ui.revisionEdit.setToolTip(
            f"The revision of {item.document_code} read; empty: the one in force that day."
            if linked and item
            else "Only for items linked to a controlled document."
        )

    def _filter_people(self, text: str) -> None:
        words = fold(text).split()
        for row in range(self.ui.attendeesList.count()):
            entry = self.ui.attendeesList.item(row)
            entry.setHidden(not all(w in fold(entry.text()) for w in words))

    def person_ids(self) -> list[int]:
        found = []
        for row in range(self.ui.attendeesList.count()):
            entry = self.ui.attendeesList.item(row)
            if entry.checkState() == Qt.CheckState.Checked:
                found.append(int(entry.data(_ID)))
        return found

    def set_attendees(self, person_ids: Sequence[int]) -> None:
        wanted = set(person_ids)
        for row in range(self.ui.attendeesList.count()):
            entry = self.ui.attendeesList.item(row)
            checked = int(entry.data(_ID)) in wanted
            entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def result_fields(self) -> RecordFields:
        ui = self.ui
        item = self.item()
        name, sha = self._stored_evidence if self._evidence is None else ("", "")
        hours = ui.hoursSpin.value()
        return RecordFields(
            trained_on=from_qdate(ui.dateEdit.date()),
            level=ui.levelCombo.currentData() or 1,
            trainer=" ".join(ui.trainerEdit.text().split()),
            hours=hours if hours > 0 else None,
            result=" ".join(ui.resultEdit.text().split()),
            document_revision=ui.revisionEdit.text().strip() if item and item.document_id else "",
            effectiveness_method=" ".join(ui.methodCombo.currentText().split()),
            effectiveness_date=self.checked.value(),
            effectiveness_by=" ".join(ui.evaluatorEdit.text().split()),
            effectiveness_outcome=ui.outcomeEdit.toPlainText().strip(),
            note=ui.noteEdit.toPlainText().strip(),
            attachment_name=name,
            attachment_sha256=sha,
        )

    def evidence(self) -> Path | None:
        return self._evidence

    def _update_ok(self) -> None:
        ready = bool(self.person_ids()) and self.item() is not None
        button = ok_button(self.ui.buttonBox)
        button.setEnabled(ready)
        button.setToolTip("" if ready else "Tick at least one attendee.")

    def accept(self) -> None:
        item = self.item()
        problems = []
        if item is None:
            problems.append("Choose the training item.")
        if not self.person_ids():
            problems.append("Tick at least one attendee.")
        if self._evidence is not None and not self._evidence.is_file():
            problems.append(f"The file {self._evidence} cannot be found any more.")
        if item is not None:
            problems += [
                f"{training.RECORD_LABELS.get(p.field, p.field)}: {p.message}"
                for p in training.check_record(
                    self.result_fields(), item.max_level, delivery=item.delivery
                )
            ]
        if problems:
            show_problems(self.ui.problemsLabel, problems)
            return
        super().accept()

    def _choose_file(self) -> Path | None:
        """Ask for the evidence file (tests replace this)."""
        name, _ = QFileDialog.getOpenFileName(self, "Evidence of the training")
        return Path(name) if name else None

    def _on_choose_file(self) -> None:
        path = self._choose_file()
        if path is None:
            return
        if not path.is_file():
            show_problems(self.ui.problemsLabel, [f"{path.name} is not a file."])
            return
        show_problems(self.ui.problemsLabel, [])
        self._evidence = path
        self.ui.evidenceNameLabel.setText(path.name)
        self.ui.evidenceNameLabel.setToolTip(str(path))
        self.ui.removeFileButton.setEnabled(True)

    def _remove_file(self) -> None:
        self._evidence = None
        self._stored_evidence = ("", "")
        self.ui.evidenceNameLabel.setText("No file attached")
        self.ui.evidenceNameLabel.setToolTip("")
        self.ui.removeFileButton.setEnabled(False)
        self.ui.chooseFileButton.setFocus()
