"""The management reviews tab: the agenda with the lead's notes beside the drafted figures, refresh
from data, decisions and actions, approval (read-only) and new revisions, printing (dialogs
replaced where they would wait for a user)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from qmsdesk.core import actions, reviews
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_reviews import Review, ReviewStatus
from qmsdesk.core.reviews import ReviewActionFields, ReviewFields
from qmsdesk.gui.dialogs import reviews as review_dialogs
from qmsdesk.gui.main_window import MainWindow
from qmsdesk.gui.reviews_tab import OUTPUTS_ROW_TEXT, ReviewsTab
from qmsdesk.gui.settings import Settings
from tests.gui import Messages, fake_dialog, main_window, messages, settings

__all__ = ["main_window", "messages", "settings"]  # fixtures

USER = "Quality Lead Test"
TODAY = dt.date.today()


@pytest.fixture
def tab(qtbot: Any, demo_db: Database, settings: Settings) -> ReviewsTab:
    settings.user_name = USER
    widget = ReviewsTab(settings)
    qtbot.addWidget(widget)
    widget.set_database(demo_db)
    return widget


def _reviews(db: Database) -> tuple[reviews.ReviewRow, reviews.ReviewRow]:
    with db.read() as s:
        found = reviews.all_reviews(s)
    planned = next(r for r in found if r.status == ReviewStatus.PLANNED)
    approved = next(r for r in found if r.status == ReviewStatus.APPROVED)
    return planned, approved


def _hold(db: Database, review_id: int) -> None:
    """Move the planned review's meeting to today and mark it held."""
    with db.write() as s:
        s.execute(update(Review).where(Review.id == review_id).values(meeting_date=TODAY))
        reviews.mark_held(s, review_id, USER)


def _go_to(tab: ReviewsTab, item: str) -> None:
    keys = [
        tab.sections.item(i).data(Qt.ItemDataRole.UserRole) for i in range(tab.sections.count())
    ]
    tab.sections.setCurrentRow(keys.index(item))


def test_the_tab_shows_the_reviews_and_the_agenda(tab: ReviewsTab, demo_db: Database) -> None:
    planned, _approved = _reviews(demo_db)
    assert tab.list.topLevelItemCount() == 2
    assert tab.review is not None and tab.review.id == planned.id  # the latest meeting first
    assert planned.reference in tab.heading.text() and "Invited" in tab.heading.text()
    assert tab.sections.count() == len(reviews.inputs()) + 1
    assert tab.sections.item(tab.sections.count() - 1).text() == OUTPUTS_ROW_TEXT
    assert tab.sections.currentRow() == 0
    assert "Earlier reviews raised 6 actions" in tab.summary.toPlainText()
    assert "Actions from earlier reviews" in tab.summary.toPlainText()
    assert tab.narrative.toPlainText() == "" and not tab.narrative.isReadOnly()
    assert tab.banner.isHidden()
    assert "2 reviews" in tab.status_text() and planned.reference in tab.status_text()
    _go_to(tab, "9.3.2 b")  # drafted from the context register
    assert "The context register holds 8 context issues" in tab.summary.toPlainText()


def test_notes_are_saved_and_refresh_never_touches_them(
    qtbot: Any, tab: ReviewsTab, demo_db: Database
) -> None:
    planned, _ = _reviews(demo_db)
    _go_to(tab, "9.3.2 c 4")
    before = tab.summary.toPlainText()
    tab.narrative.setPlainText("Calibration slips again: third time this year.")
    assert tab.saved_label.text() == "Not saved yet…"
    _go_to(tab, "9.3.2 d")  # moving on saves
    with demo_db.read() as s:
        saved = {x.item: x.narrative for x in reviews.sections(s, planned.id)}
    assert saved["9.3.2 c 4"] == "Calibration slips again: third time this year."
    # A new overdue action in the register; Refresh from data redraws the figures only.
    with demo_db.write() as s:
        actions.create_action(
            s,
            actions.ActionFields(
                title="Late one", raised_on=TODAY - dt.timedelta(days=40),
                due_date=TODAY - dt.timedelta(days=3),
            ),
            USER,
        )  # fmt: skip
    _go_to(tab, "9.3.2 c 4")
    tab.refresh_button.click()
    assert tab.narrative.toPlainText() == "Calibration slips again: third time this year."
    assert tab.summary.toPlainText() != before and "Late one" in tab.summary.toPlainText()
    with demo_db.read() as s:
        kinds = [h.action for h in reviews.history_of(s, planned.id)]
    assert kinds[:2] == ["draft", "narrative"]
    # Typing, then pausing, saves too.
    tab.narrative.setPlainText("Paused here.")
    qtbot.waitUntil(lambda: tab.saved_label.text().startswith("Saved"), timeout=5000)
    with demo_db.read() as s:
        assert {x.item: x.narrative for x in reviews.sections(s, planned.id)}["9.3.2 c 4"] == (
            "Paused here."
        )


