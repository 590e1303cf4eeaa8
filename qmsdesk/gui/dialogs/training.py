"""The training matrix's dialogs: a person, a training item, who needs what (the training record's
is in :mod:`qmsdesk.gui.dialogs.training_record`).

Each one's layout is a Designer form in ui/; the fields are checked with the core's own rules
(:mod:`qmsdesk.core.people`, :mod:`qmsdesk.core.training`) before the dialog closes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHeaderView,
    QListWidgetItem,
    QPlainTextEdit,
    QTableWidgetItem,
    QWidget,
)

from qmsdesk.core import people, training
from qmsdesk.core.db.models_training import LEVEL_MAX
from qmsdesk.core.people import PersonFields
from qmsdesk.core.text import fold
from qmsdesk.core.training import ItemFields, ItemRow
from qmsdesk.gui.dialogs._common import (
    OptionalDate,
    show_problems,
)
from qmsdesk.gui.forms.ui_person_dialog import Ui_PersonDialog
from qmsdesk.gui.forms.ui_training_item_dialog import Ui_TrainingItemDialog
from qmsdesk.gui.forms.ui_training_requirements_dialog import Ui_TrainingRequirementsDialog


def combo_texts(combo: QComboBox, texts: Sequence[str], current: str) -> None:
    """Fill an editable combo with suggestions, keeping `current` (typed earlier) among them."""
    combo.clear()
    combo.addItems(list(texts))
    if current and combo.findText(current) < 0:
        combo.addItem(current)
    combo.setCurrentText(current)


def _text_box(parent: QWidget, name: str, text: str) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    box.setMaximumHeight(60)
    box.setPlainText(text)
    return box


class PersonDialog(QDialog):
    """Employee number, name, department, manager, job roles, start and leaving dates, note."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        initial: PersonFields | None,
        departments: Sequence[str],
        roles: Sequence[str],
        managers: Sequence[tuple[str, str]],  # (employee number, "Name (number)")
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_PersonDialog()
        self.ui.setupUi(self)
        ui = self.ui
        f = initial or PersonFields("", "")
        self.setWindowTitle(f"{f.name} ({f.employee_no})" if initial else "New person")
        ui.introLabel.setText(
            "People are kept by employee number. Someone who leaves gets a leaving date: their "
            "training records stay on file and the matrix no longer shows them."
        )
        ui.employeeNoEdit.setText(f.employee_no)
        ui.nameEdit.setText(f.name)
        combo_texts(ui.departmentCombo, departments, f.department)
        ui.managerCombo.addItem("(nobody)", "")
        for number, label in managers:
            if people.key(number) != people.key(f.employee_no) or not initial:
                ui.managerCombo.addItem(label, number)
        index = ui.managerCombo.findData(f.manager_no) if f.manager_no else 0
        if index < 0:
            ui.managerCombo.addItem(f.manager_no, f.manager_no)
            index = ui.managerCombo.count() - 1
        ui.managerCombo.setCurrentIndex(index)
        held = {people.key(r) for r in f.roles}
        for role in sorted({*roles, *f.roles}, key=fold):
            self._add_role_item(role, people.key(role) in held)
        self.start = OptionalDate(ui.startCheck, ui.startEdit)
        self.start.set_value(f.start_date)
        self.leaving = OptionalDate(ui.leavingCheck, ui.leavingEdit)
        self.leaving.set_value(f.leaving_date)
        ui.noteEdit.setPlainText(f.note)
        # Clause 7.2 b: competence from education or experience, beside the training records.
        self.educationEdit = _text_box(self, "educationEdit", f.education)
        self.experienceEdit = _text_box(self, "experienceEdit", f.experience)
        ui.form.addRow(people.FIELD_LABELS["education"], self.educationEdit)
        ui.form.addRow(people.FIELD_LABELS["experience"], self.experienceEdit)
        ui.addRoleButton.clicked.connect(self._add_typed_role)
        ui.newRoleEdit.returnPressed.connect(self._add_typed_role)
        show_problems(ui.problemsLabel, [])
        ui.employeeNoEdit.setFocus()

    def _add_role_item(self, role: str, checked: bool) -> QListWidgetItem:
        entry = QListWidgetItem(role)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.ui.rolesList.addItem(entry)
        return entry

    def _add_typed_role(self) -> None:
        text = " ".join(self.ui.newRoleEdit.text().split())
        if not text:
            return
        for row in range(self.ui.rolesList.count()):
            entry = self.ui.rolesList.item(row)
            if people.key(entry.text()) == people.key(text):
                entry.setCheckState(Qt.CheckState.Checked)
                break
        else:
            self._add_role_item(text, True)
        self.ui.newRoleEdit.clear()

    def checked_roles(self) -> tuple[str, ...]:
        found = []
        for row in range(self.ui.rolesList.count()):
            entry = self.ui.rolesList.item(row)
            if entry.checkState() == Qt.CheckState.Checked:
                found.append(entry.text())
        return tuple(found)

    def result_fields(self) -> PersonFields:
        ui = self.ui
        return PersonFields(
            employee_no=ui.employeeNoEdit.text().strip(),
            name=" ".join(ui.nameEdit.text().split()),
            department=" ".join(ui.departmentCombo.currentText().split()),
            roles=self.checked_roles(),
            manager_no=ui.managerCombo.currentData() or "",
            start_date=self.start.value(),
            leaving_date=self.leaving.value(),
            note=ui.noteEdit.toPlainText().strip(),
            education=self.educationEdit.toPlainText().strip(),
            experience=self.experienceEdit.toPlainText().strip(),
        )

    def accept(self) -> None:
        self._add_typed_role()  # a role typed but not added is meant
        problems = people.check_person(self.result_fields())
        if problems:
            show_problems(
                self.ui.problemsLabel,
                [f"{people.FIELD_LABELS.get(p.field, p.field)}: {p.message}" for p in problems],
            )
            target = {"employee_no": self.ui.employeeNoEdit, "name": self.ui.nameEdit}
            widget = target.get(problems[0].field)
            if widget is not None:
                widget.setFocus()
            return
        super().accept()


