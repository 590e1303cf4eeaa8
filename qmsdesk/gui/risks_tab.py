"""The risks and opportunities tab (ISO 9001:2015 clause 6.1): the register, the heat maps of the
risks before and after treatment, and the selected risk's details with its actions and the
effectiveness reviews of those actions.

A rating's level is a word beside it (Low, Medium, High) as well as a tint; a review past its
date says REVIEW DUE. The company's scale (Risk scale…) sets the steps and the levels.
"""

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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import actions, risks
from qmsdesk.core.dates import today
from qmsdesk.core.risks import RiskCounts, RiskKind, RiskQuery, RiskRow, RiskScale
from qmsdesk.gui import icons
from qmsdesk.gui.charts import HeatMapView
from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.models.planning_table_models import RISK_COLUMNS, RiskTableModel
from qmsdesk.gui.planning_tab_base import PlanningTab
from qmsdesk.gui.register_tab import ActionSpec, accepted
from qmsdesk.gui.settings import Settings

_SP = QStyle.StandardPixmap


def risk_html(r: RiskRow, scale: RiskScale, acts: Sequence[Any], reviews: Sequence[Any]) -> str:
    """The whole record of a risk, for the details pane."""

    def para(title: str, text: str) -> str:
        if not text:
            return ""
        body = escape(text).replace("\n", "<br>")
        return f"<h4 style='margin-bottom:2px'>{title}</h4><p style='margin-top:0'>{body}</p>"

    after = r.residual_level(scale)
    lines = [
        f"<h3>{escape(r.reference)} {escape(r.title)}</h3>",
        f"<b>{risks.KIND_LABELS[r.kind]}</b> arising from {risks.SOURCE_LABELS[r.source_kind]}"
        f" {escape(r.source_ref)}<br>",
        f"<b>Process:</b> {escape(r.process_code)} {escape(r.process_name)}<br>",
        f"<b>Owner:</b> {escape(r.owner_name or '(no owner)')}<br>",
        f"<b>Rating:</b> {r.likelihood} x {r.consequence} = {r.rating} "
        f"({risks.LEVEL_LABELS[r.level(scale)]})<br>",
        "<b>After treatment:</b> "
        + (
            "not rated"
            if after is None
            else f"{r.residual_likelihood} x {r.residual_consequence} = {r.residual_rating} "
            f"({risks.LEVEL_LABELS[after]})"
        )
        + "<br>",
        f"<b>Next review:</b> {r.next_review.isoformat() if r.next_review else 'none set'}"
        + (" <b style='color:#c62828'>REVIEW DUE</b>" if r.review_due(today()) else ""),
        para("Description", r.description),
        para(f"Treatment: {risks.TREATMENT_LABELS[r.treatment]}", r.treatment_plan),
    ]
    if acts:
        items = "".join(
            f"<li>{escape(ref)} {escape(title)} ({actions.STATUS_LABELS[status]})</li>"
            for _id, ref, title, status in acts
        )
        lines.append(f"<h4 style='margin-bottom:2px'>Actions</h4><ul>{items}</ul>")
    if reviews:
        items = "".join(
            f"<li>{v.reviewed_on.isoformat()} {escape(v.reviewed_by_name)}: "
            f"<b>{risks.OUTCOME_LABELS[v.outcome]}</b>. {escape(v.note)}</li>"
            for v in reviews
        )
        lines.append(f"<h4 style='margin-bottom:2px'>Effectiveness reviews</h4><ul>{items}</ul>")
    lines.append(para("Note", r.note))
    return "".join(lines)


