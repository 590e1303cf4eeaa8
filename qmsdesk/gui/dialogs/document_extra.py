"""The document dialog's fields built in code (not in its form): an external document's issuer and
edition check, and the approval a new document entered as approved / effective needs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QDateEdit, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from qmsdesk.core.dates import today
from qmsdesk.core.documents import FIELD_LABELS, MAX_LENGTHS, PRE_QMS_APPROVER, Approval
from qmsdesk.gui.dialogs._common import OptionalDate, from_qdate, setup_date_edit, to_qdate


def _date_row(parent: QWidget, name: str) -> tuple[QWidget, QCheckBox, QDateEdit]:
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    check = QCheckBox(row)
    check.setObjectName(f"{name}Check")
    edit = QDateEdit(row)
    edit.setObjectName(f"{name}Edit")
    layout.addWidget(check)
    layout.addWidget(edit, 1)
    return row, check, edit


class DocumentExtras:
    """Issuer and edition check (in the storage group); approver and approval date (in the
    status group, shown for a new document that is approved / effective)."""

    def __init__(self, storage: QFormLayout, status: QFormLayout, parent: QWidget) -> None:
        self.issuer = QLineEdit(parent)
        self.issuer.setObjectName("issuerEdit")
        self.issuer.setMaxLength(MAX_LENGTHS["issuer"])
        self.issuer.setPlaceholderText("External documents: ISO, a customer, a supplier…")
        storage.addRow(FIELD_LABELS["issuer"], self.issuer)
        row, check, edit = _date_row(parent, "editionChecked")
        self.edition = OptionalDate(check, edit)
        check.setToolTip("When someone last looked for a newer edition of an external document")
        storage.addRow(FIELD_LABELS["edition_checked"], row)
        self.approved_by = QLineEdit(parent)
        self.approved_by.setObjectName("approvedByEdit")
        self.approved_by.setMaxLength(80)
        self.approved_by.setPlaceholderText(PRE_QMS_APPROVER)
        self.approved_by.setToolTip(
            "Who approved the revision in force. Empty: it is recorded as approved before "
            "QMS Desk, on the effective date."
        )
        self.approved_on = QDateEdit(parent)
        self.approved_on.setObjectName("approvedOnEdit")
        setup_date_edit(self.approved_on)
        self.approved_on.setDate(to_qdate(today()))
        status.addRow(FIELD_LABELS["approved_by"], self.approved_by)
        status.addRow(FIELD_LABELS["approved_on"], self.approved_on)
        self._status = status

    def load(self, issuer: str, edition_checked: dt.date | None) -> None:
        self.issuer.setText(issuer)
        self.edition.set_value(edition_checked)

    def show_approval(self, shown: bool) -> None:
        for widget in (self.approved_by, self.approved_on):
            self._status.setRowVisible(widget, shown)

    def approval(self, effective: dt.date | None) -> Approval:
        """The approval typed in; empty approver: approved before QMS Desk, on the effective day."""
        by = self.approved_by.text().strip()
        if not by:
            return Approval(PRE_QMS_APPROVER, effective or from_qdate(self.approved_on.date()))
        return Approval(by, from_qdate(self.approved_on.date()))
