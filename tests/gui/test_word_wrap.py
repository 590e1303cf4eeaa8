"""Drafted tables and details break lines at spaces only, never inside a word or a reference."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtGui import QTextOption

from qmsdesk.core.reviews.drafting import Table
from qmsdesk.gui.review_inputs import InputPage, table_html


def line_texts(page: InputPage) -> list[str]:
    doc = page.summary.document()
    doc.setTextWidth(120)  # narrow: the words cannot all fit
    out = []
    block = doc.begin()
    while block.isValid():
        layout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            out.append(block.text()[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return out


def test_a_drafted_table_never_breaks_a_word(qtbot: QtBot) -> None:
    page = InputPage("Refresh")
    qtbot.addWidget(page)
    assert page.summary.wordWrapMode() == QTextOption.WrapMode.WordWrap
    table = Table(
        "Improvements",
        ("Reference", "What"),
        (("IMP-2025-003", "Train programming of the new five-axis machine"),),
    )
    page.summary.setHtml(table_html(table))
    words = {"IMP-2025-003", "Train", "programming", "of", "the", "new", "five-axis", "machine"}
    pieces = [p for text in line_texts(page) for p in text.split()]
    assert pieces and set(pieces) <= words | {"Improvements", "Reference", "What"}
