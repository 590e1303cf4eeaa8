"""The Actions tab: overdue actions stand out (colour and words), filters, 5 whys, verification."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices

from qmsdesk.core import actions
from qmsdesk.core.actions import ActionFields
from qmsdesk.core.dates import today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_audits import ActionKind, ActionSource, ActionStatus
from qmsdesk.gui.actions_tab import ActionsTab
from qmsdesk.gui.dialogs import actions as action_dialogs
from qmsdesk.gui.models.action_table_model import DUE_COLUMN, DUE_STATE_ROLE, REFERENCE_COLUMN
from qmsdesk.gui.settings import Settings
from tests.gui import Messages, fake_dialog, main_window, messages, settings
from tests.gui.test_audits_tab import check_mnemonics

__all__ = ["main_window", "messages", "settings"]  # fixtures

USER = "Lead Test"


@pytest.fixture
def tab(qtbot: Any, demo_db: Database, settings: Settings) -> ActionsTab:
    settings.user_name = USER
    widget = ActionsTab(settings)
    qtbot.addWidget(widget)
    widget.set_database(demo_db)
    return widget


def shown(tab: ActionsTab) -> list[str]:
    m = tab.model
    return [m.data(m.index(r, REFERENCE_COLUMN)) for r in range(m.rowCount())]


def test_overdue_actions_stand_out_in_colour_and_words(
    qtbot: Any, qtmodeltester: Any, tab: ActionsTab, demo_db: Database
) -> None:
    qtmodeltester.check(tab.model)
    with demo_db.read() as s:
        rows = actions.all_rows(s)
    overdue = {r.reference for r in rows if r.due_state(today()) == actions.DueState.OVERDUE}
    assert len(overdue) >= 2
    m = tab.model
    for r in range(m.rowCount()):
        due = m.index(r, DUE_COLUMN)
        late = m.data(m.index(r, REFERENCE_COLUMN)) in overdue
        assert ("OVERDUE" in m.data(due)) is late
        assert (m.data(due, Qt.ItemDataRole.BackgroundRole) is not None) is late
        assert (m.data(due, DUE_STATE_ROLE) == "overdue") is late
    assert tab.overdue_chip.text() == f"Overdue ({len(overdue)})"
    # Filters: not closed (the default), everything, overdue only, a source, a search.
    open_refs = {r.reference for r in rows if r.status != ActionStatus.CLOSED}
    assert set(shown(tab)) == open_refs
    tab.status_combo.setCurrentIndex(tab.status_combo.findData("all"))
    assert len(shown(tab)) == len(rows)
    tab.overdue_chip.setChecked(True)
    assert set(shown(tab)) == overdue
    tab.clear_filters()
    tab.source_combo.setCurrentIndex(
        tab.source_combo.findData(ActionSource.CUSTOMER_COMPLAINT.value)
    )
    tab.status_combo.setCurrentIndex(tab.status_combo.findData("all"))
    assert [r for r in shown(tab)] == [
        r.reference for r in rows if r.source_kind == ActionSource.CUSTOMER_COMPLAINT
    ]
    tab.clear_filters()
    tab.search.setText("ørsted")
    tab.apply_filters()  # at once rather than after the typing pause
    owners = [tab.model.action(r).owner_name for r in range(tab.model.rowCount())]  # type: ignore[union-attr]
    assert owners and set(owners) == {"Anders Ørsted"}
    assert "overdue" in tab.status_text()


def test_details_show_the_whys_and_the_overdue_word(tab: ActionsTab, demo_db: Database) -> None:
    with demo_db.read() as s:
        late = next(
            r for r in actions.all_rows(s)
            if r.due_state(today()) == actions.DueState.OVERDUE and r.whys
        )  # fmt: skip
    assert tab.select_action(late.id)
    html = tab.details.toHtml()
    assert "OVERDUE" in html and "5 whys" in html
    assert late.whys[0].split()[0] in html


def test_new_action_and_verification(
    qtbot: Any,
    tab: ActionsTab,
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    messages: Messages,
) -> None:
    fields = ActionFields(
        title="Coolant concentration not recorded",
        kind=ActionKind.CORRECTIVE,
        source_kind=ActionSource.PROCESS_NC,
        source_ref="NCR-0200",
        problem="No coolant readings for two weeks on cell 2",
        raised_on=today() - dt.timedelta(days=10),
        due_date=today() + dt.timedelta(days=10),
    )
    monkeypatch.setattr(action_dialogs, "ActionDialog", fake_dialog(result_fields=fields))
    tab.new_action_()
    row = tab.selected_action()
    assert row is not None and row.title == "Coolant concentration not recorded"
    # Verify is only for an action carried out: it says so otherwise.
    tab.verify()
    assert "is open" in messages.texts("information")[-1]
    with demo_db.read() as s:
        checker, owner = (p[0] for p in actions.people_choices(s)[:2])
    # Carried out by its owner three days ago; someone else checks it (closing needs both).
    done = replace(
        row.fields(),
        status=ActionStatus.AWAITING_VERIFICATION,
        owner_id=owner,
        correction="Readings taken on every machine the same day",
        root_cause="No reminder",
        corrective_action="Daily check sheet",
        completed_on=today() - dt.timedelta(days=3),
    )
    monkeypatch.setattr(action_dialogs, "ActionDialog", fake_dialog(result_fields=done))
    tab.edit_action_()
    assert tab.verify_action.isEnabled()
    monkeypatch.setattr(
        action_dialogs,
        "VerifyDialog",
        fake_dialog(values=(today(), checker, False, "Still missing on nights")),
    )
    tab.verify()
    assert tab.selected_action().status == ActionStatus.IN_PROGRESS  # type: ignore[union-attr]
    assert "back in progress" in messages.texts("information")[-1]
    monkeypatch.setattr(action_dialogs, "ActionDialog", fake_dialog(result_fields=done))
    tab.edit_action_()
    monkeypatch.setattr(
        action_dialogs,
        "VerifyDialog",
        fake_dialog(values=(today(), checker, True, "Four weeks of readings")),
    )
    tab.verify()
    with demo_db.read() as s:
        closed = actions.get_row(s, row.id)
    assert closed.status == ActionStatus.CLOSED and closed.closed_on == today()
    # Closed, it leaves the default view (actions not closed).
    assert tab.model.row_for_id(row.id) is None


def test_ctrl_p_prints_the_register(
    qtbot: Any, main_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = next(r for r in main_window.registers if isinstance(r, ActionsTab))
    main_window.tabs.setCurrentWidget(tab)
    out = tmp_path / "actions.pdf"
    monkeypatch.setattr(main_window, "ask_save_path", lambda *a: out)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    with qtbot.waitSignal(main_window.job_finished, timeout=20_000):
        main_window.report_action.trigger()
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Actions register" in text and "OVERDUE" in text


def test_action_dialog_whys_and_no_closing_by_hand(qtbot: Any) -> None:
    people = [(1, "Łukasz Żółć"), (2, "Grace Adeyemi")]
    dialog = action_dialogs.ActionDialog(None, initial=None, people=people)
    qtbot.addWidget(dialog)
    check_mnemonics(dialog)
    ui = dialog.ui
    # Closed is not on offer: an action is closed by verifying it.
    statuses = [ui.statusCombo.itemData(i) for i in range(ui.statusCombo.count())]
    assert ActionStatus.CLOSED.value not in statuses
    # Each why opens once the one before is answered, and asks about it.
    assert ui.why1Edit.isEnabled() and not ui.why3Edit.isEnabled()
    ui.why1Edit.setText("Burrs left in the cross-hole")
    assert (
        ui.why2Edit.isEnabled() and "Burrs left in the cross-hole" in ui.why2Edit.placeholderText()
    )
    ui.why2Edit.setText("Deburring skipped on a rush job")
    qtbot.keyClick(ui.why2Edit, Qt.Key.Key_Return)
    ui.titleEdit.setText("Burrs")
    ui.statusCombo.setCurrentIndex(
        ui.statusCombo.findData(ActionStatus.AWAITING_VERIFICATION.value)
    )
    dialog.accept()
    text = ui.problemsLabel.text()
    assert "Action to take" in text and "Done on" in text and "Root cause" in text
    ui.statusCombo.setCurrentIndex(ui.statusCombo.findData(ActionStatus.OPEN.value))
    dialog.accept()
    fields = dialog.result_fields()
    assert fields.whys == ("Burrs left in the cross-hole", "Deburring skipped on a rush job")


def test_verify_dialog_needs_who_and_what(qtbot: Any, demo_db: Database) -> None:
    with demo_db.read() as s:
        row = next(r for r in actions.all_rows(s) if r.status == ActionStatus.AWAITING_VERIFICATION)
        people = actions.people_choices(s)
    dialog = action_dialogs.VerifyDialog(None, action=row, people=people)
    qtbot.addWidget(dialog)
    check_mnemonics(dialog)
    dialog.accept()
    text = dialog.ui.problemsLabel.text()
    assert "Checked by" in text and "Result" in text and "What was looked at" in text
    dialog.ui.verifiedByCombo.setCurrentIndex(1)
    dialog.ui.effectiveRadio.setChecked(True)
    dialog.ui.noteEdit.setPlainText("Three months of first-off reports")
    dialog.accept()
    day, by, effective, note = dialog.values()
    assert (by, effective, note) == (people[0][0], True, "Three months of first-off reports")
    assert day == today()
