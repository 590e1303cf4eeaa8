"""The Changes tab (ISO 9001:2015 clauses 6.3 and 8.5.6): what changes and why, its impact, who
approved it, and the review of its results; a change made whose review is past its date is
tinted, marked and says OVERDUE."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStyle, QWidget

from qmsdesk.core import changes, history
from qmsdesk.core.dates import today
from qmsdesk.core.errors import FieldProblem
from qmsdesk.gui import icons
from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.ops_register import OVERDUE_TEXT, Col, FormField, OpsTab, OpsTableModel
from qmsdesk.gui.register_tab import ActionSpec
from qmsdesk.gui.settings import Settings

_SP = QStyle.StandardPixmap
_V = changes.CHANGE_VOCAB

COLUMNS = (
    Col("reference", _V["reference"].short_label, "The change's reference", "CHG-2026-001"),
    Col("title", _V["title"].short_label, "What the change is", "Second five-axis machining"),
    Col(
        "scope",
        _V["scope"].short_label,
        "Quality system (6.3), production (8.5.6)",
        "Production (8.5.6)",
    ),
    Col("owner_name", _V["owner_id"].short_label, "Who carries it through", "Anders Ørsted"),
    Col(
        "approved_by_name", _V["approved_by_id"].short_label, "Who authorised it", "Margaret Hollis"
    ),
    Col("approved_on", _V["approved_on"].short_label, "When it was authorised", "2026-12-31"),
    Col("implemented_on", _V["implemented_on"].short_label, "When it took effect", "2026-12-31"),
    Col(
        "review_due",
        _V["review_due"].short_label,
        "When its results are to be reviewed",
        "2026-12-31  OVERDUE",
    ),
    Col(
        "status",
        _V["status"].short_label,
        "Proposed, approved, implemented, reviewed",
        "Implemented",
    ),
)


def _texts(r: changes.ChangeRow, on: dt.date) -> tuple[str, ...]:
    def d(day: dt.date | None) -> str:
        return "" if day is None else day.isoformat()

    due = d(r.review_due) if r.status != changes.ChangeStatus.REVIEWED else ""
    if r.review_overdue(on):
        due = f"{due}  {OVERDUE_TEXT}"
    return (
        r.reference,
        r.title,
        changes.SCOPE_LABELS[r.scope],
        r.owner_name,
        r.approved_by_name,
        d(r.approved_on),
        d(r.implemented_on),
        due,
        changes.STATUS_LABELS[r.status],
    )


def _ids(session: Session, query: Any, sort: str, descending: bool, on: dt.date) -> list[int]:
    return changes.query_ids(session, query, sort=sort, descending=descending, on=on)


def change_html(r: changes.ChangeRow, on: dt.date) -> str:
    def part(title: str, text: str) -> str:
        if not text:
            return ""
        body = escape(text).replace("\n", "<br>")
        return f"<h4 style='margin-bottom:2px'>{title}</h4><p style='margin-top:0'>{body}</p>"

    marker = ""
    if r.review_overdue(on):
        marker = (
            f'<br><span style="color:#c62828; font-weight:bold">⚠ {OVERDUE_TEXT}: the review of '
            f"the results was due {r.review_due}</span>"
        )
    approval = f"{escape(r.approved_by_name)} on {r.approved_on}" if r.approved_on else "(not yet)"
    review = r.review_result
    if r.reviewed_on:
        review = f"{review}\n(reviewed {r.reviewed_on} by {r.reviewed_by_name})"
    return (
        f"<h3 style='margin-bottom:2px'>{escape(r.reference)}</h3>"
        f"<p style='margin-top:0'><b>{escape(r.title)}</b><br>"
        f"{changes.SCOPE_LABELS[r.scope]} · <b>{changes.STATUS_LABELS[r.status]}</b>{marker}<br>"
        f"<b>Raised:</b> {r.raised_on} · <b>Owner:</b> {escape(r.owner_name or '(nobody)')}<br>"
        f"<b>Approved:</b> {approval}"
        + (f"<br><b>Made:</b> {r.implemented_on}" if r.implemented_on else "")
        + "</p>"
        + part("What changes", r.description)
        + part("Why", r.reason)
        + part("Impact on the quality system", r.system_impact)
        + part("Impact on products", r.product_impact)
        + part("Actions", r.actions)
        + part("Review of the results", review)
        + part("Note", r.note)
    )


def _choices(labels: dict[Any, str]) -> tuple[tuple[str, object], ...]:
    return tuple((v, k.value) for k, v in labels.items())


_FIELDS = tuple(
    FormField(
        f,
        people=f.key in ("owner_id", "approved_by_id", "reviewed_by_id"),
        choices=_choices(changes.STATUS_LABELS)
        if f.key == "status"
        else _choices(changes.SCOPE_LABELS)
        if f.key == "scope"
        else (),
    )
    for f in _V
)


class ChangesTab(OpsTab):
    """The changes register."""

    tab_title = "Changes"
    menu_title = "Changes"
    report_key = "changes"
    report_file_name = "Changes register"
    export_key = "changes"
    export_file_name = "Changes register"
    layout_key = "changes"
    toolbar_title = "Change tools"
    object_prefix = "changes"
    search_hint = "Search reference, title, what and why, owner"
    chip_tip = "Only the changes made whose review of the results is past its date"

    ACTIONS = (
        ActionSpec(
            "new_change",
            "&New change…",
            "new_change_",
            "Ctrl+Shift+N",
            lambda: icons.standard(_SP.SP_FileIcon),
            "Propose a change",
            button="New",
        ),
        ActionSpec(
            "edit_change",
            "&Edit change…",
            "edit_current",
            "F2",
            lambda: icons.standard(_SP.SP_FileDialogDetailedView),
            "Approve, record as made, or review the selected change",
            button="Edit",
        ),
        ActionSpec(
            "delete_change",
            "&Delete change…",
            "delete_change_",
            None,
            lambda: icons.standard(_SP.SP_TrashIcon),
            "Delete a change proposed by mistake (only while proposed)",
        ),
        ActionSpec(
            "history_action",
            "&History…",
            "show_history",
            "Ctrl+H",
            lambda: icons.standard(_SP.SP_FileDialogContentsView),
            "Every change recorded for the selected change",
            button="History",
            writes=False,
        ),
    )
    EDIT_ACTIONS = ("new_change", "edit_change", "delete_change")
    MENU_ACTIONS = ("history_action",)
    TOOLBAR = ("new_change", "edit_change", None, "history_action")

    new_change: QAction
    edit_change: QAction
    delete_change: QAction
    history_action: QAction

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)
        self._total = self._late = 0
        self.model = OpsTableModel(
            COLUMNS,
            changes.ChangeQuery(),
            _ids,
            changes.fetch_rows,
            _texts,
            alert=lambda r, on: r.review_overdue(on),
            dim=lambda r: (
                r.status in (changes.ChangeStatus.REVIEWED, changes.ChangeStatus.REJECTED)
            ),
            parent=self,
        )
        self.build_body()
        self.update_actions()

    def query_for(self, text: str, chip: bool) -> changes.ChangeQuery:
        return changes.ChangeQuery(text=text, review_overdue=chip)

    def details_html(self, row: changes.ChangeRow) -> str:
        return change_html(row, today())

    def get_row(self, session: Session, record_id: int) -> changes.ChangeRow:
        return changes.get_row(session, record_id)

    def load_counts(self) -> None:
        self._total = self._late = 0
        if self.db is not None:
            with self.db.read() as session:
                self._total = (
                    session.scalar(select(func.count()).select_from(changes.PlannedChange)) or 0
                )
                self._late = len(
                    changes.query_ids(session, changes.ChangeQuery(review_overdue=True))
                )

    def total(self) -> int:
        return self._total

    def chip_text(self) -> str:
        return f"Review overdue ({self._late})"

    def status_text(self) -> str:
        return f"{self._total} changes · {self._late} reviews of results overdue"

    def update_actions(self) -> None:
        row: changes.ChangeRow | None = self._row
        self.enable(self.new_change)
        self.enable(self.edit_change, row is not None)
        self.enable(
            self.delete_change, row is not None and row.status == changes.ChangeStatus.PROPOSED
        )
        self.enable(self.history_action, row is not None)

    def history_subject(self) -> tuple[str, Callable[[Session], Sequence[Any]]] | None:
        r = self._row
        if r is None:
            return None
        return r.reference, lambda session: history.for_entity(session, changes.ENTITY, r.id)

    def _check(self, values: dict[str, object]) -> list[FieldProblem]:
        return changes.change_from_values(values)[1]

    def new_change_(self) -> None:
        initial = {"raised_on": today(), "status": "proposed", "scope": "system"}
        values = self.form("New change", _FIELDS, initial, self._check)
        if values is None:
            return
        fields = changes.change_from_values(values)[0]
        assert fields is not None
        ok, new_id = self.write(
            "Change not added", lambda s: changes.create_change(s, fields, self.user)
        )
        if ok:
            self.after_write(new_id)

    def edit_current(self) -> None:
        row: changes.ChangeRow | None = self._row
        if row is None or not self.writable:
            return
        initial: dict[str, object] = {n: getattr(row, n) for n in changes.CHANGE_FIELDS}
        initial["status"], initial["scope"] = row.status.value, row.scope.value
        values = self.form(f"Edit {row.reference}", _FIELDS, initial, self._check)
        if values is None:
            return
        fields = changes.change_from_values(values)[0]
        assert fields is not None
        ok, _ = self.write(
            f"{row.reference} not changed",
            lambda s: changes.update_change(s, row.id, fields, self.user),
        )
        if ok:
            self.after_write(row.id)

    def delete_change_(self) -> None:
        row: changes.ChangeRow | None = self._row
        if row is None:
            return
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, "Delete change", f"Delete {row.reference}?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self.write(
            f"{row.reference} not deleted", lambda s: changes.delete_change(s, row.id, self.user)
        )
        if ok:
            self.after_write()
