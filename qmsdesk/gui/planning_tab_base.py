"""What the Risks and Objectives tabs share on top of :class:`RegisterTab`: the selected record's
id, selecting a record by id, a search box that filters after a short pause, a details pane."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.models.planning_table_models import RECORD_ID_ROLE
from qmsdesk.gui.register_tab import RegisterTab
from qmsdesk.gui.settings import Settings

SEARCH_DELAY_MS = 150


class PlanningTab(RegisterTab):
    """A register tab whose table's model gives each row's record id (RECORD_ID_ROLE)."""

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)

    def make_search(self, row: QHBoxLayout, name: str, placeholder: str) -> QLineEdit:
        self.search = QLineEdit()
        self.search.setObjectName(name)
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(placeholder)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        label = QLabel("Search:")
        label.setBuddy(self.search)
        row.addWidget(label)
        row.addWidget(self.search, 3)
        return self.search

    def apply_filters(self) -> None:
        """Run the filters again (the subclass's)."""

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        value = self.table.model().data(index, RECORD_ID_ROLE)
        return int(value) if value is not None else None

    def select_record(self, record_id: int) -> bool:
        model: Any = self.table.model()
        row = model.row_for_id(record_id)
        if row is None:
            return False
        index = model.index(row, max(self.table.currentIndex().column(), 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def select_first_or(self, wanted: int | None, on_none: Callable[[], None]) -> None:
        model: Any = self.table.model()
        if wanted is not None and self.select_record(wanted):
            return
        if model.rowCount():
            first = model.id_at(0)
            if first is not None and self.select_record(first):
                return
        on_none()

    def connect_selection(self, slot: Callable[[], None]) -> None:
        self.table.selectionModel().currentRowChanged.connect(lambda *_indexes: slot())
