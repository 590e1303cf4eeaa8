"""Start a new (draft) revision of a document, and approve one."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from qmsdesk.core.dates import today
from qmsdesk.core.documents import MAX_LENGTHS, RevisionFields
from qmsdesk.gui.dialogs._common import (
    fit_height,
    format_date,
    from_qdate,
    ok_button,
    setup_date_edit,
    show_problems,
    to_qdate,
)
from qmsdesk.gui.forms.ui_approve_dialog import Ui_ApproveDialog
from qmsdesk.gui.forms.ui_revision_dialog import Ui_RevisionDialog


def _size_text(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class RevisionDialog(QDialog):
    """Label, date, change summary, author and an optional file for a new draft revision."""

    def __init__(
        self, parent: QWidget | None, *, document_code: str, suggested_label: str, author: str
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_RevisionDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self._attachment: Path | None = None
        self.setWindowTitle(f"New revision of {document_code}")
        ui.introLabel.setText(
            f"The new revision of <b>{escape(document_code)}</b> starts as a draft. The revision "
            "in force now stays in force until the new one is approved."
        )
        ui.labelEdit.setMaxLength(MAX_LENGTHS["revision"])
        ui.labelEdit.setText(suggested_label)
        setup_date_edit(ui.dateEdit)
        ui.dateEdit.setDate(to_qdate(today()))
        ui.authorEdit.setText(author)
        show_problems(ui.problemsLabel, [])
        ui.labelEdit.textChanged.connect(self._update_ok)
        ui.summaryEdit.textChanged.connect(self._update_ok)
        ui.chooseFileButton.clicked.connect(self._on_choose_file)
        ui.removeFileButton.clicked.connect(self._remove_file)
        self._update_ok()
        # With a suggested label, the summary is what is left to write.
        (ui.summaryEdit if suggested_label else ui.labelEdit).setFocus()

    def result_fields(self) -> RevisionFields:
        ui = self.ui
        return RevisionFields(
            label=ui.labelEdit.text().strip(),
            revision_date=from_qdate(ui.dateEdit.date()),
            summary=ui.summaryEdit.toPlainText().strip(),
            author=ui.authorEdit.text().strip(),
            attachment=self._attachment,
        )

    def attachment(self) -> Path | None:
        return self._attachment

    def accept(self) -> None:
        if self._attachment is not None and not self._attachment.is_file():
            show_problems(
                self.ui.problemsLabel,
                [f"The file {self._attachment} cannot be found any more; choose it again."],
            )
            return
        if not self._complete():
            return
        super().accept()

    def _complete(self) -> bool:
        return bool(self.ui.labelEdit.text().strip() and self.ui.summaryEdit.toPlainText().strip())

    def _update_ok(self) -> None:
        button = ok_button(self.ui.buttonBox)
        button.setEnabled(self._complete())
        button.setToolTip("" if self._complete() else "Give a revision label and a change summary.")

    def _choose_file(self) -> Path | None:
        """Ask for the file to attach (tests replace this)."""
        name, _ = QFileDialog.getOpenFileName(self, "File of the new revision")
        return Path(name) if name else None

    def _on_choose_file(self) -> None:
        path = self._choose_file()
        if path is None:
            return
        try:
            size = path.stat().st_size
        except OSError as exc:
            show_problems(self.ui.problemsLabel, [f"{path.name} cannot be read: {exc.strerror}."])
            return
        if not path.is_file():
            show_problems(self.ui.problemsLabel, [f"{path.name} is not a file."])
            return
        show_problems(self.ui.problemsLabel, [])
        self._attachment = path
        self.ui.attachmentNameLabel.setText(f"{path.name} ({_size_text(size)})")
        self.ui.attachmentNameLabel.setToolTip(str(path))
        self.ui.removeFileButton.setEnabled(True)

    def _remove_file(self) -> None:
        self._attachment = None
        self.ui.attachmentNameLabel.setText("No file attached")
        self.ui.attachmentNameLabel.setToolTip("")
        self.ui.removeFileButton.setEnabled(False)
        self.ui.chooseFileButton.setFocus()


class ApproveDialog(QDialog):
    """Who approved a draft revision, when, and from when it applies."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        document_code: str,
        revision_label: str,
        revision_date: dt.date,
        approver: str,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ApproveDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self._revision_date = revision_date
        self.setWindowTitle(f"Approve revision {revision_label} of {document_code}")
        ui.introLabel.setText(
            f"Approve revision <b>{escape(revision_label)}</b> of <b>{escape(document_code)}</b>, "
            f"dated {escape(format_date(revision_date))}. From its effective date it becomes the "
            "revision in force."
        )
        ui.approverEdit.setText(approver)
        setup_date_edit(ui.approvedOnEdit)
        setup_date_edit(ui.effectiveEdit)
        now = today()
        self._too_early = revision_date > now
        if self._too_early:
            ui.approvedOnEdit.setDate(to_qdate(revision_date))
            ui.approvedOnEdit.setEnabled(False)
            ui.effectiveEdit.setEnabled(False)
            show_problems(
                ui.problemsLabel,
                [
                    f"This revision is dated {format_date(revision_date)}, after today; "
                    "it can be approved from that day on."
                ],
            )
        else:
            ui.approvedOnEdit.setDateRange(to_qdate(revision_date), to_qdate(now))
            ui.approvedOnEdit.setDate(to_qdate(now))
            show_problems(ui.problemsLabel, [])
        ui.effectiveEdit.setMinimumDate(ui.approvedOnEdit.date())
        ui.effectiveEdit.setDate(ui.approvedOnEdit.date())
        # The effective date follows the approval date until the user sets it apart.
        self._effective_follows = True
        ui.approvedOnEdit.dateChanged.connect(self._approval_changed)
        ui.effectiveEdit.dateChanged.connect(self._effective_changed)
        ui.approverEdit.textChanged.connect(self._update_ok)
        self._update_ok()
        fit_height(self)
        ui.approverEdit.setFocus()

    def result_values(self) -> tuple[str, dt.date, dt.date]:
        """(approver, approval date, effective date)."""
        ui = self.ui
        return (
            ui.approverEdit.text().strip(),
            from_qdate(ui.approvedOnEdit.date()),
            from_qdate(ui.effectiveEdit.date()),
        )

    def accept(self) -> None:
        if self._complete():
            super().accept()

    def _complete(self) -> bool:
        return bool(self.ui.approverEdit.text().strip()) and not self._too_early

    def _update_ok(self) -> None:
        button = ok_button(self.ui.buttonBox)
        button.setText("&Approve")
        button.setEnabled(self._complete())

    def _approval_changed(self) -> None:
        ui = self.ui
        approved = ui.approvedOnEdit.date()
        follows = self._effective_follows
        ui.effectiveEdit.setMinimumDate(approved)
        if follows:
            ui.effectiveEdit.setDate(approved)
        self._effective_follows = follows

    def _effective_changed(self) -> None:
        self._effective_follows = self.ui.effectiveEdit.date() == self.ui.approvedOnEdit.date()
