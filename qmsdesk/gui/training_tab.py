"""The training tab (ISO 9001:2015 clauses 7.2 and 7.3): people, the matrix, the due list, items.

The matrix is worked out by the core in one pass when the tab loads or after a change; the filters
narrow it in memory. Its view keeps the names (the vertical header) and the item codes (the
horizontal header) in sight while it scrolls. Every change goes through the core's services in
one write transaction with the user's name for the change history.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import documents, people, training
from qmsdesk.core.db import Database
from qmsdesk.core.errors import QmsError
from qmsdesk.core.text import fold
from qmsdesk.core.training import CellStatus, Matrix, MatrixQuery
from qmsdesk.gui import icons, workers
from qmsdesk.gui.models.training_matrix_model import (
    FIRST_ITEM_COLUMN,
    ID_ROLE,
    DueListModel,
    ItemsListModel,
    MatrixCellDelegate,
    PeopleListModel,
    TrainingMatrixModel,
)
from qmsdesk.gui.settings import Settings
from qmsdesk.gui.workers import show_problem

T = TypeVar("T")
_ALL = ""
PDF_FILTER = "PDF documents (*.pdf);;All files (*)"
EXCEL_FILTER = "Excel workbooks (*.xlsx);;All files (*)"


def _accepted(dialog: QDialog) -> bool:
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


class _SortProxy(QSortFilterProxyModel):
    """Sorts by the models' sort keys (UserRole) and filters rows on every column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)


