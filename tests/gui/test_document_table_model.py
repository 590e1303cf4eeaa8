"""The register's table model: SQL order and filters, in-memory search, pages, cell texts."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from qmsdesk.core import documents
from qmsdesk.core.dates import format_day, today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import DocStatus, DocType
from qmsdesk.core.documents import DocumentFields, DocumentQuery, ReviewState
from qmsdesk.gui import icons
from qmsdesk.gui.models import document_table_model as dtm
from qmsdesk.gui.models.document_table_model import (
    COLUMNS,
    DOCUMENT_ID_ROLE,
    NEXT_REVIEW_COLUMN,
    DocumentTableModel,
)

DISPLAY = Qt.ItemDataRole.DisplayRole
COLUMN = {c.key: i for i, c in enumerate(COLUMNS)}


def codes(model: DocumentTableModel) -> list[str]:
    return [model.data(model.index(r, COLUMN["code"])) for r in range(model.rowCount())]


def sql_codes(db: Database, **kwargs: Any) -> list[str]:
    with db.read() as session:
        ids = documents.query_ids(session, **kwargs)
        by_id = {r.id: r.code for r in documents.fetch_rows(session, ids)}
    return [by_id[i] for i in ids]


def test_model_passes_qt_model_tester(qapp: Any, qtmodeltester: Any, demo_db: Database) -> None:
    model = DocumentTableModel(demo_db)
    assert model.rowCount() == 41
    qtmodeltester.check(model, force_py=True)
    model.set_search_text("procedure quality")
    model.sort(COLUMN["next_review"], Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_every_column_sorts_as_sql_says(qapp: Any, demo_db: Database) -> None:
    model = DocumentTableModel(demo_db)
    assert codes(model) == sql_codes(demo_db)
    for column, spec in enumerate(COLUMNS):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            descending = order == Qt.SortOrder.DescendingOrder
            assert codes(model) == sql_codes(demo_db, sort=spec.key, descending=descending), (
                spec.key,
                descending,
            )
    # A sort that differs from the code order, to be sure the test can tell them apart.
    model.sort(COLUMN["next_review"], Qt.SortOrder.AscendingOrder)
    assert codes(model) != sorted(codes(model))


@pytest.mark.parametrize("text", ["procedure", "ŁUKASZ", "control inspection", "zzz", "  "])
def test_search_text_narrows_like_sql(qapp: Any, demo_db: Database, text: str) -> None:
    model = DocumentTableModel(demo_db)
    model.sort(COLUMN["title"], Qt.SortOrder.DescendingOrder)
    model.set_search_text(text)
    expected = sql_codes(demo_db, query=DocumentQuery(text=text), sort="title", descending=True)
    assert codes(model) == expected
    if text == "zzz":
        assert model.rowCount() == 0
    if text == "ŁUKASZ":
        assert 0 < model.rowCount() < 41


def test_filters_and_search_combine(qapp: Any, demo_db: Database) -> None:
    model = DocumentTableModel(demo_db)
    query = DocumentQuery(types=frozenset({DocType.PROCEDURE}), statuses=frozenset())
    model.set_filters(query)
    model.set_search_text("control")
    expected = sql_codes(demo_db, query=replace(query, text="control"))
    assert codes(model) == expected
    assert expected and all(c.startswith("QP-") for c in expected)
    assert model.candidate_count == len(sql_codes(demo_db, query=query))


def test_rows_are_read_a_page_at_a_time(
    qapp: Any, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = documents.fetch_rows

    def counting(session: Any, ids: list[int]) -> Any:
        calls.append(len(ids))
        return real(session, ids)

    monkeypatch.setattr(documents, "fetch_rows", counting)
    monkeypatch.setattr(DocumentTableModel, "PAGE_SIZE", 5)
    monkeypatch.setattr(DocumentTableModel, "MAX_PAGES", 3)
    model = DocumentTableModel(demo_db)
    for _ in range(3):  # painting asks every cell many times over
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                model.data(model.index(row, column))
                model.data(model.index(row, column), Qt.ItemDataRole.BackgroundRole)
    # One read per page of 5 (41 rows: 9 pages), read again only after leaving the small cache.
    assert calls[:9] == [5] * 8 + [1]
    assert len(calls) == 27
    assert len(model._pages) == 3
    assert codes(model) == sql_codes(demo_db)


def test_cells_show_labels_dates_and_review_markers(qapp: Any, db: Database) -> None:
    on = today()
    rows = [
        DocumentFields(
            "A-1",
            "Overdue one",
            DocType.WORK_INSTRUCTION,
            DocStatus.EFFECTIVE,
            effective_date=on - dt.timedelta(days=400),
            review_months=12,
            revision="B",
        ),
        DocumentFields(
            "A-2",
            "Due soon one",
            DocType.PROCEDURE,
            DocStatus.EFFECTIVE,
            effective_date=on - dt.timedelta(days=355),
            review_months=12,
        ),
        DocumentFields(
            "A-3",
            "Fine one",
            DocType.EXTERNAL,
            DocStatus.EFFECTIVE,
            effective_date=on - dt.timedelta(days=10),
            review_months=12,
        ),
        DocumentFields(
            "A-4",
            "Old one",
            DocType.FORM,
            DocStatus.OBSOLETE,
            effective_date=on - dt.timedelta(days=900),
            review_months=12,
            obsolete_reason="Replaced by A-3",
        ),
    ]
    with db.write() as session:
        for f in rows:
            approval = documents.Approval("Boss", f.effective_date) if f.effective_date else None
            documents.create_document(session, f, user="test", approval=approval)
    model = DocumentTableModel(db)
    assert codes(model) == ["A-1", "A-2", "A-3", "A-4"]

    def cell(row: int, key: str, role: int = DISPLAY) -> Any:
        return model.data(model.index(row, COLUMN[key]), role)

    assert cell(0, "doc_type") == "Work instruction"
    assert cell(2, "doc_type") == "External document"
    assert cell(0, "status") == "Approved / effective"
    assert cell(3, "status") == "Obsolete"
    assert cell(0, "effective_date") == format_day(on - dt.timedelta(days=400))
    assert cell(0, "review_months") == "12"
    assert cell(0, "revision") == "B"

    # Overdue: colour, and a text and an icon that say so.
    overdue = cell(0, "next_review")
    assert overdue.endswith("overdue")
    assert overdue.startswith(format_day(on - dt.timedelta(days=400) + dt.timedelta(days=365)))
    assert "overdue" in cell(0, "next_review", Qt.ItemDataRole.ToolTipRole).lower()
    assert cell(0, "next_review", Qt.ItemDataRole.BackgroundRole) == icons.OVERDUE_TINT
    assert cell(0, "title", Qt.ItemDataRole.BackgroundRole) == icons.OVERDUE_TINT
    assert not cell(0, "next_review", Qt.ItemDataRole.DecorationRole).isNull()
    assert not cell(0, "code", Qt.ItemDataRole.DecorationRole).isNull()
    assert cell(0, "next_review", dtm.REVIEW_STATE_ROLE) == ReviewState.OVERDUE.value

    assert cell(1, "next_review").endswith("due soon")
    assert cell(1, "next_review", Qt.ItemDataRole.BackgroundRole) == icons.DUE_SOON_TINT
    assert "due soon" in cell(1, "next_review", Qt.ItemDataRole.ToolTipRole).lower()

    fine = cell(2, "next_review")
    assert fine == format_day(on - dt.timedelta(days=10) + dt.timedelta(days=365))
    assert cell(2, "next_review", Qt.ItemDataRole.BackgroundRole) is None

    # Obsolete: greyed and in italics, no review marker.
    font = cell(3, "title", Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert cell(3, "title", Qt.ItemDataRole.ForegroundRole) == icons.OBSOLETE_TEXT
    assert "overdue" not in cell(3, "next_review")
    assert "Replaced by A-3" in cell(3, "status", Qt.ItemDataRole.ToolTipRole)

    assert cell(0, "code", DOCUMENT_ID_ROLE) == model.document_id(0)
    assert model.headerData(NEXT_REVIEW_COLUMN, Qt.Orientation.Horizontal) == "Next review"


def test_refresh_shows_changes_and_row_lookup(qapp: Any, demo_db: Database) -> None:
    model = DocumentTableModel(demo_db)
    model.set_search_text("calibration")
    before = codes(model)
    with demo_db.write() as session:
        documents.create_document(
            session, DocumentFields("ZZ-01", "Calibration log", DocType.RECORD), user="test"
        )
    assert codes(model) == before  # not read again until asked
    model.refresh()
    assert codes(model) == sorted([*before, "ZZ-01"])
    with demo_db.read() as session:
        new_id = documents.id_for_code(session, "ZZ-01")
    row = model.row_for_id(new_id)
    assert row is not None and model.document_id(row) == new_id
    assert model.row_for_id(-5) is None


def test_no_database_is_an_empty_model(qapp: Any, qtmodeltester: Any) -> None:
    model = DocumentTableModel(None)
    assert model.rowCount() == 0
    model.set_search_text("anything")
    qtmodeltester.check(model, force_py=True)


def test_typing_on_and_deleting_give_what_sql_gives(qapp: Any, demo_db: Database) -> None:
    """Typed letter by letter, each result is narrowed from the one before; deleting finds earlier
    results again. Each must still be exactly what SQL finds for the whole text."""
    model = DocumentTableModel(demo_db)
    text = "Quality Ł pro"
    typed = [text[:n] for n in range(1, len(text) + 1)]
    for step in [*typed, *reversed(typed[:-1]), "", "control", "contro", "x", "control"]:
        model.set_search_text(step)
        assert codes(model) == sql_codes(demo_db, query=DocumentQuery(text=step)), step
    # A write, then the same text: read again, not served from earlier results.
    with demo_db.write() as session:
        documents.create_document(
            session, DocumentFields("ZZ-02", "Control plan", DocType.FORM), user="test"
        )
    model.refresh()
    assert "ZZ-02" in codes(model)