def test_copy_into_my_notes(tab: ReviewsTab, demo_db: Database) -> None:
    _go_to(tab, "9.3.2 d")
    tab.copy_button.click()
    text = tab.narrative.toPlainText()
    assert "people worked for the company" in text
    assert "Training compliance by department" in text


def test_an_approved_review_is_read_only(tab: ReviewsTab, demo_db: Database) -> None:
    _planned, approved = _reviews(demo_db)
    assert tab.select_review(approved.id)
    assert tab.narrative.isReadOnly()
    assert not tab.banner.isHidden() and "Read-only" in tab.banner.text()
    assert "Margaret Hollis" in tab.banner.text()
    for action in (
        tab.edit_action,
        tab.attendance_action,
        tab.refresh_action,
        tab.approve_action,
        tab.decision_action,
        tab.delete_action,
    ):
        assert not action.isEnabled(), action.text()
    assert tab.revision_action.isEnabled() and tab.agenda_action.isEnabled()
    with demo_db.read() as s:
        before = reviews.minutes(s, approved.id).to_json()
    tab.narrative.setPlainText("Trying to change history")
    assert tab.save_narrative() is False
    with demo_db.read() as s:
        assert reviews.minutes(s, approved.id).to_json() == before


def test_new_review_from_the_dialog(
    tab: ReviewsTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    fields = ReviewFields(
        meeting_date=TODAY, period_start=TODAY - dt.timedelta(days=180), period_end=TODAY,
        reference="MR-EXTRA", place="Canteen",
    )  # fmt: skip
    fake = fake_dialog(result_fields=fields)
    monkeypatch.setattr(review_dialogs, "ReviewDialog", fake)
    tab.new_action.trigger()
    assert fake.made[0].kwargs["new"] is True
    assert fake.made[0].kwargs["initial"].period_start  # suggested values
    assert tab.review is not None and tab.review.reference == "MR-EXTRA"
    assert tab.list.topLevelItemCount() == 3
    assert "people worked" in {s.item: s for s in tab._sections}["9.3.2 d"].summary


def test_the_review_dialog_refuses_a_period_that_ends_before_it_starts(
    qtbot: Any, tab: ReviewsTab, demo_db: Database
) -> None:
    planned, _ = _reviews(demo_db)
    dialog = review_dialogs.ReviewDialog(
        tab, initial=planned.fields(), people=[(1, "Margaret Hollis", "Management")], new=False
    )
    qtbot.addWidget(dialog)
    start = dialog.ui.periodStartEdit.date()
    dialog.ui.periodEndEdit.setDate(start.addDays(-1))
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not dialog.ui.problemsLabel.isHidden()
    assert "ends" in dialog.ui.problemsLabel.text()
    assert "before it starts" in dialog.ui.problemsLabel.text()
    with demo_db.read() as s:
        assert reviews.get_review(s, planned.id).period_end == planned.period_end


def test_held_decisions_actions_approval_and_a_new_revision(
    tab: ReviewsTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch, messages: Messages
) -> None:
    planned, _ = _reviews(demo_db)
    # Not held yet: approving is not offered; marking held before the meeting is refused.
    assert not tab.approve_action.isEnabled() and tab.held_action.isEnabled()
    tab.held_action.trigger()
    assert "can be marked as held on or after" in messages.texts("warning")[0]
    _hold(demo_db, planned.id)
    tab.reload()
    assert tab.approve_action.isEnabled()

    monkeypatch.setattr(
        review_dialogs,
        "ReviewDecisionDialog",
        fake_dialog(values=("9.3.3 c", "A second CMM programmer.")),
    )
    tab.decision_action.trigger()
    assert tab.sections.currentItem().text() == OUTPUTS_ROW_TEXT
    top = tab.decisions.topLevelItem(0)
    assert top.text(0).startswith("D1 · 9.3.3 c")
    tab.decisions.setCurrentItem(top)
    people = tab._people()
    owner = next(p for p in people if p[1] == "Priya Raman")
    due = TODAY + dt.timedelta(days=60)
    monkeypatch.setattr(
        review_dialogs,
        "ReviewActionDialog",
        fake_dialog(result_fields=ReviewActionFields("Book the course", owner[0], due)),
    )
    tab.review_action_action.trigger()
    child = tab.decisions.topLevelItem(0).child(0)
    assert "Book the course" in child.text(0) and child.text(1) == "Priya Raman"
    tab.decisions.setCurrentItem(child)
    assert "Book the course" in tab.decision_detail.text()
    with demo_db.read() as s:
        (decision,) = reviews.decisions(s, planned.id)
        row = actions.get_row(s, decision.actions[0].id)
    assert row.source_ref.endswith("D1") and row.due_date == due

    monkeypatch.setattr(
        review_dialogs, "ReviewApproveDialog", fake_dialog(values=("Margaret Hollis", TODAY))
    )
    tab.approve_action.trigger()
    assert tab.review is not None and tab.review.status == ReviewStatus.APPROVED
    assert tab.narrative.isReadOnly() and not tab.decision_action.isEnabled()

    monkeypatch.setattr(
        review_dialogs, "ReviewRevisionDialog", fake_dialog(reason="A decision was left out")
    )
    tab.revision_action.trigger()
    assert tab.review.status == ReviewStatus.HELD and tab.review.minutes_revision == 2
    assert "Revision 2 of the minutes" in tab.banner.text()
    assert tab.decision_action.isEnabled() and not tab.narrative.isReadOnly()
    with demo_db.read() as s:
        assert [r.revision for r in reviews.approved_revisions(s, planned.id)] == [1]


def test_attendance_dialog_ticks_one_column_or_the_other(
    qtbot: Any, tab: ReviewsTab, monkeypatch: pytest.MonkeyPatch, demo_db: Database
) -> None:
    people = tab._people()
    dialog = review_dialogs.ReviewAttendanceDialog(
        tab, review="MR-X", people=people, attended=[people[0][0]], apologies=[], planned=False
    )
    qtbot.addWidget(dialog)
    assert dialog.chosen() == ([people[0][0]], [])
    dialog.set_row(people[0][0], 3)  # apologies instead: the attended tick goes
    dialog.set_row(people[1][0], 2)
    assert dialog.chosen() == ([people[1][0]], [people[0][0]])
    assert "1 ticked under Attended, 1 under Apologies" in dialog.ui.countsLabel.text()
    dialog.ui.filterEdit.setText(people[2][1].split()[0])
    tree = dialog.ui.peopleTree
    shown = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())
             if not tree.topLevelItem(i).isHidden()]  # fmt: skip
    assert people[2][1] in shown and len(shown) < len(people)
    # Through the tab: the chosen people are recorded.
    planned, _ = _reviews(demo_db)
    monkeypatch.setattr(
        review_dialogs,
        "ReviewAttendanceDialog",
        fake_dialog(chosen=([people[1][0]], [people[0][0]])),
    )
    tab.attendance_action.trigger()
    with demo_db.read() as s:
        rows = {a.name: a.role.value for a in reviews.attendance(s, planned.id)}
    assert rows == {people[1][1]: "attended", people[0][1]: "apologies"}


