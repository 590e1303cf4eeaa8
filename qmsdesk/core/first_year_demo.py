"""The demo company's first year under its quality system: the period that its first management
review (last year's, approved) looked back on.

:func:`write_first_year` adds, inside that review's period, the internal audits done before the
review (the first review is preceded by internal audits, as a certification body expects), their
findings and corrective actions, the customer complaints, the nonconformities found at work and a
supplier action, each handled and closed within the year. Last year's review then drafts its
inputs from these, and its narratives are written from the same figures
(:mod:`qmsdesk.core.reviews_demo`).

The story: the gauges found past their calibration date three times in the year (twice at work,
once by an audit) are the repeated nonconformity the review acts on, and the one that comes back
in this year's production audit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import actions, audits, audits_demo
from qmsdesk.core.audits import AuditFields
from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models_audits import (
    ActionKind,
    ActionSource,
    ActionStatus,
    AuditStatus,
    Result,
)
from qmsdesk.core.db.models_training import Person

_QM = "Łukasz Żółć"
_MD = "Margaret Hollis"

# Evidence against questions of the shipped checklist (clause, start of the question).
_PRODUCTION_FINDINGS = {
    ("7.1.5.2", "Pick three gauges in use"): (
        Result.MINOR_NC,
        "Bore gauge BG-007 on cell 2 eleven days past its calibration date; used for final "
        "acceptance of job 25-1180.",
        "A bore gauge used for product acceptance was past its calibration date.",
    ),
    ("8.7.1", "Pick a recent reject"): (
        Result.OBSERVATION,
        "NCR-0081: parts tagged and segregated, decision recorded two days later.",
        "Decisions on rejected parts are recorded, but the quarantine shelf is not marked.",
    ),
}
_DOCUMENTS_FINDINGS = {
    ("7.2", "Where training or other action closed"): (
        Result.OFI,
        "Training records F-07-01 for CMM and CNC training: the effectiveness check is left "
        "blank on four of ten.",
        "Checking that training worked could be planned when the training is booked.",
    ),
}
_SALES_FINDINGS = {
    ("8.2.3", "Pick an order taken by phone"): (
        Result.MINOR_NC,
        "Order 25-0412 from Norbeck Pumps taken by phone: no written confirmation, no review "
        "record; the drawing revision was checked only at the machine.",
        "An order taken by phone was accepted without a recorded review.",
    ),
}


@dataclass(frozen=True)
class _Handled:
    """An action raised in the year and closed in it (days after the period's start)."""

    title: str
    source: ActionSource
    source_ref: str
    process: str
    problem: str
    correction: str
    root_cause: str
    action: str
    owner: str
    raised: int  # days after the period's start
    done: int  # days after it was raised
    check: str
    checked: int = 30  # days after it was done


_COMPLAINTS = (
    _Handled(
        "Late delivery of pump shafts to Norbeck Pumps",
        ActionSource.CUSTOMER_COMPLAINT,
        "CC-0031 (Norbeck Pumps)",
        "Production",
        "Batch of 300 pump shafts delivered nine days late after the spindle failure in June.",
        "Remaining shafts moved to the second lathe; the customer told of the new date daily.",
        "The turning cell had no second machine proven for the customer's parts.",
        "Programs for the five Norbeck parts proven out on the second lathe.",
        "Anders Ørsted",
        160,
        35,
        "Three months of deliveries to Norbeck on time, one spindle stop absorbed.",
    ),
    _Handled(
        "Burrs on a batch of valve bodies",
        ActionSource.CUSTOMER_COMPLAINT,
        "CC-0036 (Calder Valves)",
        "Production",
        "Calder Valves found burrs in the ports of 18 of 250 valve bodies.",
        "Batch returned, deburred and re-inspected; replacement sent in three days.",
        "Hand deburring of the ports depends on the operator's reach and light.",
        "Deburring fixtures with lighting made for the port faces.",
        "Grace Adeyemi",
        215,
        40,
        "Five batches since, no burr found at final inspection or by the customer.",
    ),
)
_AT_WORK = (
    _Handled(
        "Height gauge past its calibration date at first-off",
        ActionSource.PROCESS_NC,
        "NCR-0079",
        "Quality",
        "Height gauge HG-003 found past its calibration date at a first-off inspection.",
        "Gauge withdrawn and calibrated; the three jobs measured with it re-checked: all good.",
        "Nobody is reminded before a gauge falls due.",
        "Gauge withdrawn and sent for calibration the same day.",
        "Priya Raman",
        40,
        10,
        "Jobs measured with HG-003 re-checked; no part out of tolerance.",
    ),
    _Handled(
        "Thread ring gauge past its calibration date in use",
        ActionSource.PROCESS_NC,
        "NCR-0092",
        "Quality",
        "Thread ring gauge M8 found past its calibration date on cell 4.",
        "Gauge withdrawn and replaced by a calibrated one; parts re-checked.",
        "Nobody is reminded before a gauge falls due.",
        "Gauge withdrawn; the gauge register checked by hand for others past due.",
        "Priya Raman",
        250,
        12,
        "Gauge register checked by hand: no other gauge past due.",
    ),
    _Handled(
        "Late bar stock deliveries from Brindley Steel",
        ActionSource.SUPPLIER,
        "SCAR-0012 (Brindley Steel)",
        "Purchasing",
        "Bar stock delivered late three times in the autumn, holding up two jobs.",
        "Urgent bars bought from stock at a stockholder.",
        "One source for 303 and 316 bar, with no agreed lead time.",
        "A second bar stock supplier evaluated and approved; lead times agreed with both.",
        "Sarah Whitfield",
        275,
        30,
        "Two months of bar deliveries from both sources on time.",
        25,
    ),
)


def _people(session: Session) -> dict[str, int]:
    return {name: pid for pid, name in session.execute(select(Person.id, Person.name))}


def write_first_year(
    session: Session, start: dt.date, end: dt.date, on: dt.date, user: str
) -> None:
    """Add the audits, findings and actions of the year from `start` to `end` (last year's review
    period), as `user` on the day `on` the demo is written."""
    ids = _people(session)
    if _QM not in ids:  # pragma: no cover - the training demo gives the people
        return
    programme = (
        (
            add_months(start, 3),
            AuditFields(
                reference="",
                title="Production: machining, measuring and nonconforming parts",
                processes=("CNC machining",),
                departments=("Production",),
                clauses=("7.1.5", "8.5.1", "8.7"),
                criteria="ISO 9001:2015 clauses 7.1.5, 8.5.1 and 8.7; QP-07-03, QP-08-08",
                lead_auditor_id=ids["Priya Raman"],
                auditee_ids=(ids["Anders Ørsted"], ids["Grace Adeyemi"]),
                planned_start=start,
            ),
            _PRODUCTION_FINDINGS,
        ),
        (
            add_months(start, 6),
            AuditFields(
                reference="",
                title="Documented information, competence and awareness",
                processes=("Administration",),
                departments=("Administration",),
                clauses=("7.2", "7.3", "7.5"),
                criteria="ISO 9001:2015 clauses 7.2, 7.3 and 7.5; QP-07-01, QP-07-02",
                lead_auditor_id=ids["Priya Raman"],
                auditee_ids=(ids["Fiona Grant"],),
                planned_start=start,
            ),
            _DOCUMENTS_FINDINGS,
        ),
        (
            add_months(start, 9),
            AuditFields(
                reference="",
                title="Sales, order review and customer satisfaction",
                processes=("Sales",),
                departments=("Sales",),
                clauses=("8.2", "9.1.2"),
                criteria="ISO 9001:2015 clauses 8.2 and 9.1.2; QP-08-01, QP-09-01",
                lead_auditor_id=ids[_QM],
                auditee_ids=(ids["Olivia Bennett"],),
                planned_start=start,
            ),
            _SALES_FINDINGS,
        ),
    )
    for day, fields, findings in programme:
        fields = replace(
            fields,
            reference=audits.next_reference(session, day.year),
            planned_start=day,
            planned_end=day + dt.timedelta(days=1),
        )
        audit_id = audits.create_audit(session, fields, user, on=on)
        audits.build_checklist(session, audit_id, [audits.ISO_TEMPLATE_ID], user)
        audits_demo.run_audit(session, audit_id, day, findings, on, user)
        _close_findings(session, audit_id, ids, on, user)
        row = audits.get_audit(session, audit_id)
        audits.update_audit(
            session, audit_id, replace(row.fields(), status=AuditStatus.CLOSED), user, on=on
        )
    for handled in (*_COMPLAINTS, *_AT_WORK):
        _add_handled(session, handled, start, ids, on, user)


def _close_findings(
    session: Session, audit_id: int, ids: dict[str, int], on: dt.date, user: str
) -> None:
    """The audit's nonconformities corrected, their causes removed and checked within weeks."""
    causes = {
        "7.1.5.2": (
            "Priya Raman",
            "BG-007 withdrawn and calibrated; job 25-1180 re-measured: all in tolerance.",
            "Nobody is reminded before a gauge falls due.",
            "Gauge register sorted by due date and looked at every Monday.",
        ),
        "8.2.3": (
            "Olivia Bennett",
            "Order 25-0412 confirmed in writing and reviewed against the drawing.",
            "Phone orders are not sent through the order review form.",
            "Every phone order confirmed by e-mail from the order review form before it is "
            "entered.",
        ),
    }
    for finding in audits.findings_of(session, audit_id):
        if not finding.action_id or finding.clause not in causes:
            continue
        owner, correction, cause, action = causes[finding.clause]
        row = actions.get_row(session, finding.action_id)
        done = row.raised_on + dt.timedelta(days=21)
        actions.update_action(
            session,
            row.id,
            replace(
                row.fields(),
                owner_id=ids[owner],
                correction=correction,
                correction_on=row.raised_on + dt.timedelta(days=1),
                root_cause=cause,
                corrective_action=action,
                completed_on=done,
                verify_due=done + dt.timedelta(days=45),
                status=ActionStatus.AWAITING_VERIFICATION,
            ),
            user,
            on=on,
        )
        actions.verify(
            session,
            row.id,
            verified_on=done + dt.timedelta(days=40),
            verified_by_id=ids[_QM] if owner != _QM else ids[_MD],
            effective=True,
            note="Records of the weeks since sampled: no repeat.",
            user=user,
            on=on,
        )


def _add_handled(
    session: Session,
    h: _Handled,
    start: dt.date,
    ids: dict[str, int],
    on: dt.date,
    user: str,
) -> None:
    raised = start + dt.timedelta(days=h.raised)
    done = raised + dt.timedelta(days=h.done)
    action_id = actions.create_action(
        session,
        actions.ActionFields(
            title=h.title,
            kind=ActionKind.CORRECTIVE,
            source_kind=h.source,
            source_ref=h.source_ref,
            process=h.process,
            problem=h.problem,
            correction=h.correction,
            correction_on=raised + dt.timedelta(days=2),
            root_cause=h.root_cause,
            corrective_action=h.action,
            owner_id=ids[h.owner],
            raised_on=raised,
            due_date=raised + dt.timedelta(days=h.done + 10),
            completed_on=done,
            verify_due=done + dt.timedelta(days=h.checked + 10),
            status=ActionStatus.AWAITING_VERIFICATION,
        ),
        user,
        on=on,
    )
    actions.verify(
        session,
        action_id,
        verified_on=done + dt.timedelta(days=h.checked),
        verified_by_id=ids[_QM] if h.owner != _QM else ids[_MD],
        effective=True,
        note=h.check,
        user=user,
        on=on,
    )


def gauge_slips() -> int:
    """How many times in the year a gauge was found past its calibration date (at work and by
    the production audit): the repeated nonconformity the review acts on."""
    at_work = sum(1 for h in _AT_WORK if "calibration date" in h.title)
    by_audit = sum(1 for clause, _start in _PRODUCTION_FINDINGS if clause == "7.1.5.2")
    return at_work + by_audit
