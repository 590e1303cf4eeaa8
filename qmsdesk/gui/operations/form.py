"""A dialog of fields built from a register's vocabulary (the form's shape is the data's, so it
is built in code): each field's label and help from the vocabulary, the core's problems shown
beside the field they name, the dialog kept open until the core accepts the values."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.fields import Field, FieldKind

Check = Callable[[dict[str, str]], list[FieldProblem]]
_PROBLEM_STYLE = "color: #c62828;"


class FieldsDialog(QDialog):
    """Fields in a form; :meth:`values` gives what was typed, by field key, as text."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fields: Sequence[Field],
        initial: Mapping[str, str] | None = None,
        *,
        check: Check | None = None,
        choices: Mapping[str, Sequence[str]] | None = None,
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("fieldsDialog")
        self._check = check
        self._editors: dict[str, QLineEdit | QComboBox | QPlainTextEdit] = {}
        self._problems: dict[str, QLabel] = {}
        initial = initial or {}
        choices = choices or {}
        outer = QVBoxLayout(self)
        if intro:
            note = QLabel(intro)
            note.setWordWrap(True)
            outer.addWidget(note)
        body = QWidget()
        form = QFormLayout(body)
        for f in fields:
            editor: QLineEdit | QComboBox | QPlainTextEdit
            value = initial.get(f.key, "")
            options = choices.get(f.key, f.choices if f.kind == FieldKind.CHOICE else ())
            if options:
                editor = QComboBox()
                if not f.required:
                    editor.addItem("")
                editor.addItems(list(options))
                editor.setEditable(f.key in choices and f.kind != FieldKind.CHOICE)
                found = editor.findText(value)
                if found >= 0:
                    editor.setCurrentIndex(found)
                elif editor.isEditable():
                    editor.setEditText(value)
            elif f.kind == FieldKind.LONG_TEXT:
                editor = QPlainTextEdit(value)
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(64)
            else:
                editor = QLineEdit(value)
                if f.kind == FieldKind.DATE:
                    editor.setPlaceholderText("yyyy-mm-dd")
            editor.setObjectName(f"field_{f.key}")
            editor.setToolTip(f.help)
            editor.setAccessibleName(f.label)
            label = QLabel(f.label + (" *" if f.required else ""))
            label.setBuddy(editor)
            label.setToolTip(f.help)
            problem = QLabel()
            problem.setObjectName(f"problem_{f.key}")
            problem.setStyleSheet(_PROBLEM_STYLE)
            problem.setWordWrap(True)
            problem.hide()
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(1)
            column.addWidget(editor)
            column.addWidget(problem)
            form.addRow(label, holder)
            self._editors[f.key] = editor
            self._problems[f.key] = problem
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.general = QLabel()
        self.general.setObjectName("generalProblem")
        self.general.setStyleSheet(_PROBLEM_STYLE)
        self.general.setWordWrap(True)
        self.general.hide()
        outer.addWidget(self.general)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.resize(520, min(120 + 46 * len(fields), 640))

    def values(self) -> dict[str, str]:
        out = {}
        for key, editor in self._editors.items():
            if isinstance(editor, QComboBox):
                out[key] = editor.currentText().strip()
            elif isinstance(editor, QPlainTextEdit):
                out[key] = editor.toPlainText().strip()
            else:
                out[key] = editor.text().strip()
        return out

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        by_field: dict[str, list[str]] = {}
        other = []
        for p in problems:
            if p.field in self._problems:
                by_field.setdefault(p.field, []).append(p.message)
            else:
                other.append(p.message)
        for key, label in self._problems.items():
            label.setText("\n".join(by_field.get(key, [])))
            label.setVisible(key in by_field)
        self.general.setText("\n".join(other))
        self.general.setVisible(bool(other))

    def accept(self) -> None:
        if self._check is not None:
            problems = self._check(self.values())
            if problems:
                self.show_problems(problems)
                return
        super().accept()
