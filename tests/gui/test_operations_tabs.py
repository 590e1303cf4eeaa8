"""The Customers, Changes and Design tabs: overdue rows marked in colour and words, writes through
the form and their refresh, problems shown beside the field, read-only mode, 8.3 excluded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from qmsdesk.core import changes, design, feedback
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_planning import ScopeExclusion
from qmsdesk.gui.changes_tab import ChangesTab
from qmsdesk.gui.customers_tab import CustomersTab
from qmsdesk.gui.design_tab import DesignTab
from qmsdesk.gui.ops_register import FormField, OpsTab, RecordForm
from qmsdesk.gui.settings import Settings
from tests.gui import Messages, main_window, messages, settings

__all__ = ["main_window", "messages", "settings"]  # fixtures


def _make(qtbot: Any, cls: type[OpsTab], db: Database, settings: Settings, **kw: Any) -> Any:
    settings.user_name = "Lead Test"
    widget = cls(settings)
    qtbot.addWidget(widget)
    widget.set_database(db, **kw)
    return widget


def _column(tab: OpsTab, n: int) -> list[str]:
    m = tab.model
    return [m.data(m.index(r, n)) for r in range(m.rowCount())]


def test_customers_tab_marks_late_answers_and_lists_surveys(
    qtbot: Any, qtmodeltester: Any, demo_db: Database, settings: Settings
) -> None:
    tab = _make(qtbot, CustomersTab, demo_db, settings)
    qtmodeltester.check(tab.model)
    refs = _column(tab, 0)
    assert len(refs) == 20
    late = refs.index("CC-0046")
    m = tab.model
    assert "OVERDUE" in m.data(m.index(late, 7))
    assert m.data(m.index(late, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert m.data(m.index(refs.index("CC-0043"), 0), Qt.ItemDataRole.BackgroundRole) is None
    assert tab.surveys.rowCount() == 2 and tab.surveys.item(1, 5).text() == "4.4 of 5"
    tab.chip.setChecked(True)
    assert _column(tab, 0) == ["CC-0046"] and tab.chip.text() == "Overdue (1)"
    assert "1 overdue" in tab.status_text()


def test_a_new_complaint_is_written_and_shown(
    qtbot: Any, demo_db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = _make(qtbot, CustomersTab, demo_db, settings)
    values = {
        "kind": "complaint",
        "customer": "Orbis",
        "received_on": dt.date.today(),
        "severity": "critical",
        "description": "Wrong thread",
    }
    monkeypatch.setattr(OpsTab, "form", lambda self, *a: values)
    with qtbot.waitSignal(tab.changed):
        tab.new_feedback.trigger()
    row = tab._row
    assert (
        row is not None and row.customer == "Orbis" and row.severity == feedback.Severity.CRITICAL
    )
    assert "Orbis" in tab.details.toPlainText()
    with qtbot.waitSignal(tab.changed):
        tab.raise_action.trigger()
    assert tab._row.action_ref.startswith("CA-")


def test_the_form_shows_the_core_problem_beside_its_field(qtbot: Any) -> None:
    fields = [FormField(f) for f in feedback.FEEDBACK_VOCAB if f.key in ("customer", "closed_on")]
    form = RecordForm(
        None,
        "Test",
        fields,
        {"closed_on": "2026-01-01"},
        lambda v: feedback.feedback_from_values({"kind": "complaint", **v})[1],
    )
    qtbot.addWidget(form)
    form.try_accept()
    assert not form.result()
    assert not form.problems["customer"].isHidden()
    assert "customer" in form.problems["customer"].text().lower()
    assert "response" in form.problems["closed_on"].text()
    editor = form.editors["customer"]
    assert isinstance(editor, QLineEdit)


def test_changes_tab_marks_reviews_overdue_and_is_read_only_when_asked(
    qtbot: Any, qtmodeltester: Any, demo_db: Database, settings: Settings
) -> None:
    tab = _make(qtbot, ChangesTab, demo_db, settings, read_only=True)
    qtmodeltester.check(tab.model)
    refs = _column(tab, 0)
    assert refs == ["CHG-0021", "CHG-0022", "CHG-0023", "CHG-0024", "CHG-0025"]
    assert "OVERDUE" in tab.model.data(tab.model.index(2, 7))
    assert not tab.new_change.isEnabled() and not tab.edit_change.isEnabled()
    assert tab.history_action.isEnabled()
    tab.search.setText("five-axis")
    tab.apply_filters()
    assert _column(tab, 0) == ["CHG-0023"]


def test_design_tab_shows_stages_and_says_why_it_is_empty_when_8_3_is_excluded(
    qtbot: Any, demo_db: Database, db: Database, settings: Settings
) -> None:
    tab = _make(qtbot, DesignTab, demo_db, settings)
    assert len(_column(tab, 0)) == 2 and tab.excluded_note.isHidden()
    assert "Validation" in tab.details.toPlainText()
    assert tab.report_params() == {"project": tab._row.reference}
    with db.write() as s:
        s.add(ScopeExclusion(clause="8.3", justification="We build to print"))
    other = _make(qtbot, DesignTab, db, settings)
    assert not other.excluded_note.isHidden() and "excluded" in other.excluded_note.text()
    assert not other.new_project.isEnabled()
    assert "excluded" in other.status_text()


def test_the_window_has_the_three_tabs(main_window: Any, messages: Messages) -> None:
    titles = [main_window.tabs.tabText(i) for i in range(main_window.tabs.count())]
    assert {"Customers", "Changes", "Design"} <= set(titles)
    _ = (changes, design)
