"""Qt models of the Audits tab: the programme, the year view and an audit's checklist.

The programme is read with a few SQL queries per reload (:func:`qmsdesk.core.audits.audit_rows`:
the audits of a year with their people and counts, 100 audits in about 50 ms); at most a few
hundred rows, so they are held whole and sorted in memory. A late audit is marked by a tinted row,
a red marker and the word LATE; an auditor who would audit their own work by a warning marker and
the word "own work".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from qmsdesk.core import audits
from qmsdesk.core.audits import (
    AuditQuestionRow,
    AuditRow,
    ObjectivityWarning,
    ProgrammeState,
    YearView,
)
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_audits import FindingClass, Result
from qmsdesk.gui import icons
from qmsdesk.gui.models.document_table_model import DateText
from qmsdesk.gui.models.paged import IdTableModel

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
AUDIT_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
STATE_ROLE = int(Qt.ItemDataRole.UserRole) + 2

LATE_TEXT = "LATE"
OWN_WORK_TEXT = "own work"

STATE_COLORS = {
    ProgrammeState.PLANNED: QColor("#e8eef6"),
    ProgrammeState.IN_PROGRESS: QColor("#fff1d0"),
    ProgrammeState.DONE: QColor("#e3f2e1"),
    ProgrammeState.LATE: icons.OVERDUE_TINT,
}
STATE_MARKS = {
    ProgrammeState.PLANNED: "○",
    ProgrammeState.IN_PROGRESS: "◐",
    ProgrammeState.DONE: "●",
    ProgrammeState.LATE: "⚠",
}
RESULT_COLORS = {
    Result.CONFORMING: QColor("#e3f2e1"),
    Result.MINOR_NC: icons.DUE_SOON_TINT,
    Result.MAJOR_NC: icons.OVERDUE_TINT,
    Result.OFI: QColor("#e4ecfa"),
    Result.OBSERVATION: QColor("#eeeeee"),
}


def findings_text(counts: dict[FindingClass, int]) -> str:
    parts = []
    for cls, word in (
        (FindingClass.MAJOR_NC, "major"),
        (FindingClass.MINOR_NC, "minor"),
        (FindingClass.OFI, "OFI"),
        (FindingClass.OBSERVATION, "obs."),
    ):
        if counts.get(cls):
            parts.append(f"{counts[cls]} {word}")
    return ", ".join(parts)


_A = audits.AUDIT_VOCAB
#: (key, header, sample: a typical widest value). A column that is one field of an audit is headed
#: by its short label; the others are worked out (the state, the counts, the objectivity check),
#: so their headers are the table's own.
_PROGRAMME_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("reference", _A["reference"].short_label, "IA-2026-12"),
    ("title", _A["title"].short_label, "Purchasing and supplier control"),
    ("planned", _A["planned_start"].short_label, "2026-12-31"),
    ("state", "State", "In progress  LATE"),
    ("lead", _A["lead_auditor_id"].short_label, "Jonas Lindqvist"),
    ("auditees", _A["auditee_ids"].short_label, "Sarah Whitfield, Mehmet"),
    ("clauses", _A["clauses"].short_label, "7.1.5, 8.5, 8.6"),
    ("progress", "Answered", "100 / 134"),
    ("findings", "Findings", "1 major, 2 minor, 1 OFI"),
    ("objectivity", "Objectivity", "⚠ own work"),
)
PROGRAMME_KEYS = tuple(c[0] for c in _PROGRAMME_COLUMNS)
STATE_COLUMN = PROGRAMME_KEYS.index("state")
OBJECTIVITY_COLUMN = PROGRAMME_KEYS.index("objectivity")


class AuditTableModel(IdTableModel):
    """The audits of the programme (a year, or all years) with their state and counts, held whole
    (at most a few hundred) and sorted in memory; rows known by audit id (see
    :class:`qmsdesk.gui.models.paged.IdTableModel`)."""

    HEADER_TIPS = False

    def __init__(self, parent: Any = None) -> None:
        super().__init__(len(PROGRAMME_KEYS), parent)
        self._rows: list[AuditRow] = []
        self._warnings: dict[int, list[ObjectivityWarning]] = {}
        self._texts: list[tuple[str, ...]] = []
        self._states: list[ProgrammeState] = []
        self._today = today()
        self._date = DateText()
        self._sort_column = PROGRAMME_KEYS.index("planned")
        self._bold = QFont()
        self._bold.setBold(True)

    @staticmethod
    def samples() -> list[tuple[str, str]]:
        return [(c[1], c[2]) for c in _PROGRAMME_COLUMNS]

    def set_rows(
        self, rows: Sequence[AuditRow], warnings: dict[int, list[ObjectivityWarning]]
    ) -> None:
        self.beginResetModel()
        self._today = today()
        self._rows = list(rows)
        self._warnings = warnings
        self.reorder()
        self.endResetModel()

    def replace_row(self, audit: AuditRow) -> None:
        """Show an audit's new state and counts in place (after an answer), keeping the order."""
        for n, r in enumerate(self._rows):
            if r.id == audit.id:
                self._rows[n] = audit
                self._texts[n] = self._texts_of(audit)
                self._states[n] = audit.state(self._today)
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(PROGRAMME_KEYS) - 1))
                return

    def audit(self, row: int) -> AuditRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def warnings_for(self, audit_id: int) -> list[ObjectivityWarning]:
        return self._warnings.get(audit_id, [])

    def _texts_of(self, r: AuditRow) -> tuple[str, ...]:
        state = r.state(self._today)
        state_text = audits.STATUS_LABELS[r.status]
        if state == ProgrammeState.LATE:
            state_text = f"{state_text}  {LATE_TEXT}"
        values = {
            "reference": r.reference,
            "title": r.title,
            "planned": self._date(r.planned_start),
            "state": state_text,
            "lead": r.lead_auditor,
            "auditees": ", ".join(r.auditees),
            "clauses": ", ".join(r.clauses) or "all",
            "progress": f"{r.answered} / {r.questions}" if r.questions else "no checklist",
            "findings": findings_text(dict(r.findings)),
            "objectivity": f"⚠ {OWN_WORK_TEXT}" if self._warnings.get(r.id) else "",
        }
        return tuple(values[k] for k in PROGRAMME_KEYS)

    def column_header(self, section: int) -> str:
        return _PROGRAMME_COLUMNS[section][1]

    def reorder(self) -> None:
        column, descending = self._sort_column, self._descending
        key = PROGRAMME_KEYS[column]
        sorters: dict[str, Callable[[AuditRow], Any]] = {
            "planned": lambda r: (r.planned_start, r.reference),
            "reference": lambda r: r.reference.casefold(),
            "progress": lambda r: r.answered / r.questions if r.questions else -1,
            "findings": lambda r: (r.nonconformities(), sum(r.findings.values())),
        }
        if key in sorters:
            self._rows.sort(key=sorters[key], reverse=descending)
            self._refresh_texts()
        else:
            self._refresh_texts()
            order = sorted(
                range(len(self._rows)),
                key=lambda i: (self._texts[i][column].casefold(), self._rows[i].planned_start),
                reverse=descending,
            )
            self._rows = [self._rows[i] for i in order]
            self._refresh_texts()
        self.set_ids([r.id for r in self._rows])

    def _refresh_texts(self) -> None:
        self._texts = [self._texts_of(r) for r in self._rows]
        self._states = [r.state(self._today) for r in self._rows]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        super().sort(max(0, min(column, len(PROGRAMME_KEYS) - 1)), order)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._rows):
            return None
        state = self._states[row]
        if role == _DISPLAY or role == Qt.ItemDataRole.AccessibleTextRole:
            return self._texts[row][column]
        if role == Qt.ItemDataRole.BackgroundRole:
            return STATE_COLORS[state] if state == ProgrammeState.LATE else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if state == ProgrammeState.LATE:
                return icons.OVERDUE_COLOR if column == STATE_COLUMN else icons.TINT_TEXT
            if column == OBJECTIVITY_COLUMN:
                return icons.DUE_SOON_COLOR
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == STATE_COLUMN:
            return icons.overdue_icon() if state == ProgrammeState.LATE else icons.blank_icon()
        if role == Qt.ItemDataRole.FontRole and column == STATE_COLUMN:
            return self._bold if state == ProgrammeState.LATE else None
        if role == Qt.ItemDataRole.ToolTipRole:
            r = self._rows[row]
            if column == OBJECTIVITY_COLUMN and self._warnings.get(r.id):
                return "\n".join(w.message for w in self._warnings[r.id])
            if column == STATE_COLUMN and state == ProgrammeState.LATE:
                due = r.planned_end or r.planned_start
                return f"Late: planned to end on {self._date(due)} and not reported yet."
            return self._texts[row][column] or None
        if role == AUDIT_ID_ROLE:
            return self._rows[row].id
        if role == STATE_ROLE:
            return state.value
        return None


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


