"""The training tab: the matrix model, filters, recording from a cell, dialogs, refusals,
reports."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QDialog, QFileDialog, QLabel

from qmsdesk.core import people, training
from qmsdesk.core.db import Database
from qmsdesk.core.training import CellStatus, ItemFields, RecordFields
from qmsdesk.gui import workers
from qmsdesk.gui.dialogs import training as training_dialogs
from qmsdesk.gui.dialogs import training_record as record_dialogs
from qmsdesk.gui.models.training_lists import DueListModel, ItemsListModel, PeopleListModel
from qmsdesk.gui.models.training_matrix_model import (
    FIRST_ITEM_COLUMN,
    STATUS_ROLE,
    TrainingMatrixModel,
)
from qmsdesk.gui.settings import Settings
from qmsdesk.gui.training_tab import TrainingTab
from tests.gui import Messages, main_window, messages, settings

__all__ = ["main_window", "messages", "settings"]  # fixtures

USER = "Quality Lead Test"


@pytest.fixture
def tab(qtbot: Any, demo_db: Database, settings: Settings) -> TrainingTab:
    settings.user_name = USER
    widget = TrainingTab(settings)
    qtbot.addWidget(widget)
    widget.set_database(demo_db)
    return widget


def accepting(cls: type[QDialog], fill: Callable[[Any], None]) -> type[QDialog]:
    """The real dialog, filled in by `fill` and confirmed as a user would (OK runs its checks)."""

    class Filled(cls):  # type: ignore[valid-type,misc]
        made: ClassVar[list[Any]] = []

        def exec(self) -> int:
            type(self).made.append(self)
            fill(self)
            self.accept()
            return self.result()

    return Filled


def cell_of(tab: TrainingTab, name: str, code: str) -> QModelIndex:
    model = tab.matrix_model
    m = model.matrix
    assert m is not None
    row = next(r for r, p in enumerate(m.people) if p.name == name)
    col = next(c for c, i in enumerate(m.items) if i.code == code)
    return model.index(row, col + FIRST_ITEM_COLUMN)


def status(tab: TrainingTab, name: str, code: str) -> CellStatus:
    return CellStatus(tab.matrix_model.data(cell_of(tab, name, code), STATUS_ROLE))


def person_id(db: Database, number: str) -> int:
    with db.read() as s:
        found = people.id_for_employee_no(s, number)
    assert found is not None
    return found


# --- the models ------------------------------------------------------------------------------


def test_the_models_pass_the_model_tester(qtmodeltester: Any, demo_db: Database) -> None:
    with demo_db.read() as s:
        matrix = training.compute_matrix(s)
        due = training.due_list(s, statuses=set(CellStatus) - {CellStatus.NOT_REQUIRED})
        everyone = people.all_people(s)
        items = training.all_items(s)
    grid = TrainingMatrixModel()
    grid.set_matrix(matrix)
    qtmodeltester.check(grid)
    due_model = DueListModel()
    due_model.set_rows(due)
    qtmodeltester.check(due_model)
    people_model = PeopleListModel()
    people_model.set_rows(everyone, {})
    qtmodeltester.check(people_model)
    items_model = ItemsListModel()
    items_model.set_rows(items)
    qtmodeltester.check(items_model)
    grid.set_matrix(None)
    assert grid.rowCount() == 0


def test_every_cell_has_a_code_as_well_as_a_colour(tab: TrainingTab) -> None:
    model = tab.matrix_model
    # 25 people; the company's 9 items, the 22 of the starter catalogue, and the quality
    # policy's "read and understood" item of the context demo.
    items = 9 + len(training.catalogue()) + 1
    assert items == 32
    assert model.rowCount() == 25 and model.columnCount() == items + FIRST_ITEM_COLUMN
    assert model.headerData(0, Qt.Orientation.Vertical) == tab.shown.people[0].name  # type: ignore[union-attr]
    header = model.headerData(FIRST_ITEM_COLUMN, Qt.Orientation.Horizontal)
    assert header.split("\n")[1].endswith("%")  # the item's compliance under its code
    for row in range(model.rowCount()):
        for col in range(FIRST_ITEM_COLUMN, model.columnCount()):
            index = model.index(row, col)
            value = CellStatus(model.data(index, STATUS_ROLE))
            text = model.data(index)
            if value == CellStatus.NOT_REQUIRED:
                assert model.data(index, Qt.ItemDataRole.BackgroundRole) is None
                continue
            assert text.split()[0] == training.STATUS_CODES[value]
            brush = model.data(index, Qt.ItemDataRole.BackgroundRole)
            assert brush.color().name() == f"#{training.STATUS_COLOURS[value][0].lower()}"
    index = cell_of(tab, "Priya Raman", "RU-WI-QC-02")
    assert model.data(index) == "REV"
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "WI-QC-02 is now at revision C" in tip and "Read revision B" in tip
    assert model.data(cell_of(tab, "Dmitri Volkov", "SK-CNC")) == "LOW 2"
    assert model.data(model.index(0, 0)).endswith("%")  # compliance per person
    assert "Compliance" in tab.compliance_label.text()
    assert "expired" in tab.status_text() and "25 people" in tab.status_text()


def test_the_names_column_and_the_header_stay_in_view(tab: TrainingTab) -> None:
    """The names are the vertical header and the codes the horizontal one: neither scrolls."""
    view = tab.matrix_view
    tab.resize(700, 400)
    tab.show()
    header_at = view.verticalHeader().geometry().left()
    top_at = view.horizontalHeader().geometry().top()
    view.scrollTo(view.model().index(24, view.model().columnCount() - 1))
    assert view.horizontalScrollBar().value() > 0 and view.verticalScrollBar().value() > 0
    assert view.verticalHeader().isVisible() and view.horizontalHeader().isVisible()
    assert view.verticalHeader().geometry().left() == header_at
    assert view.horizontalHeader().geometry().top() == top_at
    first_visible = view.verticalHeader().logicalIndexAt(0)
    assert view.model().headerData(first_visible, Qt.Orientation.Vertical)  # a name


def test_filters_by_department_role_category_status_and_name(tab: TrainingTab) -> None:
    def names() -> list[str]:
        return [p.name for p in tab.shown.people]  # type: ignore[union-attr]

    tab.department_combo.setCurrentIndex(tab.department_combo.findData("Quality"))
    assert sorted(names()) == ["Priya Raman", "Tomás Ó Briain", "Łukasz Żółć"]
    tab.clear_filters()
    tab.role_combo.setCurrentIndex(tab.role_combo.findData("CNC Machinist"))
    assert sorted(names()) == ["Dmitri Volkov", "Kevin Marsh", "Sofia Almeida"]
    tab.clear_filters()
    tab.category_combo.setCurrentIndex(tab.category_combo.findData("Read and understood"))
    assert {i.category for i in tab.shown.items} == {"Read and understood"}  # type: ignore[union-attr]
    tab.clear_filters()
    tab.status_combo.setCurrentIndex(tab.status_combo.findData(CellStatus.EXPIRED))
    shown = tab.shown
    assert shown is not None and shown.people
    for r in range(len(shown.people)):
        assert CellStatus.EXPIRED in shown.status[r]
    tab.clear_filters()
    tab.search.setText("priya")
    assert names() == ["Priya Raman"]
    assert tab.people_proxy.rowCount() == 1
    tab.clear_filters()
    assert len(names()) == 25


def test_people_who_left_are_hidden_until_asked_for(tab: TrainingTab) -> None:
    assert "Paul Ashby" not in [p.name for p in tab.shown.people]  # type: ignore[union-attr]
    assert tab.people_model.rowCount() == 25
    tab.left_check.setChecked(True)
    assert "Paul Ashby" in [p.name for p in tab.shown.people]  # type: ignore[union-attr]
    assert tab.people_model.rowCount() == 26


# --- recording -------------------------------------------------------------------------------


def test_a_double_click_on_a_cell_records_training_for_it(
    qtbot: Any, tab: TrainingTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert status(tab, "Priya Raman", "TR-IA") == CellStatus.EXPIRED

    def fill(dialog: Any) -> None:
        assert dialog.person_ids() == [person_id(demo_db, "KPC-003")]
        assert dialog.item().code == "TR-IA"
        dialog.ui.levelCombo.setCurrentIndex(dialog.ui.levelCombo.findData(3))
        dialog.ui.trainerEdit.setText("Midlands Quality Training")
        dialog.ui.hoursSpin.setValue(16)

    recorder = accepting(record_dialogs.TrainingRecordDialog, fill)
    monkeypatch.setattr(record_dialogs, "TrainingRecordDialog", recorder)
    tab.resize(1200, 800)
    tab.show()
    qtbot.waitExposed(tab)
    index = cell_of(tab, "Priya Raman", "TR-IA")
    view = tab.matrix_view
    view.scrollTo(index)
    assert view.visualRect(index).isValid()
    spot = view.visualRect(index).center()
    # A view acts on a double-click only on the cell it saw pressed, as a real click does.
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert recorder.made, "the double-click opened no dialog"
    assert status(tab, "Priya Raman", "TR-IA") == CellStatus.VALID
    with demo_db.read() as s:
        latest = training.record_rows(s, person_id=person_id(demo_db, "KPC-003"))[0]
    assert (latest.item_code, latest.level, latest.trainer, latest.hours) == (
        "TR-IA",
        3,
        "Midlands Quality Training",
        16.0,
    )


def test_one_session_for_many_attendees_with_evidence(
    tab: TrainingTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    sheet = tmp_path / "signed sheet.pdf"
    sheet.write_bytes(b"%PDF-1.4 attendance")
    readers = [person_id(demo_db, n) for n in ("KPC-003", "KPC-004", "KPC-007")]

    def fill(dialog: Any) -> None:
        dialog.ui.itemCombo.setCurrentIndex(
            next(
                i
                for i in range(dialog.ui.itemCombo.count())
                if dialog.ui.itemCombo.itemText(i).startswith("RU-WI-QC-02")
            )
        )
        dialog.set_attendees(readers)
        monkeypatch.setattr(dialog, "_choose_file", lambda: sheet)
        dialog.ui.chooseFileButton.click()
        dialog.ui.methodCombo.setCurrentText("Observed at work")

    monkeypatch.setattr(
        record_dialogs,
        "TrainingRecordDialog",
        accepting(record_dialogs.TrainingRecordDialog, fill),
    )
    tab.record_training([], None)
    for name in ("Priya Raman", "Tomás Ó Briain", "Kevin Marsh"):
        assert status(tab, name, "RU-WI-QC-02") == CellStatus.VALID
    assert status(tab, "Sofia Almeida", "RU-WI-QC-02") == CellStatus.RETRAIN
    with demo_db.read() as s:
        rows = [r for r in training.record_rows(s) if r.attachment_name == "signed sheet.pdf"]
    assert len(rows) == 3
    assert {r.document_revision for r in rows} == {"C"}
    assert rows[0].attachment_sha256 == hashlib.sha256(sheet.read_bytes()).hexdigest()
    assert {r.effectiveness_method for r in rows} == {"Observed at work"}


def test_the_record_dialog_refuses_a_date_in_the_future(qtbot: Any, demo_db: Database) -> None:
    with demo_db.read() as s:
        items = training.all_items(s)
        everyone = people.all_people(s)
    dialog = record_dialogs.TrainingRecordDialog(
        None, items=items, persons=everyone, item_id=items[0].id, person_ids=[everyone[0].id]
    )
    qtbot.addWidget(dialog)
    dialog.ui.dateEdit.setDate(dialog.ui.dateEdit.date().addDays(3))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "in the future" in dialog.ui.problemsLabel.text()
    dialog.set_attendees([])
    assert not dialog.ui.buttonBox.buttons()[0].isEnabled() or not dialog.person_ids()


def test_a_new_person_and_what_their_role_needs(
    tab: TrainingTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill_person(dialog: Any) -> None:
        dialog.ui.employeeNoEdit.setText("KPC-100")
        dialog.ui.nameEdit.setText("Zofia Kowalczyk")
        dialog.ui.departmentCombo.setCurrentText("Quality")
        dialog.ui.newRoleEdit.setText("Metrology Technician")
        dialog.ui.addRoleButton.click()

    monkeypatch.setattr(
        training_dialogs, "PersonDialog", accepting(training_dialogs.PersonDialog, fill_person)
    )
    tab.new_person()
    with demo_db.read() as s:
        zofia = people.get_person(s, person_id(demo_db, "KPC-100"))
        cmm = training.ids_by_item_code(s)["sk-cmm"]
        role_id = people.ids_by_role(s)["metrology technician"]
    assert (zofia.name, zofia.roles, zofia.department) == (
        "Zofia Kowalczyk",
        ("Metrology Technician",),
        "Quality",
    )
    assert tab.selected_person() is not None and tab.selected_person().name == "Zofia Kowalczyk"  # type: ignore[union-attr]

    def fill_needs(dialog: Any) -> None:
        dialog.choose_who(("role", role_id))
        assert dialog.current_who() == ("role", role_id)
        dialog.set_level(cmm, 3)

    monkeypatch.setattr(
        training_dialogs,
        "TrainingRequirementsDialog",
        accepting(training_dialogs.TrainingRequirementsDialog, fill_needs),
    )
    tab.edit_requirements()
    assert status(tab, "Zofia Kowalczyk", "SK-CMM") == CellStatus.MISSING
    with demo_db.read() as s:
        assert training.requirements_of_role(s, role_id) == {cmm: 3}


def test_deleting_a_person_or_an_item_with_records_is_refused(
    tab: TrainingTab, demo_db: Database, messages: Messages
) -> None:
    pid = person_id(demo_db, "KPC-003")
    assert tab.select_person(pid)
    tab.delete_person()
    assert any("leaving date instead" in t for t in messages.texts("warning"))
    tab.pages.setCurrentIndex(2)
    view = tab.items_view
    row = next(
        r
        for r in range(tab.items_proxy.rowCount())
        if tab.items_proxy.index(r, 0).data() == "TR-IA"
    )
    view.setCurrentIndex(tab.items_proxy.index(row, 0))
    assert tab.selected_item() is not None and tab.selected_item().code == "TR-IA"  # type: ignore[union-attr]
    tab.delete_item()
    assert any("archive it instead" in t for t in messages.texts("warning"))
    with demo_db.read() as s:
        assert people.get_person(s, pid).name == "Priya Raman"
        assert "TR-IA" in [i.code for i in training.all_items(s)]
    tab.toggle_archive_item()
    assert "TR-IA" not in [i.code for i in tab.shown.items]  # type: ignore[union-attr]


def test_the_due_list_and_editing_a_record(
    tab: TrainingTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    due = tab.due_model.rows
    assert {d.status for d in due} == set(training.DUE_STATUSES)
    tab.due_missing.setChecked(True)
    assert CellStatus.MISSING in {d.status for d in tab.due_model.rows}
    assert tab.pages.tabText(1).startswith("D&ue list (")
    # Add the effectiveness check of a record already on file.
    assert tab.select_person(person_id(demo_db, "KPC-003"))
    assert tab._records
    tab.records_table.selectRow(0)
    record = tab.selected_record()
    assert record is not None

    def fill(dialog: Any) -> None:
        assert not dialog.ui.attendeesList.isEnabled()
        dialog.ui.methodCombo.setCurrentText("Test of knowledge")
        dialog.checked.set_value(dt.date.today())
        dialog.ui.outcomeEdit.setPlainText("Effective")

    monkeypatch.setattr(
        record_dialogs,
        "TrainingRecordDialog",
        accepting(record_dialogs.TrainingRecordDialog, fill),
    )
    tab.edit_record()
    with demo_db.read() as s:
        changed = training.get_record(s, record.id)
    assert (changed.effectiveness_method, changed.effectiveness_outcome) == (
        "Test of knowledge",
        "Effective",
    )
    assert changed.trained_on == record.trained_on and changed.level == record.level


def test_the_dialogs_have_unique_mnemonics_and_labelled_fields(
    qtbot: Any, demo_db: Database
) -> None:
    with demo_db.read() as s:
        items = training.all_items(s)
        everyone = people.all_people(s)
    dialogs = [
        training_dialogs.PersonDialog(
            None, initial=None, departments=["Quality"], roles=["Buyer"], managers=[]
        ),
        training_dialogs.TrainingItemDialog(
            None, initial=ItemFields("A", "B"), categories=[], documents=[("QP-1", "X")]
        ),
        training_dialogs.TrainingRequirementsDialog(
            None, whos=[(("role", 1), "Job role: Buyer")], items=items, levels_of=lambda _w: {}
        ),
        record_dialogs.TrainingRecordDialog(
            None, items=items, persons=everyone, initial=RecordFields(dt.date(2026, 1, 5))
        ),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        seen: dict[str, str] = {}
        texts = []
        for label in dialog.findChildren(QLabel):
            if "&" in label.text().replace("&&", ""):
                assert label.buddy() is not None, f"{label.objectName()} has no buddy"
                texts.append(label.text())
        texts += [b.text() for b in dialog.findChildren(QAbstractButton)]
        for text in texts:
            plain = text.replace("&&", "")
            at = plain.find("&")
            if at < 0 or at == len(plain) - 1:
                continue
            key = plain[at + 1].lower()
            assert key not in seen, f"{type(dialog).__name__}: '{text}' and '{seen[key]}'"
            seen[key] = text


def test_the_item_dialog_checks_with_the_core_rules(qtbot: Any) -> None:
    dialog = training_dialogs.TrainingItemDialog(
        None, initial=None, categories=["Safety"], documents=[("WI-01", "Lathe")]
    )
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "An item code is required" in dialog.ui.problemsLabel.text()
    dialog.ui.codeEdit.setText("SK-FA")
    dialog.ui.titleEdit.setText("First aid")
    dialog.ui.categoryCombo.setCurrentIndex(0)
    dialog.ui.deliveryCombo.setCurrentText("External course")
    dialog.ui.expiresCheck.setChecked(True)
    dialog.ui.validitySpin.setValue(36)
    dialog.ui.documentCombo.setCurrentIndex(1)
    assert dialog.result_fields() == ItemFields(
        "SK-FA", "First aid", "Safety", "External course", 36, "WI-01", 1, "", False
    )


# --- reports ---------------------------------------------------------------------------------


def _save_as(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    suggested: list[str] = []

    def ask(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        suggested.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    return suggested


def test_ctrl_p_prints_the_matrix_and_the_tab_prints_a_record_and_the_due_list(
    qtbot: Any, main_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    tab = next(r for r in main_window.registers if isinstance(r, TrainingTab))
    main_window.tabs.setCurrentWidget(tab)
    matrix_pdf = tmp_path / "matrix.pdf"
    suggested = _save_as(monkeypatch, matrix_pdf)
    with qtbot.waitSignal(main_window.job_finished, timeout=20_000):
        main_window.report_action.trigger()
    assert Path(suggested[0]).name.startswith("Training matrix ")
    assert matrix_pdf.read_bytes().startswith(b"%PDF")
    record_pdf = tmp_path / "record.pdf"
    _save_as(monkeypatch, record_pdf)
    assert tab.select_person(tab._people[0].id)
    tab.print_person_record()
    qtbot.waitUntil(lambda: not workers.any_running(), timeout=20_000)
    assert record_pdf.read_bytes().startswith(b"%PDF")
    due_pdf = tmp_path / "due.pdf"
    _save_as(monkeypatch, due_pdf)
    tab.print_due()
    qtbot.waitUntil(lambda: not workers.any_running(), timeout=20_000)
    assert due_pdf.read_bytes().startswith(b"%PDF")
    due_xlsx = tmp_path / "due.xlsx"
    _save_as(monkeypatch, due_xlsx)
    tab.export_due()
    qtbot.waitUntil(lambda: not workers.any_running(), timeout=20_000)
    assert due_xlsx.stat().st_size > 0
    assert [Path(u.toLocalFile()) for u in opened] == [matrix_pdf, record_pdf, due_pdf]


def test_cells_are_painted_in_their_status_colour(qtbot: Any, tab: TrainingTab) -> None:
    tab.resize(1300, 900)
    tab.show()
    qtbot.waitExposed(tab)
    view = tab.matrix_view
    for name, code in (("Priya Raman", "RU-WI-QC-02"), ("Jonas Lindqvist", "TR-IA")):
        index = cell_of(tab, name, code)
        view.scrollTo(index)
        image = view.viewport().grab().toImage()
        rect = view.visualRect(index)
        corner = image.pixelColor(rect.left() + 3, rect.top() + 3)
        expected = training.STATUS_COLOURS[status(tab, name, code)][0].lower()
        assert corner.name() == f"#{expected}"
