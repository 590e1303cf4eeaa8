"""The training tab's files: a person's record and the due list as PDFs, the due list in Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from qmsdesk.gui import workers
from qmsdesk.gui.training.base import EXCEL_FILTER, PDF_FILTER
from qmsdesk.gui.training.view import TrainingView
from qmsdesk.gui.workers import show_problem


class TrainingFiles(TrainingView):
    """The reports and the export, written on a worker thread."""

    def _ask_save(self, title: str, suggested: str, file_filter: str, suffix: str) -> Path | None:
        start = self.settings.last_folder / suggested
        name, _ = QFileDialog.getSaveFileName(self, title, str(start), file_filter)
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.settings.last_folder = path.parent
        return path

    def _report(self, key: str, suggested: str, **params: str) -> None:
        db = self.db
        if db is None:
            return
        from qmsdesk.core.exchange import registry

        target = self._ask_save("Print report to PDF", suggested, PDF_FILTER, ".pdf")
        if target is None:
            return
        entry = registry.REPORTS[key]

        def done(_result: object) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
                QMessageBox.information(
                    self, "Report written", f"The report is in {target}. No PDF viewer started."
                )

        job = workers.run_job(
            self,
            lambda progress: entry.write(db, target, progress=progress, **params),
            label=f"Writing {target.name}…",
            on_done=done,
            on_error=lambda exc, details: show_problem(
                self, "The report was not written", exc, details
            ),
        )
        self._last_job = job

    def print_person_record(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        self._report(
            "training-record",
            f"Training record {person.name} {person.employee_no}.pdf".replace("/", "-"),
            person=person.employee_no,
        )

    def print_due(self) -> None:
        extra = {"missing": "yes"} if self.due_missing.isChecked() else {}
        self._report("training-due", "Training due.pdf", **extra)

    def export_due(self) -> None:
        db = self.db
        if db is None:
            return
        from qmsdesk.core.exchange import training_xlsx

        target = self._ask_save("Export the due list", "Training due.xlsx", EXCEL_FILTER, ".xlsx")
        if target is None:
            return
        missing = self.due_missing.isChecked()
        job = workers.run_job(
            self,
            lambda progress: training_xlsx.export_due(
                db, target, progress=progress, missing=missing
            ),
            label=f"Writing {target.name}…",
            on_done=lambda rows: self._say(f"Wrote {rows} rows to {target}."),
            on_error=lambda exc, details: show_problem(
                self, "The workbook was not written", exc, details
            ),
        )
        self._last_job = job

    def _say(self, message: str) -> None:
        """A message in the main window's status bar (none outside a main window)."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 30_000)