_YEAR_STATES = (
    ProgrammeState.PLANNED,
    ProgrammeState.IN_PROGRESS,
    ProgrammeState.DONE,
    ProgrammeState.LATE,
)
#: Counts per month, not fields: the table's own headers.
_YEAR_COLUMNS = ("Month", "Audits", "Planned", "In progress", "Done", "Late")


class YearModel(QAbstractTableModel):
    """The year view: a row per month with its audits (each with its state in words) and the
    number planned, in progress, done and late. A month with a late audit is tinted and says so."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._view: YearView | None = None

    def set_view(self, view: YearView) -> None:
        self.beginResetModel()
        self._view = view
        self.endResetModel()

    def month_audits(self, row: int) -> tuple[AuditRow, ...]:
        if self._view is None or not 0 <= row < 12:
            return ()
        return self._view.months[row].audits

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() or self._view is None else 12

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(_YEAR_COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return _YEAR_COLUMNS[section]
        return None

    def _late(self, row: int) -> int:
        assert self._view is not None
        return self._view.months[row].count(ProgrammeState.LATE, self._view.on)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if self._view is None or not 0 <= index.row() < 12:
            return None
        row, column = index.row(), index.column()
        month = self._view.months[row]
        on = self._view.on
        if role == _DISPLAY or role == Qt.ItemDataRole.AccessibleTextRole:
            if column == 0:
                return f"{MONTHS[row]} {self._view.year}"
            if column == 1:
                parts = []
                for a in month.audits:
                    state = a.state(on)
                    word = audits.STATE_LABELS[state]
                    parts.append(
                        f"{STATE_MARKS[state]} {a.reference} "
                        f"{word.upper() if state == ProgrammeState.LATE else word.lower()}"
                    )
                return "   ".join(parts) or "—"
            count = month.count(_YEAR_STATES[column - 2], on)
            return str(count) if count else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if column >= 2 and month.count(_YEAR_STATES[column - 2], on):
                return STATE_COLORS[_YEAR_STATES[column - 2]]
            if column < 2 and self._late(row):
                return STATE_COLORS[ProgrammeState.LATE]
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._late(row) and column in (1, 5):
                return icons.OVERDUE_COLOR
            return icons.TINT_TEXT if column >= 2 else None
        if role == Qt.ItemDataRole.FontRole and column == 5 and self._late(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1 and month.audits:
            return "\n".join(
                f"{a.reference}: {a.title} ({audits.STATE_LABELS[a.state(on)]}; lead "
                f"{a.lead_auditor or '-'})"
                for a in month.audits
            )
        if role == AUDIT_ID_ROLE and month.audits:
            return month.audits[0].id
        return None


#: The question's number (its place, not a field), then fields of a question and its answer.
_CHECKLIST_COLUMNS: tuple[str, ...] = (
    "No.",
    *(audits.QUESTION_VOCAB[k].short_label for k in ("clause", "question", "result", "evidence")),
)


class ChecklistModel(QAbstractTableModel):
    """One audit's questions and answers (a hundred or so rows, read whole)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditQuestionRow] = []

    def set_rows(self, rows: Sequence[AuditQuestionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def update_row(self, row: AuditQuestionRow) -> None:
        for n, r in enumerate(self._rows):
            if r.id == row.id:
                self._rows[n] = row
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(_CHECKLIST_COLUMNS) - 1))
                return

    def question(self, row: int) -> AuditQuestionRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[AuditQuestionRow]:
        return list(self._rows)

    def row_for_id(self, question_id: int | None) -> int | None:
        for n, r in enumerate(self._rows):
            if r.id == question_id:
                return n
        return None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(_CHECKLIST_COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return _CHECKLIST_COLUMNS[section]
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        q = self.question(index.row())
        if q is None:
            return None
        column = index.column()
        if role == _DISPLAY or role == Qt.ItemDataRole.AccessibleTextRole:
            if column == 0:
                return str(index.row() + 1)
            if column == 1:
                return q.clause
            if column == 2:
                return q.question
            if column == 3:
                return audits.RESULT_LABELS[q.result] if q.result else "—"
            return q.evidence.replace("\n", " ")
        if role == Qt.ItemDataRole.BackgroundRole and column == 3 and q.result:
            return RESULT_COLORS.get(q.result)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return icons.TINT_TEXT if q.result else icons.OBSOLETE_TEXT
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 2:
                return f"{q.question}\n\nLook for: {q.hint}" if q.hint else q.question
            if column == 4:
                return q.evidence or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
