"""The training tab (ISO 9001:2015 clauses 7.2 and 7.3): people, the matrix, the due list, items.

The matrix is worked out by the core in one pass when the tab loads or after a change; the filters
narrow it in memory. Every change goes through the core's services in one write transaction with
the user's name for the change history. The tab is built in layers, in
:mod:`qmsdesk.gui.training` (what it holds, how it shows the register, its files, its changes,
its actions, its panes); this module puts them together.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.models.training_lists import DueListModel, ItemsListModel, PeopleListModel
from qmsdesk.gui.models.training_matrix_model import TrainingMatrixModel
from qmsdesk.gui.settings import Settings
from qmsdesk.gui.training.base import SortProxy
from qmsdesk.gui.training.panes import TrainingPanes


class TrainingTab(TrainingPanes):
    """The training matrix register."""

    tab_title = "Training"
    menu_title = "T&raining"
    report_key = "training-matrix"
    report_file_name = "Training matrix"
    export_key = "training"
    export_file_name = "Training matrix"

    layout_key = "training"

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)  # makes the declared actions
        self.full = None
        self.shown = None
        self._people = []
        self._items = []
        self._records = []
        self._last_job = None  # the latest report or export, kept alive while it runs

        self.matrix_model = TrainingMatrixModel(self)
        self.people_model = PeopleListModel(self)
        self.people_proxy = SortProxy(self)
        self.people_proxy.setSourceModel(self.people_model)
        self.due_model = DueListModel(self)
        self.due_proxy = SortProxy(self)
        self.due_proxy.setSourceModel(self.due_model)
        self.items_model = ItemsListModel(self)
        self.items_proxy = SortProxy(self)
        self.items_proxy.setSourceModel(self.items_model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.make_toolbar())
        layout.addLayout(self._make_filters())

        left = self._make_people_pane()
        matrix_page = self._make_matrix_page()
        due_page = self._make_due_page()
        items_page = self._make_items_page()

        self.pages = QTabWidget()
        self.pages.setObjectName("trainingPages")
        self.pages.addTab(matrix_page, "&Matrix")
        self.pages.addTab(due_page, "D&ue list")
        self.pages.addTab(items_page, "Training &items")
        self.pages.currentChanged.connect(lambda _i: self.update_actions())

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("trainingSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([360, 1000])
        layout.addWidget(self.splitter, 1)
        self.update_actions()

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

    def show_record(self, record_id: int, kind: str = "") -> None:
        """Show a person ("person"), a training item ("item"), or a training record ("record",
        selected under its person): the home page's lines and search everywhere."""
        if kind != "record":
            super().show_record(record_id, kind)
            return
        if self.db is None:
            return
        from qmsdesk.core.db.models_training import TrainingRecord

        with self.db.read() as session:
            record = session.get(TrainingRecord, record_id)
            person_id = record.person_id if record is not None else None
        if person_id is None:
            return
        super().show_record(person_id, "person")
        for row, r in enumerate(self._records):
            if r.id == record_id:
                self.records_table.selectRow(row)
                break
