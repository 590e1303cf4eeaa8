"""What the training tab holds, typed once for all its parts, and the helpers they share."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTableWidget,
    QTabWidget,
)

from qmsdesk.core import people, training
from qmsdesk.core.training import Matrix
from qmsdesk.gui import workers
from qmsdesk.gui.models.training_lists import DueListModel, ItemsListModel, PeopleListModel
from qmsdesk.gui.models.training_matrix_model import MatrixCellDelegate, TrainingMatrixModel
from qmsdesk.gui.register_tab import RegisterTab
from qmsdesk.gui.training.bands import BandedHeader

ALL = ""  # a filter's first entry: everything


class SortProxy(QSortFilterProxyModel):
    """Sorts by the models' sort keys (UserRole) and filters rows on every column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)


class TrainingBase(RegisterTab):
    """The training tab's state: what :class:`qmsdesk.gui.training_tab.TrainingTab` builds.

    The register tab's base gives the settings, the open file (``db``, ``read_only``), the file
    jobs, the writes and the declared actions (see :mod:`.actions`).
    """

    full: Matrix | None  # everything; the view shows it filtered
    #: True while the matrix and the people list are being kept on one person.
    _syncing: bool = False
    shown: Matrix | None
    _people: list[people.PersonRow]
    _items: list[training.ItemRow]
    _records: list[training.RecordRow]
    _last_job: workers.Job | None

    # Models.
    matrix_model: TrainingMatrixModel
    matrix_delegate: MatrixCellDelegate
    people_model: PeopleListModel
    people_proxy: SortProxy
    due_model: DueListModel
    due_proxy: SortProxy
    items_model: ItemsListModel
    items_proxy: SortProxy

    # Widgets.
    search: QLineEdit
    department_combo: QComboBox
    role_combo: QComboBox
    category_combo: QComboBox
    status_combo: QComboBox
    left_check: QCheckBox
    archived_check: QCheckBox
    compliance_label: QLabel
    people_view: QTableView
    records_title: QLabel
    records_table: QTableWidget
    left_splitter: QSplitter
    matrix_view: QTableView
    matrix_bands: BandedHeader
    empty_label: QLabel
    cell_label: QLabel
    due_view: QTableView
    due_missing: QCheckBox
    items_view: QTableView
    pages: QTabWidget
    splitter: QSplitter

    # Actions (made from TrainingActions.ACTIONS by RegisterTab.build_actions).
    record_action: QAction
    new_person_action: QAction
    edit_person_action: QAction
    delete_person_action: QAction
    requirements_action: QAction
    new_item_action: QAction
    edit_item_action: QAction
    archive_item_action: QAction
    delete_item_action: QAction
    catalogue_action: QAction
    edit_record_action: QAction
    delete_record_action: QAction
    print_person_action: QAction
    print_due_action: QAction
    export_due_action: QAction
    window_action: QAction
    history_action: QAction
