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

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.orm import Session

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStyle,
    QToolBar,
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
    ProgrammeState,
)
from qmsdesk.core.dates import today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_audits import AuditStatus
from qmsdesk.core.errors import QmsError
from qmsdesk.gui import icons, workers
from qmsdesk.gui.audit_details import AuditDetails
from qmsdesk.gui.audit_programme import ProgrammePane
from qmsdesk.gui.models.audit_table_model import (
    AUDIT_ID_ROLE,
    STATE_MARKS,
    AuditTableModel,
    YearModel,
)
from qmsdesk.gui.settings import Settings
from qmsdesk.gui.workers import show_problem
from qmsdesk.gui.writer import accepted

if TYPE_CHECKING:  # the exchange code loads when a workbook is first read or written
    from qmsdesk.core.exchange.registry import Progress
    from qmsdesk.core.exchange.workbook import ImportPlan

T = TypeVar("T")
ALL_YEARS = 0


class AuditsTab(QWidget):
    """The audit programme and the audits."""

    tab_title = "Audits"
    menu_title = "A&udit"
    report_key = "audit-checklist"
    export_key = "audit-templates"
    export_file_name = "Audit checklist templates"

    changed = Signal()
    counts_changed = Signal()
    file_written = Signal(str)  # a report or a workbook of this tab was written (its path)

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.db: Database | None = None
        self.read_only = False
        self.year = today().year
        self._totals = ""
        self.model = AuditTableModel(self)
        self.year_model = YearModel(self)
        self._make_actions()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self._make_toolbar())
        layout.addLayout(self._make_filters())

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

        self.details = AuditDetails(self._write, self._after_write, lambda: self.user)
        self.details.answered.connect(self._answered)
        self.checklist_model = self.details.checklist_model
        self.runner = self.details.runner
        self.findings_tree = self.details.findings_tree
        self.findings_tree.itemActivated.connect(lambda *_: self.edit_finding())
        self.findings_tree.currentItemChanged.connect(lambda *_: self._update_actions())
        self.audit_tabs = self.details.audit_tabs
        self.warning_label = self.details.warning_label
        self.checklist_splitter = self.details.checklist_splitter

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("auditsSplitter")
        self.splitter.addWidget(self.programme)
        self.splitter.addWidget(self.details)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([700, 640])
        layout.addWidget(self.splitter, 1)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.reload)
        self._update_actions()

    # --- actions

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | str | None = None,
        icon: QIcon | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(icon)
        action.setStatusTip(tip)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        std = icons.standard
        act = self._action
        self.new_action = act(
            "&New audit…",
            self.new_audit,
            "Ctrl+Shift+N",
            std(sp.SP_FileIcon),
            "Plan an audit in the programme",
        )
        self.edit_action = act(
            "&Edit audit…",
            self.edit_audit,
            "F2",
            std(sp.SP_FileDialogDetailedView),
            "Change the selected audit: dates, people, scope, status",
        )
        self.delete_action = act(
            "&Delete audit…",
            self.delete_audit,
            QKeySequence(QKeySequence.StandardKey.Delete),
            std(sp.SP_TrashIcon),
            "Delete an audit planned by mistake (not once it has started)",
        )
        self.questions_action = act(
            "Add &questions…",
            self.add_questions,
            "Ctrl+Shift+Q",
            icons.letter_icon("Q", "#1565c0"),
            "Copy questions from checklist templates into the audit",
        )
        self.finding_action = act(
            "Add &finding…",
            self.add_finding,
            "Ctrl+Shift+F",
            icons.letter_icon("F", "#b26a00"),
            "A finding not tied to a checklist question",
        )
        self.edit_finding_action = act(
            "Edit finding…",
            self.edit_finding,
            None,
            None,
            "Write the statement of the selected finding",
        )
        self.export_checklist_action = act(
            "E&xport checklist to Excel…",
            self.export_checklist,
            None,
            None,
            "Write the checklist to a workbook to fill in",
        )
        self.import_results_action = act(
            "&Import results from Excel…",
            self.import_results,
            None,
            None,
            "Read the results keyed into an exported checklist",
        )
        self.report_action = act(
            "Print audit &report…",
            self.print_audit_report,
            "Ctrl+Shift+P",
            std(sp.SP_FileDialogContentsView),
            "The audit report as a PDF: scope, counts, findings",
        )
        self.templates_action = act(
            "Checklist &templates…",
            self.edit_templates,
            None,
            icons.letter_icon("T", "#2e7d32"),
            "Copy the ISO template, write process templates",
        )
        self.history_action = act("&History…", self.show_history, "Ctrl+H",
                                  std(sp.SP_FileDialogInfoView),
                                  "Every change recorded for the selected audit")  # fmt: skip

    def edit_actions(self) -> list[QAction]:
        return [self.new_action, self.edit_action, self.delete_action]

    def menu_actions(self) -> list[QAction | None]:
        return [
            self.questions_action,
            self.finding_action,
            self.edit_finding_action,
            None,
            self.export_checklist_action,
            self.import_results_action,
            self.report_action,
            None,
            self.templates_action,
            self.history_action,
        ]

    def _make_toolbar(self) -> QToolBar:
        bar = QToolBar("Audit tools")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(bar.iconSize() * 0.75)
        for action, text in (
            (self.new_action, "New"),
            (self.edit_action, "Edit"),
            (self.delete_action, "Delete"),
            (None, ""),
            (self.questions_action, "Add questions"),
            (self.finding_action, "Add finding"),
            (None, ""),
            (self.report_action, "Audit report"),
            (self.templates_action, "Templates"),
            (self.history_action, "History"),
        ):
            if action is None:
                bar.addSeparator()
            else:
                action.setIconText(text)
                bar.addAction(action)
        return bar

    def _make_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearCombo")
        self.year_combo.setAccessibleName("Year of the programme")
        self.year_combo.currentIndexChanged.connect(lambda _i: self._year_changed())
        label = QLabel("Progra&mme of:")
        label.setBuddy(self.year_combo)
        row.addWidget(label)
        row.addWidget(self.year_combo)
        self.search = QLineEdit()
        self.search.setObjectName("auditSearch")
        self.search.setPlaceholderText("Search reference, title, people, processes")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        search_label = QLabel("Search:")
        search_label.setBuddy(self.search)
        row.addSpacing(6)
        row.addWidget(search_label)
        row.addWidget(self.search, 2)
        self.totals_label = QLabel()
        self.totals_label.setObjectName("totalsLabel")
        row.addSpacing(8)
        row.addWidget(self.totals_label, 3)
        return row

    # --- database

    def set_database(self, db: Database | None, *, read_only: bool = False) -> None:
        self.db = db
        self.read_only = read_only
        self.details.set_database(db, read_only=read_only)
        self.year = today().year
        self._fill_years()
        self.reload()

    def _fill_years(self) -> None:
        years: list[int] = []
        if self.db is not None:
            with self.db.read() as session:
                years = audits.years(session)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(str(year), year)
        self.year_combo.addItem("All years", ALL_YEARS)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(self.year), 0))
        self.year_combo.blockSignals(False)

    def _year_changed(self) -> None:
        self.year = self.year_combo.currentData() or ALL_YEARS
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
        if view is not None:
            self.year_model.set_view(view)
            totals = view.totals()
            parts = [
                f"{STATE_MARKS[s]} {audits.STATE_LABELS[s]} {totals.get(s, 0)}"
                for s in (
                    ProgrammeState.PLANNED,
                    ProgrammeState.IN_PROGRESS,
                    ProgrammeState.DONE,
                    ProgrammeState.LATE,
                )
            ]
            self._totals = f"{view.year}: " + "  ·  ".join(parts)
        else:
            self._totals = ""
        self.totals_label.setText(self._totals)
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
        self._update_actions()

    def selected_finding(self) -> FindingRow | None:
        return self.details.selected_finding()

    def _editable(self) -> bool:
        return self.details.editable()

    def _update_actions(self) -> None:
        writable = self.db is not None and not self.read_only
        a = self._audit
        self.new_action.setEnabled(writable)
        self.edit_action.setEnabled(writable and a is not None)
        self.delete_action.setEnabled(
            writable and a is not None and a.status == AuditStatus.PLANNED
        )
        self.questions_action.setEnabled(self._editable())
        self.finding_action.setEnabled(self._editable())
        self.edit_finding_action.setEnabled(writable and self.selected_finding() is not None)
        self.export_checklist_action.setEnabled(a is not None and a.questions > 0)
        self.import_results_action.setEnabled(
            self._editable() and a is not None and a.questions > 0
        )
        self.report_action.setEnabled(a is not None)
        self.templates_action.setEnabled(self.db is not None)
        self.history_action.setEnabled(a is not None)

    def _answered(self, audit: AuditRow) -> None:
        """An answer was recorded in the checklist: the programme's counts (answered, findings,
        state) change with it."""
        self.changed.emit()
        self.model.replace_row(audit)
        self._update_actions()

    def save_answer(self, move_on: bool = True) -> None:
        self.details.save_answer(move_on)

    def move_question(self, step: int) -> None:
        self.details.move_question(step)

    # --- writing

    @property
    def user(self) -> str:
        return self.settings.user_name

    def _write(self, title: str, work: Callable[[Session], T]) -> tuple[bool, T | None]:
        if self.db is None:
            return False, None
        try:
            with self.db.write() as session:
                result = work(session)
        except QmsError as exc:
            show_problem(self, title, exc)
            return False, None
        return True, result

    def _after_write(self, select_id: int | None = None) -> None:
        self._fill_years()
        self.reload(select_id)
        self.changed.emit()

    def _people(self) -> list[tuple[int, str, str]]:
        assert self.db is not None
        with self.db.read() as session:
            return audits.people_choices(session)

    def _warn(self, fields: AuditFields) -> list[audits.ObjectivityWarning]:
        if self.db is None:
            return []
        with self.db.read() as session:
            return audits.objectivity_warnings(session, fields)

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
        ok, new_id = self._write(
            "Cannot add the audit", lambda s: audits.create_audit(s, fields, self.user)
        )
        if ok and new_id is not None:
            if fields.planned_start and self.year not in (ALL_YEARS, fields.planned_start.year):
                self.year = fields.planned_start.year
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self._after_write(new_id)
            self.year_combo.setCurrentIndex(max(self.year_combo.findData(self.year), 0))

    def edit_audit(self) -> None:
        audit = self._audit
        if audit is None or self.db is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.audits import AuditDialog

        dialog = AuditDialog(self, initial=audit.fields(), people=self._people(), warn=self._warn)
        if not accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self._write(
            "Cannot change the audit",
            lambda s: audits.update_audit(s, audit.id, fields, self.user),
        )
        if ok:
            self._after_write(audit.id)

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
        ok, _ = self._write(
            "Cannot delete the audit", lambda s: audits.delete_audit(s, audit.id, self.user)
        )
        if ok:
            self._after_write()

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
            self, read=read, write=self._write, user=self.user, read_only=self.read_only
        )
        dialog.exec()
        dialog.deleteLater()

    def show_history(self) -> None:
        audit = self._audit
        if audit is None or self.db is None:
            return
        from qmsdesk.gui import dialogs

        with self.db.read() as session:
            rows = audits.history_of(session, audit.id)
        dialog = dialogs.HistoryDialog(self, title=f"History of {audit.reference}", rows=rows)
        dialog.exec()
        dialog.deleteLater()

    # --- reports and workbooks (the main window writes them on a worker thread)

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

    def _ask_save(self, title: str, suggested: str, file_filter: str, suffix: str) -> Path | None:
        window = self.window()
        if hasattr(window, "ask_save_path"):
            return window.ask_save_path(title, suggested, file_filter, suffix)
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self, title, suggested, file_filter)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def _write_file(
        self, key: str, table: str, title: str, suggested: str, params: dict[str, str]
    ) -> None:
        """Write a report or a workbook of the registry on a worker thread, then say so."""
        from qmsdesk.core.exchange import registry

        db = self.db
        if db is None:
            return
        pdf = table == "report"
        entry = (registry.REPORTS if pdf else registry.EXPORTS)[key]
        target = self._ask_save(
            title,
            f"{suggested} {today().isoformat()}{'.pdf' if pdf else '.xlsx'}",
            "PDF documents (*.pdf);;All files (*)"
            if pdf
            else "Excel workbooks (*.xlsx);;All files (*)",
            ".pdf" if pdf else ".xlsx",
        )
        if target is None:
            return

        def done(_result: object) -> None:
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(f"Wrote {target}.", 30_000)
            if pdf:
                from PySide6.QtCore import QUrl
                from PySide6.QtGui import QDesktopServices

                QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
            self.file_written.emit(str(target))

        def failed(exc: Exception, details: str) -> None:
            show_problem(self, f"{target.name} was not written", exc, details)

        workers.run_job(
            self,
            lambda progress: entry.write(db, target, progress=progress, **params),
            label=f"Writing {target.name}…",
            on_done=done,
            on_error=failed,
        )

    def print_audit_report(self) -> None:
        audit = self._audit
        if audit is not None:
            self._write_file(
                "audit-report", "report", "Print the audit report to PDF",
                f"Audit report {audit.reference}", {"audit": audit.reference},
            )  # fmt: skip

    def export_checklist(self) -> None:
        audit = self._audit
        if audit is not None:
            self._write_file(
                "audit-checklist", "export", "Export the checklist to Excel",
                f"Checklist {audit.reference}", {"audit": audit.reference},
            )  # fmt: skip

    def import_results(self) -> None:
        """Read a keyed-back checklist into this audit (the main window previews and applies
        it, as any import); a workbook of another audit is refused."""
        audit = self._audit
        window = self.window()
        if audit is None or not self._editable() or not hasattr(window, "import_excel"):
            return
        reference = audit.reference

        def planner(db: Database, path: Path, progress: Progress | None) -> ImportPlan:
            from qmsdesk.core.exchange import audits_xlsx

            return audits_xlsx.plan_checklist_import(db, path, reference, progress)

        window.import_excel(planner)

    # --- layout

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_filters(self) -> None:
        self.search.clear()
        self.reload()

    def save_layout(self, settings: Settings) -> None:
        settings.set_state("audits/header", self.table.horizontalHeader().saveState())
        settings.set_state("audits/splitter", self.splitter.saveState())
        settings.set_state("audits/left", self.left_splitter.saveState())
        settings.set_state("audits/checklist", self.checklist_splitter.saveState())

    def restore_layout(self, settings: Settings) -> None:
        for key, target in (
            ("audits/header", self.table.horizontalHeader()),
            ("audits/splitter", self.splitter),
            ("audits/left", self.left_splitter),
            ("audits/checklist", self.checklist_splitter),
        ):
            state = settings.state(key)
            if state is not None:
                target.restoreState(state)
