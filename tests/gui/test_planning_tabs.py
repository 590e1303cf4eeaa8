"""The Risks and Objectives tabs: levels and statuses in words and tints, heat maps with counts,
filters, a write through the dialogs and its refresh, the real dialogs' checks, read-only mode."""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtCore import Qt

from qmsdesk.core import objectives, risks
from qmsdesk.core.dates import today
from qmsdesk.core.db import Database
from qmsdesk.core.objectives import MeasurementFields
from qmsdesk.core.risks import RiskFields
from qmsdesk.gui.dialogs import objectives as objective_dialogs
from qmsdesk.gui.dialogs import risks as risk_dialogs
from qmsdesk.gui.models.planning_table_models import (
    RATING_COLUMN,
    REVIEW_COLUMN,
    STATUS_COLUMN,
)
from qmsdesk.gui.objectives_tab import ObjectivesTab
from qmsdesk.gui.risks_tab import RisksTab
from qmsdesk.gui.settings import Settings
from tests.gui import fake_dialog, main_window, messages, settings

__all__ = ["main_window", "messages", "settings"]  # fixtures

USER = "Lead Test"


@pytest.fixture
def risk_tab(qtbot: Any, demo_db: Database, settings: Settings) -> RisksTab:
    settings.user_name = USER
    widget = RisksTab(settings)
    qtbot.addWidget(widget)
    widget.set_database(demo_db)
    return widget


@pytest.fixture
def objective_tab(qtbot: Any, demo_db: Database, settings: Settings) -> ObjectivesTab:
    settings.user_name = USER
    widget = ObjectivesTab(settings)
    qtbot.addWidget(widget)
    widget.set_database(demo_db)
    return widget


def test_risks_show_levels_heat_maps_and_filter(qtmodeltester: Any, risk_tab: RisksTab) -> None:
    qtmodeltester.check(risk_tab.model)
    m = risk_tab.model
    assert m.rowCount() == 16
    texts = {m.data(m.index(r, 0)): m.data(m.index(r, RATING_COLUMN)) for r in range(16)}
    assert texts["R-003"] == "3 x 5 = 15 High"
    assert texts["R-011"] == "2 x 2 = 4 Low"
    assert m.data(m.index(0, RATING_COLUMN), Qt.ItemDataRole.BackgroundRole) is not None
    due = [
        m.data(m.index(r, 0))
        for r in range(16)
        if "REVIEW DUE" in m.data(m.index(r, REVIEW_COLUMN))
    ]
    assert sorted(due) == ["R-005", "R-010"]
    assert risk_tab.before_map.cell_count(3, 5) == 1
    assert risk_tab.before_map.heat is not None and risk_tab.before_map.heat.total == 12
    assert risk_tab.after_map.heat is not None and risk_tab.after_map.heat.total == 9
    risk_tab.level_combo.setCurrentIndex(risk_tab.level_combo.findData("high"))
    assert m.rowCount() == 7  # 5 risks and 2 opportunities
    risk_tab.clear_filters()
    risk_tab.due_chip.setChecked(True)
    assert m.rowCount() == 2
    assert "12 risks (5 high)" in risk_tab.status_text()


