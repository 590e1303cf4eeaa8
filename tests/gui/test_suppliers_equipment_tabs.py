"""The Suppliers, Equipment and Nonconforming tabs: overdue in colour and words, filters, the
dialogs' writes with the core's problems beside the fields, read-only mode."""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from qmsdesk.core import equipment, nonconforming, suppliers
from qmsdesk.core.db import Database
from qmsdesk.gui.operations import equipment_tab, nonconforming_tab, suppliers_tab
from qmsdesk.gui.operations.form import FieldsDialog
from qmsdesk.gui.settings import Settings
from tests.gui import Messages, main_window, messages, settings

__all__ = ["main_window", "messages", "settings"]  # fixtures

USER = "Lead Test"


def filling(monkeypatch: pytest.MonkeyPatch, module: Any, answers: dict[str, str]) -> list[Any]:
    """Replace the module's `accepted` by one that types `answers` into the dialog and presses
    OK; returns the dialogs seen (with the problems they showed)."""
    seen: list[Any] = []

    def fake(dialog: FieldsDialog) -> bool:
        for key, value in answers.items():
            editor = dialog._editors[key]
            if isinstance(editor, QComboBox):
                index = editor.findText(value)
                if index >= 0:
                    editor.setCurrentIndex(index)
                else:
                    editor.setEditText(value)
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(value)
            else:
                assert isinstance(editor, QLineEdit)
                editor.setText(value)
        seen.append(dialog)
        dialog.accept()
        return dialog.result() == 1

    monkeypatch.setattr(module, "accepted", fake)
    return seen


def texts(tab: Any, column: int) -> list[str]:
    m = tab.model
    return [m.data(m.index(r, column)) for r in range(m.rowCount())]


@pytest.fixture
def sup(qtbot: Any, demo_db: Database, settings: Settings) -> suppliers_tab.SuppliersTab:
    settings.user_name = USER
    widget = suppliers_tab.SuppliersTab(settings)
    qtbot.addWidget(widget)
    widget.set_database(demo_db)
    widget.show_details()
    return widget


def test_suppliers_overdue_in_colour_and_words_and_the_filters(
    qtmodeltester: Any, sup: suppliers_tab.SuppliersTab
) -> None:
    qtmodeltester.check(sup.model)
    m = sup.model
    rows = {m.data(m.index(r, 0)): r for r in range(m.rowCount())}
    assert len(rows) == 15
    late = m.index(rows["SUP-010"], 3)
    assert "OVERDUE" in m.data(late)
    assert m.data(late, Qt.ItemDataRole.BackgroundRole) is not None
    assert m.data(m.index(rows["SUP-002"], 3), Qt.ItemDataRole.BackgroundRole) is None
    assert "EXPIRED" in m.data(m.index(rows["SUP-009"], 4))
    assert sup.overdue_chip.text() == "Overdue (2)"
    sup.overdue_chip.setChecked(True)
    assert sorted(texts(sup, 0)) == ["SUP-010", "SUP-011"]
    sup.clear_filters()
    sup.search.setText("plating")
    sup.apply_filters()
    assert texts(sup, 0) == ["SUP-003"]
    sup.show_details()
    assert "Midland Plating" in sup.details.toPlainText()
    assert "CA-2026-001" in sup.details.toPlainText()


def test_an_evaluation_off_the_scale_is_shown_beside_the_field_then_saved(
    monkeypatch: pytest.MonkeyPatch, sup: suppliers_tab.SuppliersTab, demo_db: Database
) -> None:
    sup.search.setText("SUP-010")
    sup.apply_filters()
    seen = filling(
        monkeypatch,
        suppliers_tab,
        {"evaluated_on": "2026-01-05", "scores": "Quality 7; Delivery 4; Price 4; Service 4"},
    )
    sup.evaluate()
    problem = seen[0]._problems["scores"]
    assert "outside the company's scale" in problem.text() and not problem.isHidden()
    assert seen[0].result() != 1
    seen = filling(
        monkeypatch,
        suppliers_tab,
        {"evaluated_on": "2026-01-05", "scores": "Quality 4; Delivery 4; Price 4; Service 4"},
    )
    sup.evaluate()
    with demo_db.read() as s:
        row = suppliers.get_row(s, suppliers.id_for_code(s, "SUP-010") or 0)
    assert row.last_evaluated is not None and row.last_evaluated.isoformat() == "2026-01-05"
    assert "OVERDUE" not in texts(sup, 3)[0]


@pytest.fixture
def eq(qtbot: Any, demo_db: Database, settings: Settings) -> equipment_tab.EquipmentTab:
    settings.user_name = USER
    widget = equipment_tab.EquipmentTab(settings)
    qtbot.addWidget(widget)
    widget.set_database(demo_db)
    widget.show_details()
    return widget


