"""The Qt model of the training matrix's grid, and its cell delegate.

The grid holds a :class:`qmsdesk.core.training.Matrix` (worked out in one pass by the core) and
answers ``data()`` from its status bytes: nothing is computed per cell but a look-up, so that a
2,000 x 300 matrix scrolls without stalls. Every cell shows a short code as well as its colour.
The lists beside it (the due list, the people, the items) are in
:mod:`qmsdesk.gui.models.training_lists`.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from qmsdesk.core import people, training
from qmsdesk.core.dates import format_day
from qmsdesk.core.training import (
    STATUS_CODES,
    STATUS_COLOURS,
    STATUS_LABELS,
    CellStatus,
    Matrix,
)

ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole

#: The role under which a cell gives its CellStatus value (an int), and a row its id.
STATUS_ROLE = Role.UserRole + 1
ID_ROLE = Role.UserRole + 2
#: The role under which a row's heading gives the person's department (the band it is in).
DEPARTMENT_ROLE = Role.UserRole + 3
#: An item's title is wrapped in its heading to lines of about this many characters, at most
#: TITLE_LINES of them (the last elided); the columns are as wide as such a line.
TITLE_CHARS = 11
TITLE_LINES = 3
#: Column 0 of the grid is the person's compliance; items start at column 1.
FIRST_ITEM_COLUMN = 1

_DISPLAY = int(Role.DisplayRole)
_BACKGROUND = int(Role.BackgroundRole)
_FOREGROUND = int(Role.ForegroundRole)
_ALIGNMENT = int(Role.TextAlignmentRole)
_FONT = int(Role.FontRole)
_TOOLTIP = int(Role.ToolTipRole)
_ACCESSIBLE = int(Role.AccessibleTextRole)
_STATUS = int(STATUS_ROLE)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def heading_title(title: str) -> str:
    """`title` in at most TITLE_LINES lines of about TITLE_CHARS characters, broken at spaces
    only (a longer word has a line of its own), the rest elided."""
    lines = textwrap.wrap(title, TITLE_CHARS, break_long_words=False, break_on_hyphens=False)
    if len(lines) > TITLE_LINES:  # the last line shown ends in an ellipsis, its words whole
        lines = [*lines[: TITLE_LINES - 1], lines[TITLE_LINES - 1] + "…"]
    return "\n".join(lines)


def date_text(day: dt.date | None) -> str:
    """A date in the company's format (qmsdesk.core.dates.format_day)."""
    return format_day(day)


