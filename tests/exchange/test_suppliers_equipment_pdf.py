"""The approved supplier list, the calibration schedule, the labels and the NC register as PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from qmsdesk.cli import run
from qmsdesk.core.db import Database
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import suppliers_equipment_pdf as operations_pdf


def _text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_the_approved_supplier_list_marks_overdue_and_expired_in_words(
    demo_db: Database, tmp_path: Path
) -> None:
    out = operations_pdf.write_suppliers(demo_db, tmp_path / "asl.pdf")
    text = _text(out)
    assert "Approved supplier list" in text
    assert "2 re-evaluations overdue" in text and "1 certificates expired" in text
    assert text.count("OVERDUE") == 2 and "EXPIRED" in text
    assert "SUP-003" in text and "Budget Metals" not in text  # not approved: not on the list
    with pytest.raises(ValidationError, match="does not take colour"):
        operations_pdf.write_suppliers(demo_db, tmp_path / "x.pdf", colour="red")


def test_the_calibration_schedule_puts_the_overdue_gauges_first(
    demo_db: Database, tmp_path: Path
) -> None:
    text = _text(operations_pdf.write_schedule(demo_db, tmp_path / "cal.pdf"))
    assert "28 gauges on schedule · 2 overdue" in text
    assert text.index("HG-001") < text.index("TPG-003") < text.index("MIC-001")
    assert "TPG-004" not in text  # retired


def test_the_labels_give_id_dates_and_who(demo_db: Database, tmp_path: Path) -> None:
    text = _text(operations_pdf.write_labels(demo_db, tmp_path / "l.pdf", status="overdue"))
    assert "2 labels" in text and "HG-001 DO NOT USE" in text and "TPG-003" in text
    assert "MIC-014" not in text
    full = _text(operations_pdf.write_labels(demo_db, tmp_path / "all.pdf", status="all"))
    assert "MIC-014 CALIBRATED" in full and "Precision Calibration Serv" in full
    assert "28 labels" in full
    recent = _text(operations_pdf.write_labels(demo_db, tmp_path / "new.pdf"))
    assert "HG-001" not in recent and "labels" in recent  # calibrated in the last 30 days only


def test_the_nc_register_counts_by_where_found_and_disposition(
    demo_db: Database, tmp_path: Path
) -> None:
    text = _text(operations_pdf.write_nonconforming(demo_db, tmp_path / "nc.pdf"))
    assert (
        "older outputs still open" in text
    )  # the last 12 months by default and "Waiting for a disposition (3)" in text
    assert "NCR-0118" in text and "CA-2026-006" in text and "NOT DECIDED" in text


def test_every_report_word_runs_from_the_command_line(demo_path: Path, tmp_path: Path) -> None:
    for word in ("suppliers", "equipment", "calibration-labels", "nonconforming"):
        out = tmp_path / f"{word}.pdf"
        assert run(["report", word, "--db", str(demo_path), "-o", str(out)]) == 0
        assert out.stat().st_size > 1000
    for word in ("suppliers", "equipment", "nonconforming"):
        out = tmp_path / f"{word}.xlsx"
        assert run(["export", str(out), "--db", str(demo_path), "--what", word]) == 0
        assert run(["import", str(out), "--db", str(demo_path), "--dry-run"]) == 0
