"""The demo company's suppliers, measuring equipment and nonconforming outputs.

The story, consistent with the audits and actions of :mod:`qmsdesk.core.audits_demo`:

* CA-2026-001 (the certification body's finding on overdue re-evaluations) names Midland Plating
  and Hartley Heat Treatment, both re-evaluated the week the finding was raised. Today two
  low-criticality suppliers (packaging, coolant) are overdue again, and Brightwell Passivation's
  ISO 9001 certificate has expired: what the monthly check of the list should catch next.
* The bar stock supplier delivered the wrong material certificate (NCR-0118, action CA-2026-006)
  and was late three times: conditionally approved; a second source was approved.
* CA-2026-002 (gauges out of calibration) names micrometer MIC-014, found out of tolerance when it
  was finally calibrated; its impact review found three parts of job 24-3320 over size (NCR-0121).
  Two more gauges are past their dates today while the action waits for its check.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import actions, equipment, nonconforming, suppliers
from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models_actions import Action, ActionSource
from qmsdesk.core.db.models_equipment import AsFound, AsLeft, CalibratedBy, EquipmentStatus
from qmsdesk.core.db.models_nonconforming import Disposition, FoundAt
from qmsdesk.core.db.models_suppliers import Criticality, EvaluationResult, SupplierStatus
from qmsdesk.core.suppliers.checks import Scores

_H, _M, _L = Criticality.HIGH, Criticality.MEDIUM, Criticality.LOW
_BUYER, _PUR, _QM = "Mehmet Yılmaz", "Sarah Whitfield", "Łukasz Żółć"
_LAB = "Precision Calibration Services Ltd"

_ISO = "ISO 9001:2015"
# code, name, supplies, criticality
_SUPPLIERS = (
    ("SUP-001", "Sheffield Bar & Billet Ltd", "Stainless and alloy steel bar", _H),
    ("SUP-002", "Northern Steel Stockholders", "Stainless steel bar (second source)", _H),
    ("SUP-003", "Midland Plating Ltd", "Zinc-nickel plating, anodising", _H),
    ("SUP-004", "Hartley Heat Treatment Ltd", "Heat treatment", _H),
    ("SUP-005", _LAB, "UKAS calibration of gauges", _H),
    ("SUP-006", "Carbide Tooling Direct", "Cutting tools and inserts", _M),
    ("SUP-007", "Apex Aluminium Supplies", "Aluminium bar and plate", _M),
    ("SUP-008", "Castle Fasteners", "Thread inserts and fasteners", _M),
    ("SUP-009", "Brightwell Passivation", "Passivation of stainless parts", _H),
    ("SUP-010", "Thornbury Packaging", "Boxes, foam and VCI bags", _L),
    ("SUP-011", "Vale Coolants & Lubricants", "Coolant and slideway oil", _L),
    ("SUP-012", "Delta CMM Services", "CMM service and probe repair", _M),
    ("SUP-013", "Redline Couriers", "Overnight transport", _L),
    ("SUP-014", "Kingsway Grinding Ltd", "Subcontract cylindrical grinding", _H),
    ("SUP-015", "Budget Metals Online", "Bar offcuts", _M),
)
# The certificates: code -> (certificate, days to its expiry; Brightwell's has expired).
_CERTIFICATES = {
    "SUP-001": (_ISO, 430), "SUP-002": (_ISO, 790), "SUP-003": (_ISO, 270),
    "SUP-004": ("Nadcap heat treating", 210), "SUP-005": ("ISO/IEC 17025 (UKAS)", 610),
    "SUP-006": (_ISO, 910), "SUP-007": (_ISO, 550), "SUP-009": (_ISO, -12),
    "SUP-012": (_ISO, 330), "SUP-014": (_ISO, 670),
}  # fmt: skip


def _scores(quality: float, delivery: float, price: float, service: float) -> Scores:
    return (("Quality", quality), ("Delivery", delivery), ("Price", price), ("Service", service))


#: The demo's actions these registers point at, by what their titles say: their references
#: (CA-2026-001...) hold the year they were raised in, which depends on the demo's date.
_ACTION_TITLES = {
    "CA-2026-001": "F1: 8.4.1",
    "CA-2026-002": "F2: 7.1.5.2",
    "CA-2026-005": "Burrs in the cross-hole",
    "CA-2026-006": "Wrong material certificate",
}


def _action(session: Session, reference: str) -> int | None:
    """The action the story calls `reference` (None when the demo's date is before it)."""
    found = session.scalar(select(Action.id).where(Action.reference == reference))
    if found is not None:
        return found
    fragment = _ACTION_TITLES.get(reference, reference)
    return session.scalar(
        select(Action.id)
        .where(Action.title.contains(fragment, autoescape=True))
        .order_by(Action.raised_on.desc())
        .limit(1)
    )


def write_suppliers(session: Session, on: dt.date, user: str) -> dict[str, int]:
    """The 15 suppliers with their certificates and evaluations; returns their ids by code."""
    ca1_id = _action(session, "CA-2026-001")
    ca1 = actions.get_row(session, ca1_id) if ca1_id is not None else None
    fixed_on = (ca1.correction_on or ca1.raised_on) if ca1 else on - dt.timedelta(days=60)
    ids: dict[str, int] = {}
    for n, (code, name, supplies, crit) in enumerate(_SUPPLIERS):
        cert = _CERTIFICATES.get(code)
        ids[code] = suppliers.create_supplier(
            session,
            suppliers.SupplierFields(code, name, supplies, crit, SupplierStatus.UNDER_EVALUATION),
            user,
            on,
        )
        if cert is not None:
            fields = suppliers.CertificateFields(
                cert[0],
                f"C-{40417 + n * 731}",
                "BSI" if crit == _H else "LRQA",
                on + dt.timedelta(days=cert[1]),
            )
            suppliers.add_certificate(session, ids[code], fields, user)

    def evaluate(
        code: str, day: dt.date, scores: Scores, by: str = _PUR, note: str = "",
        result: EvaluationResult | None = None,
    ) -> None:  # fmt: skip
        fields = suppliers.EvaluationFields(day, scores, by, result, note=note)
        suppliers.add_evaluation(session, ids[code], fields, user, on)

    # The two named by CA-2026-001: last evaluated in the year before last, then the same week.
    for code in ("SUP-003", "SUP-004"):
        evaluate(code, add_months(fixed_on, -31), _scores(4, 4, 3, 4))
        evaluate(
            code, fixed_on, _scores(4, 4, 3, 5), note="Re-evaluated after finding CA-2026-001."
        )
    # The bar stock supplier: late three times and a wrong certificate: conditionally approved.
    evaluate("SUP-001", add_months(on, -14), _scores(4, 4, 4, 4))
    evaluate("SUP-001", on - dt.timedelta(days=20), _scores(3, 2, 4, 3), _BUYER,
             "Late three times in the autumn; wrong material certificate (NCR-0118).")  # fmt: skip
    evaluate("SUP-002", on - dt.timedelta(days=75), _scores(4, 5, 3, 4), _BUYER,
             "Approved as the second source of stainless bar.")  # fmt: skip
    evaluate("SUP-005", add_months(on, -5), _scores(5, 4, 3, 5))
    evaluate("SUP-006", add_months(on, -8), _scores(4, 5, 4, 4), _BUYER)
    evaluate("SUP-007", add_months(on, -15), _scores(4, 4, 4, 3), _BUYER)
    evaluate("SUP-008", add_months(on, -4), _scores(3, 2, 4, 3), _BUYER,
             "Two deliveries of the wrong insert size this year.")  # fmt: skip
    evaluate("SUP-009", add_months(on, -6), _scores(5, 4, 3, 4))
    # Overdue for re-evaluation: low criticality, every 36 months, last done over three years ago.
    evaluate("SUP-010", add_months(on, -36) - dt.timedelta(days=12), _scores(4, 4, 4, 4), _BUYER)
    evaluate("SUP-011", add_months(on, -36) - dt.timedelta(days=27), _scores(4, 3, 4, 4), _BUYER)
    evaluate("SUP-012", add_months(on, -10), _scores(4, 4, 3, 4))
    evaluate("SUP-013", add_months(on, -20), _scores(4, 4, 5, 3), _BUYER)
    evaluate("SUP-015", add_months(on, -2), _scores(2, 3, 5, 1), _BUYER,
             "Material certificates missing on the trial order; not approved.",
             EvaluationResult.NOT_APPROVED)  # fmt: skip
    if ca1_id is not None:
        for code in ("SUP-003", "SUP-004"):
            suppliers.link_action(session, ids[code], ca1_id, user)
    return ids


# code, description, kind, location, range, accuracy, interval (months)
_GAUGES: list[tuple[str, str, str, str, str, str, int]] = [
    *((f"MIC-{n:03d}", f"Outside micrometer {r}", "Micrometer", f"Cell {1 + n % 4}", r,
       "±0.002 mm", 12) for n, r in ((n, ("0-25 mm", "25-50 mm", "50-75 mm")[n % 3])
                                     for n in range(1, 17))),
    *((f"CAL-{n:03d}", "Digital caliper 0-150 mm", "Caliper", f"Cell {1 + n % 4}", "0-150 mm",
       "±0.02 mm", 12) for n in range(1, 7)),
    *((f"TPG-{n:03d}", f"Thread plug gauge M{(6, 8, 10, 12)[n - 1]} 6H", "Thread gauge",
       "Inspection", f"M{(6, 8, 10, 12)[n - 1]}", "6H", 6) for n in range(1, 5)),
    ("HG-001", "Height gauge 0-300 mm", "Height gauge", "Inspection", "0-300 mm", "±0.01 mm", 12),
    ("CMM-001", "Coordinate measuring machine", "CMM", "Inspection room", "700x1000x600 mm",
     "1.8+L/300 µm", 12),
    ("PIN-001", "Pin gauge set 1-10 mm", "Pin gauges", "Inspection", "1-10 mm", "±0.001 mm", 24),
    ("SP-001", "Granite surface plate", "Surface plate", "Inspection room", "1000x630 mm",
     "Grade 0", 36),
]  # fmt: skip


def write_equipment(
    session: Session, on: dt.date, user: str, supplier_ids: dict[str, int]
) -> dict[str, int]:
    """30 gauges with their calibrations: two overdue today, MIC-014 found out of tolerance."""
    rng = random.Random(7015)
    ca2_id = _action(session, "CA-2026-002")
    ca2 = actions.get_row(session, ca2_id) if ca2_id is not None else None
    # MIC-014 withdrawn and calibrated the day of the finding
    oot_day = (ca2.correction_on or ca2.raised_on) if ca2 else on - dt.timedelta(days=90)
    ids: dict[str, int] = {}
    for code, description, kind, location, rng_text, accuracy, months in _GAUGES:
        received = add_months(on, -rng.randint(40, 90))
        status = EquipmentStatus.IN_USE
        if code == "TPG-004":
            status = EquipmentStatus.RETIRED
        ids[code] = equipment.create_equipment(
            session,
            equipment.EquipmentFields(
                code, description, kind, location,
                "Priya Raman" if location.startswith("Inspection") else "Grace Adeyemi",
                rng_text, accuracy, months, status, received,
            ),
            user,
            on,
        )  # fmt: skip
        # The latest calibration: due some time in the coming interval (two overdue, below).
        latest = on - dt.timedelta(days=rng.randint(20, months * 30 - 45))
        if code == "TPG-003":
            latest = add_months(on, -months) - dt.timedelta(days=6)
        elif code == "HG-001":
            latest = add_months(on, -months) - dt.timedelta(days=13)
        elif code == "MIC-014":
            latest = oot_day
        days = [add_months(latest, -months * k) for k in (2, 1, 0)]
        days = [d for d in days if d >= received]
        lab = kind in ("CMM", "Height gauge", "Pin gauges", "Surface plate", "Thread gauge")
        for n, day in enumerate(days):
            if code == "MIC-014" and n == len(days) - 2:
                # Its previous calibration: the last good one, due three weeks before the audit.
                day = add_months(oot_day - dt.timedelta(days=21), -months)
            last = n == len(days) - 1
            oot = code == "MIC-014" and last
            equipment.add_calibration(
                session,
                ids[code],
                equipment.CalibrationFields(
                    day,
                    CalibratedBy.LAB if lab or oot else CalibratedBy.INTERNAL,
                    _LAB if lab or oot else "Priya Raman",
                    f"PCS-{day:%y}-{rng.randint(1000, 9999)}" if lab or oot else "",
                    AsFound.OUT_OF_TOLERANCE if oot else AsFound.IN_TOLERANCE,
                    AsLeft.ADJUSTED if oot else AsLeft.IN_TOLERANCE,
                    note="+0.004 mm at 25 mm; anvils relapped." if oot else "",
                ),
                user,
                on=on,
            )
    if "TPG-004" in ids:
        row = equipment.get_row(session, ids["TPG-002"])
        worn = replace(
            row.fields(),
            status=EquipmentStatus.OUT_OF_SERVICE,
            note="Worn: withdrawn, awaiting replacement.",
        )
        equipment.update_equipment(session, row.id, worn, user, on)
    if ca2_id is not None:
        for code in ("MIC-014", "TPG-003", "HG-001"):
            equipment.link_action(session, ids[code], ca2_id, user)
    return ids


def _mic014_review(session: Session, on: dt.date, user: str, mic: int) -> int:
    """MIC-014's impact review, the nonconforming output it raised, and CA-2026-002 on it."""
    cal = equipment.calibrations(session, mic)[-1]
    equipment.record_impact_review(
        session,
        cal.id,
        "Used since its last good calibration on jobs 24-3318 and 24-3320 (outside diameter "
        "Ø22 h6). All 60 parts of 24-3320 still in stores re-measured with MIC-009: 3 over the "
        "upper limit by 0.003 mm. 24-3318 (Ø22 +0.1 mm tolerance) not affected by a 0.004 mm "
        "error.",
        "The 3 oversize parts of 24-3320 scrapped (a nonconforming output raised); the other 57 "
        "released. 24-3318 "
        "released without re-inspection.",
        user,
    )
    nc_id = equipment.raise_nonconforming(
        session, cal.id, user, product="Part 4410-07, job 24-3320", quantity=3,
        found_on=cal.calibrated_on + dt.timedelta(days=2), on=on,
    )  # fmt: skip
    ca2 = _action(session, "CA-2026-002")
    if ca2 is not None:
        equipment.link_calibration_action(session, cal.id, ca2, user)
    return nc_id


# reference offset (days before `on`), where, product, qty, description, supplier, disposition,
# concession, cost, closed
_NCS = (
    (330, FoundAt.INCOMING, "Bar 1.4404 Ø25", 12, "Bars bent beyond 1 mm/m straightness.",
     "SUP-001", Disposition.RETURN_TO_SUPPLIER, "", 0, True),
    (315, FoundAt.IN_PROCESS, "Part 7731-02", 4, "Cross-hole position 0.15 mm off after a "
     "fixture shifted.", None, Disposition.SCRAP, "", 380, True),
    (300, FoundAt.FINAL, "Part 5120-11", 20, "Surface finish Ra 1.2 against Ra 0.8 on the "
     "seal face.", None, Disposition.REWORK, "", 240, True),
    (286, FoundAt.INCOMING, "Inserts M6 Helicoil", 500, "Wrong insert length delivered "
     "(1.5D instead of 2D).", "SUP-008", Disposition.RETURN_TO_SUPPLIER, "", 0, True),
    (270, FoundAt.IN_PROCESS, "Part 4410-07", 2, "Undersize bore after tool wear.", None,
     Disposition.SCRAP, "", 150, True),
    (186, FoundAt.CUSTOMER, "Part 7731-02", 35, "Burrs in the cross-hole (complaint CC-0043).",
     None, Disposition.REWORK, "", 620, True),
    (240, FoundAt.FINAL, "Part 9002-01", 6, "Chamfer 0.5 mm instead of 0.3 mm.", None,
     Disposition.USE_AS_IS, "HAR-CON-2026-014", 0, True),
    (228, FoundAt.INCOMING, "Plated brackets 3301-04", 40, "Zinc-nickel thickness 6 µm against "
     "8-12 µm.", "SUP-003", Disposition.RETURN_TO_SUPPLIER, "", 90, True),
    (210, FoundAt.IN_PROCESS, "Part 5120-11", 1, "Dropped part, damaged thread.", None,
     Disposition.SCRAP, "", 85, True),
    (196, FoundAt.FINAL, "Part 6610-02", 12, "Missing part marking.", None, Disposition.REWORK,
     "", 60, True),
    (181, FoundAt.INCOMING, "Bar 1.4404 Ø40", 6, "Bars delivered without heat numbers "
     "stamped.", "SUP-001", Disposition.USE_AS_IS, "", 0, True),
    (170, FoundAt.IN_PROCESS, "Part 8100-03", 8, "Thread M10 tight on the go gauge.", None,
     Disposition.REWORK, "", 110, True),
    (150, FoundAt.FINAL, "Part 7731-02", 30, "Burrs found again on batch 21.", None,
     Disposition.REWORK, "", 300, True),
    (138, FoundAt.INCOMING, "Heat-treated shafts 2200-01", 10, "Hardness 38 HRC against 40-45 "
     "HRC.", "SUP-004", Disposition.RETURN_TO_SUPPLIER, "", 0, True),
    (120, FoundAt.IN_PROCESS, "Part 9002-01", 3, "Wrong program revision used; slot too "
     "short.", None, Disposition.SCRAP, "", 270, True),
    (104, FoundAt.CUSTOMER, "Part 6610-02", 5, "Parts packed without VCI bags; light "
     "corrosion.", None, Disposition.REPAIR, "", 180, True),
    (90, FoundAt.INCOMING, "Inserts M8 Helicoil", 200, "Mixed sizes in one box.", "SUP-008",
     Disposition.RETURN_TO_SUPPLIER, "", 0, True),
    (75, FoundAt.FINAL, "Part 4410-07", 15, "Concentricity 0.03 mm against 0.02 mm.", None,
     Disposition.USE_AS_IS, "ALD-C-0311", 0, True),
    (60, FoundAt.IN_PROCESS, "Part 5120-11", 2, "Seal groove undercut missed.", None,
     Disposition.REWORK, "", 70, True),
    (48, FoundAt.INCOMING, "Bar 1.4404 Ø25", 8, "Late and short delivery: 8 bars short; one "
     "bar with a lap defect.", "SUP-001", Disposition.RETURN_TO_SUPPLIER, "", 0, True),
    (35, FoundAt.IN_PROCESS, "Part 7731-02", 60, "Bar stock delivered with a certificate for "
     "1.4301 against an order for 1.4404; not noticed until machining (NCR-0118).", "SUP-001",
     Disposition.SCRAP, "", 1450, False),
    (20, FoundAt.FINAL, "Part 8100-03", 4, "Thread depth short by 1 mm.", None, None, "", None,
     False),
    (12, FoundAt.INCOMING, "Plated brackets 3301-04", 25, "Plating blisters on the flange.",
     "SUP-003", None, "", None, False),
    (6, FoundAt.IN_PROCESS, "Part 9002-01", 1, "Tool breakage marked the face.", None, None, "",
     None, False),
)  # fmt: skip


def write_nonconforming(
    session: Session, on: dt.date, user: str, supplier_ids: dict[str, int], mic: int
) -> None:
    """25 nonconforming outputs, NCR-0097 to NCR-0121 in the order they were found: NCR-0118
    the wrong material certificate (CA-2026-006), one the oversize parts MIC-014's impact review
    found (CA-2026-002), one the burrs of complaint CC-0043 (CA-2026-005)."""
    complaint = _action(session, "CA-2026-005")
    wrong_cert = _action(session, "CA-2026-006")
    mic_found = equipment.calibrations(session, mic)[-1].calibrated_on + dt.timedelta(days=2)
    entries: list[tuple[dt.date, int]] = [
        (on - dt.timedelta(days=e[0]), n) for n, e in enumerate(_NCS)
    ]
    entries.append((mic_found, -1))
    for number, (found, index) in enumerate(sorted(entries), 97):
        reference = f"NCR-{number:04d}"
        if index < 0:
            nc_id = _mic014_review(session, on, user, mic)
            row = nonconforming.get_row(session, nc_id)
            done = replace(
                row.fields(),
                reference=reference,
                disposition=Disposition.SCRAP,
                authorised_by=_QM,
                cost=210.0,
                action_id=_action(session, "CA-2026-002"),
                closed_on=row.found_on + dt.timedelta(days=1),
            )
            nonconforming.update_nc(session, nc_id, done, user, on)
            continue
        _, where, product, qty, text, supplier, disposition, concession, cost, closed = _NCS[index]
        reworked = disposition in nonconforming.REWORKED
        action_id = None
        if "CC-0043" in text:
            action_id = complaint
        elif "NCR-0118" in text:
            assert reference == "NCR-0118", reference
            action_id = wrong_cert
        authoriser = ""
        if disposition is not None:
            authoriser = _QM if disposition == Disposition.USE_AS_IS else "Anders Ørsted"
        nc_id = nonconforming.create_nc(
            session,
            nonconforming.NcFields(
                found_on=found,
                found_at=where,
                reference=reference,
                product=product,
                quantity=qty,
                description=text.replace(" (NCR-0118)", ""),
                supplier_id=supplier_ids[supplier] if supplier else None,
                disposition=disposition,
                authorised_by=authoriser,
                concession_ref=concession,
                verified_on=found + dt.timedelta(days=3) if reworked else None,
                verification="Re-inspected 100%: all conforming." if reworked else "",
                cost=float(cost) if cost is not None else None,
                action_id=action_id,
                closed_on=found + dt.timedelta(days=4) if closed else None,
            ),
            user,
            on,
        )
        if wrong_cert is not None and action_id == wrong_cert:
            row_a = actions.get_row(session, wrong_cert)
            linked = replace(row_a.fields(), source_id=nc_id, source_kind=ActionSource.PROCESS_NC)
            actions.update_action(session, wrong_cert, linked, user, on=on)
            suppliers.link_action(session, supplier_ids["SUP-001"], wrong_cert, user)


def write_operations(session: Session, on: dt.date, user: str) -> None:
    """Suppliers, then equipment, then the nonconforming outputs that name both."""
    supplier_ids = write_suppliers(session, on, user)
    gauge_ids = write_equipment(session, on, user, supplier_ids)
    write_nonconforming(session, on, user, supplier_ids, gauge_ids["MIC-014"])
