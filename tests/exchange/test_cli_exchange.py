"""`qmsdesk export` and `qmsdesk import` on the command line (in-process, and once for real)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qmsdesk.cli import run
from qmsdesk.core import documents
from qmsdesk.core.db import open_database

from . import DOC_HEADER, register, snapshot, write_book


def _empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "empty.qmsdb"
    open_database(path, create=True).close()
    return path


def test_export(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "register.xlsx"
    assert run(["export", str(out), "--db", str(demo_path)]) == 0
    with open_database(demo_path) as db:
        rows, revisions = register(db)
    assert f"({len(rows) + len(revisions)} rows)" in capsys.readouterr().out
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["Documents", "Revisions", "Read me"]
    assert book["Documents"].max_row == len(rows) + 1
    book.close()


def test_export_template(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "template.xlsx"
    assert run(["export", str(out), "--db", str(demo_path), "--template"]) == 0
    assert "(template)" in capsys.readouterr().out
    book = load_workbook(out)
    assert book["Documents"].max_row == 1
    assert book["Revisions"].max_row == 1


def test_import_dry_run_writes_nothing(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "register.xlsx"
    assert run(["export", str(out), "--db", str(demo_path)]) == 0
    target = _empty_file(tmp_path)
    with open_database(target) as db:
        before = snapshot(db)
    with open_database(demo_path) as demo:
        count = len(register(demo)[0])
    capsys.readouterr()
    assert run(["import", str(out), "--db", str(target), "--dry-run"]) == 0
    printed = capsys.readouterr()
    assert f"Documents: {count} to add, 0 to change, 0 unchanged" in printed.out
    assert "Dry run: nothing was written." in printed.out
    assert printed.err == ""
    with open_database(target) as db:
        assert snapshot(db) == before


def test_import_writes_the_register(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "register.xlsx"
    assert run(["export", str(out), "--db", str(demo_path)]) == 0
    target = _empty_file(tmp_path)
    assert run(["import", str(out), "--db", str(target), "--user", "Fiona Grant"]) == 0
    assert f"Imported {out}" in capsys.readouterr().out
    with open_database(demo_path) as demo, open_database(target) as db:
        assert register(db) == register(demo)
        with db.read() as session:
            doc_id = documents.id_for_code(session, "QM-01")
            users = {c.user for c in documents.history_of(session, doc_id)}  # type: ignore[arg-type]
    assert users == {"Fiona Grant"}


def test_import_with_problems_prints_them_and_writes_nothing(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write_book(
        tmp_path / "bad.xlsx",
        {
            "Documents": [
                DOC_HEADER,
                ["QP-NEW-1", "Fine", "Procedure", "Draft", None, None],
                ["QP-NEW-2", "Not fine", "Procedure", "Pending", None, None],
                ["QP-NEW-1", "Twice", "Procedure", "Draft", None, None],
            ]
        },
    )
    with open_database(demo_path) as db:
        before = snapshot(db)
    assert run(["import", str(book), "--db", str(demo_path)]) == 1
    printed = capsys.readouterr()
    assert "2 problem(s); nothing was written" in printed.err
    assert "sheet 'Documents', row 3, column 'Status': 'Pending' is not a status" in printed.err
    assert "sheet 'Documents', row 4, column 'Code':" in printed.err
    assert "Imported" not in printed.out
    with open_database(demo_path) as db:
        assert snapshot(db) == before


def test_import_of_a_file_that_is_not_a_workbook(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "register.xlsx"
    bogus.write_text("Code,Title\n", encoding="utf-8")
    assert run(["import", str(bogus), "--db", str(demo_path)]) == 2
    err = capsys.readouterr().err
    assert "register.xlsx is not an Excel workbook (.xlsx)" in err
    assert "Traceback" not in err


def test_export_and_import_in_a_real_process(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.xlsx"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "qmsdesk", "export", str(out), "--db", str(demo_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.is_file()
    done = subprocess.run(
        [sys.executable, "-m", "qmsdesk", "import", str(out), "--db", str(demo_path), "--dry-run"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with open_database(demo_path) as demo:
        count = len(register(demo)[0])
    assert f"Documents: 0 to add, 0 to change, {count} unchanged" in done.stdout
