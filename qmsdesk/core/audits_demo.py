"""The demo company's audit programme, findings and actions register.

:func:`write_audits` adds them, after the people (the training demo) are in. Dates are set
relative to the day the demo is written, so that the year view always shows audits done, one in
progress, one late and some still to come; the actions register shows actions in every state,
overdue ones among them; and one planned audit draws an objectivity warning (the quality manager
down to audit the internal audit process he owns).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import actions, audits
from qmsdesk.core.audits import AuditFields, FindingFields, QuestionFields, TemplateFields
from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models_audits import (
    ActionKind,
    ActionSource,
    ActionStatus,
    AuditStatus,
    FindingClass,
    Result,
)
from qmsdesk.core.db.models_training import Person

_PURCHASING_QUESTIONS = (
    QuestionFields(
        "8.4.1",
        "Show me the approved supplier list: when was each supplier last re-evaluated, and by "
        "whom?",
        "Approved supplier list with dates; evaluation forms F-08-01.",
    ),
    QuestionFields(
        "8.4.1",
        "Which supplier delivered late or rejected goods most often this year, and what was done "
        "about it?",
        "Supplier performance figures; supplier corrective action requests.",
    ),
    QuestionFields(
        "8.4.2",
        "Take the last three deliveries of bar stock: do the material certificates match the "
        "order and the drawing?",
        "Goods-in records, mill certificates, heat numbers on the bars.",
    ),
    QuestionFields(
        "8.4.3",
        "Pick two purchase orders for subcontract plating: do they give the specification, the "
        "drawing revision and the certificate needed?",
        "Purchase orders, plating specification, certificates of conformity received.",
    ),
    QuestionFields(
        "7.5.3.2",
        "Are the customer drawings sent to subcontractors the current revision?",
        "Drawing revision on the order compared with the customer portal.",
    ),
)
_PRODUCTION_QUESTIONS = (
    QuestionFields(
        "8.5.1",
        "At two machines: does the operator have the drawing, program and setting sheet at the "
        "revision on the traveller?",
        "Job pack at the machine; program number and revision in the control.",
    ),
    QuestionFields(
        "8.5.1",
        "Is the first-off inspection signed before the batch runs, and are in-process checks "
        "done at the planned frequency?",
        "First-off report; in-process check sheet with times.",
    ),
    QuestionFields(
        "7.1.5.2",
        "Pick three gauges on the benches: are they labelled, in the register and in date?",
        "Calibration labels, gauge register, certificates.",
    ),
    QuestionFields(
        "8.5.2",
        "Take a finished part in the dispatch area and trace it back to its bar's heat number.",
        "Traveller, goods-in record, material certificate.",
    ),
    QuestionFields(
        "8.5.6",
        "When was a job last moved to another machine or run with different tooling, and how was "
        "the change approved?",
        "Change record, first-off after the change, supervisor's sign-off.",
    ),
    QuestionFields(
        "8.7.1",
        "Show me the quarantine area: is every rejected part tagged with an NCR number and a "
        "decision?",
        "Reject tags, NCR log, concession records.",
    ),
)

# Evidence written against specific questions (clause, start of the question) in the done audits.
_FINDINGS_01 = {
    ("8.4.1", "Show me the approved"): (
        Result.MINOR_NC,
        "Approved supplier list rev 12: Midland Plating and Hartley Heat Treatment last "
        "re-evaluated in 2023; QP-08-03 asks for a yearly re-evaluation.",
        "Two suppliers on the approved list were not re-evaluated within the year QP-08-03 "
        "requires.",
    ),
    ("8.4.2", "Take the last three"): (
        Result.OFI,
        "Certificates all matched. Goods-in checks every bar although the supplier's record is "
        "perfect for three years.",
        "Goods-in inspection could be reduced for suppliers with a proven record, freeing time "
        "for subcontract checks.",
    ),
    ("8.4.3", "Pick two purchase orders"): (
        Result.OBSERVATION,
        "PO 24-0871 gives the plating specification only as 'as usual'; the supplier knew it, "
        "but a new buyer might not.",
        "One subcontract order did not state the plating specification in full.",
    ),
}
_FINDINGS_02 = {
    ("8.5.6", "When was a job last moved"): (
        Result.MAJOR_NC,
        "Job 24-3312 moved from the NLX 2500 to the DMU 50 with a new fixture; no record of review "
        "or approval, no new first-off. 40 parts shipped.",
        "Changes to production (machine, fixture) are made without review or approval, and "
        "parts made after the change were shipped without a new first-off inspection.",
    ),
    ("7.1.5.2", "Pick three gauges on the benches"): (
        Result.MINOR_NC,
        "Micrometer MIC-014 on cell 3: calibration due date three weeks past; in use on job "
        "24-3320.",
        "A micrometer in use for product acceptance was past its calibration date.",
    ),
    ("8.5.2", "Take a finished part"): (
        Result.MINOR_NC,
        "Part 7731-02 batch 18: traveller gives no heat number; traced through the goods-in log "
        "after 40 minutes.",
        "The traveller for batch 18 of part 7731-02 did not record the material heat number.",
    ),
    ("8.7.1", "Show me the quarantine area"): (
        Result.OFI,
        "All tagged. The quarantine cage is full; some parts waited three weeks for a decision.",
        "Decisions on quarantined parts could be made at the daily production meeting.",
    ),
    ("8.5.1", "At two machines"): (
        Result.OBSERVATION,
        "Both correct. Setting sheet for the DMU 50 is handwritten and hard to read.",
        "A handwritten setting sheet may be misread.",
    ),
}


def _ids(session: Session) -> dict[str, int]:
    return {name: pid for pid, name in session.execute(select(Person.id, Person.name))}


def write_audits(session: Session, on: dt.date, user: str) -> None:
    """Add the demo audit programme, its findings and the actions register, as `user`, dated
    around `on`; nothing when the register of people is empty."""
    people = _ids(session)
    if not people:  # pragma: no cover - the training demo gives the people
        return
    purchasing = audits.create_template(
        session,
        TemplateFields(
            "Purchasing process audit", "Purchasing", "Questions for the buyers' office."
        ),
        user,
        _PURCHASING_QUESTIONS,
    )
    production = audits.create_template(
        session,
        TemplateFields("Production process audit", "Production", "Walk the shop floor with this."),
        user,
        _PRODUCTION_QUESTIONS,
    )
    numbers: dict[int, int] = {}

    def reference(day: dt.date) -> str:
        numbers[day.year] = numbers.get(day.year, 0) + 1
        return f"IA-{day.year}-{numbers[day.year]:02d}"

    def plan(months: int, day: int = 10) -> dt.date:
        first = add_months(on, months)
        return first.replace(day=min(day, 28))

    done_1 = plan(-7, 12)
    done_2 = plan(-3, 6)
    late = plan(-1, 3)
    going = on - dt.timedelta(days=2)
    schedule = [
        (
            done_1,
            AuditFields(
                reference="",
                title="Purchasing and supplier control",
                planned_start=done_1,
                planned_end=done_1 + dt.timedelta(days=1),
                processes=("Purchasing",),
                departments=("Purchasing",),
                clauses=("7.5.3.2", "8.4"),
                criteria="ISO 9001:2015 clause 8.4; QP-08-03 Purchasing and supplier control",
                lead_auditor_id=people["Jonas Lindqvist"],
                auditee_ids=(people["Sarah Whitfield"], people["Mehmet Yılmaz"]),
            ),
            [purchasing, audits.ISO_TEMPLATE_ID],
        ),
        (
            done_2,
            AuditFields(
                reference="",
                title="Production: machining, measuring and traceability",
                planned_start=done_2,
                planned_end=done_2 + dt.timedelta(days=1),
                processes=("CNC machining", "Inspection"),
                departments=("Production",),
                clauses=("7.1.5", "8.5", "8.6", "8.7"),
                criteria="ISO 9001:2015 clauses 7.1.5, 8.5 to 8.7; QP-08-04, QP-08-05, WI-PRD-01",
                lead_auditor_id=people["Priya Raman"],
                team_ids=(people["Jonas Lindqvist"],),
                auditee_ids=(
                    people["Anders Ørsted"],
                    people["Grace Adeyemi"],
                    people["Kevin Marsh"],
                ),
            ),
            [production, audits.ISO_TEMPLATE_ID],
        ),
        (
            late,
            AuditFields(
                reference="",
                title="Internal audit, nonconformity and corrective action",
                planned_start=late,
                processes=("Quality",),
                clauses=("9.2", "10.2"),
                criteria="ISO 9001:2015 clauses 9.2 and 10.2; QP-09-02, QP-10-01",
                lead_auditor_id=people["Łukasz Żółć"],
                auditee_ids=(people["Priya Raman"],),
                note="Postponed: the lead auditor was at a customer's audit. Needs another "
                "auditor anyway (the quality manager owns these procedures).",
            ),
            [audits.ISO_TEMPLATE_ID],
        ),
        (
            going,
            AuditFields(
                reference="",
                title="Sales, customer requirements and satisfaction",
                planned_start=going,
                planned_end=on + dt.timedelta(days=1),
                processes=("Sales",),
                departments=("Sales",),
                clauses=("8.2", "9.1.2"),
                criteria="ISO 9001:2015 clauses 8.2 and 9.1.2; QP-08-01",
                lead_auditor_id=people["Łukasz Żółć"],
                auditee_ids=(people["Olivia Bennett"], people["Noah Fischer"]),
            ),
            [audits.ISO_TEMPLATE_ID],
        ),
        (
            plan(1, 14),
            AuditFields(
                reference="",
                title="Leadership, planning and management review",
                planned_start=plan(1, 14),
                processes=("Management",),
                clauses=("4", "5", "6", "9.3"),
                criteria="ISO 9001:2015 clauses 4 to 6 and 9.3",
                lead_auditor_id=people["Jonas Lindqvist"],
                auditee_ids=(people["Margaret Hollis"],),
            ),
            [],
        ),
        (
            plan(3, 8),
            AuditFields(
                reference="",
                title="Engineering, design and maintenance",
                planned_start=plan(3, 8),
                planned_end=plan(3, 9),
                processes=("Engineering", "Maintenance"),
                departments=("Engineering", "Maintenance"),
                clauses=("7.1.3", "7.1.6", "8.3"),
                lead_auditor_id=people["Priya Raman"],
                auditee_ids=(people["Aisha Khan"], people["Ian Fletcher"]),
            ),
            [],
        ),
        (
            plan(5, 20),
            AuditFields(
                reference="",
                title="Stores, dispatch and customer property",
                planned_start=plan(5, 20),
                processes=("Logistics",),
                departments=("Logistics",),
                clauses=("8.5.3", "8.5.4", "8.5.5"),
                lead_auditor_id=people["Jonas Lindqvist"],
                auditee_ids=(people["Ruth Evans"],),
            ),
            [],
        ),
    ]
    made = []
    for day, fields, templates in sorted(schedule, key=lambda item: item[0]):
        fields = replace(fields, reference=reference(day))
        audit_id = audits.create_audit(session, fields, user, on=on)
        if templates:
            audits.build_checklist(session, audit_id, templates, user)
        made.append(audit_id)
    by_title = {audits.get_audit(session, i).title: i for i in made}
    first = by_title["Purchasing and supplier control"]
    second = by_title["Production: machining, measuring and traceability"]
    run_audit(session, first, done_1, _FINDINGS_01, on, user)
    run_audit(session, second, done_2, _FINDINGS_02, on, user)
    _partly(session, by_title["Sales, customer requirements and satisfaction"], going, user)
    _follow_up(session, people, on, first, second, user)


def _evidence(hint: str) -> str:
    first = hint.split(";")[0].split(",")[0].strip().rstrip(".")
    return f"Seen: {first[:1].lower()}{first[1:]}."


def run_audit(
    session: Session,
    audit_id: int,
    day: dt.date,
    planned: dict[tuple[str, str], tuple[Result, str, str]],
    on: dt.date,
    user: str,
) -> None:
    """Carry out an audit on `day`: every question answered, findings stated, report written."""
    statements = {}
    for q in audits.questions_of(session, audit_id):
        found = next(
            (
                v
                for (c, start), v in planned.items()
                if c == q.clause and q.question.startswith(start)
            ),
            None,
        )
        if found is not None:
            result, evidence, statement = found
            outcome = audits.record_answer(session, q.id, result, evidence, user, on=day)
            statements[outcome.finding_id] = (q.clause, statement, evidence, result)
        else:
            result = Result.NOT_APPLICABLE if q.clause.startswith("8.5.5") else Result.CONFORMING
            audits.record_answer(session, q.id, result, _evidence(q.hint), user, on=day)
    for finding_id, (clause, statement, evidence, result) in statements.items():
        audits.update_finding(
            session,
            finding_id,  # type: ignore[arg-type]
            FindingFields(clause, statement, evidence, audits.FINDING_OF_RESULT[result]),
            user,
            on=day,
        )
    row = audits.get_audit(session, audit_id)
    nc = row.nonconformities()
    summary = (
        f"The audit found the process under control in most respects, with {nc} "
        f"nonconformit{'y' if nc == 1 else 'ies'}. The people interviewed were open and knew "
        "their procedures; records were easy to find."
    )
    audits.update_audit(
        session,
        audit_id,
        replace(
            row.fields(),
            status=AuditStatus.REPORTED,
            actual_start=day,
            actual_end=day + dt.timedelta(days=1),
            summary=summary,
        ),
        user,
        on=on,
    )


def _partly(session: Session, audit_id: int, day: dt.date, user: str) -> None:
    """An audit under way: its first questions answered."""
    for q in audits.questions_of(session, audit_id)[:5]:
        audits.record_answer(session, q.id, Result.CONFORMING, _evidence(q.hint), user, day)


def _nc_action(session: Session, audit_id: int, clause: str) -> actions.ActionRow:
    found = next(
        f for f in audits.findings_of(session, audit_id) if f.clause == clause and f.action_id
    )
    return actions.get_row(session, found.action_id)  # type: ignore[arg-type]


def _follow_up(
    session: Session, people: dict[str, int], on: dt.date, first: int, second: int, user: str
) -> None:
    """Corrective actions in every state, from the audits and from other sources."""
    qm = people["Łukasz Żółć"]

    # First audit: its nonconformity corrected and verified; the audit closed.
    supplier = _nc_action(session, first, "8.4.1")
    implemented = supplier.raised_on + dt.timedelta(days=40)
    actions.update_action(
        session,
        supplier.id,
        replace(
            supplier.fields(),
            owner_id=people["Sarah Whitfield"],
            correction="Midland Plating and Hartley Heat Treatment re-evaluated the same week.",
            correction_on=supplier.raised_on + dt.timedelta(days=3),
            whys=(
                "Two suppliers were not re-evaluated within the year",
                "Nobody was reminded when re-evaluations fell due",
                "The approved supplier list has no next-evaluation date",
                "The list was set up before yearly re-evaluation was required",
            ),
            root_cause="The approved supplier list does not show when each re-evaluation is due.",
            corrective_action="Added a 'next evaluation' column to the approved supplier list "
            "and a monthly check to the purchasing meeting agenda.",
            completed_on=implemented,
            verify_due=implemented + dt.timedelta(days=60),
            status=ActionStatus.AWAITING_VERIFICATION,
        ),
        user,
        on=on,
    )
    actions.verify(
        session,
        supplier.id,
        verified_on=implemented + dt.timedelta(days=75),
        verified_by_id=qm,
        effective=True,
        note="All 34 approved suppliers in date; re-evaluations discussed at the last two "
        "purchasing meetings.",
        user=user,
        on=on,
    )
    row = audits.get_audit(session, first)
    audits.update_audit(
        session, row.id, replace(row.fields(), status=AuditStatus.CLOSED), user, on=on
    )
    # Its opportunity for improvement taken up as an improvement action, still under way.
    ofi = next(
        f for f in audits.findings_of(session, row.id) if f.classification == FindingClass.OFI
    )
    actions.create_action(
        session,
        actions.ActionFields(
            title="Reduced goods-in inspection for proven bar stock suppliers",
            kind=ActionKind.IMPROVEMENT,
            source_kind=ActionSource.INTERNAL_AUDIT,
            source_ref=ofi.reference,
            source_id=ofi.id,
            process="Purchasing",
            problem=ofi.statement,
            corrective_action="Define a skip-lot rule in QP-08-03 for suppliers with 12 months "
            "without a reject.",
            owner_id=people["Mehmet Yılmaz"],
            raised_on=(row.actual_end or row.planned_start) + dt.timedelta(days=7),
            due_date=add_months(on, 2),
            status=ActionStatus.IN_PROGRESS,
        ),
        user,
        on=on,
    )

    # Second audit: a major nonconformity in progress and overdue, a gauge waiting for its
    # check, a traceability gap not started yet.
    change = _nc_action(session, second, "8.5.6")
    actions.update_action(
        session,
        change.id,
        replace(
            change.fields(),
            owner_id=people["Anders Ørsted"],
            correction="The 40 shipped parts were re-measured at the customer's site: all in "
            "tolerance. Job 24-3312 given a first-off on the DMU 50.",
            correction_on=change.raised_on + dt.timedelta(days=2),
            whys=(
                "A job was moved to another machine without review",
                "The supervisor did not know a review was needed",
                "No procedure says what a change in production needs",
                "Changes were always handled informally by experienced setters",
                "The QMS never covered clause 8.5.6",
            ),
            root_cause="No procedure for controlling changes in production (clause 8.5.6).",
            corrective_action="Write QP-08-09 Control of changes in production; brief "
            "supervisors and setters; add a change check to the traveller.",
            due_date=on - dt.timedelta(days=9),
            status=ActionStatus.IN_PROGRESS,
        ),
        user,
        on=on,
    )
    gauge = _nc_action(session, second, "7.1.5.2")
    done_on = gauge.raised_on + dt.timedelta(days=20)
    actions.update_action(
        session,
        gauge.id,
        replace(
            gauge.fields(),
            owner_id=people["Priya Raman"],
            correction="MIC-014 withdrawn and calibrated; the parts of job 24-3320 re-checked "
            "with a calibrated micrometer.",
            correction_on=gauge.raised_on,
            whys=(
                "An expired micrometer was in use",
                "Its label was not checked at first-off",
                "The first-off form has no gauge check",
            ),
            root_cause="The first-off form does not ask for the gauges' calibration dates.",
            corrective_action="Gauge check line added to F-08-03; monthly gauge register review.",
            completed_on=done_on,
            verify_due=on + dt.timedelta(days=25),
            status=ActionStatus.AWAITING_VERIFICATION,
        ),
        user,
        on=on,
    )
    trace = _nc_action(session, second, "8.5.2")
    actions.update_action(
        session,
        trace.id,
        replace(
            trace.fields(), owner_id=people["Grace Adeyemi"], due_date=on + dt.timedelta(days=20)
        ),
        user,
        on=on,
    )

    # From other sources: a complaint whose first fix did not work, then did.
    raised = add_months(on, -6)
    complaint = actions.create_action(
        session,
        actions.ActionFields(
            title="Burrs in the cross-hole of part 7731-02",
            kind=ActionKind.CORRECTIVE,
            source_kind=ActionSource.CUSTOMER_COMPLAINT,
            source_ref="CC-0043 (Aldridge Hydraulics)",
            process="Production",
            problem="Customer found burrs in the 4 mm cross-hole on 12 of 200 parts.",
            correction="Stock sorted and deburred; replacement parts sent in two days.",
            correction_on=raised + dt.timedelta(days=2),
            owner_id=people["Grace Adeyemi"],
            raised_on=raised,
            due_date=raised + dt.timedelta(days=30),
            status=ActionStatus.OPEN,
        ),
        user,
        on=on,
    )
    row_c = actions.get_row(session, complaint)
    first_fix = raised + dt.timedelta(days=25)
    actions.update_action(
        session,
        complaint,
        replace(
            row_c.fields(),
            whys=("Burrs left in the cross-hole", "The deburring step was skipped on a rush job"),
            root_cause="Deburring relies on the operator remembering it.",
            corrective_action="Deburring added as a separate step on the traveller.",
            completed_on=first_fix,
            status=ActionStatus.AWAITING_VERIFICATION,
        ),
        user,
        on=on,
    )
    actions.verify(
        session,
        complaint,
        verified_on=first_fix + dt.timedelta(days=30),
        verified_by_id=qm,
        effective=False,
        note="Burrs found again on batch 21 at final inspection.",
        user=user,
        on=on,
    )
    second_fix = first_fix + dt.timedelta(days=45)
    row_c = actions.get_row(session, complaint)
    actions.update_action(
        session,
        complaint,
        replace(
            row_c.fields(),
            whys=(
                "Burrs left in the cross-hole",
                "The intersecting drill leaves a burr inside the bore",
                "Hand deburring cannot reach it reliably",
                "The process was never designed to prevent the burr",
            ),
            root_cause="The drilling sequence leaves an internal burr that hand deburring cannot "
            "reliably reach.",
            corrective_action="Cross-hole drilled before the bore is finished; a back-deburring "
            "tool added to the program.",
            completed_on=second_fix,
            status=ActionStatus.AWAITING_VERIFICATION,
        ),
        user,
        on=on,
    )
    actions.verify(
        session,
        complaint,
        verified_on=second_fix + dt.timedelta(days=40),
        verified_by_id=qm,
        effective=True,
        note="Six batches, 1,150 parts, no burr found at final inspection or by the customer.",
        user=user,
        on=on,
    )
    # A process nonconformity nobody has started on, past its due date.
    raised = on - dt.timedelta(days=35)
    actions.create_action(
        session,
        actions.ActionFields(
            title="Wrong material certificate accepted at goods-in",
            kind=ActionKind.CORRECTIVE,
            source_kind=ActionSource.PROCESS_NC,
            source_ref="NCR-0118",
            process="Purchasing",
            problem="Bar stock delivered with a certificate for 1.4301 against an order for "
            "1.4404; not noticed until machining.",
            owner_id=people["Mehmet Yılmaz"],
            raised_on=raised,
            due_date=raised + dt.timedelta(days=28),
            status=ActionStatus.OPEN,
        ),
        user,
        on=on,
    )
