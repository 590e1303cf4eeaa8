"""Add or edit one document of the register."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QTreeWidgetItem, QWidget

from qmsdesk.core import documents
from qmsdesk.core.catalogue import clauses
from qmsdesk.core.dates import today
from qmsdesk.core.db.models import DocStatus, DocType
from qmsdesk.core.documents import (
    FIELD_LABELS,
    MAX_LENGTHS,
    REVIEW_MONTHS_MAX,
    STATUS_LABELS,
    TYPE_LABELS,
    DocumentFields,
    FieldProblem,
)
from qmsdesk.core.text import fold
from qmsdesk.gui.dialogs._common import OptionalDate, format_date, show_problems
from qmsdesk.gui.dialogs.document_extra import DocumentExtras
from qmsdesk.gui.forms.ui_document_dialog import Ui_DocumentDialog

_CLAUSE_ROLE = Qt.ItemDataRole.UserRole
_NEW_DOCUMENT = DocumentFields(code="", title="", doc_type=DocType.PROCEDURE)


class DocumentDialog(QDialog):
    """Every field of a document, checked by the core's rules before the dialog closes."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        initial: DocumentFields | None,
        owners: list[str],
        processes: list[str],
        workflow_locked: bool,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_DocumentDialog()
        self.ui.setupUi(self)
        self._result: DocumentFields | None = None
        self._clause_items: dict[str, QTreeWidgetItem] = {}
        ui = self.ui
        self.setWindowTitle(f"Document {initial.code}" if initial else "New document")

        for line_edit, name in (
            (ui.codeEdit, "code"),
            (ui.titleEdit, "title"),
            (ui.revisionEdit, "revision"),
            (ui.locationEdit, "location"),
            (ui.retentionEdit, "retention"),
        ):
            line_edit.setMaxLength(MAX_LENGTHS[name])
        for doc_type, label in TYPE_LABELS.items():
            ui.typeCombo.addItem(label, doc_type.value)
        for status, label in STATUS_LABELS.items():
            ui.statusCombo.addItem(label, status.value)
        _fill_editable(ui.processCombo, processes, MAX_LENGTHS["process"])
        _fill_editable(ui.ownerCombo, owners, MAX_LENGTHS["owner"])
        ui.reviewMonthsSpin.setRange(0, REVIEW_MONTHS_MAX)
        self._effective = OptionalDate(ui.effectiveCheck, ui.effectiveDateEdit)
        self._last_reviewed = OptionalDate(ui.lastReviewedCheck, ui.lastReviewedEdit)
        self.extras = DocumentExtras(ui.storageForm, ui.statusForm, self)
        self._is_new = initial is None
        self._build_clause_tree()

        self._load(initial or _NEW_DOCUMENT)
        self._workflow_locked = workflow_locked
        ui.revisionEdit.setEnabled(not workflow_locked)
        ui.statusCombo.setEnabled(not workflow_locked)
        self._effective.set_locked(workflow_locked)
        ui.workflowHintLabel.setVisible(workflow_locked)
        show_problems(ui.problemsLabel, [])

        ui.statusCombo.currentIndexChanged.connect(self._status_changed)
        for signal in (
            ui.statusCombo.currentIndexChanged,
            ui.effectiveCheck.toggled,
            ui.effectiveDateEdit.dateChanged,
            ui.lastReviewedCheck.toggled,
            ui.lastReviewedEdit.dateChanged,
            ui.reviewMonthsSpin.valueChanged,
        ):
            signal.connect(self._update_next_review)
        ui.clauseTree.itemChanged.connect(self._update_clause_summary)
        ui.clauseFilterEdit.textChanged.connect(self._filter_clauses)
        ui.browseLocationButton.clicked.connect(self._browse_location)
        self._status_changed()
        self._update_next_review()
        self._update_clause_summary()
        ui.codeEdit.setFocus()

    # --- public API ----------------------------------------------------------------------------

    def result_fields(self) -> DocumentFields:
        """The accepted fields (only after the dialog was accepted)."""
        if self._result is None:
            raise RuntimeError("The document dialog was not accepted.")
        return self._result

    def approval(self) -> documents.Approval | None:
        """For a new document accepted as approved / effective: who approved it and when."""
        if not self._is_new or self._result is None or self._result.status != DocStatus.EFFECTIVE:
            return None
        return self.extras.approval(self._result.effective_date)

    def selected_clauses(self) -> list[str]:
        """Ticked clause numbers, in the standard's order."""
        return [
            number
            for number, item in self._clause_items.items()
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        fields, problems = documents.fields_from_values(self._values())
        if fields is None or problems:
            self._show_field_problems(problems)
            return
        self._result = fields
        super().accept()

    # --- loading and reading -------------------------------------------------------------------

    def _load(self, f: DocumentFields) -> None:
        ui = self.ui
        ui.codeEdit.setText(f.code)
        ui.titleEdit.setText(f.title)
        ui.typeCombo.setCurrentIndex(ui.typeCombo.findData(f.doc_type.value))
        ui.processCombo.setEditText(f.process)
        ui.ownerCombo.setEditText(f.owner)
        ui.revisionEdit.setText(f.revision)
        ui.statusCombo.setCurrentIndex(ui.statusCombo.findData(f.status.value))
        self._effective.set_value(f.effective_date)
        ui.reviewMonthsSpin.setValue(f.review_months or 0)
        self._last_reviewed.set_value(f.last_reviewed)
        ui.locationEdit.setText(f.location)
        ui.retentionEdit.setText(f.retention)
        for number in f.clauses:
            item = self._clause_items.get(number)
            if item is not None:
                item.setCheckState(0, Qt.CheckState.Checked)
        ui.noteEdit.setPlainText(f.note)
        ui.obsoleteReasonEdit.setText(f.obsolete_reason)
        self.extras.load(f.issuer, f.edition_checked)
        checked = [self._clause_items[n] for n in f.clauses if n in self._clause_items]
        if checked:
            ui.clauseTree.scrollToItem(checked[0])

    def _status(self) -> DocStatus:
        return DocStatus(self.ui.statusCombo.currentData())

    def _values(self) -> dict[str, object]:
        ui = self.ui
        obsolete = self._status() == DocStatus.OBSOLETE
        return {
            "code": ui.codeEdit.text(),
            "title": ui.titleEdit.text(),
            "doc_type": ui.typeCombo.currentData(),
            "status": ui.statusCombo.currentData(),
            "process": ui.processCombo.currentText(),
            "owner": ui.ownerCombo.currentText(),
            "revision": ui.revisionEdit.text(),
            "effective_date": self._effective.value(),
            "review_months": ui.reviewMonthsSpin.value(),
            "last_reviewed": self._last_reviewed.value(),
            "location": ui.locationEdit.text(),
            "retention": ui.retentionEdit.text(),
            "clauses": ", ".join(self.selected_clauses()),
            "note": ui.noteEdit.toPlainText(),
            "obsolete_reason": ui.obsoleteReasonEdit.text() if obsolete else "",
            "issuer": self.extras.issuer.text(),
            "edition_checked": self.extras.edition.value(),
        }

    def _field_widget(self, name: str) -> QWidget | None:
        ui = self.ui
        widgets: dict[str, QWidget] = {
            "code": ui.codeEdit,
            "title": ui.titleEdit,
            "doc_type": ui.typeCombo,
            "status": ui.statusCombo,
            "process": ui.processCombo,
            "owner": ui.ownerCombo,
            "revision": ui.revisionEdit,
            "effective_date": ui.effectiveDateEdit
            if ui.effectiveCheck.isChecked()
            else ui.effectiveCheck,
            "review_months": ui.reviewMonthsSpin,
            "last_reviewed": ui.lastReviewedEdit,
            "location": ui.locationEdit,
            "retention": ui.retentionEdit,
            "clauses": ui.clauseTree,
            "note": ui.noteEdit,
            "obsolete_reason": ui.obsoleteReasonEdit,
            "issuer": self.extras.issuer,
            "edition_checked": self.extras.edition.edit,
        }
        return widgets.get(name)

    def _show_field_problems(self, problems: list[FieldProblem]) -> None:
        lines = []
        for p in problems:
            label = FIELD_LABELS.get(p.field, p.field)
            # Some core messages are sentence ends ("is 160 characters long; ...").
            lines.append(
                f"{label} {p.message}" if p.message[:1].islower() else f"{label}: {p.message}"
            )
        show_problems(self.ui.problemsLabel, lines)
        for p in problems:
            widget = self._field_widget(p.field)
            if widget is not None and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                break

    # --- live updates --------------------------------------------------------------------------

    def _status_changed(self) -> None:
        obsolete = self._status() == DocStatus.OBSOLETE
        self.ui.statusForm.setRowVisible(self.ui.obsoleteReasonEdit, obsolete)
        self.extras.show_approval(self._is_new and self._status() == DocStatus.EFFECTIVE)

    def _update_next_review(self) -> None:
        ui = self.ui
        months = ui.reviewMonthsSpin.value()
        effective, reviewed = self._effective.value(), self._last_reviewed.value()
        preview = DocumentFields(
            code="",
            title="",
            doc_type=DocType.POLICY,
            status=self._status(),
            effective_date=effective,
            review_months=months or None,
            last_reviewed=reviewed,
        )
        due = documents.next_review_date(preview)
        if due is not None:
            base = "the last review" if reviewed else "the effective date"
            text = f"{format_date(due)} ({months} months after {base})"
            if due < today():
                text += " — overdue"
        elif preview.status == DocStatus.OBSOLETE:
            text = "None: obsolete documents are not reviewed."
        elif not months:
            text = "None: no periodic review is set."
        else:
            text = "Not yet known: it counts from the effective date or the last review."
        ui.nextReviewValue.setText(text)

    # --- clauses -------------------------------------------------------------------------------

    def _build_clause_tree(self) -> None:
        tree = self.ui.clauseTree
        for clause in clauses():
            parent_number = clause.number.rpartition(".")[0]
            parent = self._clause_items.get(parent_number)
            item = QTreeWidgetItem([clause.label()])
            item.setData(0, _CLAUSE_ROLE, clause.number)
            item.setToolTip(0, clause.label())
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(0, Qt.CheckState.Unchecked)
            if parent is None:
                tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self._clause_items[clause.number] = item
        tree.expandAll()

    def _update_clause_summary(self) -> None:
        chosen = self.selected_clauses()
        self.ui.clauseSummaryLabel.setText(
            f"Ticked: {', '.join(chosen)}" if chosen else "No clause ticked."
        )

    def _filter_clauses(self, text: str) -> None:
        words = fold(text).split()

        def visit(item: QTreeWidgetItem | None) -> bool:
            if item is None:
                return False
            own = all(w in fold(item.text(0)) for w in words)
            children = [visit(item.child(i)) for i in range(item.childCount())]
            visible = own or any(children)
            item.setHidden(not visible)
            return visible

        tree = self.ui.clauseTree
        for i in range(tree.topLevelItemCount()):
            visit(tree.topLevelItem(i))

    # --- location ------------------------------------------------------------------------------

    def _choose_location(self) -> str | None:
        """Ask for the file of the controlled copy (tests replace this)."""
        current = self.ui.locationEdit.text().strip()
        start = ""
        if current and "://" not in current:
            start = str(Path(current).expanduser().parent)
        name, _ = QFileDialog.getOpenFileName(self, "Controlled copy of the document", start)
        return name or None

    def _browse_location(self) -> None:
        chosen = self._choose_location()
        if chosen:
            self.ui.locationEdit.setText(str(Path(chosen)))


def _fill_editable(combo: QComboBox, values: list[str], max_length: int) -> None:
    combo.addItems(values)
    combo.setCurrentIndex(-1)
    combo.setEditText("")
    line_edit = combo.lineEdit()
    if line_edit is not None:
        line_edit.setMaxLength(max_length)
    completer = combo.completer()
    if completer is not None:
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
