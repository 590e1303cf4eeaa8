"""File > Import from a spreadsheet…: the wizard that maps any sheet onto a register.

Pages: the sheet, its header row (title rows above it are skipped and shown) and the register;
the columns, each with the field suggested for it, the columns left out listed, and what fills
the fields the sheet leaves out (a rule, one value for all rows) with the legacy rules; the
values the register does not know, each mapped once; for a training grid, the date of the ticks
that carry none. The mapping it gives is planned by :func:`qmsdesk.core.exchange.mapping.
plan_mapped` and shown in the usual import preview (see :mod:`qmsdesk.gui.register_files`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

if TYPE_CHECKING:
    from pathlib import Path

    from qmsdesk.core.exchange.mapping import Mapping, RawSheet, Source, Target

SHEET_PAGE, COLUMNS_PAGE, VALUES_PAGE, GRID_PAGE = range(4)
NOT_IMPORTED = "— not imported —"
LEAVE_EMPTY, ONE_VALUE = "leave empty", "one value for all rows:"
_PREVIEW_ROWS = 8
_WHY = {
    "header": "its header",
    "alias": "a known header",
    "words": "the header's words",
    "content": "the cells",
}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _fill_table(table: QTableWidget, rows: list[list[str]], headers: list[str]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))


class SheetPage(QWizardPage):
    def __init__(self, wizard: MappedImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("The sheet and the register")
        self.setSubTitle(
            "Pick the sheet to read and the register it goes into. The header row is found "
            "below any title rows; change it if it is not the right one."
        )
        form = QFormLayout()
        self.sheet_box = QComboBox()
        self.sheet_box.addItems(wizard.source.sheet_names)
        form.addRow("&Sheet:", self.sheet_box)
        self.header_box = QSpinBox()
        self.header_box.setRange(1, 20)
        form.addRow("&Header row:", self.header_box)
        self.register_box = QComboBox()
        for word, target in wizard.targets.items():
            self.register_box.addItem(f"{target.title} ({word})", word)
        self.register_box.addItem("Training grid (people down, courses across)", wizard.grid)
        form.addRow("&Register:", self.register_box)
        self.skipped_label = QLabel()
        self.skipped_label.setWordWrap(True)
        self.remembered_box = QCheckBox("Use the mapping remembered for sheets of this shape")
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.remembered_box)
        layout.addWidget(self.preview, 1)
        self.sheet_box.currentTextChanged.connect(self._sheet_changed)
        self.header_box.valueChanged.connect(self._show)
        self._sheet_changed(self.sheet_box.currentText())

    def _sheet_changed(self, name: str) -> None:
        from qmsdesk.core.exchange import mapping as m

        raw = self.w.raw_sheet(name)
        index = m.find_header(raw.values) if raw.values else None
        self.header_box.blockSignals(True)
        self.header_box.setValue((index or 0) + 1)
        self.header_box.blockSignals(False)
        headers = m.headers_of(raw.values, index) if index is not None else []
        remembered = self.w.recall(name, headers)
        self.w.remembered = remembered
        self.remembered_box.setVisible(remembered is not None)
        self.remembered_box.setChecked(remembered is not None)
        word = remembered.register if remembered is not None else self.w.best_register(raw, index)
        at = self.register_box.findData(word)
        if at >= 0:
            self.register_box.setCurrentIndex(at)
        self._show()

    def _show(self) -> None:
        raw = self.w.raw_sheet(self.sheet_box.currentText())
        index = self.header_box.value() - 1
        above = [
            " ".join(_text(v) for v in row if _text(v).strip())
            for row in raw.values[:index]
            if any(_text(v).strip() for v in row)
        ]
        if raw.problems:
            self.skipped_label.setText(raw.problems[0].message)
        elif above:
            shown = "; ".join(f"“{t[:60]}”" for t in above[:3])
            self.skipped_label.setText(f"Rows above the header are skipped: {shown}")
        else:
            self.skipped_label.setText("The header is the sheet's first row.")
        rows = raw.values[index : index + _PREVIEW_ROWS + 1]
        width = min(max((len(r) for r in rows), default=0), 30)
        body = [[_text(r[c]) if c < len(r) else "" for c in range(width)] for r in rows[1:]]
        head = [_text(rows[0][c]) if rows and c < len(rows[0]) else "" for c in range(width)]
        _fill_table(self.preview, body, head)

    def nextId(self) -> int:
        return GRID_PAGE if self.register_box.currentData() == self.w.grid else COLUMNS_PAGE


class ColumnsPage(QWizardPage):
    def __init__(self, wizard: MappedImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Columns and fields")
        self.setSubTitle(
            "Each column goes to the field suggested for it; change what is wrong. Columns left "
            "as not imported are listed below and not read."
        )
        self.table = QTableWidget()
        self.table.setColumnCount(4)
        self.table.setHorizontalHeaderLabels(["Column", "First values", "Field", "Why"])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.unmapped_label = QLabel()
        self.unmapped_label.setWordWrap(True)
        self.missing = QTableWidget()
        self.missing.setColumnCount(3)
        self.missing.setHorizontalHeaderLabels(["Field the sheet leaves out", "Fill it", "Value"])
        self.missing.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.legacy_row = QHBoxLayout()
        self.legacy_boxes: dict[str, QCheckBox] = {}
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #b00020")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.unmapped_label)
        layout.addWidget(self.missing, 2)
        layout.addLayout(self.legacy_row)
        layout.addWidget(self.problems_label)
        self.combos: list[tuple[str, QComboBox]] = []
        self.fills: list[tuple[str, QComboBox, QLineEdit]] = []

    def initializePage(self) -> None:
        mapping = self.w.start_mapping()
        target = self.w.target()
        raw = self.w.current_raw()
        index = (mapping.header_row or 1) - 1
        headers = mapping.headers
        self.combos = []
        self.table.setRowCount(len([h for h in headers if h]))
        row = 0
        from qmsdesk.core.exchange import mapping as m

        columns = [[r[i] if i < len(r) else "" for r in raw.values[index + 1 :]] for i in
                   range(len(headers))]  # fmt: skip
        why = m.suggest(target, list(headers), [c[:200] for c in columns])
        for i, header in enumerate(headers):
            if not header:
                continue
            sample = ", ".join(_text(v) for v in columns[i] if _text(v).strip())[:80]
            combo = QComboBox()
            combo.addItem(NOT_IMPORTED, "")
            for column in target.fields():
                combo.addItem(column.header, column.key)
            combo.setCurrentIndex(max(0, combo.findData(mapping.columns.get(header, ""))))
            combo.currentIndexChanged.connect(self._update)
            self.table.setItem(row, 0, QTableWidgetItem(header))
            self.table.setItem(row, 1, QTableWidgetItem(sample))
            self.table.setCellWidget(row, 2, combo)
            found = why.get(header)
            self.table.setItem(row, 3, QTableWidgetItem(_WHY.get(found.why, "") if found else ""))
            self.combos.append((header, combo))
            row += 1
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(2, 220)
        self.table.setColumnWidth(3, 120)
        self._fills(target, mapping)
        for box in self.legacy_boxes.values():
            self.legacy_row.removeWidget(box)
            box.deleteLater()
        self.legacy_boxes = {}
        for rule in target.profile.legacy:
            box = QCheckBox(rule.label[:1].upper() + rule.label[1:])
            box.setChecked(rule.name in mapping.legacy)
            self.legacy_row.addWidget(box)
            self.legacy_boxes[rule.name] = box
        self._update()

    def _fills(self, target: Target, mapping: Mapping) -> None:
        wanted = [c for c in target.spec.columns if not c.computed and (
            c.required or target.profile.rules.get(c.key))]  # fmt: skip
        self.missing.setRowCount(len(wanted))
        self.fills = []
        for r, column in enumerate(wanted):
            how = QComboBox()
            how.addItem(LEAVE_EMPTY, "")
            for rule in target.profile.rules.get(column.key, ()):
                how.addItem(rule.label, rule.name)
            how.addItem(ONE_VALUE, "=")
            value = QLineEdit()
            if column.key in mapping.rules:
                how.setCurrentIndex(max(0, how.findData(mapping.rules[column.key])))
            elif column.key in mapping.defaults:
                how.setCurrentIndex(how.findData("="))
                value.setText(mapping.defaults[column.key])
            how.currentIndexChanged.connect(self._update)
            value.textChanged.connect(self._update)
            self.missing.setItem(r, 0, QTableWidgetItem(column.header))
            self.missing.setCellWidget(r, 1, how)
            self.missing.setCellWidget(r, 2, value)
            self.fills.append((column.key, how, value))
        self.missing.resizeColumnToContents(0)
        self.missing.setColumnWidth(1, 240)

    def mapping(self) -> Mapping:
        mapping = self.w.start_mapping()
        mapping.columns = {h: str(c.currentData() or "") for h, c in self.combos}
        mapped = set(mapping.columns.values())
        mapping.rules, mapping.defaults = {}, {}
        for key, how, value in self.fills:
            if key in mapped:
                continue
            if how.currentData() == "=":
                mapping.defaults[key] = value.text().strip()
            elif how.currentData():
                mapping.rules[key] = str(how.currentData())
        mapping.legacy = tuple(n for n, b in self.legacy_boxes.items() if b.isChecked())
        return mapping

    def _update(self) -> None:
        mapping = self.mapping()
        left = [h for h, key in mapping.columns.items() if not key]
        self.unmapped_label.setText(
            "Columns not imported: " + ", ".join(f"“{h}”" for h in left) if left else
            "Every column is imported."
        )  # fmt: skip
        mapped = set(mapping.columns.values())
        for r, (key, how, value) in enumerate(self.fills):
            self.missing.setRowHidden(r, key in mapped)
            value.setEnabled(how.currentData() == "=")
        self.problems_label.setText("")

    def validatePage(self) -> bool:
        from qmsdesk.core.exchange import mapping as m

        mapping = self.mapping()
        problems = m.check_mapping(self.w.target(), mapping, list(mapping.headers), mapping.sheet)
        if problems:
            self.problems_label.setText("\n".join(p.message for p in problems[:4]))
            return False
        self.w.columns_mapping = mapping
        return True

    def nextId(self) -> int:
        return VALUES_PAGE if self.w.values_to_map() else -1


class ValuesPage(QWizardPage):
    def __init__(self, wizard: MappedImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Values")
        self.setSubTitle(
            "These values are not the register's own. Say once what each stands for; every row "
            "that holds it is read so."
        )
        self.table = QTableWidget()
        self.table.setColumnCount(3)
        self.table.setHorizontalHeaderLabels(["Field", "Written on the sheet", "Stands for"])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        QVBoxLayout(self).addWidget(self.table)
        self.rows: list[tuple[str, str, QComboBox]] = []

    def initializePage(self) -> None:
        target = self.w.target()
        wanted = self.w.values_to_map()
        mapping = self.w.columns_mapping
        self.rows = []
        self.table.setRowCount(sum(len(v) for v in wanted.values()))
        r = 0
        for key, written in wanted.items():
            column = target.spec.column(key)
            for value in written:
                combo = QComboBox()
                combo.addItem("(not mapped)", "")
                for choice in column.choices:
                    combo.addItem(choice, choice)
                known = mapping.value_for(key, value) if mapping else None
                combo.setCurrentIndex(max(0, combo.findData(known or "")))
                self.table.setItem(r, 0, QTableWidgetItem(column.header))
                self.table.setItem(r, 1, QTableWidgetItem(value))
                self.table.setCellWidget(r, 2, combo)
                self.rows.append((key, value, combo))
                r += 1
        self.table.resizeColumnsToContents()

    def apply(self, mapping: Mapping) -> None:
        from qmsdesk.core.exchange.mapping import value_key

        for key, written, combo in self.rows:
            chosen = str(combo.currentData() or "")
            table = mapping.values.setdefault(key, {})
            if chosen:
                table[value_key(written)] = chosen
            else:
                table.pop(value_key(written), None)

    def nextId(self) -> int:
        return -1


class GridPage(QWizardPage):
    def __init__(self, wizard: MappedImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Training grid")
        self.setSubTitle(
            "One row per person (a name or an employee number), one column per course or skill. "
            "A date is the day the training was done; x, ✓, yes or done a tick; R required; n/a "
            "or blank not required; a column named “… expiry” the day it runs out. People and "
            "courses QMS Desk does not know yet are added (the preview lists them)."
        )
        self.tick_box = QCheckBox("Ticks that carry no date were done on:")
        self.tick_date = QDateEdit(QDate.currentDate())
        self.tick_date.setCalendarPopup(True)
        self.tick_date.setDisplayFormat("yyyy-MM-dd")
        row = QHBoxLayout()
        row.addWidget(self.tick_box)
        row.addWidget(self.tick_date)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addStretch(1)

    def nextId(self) -> int:
        return -1


class MappedImportWizard(QWizard):
    """The mapping of one sheet of `source` onto a register."""

    def __init__(
        self,
        parent: QWidget | None,
        source: Source,
        people: list[str] | None = None,
        remembered_in: Path | None = None,
    ) -> None:
        super().__init__(parent)
        from qmsdesk.core.exchange import mapping as m

        self.setWindowTitle(f"Import from a spreadsheet: {source.path.name}")
        self.source, self.people, self.remembered_in = source, people or [], remembered_in
        self.targets: dict[str, Target] = m.targets()
        self.grid = m.GRID
        self.remembered: Mapping | None = None
        self.columns_mapping: Mapping | None = None
        self._raw: dict[str, RawSheet] = {}
        self.sheet_page = SheetPage(self)
        self.columns_page = ColumnsPage(self)
        self.values_page = ValuesPage(self)
        self.grid_page = GridPage(self)
        self.setPage(SHEET_PAGE, self.sheet_page)
        self.setPage(COLUMNS_PAGE, self.columns_page)
        self.setPage(VALUES_PAGE, self.values_page)
        self.setPage(GRID_PAGE, self.grid_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Check…")
        self.resize(980, 640)

    # --- what the pages share --------------------------------------------------------------

    def raw_sheet(self, name: str) -> RawSheet:
        if name not in self._raw:
            self._raw[name] = self.source.sheet(name)
        return self._raw[name]

    def current_raw(self) -> RawSheet:
        return self.raw_sheet(self.sheet_page.sheet_box.currentText())

    def recall(self, sheet: str, headers: list[str]) -> Mapping | None:
        from qmsdesk.core.exchange import mapping as m

        return m.recall(sheet, headers, self.remembered_in) if headers else None

    def best_register(self, raw: RawSheet, index: int | None) -> str:
        """The register whose sheet the headers name best (documents when none does)."""
        from qmsdesk.core.exchange import mapping as m

        if index is None:
            return "documents"
        headers = m.headers_of(raw.values, index)
        scores = {
            word: sum(1 for s in m.suggest(t, headers).values() if s.why in ("header", "alias"))
            for word, t in self.targets.items()
        }
        best = max(scores, key=lambda w: scores[w], default="documents")
        return best if scores.get(best) else "documents"

    def target(self) -> Target:
        return self.targets[str(self.sheet_page.register_box.currentData())]

    def start_mapping(self) -> Mapping:
        """The remembered mapping when it is to be used, else the suggestions."""
        from qmsdesk.core.exchange import mapping as m

        sheet = self.sheet_page.sheet_box.currentText()
        header_row = self.sheet_page.header_box.value()
        word = str(self.sheet_page.register_box.currentData())
        remembered = self.remembered
        if (
            remembered is not None
            and self.sheet_page.remembered_box.isChecked()
            and remembered.register == word
            and (remembered.header_row or header_row) == header_row
        ):
            mapping = m.Mapping.from_json(remembered.to_json())
            mapping.sheet = sheet
            return mapping
        return m.suggested_mapping(
            self.target(), sheet, self.current_raw().values, self.people, header_row
        )

    def values_to_map(self) -> dict[str, list[str]]:
        """Field -> values of its column that are not the register's own words."""
        from qmsdesk.core.exchange.mapping import value_key

        mapping = self.columns_mapping
        if mapping is None:
            return {}
        target = self.target()
        raw = self.current_raw()
        index = (mapping.header_row or 1) - 1
        found: dict[str, list[str]] = {}
        position = {h: i for i, h in enumerate(mapping.headers) if h}
        for header, key in mapping.columns.items():
            if not key or header not in position:
                continue
            column = target.spec.column(key)
            if not column.choices:
                continue
            choices = {value_key(c) for c in column.choices}
            seen: dict[str, str] = {}
            for row in raw.values[index + 1 :]:
                i = position[header]
                cell = row[i] if i < len(row) else ""
                if isinstance(cell, str) and cell.strip() and value_key(cell) not in choices:
                    seen.setdefault(value_key(cell), cell.strip())
            if seen:
                found[key] = list(seen.values())
        return found

    def mapping(self) -> Mapping:
        """The mapping the wizard was finished with."""
        from qmsdesk.core.exchange import mapping as m

        if self.sheet_page.register_box.currentData() == self.grid:
            grid = m.Mapping(
                register=m.GRID,
                sheet=self.sheet_page.sheet_box.currentText(),
                header_row=self.sheet_page.header_box.value(),
            )
            raw = self.current_raw()
            index = grid.header_row - 1 if grid.header_row else 0
            grid.headers = tuple(m.headers_of(raw.values, index)) if raw.values else ()
            if self.grid_page.tick_box.isChecked():
                grid.done_date = self.grid_page.tick_date.date().toString("yyyy-MM-dd")
            return grid
        mapping = self.columns_mapping or self.columns_page.mapping()
        if self.values_to_map():
            self.values_page.apply(mapping)
        return mapping


def people_names(session: Any) -> list[str]:
    from qmsdesk.core import people

    return [p.name for p in people.all_people(session)]