class RisksTab(PlanningTab):
    """The register of risks and opportunities."""

    tab_title = "Risks"
    menu_title = "Ris&ks"
    report_key = "risks"
    report_file_name = "Risks and opportunities"
    export_key = "risks"
    export_file_name = "Risks and opportunities"
    layout_key = "risks"
    toolbar_title = "Risk tools"

    ACTIONS = (
        ActionSpec(
            "new_risk",
            "&New risk or opportunity…",
            "new_risk_",
            "Ctrl+Shift+N",
            lambda: icons.standard(_SP.SP_FileIcon),
            "Add a risk or an opportunity",
            button="New",
        ),
        ActionSpec(
            "edit_risk",
            "&Edit…",
            "edit_risk_",
            "F2",
            lambda: icons.standard(_SP.SP_FileDialogDetailedView),
            "Change the selected risk: its rating, treatment, review date",
            button="Edit",
        ),
        ActionSpec(
            "delete_risk",
            "&Delete…",
            "delete_risk_",
            QKeySequence.StandardKey.Delete,
            lambda: icons.standard(_SP.SP_TrashIcon),
            "Delete a risk entered by mistake (only while no action was raised on it)",
            button="Delete",
        ),
        ActionSpec(
            "raise_action",
            "&Raise an action…",
            "raise_action_",
            "Ctrl+Shift+A",
            lambda: icons.letter_icon("A", "#1f4e8c"),
            "Raise an action on the selected risk in the actions register",
            button="Raise action",
        ),
        ActionSpec(
            "review_risk",
            "Effectiveness re&view…",
            "review_risk_",
            "Ctrl+Shift+V",
            lambda: icons.letter_icon("✓", "#2e7d32"),
            "Record whether the actions taken on the selected risk worked",
            button="Effectiveness review",
        ),
        ActionSpec(
            "scale_action",
            "Risk &scale…",
            "edit_scale",
            None,
            None,
            "The steps of likelihood and consequence and the ratings of the levels",
        ),
        ActionSpec(
            "history_risk",
            "&History…",
            "show_history",
            "Ctrl+H",
            lambda: icons.standard(_SP.SP_FileDialogContentsView),
            "Every change recorded for the selected risk",
            button="History",
            writes=False,
        ),
    )
    EDIT_ACTIONS = ("new_risk", "edit_risk", "delete_risk")
    MENU_ACTIONS = ("raise_action", "review_risk", None, "scale_action", None, "history_risk")
    TOOLBAR = (
        "new_risk",
        "edit_risk",
        "delete_risk",
        None,
        "raise_action",
        "review_risk",
        None,
        "history_risk",
    )

    new_risk: QAction
    edit_risk: QAction
    delete_risk: QAction
    raise_action: QAction
    review_risk: QAction
    scale_action: QAction
    history_risk: QAction

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)
        self.counts = RiskCounts(0, 0, 0, 0)
        self.scale = RiskScale()
        self.model = RiskTableModel(None, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.make_toolbar())
        layout.addLayout(self._make_filters())
        self.make_table(
            self.model,
            object_name="riskTable",
            accessible_name="Risks and opportunities",
            on_activate=self.edit_risk_,
        )
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for n, column in enumerate(RISK_COLUMNS):
            header.resizeSection(
                n,
                max(
                    metrics.horizontalAdvance(column.sample) + 24,
                    metrics.horizontalAdvance(column.header) + 26,
                ),
            )
        self.sort_by_first_column()
        self.connect_selection(self._current_changed)
        self.before_map = HeatMapView("Risks before treatment")
        self.after_map = HeatMapView("Risks after treatment")
        maps = QWidget()
        maps_layout = QHBoxLayout(maps)
        maps_layout.setContentsMargins(0, 0, 0, 0)
        maps_layout.addWidget(self.before_map)
        maps_layout.addWidget(self.after_map)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.details = QTextBrowser()
        self.details.setObjectName("riskDetails")
        self.details.setAccessibleName("Risk details")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(maps)
        side_layout.addWidget(self.legend)
        side_layout.addWidget(self.details, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("risksSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([820, 460])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self._row: RiskRow | None = None
        self.update_actions()

    def _make_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.make_search(row, "riskSearch", "Search reference, title, description, owner")
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind filter")
        self.kind_combo.addItem("Risks and opportunities", "")
        for kind, text in risks.KIND_LABELS.items():
            self.kind_combo.addItem(f"{text}s", kind.value)
        self.level_combo = QComboBox()
        self.level_combo.setAccessibleName("Level filter")
        self.level_combo.addItem("All levels", "")
        for level, text in risks.LEVEL_LABELS.items():
            self.level_combo.addItem(text, level.value)
        for text, combo in (("Kind:", self.kind_combo), ("Level:", self.level_combo)):
            label = QLabel(text)
            label.setBuddy(combo)
            row.addWidget(label)
            row.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.due_chip = QToolButton()
        self.due_chip.setObjectName("reviewDueChip")
        self.due_chip.setCheckable(True)
        self.due_chip.setToolTip("Only the risks past their review date")
        self.due_chip.toggled.connect(lambda _on: self.apply_filters())
        row.addWidget(self.due_chip)
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
        self._load_counts()
        self.model.refresh()
        self.select_first_or(wanted, self._current_changed)
        self._update_shown()

    def _load_counts(self) -> None:
        if self.db is None:
            self.counts = RiskCounts(0, 0, 0, 0)
            self.before_map.set_data(None, self.scale)
            self.after_map.set_data(None, self.scale)
        else:
            with self.db.read() as session:
                self.scale = risks.get_scale(session)
                self.counts = risks.counts(session, self.scale)
                self.before_map.set_data(risks.heat_map(session, self.scale), self.scale)
                self.after_map.set_data(risks.heat_map(session, self.scale, after=True), self.scale)
        s = self.scale
        self.legend.setText(
            f"Likelihood and consequence from 1 to {s.steps}. Low below {s.medium_from}, "
            f"medium from {s.medium_from}, high from {s.high_from}."
        )
        self.due_chip.setText(f"Review due ({self.counts.review_due})")
        self.counts_changed.emit()

    def status_text(self) -> str:
        c = self.counts
        return (
            f"{c.risks} risks ({c.high} high) · {c.opportunities} opportunities · "
            f"{c.review_due} past their review date"
        )

    # --- filters

    def current_query(self) -> RiskQuery:
        kind = self.kind_combo.currentData()
        level = self.level_combo.currentData()
        return RiskQuery(
            text=self.search.text().strip(),
            kinds=frozenset({RiskKind(kind)}) if kind else frozenset(),
            levels=frozenset({risks.Level(level)}) if level else frozenset(),
            review_due_only=self.due_chip.isChecked(),
        )

    def apply_filters(self) -> None:
        wanted = self.current_id()
        self.model.set_query(self.current_query())
        self.select_first_or(wanted, self._current_changed)
        self._update_shown()

    def clear_filters(self) -> None:
        for widget in (self.kind_combo, self.level_combo, self.due_chip, self.search):
            widget.blockSignals(True)
        self.search.clear()
        self.kind_combo.setCurrentIndex(0)
        self.level_combo.setCurrentIndex(0)
        self.due_chip.setChecked(False)
        for widget in (self.kind_combo, self.level_combo, self.due_chip, self.search):
            widget.blockSignals(False)
        self.apply_filters()

    def _update_shown(self) -> None:
        total = self.counts.risks + self.counts.opportunities
        self.shown_label.setText(f"{self.model.rowCount()} of {total} shown")

    # --- selection

    def selected_risk(self) -> RiskRow | None:
        """The selected risk as the model read it (after every write, it reads again)."""
        if self.current_id() is None or self.db is None:
            return None
        return self.model.risk(self.table.currentIndex().row())

    def _current_changed(self) -> None:
        row = self.selected_risk()
        self._row = row
        if row is None or self.db is None:
            self.details.setHtml("<p style='color:gray'>No risk selected.</p>" if self.db else "")
        else:
            with self.db.read() as session:
                acts = risks.action_refs(session, row.id)
                reviews = risks.reviews_of(session, [row.id])
            self.details.setHtml(risk_html(row, self.scale, acts, reviews))
        self.update_actions()

    def update_actions(self) -> None:
        row = self._row
        self.enable(self.new_risk)
        self.enable(self.edit_risk, row is not None)
        self.enable(self.delete_risk, row is not None and row.actions_total == 0)
        self.enable(self.raise_action, row is not None)
        self.enable(self.review_risk, row is not None)
        self.enable(self.scale_action)
        self.enable(self.history_risk, row is not None)

    # --- changes

    def _choices(self) -> tuple[risks.Links, list[tuple[int, str]]]:
        assert self.db is not None
        with self.db.read() as session:
            return risks.links(session), actions.people_choices(session)

    def new_risk_(self) -> None:
        if not self.writable:
            return
        from qmsdesk.gui.dialogs.risks import RiskDialog

        links, people = self._choices()
        dialog = RiskDialog(self, links=links, people=people, scale=self.scale)
        if not accepted(dialog):
            return
        fields = dialog.fields()
        if fields is None:
            return
        ok, new_id = self.write(
            "Cannot add the risk", lambda s: risks.create_risk(s, fields, self.user)
        )
        if ok:
            self.after_write(new_id)
            if new_id is not None and self.model.row_for_id(new_id) is None:
                self.clear_filters()
                self.select_record(new_id)

    def edit_risk_(self) -> None:
        row = self.selected_risk()
        if row is None or not self.writable:
            return
        from qmsdesk.gui.dialogs.risks import RiskDialog

        links, people = self._choices()
        dialog = RiskDialog(self, links=links, people=people, scale=self.scale, row=row)
        if not accepted(dialog):
            return
        fields = dialog.fields()
        if fields is None:
            return
        ok, _ = self.write(
            "Cannot change the risk", lambda s: risks.update_risk(s, row.id, fields, self.user)
        )
        if ok:
            self.after_write(row.id)

    def delete_risk_(self) -> None:
        row = self.selected_risk()
        if row is None or not self.writable:
            return
        answer = QMessageBox.question(
            self, "Delete risk", f"Delete {row.reference} {row.title}? The change history keeps it."
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self.write(
            "Cannot delete the risk", lambda s: risks.delete_risk(s, row.id, self.user)
        )
        if ok:
            self.after_write()

    def raise_action_(self) -> None:
        row = self.selected_risk()
        if row is None or not self.writable:
            return
        from qmsdesk.gui.dialogs.risks import RaiseActionDialog

        _links, people = self._choices()
        dialog = RaiseActionDialog(self, row=row, people=people)
        if not accepted(dialog):
            return
        answer = dialog.answer()
        if answer is None:
            return
        title, owner, due = answer
        ok, _ = self.write(
            "Cannot raise the action",
            lambda s: risks.raise_action(s, row.id, title, self.user, owner_id=owner, due_date=due),
        )
        if ok:
            self.after_write(row.id)

    def review_risk_(self) -> None:
        row = self.selected_risk()
        if row is None or not self.writable:
            return
        from qmsdesk.gui.dialogs.risks import ReviewDialog

        _links, people = self._choices()
        dialog = ReviewDialog(self, reference=row.reference, people=people)
        if not accepted(dialog):
            return
        fields = dialog.fields()
        if fields is None:
            return
        ok, _ = self.write(
            "Cannot record the review", lambda s: risks.add_review(s, row.id, fields, self.user)
        )
        if ok:
            self.after_write(row.id)

    def edit_scale(self) -> None:
        if not self.writable:
            return
        from qmsdesk.gui.dialogs.risks import ScaleDialog

        dialog = ScaleDialog(self, scale=self.scale)
        if not accepted(dialog):
            return
        scale = dialog.scale()
        if scale is None:
            return
        ok, _ = self.write("Cannot change the risk scale", lambda s: risks.set_scale(s, scale))
        if ok:
            self.after_write(self.current_id())

    def history_subject(self) -> tuple[str, Callable[[Session], Sequence[Any]]] | None:
        row = self.selected_risk()
        if row is None:
            return None
        return row.reference, lambda session: risks.history_of(session, row.id)
