"""Both shipped checklists are offered in the dialogs that choose and edit templates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from qmsdesk.core import audits
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_audits import AuditStatus
from qmsdesk.gui.dialogs import audits as audit_dialogs

USER = "Auditor Test"


def test_the_templates_dialog_shows_the_service_checklist_read_only(
    qtbot: Any, db: Database
) -> None:
    def read(work: Any) -> Any:
        with db.read() as s:
            return work(s)

    def write(title: str, work: Any) -> tuple[bool, Any]:
        with db.write() as s:
            return True, work(s)

    dialog = audit_dialogs.TemplatesDialog(None, read=read, write=write, user=USER)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    names = [ui.templatesList.item(i).text() for i in range(ui.templatesList.count())]
    assert names[0].startswith(audits.ISO_TEMPLATE_NAME)
    assert names[1].startswith(audits.SERVICES_TEMPLATE_NAME) and "read-only" in names[1]
    ui.templatesList.setCurrentRow(1)
    assert dialog.current_id() == audits.SERVICES_TEMPLATE_ID
    assert ui.questionsTable.rowCount() == len(audits.services_questions())
    assert ui.questionsTable.item(0, 1).text() == audits.services_questions()[0].question
    assert not ui.addButton.isEnabled() and not ui.deleteButton.isEnabled()
    assert not dialog.save()


def test_the_checklist_dialog_offers_both_and_ticks_the_first(qtbot: Any) -> None:
    audit = audits.AuditRow(
        *(1, "IA-1", "T", ("Service",), (), ("8.5",), "", dt.date(2026, 1, 1)),
        *(None, None, None, None, "", (), (), (), (), AuditStatus.PLANNED, "", ""),
    )
    templates = [audits.shipped_template_row(i) for i in audits.SHIPPED_TEMPLATES]
    chooser = audit_dialogs.ChecklistDialog(
        None, audit=audit, templates=templates, count=lambda ids, s: len(ids)
    )
    qtbot.addWidget(chooser)
    assert chooser.ui.templatesList.count() == 2
    assert chooser.chosen() == ([audits.ISO_TEMPLATE_ID], True)
    chooser.ui.templatesList.item(0).setCheckState(Qt.CheckState.Unchecked)
    chooser.ui.templatesList.item(1).setCheckState(Qt.CheckState.Checked)
    assert chooser.chosen() == ([audits.SERVICES_TEMPLATE_ID], True)
