"""The change history of one record: a read-only, sortable table that can be copied."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import (
    QCollator,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionHeader,
    QWidget,
)

from qmsdesk.core.documents import STATUS_LABELS, TYPE_LABELS
from qmsdesk.core.history import ChangeRow
from qmsdesk.gui.dialogs._common import format_datetime
from qmsdesk.gui.forms.ui_history_dialog import Ui_HistoryDialog

COLUMNS = ("When", "Who", "Action", "Field", "Old value", "New value")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_MAX_COLUMN_WIDTH = 260

# What the stored action words mean to the reader.
ACTION_LABELS = {
    "create": "Created",
    "edit": "Edited",
    "revise": "New revision",
    "approve": "Approved",
    "obsolete": "Made obsolete",
    "review": "Reviewed",
    "delete": "Deleted",
    "import": "Imported",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action.replace("_", " ").capitalize())


def local_time(stored_utc: dt.datetime) -> dt.datetime:
    """A naive UTC timestamp from the database, as this computer's local (naive) time."""
    return stored_utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


# Stored values of the document's choice fields, shown with the words the register uses.
_VALUE_LABELS = {
    "Status": {status.value: label for status, label in STATUS_LABELS.items()},
    "Type": {doc_type.value: label for doc_type, label in TYPE_LABELS.items()},
}


def display_value(field: str, value: str) -> str:
    return _VALUE_LABELS.get(field, {}).get(value, value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class HistorySortModel(QSortFilterProxyModel):
    """Sorts the time column by the stored moment and the texts as people alphabetise them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        locale = QLocale()
        if locale.language() == QLocale.Language.C:
            locale = QLocale(QLocale.Language.English)  # no locale: "Łukasz" still sorts after "L"
        self._collator = QCollator(locale)
        self._collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if left.column() == 0:
            return str(left.data(SORT_ROLE)) < str(right.data(SORT_ROLE))
        return self._collator.compare(str(left.data() or ""), str(right.data() or "")) < 0


_UP, _DOWN = QStyleOptionHeader.SortIndicator.SortUp, QStyleOptionHeader.SortIndicator.SortDown


def shown_arrow(indicator: QStyleOptionHeader.SortIndicator) -> QStyleOptionHeader.SortIndicator:
    """The arrow drawn for Qt's sort indicator, swapped: Qt asks for an up arrow when the sort is
    descending, which reads as "ascending" (oldest first) above a newest-first list."""
    if indicator == _UP:
        return _DOWN
    if indicator == _DOWN:
        return _UP
    return indicator


class ReadableSortArrows(QProxyStyle):
    """The header's sort arrow pointing down for a descending sort (newest first), up for an
    ascending one."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            swapped = QStyleOptionHeader(option)
            swapped.sortIndicator = shown_arrow(option.sortIndicator)
            option = swapped
        super().drawPrimitive(element, option, painter, widget)


class HistoryDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, title: str, rows: list[ChangeRow]) -> None:
        super().__init__(parent)
        self.ui = Ui_HistoryDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.setWindowTitle(f"Change history: {title}")
        if rows:
            ui.introLabel.setText(
                f"Every recorded change to <b>{escape(title)}</b>, newest first. Times are in this "
                "computer's time zone."
            )
        else:
            ui.introLabel.setText(f"No changes to <b>{escape(title)}</b> have been recorded yet.")
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        for index, row in enumerate(rows):
            self.model.appendRow(self._items(index, row))
        self.sorted_model = HistorySortModel(self)
        self.sorted_model.setSourceModel(self.model)
        ui.table.setModel(self.sorted_model)
        ui.table.verticalHeader().setDefaultSectionSize(ui.table.fontMetrics().height() + 8)
        header = ui.table.horizontalHeader()
        self._arrows = ReadableSortArrows()  # kept: the header does not own its style
        header.setStyle(self._arrows)
        ui.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        ui.table.resizeColumnsToContents()
        for column in range(len(COLUMNS) - 1):
            if header.sectionSize(column) > _MAX_COLUMN_WIDTH:
                header.resizeSection(column, _MAX_COLUMN_WIDTH)
        ui.copyButton.setEnabled(bool(rows))
        ui.copyButton.clicked.connect(self.copy_all)
        copy_selection = QAction("Copy selected lines", ui.table)
        copy_selection.setShortcut(QKeySequence.StandardKey.Copy)
        copy_selection.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy_selection.triggered.connect(self.copy_selection)
        ui.table.addAction(copy_selection)
        ui.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    @staticmethod
    def _items(index: int, row: ChangeRow) -> list[QStandardItem]:
        when = local_time(row.at)
        texts = [
            format_datetime(when),
            row.user,
            action_label(row.action),
            row.field,
            display_value(row.field, row.old_value),
            display_value(row.field, row.new_value),
        ]
        items = []
        for text in texts:
            item = QStandardItem(_one_line(text))
            if "\n" in text or len(text) > 60:
                item.setToolTip(text)
            item.setEditable(False)
            items.append(item)
        # Rows arrive newest first; within one action (same moment) keep the fields in the order
        # they were written, whichever way the column is sorted.
        items[0].setData(f"{row.at.isoformat()}#{index:08d}", SORT_ROLE)
        items[0].setToolTip(f"{when.isoformat(sep=' ', timespec='seconds')} local time")
        return items

    def rows_text(self, rows: Sequence[int] | None = None) -> str:
        """Tab-separated text of the given view rows (all rows when None), with a header line."""
        model = self.sorted_model
        if rows is None:
            rows = range(model.rowCount())
        lines = ["\t".join(COLUMNS)]
        for r in rows:
            cells = []
            for c in range(len(COLUMNS)):
                value = model.index(r, c).data(Qt.ItemDataRole.DisplayRole) or ""
                cells.append(value.replace("\t", " "))
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.rows_text())
        count = self.sorted_model.rowCount()
        self.ui.copiedLabel.setText(f"Copied {count} line{'s' if count != 1 else ''}.")

    def copy_selection(self) -> None:
        selected: list[QModelIndex] = self.ui.table.selectionModel().selectedRows()
        if not selected:
            self.copy_all()
            return
        rows = sorted(index.row() for index in selected)
        QGuiApplication.clipboard().setText(self.rows_text(rows))
        self.ui.copiedLabel.setText(f"Copied {len(rows)} line{'s' if len(rows) != 1 else ''}.")
