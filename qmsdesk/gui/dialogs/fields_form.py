"""A dialog built from a register's field vocabulary (:mod:`qmsdesk.core.fields`): one editor per
field (a line, a text box, a drop-down, an optional date, a person), the core's problems shown
beside the field they name. The planning registers' records are edited with it.

Built in code rather than from a Designer form: its shape is the vocabulary's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.fields import Field, FieldKind, Vocabulary
from qmsdesk.gui.dialogs._common import OptionalDate, show_problems

#: What a dialog's values are checked with: values -> (fields or None, problems).
Parser = Callable[[dict[str, object]], tuple[Any, list[FieldProblem]]]


class FieldsDialog(QDialog):
    """Edit the fields `keys` of `vocab`; :attr:`result_fields` holds the parsed fields once
    accepted. `choices` gives a field's drop-down as (stored value, text) pairs (a person by
    id); a CHOICE field without them offers its vocabulary's labels."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        vocab: Vocabulary,
        keys: Sequence[str],
        values: Mapping[str, object],
        parse: Parser,
        *,
        choices: Mapping[str, Sequence[tuple[object, str]]] | None = None,
        suggestions: Mapping[str, Sequence[str]] | None = None,
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("fieldsDialog")
        self._vocab, self._parse = vocab, parse
        self._getters: dict[str, Callable[[], object]] = {}
        self._problems: dict[str, QLabel] = {}
        self.editors: dict[str, QWidget] = {}
        self.result_fields: Any = None
        choices = choices or {}
        suggestions = suggestions or {}
        outer = QVBoxLayout(self)
        if intro:
            lead = QLabel(intro)
            lead.setWordWrap(True)
            outer.addWidget(lead)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in keys:
            field = vocab[key]
            editor, getter = self._editor(
                field, values.get(key), choices.get(key), suggestions.get(key)
            )
            editor.setToolTip(field.help)
            editor.setAccessibleName(field.label)
            editor.setObjectName(f"field_{key}")
            problem = QLabel()
            problem.setObjectName(f"problem_{key}")
            problem.setStyleSheet("color: #c62828;")
            problem.setWordWrap(True)
            problem.hide()
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(editor)
            box.addWidget(problem)
            label = QLabel(f"{field.label}{' *' if field.required else ''}:")
            label.setBuddy(editor)
            form.addRow(label, cell)
            self.editors[key] = editor
            self._getters[key] = getter
            self._problems[key] = problem
        outer.addLayout(form)
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color: #c62828;")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        outer.addWidget(self.problem_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    def _editor(
        self,
        field: Field,
        value: object,
        choices: Sequence[tuple[object, str]] | None,
        suggestions: Sequence[str] | None,
    ) -> tuple[QWidget, Callable[[], object]]:
        if choices is not None or field.kind == FieldKind.CHOICE:
            combo = QComboBox()
            pairs = list(choices) if choices is not None else [(c, c) for c in field.choices]
            for data, text in pairs:
                combo.addItem(text, data)
            index = next((i for i, (data, text) in enumerate(pairs) if value in (data, text)), 0)
            combo.setCurrentIndex(index)
            return combo, combo.currentData
        if field.kind == FieldKind.LONG_TEXT:
            edit = QPlainTextEdit(str(value or ""))
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(54)
            edit.setMaximumHeight(110)
            return edit, edit.toPlainText
        if field.kind == FieldKind.DATE:
            holder = QWidget()
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            check = QCheckBox()
            check.setAccessibleName(f"{field.label}: set")
            date_edit = QDateEdit()
            optional = OptionalDate(check, date_edit)
            optional.set_value(value if isinstance(value, dt.date) else None)
            row.addWidget(check)
            row.addWidget(date_edit, 1)
            holder.setFocusProxy(date_edit)
            return holder, optional.value
        if field.kind == FieldKind.INTEGER:
            spin = QSpinBox()
            spin.setRange(0, 999)
            spin.setValue(int(value) if isinstance(value, int) else 0)
            return spin, spin.value
        line = QLineEdit(str(value or ""))
        if suggestions:
            from PySide6.QtWidgets import QCompleter

            completer = QCompleter(list(suggestions), line)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            line.setCompleter(completer)
        return line, line.text

    def values(self) -> dict[str, object]:
        return {key: get() for key, get in self._getters.items()}

    def try_accept(self) -> None:
        """Check the values by the core's rules; stay open with the problems beside the fields."""
        fields, problems = self._parse(self.values())
        for label in self._problems.values():
            label.hide()
        elsewhere: list[str] = []
        for p in problems:
            found = self._problems.get(p.field)
            if found is None:
                name = self._vocab[p.field].label if p.field in self._vocab else p.field
                elsewhere.append(f"{name}: {p.message}")
                continue
            found.setText(p.message)
            found.show()
        show_problems(self.problem_label, elsewhere)
        if problems or fields is None:
            return
        self.result_fields = fields
        self.accept()
