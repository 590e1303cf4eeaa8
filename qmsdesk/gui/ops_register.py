"""What the operations tabs (Customers, Changes, Design) share: a paged table model configured by
columns and the core's query, a form dialog built from a register's fields, and a tab base with
the search box, one filter chip, the table and a details pane.

The form is built in code (the fields depend on the register: Designer forms would be one per
register and say the same thing); it shows the core's problems beside the field they name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core.dates import today
from qmsdesk.core.errors import FieldProblem
from qmsdesk.core.fields import Field, FieldKind
from qmsdesk.gui import icons
from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.models.paged import (
    ACCESSIBLE,
    BACKGROUND,
    DECORATION,
    DISPLAY,
    FOREGROUND,
    TOOLTIP,
    Index,
    PagedTableModel,
)
from qmsdesk.gui.register_tab import RegisterTab
from qmsdesk.gui.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

OVERDUE_TEXT = "OVERDUE"
SEARCH_DELAY_MS = 150


@dataclass(frozen=True)
class Col:
    key: str  # a key of the core's SORT_KEYS
    header: str
    tip: str
    sample: str


class _View:
    __slots__ = ("alert", "dim", "row", "texts")

    def __init__(self, row: Any, texts: tuple[str, ...], alert: bool, dim: bool) -> None:
        self.row, self.texts, self.alert, self.dim = row, texts, alert, dim


class OpsTableModel(PagedTableModel[Any, _View]):
    """A register's rows, by the core's query and fetch. An alert row (overdue) is tinted, marked
    with the warning sign and says OVERDUE in its text: never colour alone."""

    PAGE_SIZE = 100
    MAX_PAGES = 40

    def __init__(
        self,
        columns: Sequence[Col],
        query: Any,
        ids: Callable[[Session, Any, str, bool, dt.date], list[int]],
        fetch: Callable[[Session, list[int]], Sequence[Any]],
        texts: Callable[[Any, dt.date], tuple[str, ...]],
        alert: Callable[[Any, dt.date], bool] = lambda _r, _on: False,
        dim: Callable[[Any], bool] = lambda _r: False,
        parent: Any = None,
    ) -> None:
        super().__init__(None, query, len(columns), parent)
        self.columns = tuple(columns)
        self._ids_fn, self._fetch, self._texts, self._alert, self._dim = (
            ids,
            fetch,
            texts,
            alert,
            dim,
        )

    def column_header(self, section: int) -> str:
        return self.columns[section].header

    def column_tip(self, section: int) -> str | None:
        return self.columns[section].tip

    def query_ids(self, db: Database) -> list[int]:
        with db.read() as session:
            key = self.columns[self._sort_column].key
            return self._ids_fn(session, self._query, key, self._descending, self._today)

    def fetch_views(self, db: Database, ids: list[int]) -> dict[int, _View]:
        on = self._today
        with db.read() as session:
            rows = self._fetch(session, ids)
        return {r.id: _View(r, self._texts(r, on), self._alert(r, on), self._dim(r)) for r in rows}

    def row_at(self, row: int) -> Any | None:
        view = self.view(row)
        return None if view is None else view.row

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        view = self.view(index.row())
        column = index.column()
        if view is None or not 0 <= column < self._columns:
            return None
        if role in (DISPLAY, ACCESSIBLE):
            return view.texts[column]
        if role == DECORATION and column == 0:
            return icons.overdue_icon() if view.alert else icons.blank_icon()
        if role == BACKGROUND:
            return icons.OVERDUE_TINT if view.alert else None
        if role == FOREGROUND:
            if view.alert:
                return icons.TINT_TEXT
            return icons.OBSOLETE_TEXT if view.dim else None
        if role == TOOLTIP:
            return view.texts[column] or None
        return None


# --- the form -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormField:
    """A field of a form: the vocabulary's field, and where its choices come from."""

    field: Field
    key: str = ""  # the value's key when it is not the field's ("owner_id" for "owner")
    people: bool = False  # a choice of the people in the register (their ids)
    choices: tuple[tuple[str, object], ...] = ()  # (label, value) instead of the field's labels

    @property
    def name(self) -> str:
        return self.key or self.field.key


