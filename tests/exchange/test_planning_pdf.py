"""The risks and objectives reports: heat maps before and after treatment, the register, the
effectiveness reviews; every objective with its status, target, plan and trend chart."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from qmsdesk.core.db import Database
from qmsdesk.core.exchange import registry


def _pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def test_risks_report_has_heat_maps_register_and_reviews(demo_db: Database, tmp_path: Path) -> None:
    out = registry.REPORTS["risks"].write(demo_db, tmp_path / "risks.pdf")
    pages = _pages(out)
    text = " ".join(pages)
    assert "Kestrel Precision Components Ltd" in pages[0]
    assert "Risks and opportunities" in pages[0]
    assert "Risks before treatment (12)" in text and "Risks after treatment (9)" in text
    assert "Opportunities before treatment (4)" in text
    assert "12 risks (5 high)" in text and "4 opportunities" in text
    assert "Likelihood" in text and "Consequence" in text
    assert "Low: rating below 5" in text and "High: 12 or more" in text
    assert "R-003" in text and "3 x 5 = 15 High" in text
    assert "REVIEW DUE" in text  # are past their review date
    assert "Effectiveness reviews of the actions taken (4)" in text
    assert "Partly effective" in text


def test_objectives_report_has_a_block_and_a_chart_per_objective(
    demo_db: Database, tmp_path: Path
) -> None:
    out = registry.REPORTS["objectives"].write(demo_db, tmp_path / "objectives.pdf")
    text = " ".join(_pages(out))
    assert "6 objectives · 3 on target · 1 at risk · 1 off target · 1 not measured when due" in text
    for code in ("OBJ-01", "OBJ-02", "OBJ-03", "OBJ-04", "OBJ-05", "OBJ-06"):
        assert text.count(code) >= 2  # in the summary and its own block
    assert "OFF TARGET" in text and "NOT MEASURED WHEN DUE" in text and "At risk" in text
    assert "target 95%" in text and "warning 92%" in text  # the chart's labelled lines
    assert "Approve a second bar stock supplier" in text  # a plan step
    reader = PdfReader(out)
    assert len(reader.pages) >= 3
