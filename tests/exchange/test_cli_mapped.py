"""`qmsdesk import FILE --db DB --as REGISTER ...` (issue 15, point 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qmsdesk.cli import run
from qmsdesk.core import documents
from qmsdesk.core.db import open_database

from . import snapshot
from .test_mapped_import import legacy_book


def _codes(path: Path) -> set[str]:
    with open_database(path) as db, db.read() as session:
        return {r.code for r in documents.all_rows(session)}


def test_without_as_todays_behaviour_stays(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    assert run(["import", str(book), "--db", str(demo_path)]) == 1
    assert "The column 'Type' is missing" in capsys.readouterr().err


def test_as_documents_with_maps_named_as_the_export_heads_them(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    saved = tmp_path / "mapping.json"
    args = ["import", str(book), "--db", str(demo_path), "--as", "documents"]
    code = run([*args, "--map", "Issue Date=effective   DATE", "--map", "Next Review Date=",
                "--save-mapping", str(saved), "--dry-run"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    assert "'Issue Date' -> Effective date" in out
    assert "Documents: 5 to add, 0 to change, 0 unchanged" in out
    assert "'Next Review Date' not imported" in out
    assert "QP-90-01" not in _codes(demo_path)  # a dry run
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["columns"]["Next Review Date"] == "" and data["register"] == "documents"
    assert run(["import", str(book), "--db", str(demo_path), "--as", "documents",
                "--mapping", str(saved)]) == 0  # fmt: skip
    assert {"QP-90-01", "WI-90-03"} <= _codes(demo_path)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--map", "Doc Number=Code"], "does not have"),
        (
            ["--map", "Rev=Title", "--map", "Document Title=title"],
            "Two columns are mapped to the field 'Title'",
        ),
        (["--map", "Rev=Colour"], "has no field 'Colour'"),
        (["--sheet", "Nope"], "has no sheet 'Nope'"),
        (["--done-date", "2025-01-01"], "training-grid only"),
    ],
)
def test_bad_options_write_nothing(
    demo_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    with open_database(demo_path) as db:
        before = snapshot(db)
    code = run(["import", str(book), "--db", str(demo_path), "--as", "documents", *extra])
    assert code in (1, 2)
    assert message in capsys.readouterr().err
    with open_database(demo_path) as db:
        assert snapshot(db) == before


def test_a_required_field_left_without_a_rule(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    mapping = tmp_path / "m.json"
    assert run(["import", str(book), "--db", str(demo_path), "--as", "documents", "--dry-run",
                "--save-mapping", str(mapping)]) == 0  # fmt: skip
    data = json.loads(mapping.read_text(encoding="utf-8"))
    data["rules"] = {}
    mapping.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert run(["import", str(book), "--db", str(demo_path), "--as", "documents",
                "--mapping", str(mapping)]) == 1  # fmt: skip
    assert "'Type' is required" in capsys.readouterr().err


def test_options_of_the_mapping_need_as(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = legacy_book(tmp_path / "legacy.xlsx")
    assert run(["import", str(book), "--db", str(demo_path), "--map", "Rev=Revision"]) == 2
    assert "--map goes with --as" in capsys.readouterr().err
    assert run(["import", str(book), "--db", str(demo_path), "--as", "spaceships"]) == 2
    assert "no register 'spaceships'" in capsys.readouterr().err
