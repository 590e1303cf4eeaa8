"""Dialogs of the Audits tab: an audit, adding questions from templates, a finding, templates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QTableWidgetItem,
    QWidget,
)

from qmsdesk.core import audits
from qmsdesk.core.audits import (
    AuditFields,
    FindingFields,
    ObjectivityWarning,
    QuestionFields,
    TemplateFields,
    TemplateRow,
)
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_audits import FindingClass
from qmsdesk.core.text import plural
from qmsdesk.gui.dialogs._common import (
    OptionalDate,
    fit_height,
    from_qdate,
    ok_button,
    setup_date_edit,
    show_problems,
    to_qdate,
)
from qmsdesk.gui.forms.ui_audit_dialog import Ui_AuditDialog
from qmsdesk.gui.forms.ui_checklist_dialog import Ui_ChecklistDialog
from qmsdesk.gui.forms.ui_finding_dialog import Ui_FindingDialog
from qmsdesk.gui.forms.ui_templates_dialog import Ui_TemplatesDialog
from qmsdesk.gui.writer import Reader, Writer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_ID = Qt.ItemDataRole.UserRole
Person = tuple[int, str, str]  # id, name, department
Warn = Callable[[AuditFields], list[ObjectivityWarning]]


def _fill_people(widget: QListWidget, people: Sequence[Person], ticked: Sequence[int]) -> None:
    widget.clear()
    for person_id, name, department in people:
        item = QListWidgetItem(f"{name} ({department})" if department else name)
        item.setData(_ID, person_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(
            Qt.CheckState.Checked if person_id in ticked else Qt.CheckState.Unchecked
        )
        widget.addItem(item)


def _ticked(widget: QListWidget) -> tuple[int, ...]:
    return tuple(
        widget.item(i).data(_ID)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    )


class AuditDialog(QDialog):
    """Every field of an audit, checked by the core's rules; objectivity warnings as one types."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        initial: AuditFields | None,
        people: Sequence[Person],
        suggested_reference: str = "",
        warn: Warn | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_AuditDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self._warn = warn
        self._result: AuditFields | None = None
        self.setWindowTitle(f"Audit {initial.reference}" if initial else "New audit")
        for status, label in audits.STATUS_LABELS.items():
            ui.statusCombo.addItem(label, status.value)
        setup_date_edit(ui.plannedStartEdit)
        self._planned_end = OptionalDate(ui.plannedEndCheck, ui.plannedEndEdit)
        self._actual_start = OptionalDate(ui.actualStartCheck, ui.actualStartEdit)
        self._actual_end = OptionalDate(ui.actualEndCheck, ui.actualEndEdit)
        ui.leadCombo.addItem("(nobody yet)", None)
        known = {p[0] for p in people}
        for person_id, name, department in people:
            ui.leadCombo.addItem(f"{name} ({department})" if department else name, person_id)
        first = initial or AuditFields(
            reference=suggested_reference, title="", planned_start=today()
        )
        # People who have left still show when the audit names them.
        missing = [
            i for i in (first.lead_auditor_id, *first.team_ids, *first.auditee_ids) if i is not None
        ]
        if any(i not in known for i in missing):
            people = [*people, *((i, f"Person {i}", "") for i in missing if i not in known)]
        _fill_people(ui.teamList, people, first.team_ids)
        _fill_people(ui.auditeesList, people, first.auditee_ids)
        # Why an auditor of their own area audits anyway: needed once the audit starts.
        self.independenceEdit = QPlainTextEdit(self)
        self.independenceEdit.setObjectName("independenceEdit")
        self.independenceEdit.setTabChangesFocus(True)
        self.independenceEdit.setMaximumHeight(56)
        self.independenceEdit.setToolTip(audits.AUDIT_VOCAB["independence_reason"].help)
        ui.peopleForm.addRow("Why they audit it anyway", self.independenceEdit)
        self._load(first)
        show_problems(ui.problemsLabel, [])
        for signal in (
            ui.leadCombo.currentIndexChanged,
            ui.teamList.itemChanged,
            ui.processesEdit.textChanged,
            ui.departmentsEdit.textChanged,
            ui.clausesEdit.textChanged,
        ):
            signal.connect(lambda *_: self._update_warnings())
        self._update_warnings()
        (ui.titleEdit if initial else ui.referenceEdit).setFocus()

    def _load(self, f: AuditFields) -> None:
        ui = self.ui
        ui.referenceEdit.setText(f.reference)
        ui.titleEdit.setText(f.title)
        ui.statusCombo.setCurrentIndex(max(ui.statusCombo.findData(f.status.value), 0))
        ui.plannedStartEdit.setDate(to_qdate(f.planned_start or today()))
        self._planned_end.set_value(f.planned_end)
        self._actual_start.set_value(f.actual_start)
        self._actual_end.set_value(f.actual_end)
        ui.leadCombo.setCurrentIndex(max(ui.leadCombo.findData(f.lead_auditor_id), 0))
        ui.processesEdit.setText(audits.list_text(f.processes))
        ui.departmentsEdit.setText(audits.list_text(f.departments))
        ui.clausesEdit.setText(", ".join(f.clauses))
        ui.criteriaEdit.setPlainText(f.criteria)
        ui.summaryEdit.setPlainText(f.summary)
        ui.noteEdit.setText(f.note)
        self.independenceEdit.setPlainText(f.independence_reason)

    def _fields(self) -> tuple[AuditFields | None, list[str]]:
        ui = self.ui
        values = {
            "reference": ui.referenceEdit.text(),
            "title": ui.titleEdit.text(),
            "status": ui.statusCombo.currentText(),
            "planned_start": from_qdate(ui.plannedStartEdit.date()),
            "planned_end": self._planned_end.value(),
            "actual_start": self._actual_start.value(),
            "actual_end": self._actual_end.value(),
            "lead_auditor_id": ui.leadCombo.currentData(),
            "team_ids": _ticked(ui.teamList),
            "auditee_ids": _ticked(ui.auditeesList),
            "processes": ui.processesEdit.text(),
            "departments": ui.departmentsEdit.text(),
            "clauses": ui.clausesEdit.text(),
            "criteria": ui.criteriaEdit.toPlainText(),
            "summary": ui.summaryEdit.toPlainText(),
            "note": ui.noteEdit.text(),
            "independence_reason": self.independenceEdit.toPlainText(),
        }
        return audits.audit_fields_from_values(values)

    def _update_warnings(self) -> None:
        label = self.ui.objectivityLabel
        fields, _problems = self._fields()
        warnings = self._warn(fields) if (self._warn and fields is not None) else []
        if not warnings:
            label.hide()
            return
        label.setText(
            "<b>The auditors (clauses 9.2.2 c and 7.2):</b><br>"
            + "<br>".join(f"⚠ {escape(w.message)}" for w in warnings)
        )
        label.show()

    def result_fields(self) -> AuditFields:
        assert self._result is not None
        return self._result

    def accept(self) -> None:
        fields, problems = self._fields()
        show_problems(self.ui.problemsLabel, problems)
        if fields is None:
            return
        self._result = fields
        super().accept()


