"""The document register tab: search, filters, chips, and every change (dialogs replaced)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices

from qmsdesk.core import documents
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import ChangeRecord, DocStatus, DocType, RevisionStatus
from qmsdesk.core.documents import DocumentFields, DocumentQuery, RevisionFields
from qmsdesk.gui import dialogs
from qmsdesk.gui.documents_tab import DocumentsTab, suggest_next_label
from qmsdesk.gui.models.document_table_model import COLUMNS
from qmsdesk.gui.settings import Settings
from tests.gui import Messages, fake_dialog, messages, settings

__all__ = ["messages", "settings"]  # fixtures

COLUMN = {c.key: i for i, c in enumerate(COLUMNS)}
USER = "Quality Lead Test"


@pytest.fixture
def tab(qtbot: Any, demo_db: Database, settings: Settings) -> DocumentsTab:
    settings.user_name = USER
    widget = DocumentsTab(settings)
    qtbot.addWidget(widget)
    widget.set_database(demo_db)
    return widget


def shown_codes(tab: DocumentsTab) -> list[str]:
    model = tab.model
    return [model.data(model.index(r, COLUMN["code"])) for r in range(model.rowCount())]


def doc_id(db: Database, code: str) -> int:
    with db.read() as session:
        found = documents.id_for_code(session, code)
    assert found is not None
    return found


def history(db: Database, code: str) -> list[tuple[str, str, str, str, str]]:
    with db.read() as session:
        rows = session.execute(
            select(
                ChangeRecord.action,
                ChangeRecord.user,
                ChangeRecord.field,
                ChangeRecord.old_value,
                ChangeRecord.new_value,
            )
            .where(ChangeRecord.ref == code)
            .order_by(ChangeRecord.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def row_of(db: Database, code: str) -> documents.DocumentRow:
    with db.read() as session:
        return documents.get_row(session, doc_id(db, code))


def select_code(tab: DocumentsTab, db: Database, code: str) -> None:
    assert tab.select_document(doc_id(db, code))
    assert tab.selected_document() is not None
    assert tab.selected_document().code == code  # type: ignore[union-attr]


# --- finding -------------------------------------------------------------------------------------


def test_opens_with_every_document_and_the_first_selected(tab: DocumentsTab) -> None:
    assert tab.model.rowCount() == 41
    assert tab.selected_document() is not None
    assert tab.selected_document().code == shown_codes(tab)[0]  # type: ignore[union-attr]
    assert tab.shown_label.text() == "41 shown"
    assert tab.search.placeholderText() == "Search code, title, owner, note"


def test_typing_in_the_search_box_filters(qtbot: Any, tab: DocumentsTab) -> None:
    qtbot.keyClicks(tab.search, "calib")
    assert shown_codes(tab) == ["QP-07-03", "R-07-01"]
    assert tab.shown_label.text() == "2 of 41 shown"
    assert tab.selected_document() is not None
    tab.search.clear()
    tab.search.setText("ŻÓŁĆ")  # QTest types ASCII only
    qtbot.keyClicks(tab.search, " form")  # an owner and a word of titles, in any case
    assert shown_codes(tab) == ["F-08-02", "QP-07-01", "QP-08-08", "QP-10-01"]
    tab.search.clear()
    assert tab.model.rowCount() == 41


def test_status_type_and_owner_filters(tab: DocumentsTab, demo_db: Database) -> None:
    combo = tab.status_combo
    combo.setCurrentIndex(combo.findData(DocStatus.OBSOLETE.value))
    assert shown_codes(tab) == ["WI-PRD-04"]
    combo.setCurrentIndex(combo.findData(DocStatus.DRAFT.value))
    assert shown_codes(tab) == ["QP-08-09"]
    combo.setCurrentIndex(combo.findData("current"))
    assert len(shown_codes(tab)) == 40 and "WI-PRD-04" not in shown_codes(tab)
    combo.setCurrentIndex(combo.findData("all"))

    tab.type_combo.setCurrentIndex(tab.type_combo.findData(DocType.FORM.value))
    assert shown_codes(tab) == ["F-07-01", "F-08-01", "F-08-02", "F-08-03", "F-09-01"]
    tab.type_combo.setCurrentIndex(0)

    index = tab.owner_combo.findText("Aisha Khan")
    assert index > 0
    tab.owner_combo.setCurrentIndex(index)
    with demo_db.read() as session:
        expected = {r.code for r in documents.all_rows(session, DocumentQuery(owner="Aisha Khan"))}
    assert set(shown_codes(tab)) == expected and len(expected) >= 2
    tab.clear_filters()
    assert tab.model.rowCount() == 41


def test_overdue_chip_shows_only_overdue_documents_with_a_text_marker(
    tab: DocumentsTab, demo_db: Database
) -> None:
    on = today()
    with demo_db.read() as session:
        counts = documents.counts(session)
        overdue = {
            r.code for r in documents.all_rows(session) if r.next_review and r.next_review < on
        }
    assert counts.overdue == len(overdue) > 0
    assert tab.overdue_chip.text() == f"&Overdue ({counts.overdue})"
    tab.overdue_chip.click()
    assert set(shown_codes(tab)) == overdue
    for row in range(tab.model.rowCount()):
        cell = tab.model.data(tab.model.index(row, COLUMN["next_review"]))
        assert cell.endswith("overdue"), cell  # a text, not colour alone

    tab.due_chip.click()  # the chips take turns
    assert not tab.overdue_chip.isChecked()
    texts = [
        tab.model.data(tab.model.index(r, COLUMN["next_review"]))
        for r in range(tab.model.rowCount())
    ]
    # The chip, its rows and the status bar all say the same number (overdue ones apart).
    assert tab.due_chip.text() == f"Due within &30 days ({counts.due_soon})"
    assert len(texts) == counts.due_soon > 0
    assert all(t.endswith("due soon") for t in texts)
    assert f"{counts.due_soon} more due within 30 days" in tab.status_text()
    tab.due_chip.click()
    assert tab.model.rowCount() == 41


# --- changing ------------------------------------------------------------------------------------


def test_new_document_through_the_dialog(
    tab: DocumentsTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    fields = DocumentFields(
        code="QP-10-02",
        title="Continual improvement",
        doc_type=DocType.PROCEDURE,
        owner="Łukasz Żółć",
        process="Quality",
        clauses=("10.3",),
    )
    fake = fake_dialog(result_fields=fields)
    monkeypatch.setattr(dialogs, "DocumentDialog", fake)
    tab.search.setText("calibration")  # hides the new document: the tab shows everything again
    tab.new_action.trigger()
    made = fake.made[0]
    assert made.kwargs["initial"] is None
    assert made.kwargs["workflow_locked"] is False
    assert "Łukasz Żółć" in made.kwargs["owners"]
    assert "Quality" in made.kwargs["processes"]
    row = row_of(demo_db, "QP-10-02")
    assert row.title == "Continual improvement" and row.clauses == "10.3"
    assert tab.selected_document() is not None
    assert tab.selected_document().code == "QP-10-02"  # type: ignore[union-attr]
    assert tab.search.text() == ""
    assert history(demo_db, "QP-10-02")[0][:2] == ("create", USER)


def test_cancelled_dialog_changes_nothing(
    tab: DocumentsTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "DocumentDialog", fake_dialog(accept=False))
    before = history(demo_db, "EXT-01")
    select_code(tab, demo_db, "EXT-01")
    tab.edit_action.trigger()
    assert history(demo_db, "EXT-01") == before


def test_edit_records_history_and_keeps_the_selection(
    tab: DocumentsTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    select_code(tab, demo_db, "QP-07-03")
    old = row_of(demo_db, "QP-07-03")
    changed = DocumentFields(**{**old.fields().__dict__, "title": "Calibration of gauges"})
    fake = fake_dialog(result_fields=changed)
    monkeypatch.setattr(dialogs, "DocumentDialog", fake)
    tab.edit_action.trigger()
    assert fake.made[0].kwargs["initial"] == old.fields()
    assert fake.made[0].kwargs["workflow_locked"] is True  # it has revisions
    assert row_of(demo_db, "QP-07-03").title == "Calibration of gauges"
    assert ("edit", USER, "Title", old.title, "Calibration of gauges") in history(
        demo_db, "QP-07-03"
    )
    assert tab.selected_document().title == "Calibration of gauges"  # type: ignore[union-attr]
    assert tab.details.heading.text() == "QP-07-03  Calibration of gauges"


def test_refusal_from_the_core_is_shown_and_nothing_written(
    tab: DocumentsTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch, messages: Messages
) -> None:
    select_code(tab, demo_db, "QP-07-03")
    old = row_of(demo_db, "QP-07-03")
    clash = DocumentFields(**{**old.fields().__dict__, "code": "QP-07-01"})
    monkeypatch.setattr(dialogs, "DocumentDialog", fake_dialog(result_fields=clash))
    tab.edit_action.trigger()
    assert messages.texts("warning") == ["Code: another document already has the code 'QP-07-01'."]
    assert row_of(demo_db, "QP-07-03") == old


def test_enter_and_double_click_edit(
    qtbot: Any, tab: DocumentsTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_dialog(accept=False)
    monkeypatch.setattr(dialogs, "DocumentDialog", fake)
    select_code(tab, demo_db, "QM-01")
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert len(fake.made) == 1 and fake.made[0].kwargs["initial"].code == "QM-01"
    tab.table.doubleClicked.emit(tab.table.currentIndex())
    assert len(fake.made) == 2


def test_revise_then_approve(
    tab: DocumentsTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    select_code(tab, demo_db, "QP-07-01")
    before = row_of(demo_db, "QP-07-01")
    earlier = history(demo_db, "QP-07-01")
    assert before.revision == "D"
    attached = tmp_path / "QP-07-01 rev E.pdf"
    attached.write_bytes(b"%PDF-1.4 new revision")
    revision = RevisionFields("E", today(), "Clause numbering updated", USER, attached)
    fake_revision = fake_dialog(result_fields=revision)
    monkeypatch.setattr(dialogs, "RevisionDialog", fake_revision)
    assert tab.revise_action.isEnabled() and not tab.approve_action.isEnabled()
    tab.revise_action.trigger()
    assert fake_revision.made[0].kwargs == {
        "document_code": "QP-07-01",
        "suggested_label": "E",
        "author": USER,
    }
    with demo_db.read() as session:
        revisions = documents.revisions_of(session, before.id)
    draft = revisions[0]
    assert (draft.label, draft.status) == ("E", RevisionStatus.DRAFT)
    assert draft.attachment_name == "QP-07-01 rev E.pdf"
    assert draft.attachment_sha256 == hashlib.sha256(attached.read_bytes()).hexdigest()
    assert (demo_db.attachments_dir / draft.attachment_path).read_bytes() == attached.read_bytes()
    assert row_of(demo_db, "QP-07-01").revision == "D"  # in force until approved
    assert tab.approve_action.isEnabled() and not tab.revise_action.isEnabled()
    assert tab.details.revisions.topLevelItem(0).text(0) == "E"

    fake_approve = fake_dialog(result_values=("Margaret Hollis", today(), today()))
    monkeypatch.setattr(dialogs, "ApproveDialog", fake_approve)
    tab.approve_action.trigger()
    assert fake_approve.made[0].kwargs["revision_label"] == "E"
    after = row_of(demo_db, "QP-07-01")
    assert (after.revision, after.status, after.effective_date) == (
        "E",
        DocStatus.EFFECTIVE,
        today(),
    )
    with demo_db.read() as session:
        statuses = {r.label: r.status for r in documents.revisions_of(session, before.id)}
    assert statuses["E"] == RevisionStatus.EFFECTIVE
    assert statuses["D"] == RevisionStatus.SUPERSEDED
    new_rows = history(demo_db, "QP-07-01")[len(earlier) :]
    assert [h[0] for h in new_rows if h[0] == "revise"] and new_rows[-1][0] == "approve"
    assert {h[0] for h in new_rows} == {"revise", "approve"}
    assert {h[1] for h in new_rows} == {USER}
    assert ("approve", USER, "Approved by", "", "Margaret Hollis") in history(demo_db, "QP-07-01")


def test_open_attachment_opens_the_stored_file(
    tab: DocumentsTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    attached = tmp_path / "form.xlsx"
    attached.write_bytes(b"not really a workbook")
    with demo_db.write() as session:
        documents.add_revision(
            session,
            doc_id(demo_db, "F-07-01"),
            RevisionFields("C", today(), "New layout", USER, attached),
            user=USER,
            attachments_dir=demo_db.attachments_dir,
        )
    tab.reload()
    select_code(tab, demo_db, "F-07-01")
    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    assert tab.details.open_button.isEnabled()
    tab.details.open_button.click()
    assert len(opened) == 1
    path = Path(opened[0].toLocalFile())
    assert path.read_bytes() == attached.read_bytes()
    assert path.is_relative_to(demo_db.attachments_dir.resolve())


def test_make_obsolete_greys_the_row(
    tab: DocumentsTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    select_code(tab, demo_db, "WI-PRD-01")
    fake = fake_dialog(reason="Machine sold")
    monkeypatch.setattr(dialogs, "ObsoleteDialog", fake)
    tab.obsolete_action.trigger()
    assert fake.made[0].kwargs == {"document_code": "WI-PRD-01"}
    row = row_of(demo_db, "WI-PRD-01")
    assert row.status == DocStatus.OBSOLETE and row.obsolete_reason.startswith("Machine sold")
    assert any(h[0] == "obsolete" for h in history(demo_db, "WI-PRD-01"))
    index = tab.model.index(tab.model.row_for_id(row.id), COLUMN["title"])  # type: ignore[arg-type]
    assert tab.model.data(index, Qt.ItemDataRole.FontRole).italic()
    assert not tab.obsolete_action.isEnabled() and not tab.revise_action.isEnabled()


def test_delete_asks_first_and_shows_the_core_refusal(
    tab: DocumentsTab, demo_db: Database, messages: Messages
) -> None:
    select_code(tab, demo_db, "QM-01")  # in effect: the core refuses
    tab.delete_action.trigger()
    assert messages.shown[0][0] == "question"
    assert "cannot be deleted" in messages.texts("warning")[0]
    assert row_of(demo_db, "QM-01").code == "QM-01"

    select_code(tab, demo_db, "QP-08-09")  # a draft that never took effect
    messages.answer = messages.answer.No
    tab.delete_action.trigger()
    assert row_of(demo_db, "QP-08-09").code == "QP-08-09"
    messages.answer = messages.answer.Yes
    tab.delete_action.trigger()
    with demo_db.read() as session:
        assert documents.id_for_code(session, "QP-08-09") is None
    assert "QP-08-09" not in shown_codes(tab)
    assert history(demo_db, "QP-08-09")[-1][0] == "delete"
    assert tab.selected_document() is not None  # the next one is selected


def test_mark_reviewed_moves_the_next_review(
    tab: DocumentsTab, demo_db: Database, messages: Messages
) -> None:
    select_code(tab, demo_db, "QP-06-01")
    before = row_of(demo_db, "QP-06-01")
    assert before.review_months
    tab.reviewed_action.trigger()
    after = row_of(demo_db, "QP-06-01")
    assert after.last_reviewed == today()
    assert after.next_review == add_months(today(), before.review_months)
    assert history(demo_db, "QP-06-01")[-1][:3] == ("review", USER, "Last reviewed")
    with demo_db.read() as session:
        assert tab.counts == documents.counts(session)


def test_history_dialog_gets_the_documents_changes(
    tab: DocumentsTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    select_code(tab, demo_db, "QP-07-02")
    fake = fake_dialog()
    monkeypatch.setattr(dialogs, "HistoryDialog", fake)
    tab.history_action.trigger()
    kwargs = fake.made[0].kwargs
    assert kwargs["title"] == "QP-07-02"  # the window says "Change history: QP-07-02"
    assert kwargs["rows"] and all(r.ref == "QP-07-02" for r in kwargs["rows"])
    assert kwargs["rows"][0].at >= kwargs["rows"][-1].at  # newest first


def test_read_only_disables_every_change(qtbot: Any, demo_path: Path, settings: Settings) -> None:
    from qmsdesk.core.db import open_database

    widget = DocumentsTab(settings)
    qtbot.addWidget(widget)
    with open_database(demo_path, read_only=True) as db:
        widget.set_database(db, read_only=True)
        assert widget.selected_document() is not None  # the details (and actions) are read
        for action in widget.edit_actions() + [a for a in widget.menu_actions() if a]:
            assert action.isEnabled() == (action is widget.history_action), action.text()
        widget.set_database(None)


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ([], "A"),
        (["C", "B", "A"], "D"),
        (["03", "02"], "04"),
        (["1.9"], "1.10"),
        (["Rev 2"], "Rev 3"),
        (["B", "c"], "D"),  # C is taken (any case)
        (["Z"], ""),
        (["final"], ""),
    ],
)
def test_suggest_next_label(labels: list[str], expected: str) -> None:
    assert suggest_next_label(labels) == expected


def test_details_pane_shows_fields_revisions_and_review_marker(
    tab: DocumentsTab, demo_db: Database
) -> None:
    on = today()
    with demo_db.write() as session:
        documents.update_document(
            session,
            doc_id(demo_db, "QP-09-01"),
            DocumentFields(
                **{
                    **row_of(demo_db, "QP-09-01").fields().__dict__,
                    "effective_date": on - dt.timedelta(days=800),
                    "review_months": 24,
                    "location": "https://intranet.example/qp-09-01",
                }
            ),
            user=USER,
        )
    tab.reload()
    select_code(tab, demo_db, "QP-09-01")
    details = tab.details
    assert details.values["next_review"].text().endswith("overdue</b></span>")
    assert 'href="https://intranet.example/qp-09-01"' in details.values["location"].text()
    assert details.revisions.topLevelItemCount() >= 1
    assert "recorded change" in details.history_label.text()


def test_an_empty_list_says_why(
    qtbot: Any, tab: DocumentsTab, db: Database, settings: Settings
) -> None:
    assert not tab.empty_label.isVisibleTo(tab)
    tab.search.setText("no such words")
    assert tab.model.rowCount() == 0
    assert tab.empty_label.isVisibleTo(tab)
    assert "No document matches “no such words”" in tab.empty_label.text()
    tab.clear_filters()
    assert not tab.empty_label.isVisibleTo(tab)

    empty = DocumentsTab(settings)
    qtbot.addWidget(empty)
    empty.set_database(db)
    assert empty.empty_label.isVisibleTo(empty)
    assert empty.empty_label.text().startswith("The register is empty.")
