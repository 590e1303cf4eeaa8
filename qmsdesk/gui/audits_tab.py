"""The internal audit tab (ISO 9001:2015 clause 9.2): the programme, the year view, the clauses
covered, and the selected audit run question by question.

Left: the programme of a year (late audits marked LATE on a tinted row, auditors who would audit
their own work marked "own work"), and under it the year view (an audit per month cell, its state
in words and colour) and the coverage of the clauses in the last 12 months. Right: the selected
audit, its checklist and its findings. The checklist runs from the keyboard: Alt+1 to Alt+7 give
the result, Ctrl+Enter saves and moves to the next unanswered question, Ctrl+Up / Ctrl+Down move
without losing what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import audits
from qmsdesk.core.audits import (
    AuditFields,
    AuditQuery,
    AuditRow,
    Coverage,
    FindingFields,
    FindingRow,
    ProgrammeState,
)
from qmsdesk.core.dates import today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_audits import AuditStatus, FindingClass, Result
from qmsdesk.core.errors import QmsError
from qmsdesk.gui import icons, workers
from qmsdesk.gui.models.audit_table_model import (
    AUDIT_ID_ROLE,
    STATE_COLORS,
    STATE_MARKS,
    AuditTableModel,
    ChecklistModel,
    YearModel,
)
from qmsdesk.gui.models.document_table_model import DateText
from qmsdesk.gui.settings import Settings
from qmsdesk.gui.workers import show_problem

T = TypeVar("T")
ALL_YEARS = 0
RESULT_ORDER: tuple[Result, ...] = (
    Result.CONFORMING,
    Result.MINOR_NC,
    Result.MAJOR_NC,
    Result.OFI,
    Result.OBSERVATION,
    Result.NOT_APPLICABLE,
    Result.NOT_AUDITED,
)
COVERAGE_COLORS = {
    Coverage.COVERED: STATE_COLORS[ProgrammeState.DONE],
    Coverage.PARTLY: QColor("#fff1d0"),
    Coverage.PLANNED: STATE_COLORS[ProgrammeState.PLANNED],
    Coverage.NOT_COVERED: icons.OVERDUE_TINT,
}
COVERAGE_MARKS = {
    Coverage.COVERED: "●",
    Coverage.PARTLY: "◐",
    Coverage.PLANNED: "○",
    Coverage.NOT_COVERED: "✗",
}
_ID = Qt.ItemDataRole.UserRole


class RunnerKeys(QObject):
    """The runner's keys, wherever the focus is in it (and in the checklist table): Alt+1 to
    Alt+7 give the result, Ctrl+Enter records and moves on, Ctrl+Up / Ctrl+Down move."""

    def __init__(self, runner: ChecklistRunner) -> None:
        super().__init__(runner)
        self.runner = runner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        key, mods = key_event.key(), key_event.modifiers()
        alt = mods & Qt.KeyboardModifier.AltModifier
        ctrl = mods & Qt.KeyboardModifier.ControlModifier
        if alt and not ctrl and Qt.Key.Key_1 <= key <= Qt.Key.Key_7:
            self.runner.set_result(RESULT_ORDER[key - Qt.Key.Key_1])
            return True
        if ctrl and not alt:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.runner.save_requested.emit(True)
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.runner.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
                return True
        return False


class ChecklistRunner(QFrame):
    """One question at a time: the question, what to look for, the notes and the result."""

    save_requested = Signal(bool)  # True: move on to the next unanswered question afterwards
    move_requested = Signal(int)  # -1 previous, +1 next

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistRunner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.position_label = QLabel()
        self.position_label.setObjectName("positionLabel")
        self.question_label = QLabel()
        self.question_label.setObjectName("questionLabel")
        self.question_label.setWordWrap(True)
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.question_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.question_label.setFont(font)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
        layout.addWidget(self.position_label)
        layout.addWidget(self.question_label)
        layout.addWidget(self.hint_label)
        notes_label = QLabel("Evidence notes:")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("evidenceEdit")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("What you saw: documents, records, samples, people spoken to")
        self.notes.setMaximumHeight(self.fontMetrics().height() * 5)
        notes_label.setBuddy(self.notes)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so that "no result yet" can be shown
        self.buttons: dict[Result, QRadioButton] = {}
        for n, result in enumerate(RESULT_ORDER, 1):
            button = QRadioButton(f"{n} {audits.RESULT_LABELS[result]}")
            button.setObjectName(f"result_{result.value}")
            button.setToolTip(f"Alt+{n}")
            button.setAutoExclusive(False)  # "no result yet" must be shown too
            self.group.addButton(button, n)
            self.buttons[result] = button
            grid.addWidget(button, (n - 1) // 4, (n - 1) % 4)
        self.group.buttonClicked.connect(self._clicked)
        layout.addLayout(grid)
        row = QHBoxLayout()
        self.previous_button = QPushButton("◀ Previous")
        self.previous_button.setToolTip("The question before (Ctrl+Up); what you typed is kept")
        self.next_button = QPushButton("Next ▶")
        self.next_button.setToolTip("The question after (Ctrl+Down); what you typed is kept")
        self.save_button = QPushButton("Record and next")
        self.save_button.setObjectName("saveNextButton")
        self.save_button.setToolTip(
            "Record this answer and go to the next unanswered question (Ctrl+Enter)"
        )
        self.save_button.setDefault(True)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        self.state_label = QLabel()
        row.addWidget(self.state_label)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.previous_button.clicked.connect(lambda: self.move_requested.emit(-1))
        self.next_button.clicked.connect(lambda: self.move_requested.emit(1))
        self.save_button.clicked.connect(lambda: self.save_requested.emit(True))
        self.keys = RunnerKeys(self)
        for widget in (self, self.notes, *self.buttons.values(), self.previous_button,
                       self.next_button, self.save_button):  # fmt: skip
            widget.installEventFilter(self.keys)
        self._question: audits.AuditQuestionRow | None = None
        self._result: Result | None = None
        self.notes.textChanged.connect(self._update_state)
        self.show_question(None, 0, 0, editable=False)

    def _clicked(self, button: QRadioButton) -> None:
        chosen = next(r for r, b in self.buttons.items() if b is button)
        self.set_result(None if chosen == self._result and not button.isChecked() else chosen)

    def set_result(self, result: Result | None) -> None:
        if self._question is None or not self.save_button.isEnabled():
            return
        self._result = result
        for r, button in self.buttons.items():
            button.setChecked(r == result)
        self._update_state()

    def show_question(
        self,
        question: audits.AuditQuestionRow | None,
        number: int,
        total: int,
        *,
        editable: bool,
    ) -> None:
        self._question = question
        self._result = question.result if question else None
        if question is None:
            self.position_label.setText("")
            self.question_label.setText(
                "Select a question of the checklist to answer it here." if total else ""
            )
            self.hint_label.setText("")
            self.notes.setPlainText("")
        else:
            self.position_label.setText(
                f"<b>Question {number} of {total}</b> · clause {escape(question.clause)} "
                f"{escape(_clause_title(question.clause))}"
            )
            self.question_label.setText(question.question)
            self.hint_label.setText(f"Look for: {question.hint}" if question.hint else "")
            self.notes.blockSignals(True)
            self.notes.setPlainText(question.evidence)
            self.notes.blockSignals(False)
        for r, button in self.buttons.items():
            button.setChecked(r == self._result)
        enabled = question is not None and editable
        for widget in (*self.buttons.values(), self.notes, self.save_button):
            widget.setEnabled(enabled)
        self.previous_button.setEnabled(question is not None and number > 1)
        self.next_button.setEnabled(question is not None and number < total)
        self._update_state()

    def answer(self) -> tuple[Result | None, str]:
        return self._result, self.notes.toPlainText().strip()

    @property
    def question(self) -> audits.AuditQuestionRow | None:
        return self._question

    def is_dirty(self) -> bool:
        q = self._question
        if q is None or not self.save_button.isEnabled():
            return False
        result, notes = self.answer()
        return result != q.result or notes != q.evidence

    def _update_state(self) -> None:
        self.state_label.setText("Not saved yet" if self.is_dirty() else "")


def _clause_title(number: str) -> str:
    from qmsdesk.core.catalogue import clause_title

    try:
        return clause_title(number)
    except KeyError:
        return ""


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
        self._audit: AuditRow | None = None
        self._findings: list[FindingRow] = []
        self._totals = ""
        self.model = AuditTableModel(self)
        self.year_model = YearModel(self)
        self.checklist_model = ChecklistModel(self)
        self._make_actions()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self._make_toolbar())
        layout.addLayout(self._make_filters())

        self.table = self._table("auditTable", "Audit programme", self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.edit_audit())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_audit())
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for n, (title, sample) in enumerate(AuditTableModel.samples()):
            header.resizeSection(
                n,
                max(
                    metrics.horizontalAdvance(sample) + 30,
                    header.fontMetrics().horizontalAdvance(title) + 26,
                ),
            )

        self.year_table = self._table("yearTable", "Year view", self.year_model)
        year_header = self.year_table.horizontalHeader()
        year_header.setStretchLastSection(False)
        year_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, sample in ((0, "Sep 2026"), (2, "Planned"), (3, "In progress"),
                               (4, "Done"), (5, "Late")):  # fmt: skip
            year_header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.year_table.clicked.connect(self._year_clicked)
        self.year_table.activated.connect(self._year_clicked)
        self.coverage_tree = QTreeWidget()
        self.coverage_tree.setObjectName("coverageTree")
        self.coverage_tree.setAccessibleName("Clause coverage in the last 12 months")
        self.coverage_tree.setHeaderLabels(["Clause", "State", "Last audited", "Audits"])
        self.coverage_tree.setUniformRowHeights(True)
        self.coverage_summary = QLabel()
        self.coverage_summary.setObjectName("coverageSummary")
        self.coverage_summary.setWordWrap(True)
        coverage_page = QWidget()
        coverage_layout = QVBoxLayout(coverage_page)
        coverage_layout.setContentsMargins(0, 4, 0, 0)
        coverage_layout.addWidget(self.coverage_summary)
        coverage_layout.addWidget(self.coverage_tree, 1)
        self.overview = QTabWidget()
        self.overview.setObjectName("overviewTabs")
        self.overview.addTab(self.year_table, "&Year view")
        self.overview.addTab(coverage_page, "Clause &coverage (12 months)")

        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("programmeSplitter")
        left.addWidget(self.table)
        left.addWidget(self.overview)
        left.setSizes([320, 300])
        left.setChildrenCollapsible(False)
        self.left_splitter = left

        self.audit_header = QLabel()
        self.audit_header.setObjectName("auditHeader")
        self.audit_header.setWordWrap(True)
        self.audit_header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning_label = QLabel()
        self.warning_label.setObjectName("objectivityWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(
            "background: #fdf0cc; color: #1f1f1f; border: 1px solid #e0b040; padding: 4px;"
        )
        self.warning_label.hide()
        self.checklist_table = self._table("checklistTable", "Checklist", self.checklist_model)
        self.checklist_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch
        )
        self.checklist_table.horizontalHeader().setStretchLastSection(False)
        for column, sample in ((0, "000"), (1, "7.1.5.2"), (3, "Minor nonconformity"),
                               (4, "Seen: records of the last")):  # fmt: skip
            self.checklist_table.horizontalHeader().resizeSection(
                column, metrics.horizontalAdvance(sample) + 24
            )
        self.checklist_table.selectionModel().currentRowChanged.connect(self._question_changed)
        self.runner = ChecklistRunner()
        self.checklist_table.installEventFilter(self.runner.keys)
        self.runner.save_requested.connect(self.save_answer)
        self.runner.move_requested.connect(self.move_question)
        checklist_page = QSplitter(Qt.Orientation.Vertical)
        checklist_page.setObjectName("checklistSplitter")
        checklist_page.addWidget(self.checklist_table)
        checklist_page.addWidget(self.runner)
        checklist_page.setChildrenCollapsible(False)
        self.checklist_splitter = checklist_page
        self.findings_tree = QTreeWidget()
        self.findings_tree.setObjectName("findingsTree")
        self.findings_tree.setAccessibleName("Findings")
        self.findings_tree.setRootIsDecorated(False)
        self.findings_tree.setHeaderLabels(
            ["Finding", "Classification", "Clause", "Statement", "Corrective action"]
        )
        self.findings_tree.itemActivated.connect(lambda *_: self.edit_finding())
        self.findings_tree.currentItemChanged.connect(lambda *_: self._update_actions())
        self.audit_tabs = QTabWidget()
        self.audit_tabs.setObjectName("auditTabs")
        self.audit_tabs.addTab(checklist_page, "Chec&klist")
        self.audit_tabs.addTab(self.findings_tree, "F&indings")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.audit_header)
        right_layout.addWidget(self.warning_label)
        right_layout.addWidget(self.audit_tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("auditsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([700, 640])
        layout.addWidget(self.splitter, 1)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.reload)
        self._update_actions()

    def _table(self, name: str, accessible: str, model: Any) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setAccessibleName(accessible)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return table

    # --- actions

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | str | None,
        icon: object,
        tip: str,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(icon)  # type: ignore[arg-type]
        action.setStatusTip(tip)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        std = icons.standard
        specs: tuple[tuple[str, str, Callable[[], object], object, object, str], ...] = (
            ("new_action", "&New audit…", self.new_audit, "Ctrl+Shift+N",
             std(sp.SP_FileIcon), "Plan an audit in the programme"),
            ("edit_action", "&Edit audit…", self.edit_audit, "F2",
             std(sp.SP_FileDialogDetailedView),
             "Change the selected audit: dates, people, scope, status"),
            ("delete_action", "&Delete audit…", self.delete_audit,
             QKeySequence(QKeySequence.StandardKey.Delete), std(sp.SP_TrashIcon),
             "Delete an audit planned by mistake (not once it has started)"),
            ("questions_action", "Add &questions…", self.add_questions, "Ctrl+Shift+Q",
             icons.letter_icon("Q", "#1565c0"),
             "Copy questions from checklist templates into the audit"),
            ("finding_action", "Add &finding…", self.add_finding, "Ctrl+Shift+F",
             icons.letter_icon("F", "#b26a00"), "A finding not tied to a checklist question"),
            ("edit_finding_action", "Edit finding…", self.edit_finding, None, None,
             "Write the statement of the selected finding"),
            ("export_checklist_action", "E&xport checklist to Excel…", self.export_checklist,
             None, None, "Write the checklist to a workbook to fill in"),
            ("import_results_action", "&Import results from Excel…", self.import_results, None,
             None, "Read the results keyed into an exported checklist"),
            ("report_action", "Print audit &report…", self.print_audit_report, "Ctrl+Shift+P",
             std(sp.SP_FileDialogContentsView),
             "The audit report as a PDF: scope, counts, findings"),
            ("templates_action", "Checklist &templates…", self.edit_templates, None,
             icons.letter_icon("T", "#2e7d32"), "Copy the ISO template, write process templates"),
            ("history_action", "&History…", self.show_history, "Ctrl+H",
             std(sp.SP_FileDialogInfoView), "Every change recorded for the selected audit"),
        )  # fmt: skip
        for name, text, slot, keys, icon, tip in specs:
            setattr(self, name, self._action(text, slot, keys, icon, tip))  # type: ignore[arg-type]

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
        warnings: dict[int, Any] = {}
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
        self._show_coverage(coverage)
        if wanted is None or not self.select_audit(wanted):
            if self.model.rowCount():
                self.select_audit(self.model.audit(0).id)  # type: ignore[union-attr]
            else:
                self._show_audit()
        self.counts_changed.emit()

    def _show_coverage(self, coverage: list[audits.ClauseCoverage]) -> None:
        tree = self.coverage_tree
        tree.clear()
        date = DateText()
        parents: dict[str, QTreeWidgetItem] = {}
        counts = {c: 0 for c in Coverage}
        for c in coverage:
            counts[c.state] += 1
            item = QTreeWidgetItem(
                [
                    f"{c.clause} {c.title}",
                    f"{COVERAGE_MARKS[c.state]} {audits.COVERAGE_LABELS[c.state]}"
                    + (f" ({', '.join(c.planned)})" if c.state == Coverage.PLANNED else ""),
                    date(c.last_audited),
                    ", ".join(c.audits),
                ]
            )
            item.setData(0, _ID, c.clause)
            brush = QBrush(COVERAGE_COLORS[c.state])
            item.setBackground(1, brush)
            item.setForeground(1, QBrush(icons.TINT_TEXT))
            item.setToolTip(0, f"{c.clause} {c.title}")
            parent = parents.get(c.clause.rsplit(".", 1)[0]) if "." in c.clause else None
            if parent is None:
                tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            parents[c.clause] = item
        tree.expandToDepth(0)
        tree.resizeColumnToContents(1)
        tree.setColumnWidth(
            0, max(tree.columnWidth(0), self.fontMetrics().horizontalAdvance("0" * 40))
        )
        self.coverage_summary.setText(
            f"Of the {len(coverage)} clauses and sub-clauses of ISO 9001:2015, in the last 12 "
            f"months: <b>{counts[Coverage.COVERED]}</b> audited, "
            f"<b>{counts[Coverage.PARTLY]}</b> partly, <b>{counts[Coverage.PLANNED]}</b> "
            f"planned, <b>{counts[Coverage.NOT_COVERED]}</b> not audited."
        )

    def status_text(self) -> str:
        return self._totals

    # --- selection

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
        audit = None
        questions: list[audits.AuditQuestionRow] = []
        findings: list[FindingRow] = []
        if audit_id is not None and self.db is not None:
            with self.db.read() as session:
                try:
                    audit = audits.get_audit(session, audit_id)
                except QmsError:
                    audit = None
                if audit is not None:
                    questions = audits.questions_of(session, audit_id)
                    findings = audits.findings_of(session, audit_id)
        self._audit = audit
        self._findings = findings
        self.audit_header.setText(self._header_html(audit))
        warnings = self.model.warnings_for(audit.id) if audit else []
        self.warning_label.setText(
            "<b>⚠ Objectivity (clause 9.2.2 c):</b> "
            + " ".join(escape(w.message) for w in warnings)
        )
        self.warning_label.setVisible(bool(warnings))
        self.checklist_model.set_rows(questions)
        self._fill_findings(findings)
        if questions:
            first = next((n for n, q in enumerate(questions) if q.result is None), 0)
            self.checklist_table.selectRow(first)
        else:
            self.runner.show_question(None, 0, 0, editable=False)
            if audit is not None:
                self.runner.question_label.setText(
                    "This audit has no checklist yet: Add questions (Ctrl+Shift+Q) copies them "
                    "from the templates, for the audit's clause scope."
                )
        self._update_actions()

    def _header_html(self, a: AuditRow | None) -> str:
        if a is None:
            if self.db is not None and not self.model.rowCount():
                return "<p>No audit in this programme yet. New audit (Ctrl+Shift+N) plans one.</p>"
            return ""
        date = DateText()
        state = a.state(today())
        late = (
            ' <span style="color:#c62828; font-weight:bold">⚠ LATE</span>'
            if state == ProgrammeState.LATE
            else ""
        )
        planned = date(a.planned_start) + (f" to {date(a.planned_end)}" if a.planned_end else "")
        done = ""
        if a.actual_start:
            done = f" · carried out {date(a.actual_start)}" + (
                f" to {date(a.actual_end)}" if a.actual_end else ""
            )
        scope = []
        if a.processes:
            scope.append("processes " + escape(", ".join(a.processes)))
        if a.departments:
            scope.append("departments " + escape(", ".join(a.departments)))
        scope.append("clauses " + escape(", ".join(a.clauses) if a.clauses else "all"))
        counts = {c: a.findings.get(c, 0) for c in FindingClass}
        return (
            f"<b style='font-size:large'>{escape(a.reference)}</b> {escape(a.title)}<br>"
            f"<b>{audits.STATUS_LABELS[a.status]}</b>{late} · planned {planned}{done}<br>"
            f"Lead auditor: {escape(a.lead_auditor or '—')}"
            + (f" · team: {escape(', '.join(a.team))}" if a.team else "")
            + f" · auditees: {escape(', '.join(a.auditees) or '—')}<br>"
            f"Scope: {'; '.join(scope)}<br>"
            f"Checklist: {a.answered} of {a.questions} answered · findings: "
            f"{counts[FindingClass.MAJOR_NC]} major, {counts[FindingClass.MINOR_NC]} minor, "
            f"{counts[FindingClass.OFI]} OFI, {counts[FindingClass.OBSERVATION]} observations"
        )

    def _fill_findings(self, findings: list[FindingRow]) -> None:
        tree = self.findings_tree
        tree.clear()
        for f in findings:
            action = ""
            if f.action_ref:
                status = f.action_status.value.replace("_", " ") if f.action_status else ""
                action = f"{f.action_ref} ({status})"
            elif f.classification in audits.NONCONFORMITIES:
                action = "none yet"
            item = QTreeWidgetItem(
                [
                    f"F{f.number}",
                    audits.FINDING_LABELS[f.classification],
                    f.clause,
                    f.statement or "(statement to write)",
                    action,
                ]
            )
            item.setData(0, _ID, f.id)
            if f.classification == FindingClass.MAJOR_NC:
                item.setBackground(1, QBrush(icons.OVERDUE_TINT))
            elif f.classification == FindingClass.MINOR_NC:
                item.setBackground(1, QBrush(icons.DUE_SOON_TINT))
            if not f.statement:
                item.setForeground(3, QBrush(icons.OVERDUE_COLOR))
            tree.addTopLevelItem(item)
        for column in range(5):
            tree.resizeColumnToContents(column)
        self.audit_tabs.setTabText(1, f"F&indings ({len(findings)})")

    def selected_finding(self) -> FindingRow | None:
        item = self.findings_tree.currentItem()
        if item is None:
            return None
        finding_id = item.data(0, _ID)
        return next((f for f in self._findings if f.id == finding_id), None)

    def _editable(self) -> bool:
        a = self._audit
        return (
            self.db is not None
            and not self.read_only
            and a is not None
            and a.status not in (AuditStatus.REPORTED, AuditStatus.CLOSED)
        )

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

    # --- the checklist runner

    def _question_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if previous.isValid() and self.runner.is_dirty():
            self._save_runner(move_on=False, reselect=False)
        row = current.row() if current.isValid() else -1
        question = self.checklist_model.question(row)
        self.runner.show_question(
            question, row + 1, self.checklist_model.rowCount(), editable=self._editable()
        )

    def move_question(self, step: int) -> None:
        row = self.checklist_table.currentIndex().row() + step
        if 0 <= row < self.checklist_model.rowCount():
            self.checklist_table.selectRow(row)

    def save_answer(self, move_on: bool = True) -> None:
        self._save_runner(move_on=move_on, reselect=True)

    def _save_runner(self, *, move_on: bool, reselect: bool) -> bool:
        question = self.runner.question
        audit = self._audit
        if question is None or audit is None or not self._editable():
            return False
        result, notes = self.runner.answer()
        if result == question.result and notes == question.evidence:
            if move_on:
                self._next_unanswered(question.id)
            return True
        ok, outcome = self._write(
            "Cannot save the answer",
            lambda s: audits.record_answer(s, question.id, result, notes, self.user),
        )
        if not ok:
            return False
        self._after_answer(audit.id, question.id, move_on=move_on, reselect=reselect)
        window = self.window()
        if outcome is not None and outcome.action_id is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(
                "The nonconformity is a finding now, with its corrective action in the Actions "
                "register.",
                15_000,
            )
        return True

    def _after_answer(
        self, audit_id: int, question_id: int, *, move_on: bool, reselect: bool
    ) -> None:
        assert self.db is not None
        with self.db.read() as session:
            audit = audits.get_audit(session, audit_id)
            questions = audits.questions_of(session, audit_id)
            findings = audits.findings_of(session, audit_id)
        self._audit = audit
        self._findings = findings
        updated = next(q for q in questions if q.id == question_id)
        self.checklist_model.update_row(updated)
        self._fill_findings(findings)
        self.audit_header.setText(self._header_html(audit))
        self.changed.emit()
        if move_on:
            self._next_unanswered(question_id)
        elif reselect:
            row = self.checklist_model.row_for_id(question_id)
            if row is not None:
                self.runner.show_question(
                    updated, row + 1, self.checklist_model.rowCount(), editable=self._editable()
                )
        # The programme's counts (answered, findings, state) change with an answer.
        self.model.replace_row(audit)
        self._update_actions()

    def _next_unanswered(self, after_id: int) -> None:
        rows = self.checklist_model.rows()
        start = self.checklist_model.row_for_id(after_id)
        start = -1 if start is None else start
        order = list(range(start + 1, len(rows))) + list(range(0, start + 1))
        target = next((n for n in order if rows[n].result is None), None)
        if target is None:
            target = min(start + 1, len(rows) - 1)
        self.checklist_table.selectRow(target)
        self.runner.notes.setFocus()

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
        if not _accepted(dialog):
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
        if not _accepted(dialog):
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
        audit = self._audit
        if audit is None or self.db is None or not self._editable():
            return
        from qmsdesk.gui.dialogs.audits import ChecklistDialog

        db = self.db
        with db.read() as session:
            templates = audits.all_templates(session)
            existing = {
                (q.clause, q.question.casefold()) for q in audits.questions_of(session, audit.id)
            }

        def count(ids: list[int], by_scope: bool) -> int:
            seen = set(existing)
            n = 0
            with db.read() as session:
                for template_id in ids:
                    for q in audits.template_questions(session, template_id):
                        key = (q.clause, q.question.casefold())
                        if key in seen:
                            continue
                        if by_scope and not audits.in_scope(q.clause, audit.clauses):
                            continue
                        seen.add(key)
                        n += 1
            return n

        dialog = ChecklistDialog(self, audit=audit, templates=templates, count=count)
        if not _accepted(dialog):
            return
        ids, by_scope = dialog.chosen()
        ok, _ = self._write(
            "Cannot add the questions",
            lambda s: audits.build_checklist(s, audit.id, ids, self.user, by_scope=by_scope),
        )
        if ok:
            self._after_write(audit.id)
            self.audit_tabs.setCurrentIndex(0)

    def add_finding(self) -> None:
        audit = self._audit
        if audit is None or not self._editable():
            return
        from qmsdesk.gui.dialogs.audits import FindingDialog

        question = self.runner.question
        dialog = FindingDialog(
            self,
            title=f"New finding of {audit.reference}",
            initial=FindingFields(
                question.clause if question else "", "", "", FindingClass.OBSERVATION
            ),
            intro="A finding not tied to a checklist question. A nonconformity opens a "
            "corrective action in the Actions register.",
        )
        if not _accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self._write(
            "Cannot add the finding",
            lambda s: audits.add_finding(s, audit.id, fields, self.user),
        )
        if ok:
            self._after_write(audit.id)
            self.audit_tabs.setCurrentIndex(1)

    def edit_finding(self) -> None:
        finding = self.selected_finding()
        audit = self._audit
        if finding is None or audit is None or self.read_only or self.db is None:
            return
        from qmsdesk.gui.dialogs.audits import FindingDialog

        dialog = FindingDialog(
            self,
            title=f"Finding {finding.reference}",
            initial=finding.fields(),
            intro=f"Checklist question: {finding.question}" if finding.question else "",
            locked_class=finding.action_id is not None,
        )
        if not _accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self._write(
            "Cannot change the finding",
            lambda s: audits.update_finding(s, finding.id, fields, self.user),
        )
        if ok:
            self._after_write(audit.id)
            self.audit_tabs.setCurrentIndex(1)

    def edit_templates(self) -> None:
        if self.db is None:
            return
        from qmsdesk.gui.dialogs.audits import TemplatesDialog

        db = self.db

        def read(work: Callable[[Session], object]) -> object:
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

    def _ask_save(self, title: str, suggested: str, file_filter: str, suffix: str) -> Any:
        window = self.window()
        if hasattr(window, "ask_save_path"):
            return window.ask_save_path(title, suggested, file_filter, suffix)
        from pathlib import Path

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
            if hasattr(window, "statusBar"):
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

        def planner(db: Database, path: Any, progress: Any) -> Any:
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


def _accepted(dialog: QDialog) -> bool:
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted
