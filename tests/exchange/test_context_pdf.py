"""The context report and the process map as PDF: the text on their pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from qmsdesk.core import context
from qmsdesk.core.context import ExclusionFields
from qmsdesk.core.db import Database
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.exchange import context_pdf, process_map_pdf, registry


def pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def test_the_context_report_prints_the_scope_first(demo_db: Database, tmp_path: Path) -> None:
    out = context_pdf.write_context(demo_db, tmp_path / "c.pdf")
    text = pages(out)
    first = text[0]
    assert first.index("Scope of the quality management system") < first.index("Quality policy")
    assert "Design and manufacture of precision machined components" in first
    assert "8.5.1 f: Kestrel has no special process" in first
    assert "QPOL-01 Quality policy" in first
    assert "RU-QPOL-01 Read and understood: Quality policy: read by 22 of 25 people" in first
    everything = " ".join(text)
    assert "Context issues (8)" in everything and "Interested parties (6)" in everything
    assert "Only one person programs the CMM" in everything
    assert "OVERDUE" in everything  # CI-02's review is past
    assert "Page 1 of" in first and "Uncontrolled when printed" in first


def test_the_context_report_warns_of_what_an_auditor_would_question(
    db: Database, tmp_path: Path
) -> None:
    with db.write() as s:
        context.save_exclusion(s, ExclusionFields("9.3", ""), "lead")
    text = " ".join(pages(context_pdf.write_context(db, tmp_path / "c.pdf")))
    assert "The scope statement is not written yet." in text
    assert "9.3: only requirements of clauses 7 and 8 can be said not to apply" in text
    assert "9.3: give the reason the requirement does not apply." in text
    assert "no document of type Policy" in text


def test_the_process_map_is_drawn_with_a_turtle_per_process(
    demo_db: Database, tmp_path: Path
) -> None:
    out = registry.REPORTS["process-map"].write(demo_db, tmp_path / "m.pdf")
    text = pages(out)
    assert len(text) == 2 + 12  # the map, the list of hand-overs, one turtle per process
    drawn = text[0]
    for words in ("Management processes", "Core processes", "Support processes", "SALES",
                  "CNC machining", "Customer", "Approved suppliers"):  # fmt: skip
        assert words in drawn
    assert "Hand-overs between processes (21)" in text[1]
    assert "SALES PLANNING Confirmed order" in text[1]
    engineering = next(t for t in text[2:] if "ENGINEERING · Core process" in t)
    assert "Inputs (from)" in engineering and "from SALES Sales and contract review" in engineering
    assert "QP-08-02 Design and development" in engineering
    assert "R-010" in engineering  # the risks that touch it (the risks register)
    purchasing = next(t for t in text[2:] if "PURCHASING · Support process" in t)
    assert "OBJ-04" in purchasing and "R-002" in purchasing  # an objective measures it
    calibration = next(t for t in text[2:] if "CALIBRATION ·" in t)
    assert "No objective or risk is linked to this process yet." in calibration
    short = process_map_pdf.write_process_map(demo_db, tmp_path / "s.pdf", turtles="no")
    assert len(pages(short)) == 2
    with pytest.raises(ValidationError, match="turtles"):
        process_map_pdf.write_process_map(demo_db, tmp_path / "x.pdf", turtles="maybe")


def test_an_empty_register_says_how_to_fill_it(db: Database, tmp_path: Path) -> None:
    text = pages(process_map_pdf.write_process_map(db, tmp_path / "m.pdf"))
    assert len(text) == 1 and "The register of processes is empty" in text[0]