def test_equipment_calibration_before_receipt_is_refused_and_oot_asks_for_the_review(
    monkeypatch: pytest.MonkeyPatch,
    messages: Messages,
    eq: equipment_tab.EquipmentTab,
    demo_db: Database,
) -> None:
    m = eq.model
    assert sum("OVERDUE" in t for t in texts(eq, 4)) == 2
    eq.search.setText("CAL-001")
    eq.apply_filters()
    eq.show_details()
    monkeypatch.setattr(eq.file_jobs, "ask_open_path", lambda *_a: None)
    seen = filling(monkeypatch, equipment_tab, {"calibrated_on": "2001-01-01"})
    eq.calibrate_()
    assert "before the equipment was received" in seen[0]._problems["calibrated_on"].text()
    filling(
        monkeypatch,
        equipment_tab,
        {"as_found": "Out of tolerance", "as_left": "Adjusted, in tolerance"},
    )
    eq.calibrate_()
    assert any("found out of tolerance" in t for t in messages.texts())
    assert m.data(m.index(0, 5)) == "impact review due"
    assert eq.impact_review.isEnabled() and eq.raise_nc.isEnabled()
    filling(
        monkeypatch,
        equipment_tab,
        {"impact_review": "Nothing measured since.", "impact_decision": "No product affected."},
    )
    eq.impact_review_()
    eq.raise_action_()
    with demo_db.read() as s:
        cal = equipment.calibrations(s, equipment.id_for_code(s, "CAL-001") or 0)[-1]
    assert cal.impact_decision == "No product affected." and cal.action_ref.startswith("CA-")
    assert m.data(m.index(0, 5)) == ""


@pytest.fixture
def nc(qtbot: Any, demo_db: Database, settings: Settings) -> nonconforming_tab.NonconformingTab:
    settings.user_name = USER
    widget = nonconforming_tab.NonconformingTab(settings)
    qtbot.addWidget(widget)
    widget.set_database(demo_db)
    widget.show_details()
    return widget


def test_use_as_is_needs_an_authoriser_in_the_dialog(
    monkeypatch: pytest.MonkeyPatch, nc: nonconforming_tab.NonconformingTab, demo_db: Database
) -> None:
    assert len(texts(nc, 0)) == 25
    assert texts(nc, 6).count("NOT DECIDED") == 3
    nc.filter_combo.setCurrentIndex(nc.filter_combo.findData("undecided"))
    assert texts(nc, 0) == ["NCR-0119", "NCR-0120", "NCR-0121"]
    answers = {"description": "Chamfer too big", "disposition": "Use as is (concession)"}
    seen = filling(monkeypatch, nonconforming_tab, answers)
    nc.new_nc_()
    assert "concession" in seen[0]._problems["authorised_by"].text()
    filling(
        monkeypatch,
        nonconforming_tab,
        {**answers, "authorised_by": "Łukasz Żółć", "supplier_id": "SUP-001"},
    )
    nc.new_nc_()
    with demo_db.read() as s:
        row = nonconforming.get_row(s, nonconforming.id_for_reference(s, "NCR-0122") or 0)
    assert row.authorised_by == "Łukasz Żółć" and row.supplier_code == "SUP-001"
    assert nc.current_id() == row.id


def test_read_only_turns_every_write_off(qtbot: Any, demo_db: Database, settings: Settings) -> None:
    for cls in (
        suppliers_tab.SuppliersTab,
        equipment_tab.EquipmentTab,
        nonconforming_tab.NonconformingTab,
    ):
        tab = cls(settings)
        qtbot.addWidget(tab)
        tab.set_database(demo_db, read_only=True)
        tab.show_details()
        writes = [a for a in tab.edit_actions()]
        assert writes and not any(a.isEnabled() for a in writes)
        assert tab.status_text()


def test_the_main_window_has_the_three_tabs(main_window: Any) -> None:
    main_window.build_registers()
    tabs = main_window.tabs
    found = {tabs.tabText(i): tabs.widget(i) for i in range(tabs.count())}
    assert isinstance(found["Suppliers"], suppliers_tab.SuppliersTab)
    assert isinstance(found["Equipment"], equipment_tab.EquipmentTab)
    assert isinstance(found["Nonconforming"], nonconforming_tab.NonconformingTab)
    assert found["Equipment"].model.rowCount() == 30


def test_a_due_certificate_and_a_due_review_show_on_their_rows(
    sup: suppliers_tab.SuppliersTab, eq: equipment_tab.EquipmentTab, demo_db: Database
) -> None:
    from qmsdesk.core import due
    from qmsdesk.core.dates import today

    with demo_db.read() as s:
        items = {i.kind: i for i in due.due_items(s, today(), 30)}
        cal = equipment.calibrations(s, equipment.id_for_code(s, "CAL-002") or 0)[-1]
    sup.search.setText("nothing like this")
    sup.apply_filters()
    sup.show_record(items["certificate"].record_id, "certificate")
    assert sup.record is not None and sup.record.code == "SUP-009"
    eq.show_record(cal.id, "calibration")
    assert eq.record is not None and eq.record.code == "CAL-002"