def test_new_risk_through_the_dialog_and_an_effectiveness_review(
    risk_tab: RisksTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    fields = RiskFields(title="Coolant supplier stops trading", likelihood=2, consequence=3)
    monkeypatch.setattr(risk_dialogs, "RiskDialog", fake_dialog(fields=fields))
    risk_tab.new_risk_()
    row = risk_tab.selected_risk()
    assert row is not None and row.reference == "R-013" and row.rating == 6
    assert risk_tab.model.rowCount() == 17
    monkeypatch.setattr(
        risk_dialogs,
        "RaiseActionDialog",
        fake_dialog(answer=("Find a second coolant supplier", None, None)),
    )
    risk_tab.raise_action_()
    row = risk_tab.selected_risk()
    assert row is not None and row.actions_total == 1
    assert "Find a second coolant supplier" in risk_tab.details.toPlainText()
    with demo_db.read() as s:
        who = risks.links(s).people
    review = risks.ReviewFields(
        today(), who["fiona grant"][0], risks.ReviewOutcome.EFFECTIVE, "Second supplier delivered"
    )
    monkeypatch.setattr(risk_dialogs, "ReviewDialog", fake_dialog(fields=review))
    risk_tab.review_risk_()
    assert "Second supplier delivered" in risk_tab.details.toPlainText()
    assert not risk_tab.delete_risk.isEnabled()  # an action was raised on it


def test_the_risk_dialog_refuses_what_the_rules_refuse(qtbot: Any, demo_db: Database) -> None:
    with demo_db.read() as s:
        links = risks.links(s)
    dialog = risk_dialogs.RiskDialog(None, links=links, people=[], scale=risks.RiskScale())
    qtbot.addWidget(dialog)
    dialog.accept()  # no title
    assert dialog.result() == 0 and dialog.fields() is None
    assert not dialog._errors["title"].isHidden()
    assert "title is required" in dialog._errors["title"].text()


def test_objectives_show_status_and_trend(qtmodeltester: Any, objective_tab: ObjectivesTab) -> None:
    qtmodeltester.check(objective_tab.model)
    m = objective_tab.model
    status = {m.data(m.index(r, 0)): m.data(m.index(r, STATUS_COLUMN)) for r in range(m.rowCount())}
    assert status == {
        "OBJ-01": "At risk",
        "OBJ-02": "On target",
        "OBJ-03": "On target",
        "OBJ-04": "Off target",
        "OBJ-05": "Not measured when due",
        "OBJ-06": "On target",
    }
    assert objective_tab.select_record(m.id_at(3) or 0)
    assert len(objective_tab.chart.points) == 18 and objective_tab.chart.target == 95.0
    objective_tab.grab()  # paints the chart
    assert "Off target" in objective_tab.details.toPlainText()
    objective_tab.status_combo.setCurrentIndex(objective_tab.status_combo.findData("off_target"))
    assert m.rowCount() == 1
    assert "1 off target" in objective_tab.status_text()


def test_a_measurement_recorded_through_the_dialog_updates_the_status(
    objective_tab: ObjectivesTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with demo_db.read() as s:
        row = next(r for r in objectives.all_rows(s) if r.code == "OBJ-05")
    assert objective_tab.select_record(row.id)
    period, _due = row.next_due()
    monkeypatch.setattr(
        objective_dialogs,
        "MeasurementDialog",
        fake_dialog(fields=MeasurementFields(period, 96.0, "Back on track")),
    )
    objective_tab.record_measurement()
    current = objective_tab.selected_objective()
    assert current is not None and current.latest_period == period
    assert len(objective_tab.chart.points) == 15


def test_the_measurement_dialog_reads_the_unit_and_refuses_text(
    qtbot: Any, demo_db: Database
) -> None:
    with demo_db.read() as s:
        row = next(r for r in objectives.all_rows(s) if r.code == "OBJ-01")
    dialog = objective_dialogs.MeasurementDialog(None, row=row, user=USER)
    qtbot.addWidget(dialog)
    value = dialog.widgets["value"]
    value.setText("n/a")  # type: ignore[attr-defined]
    dialog.accept()
    assert "not a number in %" in dialog._errors["value"].text()
    value.setText("94.5 %")  # type: ignore[attr-defined]
    dialog.accept()
    fields = dialog.fields()
    assert fields is not None and fields.value == 94.5


def test_read_only_turns_the_writing_actions_off(
    qtbot: Any, demo_db: Database, settings: Settings
) -> None:
    for cls in (RisksTab, ObjectivesTab):
        tab = cls(settings)
        qtbot.addWidget(tab)
        tab.set_database(demo_db, read_only=True)
        writing = [a for a in tab.edit_actions() if a is not None]
        assert writing and not any(a.isEnabled() for a in writing)
        history = tab.action("history_risk" if cls is RisksTab else "history_objective")
        assert history.isEnabled()


def test_the_window_has_both_tabs(main_window: Any) -> None:
    window = main_window
    window.build_registers()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Risks" in titles and "Objectives" in titles
