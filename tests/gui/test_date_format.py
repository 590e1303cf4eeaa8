"""One date format, picked in Preferences and kept in the company file: the window's tables, every
report's dates (and its "Printed" footer) and the workbooks' date cells follow it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from qmsdesk.core import company, dates, documents
from qmsdesk.core.db import Database
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import registry
from qmsdesk.gui.company_file import use_company_dates
from qmsdesk.gui.dialogs import PreferencesDialog
from qmsdesk.gui.models.document_table_model import COLUMNS, DocumentTableModel

DAY = dt.date(2026, 12, 2)
COLUMN = {c.key: i for i, c in enumerate(COLUMNS)}
EXPECTED = {
    "d-mon-yyyy": ("2 Dec 2026", "d mmm yyyy"),
    "iso": ("2026-12-02", "yyyy-mm-dd"),
    "dd/mm/yyyy": ("02/12/2026", "dd/mm/yyyy"),
    "mm/dd/yyyy": ("12/02/2026", "mm/dd/yyyy"),
}


@pytest.fixture(autouse=True)
def _default_style_after() -> Iterator[None]:
    yield
    dates.use_style(dates.DEFAULT_STYLE)


def test_the_four_formats() -> None:
    assert [s.key for s in dates.DATE_STYLES] == list(EXPECTED)
    for key, (text, excel) in EXPECTED.items():
        assert dates.format_day(DAY, key) == text
        assert dates.date_style(key).excel == excel
    assert dates.format_day(None) == ""
    assert dates.format_day(dt.date(2026, 3, 1)) == "1 Mar 2026"  # the default, no leading zero
    assert dates.date_style("nonsense").key == dates.DEFAULT_STYLE


def test_the_setting_is_kept_in_the_company_file(db: Database) -> None:
    with db.read() as s:
        assert company.date_style(s) == dates.DEFAULT_STYLE
    with db.write() as s:
        company.set_date_style(s, "mm/dd/yyyy")
    with db.read() as s:
        assert company.date_style(s) == "mm/dd/yyyy"
    with pytest.raises(ValidationError, match="Date format"), db.write() as s:
        company.set_date_style(s, "dd.mm.yy")


@pytest.mark.parametrize("key", list(EXPECTED))
def test_window_pdf_and_workbook_follow_the_setting(
    qapp: Any, demo_db: Database, tmp_path: Path, key: str
) -> None:
    text, excel = EXPECTED[key]
    with demo_db.write() as s:
        company.set_date_style(s, key)
    with demo_db.read() as s:
        first = min((r for r in documents.all_rows(s) if r.effective_date), key=lambda r: r.code)
    assert first.effective_date is not None
    shown = dates.format_day(first.effective_date, key)

    # The window: the file's format is taken up when it opens.
    use_company_dates(demo_db)
    model = DocumentTableModel(demo_db)
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == first.code)
    assert model.data(model.index(row, COLUMN["effective_date"])) == shown

    # A report: its dates and the "Printed" footer, in the file's format even when the window
    # shows another (the report reads the setting itself).
    dates.use_style(dates.DEFAULT_STYLE if key != dates.DEFAULT_STYLE else "iso")
    pdf = tmp_path / "master.pdf"
    registry.REPORTS["documents"].write(demo_db, pdf)
    pdf_text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert shown in pdf_text
    assert f"Printed {dates.format_day(dt.date.today(), key)} " in pdf_text
    assert dates.current_style() != key  # the window's format is left as it was

    # A workbook: the date cells carry the matching number format.
    book_path = tmp_path / "register.xlsx"
    registry.EXPORTS["documents"].write(demo_db, book_path)
    book = load_workbook(book_path)
    ws = book["Documents"]
    header = [c.value for c in ws[1]]
    cell = next(
        r[header.index("Effective date")]
        for r in ws.iter_rows(min_row=2)
        if r[0].value == first.code
    )
    assert cell.is_date and cell.number_format == excel
    book.close()
    assert text  # the expected text of DAY, checked above for every format


def test_preferences_offers_the_formats(qtbot: Any) -> None:
    dialog = PreferencesDialog(
        None, user_name="Ann", company=company.CompanyInfo("Kestrel", None), date_style="iso"
    )
    qtbot.addWidget(dialog)
    combo = dialog.dateStyleCombo
    assert [combo.itemText(i) for i in range(combo.count())][:2] == ["22 Dec 2026", "2026-12-22"]
    assert dialog.date_style() == "iso"
    combo.setCurrentIndex(3)
    assert dialog.date_style() == "mm/dd/yyyy"
