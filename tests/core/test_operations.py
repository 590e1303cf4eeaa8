"""Suppliers, measuring equipment and nonconforming outputs: rules, services, history, the demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qmsdesk.core import due, equipment, finder, history, nonconforming, suppliers
from qmsdesk.core.dates import today
from qmsdesk.core.db import Database
from qmsdesk.core.db.models import ChangeRecord
from qmsdesk.core.db.models_equipment import AsFound, Calibration
from qmsdesk.core.db.models_nonconforming import Disposition, FoundAt, NonconformingOutput
from qmsdesk.core.db.models_suppliers import Supplier, SupplierEvaluation
from qmsdesk.core.errors import ValidationError

ON = dt.date(2026, 12, 2)
USER = "tester"


def _supplier(db: Database, code: str = "S1", crit: str = "high") -> int:
    with db.write() as s:
        return suppliers.create_supplier(
            s,
            suppliers.SupplierFields(code, "Acme Bar", "Bar", suppliers.parse_criticality(crit)),
            USER,
            ON,
        )


def _rows(db: Database, model: type) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_an_evaluation_is_scored_on_the_scale_and_sets_status_and_next_due(db: Database) -> None:
    sid = _supplier(db)
    scores = suppliers.parse_scores("Quality 4; delivery 3; Price: 5, Service 4")
    with db.write() as s:
        suppliers.add_evaluation(
            s, sid, suppliers.EvaluationFields(dt.date(2026, 3, 1), scores, "Sarah"), USER, ON
        )
    with db.read() as s:
        row = suppliers.get_row(s, sid)
        ev = suppliers.evaluations(s, sid)[0]
        changes = history.for_entity(s, suppliers.ENTITY, sid)
    assert ev.overall == 4.0 and ev.result == suppliers.EvaluationResult.APPROVED
    assert [n for n, _ in ev.scores] == ["Quality", "Delivery", "Price", "Service"]
    # High criticality: re-evaluated every 12 months by default.
    assert ev.next_due == dt.date(2027, 3, 1) == row.next_evaluation
    assert row.status == suppliers.SupplierStatus.APPROVED
    assert row.approved_since == dt.date(2026, 3, 1)
    assert {c.field for c in changes if c.action == "evaluation"} >= {"Scores", "Result"}
    assert row.evaluation_word(dt.date(2027, 3, 2)) == "OVERDUE"
    assert row.evaluation_word(dt.date(2027, 2, 20)) == "DUE SOON"


def test_the_company_scheme_sets_the_scale_criteria_and_intervals(db: Database) -> None:
    sid = _supplier(db, crit="low")
    with db.write() as s:
        suppliers.set_scheme(
            s, suppliers.Scheme(("Quality", "Delivery"), 10, 7, 5, interval_low=6), USER
        )
        suppliers.add_evaluation(
            s,
            sid,
            suppliers.EvaluationFields(ON, suppliers.parse_scores("Quality 6; Delivery 5")),
            USER,
            ON,
        )
    with db.read() as s:
        ev = suppliers.evaluations(s, sid)[0]
        assert suppliers.scheme(s).scale_max == 10
    assert ev.result == suppliers.EvaluationResult.CONDITIONAL  # 5.5: between 5 and 7
    assert ev.next_due == dt.date(2027, 6, 2)
    with pytest.raises(ValidationError, match="Scale"), db.write() as s:
        suppliers.set_scheme(s, suppliers.Scheme(scale_max=1), USER)


def test_a_score_outside_the_scale_is_refused_and_nothing_is_stored(db: Database) -> None:
    sid = _supplier(db)
    scores = suppliers.parse_scores("Quality 7; Delivery 3; Price 5; Service 4")
    with pytest.raises(ValidationError) as caught, db.write() as s:
        suppliers.add_evaluation(s, sid, suppliers.EvaluationFields(ON, scores), USER, ON)
    assert "Quality 7 is outside the company's scale: scores go from 1 to 5" in str(caught.value)
    assert _rows(db, SupplierEvaluation) == 0
    fields, problems = suppliers.evaluation_from_values(
        {"evaluated_on": "2026-01-01", "scores": "Quality 4; Colour 3"}, suppliers.Scheme()
    )
    assert fields is None
    assert any("'Colour' is not one of the company's criteria" in p.message for p in problems)
    assert any("Score Delivery, Price, Service too" in p.message for p in problems)


def test_an_approved_supplier_needs_a_date_and_codes_are_unique(db: Database) -> None:
    _supplier(db)
    fields, problems = suppliers.supplier_from_values(
        {"code": "S2", "name": "B", "status": "approved"}
    )
    assert fields is None and problems[0].field == "approved_since"
    taken = "another supplier has the code 's1'"
    with pytest.raises(ValidationError, match=taken), db.write() as s:
        suppliers.create_supplier(s, suppliers.SupplierFields("s1", "Other"), USER, ON)


def test_a_certificate_keeps_its_file_and_expiry(db: Database, tmp_path: Path) -> None:
    sid = _supplier(db)
    scan = tmp_path / "iso 9001.pdf"
    scan.write_bytes(b"%PDF-1.4 certificate")
    with db.write() as s:
        suppliers.add_certificate(
            s,
            sid,
            suppliers.CertificateFields("ISO 9001:2015", "C-1", "BSI", ON - dt.timedelta(days=1)),
            USER,
            file=scan,
            attachments_dir=db.attachments_dir,
        )
    with db.read() as s:
        cert = suppliers.certificates(s, sid)[0]
        row = suppliers.get_row(s, sid)
        items = due.due_items(s, ON, 30)
    assert cert.attachment_name == "iso 9001.pdf"
    assert (db.attachments_dir / cert.attachment_path).read_bytes() == b"%PDF-1.4 certificate"
    assert suppliers.expiry_word(row.first_expiry, ON) == "EXPIRED"
    # (The first management review of an empty company falls due too: another register's.)
    assert [(i.what, i.reference) for i in items if i.register != "reviews"] == [
        ("Certificate expires", "S1")
    ]


def test_performance_counts_the_nonconforming_outputs_naming_a_supplier(db: Database) -> None:
    sid = _supplier(db)
    with db.write() as s:
        for n in range(3):
            nonconforming.create_nc(
                s,
                nonconforming.NcFields(ON, FoundAt.INCOMING, description=f"Bent bar {n}",
                                       supplier_id=sid),
                USER,
                ON,
            )  # fmt: skip
    with db.read() as s:
        row = suppliers.get_row(s, sid)
        perf = suppliers.performance(s, sid)
    assert row.nc_count == 3
    assert sorted(p[0] for p in perf.nonconforming) == ["NCR-0001", "NCR-0002", "NCR-0003"]
    with pytest.raises(ValidationError, match="named by 3 nonconforming"), db.write() as s:
        suppliers.delete_supplier(s, sid, USER)


# --- equipment -------------------------------------------------------------------------------


def _gauge(db: Database, received: dt.date | None = dt.date(2025, 1, 10)) -> int:
    with db.write() as s:
        return equipment.create_equipment(
            s,
            equipment.EquipmentFields("MIC-1", "Micrometer 0-25", interval_months=6,
                                      received_on=received),
            USER,
            ON,
        )  # fmt: skip


def test_a_calibration_sets_the_next_due_date_from_the_interval(db: Database) -> None:
    gid = _gauge(db)
    with db.read() as s:
        assert equipment.get_row(s, gid).next_due == dt.date(2025, 1, 10)  # before first use
    with db.write() as s:
        equipment.add_calibration(
            s, gid, equipment.CalibrationFields(dt.date(2026, 5, 1)), USER, on=ON
        )
    with db.read() as s:
        row = equipment.get_row(s, gid)
        items = due.due_items(s, ON, 30)
    assert row.last_calibrated == dt.date(2026, 5, 1) and row.next_due == dt.date(2026, 11, 1)
    assert row.due_word(ON) == "OVERDUE"
    assert [(i.what, i.reference, i.overdue(ON)) for i in items if i.register != "reviews"] == [
        ("Calibration due", "MIC-1", True)
    ]


def test_a_calibration_before_the_gauge_was_received_is_refused(db: Database) -> None:
    gid = _gauge(db)
    with pytest.raises(ValidationError) as caught, db.write() as s:
        equipment.add_calibration(
            s, gid, equipment.CalibrationFields(dt.date(2024, 12, 1)), USER, on=ON
        )
    assert "Calibrated on: cannot be before the equipment was received (2025-01-10)" in str(
        caught.value
    )
    assert _rows(db, Calibration) == 0


def test_a_due_date_before_the_calibration_is_refused(db: Database) -> None:
    gid = _gauge(db)
    early = equipment.CalibrationFields(dt.date(2026, 5, 1), next_due=dt.date(2026, 4, 1))
    message = "Next due: must come after the calibration"
    with pytest.raises(ValidationError, match=message), db.write() as s:
        equipment.add_calibration(s, gid, early, USER, on=ON)
    assert _rows(db, Calibration) == 0


def test_out_of_tolerance_asks_for_the_impact_review_and_raises_an_nc_and_an_action(
    db: Database,
) -> None:
    gid = _gauge(db)
    with db.write() as s:
        cid = equipment.add_calibration(
            s,
            gid,
            equipment.CalibrationFields(dt.date(2026, 11, 1), as_found=AsFound.OUT_OF_TOLERANCE),
            USER,
            on=ON,
        )
    with db.read() as s:
        assert equipment.get_row(s, gid).reviews_open == 1
        assert ("Impact review due", "MIC-1") in [
            (i.what, i.reference) for i in due.due_items(s, ON, 0)
        ]
    with pytest.raises(ValidationError, match="Decision: say what was decided"), db.write() as s:
        equipment.record_impact_review(s, cid, "Jobs 1 and 2 measured.", "", USER)
    with db.write() as s:
        equipment.record_impact_review(s, cid, "Jobs 1 and 2 measured.", "Re-checked: ok.", USER)
        nc_id = equipment.raise_nonconforming(s, cid, USER, product="Job 1", quantity=3, on=ON)
        action_id = equipment.raise_action(s, cid, USER, on=ON)
    with db.read() as s:
        cal = equipment.get_calibration(s, cid)
        nc = nonconforming.get_row(s, nc_id)
        assert equipment.get_row(s, gid).reviews_open == 0
        assert [a[0] for a in equipment.actions_of(s, gid)] == [cal.action_ref]
    assert cal.nc_ref == nc.reference and cal.action_id == action_id
    assert "MIC-1" in nc.description and nc.found_at == FoundAt.IN_PROCESS


# --- nonconforming outputs -------------------------------------------------------------------


def test_use_as_is_without_an_authoriser_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError) as caught, db.write() as s:
        nonconforming.create_nc(
            s,
            nonconforming.NcFields(ON, description="Chamfer too big",
                                   disposition=Disposition.USE_AS_IS),
            USER,
            ON,
        )  # fmt: skip
    assert "Authorised by: An output is used as is only under a concession" in str(caught.value)
    assert _rows(db, NonconformingOutput) == 0


def test_incoming_needs_its_supplier_and_rework_is_verified_before_closing(db: Database) -> None:
    fields, problems = nonconforming.nc_from_values(
        {"found_on": "2026-11-01", "found_at": "goods in", "description": "Bent",
         "disposition": "rework", "authorised_by": "QM", "closed_on": "2026-11-05"}
    )  # fmt: skip
    assert fields is None
    assert {p.field for p in problems} == {"supplier_id", "verified_on"}


def test_an_nc_edit_is_recorded_field_by_field(db: Database) -> None:
    with db.write() as s:
        nc_id = nonconforming.create_nc(s, nonconforming.NcFields(ON, description="Burr"), USER, ON)
    with db.write() as s:
        row = nonconforming.get_row(s, nc_id)
        from dataclasses import replace

        nonconforming.update_nc(
            s, nc_id, replace(row.fields(), disposition=Disposition.SCRAP, authorised_by="QM",
                              cost=12.5), USER, ON,
        )  # fmt: skip
    with db.read() as s:
        changes = {c.field: (c.old_value, c.new_value) for c in nonconforming.history_of(s, nc_id)}
        b = nonconforming.breakdown(s)
    assert changes["Disposition"] == ("", "scrap") and changes["Cost"] == ("", "12.5")
    assert b.grid == {(FoundAt.IN_PROCESS, Disposition.SCRAP): 1} and b.cost == 12.5


# --- the demo's story --------------------------------------------------------------------------


def test_the_demo_tells_the_story_of_ca_2026_001_and_002(demo_db: Database) -> None:
    from qmsdesk.core import actions

    on = today()
    with demo_db.read() as s:
        rows = suppliers.all_rows(s)
        overdue = [r.code for r in rows if r.evaluation_word(on) == "OVERDUE"]
        expired = [r.code for r in rows if suppliers.expiry_word(r.first_expiry, on) == "EXPIRED"]
        gauges = equipment.all_rows(s, on=on)
        late = [g.code for g in gauges if g.due_word(on) == "OVERDUE"]
        oot = equipment.calibrations(s, out_of_tolerance=True)
        ncs = nonconforming.all_rows(s)
        ca1 = actions.id_for_reference(s, "CA-2026-001")
        ca2 = actions.id_for_reference(s, "CA-2026-002")
        named_ca1 = [
            r.code
            for r in rows
            if any(a[0] == "CA-2026-001" for a in suppliers.performance(s, r.id).actions)
        ]
        mic = next(g for g in gauges if g.code == "MIC-014")
        ca6 = actions.get_row(s, actions.id_for_reference(s, "CA-2026-006") or 0)
    assert len(rows) == 15 and sorted(overdue) == ["SUP-010", "SUP-011"] and expired == ["SUP-009"]
    assert len(gauges) == 30 and sorted(late) == ["HG-001", "TPG-003"]
    assert len(oot) == 1 and oot[0].equipment_code == "MIC-014" and oot[0].impact_decision
    assert oot[0].nc_ref and oot[0].action_id == ca2 and ca1 is not None
    assert sorted(named_ca1) == ["SUP-003", "SUP-004"]
    assert len(ncs) == 25
    ncr118 = next(n for n in ncs if n.reference == "NCR-0118")
    assert ncr118.action_ref == "CA-2026-006" and ca6.source_id == ncr118.id
    assert ncr118.supplier_code == "SUP-001" and mic.code == "MIC-014"


def test_search_everywhere_finds_suppliers_gauges_and_ncs(demo_db: Database) -> None:
    with demo_db.read() as s:
        hits = {(h.register, h.reference) for h in finder.find(s, "mic-014")}
        plating = {(h.register, h.reference) for h in finder.find(s, "plating")}
        ncr = [h.reference for h in finder.find(s, "NCR-0118")]
    assert ("equipment", "MIC-014") in hits
    assert ("suppliers", "SUP-003") in plating
    assert ncr[0] == "NCR-0118"


def test_every_write_is_in_the_history(db: Database) -> None:
    before = _rows(db, ChangeRecord)
    sid = _supplier(db)
    gid = _gauge(db)
    assert _rows(db, ChangeRecord) == before + 2
    with db.write() as s:
        suppliers.update_supplier(
            s,
            sid,
            suppliers.SupplierFields("S1", "Acme Bar Ltd", "Bar", suppliers.Criticality.HIGH),
            USER,
            ON,
        )
        equipment.delete_equipment(s, gid, USER)
        assert s.get(Supplier, sid) is not None
    assert _rows(db, ChangeRecord) == before + 4


def test_the_review_drafts_c3_c5_and_c7_from_the_demo(demo_db: Database) -> None:
    from qmsdesk.core.dates import add_months
    from qmsdesk.core.reviews.draft import drafters
    from qmsdesk.core.reviews.drafting import Period

    on = today()
    period = Period.of(add_months(on, -12) + dt.timedelta(days=1), on)
    with demo_db.read() as s:
        found = drafters().draft(s, period, ["9.3.2 c 3", "9.3.2 c 5", "9.3.2 c 7"])
    c3, c5, c7 = found["9.3.2 c 3"], found["9.3.2 c 5"], found["9.3.2 c 7"]
    assert "25 nonconforming outputs found in the period" in c3.text
    grid = next(t for t in c3.tables if "where found" in t.title)
    assert grid.columns[0] == "Disposition" and grid.columns[-1] == "Total"
    assert sum(int(r[-1]) for r in grid.rows) == 25
    assert "2 gauges of 28 on the calibration schedule were out of calibration" in c5.text
    late = next(t for t in c5.tables if t.title == "Equipment out of calibration")
    assert [r[0] for r in late.rows] == ["HG-001", "TPG-003"]
    oot = next(t for t in c5.tables if t.title == "Found out of tolerance")
    assert oot.rows[0][0] == "MIC-014" and "scrapped" in oot.rows[0][2]
    assert "2 re-evaluations overdue and 1 certificate expired" in c7.text
    worst = next(t for t in c7.tables if "most nonconforming" in t.title)
    assert worst.rows[0][0] == "SUP-001"
