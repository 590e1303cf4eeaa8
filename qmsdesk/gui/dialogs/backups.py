"""File > Backups: the copies kept of the company file, a restore, a backup made now, the policy.

The dialog lists and makes backups itself (a backup is a read of the file, on a worker thread);
a restore replaces the open file, so the dialog only asks for it (:attr:`restore_requested`) and
the main window closes the file, restores and opens it again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QMessageBox,
    QTreeWidgetItem,
    QWidget,
)

from qmsdesk import paths
from qmsdesk.core import backups
from qmsdesk.core.backups import BackupInfo, BackupPolicy
from qmsdesk.core.errors import QmsError
from qmsdesk.gui import workers
from qmsdesk.gui.dialogs._common import ElidedLabel, format_datetime, show_problems
from qmsdesk.gui.forms.ui_backups_dialog import Ui_BackupsDialog

_REASONS = {
    "opened": "The file was opened",
    "manual": "Backed up on request",
    "before import": "Before an import from Excel",
    "before restore": "Before a restore (the file as it was)",
}


def reason_text(reason: str) -> str:
    if reason in _REASONS:
        return _REASONS[reason]
    if reason.startswith("before upgrade"):
        return "Before the file was upgraded for a new version of QMS Desk"
    return reason[:1].upper() + reason[1:]


class BackupsDialog(QDialog):
    """The backups of one company file, newest first."""

    restore_requested = Signal(object)  # the backup (Path) to put in place of the company file

    def __init__(
        self,
        parent: QWidget | None,
        *,
        db_path: Path,
        policy: BackupPolicy,
        read_only: bool = False,
        save_policy: Callable[[BackupPolicy], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_BackupsDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.db_path = db_path
        self.folder = paths.backups_dir(db_path)
        self._save_policy = save_policy
        self.backups: list[BackupInfo] = []
        self.job: workers.Job | None = None
        ui.introLabel.setText(
            f"Copies of {db_path.name}, made each time it is opened and before every import or "
            "restore. They are kept in this folder:"
        )
        # The folder on a line of its own, shortened in the middle (never wrapped mid-path).
        self.folderLabel = ElidedLabel(str(self.folder), self)
        self.folderLabel.setObjectName("folderLabel")
        ui.dialogLayout.insertWidget(ui.dialogLayout.indexOf(ui.introLabel) + 1, self.folderLabel)
        header = ui.backupList.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        ui.keepLastSpin.setValue(policy.keep_last)
        ui.keepDailySpin.setValue(policy.keep_daily_days)
        editable = save_policy is not None and not read_only
        ui.policyGroup.setEnabled(editable)
        if read_only:
            ui.policyNoteLabel.setText(
                "The file is open read-only: the setting and restores can only be changed by "
                "whoever has it open for changes."
            )
        self.read_only = read_only
        show_problems(ui.problemsLabel, [])
        ui.backupList.itemSelectionChanged.connect(self._update_buttons)
        ui.backupList.itemActivated.connect(lambda _item, _col: self.restore_selected())
        ui.restoreButton.clicked.connect(self.restore_selected)
        ui.backUpButton.clicked.connect(self.back_up_now)
        ui.openFolderButton.clicked.connect(self.open_folder)
        ui.keepLastSpin.valueChanged.connect(self._policy_changed)
        ui.keepDailySpin.valueChanged.connect(self._policy_changed)
        self.refresh()
        ui.backupList.setFocus()

    # --- the list ------------------------------------------------------------------------------

    def refresh(self, select: Path | None = None) -> None:
        ui = self.ui
        self.backups = backups.list_backups(self.db_path)
        ui.backupList.clear()
        locale = QLocale()
        for info in self.backups:
            item = QTreeWidgetItem(
                [
                    format_datetime(info.created),
                    reason_text(info.reason),
                    locale.formattedDataSize(info.size),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(0, str(info.path))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            ui.backupList.addTopLevelItem(item)
        count = len(self.backups)
        if count:
            total = locale.formattedDataSize(sum(b.size for b in self.backups))
            ui.countLabel.setText(f"{count} backup{'s' if count != 1 else ''} ({total} in all).")
        else:
            ui.countLabel.setText("There are no backups of this file yet. Use Back Up Now.")
        wanted = str(select) if select is not None else None
        for index in range(ui.backupList.topLevelItemCount()):
            item = ui.backupList.topLevelItem(index)
            if item is not None and (
                wanted is None or item.data(0, Qt.ItemDataRole.UserRole) == wanted
            ):
                ui.backupList.setCurrentItem(item)
                break
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        item = self.ui.backupList.currentItem()
        if item is None or not item.isSelected():
            return None
        path = item.data(0, Qt.ItemDataRole.UserRole)
        return next((b for b in self.backups if str(b.path) == path), None)

    def _update_buttons(self) -> None:
        busy = self.job is not None
        self.ui.restoreButton.setEnabled(
            not self.read_only and not busy and self.selected() is not None
        )
        self.ui.backUpButton.setEnabled(not busy)

    # --- actions -------------------------------------------------------------------------------

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or self.read_only:
            return
        when = format_datetime(info.created)
        answer = QMessageBox.question(
            self,
            "Restore a backup",
            f"Put the backup made on {when} in place of {self.db_path.name}?\n\n"
            f"Everything changed since {when} will be replaced by the backup. The file as it is "
            "now is backed up first, so you can go back to it by restoring that copy.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore_requested.emit(info.path)
        self.accept()

    def back_up_now(self) -> None:
        if self.job is not None:
            return
        db_path = self.db_path

        def done(target: Path) -> None:
            self.job = None
            self.refresh(select=target)

        def failed(exc: Exception, details: str) -> None:
            self.job = None
            self._update_buttons()
            workers.show_problem(self, "The backup was not made", exc, details)

        self.job = workers.run_job(
            self,
            lambda progress: backups.make_backup(db_path, "manual", progress),
            label=f"Backing up {db_path.name}…",
            on_done=done,
            on_error=failed,
        )
        self._update_buttons()

    def open_folder(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            QMessageBox.warning(
                self, "Backup folder", f"Cannot create {self.folder}: {exc.strerror}."
            )
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder))):
            QMessageBox.information(
                self,
                "Backup folder",
                f"No file manager could be started. The backups are in {self.folder}.",
            )

    def policy(self) -> BackupPolicy:
        return BackupPolicy(
            keep_last=self.ui.keepLastSpin.value(),
            keep_daily_days=self.ui.keepDailySpin.value(),
        )

    def _policy_changed(self) -> None:
        if self._save_policy is None or self.read_only:
            return
        try:
            self._save_policy(self.policy())
        except QmsError as exc:
            show_problems(self.ui.problemsLabel, [str(exc)])
        else:
            show_problems(self.ui.problemsLabel, [])
