"""The internal audit tab (ISO 9001:2015 clause 9.2): the programme, the year view, the clauses
covered, and the selected audit run question by question.

Left (:mod:`qmsdesk.gui.audit_programme`): the programme of a year (late audits marked LATE on a
tinted row, auditors who would audit their own work marked "own work"), and under it the year view
(an audit per month cell, its state in words and colour) and the coverage of the clauses in the
last 12 months. Right (:mod:`qmsdesk.gui.audit_details`): the selected audit, its checklist and
its findings. The checklist runs from the keyboard (:mod:`qmsdesk.gui.checklist_runner`): Alt+1 to
Alt+7 give the result, Ctrl+Enter saves and moves to the next unanswered question, Ctrl+Up /
Ctrl+Down move without losing what was typed.

This module holds the tab itself: its actions, the reading of the programme, the selection, and
the writes (audits, findings, templates), reports and workbooks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.orm import Session

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QMessageBox,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import audits
from qmsdesk.core.audits import (
    AuditFields,
    AuditQuery,
    AuditRow,
    FindingRow,
    ObjectivityWarning,
)
from qmsdesk.core.dates import today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_audits import AuditStatus
from qmsdesk.gui import icons
from qmsdesk.gui.audit_details import AuditDetails
from qmsdesk.gui.audit_programme import (
    ALL_YEARS,
    ProgrammeFilters,
    ProgrammePane,
    totals_text,
)
from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.models.audit_table_model import (
    AUDIT_ID_ROLE,
    AuditTableModel,
    YearModel,
)
from qmsdesk.gui.register_tab import ActionSpec, RegisterTab, accepted
from qmsdesk.gui.settings import Settings

if TYPE_CHECKING:  # the exchange code loads when a workbook is first read or written
    from qmsdesk.core.exchange.registry import Progress
    from qmsdesk.core.exchange.workbook import ImportPlan

T = TypeVar("T")


_SP = QStyle.StandardPixmap


class AuditsTab(RegisterTab):
    """The audit programme and the audits."""

    tab_title = "Audits"
    menu_title = "A&udit"
    report_key = "audit-checklist"
    export_key = "audit-templates"
    find_register = "audits"
    export_file_name = "Audit checklist templates"
    layout_key = "audits"  # and "audits/programme", "audits/checklist": the panes' splitters
    toolbar_title = "Audit tools"

    ACTIONS = (
        ActionSpec("new_action", "&New audit…", "new_audit", "Ctrl+Shift+N",
                   lambda: icons.standard(_SP.SP_FileIcon), "Plan an audit in the programme",
                   button="New"),
        ActionSpec("edit_action", "&Edit audit…", "edit_audit", "F2",
                   lambda: icons.standard(_SP.SP_FileDialogDetailedView),
                   "Change the selected audit: dates, people, scope, status", button="Edit"),
        ActionSpec("delete_action", "&Delete audit…", "delete_audit",
                   QKeySequence.StandardKey.Delete, lambda: icons.standard(_SP.SP_TrashIcon),
                   "Delete an audit planned by mistake (not once it has started)",
                   button="Delete"),
        ActionSpec("questions_action", "Add &questions…", "add_questions", "Ctrl+Shift+Q",
                   lambda: icons.letter_icon("Q", "#1565c0"),
                   "Copy questions from checklist templates into the audit",
                   button="Add questions"),
        ActionSpec("finding_action", "Add &finding…", "add_finding", "Ctrl+Shift+F",
                   lambda: icons.letter_icon("F", "#b26a00"),
                   "A finding not tied to a checklist question", button="Add finding"),
        ActionSpec("edit_finding_action", "Edit finding…", "edit_finding", None, None,
                   "Write the statement of the selected finding"),
        ActionSpec("export_checklist_action", "E&xport checklist to Excel…", "export_checklist",
                   None, None, "Write the checklist to a workbook to fill in", writes=False),
        ActionSpec("import_results_action", "&Import results from Excel…", "import_results",
                   None, None, "Read the results keyed into an exported checklist"),
        ActionSpec("report_action", "Print audit &report…", "print_audit_report",
                   "Ctrl+Shift+P", lambda: icons.standard(_SP.SP_FileDialogContentsView),
                   "The audit report as a PDF: scope, counts, findings", button="Audit report",
                   writes=False),
        ActionSpec("templates_action", "Checklist &templates…", "edit_templates", None,
                   lambda: icons.letter_icon("T", "#2e7d32"),
                   "Copy the ISO template, write process templates", button="Templates",
                   writes=False),
        ActionSpec("history_action", "&History…", "show_history", "Ctrl+H",
                   lambda: icons.standard(_SP.SP_FileDialogInfoView),
                   "Every change recorded for the selected audit", button="History",
                   writes=False),
    )  # fmt: skip
    EDIT_ACTIONS = ("new_action", "edit_action", "delete_action")
    MENU_ACTIONS = (
        "questions_action", "finding_action", "edit_finding_action", None,
        "export_checklist_action", "import_results_action", "report_action", None,
        "templates_action", "history_action",
    )  # fmt: skip
    TOOLBAR = (
        "new_action", "edit_action", "delete_action", None, "questions_action",
        "finding_action", None, "report_action", "templates_action", "history_action",
    )  # fmt: skip

    new_action: QAction
    edit_action: QAction
    delete_action: QAction
    questions_action: QAction
    finding_action: QAction
    edit_finding_action: QAction
    export_checklist_action: QAction
    import_results_action: QAction
    report_action: QAction
    templates_action: QAction
    history_action: QAction

    file_written = Signal(str)  # a report or a workbook of this tab was written (its path)

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)
        self.year = today().year
        self._totals = ""
        self.model = AuditTableModel(self)
        self.year_model = YearModel(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.make_toolbar())
        self.filters = ProgrammeFilters()
        self.filters.year_chosen.connect(self._year_changed)
        self.filters.search_typed.connect(self.reload)
        self.year_combo = self.filters.year_combo
        self.search = self.filters.search
        layout.addWidget(self.filters)

        self.programme = ProgrammePane(self.model, self.year_model)
        self.left_splitter = self.programme
        self.table = self.programme.table
        self.table.doubleClicked.connect(lambda _i: self.edit_audit())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_audit())
        self.year_table = self.programme.year_table
        self.year_table.clicked.connect(self._year_clicked)
        self.year_table.activated.connect(self._year_clicked)
        self.coverage_tree = self.programme.coverage_tree
        self.coverage_summary = self.programme.coverage_summary

        self.details = AuditDetails(
            self.write, self.after_write, lambda: self.user, self.file_jobs.show_message
        )
        self.details.answered.connect(self._answered)
        self.checklist_model = self.details.checklist_model
        self.runner = self.details.runner
        self.findings_tree = self.details.findings_tree
        self.findings_tree.itemActivated.connect(lambda *_: self.edit_finding())
        self.findings_tree.currentItemChanged.connect(lambda *_: self.update_actions())
        self.audit_tabs = self.details.audit_tabs
        self.warning_label = self.details.warning_label
        self.checklist_splitter = self.details.checklist_splitter

        # The programme across the whole width (its key columns in view), as tall as its rows;
        # below it the year view and the coverage beside the selected audit.
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("auditsSplitter")
        self.splitter.addWidget(self.programme.overview)
        self.splitter.addWidget(self.details)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([470, 720])
        self.programme.place_below(self.splitter)
        layout.addWidget(self.programme, 1)
        self.update_actions()

    # --- database

    def database_changed(self) -> None:
        self.details.set_database(self.db, read_only=self.read_only)
        self.year = today().year
        self._fill_years()
        self.reload()

    def _fill_years(self) -> None:
        years: list[int] = []
        if self.db is not None:
            with self.db.read() as session:
                years = audits.years(session)
        self.filters.fill_years(years, self.year)

    def _year_changed(self) -> None:
        self.year = self.filters.year()
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Read the programme, the year view and the coverage again, keeping the selection."""
        wanted = select_id if select_id is not None else self.current_id()
        rows: list[AuditRow] = []
        warnings: dict[int, list[ObjectivityWarning]] = {}
        coverage: list[audits.ClauseCoverage] = []
        view = None
        if self.db is not None:
            with self.db.read() as session:
                year = self.year if self.year != ALL_YEARS else None
                rows = audits.audit_rows(session, AuditQuery(year=year, text=self.search.text()))
                warnings = audits.programme_warnings(session, rows)
                if year is not None:
                    view = audits.year_view(session, year, rows=rows)
                else:
                    view = audits.year_view(
                        session,
                        today().year,
                        rows=[r for r in rows if r.planned_start.year == today().year],
                    )
                coverage = audits.coverage(session)
        self.model.set_rows(rows, warnings)
        self.programme.fit_table()
        if view is not None:
            self.year_model.set_view(view)
            self._totals = totals_text(view)
        else:
            self._totals = ""
        self.programme.show_coverage(coverage)
        if wanted is None or not self.select_audit(wanted):
            first = self.model.audit(0)
            if first is not None:
                self.select_audit(first.id)
            else:
                self._show_audit()
        self.counts_changed.emit()

    def status_text(self) -> str:
        return self._totals

    # --- selection

    @property
    def _audit(self) -> AuditRow | None:
        return self.details.audit

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        audit = self.model.audit(index.row())
        return None if audit is None else audit.id

    def select_audit(self, audit_id: int) -> bool:
        row = self.model.row_for_id(audit_id)
        if row is None:
            return False
        index = self.model.index(row, max(self.table.currentIndex().column(), 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self._show_audit()
        return True

    def _year_clicked(self, index: QModelIndex) -> None:
        audit_id = self.year_model.data(index, AUDIT_ID_ROLE)
        if audit_id is not None:
            self.select_audit(audit_id)

    def selected_audit(self) -> AuditRow | None:
        return self._audit

    def _show_audit(self) -> None:
        audit_id = self.current_id()
        self.details.show_audit(
            audit_id,
            self.model.warnings_for(audit_id) if audit_id is not None else [],
            programme_empty=not self.model.rowCount(),
        )
        self.update_actions()

    def selected_finding(self) -> FindingRow | None:
        return self.details.selected_finding()

    def _editable(self) -> bool:
        return self.details.editable()

    def update_actions(self) -> None:
        a = self._audit
        self.enable(self.new_action)
        self.enable(self.edit_action, a is not None)
        self.enable(self.delete_action, a is not None and a.status == AuditStatus.PLANNED)
        self.enable(self.questions_action, self._editable())
        self.enable(self.finding_action, self._editable())
        self.enable(self.edit_finding_action, self.selected_finding() is not None)
        self.enable(self.export_checklist_action, a is not None and a.questions > 0)
        self.enable(
            self.import_results_action, self._editable() and a is not None and a.questions > 0
        )
        self.enable(self.report_action, a is not None)
        self.enable(self.templates_action, self.db is not None)
        self.enable(self.history_action, a is not None)

    def _answered(self, audit: AuditRow) -> None:
        """An answer was recorded in the checklist: the programme's counts (answered, findings,
        state) change with it."""
        self.changed.emit()
        self.model.replace_row(audit)
        self.update_actions()

    def save_answer(self, move_on: bool = True) -> None:
        self.details.save_answer(move_on)

    def move_question(self, step: int) -> None:
        self.details.move_question(step)

    # --- writing

    def after_write(self, select_id: int | None = None) -> None:
        self._fill_years()  # a new audit may open a year
        super().after_write(select_id)

    def _people(self) -> list[tuple[int, str, str]]:
        assert self.db is not None
        with self.db.read() as session:
            return audits.people_choices(session)

    def _warn(self, fields: AuditFields) -> list[audits.ObjectivityWarning]:
        if self.db is None:
            return []
        with self.db.read() as session:
            qualification = [
                audits.ObjectivityWarning("", message)
                for message in audits.qualification_warnings(session, fields)
            ]
            return audits.objectivity_warnings(session, fields) + qualification

    def new_audit(self) -> None:
        if self.db is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.audits import AuditDialog

        year = self.year if self.year != ALL_YEARS else today().year
        with self.db.read() as session:
            suggested = audits.next_reference(session, year)
        dialog = AuditDialog(
            self, initial=None, people=self._people(), suggested_reference=suggested,
            warn=self._warn,
        )  # fmt: skip
        if not accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, new_id = self.write(
            "Cannot add the audit", lambda s: audits.create_audit(s, fields, self.user)
        )
        if ok and new_id is not None:
            if fields.planned_start and self.year not in (ALL_YEARS, fields.planned_start.year):
                self.year = fields.planned_start.year
            self.filters.clear_search_quietly()
            self.after_write(new_id)
            self.filters.show_year(self.year)

    def edit_audit(self) -> None:
        audit = self._audit
        if audit is None or self.db is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.audits import AuditDialog

        dialog = AuditDialog(self, initial=audit.fields(), people=self._people(), warn=self._warn)
        if not accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self.write(
            "Cannot change the audit",
            lambda s: audits.update_audit(s, audit.id, fields, self.user),
        )
        if ok:
            self.after_write(audit.id)

    def delete_audit(self) -> None:
        audit = self._audit
        if audit is None or self.read_only:
            return
        answer = QMessageBox.question(
            self,
            "Delete audit",
            f"Delete {audit.reference} ({audit.title}) from the programme? This is for an audit "
            "planned by mistake; the change history keeps a note of it.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self.write(
            "Cannot delete the audit", lambda s: audits.delete_audit(s, audit.id, self.user)
        )
        if ok:
            self.after_write()

    def add_questions(self) -> None:
        self.details.add_questions()

    def add_finding(self) -> None:
        self.details.add_finding()

    def edit_finding(self) -> None:
        self.details.edit_finding()

    def edit_templates(self) -> None:
        if self.db is None:
            return
        from qmsdesk.gui.dialogs.audits import TemplatesDialog

        db = self.db

        def read(work: Callable[[Session], T]) -> T:
            with db.read() as session:
                return work(session)

        dialog = TemplatesDialog(
            self, read=read, write=self.write, user=self.user, read_only=self.read_only
        )
        dialog.exec()
        dialog.deleteLater()

    def history_subject(self) -> tuple[str, Callable[[Session], Sequence[Any]]] | None:
        audit = self._audit
        if audit is None:
            return None
        return audit.reference, lambda session: audits.history_of(session, audit.id)

    # --- reports and workbooks (written on a worker thread by the FileJobs)

    @property
    def report_file_name(self) -> str:
        audit = self._audit
        return f"Audit checklist {audit.reference}" if audit else "Audit checklist"

    def report_params(self) -> dict[str, str] | None:
        """What Ctrl+P prints here: the blank checklist of the selected audit."""
        if self._audit is None:
            QMessageBox.information(
                self, "Print checklist", "Select the audit whose checklist to print."
            )
            return None
        return {"audit": self._audit.reference}

    def _write_file(
        self, key: str, *, pdf: bool, title: str, suggested: str, params: dict[str, str]
    ) -> None:
        """Write a report or a workbook of the registry on a worker thread, then say so."""
        if self.db is not None:
            self.file_jobs.write_file(
                self.db, key, pdf=pdf, title=title,
                suggested=f"{suggested} {today().isoformat()}", params=params,
                on_written=lambda path: self.file_written.emit(str(path)),
            )  # fmt: skip

    def print_audit_report(self) -> None:
        audit = self._audit
        if audit is not None:
            self._write_file(
                "audit-report", pdf=True, title="Print the audit report to PDF",
                suggested=f"Audit report {audit.reference}", params={"audit": audit.reference},
            )  # fmt: skip

    def export_checklist(self) -> None:
        audit = self._audit
        if audit is not None:
            self._write_file(
                "audit-checklist", pdf=False, title="Export the checklist to Excel",
                suggested=f"Checklist {audit.reference}", params={"audit": audit.reference},
            )  # fmt: skip

    def import_results(self) -> None:
        """Read a keyed-back checklist into this audit (the main window previews and applies
        it, as any import); a workbook of another audit is refused."""
        audit = self._audit
        if audit is None or not self._editable():
            return
        reference = audit.reference

        def planner(db: Database, path: Path, progress: Progress | None) -> ImportPlan:
            from qmsdesk.core.exchange import audits_xlsx

            return audits_xlsx.plan_checklist_import(db, path, reference, progress)

        self.file_jobs.import_excel(planner)

    # --- layout

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_filters(self) -> None:
        self.search.clear()
        self.reload()

    def save_layout(self, settings: Settings) -> None:
        super().save_layout(settings)
        settings.set_state("audits/programme", self.left_splitter.saveState())
        settings.set_state("audits/checklist", self.checklist_splitter.saveState())

    def restore_layout(self, settings: Settings) -> None:
        super().restore_layout(settings)
        for key, splitter in (
            ("audits/programme", self.left_splitter),
            ("audits/checklist", self.checklist_splitter),
        ):
            state = settings.state(key)
            if state is not None:
                splitter.restoreState(state)

    def show_record(self, record_id: int, kind: str = "") -> bool:
        """Select audit `record_id`, or the audit of finding `record_id` (kind "finding") with its
        findings shown; the filters are cleared when they hide it."""
        audit_id: int | None = record_id
        if kind == "finding" and self.db is not None:
            from qmsdesk.core.db.models_audits import Finding

            with self.db.read() as session:
                finding = session.get(Finding, record_id)
                audit_id = finding.audit_id if finding is not None else None
        if audit_id is None:
            return False
        if not self.select_audit(audit_id):
            self.clear_filters()
            if not self.select_audit(audit_id):
                return False
        if kind == "finding":
            self.details.audit_tabs.setCurrentIndex(1)
        return True
