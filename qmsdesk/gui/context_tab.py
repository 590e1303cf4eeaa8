"""The Context tab (ISO 9001:2015 clauses 4.1 to 4.4 and 5.2): one tab with a page each for the
scope and its exclusions, the context issues, the interested parties, the processes (with their
inputs, outputs and turtle) and the quality policy.

New, Edit and Delete act on the page shown; the process map and the workbook of processes are
one click away on the Processes page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import actions, context, processes
from qmsdesk.core.dates import today
from qmsdesk.core.fields import Vocabulary
from qmsdesk.gui import icons
from qmsdesk.gui.context_pages import (
    ListPage,
    issue_html,
    party_html,
    policy_html,
    scope_html,
    turtle_html,
)
from qmsdesk.gui.dialogs._common import format_date
from qmsdesk.gui.dialogs.fields_form import FieldsDialog, Parser
from qmsdesk.gui.dialogs.process_flows import FlowsDialog
from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.register_tab import ActionSpec, RegisterTab, accepted
from qmsdesk.gui.settings import Settings

SCOPE, ISSUES, PARTIES, PROCESSES, POLICY = range(5)
PAGES = ("Scope", "Context issues", "Interested parties", "Processes", "Quality policy")
_SP = QStyle.StandardPixmap
_WHAT = {
    SCOPE: "exclusion",
    ISSUES: "context issue",
    PARTIES: "interested party",
    PROCESSES: "process",
}


class ContextTab(RegisterTab):
    """Scope, context issues, interested parties, processes and the quality policy."""

    tab_title = "Context"
    menu_title = "Conte&xt"
    report_key = "context"
    report_file_name = "Context of the organisation"
    export_key = "context"
    export_file_name = "Context and scope"
    find_register = "context"  # issues, parties and processes found or falling due
    layout_key = "context"
    toolbar_title = "Context tools"

    ACTIONS = (
        ActionSpec(
            "new_record", "&New…", "new_record_", "Ctrl+Shift+N",
            lambda: icons.standard(_SP.SP_FileIcon),
            "Add to the page shown: an exclusion, an issue, a party or a process",
            button="New",
        ),
        ActionSpec(
            "edit_record", "&Edit…", "edit_record_", "F2",
            lambda: icons.standard(_SP.SP_FileDialogDetailedView),
            "Change the selected record (on the Scope and Policy pages: their text)",
            button="Edit",
        ),
        ActionSpec(
            "delete_record", "&Delete…", "delete_record_", QKeySequence.StandardKey.Delete,
            lambda: icons.standard(_SP.SP_TrashIcon), "Delete the selected record",
            button="Delete",
        ),
        ActionSpec(
            "flows_action", "&Inputs and outputs…", "edit_flows", "Ctrl+Shift+I",
            lambda: icons.letter_icon("⇄", "#1f4e78"),
            "Edit the selected process's inputs and outputs (its hand-overs)",
            button="Inputs and outputs",
        ),
        ActionSpec(
            "map_action", "Print process &map…", "print_map", "Ctrl+Shift+M",
            lambda: icons.standard(_SP.SP_DialogSaveButton),
            "The process map drawn from the register, and a turtle page per process (PDF)",
            button="Process map", writes=False,
        ),
        ActionSpec(
            "export_processes_action", "Export &processes…", "export_processes", None,
            lambda: icons.standard(_SP.SP_DialogSaveButton),
            "The processes and their inputs and outputs in Excel (they import back)",
            writes=False,
        ),
        ActionSpec(
            "history_action", "&History…", "show_history", "Ctrl+H",
            lambda: icons.standard(_SP.SP_FileDialogContentsView),
            "Every change recorded for the selected record", button="History", writes=False,
        ),
    )  # fmt: skip
    EDIT_ACTIONS = ("new_record", "edit_record", "delete_record")
    MENU_ACTIONS = (
        "flows_action",
        None,
        "map_action",
        "export_processes_action",
        None,
        "history_action",
    )
    TOOLBAR = (
        "new_record",
        "edit_record",
        "delete_record",
        None,
        "flows_action",
        "map_action",
        None,
        "history_action",
    )

    new_record: QAction
    edit_record: QAction
    delete_record: QAction
    flows_action: QAction
    map_action: QAction
    export_processes_action: QAction
    history_action: QAction

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)
        self._counts = (0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.make_toolbar())
        body = QHBoxLayout()
        self.page_list = QListWidget()
        self.page_list.setObjectName("contextPages")
        self.page_list.setAccessibleName("Context pages")
        self.page_list.addItems(list(PAGES))
        self.page_list.setFixedWidth(
            self.fontMetrics().horizontalAdvance("Interested parties") + 40
        )
        body.addWidget(self.page_list)
        self.stack = QStackedWidget()
        body.addWidget(self.stack, 1)
        layout.addLayout(body, 1)

        self.scope_view = self._browser("scopeView", "Scope")
        self.exclusions_page = ListPage(
            "exclusions", ("Clause", "Justification", "Warning"), self._table()
        )
        scope_page = QWidget()
        scope_layout = QVBoxLayout(scope_page)
        scope_layout.setContentsMargins(0, 0, 0, 0)
        scope_layout.addWidget(self.scope_view, 3)
        self.scope_button = QPushButton("Edit the scope statement, sites and products…")
        self.scope_button.setObjectName("editScope")
        self.scope_button.clicked.connect(self.edit_scope)
        buttons = QHBoxLayout()
        buttons.addWidget(self.scope_button)
        buttons.addStretch(1)
        scope_layout.addLayout(buttons)
        hint = QLabel("Requirements that do not apply (New, Edit and Delete act on this list):")
        scope_layout.addWidget(hint)
        scope_layout.addWidget(self.exclusions_page, 2)
        self.exclusions_page.details.hide()
        self.issues_page = ListPage(
            "issues",
            ("Reference", "Side", "Category", "Issue", "Next review"),
            self.make_table(
                self._model_placeholder(),
                object_name="issuesTable",
                accessible_name="Context issues",
                on_activate=self.edit_record_,
            ),
        )
        self.parties_page = ListPage(
            "parties", ("Interested party", "Side", "Needs", "Next review"), self._table()
        )
        self.processes_page = ListPage(
            "processes",
            ("Code", "Process", "Kind", "Owner", "Documents", "Open actions"),
            self._table(),
        )
        self.policy_view = self._browser("policyView", "Quality policy")
        for page in (
            scope_page,
            self.issues_page,
            self.parties_page,
            self.processes_page,
            self.policy_view,
        ):
            self.stack.addWidget(page)
        self.splitter = self.issues_page.splitter
        for page in (
            self.issues_page,
            self.parties_page,
            self.processes_page,
            self.exclusions_page,
        ):
            page.current_changed.connect(self._show_details)
        self.page_list.currentRowChanged.connect(self._page_changed)
        self.page_list.setCurrentRow(ISSUES)
        self.update_actions()

    def _model_placeholder(self) -> Any:
        from PySide6.QtGui import QStandardItemModel

        return QStandardItemModel(self)

    def _table(self) -> QTableView:
        table = self.table if hasattr(self, "table") else None
        made = self.make_table(
            self._model_placeholder(),
            object_name="contextTable",
            accessible_name="Context list",
            on_activate=self.edit_record_,
        )
        if table is not None:
            self.table = table  # the issues' table keeps the saved layout
        return made

    def _browser(self, name: str, accessible: str) -> QTextBrowser:
        view = QTextBrowser()
        view.setObjectName(name)
        view.setAccessibleName(accessible)
        view.setOpenLinks(False)
        return view

    # --- pages

    @property
    def page(self) -> int:
        return self.stack.currentIndex()

    def show_page(self, index: int) -> None:
        self.page_list.setCurrentRow(index)

    def _page_changed(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.update_actions()

    def _list(self) -> ListPage | None:
        return {
            SCOPE: self.exclusions_page,
            ISSUES: self.issues_page,
            PARTIES: self.parties_page,
            PROCESSES: self.processes_page,
        }.get(self.page)

    # --- database

    def database_changed(self) -> None:
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        if self.db is None:
            for page in (
                self.issues_page,
                self.parties_page,
                self.processes_page,
                self.exclusions_page,
            ):
                page.set_rows([])
            self.scope_view.clear()
            self.policy_view.clear()
            self._counts = (0, 0, 0, 0)
            self.update_actions()
            self.counts_changed.emit()
            return
        on = today()
        with self.db.read() as s:
            issues = context.all_issues(s)
            parties = context.all_parties(s)
            scope = context.get_scope(s)
            policy = context.get_policy(s, on)
            rows = processes.all_processes(s)
            counts = processes.counts_by_process(s)
        self.issues_page.set_rows(
            [
                (
                    r.id,
                    (
                        r.reference,
                        context.SIDE_LABELS[context.parse_side(r.side)],
                        r.category,
                        r.title,
                        format_date(r.next_review),
                    ),
                    bool(r.next_review and r.next_review < on),
                )
                for r in issues
            ]
        )
        self.parties_page.set_rows(
            [
                (
                    r.id,
                    (
                        r.name,
                        context.SIDE_LABELS[context.parse_side(r.side)],
                        r.needs.splitlines()[0] if r.needs else "",
                        format_date(r.next_review),
                    ),
                    bool(r.next_review and r.next_review < on),
                )
                for r in parties
            ]
        )
        self.processes_page.set_rows(
            [
                (
                    r.id,
                    (
                        r.code,
                        r.name,
                        processes.KIND_LABELS[r.kind],
                        r.owner_name,
                        str(counts.get(r.id, (0, 0))[0]),
                        str(counts.get(r.id, (0, 0))[1]),
                    ),
                    False,
                )
                for r in rows
            ]
        )
        self.exclusions_page.set_rows(
            [
                (e.id, (e.clause, e.justification, " ".join(e.warnings)), bool(e.warnings))
                for e in scope.exclusions
            ]
        )
        self.scope_view.setHtml(scope_html(scope))
        self.policy_view.setHtml(policy_html(policy, on))
        reviews = [r.next_review for r in issues] + [r.next_review for r in parties]
        overdue = sum(1 for day in reviews if day is not None and day < on)
        self._counts = (len(issues), len(parties), len(rows), overdue)
        shown = self._list()
        if select_id is not None and shown is not None:
            shown.select(select_id)
        self._show_details()
        self.update_actions()
        self.counts_changed.emit()

    def _show_details(self) -> None:
        if self.db is None:
            return
        on = today()
        with self.db.read() as s:
            issue = self.issues_page.current_id()
            self.issues_page.details.setHtml(
                issue_html(context.get_issue(s, issue), on) if issue else ""
            )
            party = self.parties_page.current_id()
            self.parties_page.details.setHtml(
                party_html(context.get_party(s, party), on) if party else ""
            )
            process = self.processes_page.current_id()
            self.processes_page.details.setHtml(
                turtle_html(processes.turtle(s, process)) if process else ""
            )
        self.update_actions()

    def status_text(self) -> str:
        issues, parties, count, overdue = self._counts
        return (
            f"{issues} context issues · {parties} interested parties · {count} processes · "
            f"{overdue} reviews overdue"
        )

    def update_actions(self) -> None:
        page = self._list()
        selected = page is not None and page.current_id() is not None
        has_db = self.db is not None
        self.enable(self.new_record, has_db and self.page in _WHAT)
        self.enable(self.edit_record, has_db and (selected or self.page in (SCOPE, POLICY)))
        self.enable(self.delete_record, has_db and selected)
        self.enable(self.flows_action, has_db and self.page == PROCESSES and selected)
        self.enable(self.map_action, has_db)
        self.scope_button.setEnabled(self.writable)
        self.enable(self.export_processes_action, has_db)
        self.enable(self.history_action, has_db and (selected or self.page in (SCOPE, POLICY)))

    def show_record(self, record_id: int, kind: str = "") -> None:
        """Search everywhere and the due list: show an issue, a party or a process."""
        self.show_page({"party": PARTIES, "process": PROCESSES}.get(kind, ISSUES))
        self.reload(select_id=record_id)

    def focus_search(self) -> None:
        self.page_list.setFocus()

    def clear_filters(self) -> None:
        """Nothing is filtered on these pages."""

    # --- dialogs

    def _edit(
        self,
        title: str,
        vocab: Vocabulary,
        keys: Sequence[str],
        values: dict[str, object],
        parse: Parser,
        **extra: Any,
    ) -> Any:
        dialog = FieldsDialog(self, title, vocab, keys, values, parse, **extra)
        return dialog.result_fields if accepted(dialog) else None

    def _owners(self) -> list[tuple[object, str]]:
        assert self.db is not None
        with self.db.read() as s:
            return [(None, "(no owner)"), *actions.people_choices(s)]

    def _run(
        self, title: str, work: Callable[[Session], object], select_id: int | None = None
    ) -> None:
        """Write `work`; then read the pages again, selecting `select_id` (else the new
        record's id that `work` returns)."""
        ok, result = self.write(title, work)
        if ok:
            made = result if isinstance(result, int) and not isinstance(result, bool) else None
            self.after_write(select_id if select_id is not None else made)

    def new_record_(self) -> None:
        if self.db is None:
            return
        if self.page == ISSUES:
            with self.db.read() as s:
                ref = context.next_issue_reference(s)
            f = self._edit(
                "New context issue",
                context.ISSUE_VOCAB,
                context.ISSUE_FIELDS,
                {"reference": ref},
                context.issue_from_values,
                suggestions={"category": context.ISSUE_CATEGORIES},
            )
            if f is not None:
                self._run(
                    "Context issue not added", lambda s: context.create_issue(s, f, self.user)
                )
        elif self.page == PARTIES:
            f = self._edit(
                "New interested party",
                context.PARTY_VOCAB,
                context.PARTY_FIELDS,
                {},
                context.party_from_values,
            )
            if f is not None:
                self._run("Party not added", lambda s: context.create_party(s, f, self.user))
        elif self.page == PROCESSES:
            f = self._edit(
                "New process",
                processes.PROCESS_VOCAB,
                processes.FIELD_NAMES,
                {},
                processes.fields_from_values,
                choices={"owner_id": self._owners()},
            )
            if f is not None:
                self._run("Process not added", lambda s: processes.create_process(s, f, self.user))
        elif self.page == SCOPE:
            f = self._edit(
                "Requirement that does not apply",
                context.EXCLUSION_VOCAB,
                ("clause", "justification"),
                {},
                context.exclusion_from_values,
            )
            if f is not None:
                self._run("Exclusion not added", lambda s: context.save_exclusion(s, f, self.user))

    def edit_record_(self) -> None:
        if self.db is None:
            return
        page = self._list()
        record_id = page.current_id() if page is not None else None
        with self.db.read() as s:
            scope = context.get_scope(s)
            if self.page == ISSUES and record_id is not None:
                old: Any = context.get_issue(s, record_id).fields()
            elif self.page == PARTIES and record_id is not None:
                old = context.get_party(s, record_id).fields()
            elif self.page == PROCESSES and record_id is not None:
                old = processes.get_process(s, record_id).fields()
            else:
                old = None
        if self.page == POLICY or (self.page == SCOPE and record_id is None):
            self._edit_statement(scope, ("policy",) if self.page == POLICY else None)
            return
        if record_id is None:
            return
        values = vars(old) if old is not None else {}
        if self.page == ISSUES:
            f = self._edit(
                "Context issue",
                context.ISSUE_VOCAB,
                context.ISSUE_FIELDS,
                values,
                context.issue_from_values,
                suggestions={"category": context.ISSUE_CATEGORIES},
            )
            if f is not None:
                self._run(
                    "Not saved",
                    lambda s: context.update_issue(s, record_id, f, self.user),
                    record_id,
                )
        elif self.page == PARTIES:
            f = self._edit(
                "Interested party",
                context.PARTY_VOCAB,
                context.PARTY_FIELDS,
                values,
                context.party_from_values,
            )
            if f is not None:
                self._run(
                    "Not saved",
                    lambda s: context.update_party(s, record_id, f, self.user),
                    record_id,
                )
        elif self.page == PROCESSES:
            f = self._edit(
                "Process",
                processes.PROCESS_VOCAB,
                processes.FIELD_NAMES,
                values,
                processes.fields_from_values,
                choices={"owner_id": self._owners()},
            )
            if f is not None:
                self._run(
                    "Not saved",
                    lambda s: processes.update_process(s, record_id, f, self.user),
                    record_id,
                )
        elif self.page == SCOPE:
            found = next(e for e in scope.exclusions if e.id == record_id)
            f = self._edit(
                "Requirement that does not apply",
                context.EXCLUSION_VOCAB,
                ("clause", "justification"),
                vars(found.fields()),
                context.exclusion_from_values,
            )
            if f is not None:
                self._run("Not saved", lambda s: context.save_exclusion(s, f, self.user, record_id))

    def edit_scope(self) -> None:
        """The scope statement, its sites and its products (the exclusions are edited apart)."""
        if self.db is None:
            return
        with self.db.read() as s:
            scope = context.get_scope(s)
        self._edit_statement(scope, None)

    def _edit_statement(self, scope: context.Scope, keys: tuple[str, ...] | None) -> None:
        keys = keys or ("scope", "sites", "products")
        now = scope.fields()
        title = "Quality policy" if keys == ("policy",) else "Scope"
        f = self._edit(
            title,
            context.SCOPE_VOCAB,
            keys,
            vars(now),
            lambda v: (context.ScopeFields(**{**vars(now), **v}), []),
        )
        if f is not None:
            self._run("Not saved", lambda s: context.save_scope(s, f, self.user))

    def delete_record_(self) -> None:
        page = self._list()
        record_id = page.current_id() if page is not None else None
        if record_id is None or self.page not in _WHAT:
            return
        what = _WHAT[self.page]
        answer = QMessageBox.question(self, "Delete", f"Delete the selected {what}?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        delete = {
            SCOPE: context.delete_exclusion,
            ISSUES: context.delete_issue,
            PARTIES: context.delete_party,
            PROCESSES: processes.delete_process,
        }[self.page]
        self._run(f"The {what} was not deleted", lambda s: delete(s, record_id, self.user))

    def edit_flows(self) -> None:
        record_id = self.processes_page.current_id()
        if self.db is None or record_id is None:
            return
        with self.db.read() as s:
            row = processes.get_process(s, record_id)
            flows = [f.fields() for f in processes.flows_of(s, record_id)]
            others = [r.code for r in processes.all_processes(s) if r.id != record_id]
            parties = sorted({f.party for f in processes.all_flows(s) if f.party})
        dialog = FlowsDialog(self, row.label, flows, [*others, *parties])
        if accepted(dialog):
            wanted = dialog.flows()
            self._run(
                "Inputs and outputs not saved",
                lambda s: processes.set_flows(s, record_id, wanted, self.user),
                record_id,
            )

    def print_map(self) -> None:
        if self.db is not None:
            self.file_jobs.write_file(
                self.db, "process-map", pdf=True, title="Print process map", suggested="Process map"
            )

    def export_processes(self) -> None:
        if self.db is not None:
            self.file_jobs.write_file(
                self.db, "processes", pdf=False, title="Export processes", suggested="Processes"
            )

    def history_subject(self) -> tuple[str, Callable[[Session], Sequence[Any]]] | None:
        page = self._list()
        record_id = page.current_id() if page is not None else None
        if self.page in (SCOPE, POLICY):
            return "the scope and the policy", context.scope_history
        if record_id is None:
            return None
        if self.page == ISSUES:
            return "the context issue", lambda s: context.issue_history(s, record_id)
        if self.page == PARTIES:
            return "the interested party", lambda s: context.party_history(s, record_id)
        return "the process", lambda s: processes.history_of(s, record_id)
