"""Generated workbooks against every importer (issue 6): none crashes; each either answers with
problems and writes nothing, or imports exactly what it was given.

Hypothesis writes a sheet for one importer (any subset of its columns that holds the required
ones, in any order) with rows of text, numbers, dates, booleans, formulas and errors, drawing
often on the demo company's own codes and names so that many rows are valid. "Exactly what it was
given": once imported, the same workbook checked again finds nothing to add or change (the
importer compares what is stored with what is in the sheet), and for documents every code and
title is stored as written (spaces around them aside).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qmsdesk.core.db import open_database
from qmsdesk.core.errors import QmsError
from qmsdesk.core.exchange.workbook import (
    Action,
    Column,
    ColumnKind,
    SheetImporter,
    plan_import,
    sheet_importers,
)

from .test_hostile_workbooks import row_xml, sheet_xml, write_raw

IMPORTERS = sheet_importers()
# Importers whose rows carry no key of their own: a row imported twice is two records (a training
# session recorded twice), so checking the workbook again plans them as new once more.
UNKEYED = {"Training records"}
BUDGET = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,  # the same examples every run: the suite stays quick and repeatable
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def known(_demo_master: Path) -> list[str]:
    """Codes, references and names of the demo company, to make rows that refer to real things."""
    conn = sqlite3.connect(f"{_demo_master.as_uri()}?mode=ro", uri=True)
    try:
        found: set[str] = set()
        for query in (
            "SELECT code FROM documents",
            "SELECT label FROM revisions",
            "SELECT employee_no FROM people",
            "SELECT name FROM people",
            "SELECT name FROM job_roles",
            "SELECT code FROM training_items",
            "SELECT name FROM checklist_templates",
            "SELECT reference FROM audits",
            "SELECT reference FROM reviews",
            "SELECT reference FROM actions",
            "SELECT DISTINCT clause FROM checklist_questions",
        ):
            found.update(str(v) for (v,) in conn.execute(query) if v)
    finally:
        conn.close()
    return sorted(found)


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=30,
)
FORMULA = st.sampled_from(
    [("xml", '<c r="{ref}"><f>1+1</f><v>2</v></c>'), ("xml", '<c r="{ref}" t="e"><v>#REF!</v></c>')]
)


def cell_strategy(column: Column, known: list[str]) -> st.SearchStrategy[Any]:
    """Values for one column: mostly of its kind, sometimes anything at all."""
    if column.kind == ColumnKind.CHOICE:
        typical: st.SearchStrategy[Any] = st.sampled_from(
            [*column.choices, *(c.upper() for c in column.choices)]
        )
    elif column.kind == ColumnKind.DATE:
        typical = st.one_of(
            st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)).map(dt.date.isoformat),
            st.integers(30_000, 50_000),  # an Excel serial number
        )
    elif column.kind == ColumnKind.NUMBER:
        low, high = column.whole_range or (0, 1000)
        typical = st.integers(low - 2, high + 2)
    else:
        typical = st.one_of(
            st.sampled_from(known),
            TEXT,
            st.sampled_from(["=1+1", "+44 1234", "-", "@home", "  padded  "]),
        )
    anything = st.one_of(
        st.none(), TEXT, st.booleans(), st.floats(allow_nan=False, allow_infinity=False), FORMULA
    )
    return st.one_of(typical, typical, typical, anything)


@st.composite
def sheets(draw: st.DrawFn, importer: SheetImporter, known: list[str]) -> list[list[Any]]:
    """A header (the required columns and some others, shuffled) and up to five rows."""
    columns = [c for c in importer.spec.columns if not c.computed]
    optional = [c for c in columns if not c.required]
    chosen = [c for c in columns if c.required] + draw(
        st.lists(st.sampled_from(optional), unique=True) if optional else st.just([])
    )
    chosen = draw(st.permutations(chosen))
    header = [
        draw(st.sampled_from([c.header, c.header.upper(), f" {c.header.lower()} "])) for c in chosen
    ]
    rows = draw(
        st.lists(st.tuples(*(cell_strategy(c, known) for c in chosen)), min_size=0, max_size=5)
    )
    return [header, *[list(r) for r in rows]]


def table_counts(db_path: Path) -> dict[str, int]:
    conn = sqlite3.connect(db_path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def check_one(importer: SheetImporter, master: Path, rows: list[list[Any]]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        db_path = folder / "company.qmsdb"
        shutil.copyfile(master, db_path)
        body = "".join(row_xml(n, r) for n, r in enumerate(rows, start=1))
        book = write_raw(folder / "generated.xlsx", {importer.spec.name: sheet_xml(body)})
        db = open_database(db_path)
        try:
            before = table_counts(db_path)
            plan = plan_import(db, book)  # anything raised here is a crash
            if plan.problems:
                assert all(p.sheet == importer.spec.name for p in plan.problems)
                assert all(p.message for p in plan.problems)
                with pytest.raises(QmsError, match="nothing was imported"):
                    plan.apply(db, "hypothesis")
                assert table_counts(db_path) == before
                return
            plan.apply(db, "hypothesis")
            again = plan_import(db, book)
            assert again.problems == [], again.problems
            actions = {item.action for sheet in again.sheets for item in sheet.items}
            if importer.spec.name in UNKEYED:
                assert actions <= {Action.ADD, Action.UNCHANGED}
            else:
                assert actions <= {Action.UNCHANGED}, [
                    item for sheet in again.sheets for item in sheet.items
                ]
            if importer.spec.name == "Documents":
                check_documents(db, rows)
        finally:
            db.close()


def check_documents(db: Any, rows: list[list[Any]]) -> None:
    from qmsdesk.core import documents
    from qmsdesk.core.text import normalise_header

    header = [normalise_header(h) for h in rows[0]]
    code_at, title_at = header.index("code"), header.index("title")
    with db.read() as session:
        stored = {
            r.code.casefold(): r.title
            for r in (documents.get_row(session, i) for i in documents.query_ids(session))
        }
    for row in rows[1:]:
        code, title = row[code_at], row[title_at]
        if isinstance(code, str) and code.strip():
            given = str(title).strip() if title is not None else ""
            assert stored[code.strip().casefold()] == given


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda imp: imp.spec.name)
def test_generated_workbooks_never_crash_an_importer(
    importer: SheetImporter, known: list[str], _demo_master: Path
) -> None:
    @BUDGET
    @given(rows=sheets(importer, known))
    def run(rows: list[list[Any]]) -> None:
        check_one(importer, _demo_master, rows)

    run()
