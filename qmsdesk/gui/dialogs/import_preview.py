"""What an import would do, shown before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QTableView, QWidget

from qmsdesk.gui.dialogs._common import ok_button
from qmsdesk.gui.forms.ui_import_preview_dialog import Ui_ImportPreviewDialog

if TYPE_CHECKING:
    from qmsdesk.core.exchange.workbook import FieldChange, ImportPlan

# Action values of qmsdesk.core.exchange.workbook.Action (a StrEnum, so they compare as text);
# the dialog does not import the workbook module, so opening the app stays quick.
_ADD, _CHANGE = "add", "change"
PROBLEM_COLUMNS = ("Sheet", "Row", "Column", "Problem")
CHANGE_COLUMNS = ("Sheet", "Row", "What", "Record", "Changes")
_MAX_COLUMN_WIDTH = 260
_WRAP_ROWS = 500  # up to this many problems, rows grow to their wrapped text
_EMPTY = "(empty)"
_ROOT = QModelIndex()


@dataclass(frozen=True)
class PreviewLine:
    """One line of the "added and changed" table."""

    sheet: str
    row: int | None
    what: str  # "Add" or "Change"
    record: str
    changes: str


def _change_text(change: FieldChange, adding: bool) -> str:
    if adding:
        return f"{change.field}: {change.new}"
    return f"{change.field}: {change.old or _EMPTY} → {change.new or _EMPTY}"


def preview_lines(plan: ImportPlan) -> list[PreviewLine]:
    """The items of a plan that add or change something, sheet by sheet in sheet-row order."""
    lines = []
    for sheet in plan.sheets:
        for item in sheet.items:
            if item.action not in (_ADD, _CHANGE):
                continue
            adding = item.action == _ADD
            lines.append(
                PreviewLine(
                    sheet=sheet.sheet,
                    row=item.row,
                    what="Add" if adding else "Change",
                    record=item.key,
                    changes="; ".join(_change_text(c, adding) for c in item.changes),
                )
            )
    return lines


class TextTableModel(QAbstractTableModel):
    """A read-only table of texts (thousands of rows open at once; a widget per cell would not)."""

    def __init__(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows = [list(r) for r in rows]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._rows[index.row()][index.column()]
            if role == Qt.ItemDataRole.ToolTipRole and len(text) < 60:
                return None
            return text
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


def _show(table: QTableView, model: TextTableModel, *, wrap_last: bool = False) -> None:
    """`wrap_last`: the last column (the problem's message) takes the width left and wraps at
    spaces, its rows as tall as their text (with more than _WRAP_ROWS rows, the long ones show
    their whole text in a tooltip)."""
    table.setModel(model)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setResizeContentsPrecision(200)  # measure the first rows only: thousands stay quick
    table.resizeColumnsToContents()
    for column in range(model.columnCount() - 1):
        if header.sectionSize(column) > _MAX_COLUMN_WIDTH:
            header.resizeSection(column, _MAX_COLUMN_WIDTH)
    if wrap_last:
        table.setWordWrap(True)
        header.setStretchLastSection(True)
        if model.rowCount() <= _WRAP_ROWS:
            table.setTextElideMode(Qt.TextElideMode.ElideNone)
            rows = table.verticalHeader()
            rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


class ImportPreviewDialog(QDialog):
    """The summary, what would be added and changed, and every problem; Import only when clean."""

    def __init__(self, parent: QWidget | None, *, plan: ImportPlan) -> None:
        super().__init__(parent)
        self.ui = Ui_ImportPreviewDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.plan = plan
        problems = list(plan.problems)
        lines = preview_lines(plan)
        file_name = getattr(getattr(plan, "path", None), "name", "")
        if file_name:
            self.setWindowTitle(f"Import {file_name}")
        summary = plan.summary_lines()
        if problems:
            count = len(problems)
            summary = [f"{count} problem{'s' if count != 1 else ''} found.", *summary]
        ui.summaryLabel.setText("\n".join(summary))

        self.problems_model = TextTableModel(
            PROBLEM_COLUMNS,
            [
                [p.sheet, "" if p.row is None else str(p.row), p.column or "", p.message]
                for p in problems
            ],
            self,
        )
        self.changes_model = TextTableModel(
            CHANGE_COLUMNS,
            [
                [ln.sheet, "" if ln.row is None else str(ln.row), ln.what, ln.record, ln.changes]
                for ln in lines
            ],
            self,
        )
        _show(ui.problemsTable, self.problems_model, wrap_last=True)
        _show(ui.changesTable, self.changes_model)
        problems_tab = ui.tabs.indexOf(ui.problemsTab)
        changes_tab = ui.tabs.indexOf(ui.changesTab)
        ui.tabs.setTabText(problems_tab, f"&Problems ({len(problems)})")
        ui.tabs.setTabText(changes_tab, f"&Added and changed ({len(lines)})")
        ui.tabs.setTabEnabled(problems_tab, bool(problems))

        button = ok_button(ui.buttonBox)
        button.setText("&Import")
        button.setEnabled(not problems)
        ui.blockedLabel.setVisible(bool(problems))
        if problems:
            ui.tabs.setCurrentIndex(problems_tab)
            ui.problemsTable.selectRow(0)
            ui.problemsTable.setFocus()
        else:
            ui.tabs.setCurrentIndex(changes_tab)
            if not lines:
                ui.blockedLabel.setStyleSheet("")
                ui.blockedLabel.setText(
                    "Everything in the workbook is already in the register: importing it would "
                    "change nothing."
                )
                ui.blockedLabel.show()
            button.setFocus()

    def accept(self) -> None:
        if not self.plan.problems:
            super().accept()
