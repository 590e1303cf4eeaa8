"""The training tab's panes: the people and their records, the matrix, the due list, the items,
and the filters above them.

The matrix view keeps the names (the vertical header) and the item codes (the horizontal header)
in sight while it scrolls.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import training
from qmsdesk.core.training import DUE, RECORDS, CellStatus
from qmsdesk.gui.models.training_matrix_model import (
    FIRST_ITEM_COLUMN,
    TITLE_CHARS,
    TITLE_LINES,
    MatrixCellDelegate,
)
from qmsdesk.gui.training.actions import TrainingActions
from qmsdesk.gui.training.bands import BandedHeader
from qmsdesk.gui.training.base import ALL


class TrainingPanes(TrainingActions):
    """The widgets of the tab, built once."""

    def _table(self, model: Any, name: str, accessible: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setAccessibleName(accessible)
        view.setModel(model)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTabKeyNavigation(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setHighlightSections(False)
        return view

    def _make_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.search = QLineEdit()
        self.search.setObjectName("trainingSearch")
        self.search.setPlaceholderText("Find people by name or number")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find people")
        self.search.textChanged.connect(lambda _t: self.apply_filters())
        row.addWidget(self.search, 2)
        self.department_combo = self._filter_combo("All departments", "departmentFilter")
        self.role_combo = self._filter_combo("All job roles", "roleFilter")
        self.category_combo = self._filter_combo("All categories", "categoryFilter")
        self.status_combo = self._filter_combo("Any status", "statusFilter")
        for status in CellStatus:
            if status != CellStatus.NOT_REQUIRED:
                code = training.STATUS_CODES[status]
                self.status_combo.addItem(f"{code} · {training.STATUS_LABELS[status]}", status)
        self.status_combo.addItem("Needing action (not OK)", "action")
        for combo in (
            self.department_combo,
            self.role_combo,
            self.category_combo,
            self.status_combo,
        ):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
            row.addWidget(combo, 1)
        self.left_check = QCheckBox("&People who left")
        self.left_check.setToolTip("Show people who have left (hidden from the matrix otherwise)")
        self.left_check.toggled.connect(lambda _on: self.reload())
        self.archived_check = QCheckBox("&Archived items")
        self.archived_check.setToolTip("Show archived training items in the matrix")
        self.archived_check.toggled.connect(lambda _on: self.reload())
        row.addWidget(self.left_check)
        row.addWidget(self.archived_check)
        self.compliance_label = QLabel()
        self.compliance_label.setObjectName("complianceLabel")
        row.addWidget(self.compliance_label)
        return row

    def _filter_combo(self, everything: str, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(everything)
        combo.addItem(everything, ALL)
        combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        return combo

    def _make_people_pane(self) -> QSplitter:
        """The people list above the selected person's records."""
        self.people_view = self._table(self.people_proxy, "peopleTable", "People")
        self.people_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people_view.setSortingEnabled(True)
        self.people_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.people_view.doubleClicked.connect(lambda _i: self.edit_person())
        self.people_view.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._person_selected()
        )
        self.records_title = QLabel("Training records")
        self.records_title.setTextFormat(Qt.TextFormat.PlainText)
        self.records_table = QTableWidget(0, 6)
        self.records_table.setObjectName("recordsTable")
        self.records_table.setAccessibleName("Training records of the selected person")
        self.records_table.setHorizontalHeaderLabels(
            [
                RECORDS["trained_on"].short_label,
                DUE["item_code"].short_label,  # the item's code and title
                RECORDS["level"].short_label,
                RECORDS["trainer"].short_label,
                RECORDS["attachment_name"].short_label,
                "Effectiveness",  # the outcome or method, after the date of the check
            ]
        )
        self.records_table.verticalHeader().setVisible(False)
        self.records_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.records_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.records_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.records_table.horizontalHeader().setStretchLastSection(True)
        self.records_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.records_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.records_table.setWordWrap(False)
        self.records_table.doubleClicked.connect(lambda _i: self.edit_record())
        self.records_table.currentCellChanged.connect(lambda *_a: self.update_actions())
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("trainingPeopleSplitter")
        left.addWidget(self.people_view)
        records_box = QWidget()
        records_layout = QVBoxLayout(records_box)
        records_layout.setContentsMargins(0, 4, 0, 0)
        records_layout.addWidget(self.records_title)
        records_layout.addWidget(self.records_table)
        buttons = QHBoxLayout()
        for action in (self.edit_record_action, self.delete_record_action):
            button = QPushButton(action.iconText())
            button.clicked.connect(action.trigger)
            action.changed.connect(lambda b=button, a=action: b.setEnabled(a.isEnabled()))
            buttons.addWidget(button)
        buttons.addStretch(1)
        records_layout.addLayout(buttons)
        left.addWidget(records_box)
        self.left_splitter = left
        return left

    def _make_matrix_page(self) -> QWidget:
        """The matrix, with the details of the current cell below it."""
        self.matrix_view = QTableView()
        self.matrix_view.setObjectName("trainingMatrix")
        self.matrix_view.setAccessibleName("Training matrix")
        self.matrix_view.setModel(self.matrix_model)
        self.matrix_delegate = MatrixCellDelegate(self.matrix_model, self.matrix_view)
        self.matrix_view.setItemDelegate(self.matrix_delegate)
        self.matrix_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matrix_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.matrix_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix_view.setWordWrap(False)
        self.matrix_view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.matrix_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.matrix_view.setTabKeyNavigation(False)
        vertical = BandedHeader(self.matrix_view)  # the names, in department bands
        self.matrix_view.setVerticalHeader(vertical)
        self.matrix_bands = vertical
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        horizontal = self.matrix_view.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Each item's code, its title wrapped in a few short lines, and its compliance.
        metrics = self.fontMetrics()
        horizontal.setDefaultSectionSize(metrics.horizontalAdvance("n" * TITLE_CHARS) + 12)
        horizontal.setMinimumHeight(metrics.height() * (TITLE_LINES + 2) + 10)
        horizontal.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self._compliance_width = self.fontMetrics().horizontalAdvance("Compliance") + 24
        self.matrix_model.modelReset.connect(
            lambda: self.matrix_view.setColumnWidth(0, self._compliance_width)
        )
        self.matrix_model.modelReset.connect(vertical.fit_bands)
        self.matrix_model.modelReset.connect(self._fit_item_columns)
        self.matrix_view.doubleClicked.connect(self._cell_activated)
        self.matrix_view.activated.connect(self._cell_activated)
        self.matrix_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.matrix_view.customContextMenuRequested.connect(self._cell_menu)
        self.matrix_view.selectionModel().currentChanged.connect(lambda _c, _p: self._show_cell())
        self.empty_label = QLabel(self.matrix_view.viewport())
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.empty_label.hide()
        self.cell_label = QLabel()
        self.cell_label.setObjectName("cellDetails")
        self.cell_label.setTextFormat(Qt.TextFormat.PlainText)
        self.cell_label.setWordWrap(True)
        matrix_page = QWidget()
        matrix_layout = QVBoxLayout(matrix_page)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.addWidget(self.matrix_view, 1)
        matrix_layout.addWidget(self.cell_label)
        return matrix_page

    def _fit_item_columns(self) -> None:
        """Item columns as wide as the widest line of their headings (a wrapped title is short)."""
        model, header = self.matrix_model, self.matrix_view.horizontalHeader()
        metrics = header.fontMetrics()
        lines = {
            line
            for c in range(FIRST_ITEM_COLUMN, model.columnCount())
            for line in str(model.headerData(c, Qt.Orientation.Horizontal) or "").split("\n")
        }
        widest = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        widest = min(widest, metrics.horizontalAdvance("n" * (TITLE_CHARS + 4)))  # a long word
        header.setDefaultSectionSize(max(widest, metrics.horizontalAdvance("TR-ISO-04")) + 14)

    def _make_due_page(self) -> QWidget:
        """What falls due, with its print and export buttons."""
        self.due_view = self._table(self.due_proxy, "dueTable", "Training due")
        self.due_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.due_view.setSortingEnabled(True)
        self.due_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.due_view.doubleClicked.connect(self._due_activated)
        self.due_missing = QCheckBox("Include training &never done")
        self.due_missing.setToolTip("Also list required training that was never recorded.")
        self.due_missing.toggled.connect(lambda _on: self._load_due())
        due_page = QWidget()
        due_layout = QVBoxLayout(due_page)
        due_layout.setContentsMargins(0, 4, 0, 0)
        due_bar = QHBoxLayout()
        due_bar.addWidget(self.due_missing)
        due_bar.addStretch(1)
        for action in (self.print_due_action, self.export_due_action):
            button = QPushButton(action.iconText())
            button.clicked.connect(action.trigger)
            due_bar.addWidget(button)
        due_layout.addLayout(due_bar)
        due_layout.addWidget(self.due_view, 1)
        return due_page

    def _make_items_page(self) -> QWidget:
        """The training items, with their buttons."""
        self.items_view = self._table(self.items_proxy, "itemsTable", "Training items")
        self.items_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items_view.setSortingEnabled(True)
        self.items_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.items_view.doubleClicked.connect(lambda _i: self.edit_item())
        self.items_view.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self.update_actions()
        )
        items_page = QWidget()
        items_layout = QVBoxLayout(items_page)
        items_layout.setContentsMargins(0, 4, 0, 0)
        items_bar = QHBoxLayout()
        for action in (
            self.new_item_action,
            self.edit_item_action,
            self.archive_item_action,
            self.delete_item_action,
            self.catalogue_action,
        ):
            button = QPushButton(action.iconText())
            button.clicked.connect(action.trigger)
            action.changed.connect(lambda b=button, a=action: b.setEnabled(a.isEnabled()))
            items_bar.addWidget(button)
        items_bar.addStretch(1)
        items_layout.addLayout(items_bar)
        items_layout.addWidget(self.items_view, 1)
        return items_page
