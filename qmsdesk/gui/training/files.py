"""The training tab's files: a person's record and the due list as PDFs, the due list in Excel.

They go through the window's :class:`qmsdesk.gui.file_jobs.FileJobs` (``self.file_jobs``): the
path asked in the folder last used, the work on a worker thread, its failure shown.
"""

from __future__ import annotations

from qmsdesk.gui.file_jobs import EXCEL_FILTER, PDF_FILTER
from qmsdesk.gui.training.view import TrainingView


class TrainingFiles(TrainingView):
    """The reports and the export, written on a worker thread."""

    def _report(self, key: str, suggested: str, **params: str) -> None:
        db = self.db
        if db is None:
            return
        from qmsdesk.core.exchange import registry

        jobs = self.file_jobs
        target = jobs.ask_save_path("Print report to PDF", suggested, PDF_FILTER, ".pdf")
        if target is None:
            return
        entry = registry.REPORTS[key]

        def done(_result: object) -> None:
            missing = f"The report is in {target}. No PDF viewer could be started to show it."
            jobs.open_result(target, title="Report written", missing=missing)

        self._last_job = jobs.run(
            f"Writing {target.name}…",
            lambda progress: entry.write(db, target, progress=progress, **params),
            done,
            "The report was not written",
            parent=self,
        )

    def print_person_record(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        self._report(
            "training-record",
            f"Training record {person.name} {person.employee_no}.pdf",  # made legal when asked
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

        jobs = self.file_jobs
        target = jobs.ask_save_path(
            "Export the due list", "Training due.xlsx", EXCEL_FILTER, ".xlsx"
        )
        if target is None:
            return
        missing = self.due_missing.isChecked()
        self._last_job = jobs.run(
            f"Writing {target.name}…",
            lambda progress: training_xlsx.export_due(
                db, target, progress=progress, missing=missing
            ),
            lambda rows: jobs.show_message(f"Wrote {rows} rows to {target}."),
            "The workbook was not written",
            parent=self,
        )
