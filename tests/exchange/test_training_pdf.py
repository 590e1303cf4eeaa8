"""The training PDFs: the matrix split over pages with names repeated, a transcript, due list."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from qmsdesk.cli import run
from qmsdesk.core import people, training
from qmsdesk.core.db import Database
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import training_pdf, training_pdf_grid

PRINTED = dt.datetime(2026, 3, 14, 9, 26)
USER = "lead"


def texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def big_company(db: Database, n_people: int, n_items: int) -> None:
    """Everyone in one role that needs every item; half trained."""
    with db.write() as s:
        created = [
            people.PersonFields(f"E{n:03d}", f"Person {n:03d} Żółć", "Production", ("Operator",))
            for n in range(n_people)
        ]
        ids = people.save_many(s, created, [], USER)
        items = [
            training.ItemFields(f"IT-{n:03d}", f"Training item number {n}", validity_months=24)
            for n in range(n_items)
        ]
        item_ids = training.save_items_many(s, items, [], USER)
        role = people.ids_by_role(s)["operator"]
        training.save_requirements_many(s, [(role, i, 1) for i in item_ids], [], USER)
        day = dt.date.today() - dt.timedelta(days=30)
        training.insert_records(
            s,
            [(pid, iid, training.RecordFields(day)) for pid in ids[::2] for iid in item_ids],
            USER,
        )


def test_a_large_matrix_is_split_both_ways_with_names_on_every_page(
    db: Database, tmp_path: Path
) -> None:
    big_company(db, 120, 60)
    out = tmp_path / "matrix.pdf"
    training_pdf.write_matrix(db, out, paper="A4", printed=PRINTED)
    pages = texts(out)
    empty = training.Matrix(dt.date.today(), 30, [], [], [], {}, {})
    assert training_pdf_grid.blocks(empty, 800, 500)[0].rows == range(0)
    # Each page says which people and items it holds: "People 1–29 of 120, items 1–31 of 60".
    part = re.search(r"People 1–(\d+) of 120, items 1–(\d+) of 60", pages[0])
    assert part is not None
    rows_per_page, cols_per_page = int(part.group(1)), int(part.group(2))
    expected = math.ceil(120 / rows_per_page) * math.ceil(60 / cols_per_page)
    assert len(pages) == expected > 4
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {expected}" in text
        assert "Uncontrolled when printed" in text
        assert "Training matrix" in text
        assert "Person" in text and "Valid per item" in text  # the names column, every page
        assert "Expiring soon" in text and "Retrain" in text  # the legend, every page
    # Down the people first, then across the items: every person is on a page of each column band.
    assert "Person 000 Żółć" in pages[0] and "IT-000" in pages[0]
    bands = math.ceil(120 / rows_per_page)
    assert "Person 000 Żółć" in pages[bands] and "IT-000" not in pages[bands]
    assert "Person 119 Żółć" in pages[bands - 1]
    assert "TODO" in pages[0] and "OK" in pages[0]


def test_a3_holds_more_than_a4_and_filters_narrow_the_matrix(db: Database, tmp_path: Path) -> None:
    big_company(db, 80, 40)
    a4, a3 = tmp_path / "a4.pdf", tmp_path / "a3.pdf"
    training_pdf.write_matrix(db, a4, paper="A4")
    training_pdf.write_matrix(db, a3, paper="a3")
    assert len(PdfReader(a3).pages) < len(PdfReader(a4).pages)
    width, height = PdfReader(a3).pages[0].mediabox.upper_right
    assert (round(float(width)), round(float(height))) == (1191, 842)  # A3 landscape
    only = tmp_path / "todo.pdf"
    training_pdf.write_matrix(db, only, status="TODO")
    text = "".join(texts(only))
    assert "Person 001" in text and "Person 000 " not in text  # the trained half is left out
    with pytest.raises(ValidationError, match="A4 or A3"):
        training_pdf.write_matrix(db, only, paper="Letter")
    with pytest.raises(ValidationError, match="does not know colour"):
        training_pdf.write_matrix(db, only, colour="red")


def test_the_demo_matrix_shows_codes_and_the_legend(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "demo.pdf"
    training_pdf.write_matrix(demo_db, out)
    # 32 items since the context demo added the quality policy's "read and understood" item: the
    # matrix splits its columns over two pages.
    pages = texts(out)
    assert len(pages) <= 2
    page = "\n".join(pages)
    for code in ("OK", "DUE", "EXP", "TODO", "LOW2", "REV"):
        assert code in page
    assert "Kestrel Precision Components Ltd" in page
    assert "Łukasz Żółć" in page and "Tomás Ó Briain" in page


def test_a_persons_training_record_for_an_auditor(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "record.pdf"
    training_pdf.write_record(demo_db, out, person="kpc-003", printed=PRINTED)
    text = "\n".join(texts(out))
    for expected in (
        "Training record",
        "Priya Raman (KPC-003)",
        "Quality Inspector",
        "Required training",
        "EXP Expired",
        "REV New revision",
        "Training records",
        "Midlands Quality",
        "Printed 14 Mar 2026 09:26",
    ):
        assert expected in text, expected
    with pytest.raises(ValidationError, match="nobody with the employee number 'NOPE'"):
        training_pdf.write_record(demo_db, out, person="NOPE")
    with pytest.raises(ValidationError, match="employee number"):
        training_pdf.write_record(demo_db, out)


def test_the_due_list(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "due.pdf"
    training_pdf.write_due(demo_db, out)
    text = "\n".join(texts(out))
    assert "Training due" in text and "EXP Expired" in text and "DUE Expiring soon" in text
    assert "REV New revision" in text and "WI-QC-02 is now at revision C" in text
    assert "TODO" not in text
    training_pdf.write_due(demo_db, out, missing="yes")
    assert "TODO Never done" in "\n".join(texts(out))


def test_the_command_line_prints_the_three_reports(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for word, extra in (
        ("training-matrix", ["--param", "paper=A3"]),
        ("training-record", ["--person", "KPC-002"]),
        ("training-due", []),
    ):
        out = tmp_path / f"{word}.pdf"
        assert run(["report", word, "--db", str(demo_path), "-o", str(out), *extra]) == 0
        assert out.read_bytes().startswith(b"%PDF")
    assert "Łukasz Żółć" in "".join(texts(tmp_path / "training-record.pdf"))
    out = tmp_path / "nobody.pdf"
    assert run(["report", "training-record", "--db", str(demo_path), "-o", str(out)]) == 2
    assert "employee number" in capsys.readouterr().err
    assert not out.exists()