def test_ctrl_p_prints_the_minutes_and_the_agenda_prints_too(
    qtbot: Any, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = next(r for r in main_window.registers if isinstance(r, ReviewsTab))
    main_window.tabs.setCurrentWidget(tab)
    assert main_window.report_action.isEnabled()
    assert tab.approve_action.isVisible()  # this register's actions are the live ones
    target = tmp_path / "minutes.pdf"
    suggested: list[str] = []

    def answer(_parent: object, _title: str, start: str, _filter: str = "") -> tuple[str, str]:
        suggested.append(start)
        return str(target if len(suggested) == 1 else tmp_path / "agenda.pdf"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    tab.narrative.setPlainText("Typed just before printing.")
    with qtbot.waitSignal(main_window.job_finished, timeout=20_000):
        main_window.report_action.trigger()
    assert Path(suggested[0]).name.startswith(f"Minutes {tab.review.reference} ")  # type: ignore[union-attr]
    assert target.read_bytes().startswith(b"%PDF")
    with main_window.db.read() as s:  # type: ignore[union-attr]
        typed = {x.item: x.narrative for x in reviews.sections(s, tab.review.id)}  # type: ignore[union-attr]
    assert typed["9.3.2 a"] == "Typed just before printing."  # saved before printing
    tab.agenda_action.trigger()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=20_000)
    assert (tmp_path / "agenda.pdf").read_bytes().startswith(b"%PDF")
