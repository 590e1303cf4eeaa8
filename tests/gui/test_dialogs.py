"""The register's dialogs: filled as a user would, accepted, and their results checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from qmsdesk.core import documents
from qmsdesk.core.company import CompanyInfo
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import DocStatus, DocType
from qmsdesk.core.documents import DocumentFields
from qmsdesk.core.errors import Problem
from qmsdesk.core.exchange.workbook import (
    Action,
    FieldChange,
    ImportPlan,
    PlanItem,
    SheetPlan,
)
from qmsdesk.core.history import ChangeRow
from qmsdesk.gui.dialogs import (
    ApproveDialog,
    DocumentDialog,
    ErrorDialog,
    HistoryDialog,
    ImportPreviewDialog,
    ObsoleteDialog,
    PreferencesDialog,
    RevisionDialog,
    show_error,
)
from qmsdesk.gui.dialogs._common import format_date
from qmsdesk.gui.dialogs.history import local_time
from qmsdesk.paths import resource

# The offscreen platform cannot pass a shown window's size limits on, and says so; nothing else
# may be logged.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

OK = QDialogButtonBox.StandardButton.Ok

SAMPLE = DocumentFields(
    code="QP-07-01",
    title="Control of documented information",
    doc_type=DocType.PROCEDURE,
    status=DocStatus.EFFECTIVE,
    process="Quality",
    owner="Łukasz Żółć",
    revision="C",
    effective_date=dt.date(2025, 3, 1),
    review_months=24,
    last_reviewed=dt.date(2025, 9, 15),
    location="S:/QMS/Procedures/QP-07-01.docx",
    retention="3 years",
    clauses=("7.5", "7.5.3", "8.4.1"),
    note="Covers paper and electronic documents.\nSecond line.",
)


def _document_dialog(qtbot, initial=None, locked=False) -> DocumentDialog:  # type: ignore[no-untyped-def]
    dialog = DocumentDialog(
        None,
        initial=initial,
        owners=["Anna Nowak", "Łukasz Żółć"],
        processes=["Production", "Quality"],
        workflow_locked=locked,
    )
    qtbot.addWidget(dialog)
    return dialog


def _pick(combo, label: str) -> None:  # type: ignore[no-untyped-def]
    index = combo.findText(label)
    assert index >= 0, label
    combo.setCurrentIndex(index)


def _click_ok(dialog: QDialog) -> None:
    dialog.ui.buttonBox.button(OK).click()  # type: ignore[attr-defined]


# --- DocumentDialog --------------------------------------------------------------------------


def test_new_document_typed_in_is_returned_as_fields(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _document_dialog(qtbot)
    ui = dialog.ui
    assert dialog.windowTitle() == "New document"
    qtbot.keyClicks(ui.codeEdit, "  WI-08-03 ")
    qtbot.keyClicks(ui.titleEdit, "Deburring of turned parts")
    _pick(ui.typeCombo, "Work instruction")
    qtbot.keyClicks(ui.processCombo.lineEdit(), "Machining")
    _pick(ui.ownerCombo, "Anna Nowak")
    qtbot.keyClicks(ui.retentionEdit, "Until superseded")
    dialog._clause_items["8.5.1"].setCheckState(0, Qt.CheckState.Checked)
    dialog._clause_items["7.1.5"].setCheckState(0, Qt.CheckState.Checked)
    ui.noteEdit.setPlainText("Use the blue fixture.")

    _click_ok(dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_fields() == DocumentFields(
        code="WI-08-03",
        title="Deburring of turned parts",
        doc_type=DocType.WORK_INSTRUCTION,
        status=DocStatus.DRAFT,
        process="Machining",
        owner="Anna Nowak",
        retention="Until superseded",
        clauses=("7.1.5", "8.5.1"),
        note="Use the blue fixture.",
    )


def test_existing_document_round_trips_unchanged(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _document_dialog(qtbot, SAMPLE)
    ui = dialog.ui
    assert dialog.selected_clauses() == ["7.5", "7.5.3", "8.4.1"]
    assert ui.clauseSummaryLabel.text() == "Ticked: 7.5, 7.5.3, 8.4.1"
    assert ui.ownerCombo.currentText() == "Łukasz Żółć"
    assert ui.statusCombo.currentText() == "Approved / effective"
    _click_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_fields() == SAMPLE


def test_dialog_result_is_accepted_by_the_core(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    dialog = _document_dialog(qtbot, SAMPLE)
    _click_ok(dialog)
    assert dialog.approval() is None  # an existing document is approved through its revisions
    with db.write() as session:
        approval = documents.Approval("Margaret Hollis", dt.date(2025, 9, 15))
        doc_id = documents.create_document(session, dialog.result_fields(), "Anna", approval)
    with db.read() as session:
        row = documents.get_row(session, doc_id)
    assert row.fields() == SAMPLE
    assert row.next_review == add_months(dt.date(2025, 9, 15), 24)


def test_core_problems_are_shown_and_the_dialog_stays_open(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _document_dialog(qtbot)
    ui = dialog.ui
    dialog.show()
    qtbot.keyClicks(ui.codeEdit, "QP-05-01")
    qtbot.keyClicks(ui.titleEdit, "Quality policy")
    _pick(ui.statusCombo, "Approved / effective")  # without an effective date

    _click_ok(dialog)

    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert ui.problemsLabel.isVisible()
    assert "Effective date: An approved/effective document needs an effective date." in (
        ui.problemsLabel.text()
    )
    assert dialog.focusWidget() is ui.effectiveCheck
    with pytest.raises(RuntimeError):
        dialog.result_fields()

    ui.effectiveCheck.setChecked(True)
    ui.effectiveDateEdit.setDate(QDate(2026, 1, 5))
    _click_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_fields().effective_date == dt.date(2026, 1, 5)


def test_missing_code_and_title_are_listed_and_code_gets_focus(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _document_dialog(qtbot)
    dialog.show()
    qtbot.keyClick(dialog.ui.retentionEdit, Qt.Key.Key_Return)  # Enter means OK
    text = dialog.ui.problemsLabel.text()
    assert "Code: A document code is required" in text
    assert "Title: A title is required." in text
    assert dialog.isVisible()
    assert dialog.focusWidget() is dialog.ui.codeEdit


def test_title_and_code_are_limited_to_the_core_lengths(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _document_dialog(qtbot)
    qtbot.keyClicks(dialog.ui.titleEdit, "x" * 200)
    assert len(dialog.ui.titleEdit.text()) == documents.MAX_LENGTHS["title"] == 150
    assert dialog.ui.codeEdit.maxLength() == documents.MAX_LENGTHS["code"]
    assert dialog.ui.ownerCombo.lineEdit().maxLength() == documents.MAX_LENGTHS["owner"]


def test_next_review_is_computed_live(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _document_dialog(qtbot)
    ui = dialog.ui
    assert "no periodic review" in ui.nextReviewValue.text()
    ui.reviewMonthsSpin.setValue(12)
    assert "Not yet known" in ui.nextReviewValue.text()
    ui.effectiveCheck.setChecked(True)
    ui.effectiveDateEdit.setDate(QDate(2026, 1, 31))
    assert ui.nextReviewValue.text().startswith(format_date(dt.date(2027, 1, 31)))
    ui.reviewMonthsSpin.setValue(1)
    assert ui.nextReviewValue.text().startswith(format_date(dt.date(2026, 2, 28)))
    ui.lastReviewedCheck.setChecked(True)
    ui.lastReviewedEdit.setDate(QDate(2026, 5, 10))
    assert ui.nextReviewValue.text().startswith(format_date(dt.date(2026, 6, 10)))
    assert "last review" in ui.nextReviewValue.text()
    _pick(ui.statusCombo, "Obsolete")
    assert "obsolete documents are not reviewed" in ui.nextReviewValue.text()


def test_unticked_dates_are_empty(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _document_dialog(qtbot, SAMPLE)
    ui = dialog.ui
    assert ui.lastReviewedEdit.isEnabled()
    ui.lastReviewedCheck.setChecked(False)
    assert not ui.lastReviewedEdit.isEnabled()
    assert ui.lastReviewedEdit.text() == "No date"
    _click_ok(dialog)
    assert dialog.result_fields().last_reviewed is None
    # Ticking again offers the date that was there before.
    ui.lastReviewedCheck.setChecked(True)
    assert ui.lastReviewedEdit.date() == QDate(2025, 9, 15)


def test_workflow_lock_makes_revision_status_and_effective_date_read_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _document_dialog(qtbot, SAMPLE, locked=True)
    ui = dialog.ui
    assert ui.workflowHintLabel.isVisibleTo(dialog)
    assert "New revision" in ui.workflowHintLabel.text()
    for widget in (ui.revisionEdit, ui.statusCombo, ui.effectiveCheck, ui.effectiveDateEdit):
        assert not widget.isEnabled(), widget.objectName()
    assert ui.titleEdit.isEnabled() and ui.reviewMonthsSpin.isEnabled()
    ui.titleEdit.setText("Control of documents and records")
    _click_ok(dialog)
    result = dialog.result_fields()
    assert (result.revision, result.status, result.effective_date) == (
        "C",
        DocStatus.EFFECTIVE,
        SAMPLE.effective_date,
    )
    assert result.title == "Control of documents and records"

    unlocked = _document_dialog(qtbot, SAMPLE)
    assert not unlocked.ui.workflowHintLabel.isVisibleTo(unlocked)
    assert unlocked.ui.statusCombo.isEnabled() and unlocked.ui.revisionEdit.isEnabled()


def test_obsolete_reason_only_shows_for_obsolete_documents(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _document_dialog(qtbot, SAMPLE)
    ui = dialog.ui
    assert not ui.obsoleteReasonEdit.isVisibleTo(dialog)
    _pick(ui.statusCombo, "Obsolete")
    assert ui.obsoleteReasonEdit.isVisibleTo(dialog)
    _click_ok(dialog)
    assert "Obsolete reason: Say why the document is obsolete." in ui.problemsLabel.text()
    qtbot.keyClicks(ui.obsoleteReasonEdit, "Replaced by QP-07-04")
    _click_ok(dialog)
    assert dialog.result_fields().obsolete_reason == "Replaced by QP-07-04"
    assert dialog.result_fields().status == DocStatus.OBSOLETE


def test_clause_filter_keeps_matches_and_their_parents(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _document_dialog(qtbot)
    items = dialog._clause_items
    assert len(items) == 89
    assert items["7.5.3.2"].parent() is items["7.5.3"]  # indented by depth
    qtbot.keyClicks(dialog.ui.clauseFilterEdit, "traceab")
    visible = sorted(n for n, item in items.items() if not item.isHidden())
    assert visible == ["7", "7.1", "7.1.5", "7.1.5.2", "8", "8.5", "8.5.2"]
    dialog.ui.clauseFilterEdit.clear()
    assert not any(item.isHidden() for item in items.values())


def test_browse_fills_the_location(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    chosen = tmp_path / "QP-07-01 rev C.pdf"
    dialog = _document_dialog(qtbot)
    monkeypatch.setattr(dialog, "_choose_location", lambda: str(chosen))
    qtbot.mouseClick(dialog.ui.browseLocationButton, Qt.MouseButton.LeftButton)
    assert dialog.ui.locationEdit.text() == str(chosen)


# --- RevisionDialog and ApproveDialog --------------------------------------------------------


def test_revision_dialog_with_attachment(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    attachment = tmp_path / "QP-07-01 rev D.docx"
    attachment.write_bytes(b"x" * 2048)
    dialog = RevisionDialog(None, document_code="QP-07-01", suggested_label="D", author="Anna")
    qtbot.addWidget(dialog)
    ui = dialog.ui
    ok = ui.buttonBox.button(OK)
    assert ui.labelEdit.text() == "D"
    assert ui.dateEdit.date() == QDate.currentDate()
    assert not ok.isEnabled()  # the change summary is required

    monkeypatch.setattr(dialog, "_choose_file", lambda: attachment)
    qtbot.mouseClick(ui.chooseFileButton, Qt.MouseButton.LeftButton)
    assert ui.attachmentNameLabel.text() == "QP-07-01 rev D.docx (2 KB)"
    assert ui.removeFileButton.isEnabled()
    qtbot.keyClicks(ui.summaryEdit, "Added the rules for external documents.")
    assert ok.isEnabled()
    ui.dateEdit.setDate(QDate(2026, 2, 14))
    _click_ok(dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_fields() == documents.RevisionFields(
        label="D",
        revision_date=dt.date(2026, 2, 14),
        summary="Added the rules for external documents.",
        author="Anna",
        attachment=attachment,
    )


def test_revision_dialog_file_can_be_removed_and_label_is_required(
    qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    attachment = tmp_path / "draft.pdf"
    attachment.write_bytes(b"%PDF")
    dialog = RevisionDialog(None, document_code="QP-07-01", suggested_label="", author="")
    qtbot.addWidget(dialog)
    ui = dialog.ui
    monkeypatch.setattr(dialog, "_choose_file", lambda: attachment)
    ui.chooseFileButton.click()
    ui.removeFileButton.click()
    assert ui.attachmentNameLabel.text() == "No file attached"
    qtbot.keyClicks(ui.summaryEdit, "First issue")
    assert not ui.buttonBox.button(OK).isEnabled()
    qtbot.keyClicks(ui.labelEdit, "A")
    _click_ok(dialog)
    fields = dialog.result_fields()
    assert (fields.label, fields.attachment, fields.author) == ("A", None, "")


def test_approve_dialog_dates(qtbot) -> None:  # type: ignore[no-untyped-def]
    revision_date = today() - dt.timedelta(days=10)
    dialog = ApproveDialog(
        None,
        document_code="QP-07-01",
        revision_label="D",
        revision_date=revision_date,
        approver="Mark Ørsted",
    )
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert ui.approvedOnEdit.minimumDate() == QDate(revision_date)
    assert ui.approvedOnEdit.maximumDate() == QDate.currentDate()
    assert ui.approvedOnEdit.date() == QDate.currentDate()

    # The effective date follows the approval date until it is set apart.
    ui.approvedOnEdit.setDate(QDate(revision_date).addDays(2))
    assert ui.effectiveEdit.date() == QDate(revision_date).addDays(2)
    assert ui.effectiveEdit.minimumDate() == QDate(revision_date).addDays(2)
    later = QDate.currentDate().addDays(30)
    ui.effectiveEdit.setDate(later)
    ui.approvedOnEdit.setDate(QDate(revision_date).addDays(3))
    assert ui.effectiveEdit.date() == later

    ui.approverEdit.clear()
    assert not ui.buttonBox.button(OK).isEnabled()
    qtbot.keyClicks(ui.approverEdit, "Mark Ørsted ")
    _click_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_values() == (
        "Mark Ørsted",
        revision_date + dt.timedelta(days=3),
        later.toPython(),
    )


def test_approve_dialog_refuses_a_revision_dated_in_the_future(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ApproveDialog(
        None,
        document_code="QP-07-01",
        revision_label="E",
        revision_date=today() + dt.timedelta(days=3),
        approver="Mark",
    )
    qtbot.addWidget(dialog)
    assert not dialog.ui.buttonBox.button(OK).isEnabled()
    assert "after today" in dialog.ui.problemsLabel.text()


# --- ObsoleteDialog --------------------------------------------------------------------------


def test_obsolete_dialog_needs_a_reason(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ObsoleteDialog(None, document_code="QP-07-01")
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.ui.buttonBox.button(OK)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.ui.reasonEdit, "   ")
    assert not ok.isEnabled()
    qtbot.keyClick(dialog.ui.reasonEdit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter does nothing without a reason
    qtbot.keyClicks(dialog.ui.reasonEdit, "Replaced by QP-07-04")
    assert ok.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.ui.reasonEdit, Qt.Key.Key_Return)
    assert dialog.reason() == "Replaced by QP-07-04"


def test_escape_cancels(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ObsoleteDialog(None, document_code="QP-07-01")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ui.reasonEdit, "whatever")
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.keyClick(dialog.ui.reasonEdit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


# --- HistoryDialog ---------------------------------------------------------------------------

HISTORY = [
    ChangeRow(dt.datetime(2026, 3, 1, 9, 30), "Anna", "approve", "QP-07-01", "Revision", "B", "C"),
    ChangeRow(
        dt.datetime(2026, 3, 1, 9, 30),
        "Anna",
        "approve",
        "QP-07-01",
        "Status",
        "draft",
        "effective",
    ),
    ChangeRow(
        dt.datetime(2026, 1, 30, 14, 0),
        "Łukasz",
        "revise",
        "QP-07-01",
        "Change summary",
        "",
        "Added a section\twith a tab",
    ),
    ChangeRow(dt.datetime(2025, 1, 25, 8, 0), "Zoe", "create", "QP-07-01", "Title", "", "Docs"),
]


def _history_text(dialog: HistoryDialog, column: int) -> list[str]:
    model = dialog.ui.table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_history_dialog_shows_rows_in_local_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = HistoryDialog(None, title="QP-07-01 Control of documents", rows=HISTORY)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 4
    assert _history_text(dialog, 2) == ["Approved", "Approved", "New revision", "Created"]
    # Rows come newest first (highest id first); the fields of one action are shown in the order
    # they were written, so Status (the lower id here) comes before Revision.
    assert _history_text(dialog, 3) == ["Status", "Revision", "Change summary", "Title"]
    expected_local = local_time(dt.datetime(2026, 1, 30, 14, 0))
    assert expected_local.tzinfo is None
    assert expected_local == dt.datetime(2026, 1, 30, 14, 0, tzinfo=dt.UTC).astimezone().replace(
        tzinfo=None
    )
    assert _history_text(dialog, 0)[2].endswith(expected_local.strftime("%H:%M"))
    assert _history_text(dialog, 4)[:2] == ["Draft", "B"]  # Status stored as 'draft'
    assert _history_text(dialog, 5)[:2] == ["Approved / effective", "C"]


def test_history_dialog_sorts_and_copies(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = HistoryDialog(None, title="QP-07-01", rows=HISTORY)
    qtbot.addWidget(dialog)
    dialog.ui.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert _history_text(dialog, 1) == ["Anna", "Anna", "Łukasz", "Zoe"]
    dialog.ui.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _history_text(dialog, 1) == ["Zoe", "Łukasz", "Anna", "Anna"]

    qtbot.mouseClick(dialog.ui.copyButton, Qt.MouseButton.LeftButton)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0] == "When\tWho\tAction\tField\tOld value\tNew value"
    assert len(lines) == 5
    cells = lines[2].split("\t")
    assert cells[1:] == [
        "Łukasz",
        "New revision",
        "Change summary",
        "",
        "Added a section with a tab",
    ]
    assert dialog.ui.copiedLabel.text() == "Copied 4 lines."


def test_history_dialog_without_rows(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = HistoryDialog(None, title="QP-09-09", rows=[])
    qtbot.addWidget(dialog)
    assert "No changes" in dialog.ui.introLabel.text()
    assert not dialog.ui.copyButton.isEnabled()


# --- PreferencesDialog -----------------------------------------------------------------------


def test_preferences_logo_load_and_remove(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    logo = resource("icons", "qmsdesk-64.png")
    dialog = PreferencesDialog(None, user_name="Anna", company=CompanyInfo("Acme", None))
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert ui.logoPreview.text() == "No logo"
    assert not ui.removeLogoButton.isEnabled()

    monkeypatch.setattr(dialog, "_choose_logo", lambda: logo)
    qtbot.mouseClick(ui.chooseLogoButton, Qt.MouseButton.LeftButton)
    assert not ui.logoPreview.pixmap().isNull()
    assert ui.removeLogoButton.isEnabled()
    ui.userNameEdit.setText(" Anna Nowak ")
    ui.companyNameEdit.setText("Acme Precision Ltd")
    assert dialog.values() == ("Anna Nowak", "Acme Precision Ltd", logo.read_bytes())

    not_a_picture = tmp_path / "logo.png"
    not_a_picture.write_text("hello")
    monkeypatch.setattr(dialog, "_choose_logo", lambda: not_a_picture)
    ui.chooseLogoButton.click()
    assert "logo.png is not a PNG or JPEG picture." in ui.problemsLabel.text()
    assert dialog.values()[2] == logo.read_bytes()  # the good logo stays

    qtbot.mouseClick(ui.removeLogoButton, Qt.MouseButton.LeftButton)
    assert dialog.values() == ("Anna Nowak", "Acme Precision Ltd", None)
    assert ui.logoPreview.text() == "No logo"


def test_preferences_show_the_stored_logo(qtbot) -> None:  # type: ignore[no-untyped-def]
    data = resource("icons", "qmsdesk-256.png").read_bytes()
    dialog = PreferencesDialog(None, user_name="", company=CompanyInfo("Acme", data))
    qtbot.addWidget(dialog)
    pixmap = dialog.ui.logoPreview.pixmap()
    assert not pixmap.isNull()
    assert pixmap.height() <= dialog.ui.logoPreview.height()  # scaled down to fit
    _click_ok(dialog)
    assert dialog.values() == ("", "Acme", data)


# --- ImportPreviewDialog ---------------------------------------------------------------------


def _plan(problems: list[Problem]) -> ImportPlan:
    sheet = SheetPlan(
        sheet="Documents",
        title="Documents",
        items=[
            PlanItem(Action.ADD, "QP-09-01", 3, (FieldChange("Title", "", "Audit programme"),)),
            PlanItem(
                Action.CHANGE,
                "QP-07-01",
                4,
                (FieldChange("Owner", "Anna", "Mark"), FieldChange("Retention", "", "3 years")),
            ),
            PlanItem(Action.UNCHANGED, "QP-07-02", 5),
        ],
    )
    return ImportPlan(
        path=Path("register.xlsx"), db_path=Path("company.qmsdb"), problems=problems, sheets=[sheet]
    )


def _table(view) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = view.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_import_preview_with_problems_cannot_import(qtbot) -> None:  # type: ignore[no-untyped-def]
    problems = [
        Problem("Documents", 7, "Effective date", "'31/02/2026' is not a date."),
        Problem("Revisions", None, None, "This sheet is empty."),
    ]
    dialog = ImportPreviewDialog(None, plan=_plan(problems))
    qtbot.addWidget(dialog)
    ui = dialog.ui
    button = ui.buttonBox.button(OK)
    assert button.text() == "&Import"
    assert not button.isEnabled()
    assert ui.tabs.currentWidget() is ui.problemsTab
    assert ui.blockedLabel.isVisibleTo(dialog)
    assert "Nothing will be written until every problem is fixed" in ui.blockedLabel.text()
    assert _table(ui.problemsTable) == [
        ["Documents", "7", "Effective date", "'31/02/2026' is not a date."],
        ["Revisions", "", "", "This sheet is empty."],
    ]
    assert ui.problemsTable.selectionModel().isRowSelected(0)
    assert ui.problemsTable.model().headerData(2, Qt.Orientation.Horizontal) == "Column"
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_import_preview_lists_additions_and_changed_fields(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ImportPreviewDialog(None, plan=_plan([]))
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert ui.buttonBox.button(OK).isEnabled()
    assert not ui.blockedLabel.isVisibleTo(dialog)
    assert ui.tabs.currentWidget() is ui.changesTab
    assert ui.summaryLabel.text() == "Documents: 1 to add, 1 to change, 1 unchanged"
    assert _table(ui.changesTable) == [
        ["Documents", "3", "Add", "QP-09-01", "Title: Audit programme"],
        [
            "Documents",
            "4",
            "Change",
            "QP-07-01",
            "Owner: Anna → Mark; Retention: (empty) → 3 years",
        ],
    ]
    _click_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted


# --- errors ----------------------------------------------------------------------------------


def test_error_dialog_copies_message_and_details(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ErrorDialog(
        None, title="Cannot open", message="The file is damaged.", details="Traceback: boom"
    )
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert not ui.detailsEdit.isVisibleTo(dialog)
    ui.detailsButton.click()
    assert ui.detailsEdit.isVisibleTo(dialog)
    assert ui.detailsEdit.toPlainText() == "Traceback: boom"
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(ui.copyButton, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "The file is damaged.\n\nTraceback: boom\n"


def test_show_error_waits_until_closed(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[str, str, bool]] = []

    def copy_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ErrorDialog)
        dialog.ui.copyButton.click()
        seen.append((dialog.windowTitle(), dialog.ui.messageLabel.text(), dialog.isVisible()))
        dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Close).click()

    QTimer.singleShot(0, copy_and_close)
    show_error(None, "Export failed", "The disk is full.", "OSError: [Errno 28]")
    assert seen == [("Export failed", "The disk is full.", True)]
    assert QGuiApplication.clipboard().text() == "The disk is full.\n\nOSError: [Errno 28]\n"


def test_error_without_details_hides_the_detail_buttons(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ErrorDialog(None, title="Problem", message="Nothing to import.")
    qtbot.addWidget(dialog)
    assert not dialog.ui.detailsButton.isVisibleTo(dialog)
    assert not dialog.ui.copyButton.isVisibleTo(dialog)


# --- keyboard --------------------------------------------------------------------------------


def _every_dialog() -> list[QDialog]:
    return [
        DocumentDialog(None, initial=SAMPLE, owners=[], processes=[], workflow_locked=False),
        RevisionDialog(None, document_code="QP-07-01", suggested_label="D", author="Anna"),
        ApproveDialog(
            None,
            document_code="QP-07-01",
            revision_label="D",
            revision_date=today(),
            approver="Anna",
        ),
        ObsoleteDialog(None, document_code="QP-07-01"),
        HistoryDialog(None, title="QP-07-01", rows=HISTORY),
        PreferencesDialog(None, user_name="Anna", company=CompanyInfo("Acme", None)),
        ImportPreviewDialog(None, plan=_plan([Problem("Documents", 2, "Code", "Missing.")])),
        ErrorDialog(None, title="Problem", message="Boom", details="Traceback"),
    ]


def _mnemonic(text: str) -> str | None:
    plain = text.replace("&&", "")
    index = plain.find("&")
    return plain[index + 1].lower() if 0 <= index < len(plain) - 1 else None


def test_mnemonics_are_unique_and_labels_have_buddies(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget

    for dialog in _every_dialog():
        qtbot.addWidget(dialog)
        seen: dict[str, str] = {}
        texts: list[tuple[str, str]] = []
        for label in dialog.findChildren(QLabel):
            if _mnemonic(label.text()):
                assert label.buddy() is not None, f"{label.objectName()} has no buddy"
                texts.append((label.objectName(), label.text()))
        texts += [
            (b.objectName() or b.text(), b.text()) for b in dialog.findChildren(QAbstractButton)
        ]
        for tabs in dialog.findChildren(QTabWidget):
            texts += [(f"tab {i}", tabs.tabText(i)) for i in range(tabs.count())]
        for name, text in texts:
            key = _mnemonic(text)
            if key is None:
                continue
            assert key not in seen, (
                f"{type(dialog).__name__}: '{text}' ({name}) and {seen[key]} share Alt+{key}"
            )
            seen[key] = f"'{text}' ({name})"


def test_enter_in_an_editable_combo_accepts_the_document(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _document_dialog(qtbot, SAMPLE)
    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.ui.ownerCombo.lineEdit(), Qt.Key.Key_Return)
    assert dialog.result_fields() == SAMPLE


def test_preferences_offer_the_one_person_company_setting(qtbot) -> None:  # type: ignore[no-untyped-def]
    from qmsdesk.core.company import SELF_APPROVAL_LABEL, CompanyInfo
    from qmsdesk.gui.dialogs.preferences import PreferencesDialog

    dialog = PreferencesDialog(None, user_name="Ann", company=CompanyInfo("Acme", None))
    qtbot.addWidget(dialog)
    assert dialog.selfApprovalCheck.text() == SELF_APPROVAL_LABEL
    assert dialog.self_approval() is False
    dialog.selfApprovalCheck.setChecked(True)
    assert dialog.self_approval() is True


def test_a_new_effective_document_asks_who_approved_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _document_dialog(qtbot)
    ui = dialog.ui
    dialog.show()
    assert not dialog.extras.approved_by.isVisible()
    qtbot.keyClicks(ui.codeEdit, "QP-05-01")
    qtbot.keyClicks(ui.titleEdit, "Quality policy")
    _pick(ui.statusCombo, "Approved / effective")
    assert dialog.extras.approved_by.isVisible()
    ui.effectiveCheck.setChecked(True)
    dialog.extras.approved_by.setText("Margaret Hollis")
    dialog.extras.issuer.setText("Kestrel")
    _click_ok(dialog)
    approval = dialog.approval()
    assert approval is not None and approval.approved_by == "Margaret Hollis"
    assert dialog.result_fields().issuer == "Kestrel"


def test_the_finding_dialog_says_what_the_class_means(qtbot) -> None:  # type: ignore[no-untyped-def]
    from qmsdesk.core import audits
    from qmsdesk.core.audits import FindingFields
    from qmsdesk.core.db.models_audits import FindingClass
    from qmsdesk.gui.dialogs.audits import FindingDialog

    dialog = FindingDialog(
        None, title="Finding", initial=FindingFields("8.4", "", "", FindingClass.MINOR_NC)
    )
    qtbot.addWidget(dialog)
    assert dialog.meaningLabel.text() == audits.FINDING_MEANINGS[FindingClass.MINOR_NC]
    dialog.ui.classCombo.setCurrentIndex(dialog.ui.classCombo.findData("ofi"))
    assert dialog.meaningLabel.text() == audits.FINDING_MEANINGS[FindingClass.OFI]


def test_the_person_dialog_keeps_education_and_experience(qtbot) -> None:  # type: ignore[no-untyped-def]
    from qmsdesk.core.people import PersonFields
    from qmsdesk.gui.dialogs.training import PersonDialog

    initial = PersonFields("E1", "Ann Smith", education="HNC", experience="8 years CNC")
    dialog = PersonDialog(None, initial=initial, departments=[], managers=[], roles=[])
    qtbot.addWidget(dialog)
    assert dialog.educationEdit.toPlainText() == "HNC"
    dialog.experienceEdit.setPlainText("10 years CNC")
    got = dialog.result_fields()
    assert (got.education, got.experience) == ("HNC", "10 years CNC")


def test_the_action_dialog_asks_the_questions_of_10_2_1(qtbot) -> None:  # type: ignore[no-untyped-def]
    from qmsdesk.gui.dialogs.actions import ActionDialog

    dialog = ActionDialog(None, initial=None, people=[])
    qtbot.addWidget(dialog)
    dialog.ui.titleEdit.setText("Burrs in cross-hole")
    dialog.extras.extent.setPlainText("Every part with a cross-hole")
    dialog.extras.risks.setCurrentIndex(1)
    dialog.extras.qms.setCurrentIndex(2)
    dialog.extras.no_correction.setPlainText("Parts not yet shipped")
    dialog.accept()
    got = dialog.result_fields()
    assert (got.extent, got.risks_updated, got.qms_change, got.no_correction_reason) == (
        "Every part with a cross-hole",
        True,
        False,
        "Parts not yet shipped",
    )