class RecordForm(QDialog):
    """A register's fields in a form; `check(values)` gives the problems, shown beside each
    field, and the dialog is accepted only when there are none."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fields: Sequence[FormField],
        initial: Mapping[str, object],
        check: Callable[[dict[str, object]], list[FieldProblem]],
        people: Sequence[tuple[int, str]] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("recordForm")
        self._check = check
        self._fields = list(fields)
        self.editors: dict[str, QWidget] = {}
        self.problems: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for ff in self._fields:
            editor = self._editor(ff, initial.get(ff.name), people)
            editor.setToolTip(ff.field.help)
            editor.setAccessibleName(ff.field.label)
            problem = QLabel()
            problem.setObjectName(f"problem_{ff.name}")
            problem.setStyleSheet("color: #c62828")
            problem.setWordWrap(True)
            problem.hide()
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(editor)
            box.addWidget(problem)
            label = QLabel(f"{ff.field.label}{' *' if ff.field.required else ''}:")
            label.setBuddy(editor)
            form.addRow(label, box)
            self.editors[ff.name] = editor
            self.problems[ff.name] = problem
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        self.general = QLabel()
        self.general.setStyleSheet("color: #c62828")
        self.general.setWordWrap(True)
        self.general.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general)
        layout.addWidget(buttons)
        self.resize(620, min(680, 90 + 46 * len(self._fields)))

    def _editor(self, ff: FormField, value: object, people: Sequence[tuple[int, str]]) -> QWidget:
        kind = ff.field.kind
        if ff.people or ff.choices or kind == FieldKind.CHOICE:
            combo = QComboBox()
            combo.addItem("", None)
            if ff.people:
                for person_id, name in people:
                    combo.addItem(name, person_id)
            elif ff.choices:
                for label, data in ff.choices:
                    combo.addItem(label, data)
            else:
                for label in ff.field.choices:
                    combo.addItem(label, label)
            found = combo.findData(value)
            combo.setCurrentIndex(max(found, 0))
            return combo
        if kind == FieldKind.LONG_TEXT:
            edit = QPlainTextEdit("" if value is None else str(value))
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
            return edit
        line = QLineEdit("" if value is None else _text(value))
        if kind == FieldKind.DATE:
            line.setPlaceholderText("YYYY-MM-DD")
        return line

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                out[name] = editor.currentData()
            elif isinstance(editor, QPlainTextEdit):
                out[name] = editor.toPlainText()
            elif isinstance(editor, QLineEdit):
                out[name] = editor.text()
        return out

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        for shown in self.problems.values():
            shown.hide()
        other: list[str] = []
        for p in problems:
            label = self.problems.get(p.field)
            if label is None:
                other.append(f"{p.field}: {p.message}")
                continue
            label.setText(p.message)
            label.show()
        self.general.setText("\n".join(other))
        self.general.setVisible(bool(other))

    def try_accept(self) -> None:
        problems = self._check(self.values())
        if problems:
            self.show_problems(problems)
            return
        self.accept()


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def people_choices(session: Session) -> list[tuple[int, str]]:
    from qmsdesk.core import actions

    return actions.people_choices(session)


# --- the tab ------------------------------------------------------------------------------------


class OpsTab(RegisterTab):
    """A register tab with a search box, one filter chip, a paged table and a details pane.

    A subclass gives ``model`` (an :class:`OpsTableModel`), ``query_for(text, chip)``,
    ``details_html(row)``, ``load_counts()`` / ``status_text()`` and ``chip_text()``."""

    chip_tip: ClassVar[str] = ""
    search_hint: ClassVar[str] = "Search"
    object_prefix: ClassVar[str] = "ops"
    page_title: ClassVar[str] = ""
    model: OpsTableModel

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        file_jobs: FileJobs | None = None,
    ) -> None:
        super().__init__(settings, parent, file_jobs=file_jobs)
        self._row: Any | None = None

    def build_body(
        self, above: QWidget | None = None, pages: Sequence[tuple[str, QWidget]] = ()
    ) -> QVBoxLayout:
        """The tab's widgets: toolbar, filters, the table and its details (call once `model`
        is set). With `pages`, the table is the first page of a QTabWidget (``self.pages``)
        titled `page_title`, the others follow."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 0)
        outer.setSpacing(4)
        outer.addWidget(self.make_toolbar())
        if above is not None:
            outer.addWidget(above)
        layout = outer
        if pages:
            self.pages = QTabWidget()
            self.pages.setObjectName(f"{self.object_prefix}Pages")
            first = QWidget()
            layout = QVBoxLayout(first)
            layout.setContentsMargins(0, 4, 0, 0)
            self.pages.addTab(first, self.page_title)
            for title, widget in pages:
                self.pages.addTab(widget, title)
            outer.addWidget(self.pages, 1)
        layout.addLayout(self._filters())
        self.make_table(
            self.model,
            object_name=f"{self.object_prefix}Table",
            accessible_name=self.tab_title,
            on_activate=self.edit_current,
        )
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        for n, column in enumerate(self.model.columns):
            width = metrics.horizontalAdvance(column.sample) + (44 if n == 0 else 24)
            header.resizeSection(
                n, max(width, header.fontMetrics().horizontalAdvance(column.header) + 26)
            )
        self.sort_by_first_column()
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.details = QTextBrowser()
        self.details.setObjectName(f"{self.object_prefix}Details")
        self.details.setAccessibleName(f"{self.tab_title}: details")
        self.details.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([900, 360])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self.body_layout = layout
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        return outer

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName(f"{self.object_prefix}Search")
        self.search.setPlaceholderText(self.search_hint)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(f"Search {self.tab_title.lower()}")
        self.search.textChanged.connect(lambda _t: self._timer.start())
        label = QLabel("Search:")
        label.setBuddy(self.search)
        row.addWidget(label)
        row.addWidget(self.search, 3)
        self.chip = QToolButton()
        self.chip.setObjectName(f"{self.object_prefix}Chip")
        self.chip.setCheckable(True)
        self.chip.setIcon(icons.overdue_icon())
        self.chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.chip.setToolTip(self.chip_tip)
        self.chip.toggled.connect(lambda _on: self.apply_filters())
        row.addWidget(self.chip)
        row.addStretch(1)
        self.shown_label = QLabel()
        row.addWidget(self.shown_label)
        return row

    # --- for the subclass

    def query_for(self, text: str, chip: bool) -> Any:
        raise NotImplementedError

    def details_html(self, row: Any) -> str:
        raise NotImplementedError

    def load_counts(self) -> None:
        """Read the counts the status bar and the chip show."""

    def chip_text(self) -> str:
        return "Overdue"

    def total(self) -> int:
        return 0

    def get_row(self, session: Session, record_id: int) -> Any:
        raise NotImplementedError

    def edit_current(self) -> None:
        """Double click, Enter: edit the selected record (the subclass's)."""

    # --- shared behaviour

    def database_changed(self) -> None:
        self.model.set_query(self.query_for(self.search.text(), self.chip.isChecked()))
        self.model.set_database(self.db)
        self._counts()
        self._select_first()

    def reload(self, select_id: int | None = None) -> None:
        wanted = select_id if select_id is not None else self.current_id()
        self._counts()
        self.model.refresh()
        if wanted is None or not self.select(wanted):
            self._select_first()
        self._update_shown()

    def _counts(self) -> None:
        self.load_counts()
        self.chip.setText(self.chip_text())
        self.counts_changed.emit()
        self._update_shown()

    def _update_shown(self) -> None:
        shown = self.model.rowCount()
        self.shown_label.setText("" if self.db is None else f"{shown} of {self.total()} shown")

    def apply_filters(self) -> None:
        self._timer.stop()
        wanted = self.current_id()
        self.model.set_query(self.query_for(self.search.text(), self.chip.isChecked()))
        if wanted is None or not self.select(wanted):
            self._select_first()
        self._update_shown()

    def clear_filters(self) -> None:
        for widget in (self.chip, self.search):
            widget.blockSignals(True)
        self.chip.setChecked(False)
        self.search.clear()
        for widget in (self.chip, self.search):
            widget.blockSignals(False)
        self.apply_filters()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        return self.model.id_at(index.row())

    def select(self, record_id: int) -> bool:
        row = self.model.row_for_id(record_id)
        if row is None:
            return False
        index = self.model.index(row, max(self.table.currentIndex().column(), 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _select_first(self) -> None:
        first = self.model.id_at(0) if self.model.rowCount() else None
        if first is None or not self.select(first):
            self._current_changed(QModelIndex(), QModelIndex())

    def selected(self) -> Any | None:
        record_id = self.current_id()
        if record_id is None or self.db is None:
            return None
        from qmsdesk.core.errors import QmsError

        with self.db.read() as session:
            try:
                return self.get_row(session, record_id)
            except QmsError:
                return None

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.selected()
        self._row = row
        if row is None:
            self.details.setHtml(
                "<p style='color:gray'>Nothing selected.</p>" if self.db is not None else ""
            )
        else:
            self.details.setHtml(self.details_html(row))
        self.update_actions()

    def form(
        self,
        title: str,
        fields: Sequence[FormField],
        initial: Mapping[str, object],
        check: Callable[[dict[str, object]], list[FieldProblem]],
    ) -> dict[str, object] | None:
        """Ask for a record's fields; the values once the core finds no problem, else None."""
        if self.db is None:
            return None
        with self.db.read() as session:
            people = people_choices(session)
        dialog = RecordForm(self, title, fields, initial, check, people)
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        values = dialog.values()
        dialog.deleteLater()
        return values if ok else None


def day(on: dt.date | None = None) -> dt.date:
    return on or today()
