"""A form dialog built from rows (text, choice, whole number, number, date), for the dialogs of
the risks and objectives registers, whose fields are the vocabularies' own. A problem the core
finds (a :class:`~qmsdesk.core.errors.FieldProblem`) is shown under the field it names, and the
dialog stays open until the fields are right."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core.dates import parse_date
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.fields import Field

Check = Callable[[dict[str, Any]], list[FieldProblem]]
_ERROR_STYLE = "color: #c62828;"


class FormDialog(QDialog):
    """Rows of labelled fields, each with a place for its problem under it."""

    def __init__(self, parent: QWidget | None, title: str, check: Check | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._check = check
        self._getters: dict[str, Callable[[], Any]] = {}
        self._errors: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        self.general = QLabel()
        self.general.setStyleSheet(_ERROR_STYLE)
        self.general.setWordWrap(True)
        self.general.hide()
        outer.addWidget(self.general)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def _add(
        self, key: str, label: str, widget: QWidget, getter: Callable[[], Any], tip: str = ""
    ) -> None:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        error = QLabel()
        error.setStyleSheet(_ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        layout.addWidget(error)
        caption = QLabel(f"{label}:")
        caption.setBuddy(widget)
        if tip:
            widget.setToolTip(tip)
            caption.setToolTip(tip)
        widget.setAccessibleName(label.replace("&", ""))
        widget.setObjectName(f"field_{key}")
        self.form.addRow(caption, box)
        self._getters[key] = getter
        self._errors[key] = error
        self.widgets[key] = widget

    def add_text(self, key: str, field: Field, value: str = "", *, long: bool = False) -> None:
        if long:
            edit = QPlainTextEdit(value)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(self.fontMetrics().height() * 4 + 10)
            self._add(key, field.label, edit, lambda: edit.toPlainText().strip(), field.help)
            return
        line = QLineEdit(value)
        self._add(key, field.label, line, lambda: line.text().strip(), field.help)

    def add_choice(
        self,
        key: str,
        field: Field,
        choices: Sequence[tuple[Any, str]],
        current: Any = None,
        *,
        empty: str | None = None,
    ) -> None:
        combo = QComboBox()
        if empty is not None:
            combo.addItem(empty, None)
        for data, text in choices:
            combo.addItem(text, data)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        self._add(key, field.label, combo, combo.currentData, field.help)

    def add_whole(
        self, key: str, field: Field, low: int, high: int, value: int | None, *, empty: bool = False
    ) -> None:
        spin = QSpinBox()
        spin.setRange(low - 1 if empty else low, high)
        if empty:
            spin.setSpecialValueText("not rated")
        spin.setValue(value if value is not None else (low - 1 if empty else low))

        def read() -> int | None:
            return None if empty and spin.value() == low - 1 else spin.value()

        self._add(key, field.label, spin, read, field.help)

    def add_number(self, key: str, field: Field, value: float | None) -> None:
        from qmsdesk.core.objectives import number_text

        line = QLineEdit("" if value is None else number_text(value).replace(",", ""))
        self._add(key, field.label, line, lambda: line.text().strip(), field.help)

    def add_date(self, key: str, field: Field, value: Any) -> None:
        line = QLineEdit("" if value is None else value.isoformat())
        line.setPlaceholderText("yyyy-mm-dd (empty: none)")
        self._add(key, field.label, line, lambda: line.text().strip(), field.help)

    def values(self) -> dict[str, Any]:
        return {key: get() for key, get in self._getters.items()}

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        for shown in self._errors.values():
            shown.hide()
        other: list[str] = []
        for p in problems:
            label = self._errors.get(p.field)
            if label is None:
                other.append(p.message)
                continue
            label.setText(p.message)
            label.show()
        self.general.setText("\n".join(other))
        self.general.setVisible(bool(other))
        first = next((self.widgets[p.field] for p in problems if p.field in self.widgets), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        if self._check is not None:
            problems = self._check(self.values())
            if problems:
                self.show_problems(problems)
                return
        super().accept()


def date_value(values: dict[str, Any], key: str, problems: list[FieldProblem]) -> Any:
    """A date typed in a form (None for empty), or a problem under its field."""
    try:
        return parse_date(values.get(key))
    except ValueError as exc:
        problems.append(FieldProblem(key, str(exc)))
        return None
