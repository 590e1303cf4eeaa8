"""File > Export, Export Blank Template, Import and Print Report, for the window's current register.

Each register names its export and its report (``export_key``, ``report_key`` of
:mod:`qmsdesk.core.exchange.registry`, and the file names suggested); :class:`RegisterFiles` asks
where to write (or what to read: through the window's ``ask_save_path`` / ``ask_open_path``,
which use the FileJobs' dialogs), runs the work on a worker thread through the window's
:class:`~qmsdesk.gui.file_jobs.FileJobs`, and says what was done. An import is previewed first
and applied after a backup of the file; a register that imports into one of its records (an
audit's checklist) passes its own planner (see :meth:`RegisterFiles.import_excel`).

As for the main window, the core is imported inside the methods (see qmsdesk.gui.main_window).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QWidget

from qmsdesk.gui import workers
from qmsdesk.gui.file_jobs import EXCEL_FILTER, PDF_FILTER, FileJobs, Planner

log = logging.getLogger(__name__)
SPREADSHEET_FILTER = "Spreadsheets (*.xlsx *.xlsm *.ods *.csv);;All files (*)"

if TYPE_CHECKING:
    from qmsdesk.core.db import Database
    from qmsdesk.gui.register_tab import Register
    from qmsdesk.gui.settings import Settings


def _stamp() -> str:
    return dt.date.today().isoformat()


class Host(Protocol):
    """What the register files ask of the window."""

    @property
    def settings(self) -> Settings: ...
    @property
    def db(self) -> Database | None: ...
    @property
    def read_only(self) -> bool: ...
    def current_register(self) -> Register | None: ...
    def ask_save_path(
        self, title: str, suggested: str, file_filter: str, suffix: str
    ) -> Path | None: ...
    def ask_open_path(self, title: str, file_filter: str) -> Path | None: ...
    def reload_registers(self) -> None:
        """Read every register again (after an import) and update the counts."""


class RegisterFiles:
    """The current register's export, template, import and report."""

    def __init__(self, host: Host, parent_widget: QWidget, file_jobs: FileJobs) -> None:
        self.host = host
        self.parent_widget = parent_widget
        self.file_jobs = file_jobs

    def export_excel(self) -> None:
        self._export(template=False)

    def export_template(self) -> None:
        self._export(template=True)

    def _export(self, *, template: bool) -> None:
        from PySide6.QtWidgets import QMessageBox

        register = self.host.current_register()
        if register is None or not register.export_key:
            return
        from qmsdesk.core.exchange import registry

        entry = registry.EXPORTS[register.export_key]
        db = self.host.db
        if template:
            suggested = f"{register.export_file_name} template.xlsx"
        else:
            suggested = f"{register.export_file_name} {_stamp()}.xlsx"
        title = "Export a blank template" if template else "Export to Excel"
        target = self.host.ask_save_path(title, suggested, EXCEL_FILTER, ".xlsx")
        if target is None:
            return
        if db is None:
            # A template needs no company file, but the exporter reads the company's name.
            QMessageBox.information(self.parent_widget, title, "Open a company file first.")
            return

        def done(rows: object) -> None:
            if template:
                message = f"Wrote a blank template to {target}."
            else:
                count = f"{rows:,}" if isinstance(rows, int) else str(rows)
                message = f"Wrote the register to {target} ({count} rows in all)."
            self.file_jobs.show_message(message, 30_000)

        self.file_jobs.run(
            f"Writing {target.name}…",
            lambda progress: entry.write(db, target, template=template, progress=progress),
            done,
            "The workbook was not written",
        )

    def import_excel(self, planner: Planner | None = None) -> None:
        """Preview and import a workbook; `planner(db, path, progress)` plans it when a register
        imports into one of its records (an audit's checklist), else the usual import plans it."""
        db = self.host.db
        if db is None or self.host.read_only:
            return
        source = self.host.ask_open_path("Import from Excel", EXCEL_FILTER)
        if source is None:
            return
        from qmsdesk.core.exchange import registry

        plan_with = planner or registry.plan_import
        self.file_jobs.run(
            f"Reading {source.name}…",
            lambda progress: plan_with(db, source, progress),
            lambda plan: self._confirm_import(db, plan),
            f"Cannot import {source.name}",
        )

    def import_spreadsheet(self, remembered_in: Path | None = None) -> None:
        """File > Import from a spreadsheet…: any sheet of an .xlsx, .xlsm, .ods or .csv file,
        mapped onto a register in the wizard, then the usual preview. The mapping is remembered
        for sheets of the same shape once the import is done."""
        db = self.host.db
        if db is None or self.host.read_only:
            return
        source_path = self.host.ask_open_path("Import from a spreadsheet", SPREADSHEET_FILTER)
        if source_path is None:
            return
        from PySide6.QtWidgets import QDialog

        from qmsdesk.core.errors import QmsError
        from qmsdesk.core.exchange import mapping as m
        from qmsdesk.gui.dialogs.error import show_error
        from qmsdesk.gui.mapped_import import MappedImportWizard, people_names

        title = f"Cannot import {source_path.name}"
        try:
            source = m.Source(source_path)
        except QmsError as exc:
            show_error(self.parent_widget, title, str(exc))
            return
        with source, db.read() as session:
            names = people_names(session)
        try:
            wizard = MappedImportWizard(self.parent_widget, source, names, remembered_in)
            accepted = wizard.exec() == QDialog.DialogCode.Accepted
            mapping = wizard.mapping() if accepted else None
            wizard.deleteLater()
        except QmsError as exc:
            show_error(self.parent_widget, title, str(exc))
            return
        finally:
            source.close()
        if mapping is None:
            return
        chosen = mapping
        self.file_jobs.run(
            f"Reading {source_path.name}…",
            lambda progress: m.plan_mapped(db, source_path, chosen, chosen.sheet, progress),
            lambda plan: self._confirm_import(db, plan, lambda: m.remember(chosen, remembered_in)),
            title,
        )

    def _confirm_import(
        self, db: Database, plan: Any, after: Callable[[], object] | None = None
    ) -> None:
        from PySide6.QtWidgets import QDialog

        from qmsdesk.gui import dialogs

        dialog = dialogs.ImportPreviewDialog(self.parent_widget, plan=plan)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted or plan.problems or db is not self.host.db:
            return
        user = self.host.settings.user_name

        def work(progress: workers.Progress) -> Path:
            saved: Path = plan.apply_with_backup(db, user, progress)
            return saved

        def done(saved: Path) -> None:
            if after is not None:
                try:
                    after()
                except Exception:  # only a suggestion for next time: the import is done
                    log.warning("The column mapping could not be remembered", exc_info=True)
            self.host.reload_registers()
            summary = "; ".join(plan.summary_lines())
            self.file_jobs.show_message(
                f"Imported {plan.path.name}: {summary}. The file as it was before is kept in "
                f"{saved}.",
                60_000,
            )

        self.file_jobs.run(
            f"Importing {plan.path.name}…", work, done, f"{plan.path.name} was not imported"
        )

    def print_report(self) -> None:
        register = self.host.current_register()
        db = self.host.db
        if register is None or not register.report_key or db is None:
            return
        from qmsdesk.core.exchange import registry

        # A register whose report is about one record (a review's minutes) names it here
        # (RegisterTab.report_params; a register not on that base may have the method too).
        report_params = getattr(register, "report_params", None)
        params = report_params() if report_params is not None else {}
        if params is None:
            return
        entry = registry.REPORTS[register.report_key]
        suggested = f"{register.report_file_name} {_stamp()}.pdf"
        target = self.host.ask_save_path("Print report to PDF", suggested, PDF_FILTER, ".pdf")
        if target is None:
            return

        def done(_result: object) -> None:
            self.file_jobs.show_message(f"Wrote {target}.", 30_000)
            self.file_jobs.open_result(
                target,
                title="Report written",
                missing=f"The report is in {target}. No PDF viewer could be started to show it.",
            )

        self.file_jobs.run(
            f"Writing {target.name}…",
            lambda progress: entry.write(db, target, progress=progress, **params),
            done,
            "The report was not written",
        )
