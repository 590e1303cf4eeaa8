"""The Design tab (ISO 9001:2015 clause 8.3): design and development projects, each with its
dated stage records (planning, inputs, reviews, verification, validation, outputs, changes), their
outcome, who took part and the files attached.

When the scope excludes 8.3 the tab says so, and why nothing can be added, instead of its table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QStyle, QWidget

from qmsdesk.core import design, history
from qmsdesk.core.dates import today
from qmsdesk.core.errors import FieldProblem, QmsError
from qmsdesk.gui import icons
from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.ops_register import Col, FormField, OpsTab, OpsTableModel
from qmsdesk.gui.register_tab import ActionSpec
from qmsdesk.gui.settings import Settings

_SP = QStyle.StandardPixmap
_P, _ST = design.PROJECT_VOCAB, design.STAGE_VOCAB

COLUMNS = (
    Col("reference", _P["reference"].short_label, "The project's reference", "DP-2026-001"),
    Col("title", _P["title"].short_label, "What is being designed", "Hydraulic manifold block"),
    Col("customer", _P["customer"].short_label, "Who it is for", "Harbrook Aerospace"),
    Col("owner_name", _P["owner_id"].short_label, "Who leads it", "Aisha Khan"),
    Col("started_on", _P["started_on"].short_label, "When it started", "2026-12-31"),
    Col("status", _P["status"].short_label, "Active, on hold, completed, cancelled", "Completed"),
    Col("completed_on", _P["completed_on"].short_label, "When it was released", "2026-12-31"),
)


def _texts(r: design.ProjectRow, on: dt.date) -> tuple[str, ...]:
    return (
        r.reference,
        r.title,
        r.customer,
        r.owner_name,
        r.started_on.isoformat(),
        design.STATUS_LABELS[r.status],
        "" if r.completed_on is None else r.completed_on.isoformat(),
    )


def _ids(session: Session, query: Any, sort: str, descending: bool, _on: dt.date) -> list[int]:
    return design.query_ids(session, query, sort=sort, descending=descending)


def project_html(r: design.ProjectRow, stages: Sequence[design.StageRow]) -> str:
    done = {s.kind for s in stages}
    missing = [
        design.STAGE_LABELS[k]
        for k in design.StageKind
        if k not in done and k != design.StageKind.CHANGE
    ]
    items = []
    for s in stages:
        files = "".join(f"<br>📎 <a href='file:{f.id}'>{escape(f.name)}</a>" for f in s.files)
        items.append(
            f"<li><b>{s.held_on} {design.STAGE_LABELS[s.kind]}</b> "
            f"({design.STAGE_CLAUSES[s.kind]})<br>{escape(s.summary)}"
            + (f"<br><i>Outcome:</i> {escape(s.outcome)}" if s.outcome else "")
            + (f"<br><i>Who took part:</i> {escape(s.participants)}" if s.participants else "")
            + files
            + "</li>"
        )
    return (
        f"<h3 style='margin-bottom:2px'>{escape(r.reference)}</h3>"
        f"<p style='margin-top:0'><b>{escape(r.title)}</b><br>"
        f"{escape(r.customer or 'Internal')} · {design.STATUS_LABELS[r.status]}<br>"
        f"<b>Lead:</b> {escape(r.owner_name or '(nobody)')} · <b>Started:</b> {r.started_on}"
        + (f" · <b>Completed:</b> {r.completed_on}" if r.completed_on else "")
        + f"</p><p>{escape(r.description)}</p>"
        + f"<h4 style='margin-bottom:2px'>Stage records ({len(stages)})</h4>"
        + (f"<ol style='margin-top:0'>{''.join(items)}</ol>" if items else "<p>None yet.</p>")
        + (f"<p style='color:gray'>No record yet of: {', '.join(missing)}.</p>" if missing else "")
    )


_PROJECT_FIELDS = tuple(
    FormField(
        f,
        people=f.key == "owner_id",
        choices=tuple((v, k.value) for k, v in design.STATUS_LABELS.items())
        if f.key == "status"
        else (),
    )
    for f in _P
)
_STAGE_FIELDS = (
    FormField(_ST["kind"], choices=tuple((v, k.value) for k, v in design.STAGE_LABELS.items())),
    FormField(_ST["held_on"]),
    FormField(_ST["summary"]),
    FormField(_ST["outcome"]),
    FormField(_ST["participants"]),
)


class DesignTab(OpsTab):
    """Design and development projects and their stage records."""

    tab_title = "Design"
    menu_title = "Design"
    report_key = "design-project"
    export_key = "design"
    export_file_name = "Design and development"
    layout_key = "design"
    toolbar_title = "Design tools"
    object_prefix = "design"
    search_hint = "Search reference, title, customer, lead"
    chip_tip = "Only the active projects"

    ACTIONS = (
        ActionSpec(
            "new_project",
            "&New design project…",
            "new_project_",
            "Ctrl+Shift+N",
            lambda: icons.standard(_SP.SP_FileIcon),
            "Start a design project",
            button="New",
        ),
        ActionSpec(
            "edit_project",
            "&Edit project…",
            "edit_current",
            "F2",
            lambda: icons.standard(_SP.SP_FileDialogDetailedView),
            "Change the selected project",
            button="Edit",
        ),
        ActionSpec(
            "add_stage",
            "&Add stage record…",
            "add_stage_",
            "Ctrl+Shift+R",
            lambda: icons.letter_icon("+", "#1565c0"),
            "Record a planning, input, review, verification, validation, output or "
            "change of the selected project, with files",
            button="Stage record",
        ),
        ActionSpec(
            "history_action",
            "&History…",
            "show_history",
            "Ctrl+H",
            lambda: icons.standard(_SP.SP_FileDialogContentsView),
            "Every change recorded for the selected project",
            button="History",
            writes=False,
        ),
    )
    EDIT_ACTIONS = ("new_project", "edit_project")
    MENU_ACTIONS = ("add_stage", None, "history_action")
    TOOLBAR = ("new_project", "edit_project", "add_stage", None, "history_action")

    new_project: QAction
    edit_project: QAction
    add_stage: QAction
    history_action: QAction

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)
        self._total = self._active = 0
        self.applies = True
        self.model = OpsTableModel(
            COLUMNS,
            design.ProjectQuery(),
            _ids,
            design.fetch_rows,
            _texts,
            dim=lambda r: (
                r.status in (design.DesignStatus.COMPLETED, design.DesignStatus.CANCELLED)
            ),
            parent=self,
        )
        self.excluded_note = QLabel(design.EXCLUDED_MESSAGE)
        self.excluded_note.setObjectName("designExcluded")
        self.excluded_note.setWordWrap(True)
        self.excluded_note.setStyleSheet(
            "QLabel { background: #fff1d0; border: 1px solid #b26a00; padding: 8px; }"
        )
        self.excluded_note.hide()
        self.build_body(above=self.excluded_note)
        self.chip.setIcon(icons.blank_icon())
        self.details.anchorClicked.connect(self._open_link)
        self._stages: list[design.StageRow] = []
        self.update_actions()

    @property
    def report_file_name(self) -> str:
        row = self._row
        return f"Design project {row.reference}" if row is not None else "Design project"

    def report_params(self) -> dict[str, str] | None:
        row = self._row
        if row is None:
            self.file_jobs.show_message("Select the design project to print first.")
            return None
        return {"project": row.reference}

    def query_for(self, text: str, chip: bool) -> design.ProjectQuery:
        statuses = frozenset({design.DesignStatus.ACTIVE}) if chip else frozenset()
        return design.ProjectQuery(text=text, statuses=statuses)

    def get_row(self, session: Session, record_id: int) -> design.ProjectRow:
        row = design.get_row(session, record_id)
        self._stages = design.stages_of(session, [record_id])[record_id]
        return row

    def details_html(self, row: design.ProjectRow) -> str:
        return project_html(row, self._stages)

    def load_counts(self) -> None:
        self._total = self._active = 0
        self.applies = True
        if self.db is not None:
            with self.db.read() as session:
                self.applies = design.applies(session)
                rows = design.query_ids(session)
                self._total = len(rows)
                self._active = len(
                    design.query_ids(
                        session,
                        design.ProjectQuery(statuses=frozenset({design.DesignStatus.ACTIVE})),
                    )
                )
        # Excluded: the note says why, instead of an empty table.
        self.excluded_note.setVisible(not self.applies and self.db is not None)
        self.splitter.setVisible(self.applies or self._total > 0)  # type: ignore[union-attr]

    def total(self) -> int:
        return self._total

    def chip_text(self) -> str:
        return f"Active ({self._active})"

    def status_text(self) -> str:
        if not self.applies:
            return "Design and development (8.3) is excluded from the scope"
        return f"{self._total} design projects · {self._active} active"

    def update_actions(self) -> None:
        row = self._row
        applies = getattr(self, "applies", True)
        self.enable(self.new_project, applies)
        self.enable(self.edit_project, row is not None)
        self.enable(self.add_stage, row is not None and applies)
        self.enable(self.history_action, row is not None)

    def history_subject(self) -> tuple[str, Callable[[Session], Sequence[Any]]] | None:
        r = self._row
        if r is None:
            return None
        return r.reference, lambda session: history.for_entity(session, design.ENTITY, r.id)

    # --- writes

    def _check(self, values: dict[str, object]) -> list[FieldProblem]:
        return design.project_from_values(values)[1]

    def new_project_(self) -> None:
        initial = {"started_on": today(), "status": "active"}
        values = self.form("New design project", _PROJECT_FIELDS, initial, self._check)
        if values is None:
            return
        fields = design.project_from_values(values)[0]
        assert fields is not None
        ok, new_id = self.write(
            "Design project not added", lambda s: design.create_project(s, fields, self.user)
        )
        if ok:
            self.after_write(new_id)

    def edit_current(self) -> None:
        row: design.ProjectRow | None = self._row
        if row is None or not self.writable:
            return
        initial: dict[str, object] = {n: getattr(row, n) for n in design.PROJECT_FIELDS}
        initial["status"] = row.status.value
        values = self.form(f"Edit {row.reference}", _PROJECT_FIELDS, initial, self._check)
        if values is None:
            return
        fields = design.project_from_values(values)[0]
        assert fields is not None
        ok, _ = self.write(
            f"{row.reference} not changed",
            lambda s: design.update_project(s, row.id, fields, self.user),
        )
        if ok:
            self.after_write(row.id)

    def add_stage_(self) -> None:
        row: design.ProjectRow | None = self._row
        if row is None or self.db is None:
            return
        started = row.started_on

        def check(values: dict[str, object]) -> list[FieldProblem]:
            return design.stage_from_values(values, started)[1]

        values = self.form(
            f"Stage record of {row.reference}",
            _STAGE_FIELDS,
            {"held_on": today(), "kind": design.StageKind.REVIEW.value},
            check,
        )
        if values is None:
            return
        fields = design.stage_from_values(values, started)[0]
        assert fields is not None
        files: list[Path] = []
        while True:  # files to attach, one at a time, until the user cancels
            path = self.file_jobs.ask_open_path(
                f"Attach a file to the record ({len(files)} attached; Cancel when done)",
                "All files (*)",
            )
            if path is None:
                break
            files.append(path)
        folder = self.db.attachments_dir
        ok, _ = self.write(
            "Stage record not added",
            lambda s: design.add_stage(
                s, row.id, fields, self.user, files=files, attachments_dir=folder
            ),
        )
        if ok:
            self.after_write(row.id)

    def _open_link(self, url: QUrl) -> None:
        text = url.toString()
        if not text.startswith("file:") or self.db is None:
            return
        try:
            with self.db.read() as session:
                path = design.file_path(session, int(text[5:]), self.db.attachments_dir)
        except (QmsError, ValueError) as exc:
            self.file_jobs.report_error("File not opened", exc)
            return
        self.file_jobs.open_result(
            path, title="File not opened", missing=f"No program opened {path.name}."
        )
