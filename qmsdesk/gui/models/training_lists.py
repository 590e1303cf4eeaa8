"""Qt models of the lists beside the training matrix: the due list, the people, the items.

Their headers read the training register's vocabularies (:mod:`qmsdesk.core.training.vocab`,
:data:`qmsdesk.core.people.PEOPLE`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QBrush, QColor

from qmsdesk.core import people, training
from qmsdesk.core.training import (
    DUE,
    ITEMS,
    STATUS_CODES,
    STATUS_COLOURS,
    STATUS_LABELS,
    DueRow,
    ItemRow,
)
from qmsdesk.gui.models.training_matrix_model import ID_ROLE, ROOT, Index, Role, date_text


class DueListModel(QAbstractTableModel):
    """What is due: expired, expiring soon, retraining after a document revision (a short list)."""

    FIELDS = DUE.pick(
        (
            "due",
            "status",
            "employee_no",
            "name",
            "department",
            "item_code",
            "item_title",
            "last_trained",
            "level",
            "required_level",
            "reason",
        )
    )
    HEADERS = tuple(f.short_label for f in FIELDS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[DueRow] = []
        self._colours = {
            s: (QBrush(QColor(f"#{bg}")), QBrush(QColor(f"#{fg}")))
            for s, (bg, fg) in STATUS_COLOURS.items()
        }

    def set_rows(self, rows: Sequence[DueRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def _value(self, row: DueRow, col: int) -> Any:
        return (
            row.due,
            STATUS_LABELS[row.status],
            row.employee_no,
            row.name,
            row.department,
            row.item_code,
            row.item_title,
            row.last_trained,
            row.level,
            row.required_level,
            row.reason,
        )[col]

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        value = self._value(row, col)
        if role == Role.DisplayRole:
            if isinstance(value, dt.date):
                return date_text(value)
            if col == 1:
                return f"{STATUS_CODES[row.status]} · {training.STATUS_SHORT[row.status]}"
            return "" if value is None else str(value)
        if role == Role.UserRole:  # the sort key
            if isinstance(value, dt.date):
                return value.isoformat()
            if value is None:
                return "9999" if col in (0, 7) else ""
            return value
        if col == 1 and role == Role.BackgroundRole:
            return self._colours[row.status][0]
        if col == 1 and role == Role.ForegroundRole:
            return self._colours[row.status][1]
        if role == ID_ROLE:
            return (row.person_id, row.item_id)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return self.HEADERS[section]
        return None


class PeopleListModel(QAbstractTableModel):
    """The people, for the list beside the matrix (a few thousand at most)."""

    HEADERS = (
        *(f.label for f in people.PEOPLE.pick(("name", "employee_no", "department", "roles"))),
        "Compliance",  # worked out from the matrix
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[people.PersonRow] = []
        self.compliance: dict[int, tuple[int, int]] = {}
        self._grey = QBrush(QColor("#808080"))

    def set_rows(
        self, rows: Sequence[people.PersonRow], compliance: dict[int, tuple[int, int]]
    ) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.compliance = compliance
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self.rows[index.row()]
        col = index.column()
        if role in (Role.DisplayRole, Role.UserRole):
            if col == 4:
                ok, required = self.compliance.get(person.id, (0, 0))
                if role == Role.UserRole:
                    return ok / required if required else 2.0
                return "left" if person.has_left() else training.percent(ok, required)
            value = (
                person.name,
                person.employee_no,
                person.department,
                people.roles_text(person.roles),
            )[col]
            return value
        if role == Role.ForegroundRole and person.has_left():
            return self._grey
        if role == Role.ToolTipRole and person.has_left():
            return f"Left on {date_text(person.leaving_date)}"
        if role == ID_ROLE:
            return person.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return self.HEADERS[section]
        return None


class ItemsListModel(QAbstractTableModel):
    """The training items, for the list where they are added, edited and archived."""

    FIELDS = ITEMS.pick(
        (
            "code",
            "title",
            "category",
            "delivery",
            "validity_months",
            "max_level",
            "document_code",
            "archived",
        )
    )
    HEADERS = tuple(f.short_label for f in FIELDS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ItemRow] = []
        self._grey = QBrush(QColor("#808080"))

    def set_rows(self, rows: Sequence[ItemRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        col = index.column()
        if role in (Role.DisplayRole, Role.UserRole):
            values: tuple[Any, ...] = (
                item.code,
                item.title,
                item.category,
                item.delivery,
                item.validity_text(),
                item.max_level,
                item.document_code,
                "archived" if item.archived else "",
            )
            if role == Role.UserRole and col == 4:
                return item.validity_months or 10_000
            return values[col] if role == Role.UserRole else str(values[col])
        if role == Role.ForegroundRole and item.archived:
            return self._grey
        if role == Role.ToolTipRole and item.description:
            return item.description
        if role == ID_ROLE:
            return item.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return self.HEADERS[section]
        return None