class TrainingMatrixModel(QAbstractTableModel):
    """People down (the vertical header holds their names, so it stays in view), items across."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matrix: Matrix | None = None
        # Indexed by the status byte: a list look-up is the quickest there is.
        self._backgrounds = [QBrush(QColor(f"#{STATUS_COLOURS[s][0]}")) for s in sorted(CellStatus)]
        self._foregrounds = [QBrush(QColor(f"#{STATUS_COLOURS[s][1]}")) for s in sorted(CellStatus)]
        self._codes = [STATUS_CODES[s] for s in sorted(CellStatus)]
        self._bold = QFont()
        self._bold.setBold(True)
        self._compliance: list[tuple[int, int]] = []
        self._item_compliance: list[tuple[int, int]] = []
        self._names: list[str] = []
        self._tops: list[int] = []
        self._item_ids: list[int] = []
        self._texts: dict[int, list[str]] = {}

    # --- contents ------------------------------------------------------------------------------

    def set_matrix(self, matrix: Matrix | None) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self._texts = {}
        if matrix is None:
            self._compliance, self._item_compliance, self._names = [], [], []
            self._tops, self._item_ids = [], []
        else:
            self._compliance = [matrix.person_compliance(r) for r in range(len(matrix.people))]
            self._item_compliance = matrix.item_compliances()
            self._names = [p.name for p in matrix.people]
            self._tops = [i.max_level for i in matrix.items]
            self._item_ids = [i.id for i in matrix.items]
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() or self.matrix is None:
            return 0
        return len(self.matrix.people)

    def columnCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() or self.matrix is None:
            return 0
        return FIRST_ITEM_COLUMN + len(self.matrix.items)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def cell_status(self, row: int, col: int) -> CellStatus:
        assert self.matrix is not None
        return CellStatus(self.matrix.status[row][col - FIRST_ITEM_COLUMN])

    def person_id(self, row: int) -> int:
        assert self.matrix is not None
        return self.matrix.people[row].id

    def item_id(self, col: int) -> int | None:
        if col < FIRST_ITEM_COLUMN or self.matrix is None:
            return None
        return self.matrix.items[col - FIRST_ITEM_COLUMN].id

    def row_of(self, person_id: int) -> int | None:
        return None if self.matrix is None else self.matrix.row_of(person_id)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        # Called for every role of every painted cell: plain int comparisons, and each row's
        # texts worked out once (a screenful of 1,000 cells repaints in a few milliseconds).
        m = self.matrix
        if m is None or not index.isValid():
            return None
        role = int(role)
        row, col = index.row(), index.column()
        if col < FIRST_ITEM_COLUMN:
            return self._compliance_data(row, role)
        c = col - FIRST_ITEM_COLUMN
        if role == _DISPLAY:
            texts = self._texts.get(row)
            if texts is None:
                texts = self._texts[row] = self._row_texts(row)
            return texts[c]
        value = m.status[row][c]
        if role == _BACKGROUND:
            return self._backgrounds[value] if value else None
        if role == _FOREGROUND:
            return self._foregrounds[value]
        if role == _ALIGNMENT:
            return _CENTRE
        if role == _FONT:
            return self._bold if value else None
        if role == _STATUS:
            return value
        if role in (_TOOLTIP, _ACCESSIBLE):
            return self.cell_text(row, col)
        return None

    def _row_texts(self, row: int) -> list[str]:
        m = self.matrix
        assert m is not None
        codes = self._codes
        records = m.records
        base = m.people[row].id << 20
        texts = []
        for c, value in enumerate(m.status[row]):
            code = codes[value]
            if self._tops[c] > 1:
                found = records.get(base | self._item_ids[c])
                if found is not None:
                    level = found[10]
                    code = f"{code} {level}" if code else f"({level})"
            texts.append(code)
        return texts

    def _compliance_data(self, row: int, role: int) -> Any:
        ok, required = self._compliance[row]
        if role == _DISPLAY:
            return training.percent(ok, required)
        if role == _ALIGNMENT:
            return _RIGHT
        if role == _TOOLTIP:
            return f"{self._names[row]}: {ok} of {required} required trainings are valid."
        if role == _STATUS:
            return -1
        return None

    def cell_text(self, row: int, col: int) -> str:
        """What a cell means, in words (its tooltip and what a screen reader says)."""
        m = self.matrix
        assert m is not None
        c = col - FIRST_ITEM_COLUMN
        person, item = m.people[row], m.items[c]
        info = m.cell(row, c)
        lines = [f"{person.name}: {item.code} {item.title}", STATUS_LABELS[info.status]]
        if info.required_level:
            lines.append(f"Required: level {training.level_text(info.required_level)}")
        if info.latest is not None:
            latest = info.latest
            lines.append(
                f"Last trained {date_text(latest.trained_on)}, level "
                f"{training.level_text(latest.level)}"
            )
            if latest.document_revision:
                lines.append(f"Read revision {latest.document_revision} of {item.document_code}")
        if info.expires is not None:
            lines.append(f"Valid until {date_text(info.expires)}")
        if info.status == CellStatus.RETRAIN:
            lines.append(f"{item.document_code} is now at revision {item.document_revision}")
        if info.status != CellStatus.NOT_REQUIRED or info.latest is None:
            lines.append("Double-click to record training")
        return "\n".join(lines)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        m = self.matrix
        if m is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if section >= len(m.people):
                return None
            person = m.people[section]
            if role == Role.DisplayRole:
                return person.name
            if role == Role.ToolTipRole:
                roles = people.roles_text(person.roles) or "no job role"
                return f"{person.name} ({person.employee_no}) · {person.department} · {roles}"
            if role == ID_ROLE:
                return person.id
            if role == DEPARTMENT_ROLE:
                return person.department
            return None
        if section < FIRST_ITEM_COLUMN:
            if role == Role.DisplayRole:
                return "Compliance"
            if role == Role.ToolTipRole:
                return "The share of the person's required trainings that are valid"
            return None
        c = section - FIRST_ITEM_COLUMN
        if c >= len(m.items):
            return None
        item = m.items[c]
        ok, required = self._item_compliance[c]
        if role == Role.DisplayRole:
            title = heading_title(item.title)
            return f"{item.code}\n{title}\n{training.percent(ok, required)}"
        if role == Role.ToolTipRole:
            validity = training.validity_text(item.validity_months)
            text = f"{item.code} {item.title}\n{item.category} · {validity}"
            if item.document_code:
                text += f"\nRead and understood: {item.document_code} rev. {item.document_revision}"
            return f"{text}\n{ok} of {required} people who need it are valid"
        if role == ID_ROLE:
            return item.id
        return None


class MatrixCellDelegate(QStyledItemDelegate):
    """Paints a grid cell straight from the matrix: its colour, its code, a frame when selected.

    The standard delegate asks the model for a dozen roles per cell, each a call into Python;
    painting here costs one call per cell, so scrolling a large matrix stays smooth.
    """

    def __init__(self, model: TrainingMatrixModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = model
        self._pens = [QPen(QColor(f"#{STATUS_COLOURS[s][1]}")) for s in sorted(CellStatus)]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model = self.model
        m = model.matrix
        col = index.column()
        row = index.row()
        if m is not None and row > 0 and m.people[row].department != m.people[row - 1].department:
            # The first row of a department's band: a line above it, as in the names' header.
            painter.save()
            painter.setPen(option.palette.color(QPalette.ColorRole.Mid))
            painter.drawLine(option.rect.topLeft(), option.rect.topRight())
            painter.restore()
        if m is None or col < FIRST_ITEM_COLUMN:
            super().paint(painter, option, index)
            return
        value = m.status[row][col - FIRST_ITEM_COLUMN]
        rect = option.rect
        if value:
            painter.fillRect(rect, model._backgrounds[value])
        texts = model._texts.get(row)
        if texts is None:
            texts = model._texts[row] = model._row_texts(row)
        text = texts[col - FIRST_ITEM_COLUMN]
        if text:
            painter.setPen(self._pens[value])
            painter.setFont(model._bold if value else option.font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        state = option.state
        if state & QStyle.StateFlag.State_Selected:
            pen = QPen(option.palette.highlight().color(), 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
