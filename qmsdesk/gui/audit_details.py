"""The right side of the Audits tab: the selected audit, its checklist run question by question,
and its findings.

The pane reads the audit it shows, records the answers given in its checklist runner (through
the tab's write, one transaction an answer), adds questions from the templates, and adds and edits
findings; planning and changing the audits themselves stay with the tab. After an answer it sends
`answered` with the audit read again, for the programme's counts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import audits
from qmsdesk.core.audits import (
    AuditRow,
    FindingFields,
    FindingRow,
    ObjectivityWarning,
    ProgrammeState,
)
from qmsdesk.core.dates import today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_audits import AuditStatus, FindingClass
from qmsdesk.core.errors import QmsError
from qmsdesk.gui import icons
from qmsdesk.gui.audit_programme import make_table
from qmsdesk.gui.checklist_runner import ChecklistRunner
from qmsdesk.gui.models.audit_table_model import ChecklistModel
from qmsdesk.gui.models.document_table_model import DateText
from qmsdesk.gui.register_tab import accepted
from qmsdesk.gui.writer import Writer

_ID = Qt.ItemDataRole.UserRole


class AuditDetails(QWidget):
    """The selected audit: its header, the objectivity warning, the checklist and the findings."""

    answered = Signal(object)  # the AuditRow, read again after an answer was recorded

    def __init__(
        self,
        write: Writer,
        after_write: Callable[[int], None],
        user: Callable[[], str],
        notify: Callable[[str, int], None],
        parent: QWidget | None = None,
    ) -> None:
        """`write` writes as the tab does; `after_write(audit_id)` reads the programme again
        after a change to the audit's checklist or findings; `user()` names who is working;
        `notify(text, milliseconds)` says something in the window's status bar."""
        super().__init__(parent)
        self._write = write
        self._after_write = after_write
        self._user = user
        self._notify = notify
        self.db: Database | None = None
        self.read_only = False
        self.audit: AuditRow | None = None
        self.findings: list[FindingRow] = []
        self.checklist_model = ChecklistModel(self)

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
        self.checklist_table = make_table("checklistTable", "Checklist", self.checklist_model)
        header = self.checklist_table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        metrics = self.checklist_table.fontMetrics()
        for column, sample in ((0, "000"), (1, "7.1.5.2"), (3, "Minor nonconformity"),
                               (4, "Seen: records of the last")):  # fmt: skip
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
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
        self.audit_tabs = QTabWidget()
        self.audit_tabs.setObjectName("auditTabs")
        self.audit_tabs.addTab(checklist_page, "Chec&klist")
        self.audit_tabs.addTab(self.findings_tree, "F&indings")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.audit_header)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.audit_tabs, 1)

    def set_database(self, db: Database | None, *, read_only: bool) -> None:
        self.db = db
        self.read_only = read_only

    def editable(self) -> bool:
        """True when the shown audit's checklist and findings may be changed."""
        a = self.audit
        return (
            self.db is not None
            and not self.read_only
            and a is not None
            and a.status not in (AuditStatus.REPORTED, AuditStatus.CLOSED)
        )

    # --- showing

    def show_audit(
        self,
        audit_id: int | None,
        warnings: Sequence[ObjectivityWarning],
        *,
        programme_empty: bool,
    ) -> None:
        """Read and show an audit (None: none); `warnings` are its objectivity warnings."""
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
        self.audit = audit
        self.findings = findings
        self.audit_header.setText(self.header_html(audit, programme_empty=programme_empty))
        shown = warnings if audit else []
        self.warning_label.setText(
            "<b>⚠ Objectivity (clause 9.2.2 c):</b> " + " ".join(escape(w.message) for w in shown)
        )
        self.warning_label.setVisible(bool(shown))
        self.checklist_model.set_rows(questions)
        self.fill_findings(findings)
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

    def header_html(self, a: AuditRow | None, *, programme_empty: bool = False) -> str:
        if a is None:
            if self.db is not None and programme_empty:
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

    def fill_findings(self, findings: list[FindingRow]) -> None:
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
        return next((f for f in self.findings if f.id == finding_id), None)

    # --- the audit's checklist and findings

    def add_questions(self) -> None:
        audit = self.audit
        if audit is None or self.db is None or not self.editable():
            return
        from qmsdesk.gui.dialogs.audits import ChecklistDialog

        db = self.db
        with db.read() as session:
            templates = audits.all_templates(session)
            existing = {
                (q.clause, q.question.casefold()) for q in audits.questions_of(session, audit.id)
            }

        def count(ids: Sequence[int], by_scope: bool) -> int:
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
        if not accepted(dialog):
            return
        ids, by_scope = dialog.chosen()
        ok, _ = self._write(
            "Cannot add the questions",
            lambda s: audits.build_checklist(s, audit.id, ids, self._user(), by_scope=by_scope),
        )
        if ok:
            self._after_write(audit.id)
            self.audit_tabs.setCurrentIndex(0)

    def add_finding(self) -> None:
        audit = self.audit
        if audit is None or not self.editable():
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
        if not accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self._write(
            "Cannot add the finding",
            lambda s: audits.add_finding(s, audit.id, fields, self._user()),
        )
        if ok:
            self._after_write(audit.id)
            self.audit_tabs.setCurrentIndex(1)

    def edit_finding(self) -> None:
        finding = self.selected_finding()
        audit = self.audit
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
        if not accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self._write(
            "Cannot change the finding",
            lambda s: audits.update_finding(s, finding.id, fields, self._user()),
        )
        if ok:
            self._after_write(audit.id)
            self.audit_tabs.setCurrentIndex(1)

    # --- the checklist runner

    def _question_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if previous.isValid() and self.runner.is_dirty():
            self._save_runner(move_on=False, reselect=False)
        row = current.row() if current.isValid() else -1
        question = self.checklist_model.question(row)
        self.runner.show_question(
            question, row + 1, self.checklist_model.rowCount(), editable=self.editable()
        )

    def move_question(self, step: int) -> None:
        row = self.checklist_table.currentIndex().row() + step
        if 0 <= row < self.checklist_model.rowCount():
            self.checklist_table.selectRow(row)

    def save_answer(self, move_on: bool = True) -> None:
        self._save_runner(move_on=move_on, reselect=True)

    def _save_runner(self, *, move_on: bool, reselect: bool) -> bool:
        question = self.runner.question
        audit = self.audit
        if question is None or audit is None or not self.editable():
            return False
        result, notes = self.runner.answer()
        if result == question.result and notes == question.evidence:
            if move_on:
                self._next_unanswered(question.id)
            return True
        user = self._user()
        ok, outcome = self._write(
            "Cannot save the answer",
            lambda s: audits.record_answer(s, question.id, result, notes, user),
        )
        if not ok:
            return False
        self._after_answer(audit.id, question.id, move_on=move_on, reselect=reselect)
        if outcome is not None and outcome.action_id is not None:
            self._notify(
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
        self.audit = audit
        self.findings = findings
        updated = next(q for q in questions if q.id == question_id)
        self.checklist_model.update_row(updated)
        self.fill_findings(findings)
        self.audit_header.setText(self.header_html(audit))
        if move_on:
            self._next_unanswered(question_id)
        elif reselect:
            row = self.checklist_model.row_for_id(question_id)
            if row is not None:
                self.runner.show_question(
                    updated, row + 1, self.checklist_model.rowCount(), editable=self.editable()
                )
        self.answered.emit(audit)

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
