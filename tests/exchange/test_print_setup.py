"""Every exported sheet prints readably from Excel or LibreOffice: landscape, fitted, the header
row repeated, the company and the sheet's name in the page header (issue 16, point 11)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from qmsdesk.core.db import Database
from qmsdesk.core.exchange import registry

COMPANY = "Kestrel Precision Components Ltd"


def test_every_sheet_of_every_export_has_a_print_set_up(demo_db: Database, tmp_path: Path) -> None:
    checked = 0
    for word in ("documents", "training", "actions", "reviews", "training-due"):
        target = tmp_path / f"{word}.xlsx"
        registry.EXPORTS[word].write(demo_db, target)
        book = load_workbook(target)
        for ws in book.worksheets:
            if ws.title != "Read me":  # prose reads best upright
                assert ws.page_setup.orientation == "landscape", (word, ws.title)
            assert ws.oddHeader.right.text == "&A", (word, ws.title)
            assert ws.oddHeader.left.text == COMPANY, (word, ws.title)
            assert "Page &P of &N" in (ws.oddFooter.right.text or "")
            if ws.title not in ("Read me", "Legend"):
                assert ws.print_title_rows == "$1:$1", (word, ws.title)
            checked += 1
        if word == "training":
            grid = book["Training matrix"]
            assert grid.print_title_cols == "$A:$B"  # the people stay on every page
    assert checked >= 10
