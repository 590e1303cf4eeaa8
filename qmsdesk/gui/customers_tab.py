"""The Customers tab (ISO 9001:2015 clauses 8.2.1 and 9.1.2): complaints, compliments and returns
on the first page, the customer satisfaction results on the second.

A complaint or a return not answered by the date the customer was promised is tinted, marked with
the warning sign and says OVERDUE. A complaint's corrective action is raised from here into the
actions register (source: customer complaint).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from sqlalchemy.orm import Session

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QStyle, QTableWidget, QTableWidgetItem, QWidget

from qmsdesk.core import feedback, history
from qmsdesk.core.dates import today
from qmsdesk.core.errors import FieldProblem
from qmsdesk.gui import icons
from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.ops_register import OVERDUE_TEXT, Col, FormField, OpsTab, OpsTableModel
from qmsdesk.gui.register_tab import ActionSpec
from qmsdesk.gui.settings import Settings

_SP = QStyle.StandardPixmap
_V, _S = feedback.FEEDBACK_VOCAB, feedback.SURVEY_VOCAB

COLUMNS = (
    Col("reference", _V["reference"].short_label, "The record's reference", "CC-2026-001"),
    Col("kind", _V["kind"].short_label, "Complaint, compliment or return", "Compliment"),
    Col("received_on", _V["received_on"].short_label, "When the customer told us", "2026-12-31"),
    Col("customer", _V["customer"].short_label, "Who it came from", "Harbrook Aerospace"),
    Col("product", _V["product"].short_label, "The part, product or order", "Part 7731-02, 200"),
    Col("severity", _V["severity"].short_label, "Minor, major or critical", "Critical"),
    Col("owner_name", _V["owner_id"].short_label, "Who answers the customer", "Łukasz Żółć"),
    Col(
        "respond_by",
        "Answer by",
        "The date the customer was promised an answer",
        "2026-12-31  OVERDUE",
    ),
    Col("closed_on", _V["closed_on"].short_label, "When it was closed", "2026-12-31"),
    Col("action_ref", _V["action_ref"].short_label, "The corrective action raised", "CA-2026-001"),
)


def _texts(r: feedback.FeedbackRow, on: dt.date) -> tuple[str, ...]:
    answer = "" if r.respond_by is None else r.respond_by.isoformat()
    if r.overdue(on):
        answer = f"{answer}  {OVERDUE_TEXT}"
    elif r.response and not r.closed_on:
        answer = "answered"
    return (
        r.reference,
        feedback.KIND_LABELS[r.kind],
        r.received_on.isoformat(),
        r.customer,
        r.product,
        feedback.SEVERITY_LABELS[r.severity] if r.severity else "",
        r.owner_name,
        "" if r.kind == feedback.FeedbackKind.COMPLIMENT else answer,
        "" if r.closed_on is None else r.closed_on.isoformat(),
        r.action_ref,
    )


def _ids(session: Session, query: Any, sort: str, descending: bool, on: dt.date) -> list[int]:
    return feedback.query_ids(session, query, sort=sort, descending=descending, on=on)


def feedback_html(r: feedback.FeedbackRow, on: dt.date) -> str:
    def part(title: str, text: str) -> str:
        if not text:
            return ""
        body = escape(text).replace("\n", "<br>")
        return f"<h4 style='margin-bottom:2px'>{title}</h4><p style='margin-top:0'>{body}</p>"

    marker = ""
    if r.overdue(on):
        marker = (
            f' <span style="color:#c62828; font-weight:bold">⚠ {OVERDUE_TEXT}: answer was due '
            f"{r.respond_by}</span>"
        )
    state = f"Closed {r.closed_on}" if r.closed_on else "Open"
    if r.kind == feedback.FeedbackKind.COMPLIMENT:
        state = "Compliment"
    return (
        f"<h3 style='margin-bottom:2px'>{escape(r.reference)}</h3>"
        f"<p style='margin-top:0'><b>{feedback.KIND_LABELS[r.kind]}</b> from "
        f"<b>{escape(r.customer)}</b>, received {r.received_on}<br>"
        f"{escape(r.product)}<br><b>Status:</b> {state}{marker}<br>"
        f"<b>Handled by:</b> {escape(r.owner_name or '(nobody yet)')}"
        + (f"<br><b>Corrective action:</b> {escape(r.action_ref)}" if r.action_ref else "")
        + "</p>"
        + part("What the customer said", r.description)
        + part("Response" + (f" ({r.responded_on})" if r.responded_on else ""), r.response)
        + part("Note", r.note)
    )


_FEEDBACK_FIELDS = (
    FormField(_V["reference"]),
    FormField(_V["kind"], choices=tuple((v, k.value) for k, v in feedback.KIND_LABELS.items())),
    FormField(_V["received_on"]),
    FormField(_V["customer"]),
    FormField(_V["product"]),
    FormField(_V["description"]),
    FormField(
        _V["severity"], choices=tuple((v, k.value) for k, v in feedback.SEVERITY_LABELS.items())
    ),
    FormField(_V["owner_id"], people=True),
    FormField(_V["respond_by"]),
    FormField(_V["response"]),
    FormField(_V["responded_on"]),
    FormField(_V["closed_on"]),
    FormField(_V["note"]),
)
_SURVEY_FIELDS = tuple(FormField(f) for f in _S)


class CustomersTab(OpsTab):
    """Customer feedback and satisfaction."""

    tab_title = "Customers"
    page_title = "Complaints, compliments, returns"
    menu_title = "Customers"
    report_key = "feedback"
    report_file_name = "Customer feedback"
    export_key = "feedback"
    export_file_name = "Customer feedback"
    layout_key = "customers"
    toolbar_title = "Customer tools"
    object_prefix = "feedback"
    search_hint = "Search reference, customer, product, description"
    chip_tip = "Only the complaints and returns not answered by the date the customer was promised"

    ACTIONS = (
        ActionSpec(
            "new_feedback",
            "&New feedback…",
            "new_feedback_",
            "Ctrl+Shift+N",
            lambda: icons.standard(_SP.SP_FileIcon),
            "Record a complaint, a compliment or a return",
            button="New",
        ),
        ActionSpec(
            "edit_feedback",
            "&Edit feedback…",
            "edit_current",
            "F2",
            lambda: icons.standard(_SP.SP_FileDialogDetailedView),
            "Change the selected record: the response, the closing date…",
            button="Edit",
        ),
        ActionSpec(
            "raise_action",
            "&Raise corrective action",
            "raise_action_",
            "Ctrl+Shift+A",
            lambda: icons.letter_icon("!", "#c62828"),
            "Open a corrective action for the selected complaint in the actions register",
            button="Corrective action",
        ),
        ActionSpec(
            "delete_feedback",
            "&Delete feedback…",
            "delete_feedback_",
            None,
            lambda: icons.standard(_SP.SP_TrashIcon),
            "Delete a record entered by mistake (only without a response or an action)",
        ),
        ActionSpec(
            "new_survey",
            "New &satisfaction result…",
            "new_survey_",
            None,
            lambda: icons.letter_icon("★", "#2e7d32"),
            "Record the result of a customer satisfaction survey",
            button="Survey",
        ),
        ActionSpec(
            "edit_survey",
            "Edit satisfaction result…",
            "edit_survey_",
            None,
            None,
            "Change the selected satisfaction result",
        ),
        ActionSpec(
            "history_action",
            "&History…",
            "show_history",
            "Ctrl+H",
            lambda: icons.standard(_SP.SP_FileDialogContentsView),
            "Every change recorded for the selected record",
            button="History",
            writes=False,
        ),
    )
    EDIT_ACTIONS = ("new_feedback", "edit_feedback", "delete_feedback")
    MENU_ACTIONS = ("raise_action", None, "new_survey", "edit_survey", None, "history_action")
    TOOLBAR = (
        "new_feedback",
        "edit_feedback",
        "raise_action",
        None,
        "new_survey",
        None,
        "history_action",
    )

    new_feedback: QAction
    edit_feedback: QAction
    raise_action: QAction
    delete_feedback: QAction
    new_survey: QAction
    edit_survey: QAction
    history_action: QAction

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)
        self.counts = feedback.FeedbackCounts(0, 0, 0, 0, 0)
        self.model = OpsTableModel(
            COLUMNS,
            feedback.FeedbackQuery(),
            _ids,
            feedback.fetch_rows,
            _texts,
            alert=lambda r, on: r.overdue(on),
            dim=lambda r: r.closed_on is not None,
            parent=self,
        )
        self.surveys = QTableWidget(0, 7)
        self.surveys.setObjectName("surveyTable")
        self.surveys.setAccessibleName("Customer satisfaction results")
        self.surveys.setHorizontalHeaderLabels(
            [
                _S[k].short_label
                for k in (
                    "reference",
                    "period_start",
                    "period_end",
                    "method",
                    "responses",
                    "score",
                    "comments",
                )
            ]
        )
        self.surveys.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.surveys.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.surveys.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.surveys.horizontalHeader().setStretchLastSection(True)
        self.surveys.verticalHeader().setVisible(False)
        self.surveys.itemSelectionChanged.connect(self.update_actions)
        self.surveys.doubleClicked.connect(lambda _i: self.edit_survey_())
        self._survey_rows: list[feedback.SurveyRow] = []
        self.build_body(pages=[("Satisfaction results", self.surveys)])
        self.pages.currentChanged.connect(lambda _i: self.update_actions())
        self.update_actions()

    # --- OpsTab

    def query_for(self, text: str, chip: bool) -> feedback.FeedbackQuery:
        return feedback.FeedbackQuery(text=text, overdue_only=chip)

    def details_html(self, row: feedback.FeedbackRow) -> str:
        return feedback_html(row, today())

    def get_row(self, session: Session, record_id: int) -> feedback.FeedbackRow:
        return feedback.get_row(session, record_id)

    def load_counts(self) -> None:
        self.counts = feedback.FeedbackCounts(0, 0, 0, 0, 0)
        self._survey_rows = []
        if self.db is not None:
            with self.db.read() as session:
                self.counts = feedback.counts(session, today())
                self._survey_rows = feedback.survey_rows(session)
        self._fill_surveys()

    def total(self) -> int:
        c = self.counts
        return c.complaints + c.compliments + c.returns

    def chip_text(self) -> str:
        return f"Overdue ({self.counts.overdue})"

    def status_text(self) -> str:
        c = self.counts
        return (
            f"{c.complaints} complaints · {c.compliments} compliments · {c.returns} returns · "
            f"{c.open} open · {c.overdue} overdue · {len(self._survey_rows)} satisfaction results"
        )

    def _fill_surveys(self) -> None:
        self.surveys.setRowCount(len(self._survey_rows))
        for n, r in enumerate(self._survey_rows):
            replies = f"{r.responses}" + (f" of {r.sent}" if r.sent else "")
            cells = (
                r.reference,
                r.period_start.isoformat(),
                r.period_end.isoformat(),
                r.method,
                replies,
                r.score_text,
                r.comments,
            )
            for c, text in enumerate(cells):
                self.surveys.setItem(n, c, QTableWidgetItem(text))
        self.surveys.resizeColumnsToContents()

    def update_actions(self) -> None:
        row: feedback.FeedbackRow | None = self._row
        self.enable(self.new_feedback)
        self.enable(self.edit_feedback, row is not None)
        self.enable(
            self.raise_action,
            row is not None
            and row.kind != feedback.FeedbackKind.COMPLIMENT
            and row.action_id is None,
        )
        self.enable(
            self.delete_feedback, row is not None and not row.response and row.action_id is None
        )
        self.enable(self.new_survey)
        self.enable(self.edit_survey, self._survey() is not None)
        self.enable(self.history_action, row is not None or self._survey() is not None)

    def _survey(self) -> feedback.SurveyRow | None:
        rows = self.surveys.selectionModel().selectedRows() if hasattr(self, "surveys") else []
        if not rows or rows[0].row() >= len(self._survey_rows):
            return None
        return self._survey_rows[rows[0].row()]

    def _on_survey_page(self) -> bool:
        return hasattr(self, "pages") and self.pages.currentIndex() == 1

    def history_subject(self) -> tuple[str, Callable[[Session], Sequence[Any]]] | None:
        if self._on_survey_page():
            s = self._survey()
            if s is None:
                return None
            return s.reference, lambda session: history.for_entity(
                session, feedback.SURVEY_ENTITY, s.id
            )
        r = self._row
        if r is None:
            return None
        return r.reference, lambda session: history.for_entity(session, feedback.ENTITY, r.id)

    # --- feedback

    def _check(self, values: dict[str, object]) -> list[FieldProblem]:
        return feedback.feedback_from_values(values)[1]

    def new_feedback_(self) -> None:
        values = self.form(
            "New customer feedback",
            _FEEDBACK_FIELDS,
            {"kind": "complaint", "received_on": today()},
            self._check,
        )
        if values is None:
            return
        fields = feedback.feedback_from_values(values)[0]
        assert fields is not None
        ok, new_id = self.write(
            "Customer feedback not added",
            lambda s: feedback.create_feedback(s, fields, self.user),
        )
        if ok:
            self.after_write(new_id)

    def edit_current(self) -> None:
        row: feedback.FeedbackRow | None = self._row
        if row is None or not self.writable:
            return
        initial = {n: getattr(row, n) for n in feedback.FEEDBACK_FIELDS}
        initial["kind"] = row.kind.value
        initial["severity"] = row.severity.value if row.severity else None
        values = self.form(f"Edit {row.reference}", _FEEDBACK_FIELDS, initial, self._check)
        if values is None:
            return
        fields = feedback.feedback_from_values({**values, "action_id": row.action_id})[0]
        assert fields is not None
        ok, _ = self.write(
            f"{row.reference} not changed",
            lambda s: feedback.update_feedback(s, row.id, fields, self.user),
        )
        if ok:
            self.after_write(row.id)

    def raise_action_(self) -> None:
        row: feedback.FeedbackRow | None = self._row
        if row is None:
            return
        ok, _ = self.write(
            "No corrective action raised", lambda s: feedback.raise_action(s, row.id, self.user)
        )
        if ok:
            self.after_write(row.id)

    def delete_feedback_(self) -> None:
        row: feedback.FeedbackRow | None = self._row
        if row is None:
            return
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, "Delete feedback", f"Delete {row.reference}?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self.write(
            f"{row.reference} not deleted",
            lambda s: feedback.delete_feedback(s, row.id, self.user),
        )
        if ok:
            self.after_write()

    # --- satisfaction results

    def _scale(self) -> tuple[int, int]:
        if self.db is None:
            return (1, 5)
        with self.db.read() as session:
            return feedback.scale(session)

    def new_survey_(self) -> None:
        scale = self._scale()

        def check(v: dict[str, object]) -> list[FieldProblem]:
            return feedback.survey_from_values(v, scale)[1]

        values = self.form(
            f"New satisfaction result (scale {scale[0]} to {scale[1]})", _SURVEY_FIELDS, {}, check
        )
        if values is None:
            return
        fields = feedback.survey_from_values(values, scale)[0]
        assert fields is not None
        ok, _ = self.write(
            "Satisfaction result not added",
            lambda s: feedback.create_survey(s, fields, self.user),
        )
        if ok:
            self.after_write()
            self.pages.setCurrentIndex(1)

    def edit_survey_(self) -> None:
        row = self._survey()
        if row is None or not self.writable:
            return
        scale = (row.scale_min, row.scale_max)

        def check(v: dict[str, object]) -> list[FieldProblem]:
            return feedback.survey_from_values(v, scale)[1]

        initial = {n: getattr(row, n) for n in feedback.SURVEY_FIELDS}
        values = self.form(f"Edit {row.reference}", _SURVEY_FIELDS, initial, check)
        if values is None:
            return
        fields = feedback.survey_from_values(values, scale)[0]
        assert fields is not None
        ok, _ = self.write(
            f"{row.reference} not changed",
            lambda s: feedback.update_survey(s, row.id, fields, self.user),
        )
        if ok:
            self.after_write()
