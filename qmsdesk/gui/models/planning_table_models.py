"""The risks and objectives registers as Qt table models: ids from the core's query, rows read a
page at a time (see :mod:`qmsdesk.gui.models.paged`). A risk's level is written beside its rating
(Low, Medium, High) and tinted; a review past its date says REVIEW DUE; an objective's status is
a word, tinted when it is off target, not measured when due, or at risk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from qmsdesk.core import objectives, risks
from qmsdesk.core.db import Database
from qmsdesk.core.objectives import ObjectiveQuery, ObjectiveRow, Status
from qmsdesk.core.risks import RiskQuery, RiskRow, RiskScale
from qmsdesk.gui.charts import LEVEL_COLOURS
from qmsdesk.gui.models.document_table_model import DateText
from qmsdesk.gui.models.paged import (
    ACCESSIBLE,
    BACKGROUND,
    DISPLAY,
    TOOLTIP,
    Index,
    PagedTableModel,
)

REVIEW_DUE_TEXT = "REVIEW DUE"
RECORD_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    tip: str
    sample: str


def _risk_column(key: str, sample: str, field: str = "", tip: str = "") -> Column:
    f = risks.RISK_VOCAB[field or key]
    return Column(key, f.short_label, tip or f.help, sample)


RISK_COLUMNS = (
    _risk_column("reference", "OPP-0001"),
    _risk_column("kind", "Opportunit"),
    _risk_column("title", "Late bar stock from the main supplier"),
    _risk_column("source_kind", "Interested party"),
    _risk_column("process", "P-PUR", field="process_id"),
    _risk_column("owner_name", "Sarah Whitfield", field="owner_id"),
    _risk_column("rating", "2 x 5 = 10 Medium", tip="Likelihood x consequence, and its level"),
    _risk_column("treatment", "Reduce"),
    _risk_column("residual_rating", "2 x 4 = 8 Medium", tip="The rating after treatment"),
    _risk_column("next_review", "2026-12-31  REVIEW DUE"),
    Column("actions", "Actions", "Actions raised on it: open / all", "2 / 3"),
)
RISK_KEYS = tuple(c.key for c in RISK_COLUMNS)
RATING_COLUMN = RISK_KEYS.index("rating")
RESIDUAL_COLUMN = RISK_KEYS.index("residual_rating")
REVIEW_COLUMN = RISK_KEYS.index("next_review")
_SORTS = {"process": "process", "actions": "reference"}


class _RiskView:
    __slots__ = ("level", "residual", "review_due", "row", "texts")

    def __init__(self, row: RiskRow, scale: RiskScale, on: dt.date, date: DateText) -> None:
        self.row = row
        self.level = row.level(scale)
        self.residual = row.residual_level(scale)
        self.review_due = row.review_due(on)
        after = row.residual_rating
        review = date(row.next_review)
        if self.review_due:
            review = f"{review}  {REVIEW_DUE_TEXT}"
        values = {
            "reference": row.reference,
            "kind": risks.KIND_LABELS[row.kind],
            "title": row.title,
            "source_kind": risks.SOURCE_LABELS[row.source_kind]
            + (f" {row.source_ref}" if row.source_ref else ""),
            "process": row.process_code,
            "owner_name": row.owner_name or "(no owner)",
            "rating": f"{row.likelihood} x {row.consequence} = {row.rating} "
            f"{risks.LEVEL_LABELS[self.level]}",
            "treatment": risks.TREATMENT_LABELS[row.treatment],
            "residual_rating": "not rated"
            if after is None or self.residual is None
            else f"{row.residual_likelihood} x {row.residual_consequence} = {after} "
            f"{risks.LEVEL_LABELS[self.residual]}",
            "next_review": review,
            "actions": f"{row.actions_open} / {row.actions_total}" if row.actions_total else "",
        }
        self.texts = tuple(values[k] for k in RISK_KEYS)


class RiskTableModel(PagedTableModel[RiskQuery, _RiskView]):
    PAGE_SIZE = 100
    MAX_PAGES = 40

    def __init__(self, db: Database | None = None, parent: Any = None) -> None:
        super().__init__(db, RiskQuery(), len(RISK_COLUMNS), parent)
        self.scale = RiskScale()
        self._date = DateText()
        if db is not None:
            self.requery()

    def column_header(self, section: int) -> str:
        return RISK_COLUMNS[section].header

    def column_tip(self, section: int) -> str | None:
        return RISK_COLUMNS[section].tip

    def query_ids(self, db: Database) -> list[int]:
        key = RISK_KEYS[self._sort_column]
        with db.read() as session:
            self.scale = risks.get_scale(session)
            return risks.query_ids(
                session,
                self._query,
                sort=_SORTS.get(key, key),
                descending=self._descending,
                scale=self.scale,
                on=self._today,
            )

    def fetch_views(self, db: Database, ids: list[int]) -> dict[int, _RiskView]:
        with db.read() as session:
            rows = risks.fetch_rows(session, ids)
        return {r.id: _RiskView(r, self.scale, self._today, self._date) for r in rows}

    def risk(self, row: int) -> RiskRow | None:
        view = self.view(row)
        return None if view is None else view.row

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        view = self.view(index.row())
        column = index.column()
        if view is None:
            return None
        if role in (DISPLAY, ACCESSIBLE):
            return view.texts[column]
        if role == BACKGROUND:
            if column == RATING_COLUMN:
                return QColor(LEVEL_COLOURS[view.level])
            if column == RESIDUAL_COLUMN and view.residual is not None:
                return QColor(LEVEL_COLOURS[view.residual])
            if column == REVIEW_COLUMN and view.review_due:
                return QColor("#ffe6a6")
            return None
        if role == TOOLTIP:
            if column == 2 and view.row.description:
                return view.row.description
            return RISK_COLUMNS[column].tip
        if role == RECORD_ID_ROLE:
            return view.row.id
        return None


OBJECTIVE_COLUMNS = (
    Column(
        "code", objectives.OBJECTIVE_VOCAB["code"].short_label, "The objective's code", "OBJ-001"
    ),
    Column("title", "Objective", "What the company aims at", "Keep scrap below 2% of"),
    Column(
        "status",
        "Status",
        "On target, at risk, off target or not measured when due",
        "Not measured when due",
    ),
    Column("latest", "Latest", "The latest value and its period", "93.6% (2026-11)"),
    Column(
        "target", "Target", "The value aimed at (≥ when higher is better, ≤ when lower)", "≥ 95%"
    ),
    Column("owner", "Owner", "Who is responsible for it", "Anders Ørsted"),
    Column(
        "next",
        "Next due",
        "The next period to measure and the day its value is due",
        "2026-12 by 2027-01-30",
    ),
    Column("measure", "Measure", "What is measured", "Supplier on-time delivery"),
)
STATUS_COLUMN = 2
STATUS_TINTS = {
    Status.OFF_TARGET: "#f4b6b0",
    Status.NOT_MEASURED: "#f4b6b0",
    Status.AT_RISK: "#ffe6a6",
    Status.ON_TARGET: "#d8eed8",
}


class _ObjectiveView:
    __slots__ = ("row", "status", "texts")

    def __init__(self, row: ObjectiveRow, on: dt.date) -> None:
        self.row = row
        self.status = row.status(on)
        target = ""
        if row.target is not None:
            sign = "≥" if row.direction == objectives.Direction.HIGHER else "≤"
            target = f"{sign} {objectives.with_unit(row.target, row.unit)}"
        period, due = row.next_due()
        latest = ""
        if row.latest_value is not None:
            latest = f"{objectives.with_unit(row.latest_value, row.unit)} ({row.latest_label})"
        self.texts = (
            row.code,
            row.title,
            objectives.STATUS_LABELS[self.status],
            latest,
            target,
            row.owner_name,
            f"{objectives.period_label(period, row.frequency)} by {due.isoformat()}",
            row.measure,
        )


class ObjectiveTableModel(PagedTableModel[ObjectiveQuery, _ObjectiveView]):
    """The objectives (tens, not thousands): the status is worked out, so the query and the sort
    run on the rows in Python."""

    def __init__(self, db: Database | None = None, parent: Any = None) -> None:
        super().__init__(db, ObjectiveQuery(), len(OBJECTIVE_COLUMNS), parent)
        self._rows: dict[int, _ObjectiveView] = {}
        #: How many objectives have each status (all of them, not only those shown).
        self.status_counts: dict[Status, int] = {}
        if db is not None:
            self.requery()

    def column_header(self, section: int) -> str:
        return OBJECTIVE_COLUMNS[section].header

    def column_tip(self, section: int) -> str | None:
        return OBJECTIVE_COLUMNS[section].tip

    def query_ids(self, db: Database) -> list[int]:
        with db.read() as session:
            every = objectives.all_rows(session, on=self._today)
        counts: dict[Status, int] = {}
        for r in every:
            status = r.status(self._today)
            counts[status] = counts.get(status, 0) + 1
        self.status_counts = counts
        rows = objectives.matching(every, self._query, self._today)
        views = [_ObjectiveView(r, self._today) for r in rows]
        self._rows = {v.row.id: v for v in views}
        column = self._sort_column
        views.sort(key=lambda v: (v.texts[column].casefold(), v.row.code), reverse=self._descending)
        return [v.row.id for v in views]

    def fetch_views(self, db: Database, ids: list[int]) -> dict[int, _ObjectiveView]:
        return {i: self._rows[i] for i in ids if i in self._rows}

    def objective(self, row: int) -> ObjectiveRow | None:
        view = self.view(row)
        return None if view is None else view.row

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        view = self.view(index.row())
        if view is None:
            return None
        column = index.column()
        if role in (DISPLAY, ACCESSIBLE):
            return view.texts[column]
        if role == BACKGROUND and column == STATUS_COLUMN and view.status in STATUS_TINTS:
            return QColor(STATUS_TINTS[view.status])
        if role == TOOLTIP:
            return OBJECTIVE_COLUMNS[column].tip
        if role == RECORD_ID_ROLE:
            return view.row.id
        return None
