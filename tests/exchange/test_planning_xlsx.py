"""Risks and objectives in Excel: what is exported imports back unchanged; a colleague fills in the
Measurements sheet and it imports; every bad input is a problem by sheet, row and column, and
nothing stored changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from qmsdesk.core import objectives, risks
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_objectives import Measurement
from qmsdesk.core.db.models_risks import Risk
from qmsdesk.core.exchange.objectives_xlsx import export_objectives
from qmsdesk.core.exchange.risks_xlsx import export_risks
from qmsdesk.core.exchange.workbook import Action, plan_import
from tests.exchange import write_book

USER = "lead"


def _counts(db: Database) -> tuple[int, int]:
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Risk)) or 0,
            s.scalar(select(func.count()).select_from(Measurement)) or 0,
        )


def test_exported_registers_import_back_unchanged(demo_db: Database, tmp_path: Path) -> None:
    assert export_risks(demo_db, tmp_path / "r.xlsx") == 16 + 4
    assert export_objectives(demo_db, tmp_path / "o.xlsx") > 6
    book = load_workbook(tmp_path / "r.xlsx")
    header = [c.value for c in book["Risks"][1]]
    first = dict(zip(header, [c.value for c in book["Risks"][2]], strict=True))
    assert first["Reference"] == "R-001" or first["Reference"].startswith(("OPP", "R-"))
    assert {"Likelihood", "Consequence", "Rating", "Level", "Treatment"} <= set(header)
    for name in ("r.xlsx", "o.xlsx"):
        plan = plan_import(demo_db, tmp_path / name)
        assert plan.problems == []
        assert not plan.has_changes, [
            (s.title, i) for s in plan.sheets for i in s.items if i.action != Action.UNCHANGED
        ]


def test_a_colleague_fills_in_the_measurements_sheet(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "for Sarah.xlsx"
    export_objectives(demo_db, path)
    book = load_workbook(path)
    ws = book["Measurements"]
    header = [c.value for c in ws[1]]
    # OBJ-05 was not measured when due: its owner sends the missing months, as she writes them.
    with demo_db.read() as s:
        row = next(r for r in objectives.all_rows(s) if r.code == "OBJ-05")
    assert row.status(today()) == objectives.Status.NOT_MEASURED
    assert row.latest_period is not None
    months = [add_months(row.latest_period, n) for n in (1, 2, 3, 4)]
    for n, month in enumerate(months):
        values = {
            "Objective code": "obj-05",
            "Period": f"{month:%b %Y}",
            "Value": f"{95 + n} %",
            "Entered by": "Fiona Grant",
        }
        ws.append([values.get(h) for h in header])
    book.save(path)
    plan = plan_import(demo_db, path)
    assert plan.problems == []
    sheet = next(p for p in plan.sheets if p.title == "Measurements")
    added = [i for i in sheet.items if i.action == Action.ADD]
    assert [i.key for i in added] == [f"obj-05 {m:%Y-%m}" for m in months]
    plan.apply(demo_db, USER)
    with demo_db.read() as s:
        row = next(r for r in objectives.all_rows(s) if r.code == "OBJ-05")
        assert (row.latest_period, row.latest_value) == (months[-1], 98.0)
        assert row.status(today()) == objectives.Status.ON_TARGET
    assert not plan_import(demo_db, path).has_changes


def test_bad_objective_input_is_refused_by_sheet_row_and_column(
    demo_db: Database, tmp_path: Path
) -> None:
    before = _counts(demo_db)
    month = add_months(objectives.period_start(today(), objectives.Frequency.MONTHLY), -1)
    path = write_book(
        tmp_path / "bad.xlsx",
        {
            "Objectives": [
                ["Code", "Objective", "Measure", "Unit", "Target", "Owner"],
                ["OBJ-09", "Answer every complaint in 5 days", "", "days", 5, "Olivia Bennett"],
            ],
            "Measurements": [
                ["Objective code", "Period", "Value"],
                ["OBJ-99", f"{month:%Y-%m}", 3],
                ["OBJ-01", f"{month:%Y-%m}", "n/a"],
                ["OBJ-02", f"{month:%Y-%m}", "1.4 %"],
                ["OBJ-02", f"{month:%b %Y}", 1.5],
                ["OBJ-06", f"{month:%Y-%m}", "12 %"],
            ],
        },
    )
    plan = plan_import(demo_db, path)
    found = {(p.sheet, p.row, p.column): p.message for p in plan.problems}
    assert "A target needs a measure" in found[("Objectives", 2, "Target")]
    assert "There is no objective 'OBJ-99'" in found[("Measurements", 2, "Objective code")]
    assert "'n/a' is not a number in %" in found[("Measurements", 3, "Value")]
    assert (
        "row 4 has a value for this objective and period already"
        in found[("Measurements", 5, "Period")]
    )
    assert "not a number in min" in found[("Measurements", 6, "Value")]
    # "1.4 %" is read as 1.4: the unit of OBJ-02 is %.
    assert ("Measurements", 4, "Value") not in found
    assert len(plan.problems) == 5
    try:
        plan.apply(demo_db, USER)
    except Exception as exc:
        assert "problem" in str(exc)
    assert _counts(demo_db) == before


def test_bad_risk_input_is_refused_and_nothing_changes(demo_db: Database, tmp_path: Path) -> None:
    before = _counts(demo_db)
    path = write_book(
        tmp_path / "bad risks.xlsx",
        {
            "Risks": [
                [
                    "Reference",
                    "Title",
                    "Likelihood",
                    "Consequence",
                    "Process",
                    "Process owner",
                    "Treatment",
                ],
                ["R-050", "Coolant supply runs out", 7, 3, "P-PRD", "Anders Ørsted", "Reduce"],
                ["R-051", "Press breaks down", 2, 3, "P-PRD", "Ann Nobody", "Reduce"],
                ["R-052", "Fine new risk", 2, 3, "P-NONE", "Anders Ørsted", "Reduce"],
                ["R-053", "A good one", 2, 2, "P-PRD", "Anders Ørsted", "Reduce"],
            ],
        },
    )
    plan = plan_import(demo_db, path)
    found = {(p.sheet, p.row, p.column): p.message for p in plan.problems}
    assert (
        "7 is outside the company's scale: use a whole number from 1 to 5"
        in found[("Risks", 2, "Likelihood")]
    )
    assert "'Ann Nobody' is not in the register of people" in found[("Risks", 3, "Process owner")]
    assert "There is no process 'P-NONE'" in found[("Risks", 4, "Process")]
    assert len(plan.problems) == 3
    assert _counts(demo_db) == before


def test_risk_rows_typed_by_hand_import(demo_db: Database, tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "new risks.xlsx",
        {
            "Risks": [
                [
                    "Reference",
                    "Kind",
                    "Title",
                    "Arises from",
                    "Source reference",
                    "Owner",
                    "Likelihood",
                    "Consequence",
                    "Treatment",
                    "Next review",
                ],
                [
                    "R-100",
                    "Risk",
                    "Coolant supply runs out",
                    "Process",
                    "P-PRD",
                    "Anders Ørsted",
                    3,
                    4,
                    "Reduce",
                    dt.date(2030, 1, 1),
                ],
            ],
            "Risk reviews": [
                ["Risk", "Reviewed on", "Reviewed by", "Outcome", "What was seen"],
                ["R-010", today(), "Fiona Grant", "Effective", "Restore test passed"],
            ],
        },
    )
    plan = plan_import(demo_db, path)
    assert plan.problems == []
    plan.apply(demo_db, USER)
    with demo_db.read() as s:
        row = risks.get_row(s, risks.id_for_reference(s, "R-100") or 0)
        assert (row.rating, row.process_code, row.owner_name) == (12, "P-PRD", "Anders Ørsted")
        reviews = [v for v in risks.reviews_of(s) if v.reference == "R-010"]
        assert reviews[-1].note == "Restore test passed"
