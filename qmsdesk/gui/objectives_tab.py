"""The quality objectives tab (ISO 9001:2015 clauses 6.2 and 9.1): every objective with its
latest value and status (on target, at risk, off target, not measured when due: a word and a
tint), and for the selected one its trend chart against the target, its plan and its latest
measurements."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from sqlalchemy.orm import Session

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import actions, objectives
from qmsdesk.core.dates import today
from qmsdesk.core.objectives import ObjectiveQuery, ObjectiveRow, Status, StepRow
from qmsdesk.gui import icons
from qmsdesk.gui.charts import TrendChart
from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.models.planning_table_models import OBJECTIVE_COLUMNS, ObjectiveTableModel
from qmsdesk.gui.planning_tab_base import PlanningTab
from qmsdesk.gui.register_tab import ActionSpec, accepted
from qmsdesk.gui.settings import Settings

_SP = QStyle.StandardPixmap
_RECENT = 6  # measurements listed in the details pane


def objective_html(
    r: ObjectiveRow, status: Status, steps: Sequence[StepRow], recent: Sequence[Any]
) -> str:
    unit = f" ({escape(r.unit)})" if r.unit else ""
    target = "none" if r.target is None else objectives.with_unit(r.target, r.unit)
    warning = (
        "" if r.warning is None else f"; at risk up to {objectives.with_unit(r.warning, r.unit)}"
    )
    word = objectives.STATUS_LABELS[status]
    colour = {
        Status.OFF_TARGET: "#c62828",
        Status.NOT_MEASURED: "#c62828",
        Status.AT_RISK: "#b26a00",
        Status.ON_TARGET: "#2e7d32",
    }.get(status, "gray")
    period, due = r.next_due()
    parts = [
        f"<h3>{escape(r.code)} {escape(r.title)}</h3>",
        f"<b>Status:</b> <span style='color:{colour}; font-weight:bold'>{word}</span><br>",
        f"<b>Serves:</b> {escape(r.commitment or '—')}<br>",
        f"<b>Process:</b> {escape(r.process_code)} {escape(r.process_name)}<br>",
        f"<b>Owner:</b> {escape(r.owner_name or '(no owner)')}<br>",
        f"<b>Measure:</b> {escape(r.measure or '(none)')}{unit}, "
        f"{objectives.DIRECTION_LABELS[r.direction].lower()}<br>",
        f"<b>Target:</b> {escape(target)}{escape(warning)}<br>",
        f"<b>Next:</b> {objectives.period_label(period, r.frequency)} due {due.isoformat()}",
    ]
    if steps:
        items = "".join(
            f"<li>{s.position}. {escape(s.what)}"
            + (f" — {escape(s.who_name)}" if s.who_name else "")
            + (f", by {s.due.isoformat()}" if s.due else "")
            + (
                f" [{escape(s.action_ref)}: {actions.STATUS_LABELS[s.action_status]}]"
                if s.action_ref and s.action_status
                else ""
            )
            + (" (done)" if s.done_on else "")
            + "</li>"
            for s in steps
        )
        parts.append(f"<h4 style='margin-bottom:2px'>Plan</h4><ul>{items}</ul>")
    if recent:
        items = "".join(
            f"<li>{m.label}: <b>{objectives.with_unit(m.value, r.unit)}</b>"
            + (f" — {escape(m.comment)}" if m.comment else "")
            + "</li>"
            for m in reversed(recent)
        )
        parts.append(f"<h4 style='margin-bottom:2px'>Latest measurements</h4><ul>{items}</ul>")
    return "".join(parts)


class ObjectivesTab(PlanningTab):
    """The quality objectives and their measurements."""

    tab_title = "Objectives"
    menu_title = "O&bjectives"
    report_key = "objectives"
    report_file_name = "Quality objectives"
    export_key = "objectives"
    export_file_name = "Quality objectives"
    layout_key = "objectives"
    toolbar_title = "Objective tools"

    ACTIONS = (
        ActionSpec(
            "new_objective",
            "&New objective…",
            "new_objective_",
            "Ctrl+Shift+N",
            lambda: icons.standard(_SP.SP_FileIcon),
            "Add a quality objective",
            button="New",
        ),
        ActionSpec(
            "edit_objective",
            "&Edit objective…",
            "edit_objective_",
            "F2",
            lambda: icons.standard(_SP.SP_FileDialogDetailedView),
            "Change the selected objective: measure, target, owner",
            button="Edit",
        ),
        ActionSpec(
            "delete_objective",
            "&Delete objective…",
            "delete_objective_",
            QKeySequence.StandardKey.Delete,
            lambda: icons.standard(_SP.SP_TrashIcon),
            "Delete an objective entered by mistake (only while nothing is measured)",
            button="Delete",
        ),
        ActionSpec(
            "measure_action",
            "&Record a measurement…",
            "record_measurement",
            "Ctrl+Shift+M",
            lambda: icons.letter_icon("#", "#1f4e8c"),
            "Record the value of a period for the selected objective",
            button="Record measurement",
        ),
        ActionSpec(
            "step_action",
            "Add a plan &step…",
            "add_step",
            "Ctrl+Shift+P",
            lambda: icons.letter_icon("+", "#2e7d32"),
            "Add a step to the selected objective's plan",
            button="Plan step",
        ),
        ActionSpec(
            "history_objective",
            "&History…",
            "show_history",
            "Ctrl+H",
            lambda: icons.standard(_SP.SP_FileDialogContentsView),
            "Every change recorded for the selected objective",
            button="History",
            writes=False,
        ),
    )
    EDIT_ACTIONS = ("new_objective", "edit_objective", "delete_objective")
    MENU_ACTIONS = ("measure_action", "step_action", None, "history_objective")
    TOOLBAR = (
        "new_objective",
        "edit_objective",
        "delete_objective",
        None,
        "measure_action",
        "step_action",
        None,
        "history_objective",
    )

    new_objective: QAction
    edit_objective: QAction
    delete_objective: QAction
    measure_action: QAction
    step_action: QAction
    history_objective: QAction

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)
        self.model = ObjectiveTableModel(None, self)
        self.statuses: dict[Status, int] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.make_toolbar())
        layout.addLayout(self._make_filters())
        self.make_table(
            self.model,
            object_name="objectiveTable",
            accessible_name="Quality objectives",
            on_activate=self.edit_objective_,
        )
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for n, column in enumerate(OBJECTIVE_COLUMNS):
            header.resizeSection(
                n,
                max(
                    metrics.horizontalAdvance(column.sample) + 24,
                    metrics.horizontalAdvance(column.header) + 26,
                ),
            )
        self.sort_by_first_column()
        self.connect_selection(self._current_changed)
        self.chart = TrendChart()
        self.chart.setObjectName("trendChart")
        self.details = QTextBrowser()
        self.details.setObjectName("objectiveDetails")
        self.details.setAccessibleName("Objective details")
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.chart)
        side.addWidget(self.details)
        side.setSizes([220, 380])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("objectivesSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([760, 520])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self._row: ObjectiveRow | None = None
        self.update_actions()

    def _make_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.make_search(row, "objectiveSearch", "Search code, objective, measure, owner")
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status filter")
        self.status_combo.addItem("All statuses", "")
        for status, text in objectives.STATUS_LABELS.items():
            self.status_combo.addItem(text, status.value)
        label = QLabel("Status:")
        label.setBuddy(self.status_combo)
        row.addWidget(label)
        row.addWidget(self.status_combo)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        row.addStretch(1)
        self.shown_label = QLabel()
        row.addWidget(self.shown_label)
        return row

    # --- database

    def database_changed(self) -> None:
        self.model.set_query(self.current_query())
        self.model.set_database(self.db)
        self._load_counts()
        self.select_first_or(None, self._current_changed)
        self._update_shown()

    def reload(self, select_id: int | None = None) -> None:
        wanted = select_id if select_id is not None else self.current_id()
        self.model.refresh()
        self._load_counts()  # after the refresh: the model counts
        self.select_first_or(wanted, self._current_changed)
        self._update_shown()

    def _load_counts(self) -> None:
        """The counts the model worked out when it read the objectives."""
        self.statuses = dict(self.model.status_counts) if self.db is not None else {}
        self.counts_changed.emit()

    def status_text(self) -> str:
        s = self.statuses
        total = sum(s.values())
        return (
            f"{total} objectives · {s.get(Status.ON_TARGET, 0)} on target · "
            f"{s.get(Status.AT_RISK, 0)} at risk · {s.get(Status.OFF_TARGET, 0)} off target · "
            f"{s.get(Status.NOT_MEASURED, 0)} not measured when due"
        )

    # --- filters

    def current_query(self) -> ObjectiveQuery:
        status = self.status_combo.currentData()
        return ObjectiveQuery(
            text=self.search.text().strip(),
            statuses=frozenset({Status(status)}) if status else frozenset(),
        )

    def apply_filters(self) -> None:
        wanted = self.current_id()
        self.model.set_query(self.current_query())
        self._load_counts()
        self.select_first_or(wanted, self._current_changed)
        self._update_shown()

    def clear_filters(self) -> None:
        self.search.blockSignals(True)
        self.status_combo.blockSignals(True)
        self.search.clear()
        self.status_combo.setCurrentIndex(0)
        self.search.blockSignals(False)
        self.status_combo.blockSignals(False)
        self.apply_filters()

    def _update_shown(self) -> None:
        self.shown_label.setText(f"{self.model.rowCount()} of {sum(self.statuses.values())} shown")

    # --- selection

    def selected_objective(self) -> ObjectiveRow | None:
        """The selected objective as the model read it (after every write, it reads again)."""
        index = self.table.currentIndex()
        if self.current_id() is None or self.db is None:
            return None
        return self.model.objective(index.row())

    def _current_changed(self) -> None:
        row = self.selected_objective()
        self._row = row
        if row is None or self.db is None:
            self.chart.set_data([], None, None, "", str)
            self.details.setHtml(
                "<p style='color:gray'>No objective selected.</p>" if self.db else ""
            )
        else:
            with self.db.read() as session:
                points = objectives.series(session, [row.id]).get(row.id, [])
                steps = objectives.steps_of(session, [row.id])
                recent = objectives.measurements(session, [row.id])[-_RECENT:]
            frequency = row.frequency
            self.chart.set_data(
                points,
                row.target,
                row.warning,
                row.unit,
                lambda day: objectives.period_label(day, frequency),
            )
            self.details.setHtml(objective_html(row, row.status(today()), steps, recent))
        self.update_actions()

    def update_actions(self) -> None:
        row = self._row
        self.enable(self.new_objective)
        self.enable(self.edit_objective, row is not None)
        self.enable(self.delete_objective, row is not None and row.measurements == 0)
        self.enable(self.measure_action, row is not None)
        self.enable(self.step_action, row is not None)
        self.enable(self.history_objective, row is not None)

    # --- changes

    def _choices(self) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        assert self.db is not None
        with self.db.read() as session:
            return actions.people_choices(session), objectives.process_choices(session)

    def new_objective_(self) -> None:
        if not self.writable:
            return
        from qmsdesk.gui.dialogs.objectives import ObjectiveDialog

        people, processes = self._choices()
        dialog = ObjectiveDialog(self, people=people, processes=processes)
        if not accepted(dialog):
            return
        fields = dialog.fields()
        if fields is None:
            return
        ok, new_id = self.write(
            "Cannot add the objective", lambda s: objectives.create_objective(s, fields, self.user)
        )
        if ok:
            self.after_write(new_id)

    def edit_objective_(self) -> None:
        row = self.selected_objective()
        if row is None or not self.writable:
            return
        from qmsdesk.gui.dialogs.objectives import ObjectiveDialog

        people, processes = self._choices()
        dialog = ObjectiveDialog(self, people=people, processes=processes, row=row)
        if not accepted(dialog):
            return
        fields = dialog.fields()
        if fields is None:
            return
        ok, _ = self.write(
            "Cannot change the objective",
            lambda s: objectives.update_objective(s, row.id, fields, self.user),
        )
        if ok:
            self.after_write(row.id)

    def delete_objective_(self) -> None:
        row = self.selected_objective()
        if row is None or not self.writable:
            return
        answer = QMessageBox.question(
            self, "Delete objective", f"Delete {row.code} {row.title}? The history keeps it."
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self.write(
            "Cannot delete the objective",
            lambda s: objectives.delete_objective(s, row.id, self.user),
        )
        if ok:
            self.after_write()

    def record_measurement(self) -> None:
        row = self.selected_objective()
        if row is None or not self.writable:
            return
        from qmsdesk.gui.dialogs.objectives import MeasurementDialog

        dialog = MeasurementDialog(self, row=row, user=self.user)
        if not accepted(dialog):
            return
        fields = dialog.fields()
        if fields is None:
            return
        ok, _ = self.write(
            "Cannot record the measurement",
            lambda s: objectives.record_measurement(s, row.id, fields, self.user),
        )
        if ok:
            self.after_write(row.id)

    def add_step(self) -> None:
        row = self.selected_objective()
        if row is None or not self.writable:
            return
        from qmsdesk.gui.dialogs.objectives import StepDialog

        people, _processes = self._choices()
        dialog = StepDialog(self, code=row.code, people=people)
        if not accepted(dialog):
            return
        fields = dialog.fields()
        if fields is None:
            return
        ok, _ = self.write(
            "Cannot add the plan step", lambda s: objectives.save_step(s, row.id, fields, self.user)
        )
        if ok:
            self.after_write(row.id)

    def history_subject(self) -> tuple[str, Callable[[Session], Sequence[Any]]] | None:
        row = self.selected_objective()
        if row is None:
            return None
        return row.code, lambda session: objectives.history_of(session, row.id)
