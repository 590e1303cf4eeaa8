"""Suppliers, equipment and nonconforming outputs in Excel: export, import back, problems by
sheet, row and column, all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from qmsdesk.core import equipment, nonconforming, suppliers
from qmsdesk.core.db import Database
from qmsdesk.core.db.models_equipment import Calibration, Equipment
from qmsdesk.core.db.models_nonconforming import NonconformingOutput
from qmsdesk.core.db.models_suppliers import Supplier, SupplierEvaluation
from qmsdesk.core.exchange import equipment_xlsx, nonconforming_xlsx, suppliers_xlsx
from qmsdesk.core.exchange.workbook import plan_import

from . import write_book


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_the_demo_registers_come_back_unchanged_and_fill_an_empty_file(
    demo_db: Database, db: Database, tmp_path: Path
) -> None:
    books = []
    for export in (
        suppliers_xlsx.export_suppliers,
        equipment_xlsx.export_equipment,
        nonconforming_xlsx.export_nonconforming,
    ):
        path = tmp_path / f"{export.__name__}.xlsx"
        export(demo_db, path)
        plan = plan_import(demo_db, path)
        assert not plan.problems and not plan.has_changes, plan.problems
        books.append(path)
    sheet = load_workbook(books[0], read_only=True)["Suppliers"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["SUP-010"][8] == "OVERDUE" and rows["SUP-001"][4] == "Conditionally approved"
    # Suppliers (and equipment) first: the other books name them.
    for path in books[:2]:
        plan = plan_import(db, path)
        assert not plan.problems, plan.problems
        plan.apply(db, "tester")
    assert _count(db, Supplier) == 15 and _count(db, SupplierEvaluation) == 17
    assert _count(db, Equipment) == 30 and _count(db, Calibration) == 90
    with db.read() as s:
        mic = equipment.get_row(s, equipment.id_for_code(s, "MIC-014") or 0)
        oot = equipment.calibrations(s, out_of_tolerance=True)
    assert mic.next_due is not None and len(oot) == 1 and oot[0].impact_review
    plan = plan_import(db, books[2])
    # The demo's NCs name actions (CA-2026-...) this empty file does not have.
    assert {p.column for p in plan.problems} == {"Action"}
    assert "There is no action 'CA-2026-006' in the actions register." in str(plan.problems)


def test_an_evaluation_of_an_unknown_supplier_and_a_score_off_the_scale_are_refused(
    db: Database, tmp_path: Path
) -> None:
    book = write_book(
        tmp_path / "s.xlsx",
        {
            "Suppliers": [
                ["Supplier code", "Name", "Criticality", "Approval status", "Approved since"],
                ["S1", "Acme", "High", "Approved", "2026-01-05"],
            ],
            "Supplier evaluations": [
                ["Supplier code", "Evaluated on", "Scores", "Result"],
                ["S1", "2026-02-01", "Quality 4; Delivery 4; Price 3; Service 5", ""],
                ["S9", "2026-02-01", "Quality 4; Delivery 4; Price 3; Service 5", ""],
                ["S1", "2026-03-01", "Quality 9; Delivery 4; Price 3; Service 5", ""],
            ],
        },
    )
    plan = plan_import(db, book)
    found = {(p.sheet, p.row, p.column): p.message for p in plan.problems}
    assert found[("Supplier evaluations", 3, "Supplier code")] == (
        "There is no supplier 'S9', neither in the register nor on the 'Suppliers' sheet."
    )
    assert (
        "Quality 9 is outside the company's scale" in found[("Supplier evaluations", 4, "Scores")]
    )
    assert len(found) == 2
    assert _count(db, Supplier) == 0  # nothing is written while a problem is listed


def test_a_good_book_applies_in_one_go(db: Database, tmp_path: Path) -> None:
    book = write_book(
        tmp_path / "s.xlsx",
        {
            "Suppliers": [
                ["Supplier code", "Name", "Criticality", "Approval status", "Approved since"],
                ["S1", "Acme", "Low", "Under evaluation", ""],
            ],
            "Supplier evaluations": [
                ["Supplier code", "Evaluated on", "Scores"],
                ["S1", dt.datetime(2026, 2, 1), "Quality 4; Delivery 4; Price 3; Service 5"],
            ],
            "Nonconforming outputs": [
                ["Reference", "Found on", "Where found", "Description", "Supplier"],
                ["NCR-9", "2026-02-03", "Incoming", "Bent bar", "S1"],
            ],
        },
    )
    plan = plan_import(db, book)
    assert not plan.problems, plan.problems
    plan.apply(db, "tester")
    with db.read() as s:
        row = suppliers.get_row(s, suppliers.id_for_code(s, "S1") or 0)
        nc = nonconforming.get_row(s, nonconforming.id_for_reference(s, "NCR-9") or 0)
    assert row.status == suppliers.SupplierStatus.APPROVED
    assert row.next_evaluation == dt.date(2029, 2, 1)  # low: 36 months
    assert (nc.supplier_code == "S1" and row.nc_count == 0) or nc.supplier_id == row.id


def test_a_calibration_before_the_gauge_was_received_is_refused_by_cell(
    db: Database, tmp_path: Path
) -> None:
    book = write_book(
        tmp_path / "e.xlsx",
        {
            "Equipment": [
                ["Equipment ID", "Description", "Interval (months)", "Received on"],
                ["G1", "Caliper", 12, "2025-06-01"],
            ],
            "Calibrations": [
                ["Equipment ID", "Calibrated on", "Next due", "As found"],
                ["G1", "2025-05-01", "", "In tolerance"],
                ["G1", "2025-07-01", "2025-06-30", "In tolerance"],
                ["G2", "2025-07-01", "", "In tolerance"],
            ],
        },
    )
    plan = plan_import(db, book)
    found = {(p.sheet, p.row, p.column): p.message for p in plan.problems}
    assert found[("Calibrations", 2, "Calibrated on")] == (
        "This value cannot be before the equipment was received (2025-06-01)."
    )
    assert found[("Calibrations", 3, "Next due")] == "This value must come after the calibration."
    assert "There is no equipment 'G2'" in found[("Calibrations", 4, "Equipment ID")]
    assert _count(db, Equipment) == 0


def test_use_as_is_without_an_authoriser_is_refused_by_cell(db: Database, tmp_path: Path) -> None:
    book = write_book(
        tmp_path / "n.xlsx",
        {
            "NCR log": [
                ["Reference", "Found on", "Where found", "Description", "Disposition"],
                ["NCR-1", "2026-02-03", "Final", "Chamfer too big", "use as is"],
            ]
        },
    )
    plan = plan_import(db, book)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [("NCR log", 2, "Authorised by")]
    assert "used as is only under a concession" in plan.problems[0].message
    assert _count(db, NonconformingOutput) == 0


def test_a_changed_row_shows_its_changes(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "n.xlsx"
    nonconforming_xlsx.export_nonconforming(demo_db, path)
    book = load_workbook(path)
    ws = book["Nonconforming outputs"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "NCR-0119")
    row[header.index("Disposition")].value = "Rework"
    row[header.index("Authorised by")].value = "Anders Ørsted"
    book.save(path)
    plan = plan_import(demo_db, path)
    assert not plan.problems, plan.problems
    item = next(i for s in plan.sheets for i in s.items if i.key == "NCR-0119")
    assert ("Disposition", "", "Rework") in [tuple(c) for c in item.changes]
    plan.apply(demo_db, "tester")
    with demo_db.read() as s:
        nc = nonconforming.get_row(s, nonconforming.id_for_reference(s, "NCR-0119") or 0)
    assert nc.disposition == nonconforming.Disposition.REWORK
