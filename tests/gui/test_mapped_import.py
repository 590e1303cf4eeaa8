"""File > Import from a spreadsheet…: the mapping wizard and the import it leads to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtWidgets import QDialog, QFileDialog

from qmsdesk.core import documents
from qmsdesk.core.db import Database
from qmsdesk.core.exchange import mapping as m
from qmsdesk.gui import dialogs
from qmsdesk.gui.main_window import MainWindow
from qmsdesk.gui.mapped_import import (
    COLUMNS_PAGE,
    GRID_PAGE,
    NOT_IMPORTED,
    VALUES_PAGE,
    MappedImportWizard,
)
from tests.exchange.test_mapped_import import legacy_book
from tests.gui import fake_dialog, main_window, settings

__all__ = ["main_window", "settings"]  # fixtures


def _wizard(qtbot: Any, book: Path, remembered: Path) -> MappedImportWizard:
    source = m.Source(book)
    wizard = MappedImportWizard(None, source, ["Dave"], remembered)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_the_wizard_finds_the_header_and_suggests_every_column(qtbot: Any, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, legacy_book(tmp_path / "legacy.xlsx"), tmp_path / "kept")
    page = wizard.sheet_page
    assert page.register_box.currentData() == "documents"
    assert page.header_box.value() == 3
    assert "Kestrel Precision Components Ltd" in page.skipped_label.text()
    wizard.next()
    assert wizard.currentId() == COLUMNS_PAGE
    chosen = {h: c.currentData() for h, c in wizard.columns_page.combos}
    assert chosen["Doc No."] == "code" and chosen["Issue Date"] == "effective_date"
    wizard.next()
    assert wizard.currentId() == VALUES_PAGE  # "Current", "Live", "Issued", "Withdrawn"
    shown = {value: combo.currentData() for _k, value, combo in wizard.values_page.rows}
    assert shown["Current"] == "Approved / effective"
    assert shown["Withdrawn"] == "Obsolete"
    mapping = wizard.mapping()
    assert mapping.rules == {"doc_type": "type-from-code"}
    assert mapping.values["status"]["live"] == "Approved / effective"


def test_two_columns_for_one_field_are_refused_on_the_page(qtbot: Any, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, legacy_book(tmp_path / "legacy.xlsx"), tmp_path / "kept")
    wizard.next()
    combos = dict(wizard.columns_page.combos)
    combos["Rev"].setCurrentIndex(combos["Rev"].findData("title"))
    wizard.next()
    assert wizard.currentId() == COLUMNS_PAGE
    shown = wizard.columns_page.problems_label.text()
    assert "Two columns are mapped to the field 'Title'" in shown
    combos["Rev"].setCurrentIndex(combos["Rev"].findText(NOT_IMPORTED))
    assert "“Rev”" in wizard.columns_page.unmapped_label.text()


def test_the_mapping_remembered_for_the_shape_is_offered(qtbot: Any, tmp_path: Path) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    kept = tmp_path / "kept"
    with m.Source(book) as source:
        raw = source.sheet("Master list")
    remembered = m.suggested_mapping(m.target("documents"), raw.name, raw.values)
    remembered.columns["Document Owner"] = ""
    m.remember(remembered, kept)
    wizard = _wizard(qtbot, book, kept)
    assert wizard.sheet_page.remembered_box.isChecked()
    wizard.next()
    chosen = {h: c.currentData() for h, c in wizard.columns_page.combos}
    assert chosen["Document Owner"] == ""


def test_a_training_grid_asks_for_the_date_of_ticks(qtbot: Any, tmp_path: Path) -> None:
    book = tmp_path / "grid.xlsx"
    from tests.exchange import write_book

    write_book(book, {"Matrix": [["Name", "Forklift"], ["Jo", "x"]]})
    wizard = _wizard(qtbot, book, tmp_path / "kept")
    page = wizard.sheet_page
    page.register_box.setCurrentIndex(page.register_box.findData(m.GRID))
    wizard.next()
    assert wizard.currentId() == GRID_PAGE
    wizard.grid_page.tick_box.setChecked(True)
    mapping = wizard.mapping()
    assert mapping.register == m.GRID and mapping.done_date


def test_import_from_a_spreadsheet_end_to_end(
    qtbot: Any, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(book), ""))
    )

    def finish(self: MappedImportWizard) -> int:
        self.show()
        self.next()
        self.next()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(MappedImportWizard, "exec", finish)
    previews = fake_dialog()
    monkeypatch.setattr(dialogs, "ImportPreviewDialog", previews)
    ended: list[bool] = []
    main_window.job_finished.connect(lambda: ended.append(True))
    assert main_window.import_mapped_action.isEnabled()
    main_window.import_mapped_action.trigger()
    qtbot.waitUntil(lambda: len(previews.made) == 1, timeout=30_000)
    plan = previews.made[0].kwargs["plan"]
    assert plan.problems == []
    qtbot.waitUntil(lambda: len(ended) == 2, timeout=30_000)
    db = main_window.db
    assert isinstance(db, Database)
    with db.read() as session:
        codes = {r.code for r in documents.all_rows(session)}
    assert {"QP-90-01", "WI-90-03"} <= codes
    # Remembered for next time, in the user's data folder.
    again = m.recall("Master list", plan_headers(book))
    assert again is not None and again.columns["Doc No."] == "code"


def plan_headers(book: Path) -> list[str]:
    with m.Source(book) as source:
        raw = source.sheet("Master list")
    return m.headers_of(raw.values, 2)