class ChecklistDialog(QDialog):
    """Choose the templates an audit takes its questions from."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        audit: audits.AuditRow,
        templates: Sequence[TemplateRow],
        count: Callable[[Sequence[int], bool], int],
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ChecklistDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self._count = count
        self.setWindowTitle(f"Add questions to {audit.reference}")
        scope = ", ".join(audit.clauses) if audit.clauses else "every clause"
        ui.introLabel.setText(
            f"Questions are copied into <b>{escape(audit.reference)}</b> in the templates' order; "
            f"its clause scope is {escape(scope)}. A question already in the audit is not added "
            "twice, and later changes to a template do not change the audit."
        )
        for t in templates:
            item = QListWidgetItem(f"{t.name} ({t.questions} questions)")
            item.setData(_ID, t.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # The shipped ISO template is ticked; a shipped alternative is there to choose.
            wanted = t.id == audits.ISO_TEMPLATE_ID or (
                bool(t.process)
                and any(t.process.casefold() == p.casefold() for p in audit.processes)
            )
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
            ui.templatesList.addItem(item)
        ui.templatesList.setCurrentRow(0)
        ui.templatesList.itemChanged.connect(lambda _i: self._update_count())
        ui.scopeCheck.toggled.connect(lambda _on: self._update_count())
        ok_button(ui.buttonBox).setText("Add questions")
        self._update_count()
        fit_height(self)

    def chosen(self) -> tuple[list[int], bool]:
        return list(_ticked(self.ui.templatesList)), self.ui.scopeCheck.isChecked()

    def _update_count(self) -> None:
        ids, by_scope = self.chosen()
        n = self._count(ids, by_scope) if ids else 0
        self.ui.countLabel.setText(
            f"{plural(n, 'question')} will be added." if ids else "Tick at least one template."
        )
        ok_button(self.ui.buttonBox).setEnabled(n > 0)


class FindingDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        initial: FindingFields,
        intro: str = "",
        locked_class: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_FindingDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.setWindowTitle(title)
        ui.introLabel.setText(intro)
        ui.introLabel.setVisible(bool(intro))
        for index, (cls, label) in enumerate(audits.FINDING_LABELS.items()):
            ui.classCombo.addItem(label, cls.value)
            ui.classCombo.setItemData(
                index, audits.FINDING_MEANINGS[cls], Qt.ItemDataRole.ToolTipRole
            )
        # What the chosen class means, in plain words, under the choice.
        self.meaningLabel = QLabel(self)
        self.meaningLabel.setObjectName("meaningLabel")
        self.meaningLabel.setWordWrap(True)
        ui.findingForm.insertRow(1, "", self.meaningLabel)
        ui.classCombo.currentIndexChanged.connect(self._show_meaning)
        ui.classCombo.setCurrentIndex(max(ui.classCombo.findData(initial.classification.value), 0))
        self._show_meaning()
        ui.classCombo.setEnabled(not locked_class)
        ui.clauseEdit.setText(initial.clause)
        ui.statementEdit.setPlainText(initial.statement)
        ui.evidenceEdit.setPlainText(initial.evidence)
        show_problems(ui.problemsLabel, [])
        self._result: FindingFields | None = None
        (ui.statementEdit if initial.clause else ui.clauseEdit).setFocus()

    def result_fields(self) -> FindingFields:
        assert self._result is not None
        return self._result

    def _show_meaning(self) -> None:
        cls = FindingClass(self.ui.classCombo.currentData())
        self.meaningLabel.setText(audits.FINDING_MEANINGS[cls])

    def accept(self) -> None:
        ui = self.ui
        fields = FindingFields(
            ui.clauseEdit.text().strip(),
            ui.statementEdit.toPlainText().strip(),
            ui.evidenceEdit.toPlainText().strip(),
            FindingClass(ui.classCombo.currentData()),
        )
        problems = audits.check_finding(fields)
        if not fields.statement:
            problems.append("Statement: say what was found.")
        show_problems(ui.problemsLabel, problems)
        if problems:
            return
        self._result = fields
        super().accept()


_COLUMNS = ("Clause", "Question", "Evidence to look for")


class TemplatesDialog(QDialog):
    """The checklist templates: copy a shipped one, write process templates, edit and reorder.

    `write(title, work)` runs `work(session)` in one write transaction and returns (ok, result);
    the dialog reads with `read(work)` (see :mod:`qmsdesk.gui.writer`).
    """

    def __init__(
        self,
        parent: QWidget | None,
        *,
        read: Reader,
        write: Writer,
        user: str,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_TemplatesDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self._read, self._write, self._user = read, write, user
        self._read_only = read_only
        self._dirty = False
        table = ui.questionsTable
        table.setColumnCount(len(_COLUMNS))
        table.setHorizontalHeaderLabels(list(_COLUMNS))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(True)
        # Two lines a question; the full text is in the cell's editor and tooltip.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() * 2 + 10)
        table.itemChanged.connect(lambda _i: self._set_dirty(True))
        ui.templatesList.currentRowChanged.connect(lambda _r: self._show_selected())
        ui.newButton.clicked.connect(self.new_template)
        ui.copyButton.clicked.connect(self.copy_template)
        ui.deleteButton.clicked.connect(self.delete_template)
        ui.addButton.clicked.connect(self.add_question)
        ui.removeButton.clicked.connect(self.remove_question)
        ui.upButton.clicked.connect(lambda: self.move_question(-1))
        ui.downButton.clicked.connect(lambda: self.move_question(1))
        ui.saveButton.clicked.connect(self.save)
        ui.nameEdit.textEdited.connect(lambda _t: self._set_dirty(True))
        ui.processEdit.textEdited.connect(lambda _t: self._set_dirty(True))
        show_problems(ui.problemsLabel, [])
        self.reload()

    # --- reading

    def reload(self, select_id: int | None = None) -> None:
        rows = self._read(audits.all_templates)
        listing = self.ui.templatesList
        listing.blockSignals(True)
        listing.clear()
        for t in rows:
            note = "shipped, read-only · " if t.builtin else ""
            item = QListWidgetItem(f"{t.name}\n{note}{t.questions} questions")
            item.setToolTip(t.description or t.name)
            item.setData(_ID, t.id)
            listing.addItem(item)
        listing.blockSignals(False)
        ids = [t.id for t in rows]
        listing.setCurrentRow(ids.index(select_id) if select_id in ids else 0)
        self._show_selected()

    def current_id(self) -> int | None:
        item = self.ui.templatesList.currentItem()
        return None if item is None else item.data(_ID)

    def _show_selected(self) -> None:
        template_id = self.current_id()
        ui = self.ui
        if template_id is None:
            return
        questions = self._read(lambda s: audits.template_questions(s, template_id))
        row = next(t for t in self._read(audits.all_templates) if t.id == template_id)
        ui.nameEdit.setText(row.name)
        ui.processEdit.setText(row.process)
        table = ui.questionsTable
        table.blockSignals(True)
        table.setRowCount(len(questions))
        for r, q in enumerate(questions):
            for c, text in enumerate((q.clause, q.question, q.hint)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                table.setItem(r, c, cell)
        table.blockSignals(False)
        editable = not row.builtin and not self._read_only
        for widget in (
            ui.nameEdit,
            ui.processEdit,
            ui.addButton,
            ui.removeButton,
            ui.upButton,
            ui.downButton,
        ):
            widget.setEnabled(editable)
        table.setEditTriggers(
            table.EditTrigger.DoubleClicked
            | table.EditTrigger.EditKeyPressed
            | table.EditTrigger.AnyKeyPressed
            if editable
            else table.EditTrigger.NoEditTriggers
        )
        ui.deleteButton.setEnabled(editable)
        ui.copyButton.setEnabled(not self._read_only)
        ui.newButton.setEnabled(not self._read_only)
        self._set_dirty(False)
        show_problems(ui.problemsLabel, [])

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.ui.saveButton.setEnabled(dirty and not self._read_only)

    def questions(self) -> list[QuestionFields]:
        table = self.ui.questionsTable
        found = []
        for r in range(table.rowCount()):
            cells = [
                (table.item(r, c).text().strip() if table.item(r, c) else "") for c in range(3)
            ]
            if any(cells):
                found.append(QuestionFields(*cells))
        return found

    # --- editing

    def add_question(self) -> None:
        table = self.ui.questionsTable
        row = table.currentRow() + 1 if table.currentRow() >= 0 else table.rowCount()
        clause = table.item(row - 1, 0).text() if row > 0 and table.item(row - 1, 0) else ""
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(clause))
        table.setItem(row, 1, QTableWidgetItem(""))
        table.setItem(row, 2, QTableWidgetItem(""))
        table.setCurrentCell(row, 1)
        table.editItem(table.item(row, 1))
        self._set_dirty(True)

    def remove_question(self) -> None:
        table = self.ui.questionsTable
        if table.currentRow() >= 0:
            table.removeRow(table.currentRow())
            self._set_dirty(True)

    def move_question(self, step: int) -> None:
        table = self.ui.questionsTable
        row = table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < table.rowCount():
            return
        table.blockSignals(True)
        for c in range(table.columnCount()):
            a, b = table.takeItem(row, c), table.takeItem(target, c)
            table.setItem(row, c, b)
            table.setItem(target, c, a)
        table.blockSignals(False)
        table.setCurrentCell(target, table.currentColumn())
        self._set_dirty(True)

    def save(self) -> bool:
        template_id = self.current_id()
        if template_id is None or audits.is_shipped(template_id):
            return False
        fields = TemplateFields(self.ui.nameEdit.text(), self.ui.processEdit.text())
        questions = self.questions()
        problems = audits.check_template(fields) + [
            f"Question {n}: {p}"
            for n, q in enumerate(questions, 1)
            for p in audits.check_question(q)
        ]
        show_problems(self.ui.problemsLabel, problems)
        if problems:
            return False

        def work(s: Session) -> None:
            audits.update_template(s, template_id, fields, self._user)
            audits.set_template_questions(s, template_id, questions, self._user)

        ok, _ = self._write("Cannot save the template", work)
        if ok:
            self.reload(template_id)
        return ok

    def _ask_name(self, title: str, suggestion: str) -> str | None:
        name, ok = QInputDialog.getText(self, title, "Name of the new template:", text=suggestion)
        return name.strip() if ok and name.strip() else None

    def new_template(self) -> None:
        name = self._ask_name("New template", "")
        if name is None:
            return
        ok, new_id = self._write(
            "Cannot add the template",
            lambda s: audits.create_template(s, TemplateFields(name), self._user),
        )
        if ok:
            self.reload(new_id)

    def copy_template(self) -> None:
        source = self.current_id()
        if source is None:
            return
        base = self.ui.nameEdit.text()
        name = self._ask_name("Copy template", f"{base} (copy)"[:80])
        if name is None:
            return
        ok, new_id = self._write(
            "Cannot copy the template",
            lambda s: audits.copy_template(s, source, name, self._user),
        )
        if ok:
            self.reload(new_id)

    def delete_template(self) -> None:
        template_id = self.current_id()
        if template_id is None or audits.is_shipped(template_id):
            return
        answer = QMessageBox.question(
            self,
            "Delete template",
            f"Delete the template '{self.ui.nameEdit.text()}'? Audits that took questions from "
            "it keep them.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self._write(
            "Cannot delete the template",
            lambda s: audits.delete_template(s, template_id, self._user),
        )
        if ok:
            self.reload()

    def reject(self) -> None:
        if self._dirty:
            answer = QMessageBox.question(
                self,
                "Unsaved changes",
                "This template has changes that are not saved. Save them?",
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self.save():
                return
        super().reject()