class TrainingItemDialog(QDialog):
    """A course or competence: code, title, category, delivery, validity, levels, document."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        initial: ItemFields | None,
        categories: Sequence[str],
        documents: Sequence[tuple[str, str]],  # (code, title)
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_TrainingItemDialog()
        self.ui.setupUi(self)
        ui = self.ui
        f = initial or ItemFields("", "")
        self.setWindowTitle(f"Training item {f.code}" if initial else "New training item")
        ui.introLabel.setText(
            "A course or a competence people are trained in. Who needs it is set per job role "
            "(Training > Who needs what)."
        )
        ui.codeEdit.setText(f.code)
        ui.titleEdit.setText(f.title)
        combo_texts(ui.categoryCombo, categories, f.category)
        combo_texts(ui.deliveryCombo, training.DELIVERY_CHOICES, f.delivery)
        ui.expiresCheck.setChecked(f.validity_months is not None)
        ui.validitySpin.setValue(f.validity_months or 24)
        ui.validitySpin.setEnabled(f.validity_months is not None)
        ui.expiresCheck.toggled.connect(ui.validitySpin.setEnabled)
        ui.levelsSpin.setMaximum(LEVEL_MAX)
        ui.levelsSpin.setValue(f.max_level)
        ui.levelsSpin.valueChanged.connect(self._show_scale)
        self._show_scale(f.max_level)
        ui.documentCombo.addItem("(none)", "")
        for code, title in documents:
            ui.documentCombo.addItem(f"{code}  {title}", code)
        index = ui.documentCombo.findData(f.document_code) if f.document_code else 0
        ui.documentCombo.setCurrentIndex(max(index, 0))
        ui.descriptionEdit.setPlainText(f.description)
        ui.archivedCheck.setChecked(f.archived)
        show_problems(ui.problemsLabel, [])
        ui.codeEdit.setFocus()

    def _show_scale(self, value: int) -> None:
        self.ui.levelsHintLabel.setText(training.scale_text(value))

    def result_fields(self) -> ItemFields:
        ui = self.ui
        return ItemFields(
            code=ui.codeEdit.text().strip(),
            title=" ".join(ui.titleEdit.text().split()),
            category=" ".join(ui.categoryCombo.currentText().split()),
            delivery=" ".join(ui.deliveryCombo.currentText().split()),
            validity_months=ui.validitySpin.value() if ui.expiresCheck.isChecked() else None,
            document_code=ui.documentCombo.currentData() or "",
            max_level=ui.levelsSpin.value(),
            description=ui.descriptionEdit.toPlainText().strip(),
            archived=ui.archivedCheck.isChecked(),
        )

    def accept(self) -> None:
        problems = training.check_item(self.result_fields())
        if problems:
            show_problems(
                self.ui.problemsLabel,
                [f"{training.ITEM_LABELS.get(p.field, p.field)}: {p.message}" for p in problems],
            )
            return
        super().accept()


Who = tuple[str, int]  # ("role", role id) or ("person", person id)


def _who_text(who: Who) -> str:
    return f"{who[0]}:{who[1]}"


class TrainingRequirementsDialog(QDialog):
    """Who needs what: the level each item is needed at, for a job role or one person."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        whos: Sequence[tuple[Who, str]],
        items: Sequence[ItemRow],
        levels_of: Callable[[Who], Mapping[int, int]],
        initial: Who | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_TrainingRequirementsDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.items = list(items)
        self._levels_of = levels_of
        self._held: dict[Who, dict[int, int]] = {}
        self._pending: dict[Who, dict[int, int | None]] = {}
        self._combos: list[QComboBox] = []
        self.setWindowTitle("Who needs what")
        ui.introLabel.setText(
            "Choose a job role (everyone in it needs what you set) or one person (an individual "
            "extra on top of their roles), then the level needed for each item. When roles and "
            "extras ask for different levels, the highest counts."
        )
        # Combo data as text: Qt compares Python objects by identity when it looks for them.
        for who, label in whos:
            ui.whoCombo.addItem(label, _who_text(who))
        table = ui.itemsTable
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels(
            [
                training.DUE["item_code"].short_label,
                training.DUE["item_title"].short_label,
                "Level needed",
            ]
        )
        table.setRowCount(len(self.items))
        table.verticalHeader().setVisible(False)
        for row, item in enumerate(self.items):
            for col, text in enumerate((item.code, item.title)):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                table.setItem(row, col, cell)
            combo = QComboBox()
            combo.addItem("Not needed", 0)
            for level in range(1, item.max_level + 1):
                combo.addItem(training.level_text(level), level)
            combo.setAccessibleName(f"Level needed for {item.code}")
            combo.currentIndexChanged.connect(lambda _i, r=row: self._level_chosen(r))
            table.setCellWidget(row, 2, combo)
            self._combos.append(combo)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        ui.whoCombo.currentIndexChanged.connect(lambda _i: self._show_who())
        ui.filterEdit.textChanged.connect(self._filter)
        if initial is not None:
            index = ui.whoCombo.findData(_who_text(initial))
            ui.whoCombo.setCurrentIndex(max(index, 0))
        self._show_who()
        show_problems(ui.problemsLabel, [])

    def current_who(self) -> Who | None:
        data = self.ui.whoCombo.currentData()
        if not data:
            return None
        kind, _, number = str(data).partition(":")
        return kind, int(number)

    def choose_who(self, who: Who) -> None:
        self.ui.whoCombo.setCurrentIndex(self.ui.whoCombo.findData(_who_text(who)))

    def _show_who(self) -> None:
        who = self.current_who()
        if who is None:
            return
        if who not in self._held:
            self._held[who] = dict(self._levels_of(who))
        wanted = {**self._held[who], **self._pending.get(who, {})}
        for row, item in enumerate(self.items):
            combo = self._combos[row]
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(wanted.get(item.id) or 0), 0))
            combo.blockSignals(False)

    def _level_chosen(self, row: int) -> None:
        who = self.current_who()
        if who is None:
            return
        level = self._combos[row].currentData() or None
        item_id = self.items[row].id
        pending = self._pending.setdefault(who, {})
        if self._held[who].get(item_id) == level:
            pending.pop(item_id, None)
        else:
            pending[item_id] = level

    def set_level(self, item_id: int, level: int | None) -> None:
        """Choose a level as a user would (for tests and for keyboard-only use)."""
        row = next(r for r, i in enumerate(self.items) if i.id == item_id)
        combo = self._combos[row]
        combo.setCurrentIndex(combo.findData(level or 0))

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        for row, item in enumerate(self.items):
            haystack = fold(f"{item.code} {item.title} {item.category}")
            self.ui.itemsTable.setRowHidden(row, not all(w in haystack for w in words))

    def changes(self) -> dict[Who, dict[int, int | None]]:
        """Per role or person: item id -> the new level (None: no longer needed)."""
        return {who: dict(levels) for who, levels in self._pending.items() if levels}


def ask_days(parent: QWidget | None, current: int) -> int | None:
    """The expiring-soon window in days (None: cancelled)."""
    from PySide6.QtWidgets import QInputDialog

    days, ok = QInputDialog.getInt(
        parent,
        "Expiring soon",
        "Show training as 'expiring soon' this many days before it expires:",
        current,
        1,
        training.EXPIRING_DAYS_MAX,
    )
    return days if ok else None


__all__ = [
    "PersonDialog",
    "TrainingItemDialog",
    "TrainingRequirementsDialog",
    "ask_days",
    "combo_texts",
]
