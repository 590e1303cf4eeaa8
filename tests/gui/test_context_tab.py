"""The Context tab: its pages, a write through a dialog and its refresh, a refusal shown beside
the field, the inputs and outputs of a process, read-only mode, and its place in the window."""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit

from qmsdesk.core import context, finder, processes
from qmsdesk.core.db import Database
from qmsdesk.gui import context_tab
from qmsdesk.gui.context_tab import ISSUES, PARTIES, POLICY, PROCESSES, SCOPE, ContextTab
from qmsdesk.gui.dialogs.fields_form import FieldsDialog
from qmsdesk.gui.dialogs.process_flows import FlowsDialog
from qmsdesk.gui.settings import Settings
from tests.gui import Messages, main_window, messages, settings

__all__ = ["main_window", "messages", "settings"]  # fixtures

USER = "Lead Test"


@pytest.fixture
def tab(qtbot: Any, demo_db: Database, settings: Settings) -> ContextTab:
    settings.user_name = USER
    widget = ContextTab(settings)
    qtbot.addWidget(widget)
    widget.set_database(demo_db)
    return widget


def _fill(dialog: QDialog, **values: str) -> None:
    assert isinstance(dialog, FieldsDialog)
    for key, text in values.items():
        editor = dialog.editors[key]
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
        else:
            assert isinstance(editor, QLineEdit)
            editor.setText(text)


def test_the_pages_show_the_demo(tab: ContextTab) -> None:
    assert tab.issues_page.model.rowCount() == 8
    assert tab.parties_page.model.rowCount() == 6
    assert tab.processes_page.model.rowCount() == 12
    assert tab.exclusions_page.model.rowCount() == 1
    assert "8 context issues · 6 interested parties · 12 processes" in tab.status_text()
    tab.show_page(PROCESSES)
    tab.processes_page.select(tab.processes_page.id_at(0))
    details = tab.processes_page.details.toPlainText()
    assert "Inputs (from)" in details and "Objectives and risks" in details
    assert tab.flows_action.isEnabled()
    tab.show_page(SCOPE)
    assert "8.5.1 f" in tab.scope_view.toPlainText()
    assert not tab.flows_action.isEnabled() and tab.new_record.isEnabled()
    tab.show_page(POLICY)
    assert "read by 22 of 25 people" in tab.policy_view.toPlainText()
    assert not tab.new_record.isEnabled() and tab.edit_record.isEnabled()


def test_a_new_issue_through_the_dialog(
    tab: ContextTab, monkeypatch: pytest.MonkeyPatch, demo_db: Database
) -> None:
    seen: list[str] = []

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, FieldsDialog)
        seen.append(dialog.editors["reference"].text())  # type: ignore[attr-defined]
        _fill(dialog, title="")
        dialog.try_accept()  # refused: the problem beside the field, the dialog stays open
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert not dialog._problems["title"].isHidden()
        _fill(dialog, title="New competitor down the road", description="Cheaper quotes")
        dialog.try_accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(context_tab, "accepted", answer)
    tab.show_page(ISSUES)
    tab.new_record_()
    assert seen == ["CI-09"]
    assert tab.issues_page.model.rowCount() == 9
    with demo_db.read() as s:
        row = next(r for r in context.all_issues(s) if r.reference == "CI-09")
        assert row.description == "Cheaper quotes"
        assert [c.user for c in context.issue_history(s, row.id)] == [USER]
    assert tab.issues_page.current_id() == row.id


def test_an_exclusion_of_a_clause_that_does_not_exist_is_refused(
    tab: ContextTab, monkeypatch: pytest.MonkeyPatch, demo_db: Database
) -> None:
    def answer(dialog: QDialog) -> bool:
        _fill(dialog, clause="8.9", justification="No such thing")
        dialog.try_accept()
        assert isinstance(dialog, FieldsDialog)
        assert dialog._problems["clause"].text() == "ISO 9001:2015 has no clause 8.9."
        return False

    monkeypatch.setattr(context_tab, "accepted", answer)
    tab.show_page(SCOPE)
    tab.new_record_()
    with demo_db.read() as s:
        assert [e.clause for e in context.exclusions(s)] == ["8.5.1 f"]


def test_a_process_gets_a_new_output(
    tab: ContextTab, monkeypatch: pytest.MonkeyPatch, demo_db: Database
) -> None:
    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, FlowsDialog)
        before = dialog.table.rowCount()
        dialog.add_row(processes.FlowFields(processes.FlowDirection.OUTPUT, "Scrap report"))
        dialog.table.cellWidget(before, 2).setCurrentText("QUALITY")  # type: ignore[union-attr]
        dialog.try_accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(context_tab, "accepted", answer)
    tab.show_page(PROCESSES)
    with demo_db.read() as s:
        production = processes.id_for_code(s, "PRODUCTION")
    tab.processes_page.select(production)
    tab.edit_flows()
    with demo_db.read() as s:
        assert production is not None
        last = processes.flows_of(s, production)[-1]
        assert (last.what, last.other_code) == ("Scrap report", "QUALITY")
    assert "Scrap report — to QUALITY" in tab.processes_page.details.toPlainText()


def test_read_only_turns_writing_off(tab: ContextTab, demo_db: Database) -> None:
    tab.set_database(demo_db, read_only=True)
    tab.show_page(PARTIES)
    assert not tab.new_record.isEnabled() and not tab.edit_record.isEnabled()
    assert tab.history_action.isEnabled() and tab.map_action.isEnabled()


def test_the_window_has_the_tab(main_window: Any, messages: Messages) -> None:
    main_window.build_registers()
    titles = [main_window.tabs.tabText(i) for i in range(main_window.tabs.count())]
    assert "Context" in titles
    found = next(r for r in main_window.registers if isinstance(r, ContextTab))
    assert found.issues_page.model.rowCount() == 8
    # Listed under Plan; search everywhere goes to a party or a process on its page.
    assert main_window.tabs.tabGroup(main_window.tabs.indexOf(found)).startswith("Plan")
    with main_window.db.read() as s:
        party = context.party_id_for_name(s, "Certification body")
        process = processes.id_for_code(s, "CALIBRATION")
        hits = [(h.register, h.kind, h.reference) for h in finder.find(s, "calibration", 50)]
    assert ("context", "process", "CALIBRATION") in hits
    assert main_window.open_hit("context", party, "party")
    assert main_window.tabs.currentWidget() is found and found.page == PARTIES
    assert found.parties_page.current_id() == party
    assert main_window.open_hit("context", process, "process")
    assert found.page == PROCESSES and found.processes_page.current_id() == process


def test_the_scope_statement_is_edited_apart_from_the_exclusions(
    tab: ContextTab, monkeypatch: pytest.MonkeyPatch, demo_db: Database
) -> None:
    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, FieldsDialog)
        assert set(dialog.editors) == {"scope", "sites", "products"}
        _fill(dialog, sites="Kestrel Works, Unit 4\nUnit 5 (stores)")
        dialog.try_accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(context_tab, "accepted", answer)
    tab.show_page(SCOPE)
    assert tab.scope_button.isEnabled()
    tab.scope_button.click()
    with demo_db.read() as s:
        assert context.get_scope(s).sites == ("Kestrel Works, Unit 4", "Unit 5 (stores)")
    assert "Unit 5 (stores)" in tab.scope_view.toPlainText()
