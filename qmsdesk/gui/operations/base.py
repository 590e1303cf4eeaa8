"""The tab every operations register shares: toolbar, search as you type, a filter, an overdue
chip, the paged table, the details pane, and new / edit / delete / history. A register's tab
declares its table, its actions and its dialogs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core.errors import QmsError
from qmsdesk.gui import icons
from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.operations.table import RegisterTableModel, TableSpec
from qmsdesk.gui.register_tab import RegisterTab
from qmsdesk.gui.settings import Settings

Q = TypeVar("Q")
R = TypeVar("R")
SEARCH_DELAY_MS = 150


class OperationsTab(RegisterTab, Generic[Q, R]):
    """The base of the suppliers, equipment and nonconforming tabs."""

    #: What the search box searches, in the user's words.
    search_hint = "Search"
    #: The filter's entries: (text, value); the first is "everything".
    FILTERS: Sequence[tuple[str, str]] = ()
    overdue_tip = ""
    empty_text = "Nothing selected."

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)
        self.model: RegisterTableModel[Q, R] = RegisterTableModel(self.table_spec(), self.query())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.make_toolbar())
        layout.addLayout(self._make_filters())
        self.make_table(
            self.model,
            object_name=f"{self.layout_key}Table",
            accessible_name=self.tab_title,
            on_activate=self.edit_record,
        )
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        bold = self.table.font()
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        for n, column in enumerate(self.model.spec.columns):
            # A column that may carry a due word shows it in bold beside an icon.
            marked = any(w in column.sample for w in ("OVERDUE", "EXPIRED", "DECIDED"))
            text = bold_metrics if marked else metrics
            width = text.horizontalAdvance(column.sample) + (52 if marked else 28)
            width = max(width, header.fontMetrics().horizontalAdvance(column.header) + 26)
            header.resizeSection(n, width)
        self.sort_by_first_column()
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.details = QTextBrowser()
        self.details.setObjectName(f"{self.layout_key}Details")
        self.details.setAccessibleName(f"{self.tab_title} details")
        self.details.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName(f"{self.layout_key}Splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([900, 360])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        # The details pane is read once the event loop is free: a keystroke in the search box
        # costs the model's reset, not the selected record's reads.
        self._details_timer = QTimer(self)
        self._details_timer.setSingleShot(True)
        self._details_timer.setInterval(0)
        self._details_timer.timeout.connect(self.show_details)
        self.record: R | None = None
        self.overdue_count = 0
        self.total = 0
        self.update_actions()

    # --- for the subclass --------------------------------------------------------------------

    def table_spec(self) -> TableSpec[Q, R]:
        raise NotImplementedError

    def query(self, text: str = "", choice: str = "", overdue: bool = False) -> Q:
        raise NotImplementedError

    def load_counts(self) -> tuple[int, int]:
        """(records, overdue) for the chip and the status bar."""
        raise NotImplementedError

    def details_html(self, record: R) -> str:
        raise NotImplementedError

    def get_record(self, record_id: int) -> R:
        raise NotImplementedError

    def edit_record(self) -> None:
        raise NotImplementedError

    # --- filters -----------------------------------------------------------------------------

    def _make_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.search = QLineEdit()
        self.search.setObjectName(f"{self.layout_key}Search")
        self.search.setPlaceholderText(self.search_hint)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(f"Search {self.tab_title.lower()}")
        self.search.textChanged.connect(lambda _t: self._timer.start())
        label = QLabel("Search:")
        label.setBuddy(self.search)
        row.addWidget(label)
        row.addWidget(self.search, 3)
        self.filter_combo = QComboBox()
        self.filter_combo.setAccessibleName("Filter")
        for text, value in self.FILTERS:
            self.filter_combo.addItem(text, value)
        self.filter_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        row.addWidget(self.filter_combo)
        self.overdue_chip = QToolButton()
        self.overdue_chip.setObjectName(f"{self.layout_key}OverdueChip")
        self.overdue_chip.setCheckable(True)
        self.overdue_chip.setIcon(icons.overdue_icon())
        self.overdue_chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.overdue_chip.setToolTip(self.overdue_tip)
        self.overdue_chip.setStyleSheet(
            "QToolButton { border: 1px solid palette(mid); border-radius: 11px; padding: 2px 8px; }"
            "QToolButton:checked { background: palette(highlight);"
            " color: palette(highlighted-text); border-color: palette(highlight); }"
        )
        self.overdue_chip.toggled.connect(lambda _on: self.apply_filters())
        self.overdue_chip.setVisible(bool(self.overdue_tip))
        row.addWidget(self.overdue_chip)
        row.addStretch(1)
        self.shown_label = QLabel()
        row.addWidget(self.shown_label)
        return row

    def current_query(self) -> Q:
        return self.query(
            self.search.text(),
            str(self.filter_combo.currentData() or ""),
            self.overdue_chip.isChecked(),
        )

    def apply_filters(self) -> None:
        self._timer.stop()
        wanted = self.current_id()
        self.model.set_query(self.current_query())
        if wanted is None or not self.select_id(wanted):
            self._select_first()
        self._update_shown()

    def clear_filters(self) -> None:
        for widget in (self.filter_combo, self.overdue_chip, self.search):
            widget.blockSignals(True)
        self.filter_combo.setCurrentIndex(0)
        self.overdue_chip.setChecked(False)
        self.search.clear()
        for widget in (self.filter_combo, self.overdue_chip, self.search):
            widget.blockSignals(False)
        self.apply_filters()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_shown(self) -> None:
        shown = self.model.rowCount()
        self.shown_label.setText("" if self.db is None else f"{shown} of {self.total} shown")

    # --- database ----------------------------------------------------------------------------

    def database_changed(self) -> None:
        self.model.set_query(self.current_query())
        self.model.set_database(self.db)
        self._counts()
        self._select_first()
        self._update_shown()

    def reload(self, select_id: int | None = None) -> None:
        wanted = select_id if select_id is not None else self.current_id()
        self._counts()
        self.model.refresh()
        if wanted is None or not self.select_id(wanted):
            self._select_first()
        self._update_shown()

    def _counts(self) -> None:
        self.total, self.overdue_count = (0, 0) if self.db is None else self.load_counts()
        self.overdue_chip.setText(f"Overdue ({self.overdue_count})")
        self.counts_changed.emit()

    # --- selection ---------------------------------------------------------------------------

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        return self.model.id_at(index.row())

    def select_id(self, record_id: int) -> bool:
        row = self.model.row_for_id(record_id)
        if row is None:
            return False
        index = self.model.index(row, max(self.table.currentIndex().column(), 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _select_first(self) -> None:
        first = self.model.id_at(0)
        if first is not None:
            self.select_id(first)
        else:
            self._current_changed(QModelIndex(), QModelIndex())

    def selected(self) -> R | None:
        record_id = self.current_id()
        if record_id is None or self.db is None:
            return None
        try:
            return self.get_record(record_id)
        except QmsError:
            return None

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._details_timer.start()

    def show_details(self) -> None:
        """Read the selected record into the details pane and enable the actions for it."""
        self._details_timer.stop()
        record = self.selected()
        if record is None:
            self.details.setHtml(
                f"<p style='color:gray'>{self.empty_text}</p>" if self.db is not None else ""
            )
        else:
            self.details.setHtml(self.details_html(record))
        self.record = record
        self.update_actions()

    # --- writes ------------------------------------------------------------------------------

    def written(self, ok: bool, record_id: int | None = None) -> None:
        if not ok:
            return
        self.after_write(record_id)
        if record_id is not None and self.model.row_for_id(record_id) is None:
            self.clear_filters()
            self.select_id(record_id)
        self.show_details()

    def record_for(self, record_id: int, kind: str) -> int | None:
        """The id of the row that shows a record of `kind` (a certificate shows on its
        supplier's row); by default the record is a row."""
        return record_id

    def show_record(self, record_id: int, kind: str = "") -> None:
        """Show a record found by search everywhere or the due list (its row, all filters off)."""
        row_id = self.record_for(record_id, kind) if self.db is not None else None
        self.clear_filters()
        self.reload(select_id=row_id)
        self.show_details()

    def confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def history_for(
        self, ref: str, read: Callable[[Any], Sequence[Any]]
    ) -> tuple[str, Callable[[Any], Sequence[Any]]]:
        return ref, read
