"""The inputs and outputs of a process, edited as a small table: input or output, what, and
where it comes from or goes (another process: a hand-over; or someone outside)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import processes
from qmsdesk.core.db.models_planning import FlowDirection
from qmsdesk.core.processes import FlowFields
from qmsdesk.gui.dialogs._common import show_problems

_COLUMNS = ("In / out", "What", "From / to (a process code, or who outside)")


class FlowsDialog(QDialog):
    """Edit a process's inputs and outputs; :meth:`flows` gives them once accepted."""

    def __init__(
        self,
        parent: QWidget | None,
        process_label: str,
        flows: Sequence[FlowFields],
        others: Sequence[str],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Inputs and outputs of {process_label}")
        self.setObjectName("flowsDialog")
        self._others = list(others)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "One row per input or output. Under 'From / to', choose another process for a "
            "hand-over (drawn as an arrow on the process map), or type who outside the company "
            "it comes from or goes to (Customer, Approved suppliers)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("flowsTable")
        self.table.setAccessibleName("Inputs and outputs")
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        for f in flows:
            self.add_row(f)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        add_in = QPushButton("Add &input")
        add_in.clicked.connect(lambda: self.add_row(FlowFields(FlowDirection.INPUT, "")))
        add_out = QPushButton("Add &output")
        add_out.clicked.connect(lambda: self.add_row(FlowFields(FlowDirection.OUTPUT, "")))
        remove = QPushButton("&Remove row")
        remove.setObjectName("removeFlow")
        remove.clicked.connect(self.remove_row)
        for button in (add_in, add_out, remove):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color: #c62828;")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 420)
        self._result: list[FlowFields] = []

    def add_row(self, f: FlowFields) -> None:
        n = self.table.rowCount()
        self.table.insertRow(n)
        direction = QComboBox()
        for d, text in processes.DIRECTION_LABELS.items():
            direction.addItem(text, d.value)
        direction.setCurrentIndex(0 if f.direction == FlowDirection.INPUT else 1)
        self.table.setCellWidget(n, 0, direction)
        self.table.setItem(n, 1, QTableWidgetItem(f.what))
        other = QComboBox()
        other.setEditable(True)
        other.addItems(self._others)
        other.setCurrentText(f.other)
        self.table.setCellWidget(n, 2, other)

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def flows(self) -> list[FlowFields]:
        return list(self._result)

    def try_accept(self) -> None:
        found, problems = [], []
        for n in range(self.table.rowCount()):
            direction = self.table.cellWidget(n, 0)
            other = self.table.cellWidget(n, 2)
            item = self.table.item(n, 1)
            assert isinstance(direction, QComboBox) and isinstance(other, QComboBox)
            what = item.text().strip() if item is not None else ""
            if not what and not other.currentText().strip():
                continue  # an empty row: left out
            fields, row_problems = processes.flow_from_values(
                {"direction": direction.currentData(), "what": what, "other": other.currentText()}
            )
            problems += [f"Row {n + 1}: {p.message}" for p in row_problems]
            if fields is not None:
                found.append(fields)
        show_problems(self.problem_label, problems)
        if problems:
            return
        self._result = found
        self.accept()
