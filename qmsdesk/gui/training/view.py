"""Loading the training tab, its filters, its selection and which actions are enabled."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QTableWidgetItem

from qmsdesk.core import people, training
from qmsdesk.core.dates import format_day
from qmsdesk.core.text import fold
from qmsdesk.core.training import CellStatus, MatrixQuery
from qmsdesk.gui.models.training_matrix_model import FIRST_ITEM_COLUMN, ID_ROLE
from qmsdesk.gui.training.base import TrainingBase


class TrainingView(TrainingBase):
    """The tab as it shows the register: read, filtered, selected."""

    def database_changed(self) -> None:
        """A file was opened (or closed): read it, select the first person."""
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
        self.update_actions()

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

    def show_record(self, record_id: int, kind: str = "") -> None:
        """Show a person (kind "person") or a training item ("item") with the filters cleared
        (search everywhere, the home page)."""
        self.clear_filters()
        if kind != "item":
            self.reload(select_id=record_id)
            return
        self.reload()
        page = self.items_view.parentWidget()
        while page is not None and self.pages.indexOf(page) < 0:
            page = page.parentWidget()
        if page is not None:
            self.pages.setCurrentWidget(page)
        for row in range(self.items_proxy.rowCount()):
            index = self.items_proxy.index(row, 0)
            if self.items_proxy.data(index, ID_ROLE) == record_id:
                self.items_view.setCurrentIndex(index)
                self.items_view.scrollTo(index)
                return

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
            current = self.matrix_view.currentIndex()
            on_row = current.isValid() and current.row() == row
            if row is not None and not on_row and not self._syncing:
                col = current.column() if current.isValid() else 0
                index = self.matrix_model.index(row, col)
                self.matrix_view.scrollTo(index)
                self._syncing = True  # the matrix follows the list, not the other way round
                try:
                    self.matrix_view.selectionModel().setCurrentIndex(
                        index, self.matrix_view.selectionModel().SelectionFlag.ClearAndSelect
                    )
                finally:
                    self._syncing = False
        else:
            self.records_title.setText("Training records")
        table = self.records_table
        table.setRowCount(len(self._records))
        for r, rec in enumerate(self._records):
            effectiveness = rec.effectiveness_outcome or rec.effectiveness_method
            if rec.effectiveness_date:
                effectiveness = f"{format_day(rec.effectiveness_date)}: {effectiveness}"
            for c, text in enumerate(
                (
                    format_day(rec.trained_on),
                    f"{rec.item_code} {rec.item_title}",
                    training.level_text(rec.level),
                    rec.trainer,
                    rec.attachment_name,
                    effectiveness,
                )
            ):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        self.update_actions()

    def _show_cell(self) -> None:
        index = self.matrix_view.currentIndex()
        if index.isValid() and self.shown is not None and not self._syncing:
            # The people list and the records pane follow the person of the selected cell.
            person_id = self.matrix_model.person_id(index.row())
            if person_id != self._list_person_id():
                self._syncing = True
                try:
                    self.select_person(person_id)
                finally:
                    self._syncing = False
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

    def _list_person_id(self) -> int | None:
        index = self.people_view.currentIndex()
        return self.people_proxy.data(index, ID_ROLE) if index.isValid() else None

    def update_actions(self) -> None:
        person = self.selected_person() if self.db is not None else None
        item = self.selected_item() if self.db is not None else None
        record = self.selected_record()
        self.enable(self.record_action, bool(self._items))
        self.enable(self.new_person_action)
        self.enable(self.edit_person_action, person is not None)
        self.enable(self.delete_person_action, person is not None)
        self.enable(self.requirements_action, bool(self._items))
        self.enable(self.new_item_action)
        self.enable(self.edit_item_action, item is not None)
        self.enable(self.archive_item_action, item is not None)
        self.enable(self.delete_item_action, item is not None)
        self.enable(self.catalogue_action)
        self.enable(self.edit_record_action, record is not None)
        self.enable(self.delete_record_action, record is not None)
        # Reading actions (ActionSpec.writes False): also on a file open read-only.
        self.enable(self.print_person_action, person is not None)
        self.enable(self.history_action, person is not None)
        self.enable(self.print_due_action, self.db is not None)
        self.enable(self.export_due_action, self.db is not None)
        self.enable(self.window_action)
