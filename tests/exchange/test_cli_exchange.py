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
from qmsdesk.core.exchange import registry

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
    assert "2 problems; nothing was written" in printed.err
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


def test_import_backs_the_file_up_first(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from qmsdesk.core import backups

    out = tmp_path / "register.xlsx"
    assert run(["export", str(out), "--db", str(demo_path)]) == 0
    before = len(backups.list_backups(demo_path))
    assert run(["import", str(out), "--db", str(demo_path)]) == 0
    made = backups.list_backups(demo_path)
    assert len(made) == before + 1
    assert any(b.reason == "before import" for b in made)
    assert "A copy of the file as it was is in" in capsys.readouterr().out


def test_a_plan_with_problems_makes_no_backup(demo_path: Path, tmp_path: Path) -> None:
    from qmsdesk.core import backups
    from qmsdesk.core.errors import QmsError
    from qmsdesk.core.exchange import registry

    book = write_book(
        tmp_path / "bad.xlsx",
        {"Documents": [DOC_HEADER, ["QP-NEW-2", "Not fine", "Procedure", "Pending", None, None]]},
    )
    before = len(backups.list_backups(demo_path))
    with open_database(demo_path) as db:
        plan = registry.plan_import(db, book)
        assert plan.problems
        with pytest.raises(QmsError, match="nothing was imported"):
            plan.apply_with_backup(db, "tester")
    assert len(backups.list_backups(demo_path)) == before


def _refused(capsys: pytest.CaptureFixture[str], out: Path) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qmsdesk: ")
    assert not out.exists()
    return lines[0]


def test_a_report_refuses_a_parameter_it_does_not_take(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    base = ["--db", str(demo_path), "-o", str(out)]
    assert run(["report", "training-due", *base, "--review", "MR-2025"]) == 2
    line = _refused(capsys, out)
    assert "report training-due does not take 'review'" in line
    assert "--param missing=yes|no" in line  # what it does take
    assert run(["report", "training-record", *base, "--person", "KPC-025",
                "--audit", "IA-2026-01"]) == 2  # fmt: skip
    assert "report training-record does not take 'audit'" in _refused(capsys, out)


@pytest.mark.parametrize(
    "command",
    [["report", w] for w in sorted(registry.REPORTS)]
    + [["export", "--what", w] for w in sorted(registry.EXPORTS)],
    ids=lambda c: " ".join(c),
)
def test_every_word_refuses_an_undeclared_parameter(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    # Each word gets the option, or the --param, it does not declare.
    if command[0] == "report":
        out = tmp_path / "x.pdf"
        argv = [*command, "--db", str(demo_path), "-o", str(out), "--param", "colour=red"]
        expected = "does not take 'colour'"
    else:
        out = tmp_path / "x.xlsx"
        entry = registry.EXPORTS[command[2]]
        option = "audit" if entry.param("audit") is None else "review"
        argv = ["export", str(out), *command[1:], "--db", str(demo_path), f"--{option}", "X-1"]
        if entry.param("audit") is not None:
            argv += ["--audit", "IA-2026-01"]
        expected = f"does not take '{option}'"
    assert run(argv) == 2
    assert expected in _refused(capsys, out)


def test_a_missing_required_parameter_is_said_in_one_line(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    assert run(["report", "audit-report", "--db", str(demo_path), "-o", str(out)]) == 2
    assert "Say which audit" in _refused(capsys, out)
    book = tmp_path / "x.xlsx"
    argv = ["export", str(book), "--what", "audit-checklist", "--db", str(demo_path)]
    assert run(argv) == 2
    assert "Say which audit's checklist to export" in _refused(capsys, book)
    # A typed parameter is converted, or refused in words.
    argv = ["report", "review-minutes", "--db", str(demo_path), "-o", str(out), "--review",
            "MR-2025", "--param", "revision=seven"]  # fmt: skip
    assert run(argv) == 2
    assert "revision: write a whole number, not 'seven'" in _refused(capsys, out)
    assert run(["report", "documents", "--db", str(demo_path), "-o", str(out), "--param", "x"]) == 2
    assert "--param takes NAME=VALUE, not 'x'" in _refused(capsys, out)


def test_the_help_lists_each_words_parameters(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["report", "--help"])
    shown = capsys.readouterr().out
    assert "--review REF" in shown and "--person NO" in shown and "--audit REF" in shown
    assert "takes --param missing=yes|no, --param on=DATE" in shown
    assert "takes --review REF (required), --param revision=N" in shown


@pytest.mark.parametrize("table", ["EXPORTS", "REPORTS"])
def test_every_declared_parameter_is_one_the_function_takes(table: str) -> None:
    import importlib
    import inspect

    for entry in getattr(registry, table).values():
        module, _, name = entry.target.partition(":")
        signature = inspect.signature(getattr(importlib.import_module(module), name))
        takes = {n for n, p in signature.parameters.items() if p.kind == p.KEYWORD_ONLY}
        any_name = any(p.kind == p.VAR_KEYWORD for p in signature.parameters.values())
        for param in entry.params:
            assert any_name or param.name in takes, (entry.word, param.name)
