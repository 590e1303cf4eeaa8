"""The Audits tab: programme, year view, coverage, the checklist run from the keyboard, dialogs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from qmsdesk.core import audits
from qmsdesk.core.audits import AuditFields
from qmsdesk.core.dates import today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_audits import AuditQuestion, AuditStatus, Finding, Result
from qmsdesk.gui.audits_tab import AuditsTab
from qmsdesk.gui.dialogs import audits as audit_dialogs
from qmsdesk.gui.models.audit_table_model import (
    OBJECTIVITY_COLUMN,
    STATE_COLUMN,
    STATE_ROLE,
)
from qmsdesk.gui.settings import Settings
from tests.gui import Messages, fake_dialog, main_window, messages, settings

__all__ = ["main_window", "messages", "settings"]  # fixtures

USER = "Auditor Test"


@pytest.fixture
def tab(qtbot: Any, demo_db: Database, settings: Settings) -> AuditsTab:
    settings.user_name = USER
    widget = AuditsTab(settings)
    qtbot.addWidget(widget)
    widget.set_database(demo_db)
    return widget


def row_of(
    tab: AuditsTab, state: audits.ProgrammeState | None = None, status: AuditStatus | None = None
) -> int:
    for n in range(tab.model.rowCount()):
        audit = tab.model.audit(n)
        assert audit is not None
        if state is not None and audit.state(today()) == state:
            return n
        if status is not None and audit.status == status:
            return n
    raise AssertionError("no such audit in the programme")


def test_programme_year_view_and_coverage(qtbot: Any, qtmodeltester: Any, tab: AuditsTab) -> None:
    model = tab.model
    assert model.rowCount() >= 4
    late = row_of(tab, audits.ProgrammeState.LATE)
    state = model.index(late, STATE_COLUMN)
    # Late stands out in words and colour.
    assert "LATE" in model.data(state)
    assert model.data(state, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(state, STATE_ROLE) == "late"
    # The quality manager is down to audit the procedures he owns.
    assert "own work" in model.data(model.index(late, OBJECTIVITY_COLUMN))
    tip = model.data(model.index(late, OBJECTIVITY_COLUMN), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Łukasz Żółć owns") and "QP-09-02" in tip
    tab.select_audit(model.audit(late).id)  # type: ignore[union-attr]
    assert tab.warning_label.isVisibleTo(tab) and "9.2.2 c" in tab.warning_label.text()
    # The year view: the late audit's month says LATE, and is tinted.
    year = tab.year_model
    month = model.audit(late).planned_start.month - 1  # type: ignore[union-attr]
    assert "LATE" in year.data(year.index(month, 1))
    assert year.data(year.index(month, 5)) == "1"
    assert year.data(year.index(month, 1), Qt.ItemDataRole.BackgroundRole) is not None
    # The year's totals once, in the status bar, not again in the filters row.
    assert "done" in tab.status_text().lower() and "late 1" in tab.status_text().lower()
    assert not [w for w in tab.filters.findChildren(QLabel) if "Late" in w.text()]
    # Coverage: every clause listed, with a state in words.
    items = []
    stack = [
        tab.coverage_tree.topLevelItem(i) for i in range(tab.coverage_tree.topLevelItemCount())
    ]
    while stack:
        item = stack.pop()
        items.append(item)
        stack.extend(item.child(i) for i in range(item.childCount()))
    assert len(items) == 89
    states = {item.text(1).split(" (")[0][2:] for item in items}
    assert {"Audited", "Not audited", "Planned"} <= states
    assert "audited" in tab.coverage_summary.text()
    for m in (tab.model, tab.year_model, tab.checklist_model):
        qtmodeltester.check(m)


def test_run_the_checklist_from_the_keyboard(qtbot: Any, tab: AuditsTab, demo_db: Database) -> None:
    going = row_of(tab, status=AuditStatus.IN_PROGRESS)
    audit = tab.model.audit(going)
    assert audit is not None
    tab.select_audit(audit.id)
    runner = tab.runner
    first = runner.question
    assert first is not None and first.result is None  # the first question not answered yet
    assert runner.save_button.isEnabled()
    runner.notes.setPlainText("Order 7781 accepted by phone, never confirmed in writing")
    qtbot.keyClick(runner.notes, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert runner.buttons[Result.MINOR_NC].isChecked()
    assert runner.state_label.text() == "Not saved yet"
    qtbot.keyClick(runner.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with demo_db.read() as s:
        saved = next(q for q in audits.questions_of(s, audit.id) if q.id == first.id)
        found = audits.findings_of(s, audit.id)
    assert saved.result == Result.MINOR_NC
    assert saved.evidence == "Order 7781 accepted by phone, never confirmed in writing"
    assert [f.classification.value for f in found] == ["minor_nc"]
    assert found[0].action_ref.startswith("CA-")
    # On to the next unanswered question; the findings tab says one.
    assert runner.question is not None and runner.question.id != first.id
    assert runner.question.result is None
    assert "(1)" in tab.audit_tabs.tabText(1)
    assert tab.model.audit(tab.model.row_for_id(audit.id)).findings  # type: ignore[arg-type,union-attr]
    # Ctrl+Up goes back, keeping what was typed; Alt+1 then Ctrl+Enter changes the answer.
    runner.notes.setPlainText("typed, not saved")
    qtbot.keyClick(runner.notes, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert runner.question.id == first.id  # type: ignore[union-attr]
    with demo_db.read() as s:
        kept = [q.evidence for q in audits.questions_of(s, audit.id)]
    assert "typed, not saved" in kept  # moving away saved it
    qtbot.keyClick(runner.notes, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert runner.buttons[Result.CONFORMING].isChecked()


def test_a_refused_answer_is_explained(qtbot: Any, tab: AuditsTab, messages: Messages) -> None:
    done = row_of(tab, status=AuditStatus.REPORTED)
    audit = tab.model.audit(done)
    tab.select_audit(audit.id)  # type: ignore[union-attr]
    # A reported audit's checklist is read-only in the tab.
    assert not tab.runner.save_button.isEnabled()
    assert not tab.questions_action.isEnabled()
    tab.audit_tabs.setCurrentIndex(1)
    tree = tab.findings_tree
    nc = next(
        i
        for i in range(tree.topLevelItemCount())
        if "nonconformity" in tree.topLevelItem(i).text(1)
    )
    tree.setCurrentItem(tree.topLevelItem(nc))
    assert tree.topLevelItem(nc).text(4).startswith("CA-")


def test_new_edit_delete_audit(
    qtbot: Any,
    tab: AuditsTab,
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    messages: Messages,
) -> None:
    year = tab.year
    fields = AuditFields(
        reference=f"IA-{year}-77",
        title="Maintenance",
        planned_start=dt.date(year, 12, 1),
        clauses=("7.1.3",),
        departments=("Maintenance",),
    )
    fake = fake_dialog(result_fields=fields)
    monkeypatch.setattr(audit_dialogs, "AuditDialog", fake)
    tab.new_audit()
    assert fake.made[0].kwargs["suggested_reference"].startswith(f"IA-{year}-")
    assert tab.selected_audit() is not None and tab.selected_audit().reference == f"IA-{year}-77"  # type: ignore[union-attr]
    # Questions from the shipped template, for the audit's scope.
    chooser = fake_dialog(chosen=([audits.ISO_TEMPLATE_ID], True))
    monkeypatch.setattr(audit_dialogs, "ChecklistDialog", chooser)
    tab.add_questions()
    # What the dialog said would be added is what was added.
    added = chooser.made[0].kwargs["count"]([audits.ISO_TEMPLATE_ID], True)
    assert (
        tab.checklist_model.rowCount()
        == added
        == sum(1 for q in audits.iso_questions() if q.clause.startswith("7.1.3"))
    )
    edited = AuditFields(**{**fields.__dict__, "title": "Maintenance and machines"})
    monkeypatch.setattr(audit_dialogs, "AuditDialog", fake_dialog(result_fields=edited))
    tab.edit_audit()
    assert tab.selected_audit().title == "Maintenance and machines"  # type: ignore[union-attr]
    tab.delete_audit()
    with demo_db.read() as s:
        assert audits.id_for_reference(s, f"IA-{year}-77") is None


def test_print_and_export_go_through_the_window(
    qtbot: Any,
    main_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: Messages,
) -> None:
    tab = next(r for r in main_window.registers if isinstance(r, AuditsTab))
    main_window.tabs.setCurrentWidget(tab)
    done = row_of(tab, status=AuditStatus.REPORTED)
    audit = tab.model.audit(done)
    tab.select_audit(audit.id)  # type: ignore[union-attr]
    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    # Ctrl+P: the blank checklist of the selected audit.
    assert tab.report_params() == {"audit": audit.reference}  # type: ignore[union-attr]
    assert tab.report_file_name == f"Audit checklist {audit.reference}"  # type: ignore[union-attr]
    out = tmp_path / "checklist.pdf"
    monkeypatch.setattr(main_window, "ask_save_path", lambda *a: out)
    with qtbot.waitSignal(main_window.job_finished, timeout=20_000):
        main_window.print_report()
    assert out.stat().st_size > 5000
    report = tmp_path / "report.pdf"
    monkeypatch.setattr(main_window.file_jobs, "ask_save_path", lambda *a: report)
    with qtbot.waitSignal(tab.file_written, timeout=20_000):
        tab.print_audit_report()
    qtbot.waitUntil(lambda: len(opened) == 2)  # asked on a thread: the window does not wait
    assert report.exists()
    book = tmp_path / "checklist.xlsx"
    monkeypatch.setattr(main_window.file_jobs, "ask_save_path", lambda *a: book)
    with qtbot.waitSignal(tab.file_written, timeout=20_000):
        tab.export_checklist()
    workbook = load_workbook(book, read_only=True)
    rows = list(workbook["Audit checklist"].iter_rows(values_only=True))
    workbook.close()
    assert rows[1][0] == audit.reference  # type: ignore[union-attr]


def test_importing_another_audits_checklist_is_refused(
    qtbot: Any,
    main_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: Messages,
) -> None:
    from qmsdesk.core.exchange import audits_xlsx
    from qmsdesk.gui import dialogs

    tab = next(r for r in main_window.registers if isinstance(r, AuditsTab))
    main_window.tabs.setCurrentWidget(tab)
    db = main_window.db
    reported = tab.model.audit(row_of(tab, status=AuditStatus.REPORTED))
    going = tab.model.audit(row_of(tab, status=AuditStatus.IN_PROGRESS))
    book = tmp_path / "other.xlsx"
    audits_xlsx.export_checklist(db, book, audit=reported.reference)  # type: ignore[union-attr]
    tab.select_audit(going.id)  # type: ignore[union-attr]
    with db.read() as s:
        before = (
            s.scalar(select(func.count()).select_from(Finding)),
            s.scalar(select(func.count()).where(AuditQuestion.result.is_not(None))),
        )
    preview = fake_dialog(accept=True)
    monkeypatch.setattr(dialogs, "ImportPreviewDialog", preview)
    monkeypatch.setattr(main_window, "ask_open_path", lambda *a: book)
    with qtbot.waitSignal(main_window.job_finished, timeout=20_000):
        tab.import_results()
    qtbot.waitUntil(lambda: bool(preview.made), timeout=5000)
    plan = preview.made[0].kwargs["plan"]
    assert {(p.sheet, p.column) for p in plan.problems} == {("Audit checklist", "Audit")}
    assert any(
        f"belongs to audit {reported.reference}" in p.message  # type: ignore[union-attr]
        for p in plan.problems
    )
    with db.read() as s:
        after = (
            s.scalar(select(func.count()).select_from(Finding)),
            s.scalar(select(func.count()).where(AuditQuestion.result.is_not(None))),
        )
    assert after == before


# --- dialogs ---------------------------------------------------------------------------------


def _mnemonic(text: str) -> str | None:
    plain = text.replace("&&", "")
    index = plain.find("&")
    return plain[index + 1].lower() if 0 <= index < len(plain) - 1 else None


def check_mnemonics(dialog: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton

    seen: dict[str, str] = {}
    texts = []
    for label in dialog.findChildren(QLabel):
        if _mnemonic(label.text()):
            assert label.buddy() is not None, f"{label.objectName()} has no buddy"
            texts.append(label.text())
    texts += [b.text() for b in dialog.findChildren(QAbstractButton)]
    for text in texts:
        key = _mnemonic(text)
        if key is None:
            continue
        assert key not in seen, (
            f"{type(dialog).__name__}: '{text}' and '{seen[key]}' share Alt+{key}"
        )
        seen[key] = text


PEOPLE = [
    (1, "Łukasz Żółć", "Quality"),
    (2, "Sarah Whitfield", "Purchasing"),
    (3, "Jonas Lindqvist", "Engineering"),
]


def test_audit_dialog_checks_and_warns(qtbot: Any) -> None:
    def warn(f: AuditFields) -> list[audits.ObjectivityWarning]:
        lead = dict((p[0], p) for p in PEOPLE).get(f.lead_auditor_id)  # type: ignore[arg-type]
        if lead and lead[2].casefold() in {d.casefold() for d in f.departments}:
            return [audits.ObjectivityWarning(lead[1], f"{lead[1]} works in {lead[2]}")]
        return []

    dialog = audit_dialogs.AuditDialog(
        None, initial=None, people=PEOPLE, suggested_reference="IA-2026-09", warn=warn
    )
    qtbot.addWidget(dialog)
    check_mnemonics(dialog)
    ui = dialog.ui
    assert ui.referenceEdit.text() == "IA-2026-09"
    ui.titleEdit.setText("Purchasing")
    ui.departmentsEdit.setText("Purchasing; Stores")
    ui.clausesEdit.setText("8.4, 7.1.5")
    ui.leadCombo.setCurrentIndex(ui.leadCombo.findData(2))
    assert (
        ui.objectivityLabel.isVisibleTo(dialog)
        and "works in Purchasing" in ui.objectivityLabel.text()
    )
    ui.leadCombo.setCurrentIndex(ui.leadCombo.findData(3))
    assert not ui.objectivityLabel.isVisibleTo(dialog)
    ui.teamList.item(0).setCheckState(Qt.CheckState.Checked)
    ui.auditeesList.item(1).setCheckState(Qt.CheckState.Checked)
    ui.clausesEdit.setText("8.4, 11")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "'11' is not a clause" in ui.problemsLabel.text()
    ui.clausesEdit.setText("8.4, 7.1.5")
    dialog.accept()
    f = dialog.result_fields()
    assert (f.reference, f.title, f.clauses, f.departments) == (
        "IA-2026-09", "Purchasing", ("7.1.5", "8.4"), ("Purchasing", "Stores"),
    )  # fmt: skip
    assert (f.lead_auditor_id, f.team_ids, f.auditee_ids) == (3, (1,), (2,))


def test_finding_and_checklist_dialogs(qtbot: Any) -> None:
    dialog = audit_dialogs.FindingDialog(
        None,
        title="Finding",
        initial=audits.FindingFields("", "", "", audits.FindingClass.MINOR_NC),
    )
    qtbot.addWidget(dialog)
    check_mnemonics(dialog)
    dialog.ui.clauseEdit.setText("12.3")
    dialog.accept()
    assert "not a clause" in dialog.ui.problemsLabel.text()
    assert "Statement" in dialog.ui.problemsLabel.text()
    dialog.ui.clauseEdit.setText("8.5.2")
    dialog.ui.statementEdit.setPlainText("Heat number missing")
    dialog.accept()
    assert dialog.result_fields().clause == "8.5.2"
    audit = audits.AuditRow(
        *(1, "IA-1", "T", ("Purchasing",), (), ("8.4",), "", dt.date(2026, 1, 1)),
        *(None, None, None, None, "", (), (), (), (), AuditStatus.PLANNED, "", ""),
    )
    templates = [
        audits.iso_template_row(),
        audits.TemplateRow(5, "Purchasing process audit", "Purchasing", "", 4),
        audits.TemplateRow(6, "Production", "Production", "", 4),
    ]
    chooser = audit_dialogs.ChecklistDialog(
        None, audit=audit, templates=templates, count=lambda ids, s: len(ids) * 3
    )
    qtbot.addWidget(chooser)
    check_mnemonics(chooser)
    # The shipped template and the one for the audit's process are ticked to start with.
    assert chooser.chosen() == ([0, 5], True)
    assert "6 questions will be added." in chooser.ui.countLabel.text()


def test_templates_dialog_copies_edits_and_keeps_the_shipped_one(
    qtbot: Any, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    def read(work: Any) -> Any:
        with db.read() as s:
            return work(s)

    def write(title: str, work: Any) -> tuple[bool, Any]:
        with db.write() as s:
            return True, work(s)

    dialog = audit_dialogs.TemplatesDialog(None, read=read, write=write, user=USER)
    qtbot.addWidget(dialog)
    check_mnemonics(dialog)
    ui = dialog.ui
    assert ui.questionsTable.rowCount() == len(audits.iso_questions())
    assert not ui.addButton.isEnabled() and not ui.deleteButton.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Stores audit", True))
    dialog.copy_template()
    assert ui.nameEdit.text() == "Stores audit" and ui.addButton.isEnabled()
    table = ui.questionsTable
    for _ in range(table.rowCount() - 2):
        table.setCurrentCell(2, 0)
        dialog.remove_question()
    table.setCurrentCell(1, 1)
    dialog.move_question(-1)
    table.setCurrentCell(1, 1)
    dialog.add_question()  # after the current question: at the end here
    table.item(2, 0).setText("8.5.4")
    table.item(2, 1).setText("Is stock rotated first in, first out?")
    assert dialog.save()
    with db.read() as s:
        template = next(t for t in audits.all_templates(s) if t.name == "Stores audit")
        questions = audits.template_questions(s, template.id)
    iso = audits.iso_questions()
    assert [q.question for q in questions] == [
        iso[1].question,
        iso[0].question,
        "Is stock rotated first in, first out?",
    ]
    table.item(0, 0).setText("")
    assert not dialog.save()
    assert "needs the clause" in ui.problemsLabel.text()