class TrainingTab(QWidget):
    """The training matrix register."""

    tab_title = "Training"
    menu_title = "T&raining"
    report_key = "training-matrix"
    report_file_name = "Training matrix"
    export_key = "training"
    export_file_name = "Training matrix"

    changed = Signal()
    counts_changed = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.db: Database | None = None
        self.read_only = False
        self.full: Matrix | None = None  # everything; the view shows it filtered
        self.shown: Matrix | None = None
        self._people: list[people.PersonRow] = []
        self._items: list[training.ItemRow] = []
        self._records: list[training.RecordRow] = []

        self.matrix_model = TrainingMatrixModel(self)
        self.people_model = PeopleListModel(self)
        self.people_proxy = _SortProxy(self)
        self.people_proxy.setSourceModel(self.people_model)
        self.due_model = DueListModel(self)
        self.due_proxy = _SortProxy(self)
        self.due_proxy.setSourceModel(self.due_model)
        self.items_model = ItemsListModel(self)
        self.items_proxy = _SortProxy(self)
        self.items_proxy.setSourceModel(self.items_model)

        self._make_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self._make_toolbar())
        layout.addLayout(self._make_filters())

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
            ["Date", "Item", "Level", "Trainer", "Evidence", "Effectiveness"]
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
        self.records_table.currentCellChanged.connect(lambda *_a: self._update_actions())
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
            action.changed.connect(
                lambda b=button, a=action: b.setEnabled(a.isEnabled())  # type: ignore[misc]
            )
            buttons.addWidget(button)
        buttons.addStretch(1)
        records_layout.addLayout(buttons)
        left.addWidget(records_box)
        self.left_splitter = left

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
        vertical = self.matrix_view.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        horizontal = self.matrix_view.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        horizontal.setDefaultSectionSize(self.fontMetrics().horizontalAdvance("TR-ISO-04") + 16)
        horizontal.setMinimumHeight(self.fontMetrics().height() * 2 + 10)
        self._compliance_width = self.fontMetrics().horizontalAdvance("Compliance") + 24
        self.matrix_model.modelReset.connect(
            lambda: self.matrix_view.setColumnWidth(0, self._compliance_width)
        )
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

        self.items_view = self._table(self.items_proxy, "itemsTable", "Training items")
        self.items_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items_view.setSortingEnabled(True)
        self.items_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.items_view.doubleClicked.connect(lambda _i: self.edit_item())
        self.items_view.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._update_actions()
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
            action.changed.connect(
                lambda b=button, a=action: b.setEnabled(a.isEnabled())  # type: ignore[misc]
            )
            items_bar.addWidget(button)
        items_bar.addStretch(1)
        items_layout.addLayout(items_bar)
        items_layout.addWidget(self.items_view, 1)

        self.pages = QTabWidget()
        self.pages.setObjectName("trainingPages")
        self.pages.addTab(matrix_page, "&Matrix")
        self.pages.addTab(due_page, "D&ue list")
        self.pages.addTab(items_page, "Training &items")
        self.pages.currentChanged.connect(lambda _i: self._update_actions())

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("trainingSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([360, 1000])
        layout.addWidget(self.splitter, 1)
        self._update_actions()

    # --- building ------------------------------------------------------------------------------

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

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | str | None = None,
        icon: object = None,
        tip: str = "",
        short: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(icon)  # type: ignore[arg-type]
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if short:
            action.setIconText(short)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.record_action = self._action(
            "&Record training…",
            self.record_training,
            "Ctrl+Shift+T",
            icons.letter_icon("✓", "#2e7d32"),
            "Record a training session for one person or many",
            "Record training",
        )
        self.new_person_action = self._action(
            "&New person…",
            self.new_person,
            "Ctrl+Shift+N",
            icons.standard(sp.SP_FileIcon),
            "Add a person",
            "New person",
        )
        self.edit_person_action = self._action(
            "&Edit person…",
            self.edit_person,
            "F2",
            icons.standard(sp.SP_FileDialogDetailedView),
            "Change the selected person's details, roles or leaving date",
            "Edit person",
        )
        self.delete_person_action = self._action(
            "&Delete person…",
            self.delete_person,
            QKeySequence(QKeySequence.StandardKey.Delete),
            icons.standard(sp.SP_TrashIcon),
            "Delete a person entered by mistake (someone with records gets a leaving date)",
            "Delete person",
        )
        self.requirements_action = self._action(
            "&Who needs what…",
            self.edit_requirements,
            "Ctrl+Shift+W",
            icons.letter_icon("W", "#1565c0"),
            "Set the training each job role (or one person) needs, and at what level",
            "Who needs what",
        )
        self.new_item_action = self._action(
            "New training &item…",
            self.new_item,
            None,
            None,
            "Add a course or a competence",
            "New item",
        )
        self.edit_item_action = self._action(
            "Edit training i&tem…",
            self.edit_item,
            None,
            None,
            "Change the selected training item",
            "Edit item",
        )
        self.archive_item_action = self._action(
            "&Archive or restore item",
            self.toggle_archive_item,
            None,
            None,
            "Archive the selected item (it leaves the matrix, its records stay), or restore it",
            "Archive / restore",
        )
        self.delete_item_action = self._action(
            "Delete training ite&m…",
            self.delete_item,
            None,
            None,
            "Delete an item entered by mistake (an item with records can only be archived)",
            "Delete item",
        )
        self.catalogue_action = self._action(
            "Add the &starter catalogue",
            self.add_catalogue,
            None,
            None,
            "Add the ISO 9001 training items that ship with QMS Desk (awareness, principles, "
            "clauses 4 to 10, document control, internal auditor…)",
            "Add starter catalogue",
        )
        self.edit_record_action = self._action(
            "Edit training re&cord…",
            self.edit_record,
            None,
            None,
            "Correct the selected record or add its effectiveness check",
            "Edit record",
        )
        self.delete_record_action = self._action(
            "Delete training rec&ord…",
            self.delete_record,
            None,
            None,
            "Delete a record entered by mistake",
            "Delete record",
        )
        self.print_person_action = self._action(
            "Print training record of the &person…",
            self.print_person_record,
            None,
            icons.standard(sp.SP_FileDialogContentsView),
            "A PDF of the selected person's training record, for an auditor",
            "Print person's record",
        )
        self.print_due_action = self._action(
            "Print the d&ue list…",
            self.print_due,
            None,
            None,
            "A PDF of the training that has expired, expires soon or must be redone",
            "Print",
        )
        self.export_due_action = self._action(
            "E&xport the due list to Excel…",
            self.export_due,
            None,
            None,
            "The due list as an Excel workbook",
            "Export to Excel",
        )
        self.window_action = self._action(
            "Expiring-soo&n window…",
            self.set_window,
            None,
            None,
            "How many days before expiry training shows as expiring soon",
        )
        self.history_action = self._action(
            "&History of the person…",
            self.show_history,
            "Ctrl+H",
            icons.standard(sp.SP_FileDialogContentsView),
            "Every change recorded for the selected person",
        )

    def edit_actions(self) -> list[QAction]:
        return [self.new_person_action, self.edit_person_action, self.delete_person_action]

    def menu_actions(self) -> list[QAction | None]:
        return [
            self.record_action,
            self.requirements_action,
            None,
            self.new_item_action,
            self.edit_item_action,
            self.archive_item_action,
            self.delete_item_action,
            self.catalogue_action,
            None,
            self.edit_record_action,
            self.delete_record_action,
            None,
            self.print_person_action,
            self.print_due_action,
            self.export_due_action,
            None,
            self.history_action,
            self.window_action,
        ]

    def _make_toolbar(self) -> QToolBar:
        bar = QToolBar("Training actions")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(bar.iconSize() * 0.75)
        for action in (
            self.record_action,
            None,
            self.new_person_action,
            self.edit_person_action,
            self.delete_person_action,
            None,
            self.requirements_action,
            self.print_person_action,
        ):
            if action is None:
                bar.addSeparator()
            else:
                bar.addAction(action)
        return bar

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
        combo.addItem(everything, _ALL)
        combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        return combo

    # --- loading -------------------------------------------------------------------------------

    def set_database(self, db: Database | None, *, read_only: bool = False) -> None:
        self.db = db
        self.read_only = read_only
        self.reload()
        if self.selected_person() is None and self.people_proxy.rowCount():
            self.people_view.setCurrentIndex(self.people_proxy.index(0, 0))

    def reload(self, select_id: int | None = None) -> None:
        """Read everything again after a change (the selection is kept)."""
        person_id = select_id if select_id is not None else self.selected_person_id()
        if self.db is None:
            self.full = None
            self._people, self._items = [], []
        else:
            with self.db.read() as session:
                self.full = training.compute_matrix(
                    session,
                    MatrixQuery(
                        include_left=self.left_check.isChecked(),
                        include_archived=self.archived_check.isChecked(),
                    ),
                )
                self._people = people.all_people(session)
                self._items = training.all_items(session)
                departments = people.departments(session)
                roles = people.role_names(session)
                categories = training.categories(session)
            self._fill_combo(self.department_combo, departments)
            self._fill_combo(self.role_combo, roles)
            self._fill_combo(self.category_combo, categories)
        compliance = {}
        if self.full is not None:
            compliance = {
                p.id: self.full.person_compliance(r) for r, p in enumerate(self.full.people)
            }
        shown_people = [p for p in self._people if self.left_check.isChecked() or not p.has_left()]
        self.people_model.set_rows(shown_people, compliance)
        self.people_view.resizeColumnsToContents()
        self.items_model.set_rows(self._items)
        self.items_view.resizeColumnsToContents()
        self.apply_filters()
        self._load_due()
        if person_id is not None:
            self.select_person(person_id)
        self._person_selected()
        self.counts_changed.emit()

    def _fill_combo(self, combo: QComboBox, values: list[str]) -> None:
        wanted = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in values:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(combo.findData(wanted), 0))
        combo.blockSignals(False)

    def current_query(self) -> MatrixQuery:
        status = self.status_combo.currentData()
        if status == "action":
            statuses = frozenset(set(CellStatus) - {CellStatus.NOT_REQUIRED, CellStatus.VALID})
        elif status:
            statuses = frozenset({CellStatus(status)})
        else:
            statuses = frozenset()
        department = self.department_combo.currentData()
        role = self.role_combo.currentData()
        category = self.category_combo.currentData()
        wanted = None
        words = fold(self.search.text()).split()
        if words and self.full is not None:
            wanted = frozenset(
                p.id
                for p in self.full.people
                if all(w in fold(f"{p.name} {p.employee_no}") for w in words)
            )
        return MatrixQuery(
            departments=frozenset({department}) if department else frozenset(),
            roles=frozenset({role}) if role else frozenset(),
            categories=frozenset({category}) if category else frozenset(),
            statuses=statuses,
            person_ids=wanted,
        )

    def apply_filters(self) -> None:
        query = self.current_query()
        self.shown = self.full.filtered(query) if self.full is not None else None
        self.matrix_model.set_matrix(self.shown)
        self.people_proxy.setFilterFixedString(self.search.text().strip())
        self._update_empty()
        self._update_summary()
        self._show_cell()
        self._update_actions()

    def clear_filters(self) -> None:
        for combo in (self.department_combo, self.role_combo, self.category_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.status_combo.blockSignals(True)
        self.status_combo.setCurrentIndex(0)
        self.status_combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filters()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _update_empty(self) -> None:
        shown = self.shown
        if self.db is None:
            text = ""
        elif self.full is not None and not self.full.people and not self.full.items:
            text = (
                "No people and no training items yet. Add people (Edit > New person), or import "
                "them from Excel (File > Import); add training items, or the starter catalogue "
                "(Training > Add the starter catalogue)."
            )
        elif shown is not None and (not shown.people or not shown.items):
            text = "Nothing matches the filters. Edit > Clear filters shows everything."
        else:
            text = ""
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))
        self.empty_label.resize(self.matrix_view.viewport().size())

    def _update_summary(self) -> None:
        if self.shown is None:
            self.compliance_label.clear()
            return
        ok, required = self.shown.compliance()
        self.compliance_label.setText(f"Compliance {training.percent(ok, required)}")
        self.compliance_label.setToolTip(
            f"{ok} of {required} required trainings shown are valid at the required level."
        )

    def status_text(self) -> str:
        m = self.full
        if m is None:
            return ""
        totals = m.totals()
        ok, required = m.compliance()
        return (
            f"{len(m.people)} people · {len(m.items)} training items · compliance "
            f"{training.percent(ok, required)} · {totals[CellStatus.EXPIRED]} expired · "
            f"{totals[CellStatus.EXPIRING]} expiring soon · {totals[CellStatus.RETRAIN]} to "
            f"retrain after a document revision"
        )

    def _load_due(self) -> None:
        if self.full is None or self.db is None:
            self.due_model.set_rows([])
            return
        statuses = set(training.DUE_STATUSES)
        if self.due_missing.isChecked():
            statuses |= {CellStatus.MISSING, CellStatus.LEVEL_LOW}
        with self.db.read() as session:
            rows = training.due_list(session, statuses=statuses, matrix=self.full)
        self.due_model.set_rows(rows)
        self.due_view.resizeColumnsToContents()
        self.pages.setTabText(1, f"D&ue list ({len(rows)})")

    # --- selection -----------------------------------------------------------------------------

    def selected_person_id(self) -> int | None:
        if self.pages.currentIndex() == 0 and self.matrix_view.hasFocus():
            index = self.matrix_view.currentIndex()
            if index.isValid():
                return self.matrix_model.person_id(index.row())
        index = self.people_view.currentIndex()
        if not index.isValid():
            return None
        return self.people_proxy.data(index, ID_ROLE)

    def selected_person(self) -> people.PersonRow | None:
        person_id = self.selected_person_id()
        return next((p for p in self._people if p.id == person_id), None)

    def select_person(self, person_id: int) -> bool:
        for row in range(self.people_proxy.rowCount()):
            index = self.people_proxy.index(row, 0)
            if self.people_proxy.data(index, ID_ROLE) == person_id:
                self.people_view.setCurrentIndex(index)
                self.people_view.scrollTo(index)
                return True
        return False

    def selected_item(self) -> training.ItemRow | None:
        index = self.items_view.currentIndex()
        if self.pages.currentIndex() == 0:
            cell = self.matrix_view.currentIndex()
            item_id = self.matrix_model.item_id(cell.column()) if cell.isValid() else None
        elif index.isValid():
            item_id = self.items_proxy.data(index, ID_ROLE)
        else:
            item_id = None
        return next((i for i in self._items if i.id == item_id), None)

    def selected_record(self) -> training.RecordRow | None:
        row = self.records_table.currentRow()
        if 0 <= row < len(self._records):
            return self._records[row]
        return None

    def _person_selected(self) -> None:
        person = self.selected_person()
        self._records = []
        if person is not None and self.db is not None:
            with self.db.read() as session:
                self._records = training.record_rows(session, person_id=person.id)
            self.records_title.setText(f"Training records of {person.name}")
            row = self.matrix_model.row_of(person.id)
            if row is not None and not self.matrix_view.hasFocus():
                current = self.matrix_view.currentIndex()
                col = current.column() if current.isValid() else 0
                index = self.matrix_model.index(row, col)
                self.matrix_view.scrollTo(index)
                self.matrix_view.selectionModel().setCurrentIndex(
                    index, self.matrix_view.selectionModel().SelectionFlag.ClearAndSelect
                )
        else:
            self.records_title.setText("Training records")
        table = self.records_table
        table.setRowCount(len(self._records))
        for r, rec in enumerate(self._records):
            effectiveness = rec.effectiveness_outcome or rec.effectiveness_method
            if rec.effectiveness_date:
                effectiveness = f"{rec.effectiveness_date.isoformat()}: {effectiveness}"
            for c, text in enumerate(
                (
                    rec.trained_on.isoformat(),
                    f"{rec.item_code} {rec.item_title}",
                    training.level_text(rec.level),
                    rec.trainer,
                    rec.attachment_name,
                    effectiveness,
                )
            ):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        self._update_actions()

    def _show_cell(self) -> None:
        index = self.matrix_view.currentIndex()
        if not index.isValid() or self.shown is None or index.column() < FIRST_ITEM_COLUMN:
            self.cell_label.setText(
                "Colours and codes: OK valid · DUE expiring soon · EXP expired · TODO required, "
                "never done · LOW below the required level · REV the document has a newer "
                "revision. A number is the level reached. Double-click a cell to record training."
            )
            return
        self.cell_label.setText(
            self.matrix_model.cell_text(index.row(), index.column()).replace("\n", " · ")
        )
        if self.matrix_view.hasFocus():
            person_id = self.matrix_model.person_id(index.row())
            if person_id != self._list_person_id():
                self.people_view.blockSignals(True)
                self.select_person(person_id)
                self.people_view.blockSignals(False)
                self._person_selected()

    def _list_person_id(self) -> int | None:
        index = self.people_view.currentIndex()
        return self.people_proxy.data(index, ID_ROLE) if index.isValid() else None

    def _update_actions(self) -> None:
        writable = self.db is not None and not self.read_only
        person = self.selected_person() if self.db is not None else None
        item = self.selected_item() if self.db is not None else None
        record = self.selected_record()
        self.record_action.setEnabled(writable and bool(self._items))
        self.new_person_action.setEnabled(writable)
        self.edit_person_action.setEnabled(writable and person is not None)
        self.delete_person_action.setEnabled(writable and person is not None)
        self.requirements_action.setEnabled(writable and bool(self._items))
        self.new_item_action.setEnabled(writable)
        self.edit_item_action.setEnabled(writable and item is not None)
        self.archive_item_action.setEnabled(writable and item is not None)
        self.delete_item_action.setEnabled(writable and item is not None)
        self.catalogue_action.setEnabled(writable)
        self.edit_record_action.setEnabled(writable and record is not None)
        self.delete_record_action.setEnabled(writable and record is not None)
        self.print_person_action.setEnabled(person is not None)
        self.history_action.setEnabled(person is not None)
        self.print_due_action.setEnabled(self.db is not None)
        self.export_due_action.setEnabled(self.db is not None)
        self.window_action.setEnabled(writable)

    # --- writing -------------------------------------------------------------------------------

    @property
    def user(self) -> str:
        return self.settings.user_name

    def _write(self, title: str, work: Callable[[Session], T]) -> tuple[bool, T | None]:
        if self.db is None:
            return False, None
        try:
            with self.db.write() as session:
                result = work(session)
        except QmsError as exc:
            show_problem(self, title, exc)
            return False, None
        return True, result

    def _after_write(self, person_id: int | None = None) -> None:
        self.reload(person_id)
        self.changed.emit()

    def _managers(self) -> list[tuple[str, str]]:
        return [(p.employee_no, p.label()) for p in self._people if not p.has_left()]

    def _person_dialog(self, initial: people.PersonFields | None) -> Any:
        from qmsdesk.gui.dialogs.training import PersonDialog

        assert self.db is not None
        with self.db.read() as session:
            departments = people.departments(session)
            roles = people.role_names(session)
        return PersonDialog(
            self,
            initial=initial,
            departments=departments,
            roles=roles,
            managers=self._managers(),
        )

    def new_person(self) -> None:
        if self.db is None or self.read_only:
            return
        dialog = self._person_dialog(None)
        if not _accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, new_id = self._write(
            "Cannot add the person", lambda s: people.create_person(s, fields, self.user)
        )
        if ok:
            self._after_write(new_id)

    def edit_person(self) -> None:
        person = self.selected_person()
        if person is None or self.db is None or self.read_only:
            return
        dialog = self._person_dialog(person.fields())
        if not _accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self._write(
            f"Cannot change {person.name}",
            lambda s: people.update_person(s, person.id, fields, self.user),
        )
        if ok:
            self._after_write(person.id)

    def delete_person(self) -> None:
        person = self.selected_person()
        if person is None or self.db is None or self.read_only:
            return
        answer = QMessageBox.question(
            self,
            "Delete person",
            f"Delete {person.name} ({person.employee_no})?\n\nOnly someone entered by mistake "
            "should be deleted; when someone leaves, give them a leaving date instead (Edit "
            "person), so that their training records stay on file.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self._write(
            f"Cannot delete {person.name}",
            lambda s: people.delete_person(s, person.id, self.user),
        )
        if ok:
            self._after_write()

    def _item_dialog(self, initial: training.ItemFields | None) -> Any:
        from qmsdesk.gui.dialogs.training import TrainingItemDialog

        assert self.db is not None
        with self.db.read() as session:
            categories = training.categories(session)
            docs = [(r.code, r.title) for r in documents.all_rows(session)]
        return TrainingItemDialog(self, initial=initial, categories=categories, documents=docs)

    def new_item(self) -> None:
        if self.db is None or self.read_only:
            return
        dialog = self._item_dialog(None)
        if not _accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self._write(
            "Cannot add the training item", lambda s: training.create_item(s, fields, self.user)
        )
        if ok:
            self._after_write()

    def edit_item(self) -> None:
        item = self.selected_item()
        if item is None or self.db is None or self.read_only:
            return
        dialog = self._item_dialog(item.fields())
        if not _accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self._write(
            f"Cannot change {item.code}",
            lambda s: training.update_item(s, item.id, fields, self.user),
        )
        if ok:
            self._after_write()

    def toggle_archive_item(self) -> None:
        item = self.selected_item()
        if item is None or self.db is None or self.read_only:
            return
        ok, _ = self._write(
            f"Cannot archive {item.code}",
            lambda s: training.set_archived(s, item.id, not item.archived, self.user),
        )
        if ok:
            self._after_write()

    def delete_item(self) -> None:
        item = self.selected_item()
        if item is None or self.db is None or self.read_only:
            return
        answer = QMessageBox.question(
            self,
            "Delete training item",
            f"Delete {item.code} “{item.title}”?\n\nAn item with training records cannot be "
            "deleted: archive it instead, so that its records stay on file.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self._write(
            f"Cannot delete {item.code}", lambda s: training.delete_item(s, item.id, self.user)
        )
        if ok:
            self._after_write()

    def add_catalogue(self) -> None:
        if self.db is None or self.read_only:
            return
        ok, added = self._write(
            "Cannot add the starter catalogue", lambda s: training.add_catalogue(s, self.user)
        )
        if ok:
            self._after_write()
            count = len(added or [])
            QMessageBox.information(
                self,
                "Starter catalogue",
                f"{count} training items were added."
                if count
                else "Every item of the starter catalogue is there already.",
            )

    def edit_requirements(self, initial: tuple[str, int] | None = None) -> None:
        if self.db is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.training import TrainingRequirementsDialog

        with self.db.read() as session:
            roles = people.all_roles(session)
        whos: list[tuple[tuple[str, int], str]] = [
            (("role", r.id), f"Job role: {r.name}") for r in roles
        ]
        whos += [
            (("person", p.id), f"Person: {p.name} ({p.employee_no})")
            for p in self._people
            if not p.has_left()
        ]
        if not whos:
            QMessageBox.information(
                self, "Who needs what", "Add people with their job roles first."
            )
            return
        db = self.db

        def levels_of(who: tuple[str, int]) -> dict[int, int]:
            with db.read() as session:
                if who[0] == "role":
                    return training.requirements_of_role(session, who[1])
                return {
                    r.item_id: r.required_level
                    for r in training.all_requirements(session)
                    if r.person_id == who[1]
                }

        person = self.selected_person()
        start = initial or (("person", person.id) if person is not None and not roles else None)
        dialog = TrainingRequirementsDialog(
            self,
            whos=whos,
            items=[i for i in self._items if not i.archived],
            levels_of=levels_of,
            initial=start,
        )
        if not _accepted(dialog):
            return
        changes = dialog.changes()

        def work(s: Session) -> None:
            for (kind, who_id), levels in changes.items():
                for item_id, level in levels.items():
                    if kind == "role":
                        training.set_role_requirement(s, who_id, item_id, level, self.user)
                    else:
                        training.set_person_requirement(s, who_id, item_id, level, self.user)

        ok, _ = self._write("Cannot save who needs what", work)
        if ok:
            self._after_write()

    def record_training(
        self, person_ids: list[int] | None = None, item_id: int | None = None
    ) -> None:
        if self.db is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.training import TrainingRecordDialog

        if person_ids is None:
            person = self.selected_person()
            person_ids = [person.id] if person is not None else []
        if item_id is None:
            item = self.selected_item()
            item_id = item.id if item is not None else None
        dialog = TrainingRecordDialog(
            self,
            items=[i for i in self._items if not i.archived],
            persons=[p for p in self._people if not p.has_left()],
            item_id=item_id,
            person_ids=person_ids,
        )
        if not _accepted(dialog):
            return
        chosen_item = dialog.item()
        assert chosen_item is not None
        attendees = dialog.person_ids()
        fields = dialog.result_fields()
        evidence = dialog.evidence()
        db = self.db
        ok, _ = self._write(
            "Cannot record the training",
            lambda s: training.record_training(
                s,
                attendees,
                chosen_item.id,
                fields,
                self.user,
                evidence=evidence,
                attachments_dir=db.attachments_dir,
            ),
        )
        if ok:
            self._after_write(attendees[0] if len(attendees) == 1 else None)

    def edit_record(self) -> None:
        rec = self.selected_record()
        if rec is None or self.db is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.training import TrainingRecordDialog

        person = next((p for p in self._people if p.id == rec.person_id), None)
        items = [i for i in self._items if i.id == rec.item_id]
        dialog = TrainingRecordDialog(
            self,
            items=items,
            persons=[person] if person else [],
            item_id=rec.item_id,
            person_ids=[rec.person_id],
            initial=rec.fields(),
            editing=True,
        )
        if not _accepted(dialog):
            return
        fields = dialog.result_fields()
        evidence = dialog.evidence()
        db = self.db
        ok, _ = self._write(
            "Cannot change the record",
            lambda s: training.update_record(
                s, rec.id, fields, self.user, evidence=evidence, attachments_dir=db.attachments_dir
            ),
        )
        if ok:
            self._after_write(rec.person_id)

    def delete_record(self) -> None:
        rec = self.selected_record()
        if rec is None or self.db is None or self.read_only:
            return
        answer = QMessageBox.question(
            self,
            "Delete training record",
            f"Delete the record of {rec.person_name} trained in {rec.item_code} on "
            f"{rec.trained_on.isoformat()}?\n\nOnly a record entered by mistake should be "
            "deleted; the change history keeps what it said.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self._write(
            "Cannot delete the record", lambda s: training.delete_record(s, rec.id, self.user)
        )
        if ok:
            self._after_write(rec.person_id)

    def set_window(self) -> None:
        if self.db is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.training import ask_days

        with self.db.read() as session:
            current = training.expiring_window(session)
        days = ask_days(self, current)
        if days is None or days == current:
            return
        ok, _ = self._write(
            "Cannot change the window", lambda s: training.set_expiring_window(s, days)
        )
        if ok:
            self._after_write()

    def show_history(self) -> None:
        person = self.selected_person()
        if person is None or self.db is None:
            return
        from qmsdesk.gui import dialogs

        with self.db.read() as session:
            rows = people.history_of(session, person.id)
        dialog = dialogs.HistoryDialog(self, title=f"History of {person.name}", rows=rows)
        dialog.exec()
        dialog.deleteLater()

    # --- the matrix ----------------------------------------------------------------------------

    def _cell_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        item_id = self.matrix_model.item_id(index.column())
        person_id = self.matrix_model.person_id(index.row())
        if item_id is None:
            self.select_person(person_id)
            self.edit_person()
            return
        self.record_training([person_id], item_id)

    def _due_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        person_id, item_id = self.due_proxy.data(index, ID_ROLE)
        self.record_training([person_id], item_id)

    def _cell_menu(self, point: QPoint) -> None:
        index = self.matrix_view.indexAt(point)
        if not index.isValid():
            return
        self.matrix_view.setCurrentIndex(index)
        person_id = self.matrix_model.person_id(index.row())
        item_id = self.matrix_model.item_id(index.column())
        self.select_person(person_id)
        menu = QMenu(self)
        if item_id is not None:
            record = menu.addAction("Record training…")
            record.triggered.connect(lambda: self.record_training([person_id], item_id))
            needs = menu.addAction("Who needs what, for this person…")
            needs.triggered.connect(lambda: self.edit_requirements(("person", person_id)))
        edit = menu.addAction("Edit person…")
        edit.triggered.connect(self.edit_person)
        menu.addAction(self.print_person_action)
        menu.popup(self.matrix_view.viewport().mapToGlobal(point))

    # --- reports -------------------------------------------------------------------------------

    def _ask_save(self, title: str, suggested: str, file_filter: str, suffix: str) -> Path | None:
        start = self.settings.last_folder / suggested
        name, _ = QFileDialog.getSaveFileName(self, title, str(start), file_filter)
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.settings.last_folder = path.parent
        return path

    def _report(self, key: str, suggested: str, **params: str) -> None:
        db = self.db
        if db is None:
            return
        from qmsdesk.core.exchange import registry

        target = self._ask_save("Print report to PDF", suggested, PDF_FILTER, ".pdf")
        if target is None:
            return
        entry = registry.REPORTS[key]

        def done(_result: object) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
                QMessageBox.information(
                    self, "Report written", f"The report is in {target}. No PDF viewer started."
                )

        job = workers.run_job(
            self,
            lambda progress: entry.write(db, target, progress=progress, **params),
            label=f"Writing {target.name}…",
            on_done=done,
            on_error=lambda exc, details: show_problem(
                self, "The report was not written", exc, details
            ),
        )
        self._last_job = job

    def print_person_record(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        self._report(
            "training-record",
            f"Training record {person.name} {person.employee_no}.pdf".replace("/", "-"),
            person=person.employee_no,
        )

    def print_due(self) -> None:
        extra = {"missing": "yes"} if self.due_missing.isChecked() else {}
        self._report("training-due", "Training due.pdf", **extra)

    def export_due(self) -> None:
        db = self.db
        if db is None:
            return
        from qmsdesk.core.exchange import training_xlsx

        target = self._ask_save("Export the due list", "Training due.xlsx", EXCEL_FILTER, ".xlsx")
        if target is None:
            return
        missing = self.due_missing.isChecked()
        job = workers.run_job(
            self,
            lambda progress: training_xlsx.export_due(
                db, target, progress=progress, missing=missing
            ),
            label=f"Writing {target.name}…",
            on_done=lambda rows: (
                self.window()
                .statusBar()
                .showMessage(  # type: ignore[attr-defined]
                    f"Wrote {rows} rows to {target}.", 30_000
                )
                if hasattr(self.window(), "statusBar")
                else None
            ),
            on_error=lambda exc, details: show_problem(
                self, "The workbook was not written", exc, details
            ),
        )
        self._last_job = job

    # --- layout --------------------------------------------------------------------------------

    def save_layout(self, settings: Settings) -> None:
        settings.set_state("training/splitter", self.splitter.saveState())
        settings.set_state("training/peopleSplitter", self.left_splitter.saveState())
        settings.set_state("training/people", self.people_view.horizontalHeader().saveState())

    def restore_layout(self, settings: Settings) -> None:
        for key, target in (
            ("training/splitter", self.splitter),
            ("training/peopleSplitter", self.left_splitter),
        ):
            state = settings.state(key)
            if state is not None:
                target.restoreState(state)
        header = settings.state("training/people")
        if header is not None:
            self.people_view.horizontalHeader().restoreState(header)
