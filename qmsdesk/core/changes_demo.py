"""The demo's planned changes: five, from a proposal to a change whose results were reviewed.

They follow the rest of the story: the drilling sequence changed after complaint CC-0043, the
quick-change jaws decided at last year's review, the second five-axis machine it mentions, the
calibration reminders of the gauges' corrective action, and the procedure for changes in
production (QP-08-09) still being written after the internal audit's finding.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from qmsdesk.core import changes, people
from qmsdesk.core.db.models_changes import ChangeScope, ChangeStatus

_MD, _QM, _PM, _EM = "Margaret Hollis", "Łukasz Żółć", "Anders Ørsted", "Aisha Khan"

# reference, title, scope, what, why, system impact, product impact, owner, status,
# days ago raised, approved after, made after, reviewed after (days), review result, actions
_CHANGES: tuple[
    tuple[str, str, ChangeScope, str, str, str, str, str, ChangeStatus, int, int | None,
          int | None, int | None, str, str], ...
] = (
    ("CHG-0021", "Drill the cross-hole of 7731-02 before finishing the bore",
     ChangeScope.PRODUCTION,
     "Cross-hole drilled before the bore is finished; a back-deburring tool added to the "
     "program; the traveller's deburring step kept as a check.",
     "Complaint CC-0043: burrs in the cross-hole came back after the first fix.",
     "Program, traveller and set-up sheet of 7731-02 revised; setters briefed.",
     "Part 7731-02 only; first articles re-inspected; the customer told before shipping.",
     _PM, ChangeStatus.REVIEWED, 120, 2, 9, 50,
     "Six batches, 1,150 parts, no burr at final inspection or at the customer. Cycle time "
     "up 20 s a part, accepted.",
     "CA on CC-0043; program 7731-02 rev. F; traveller rev. D."),
    ("CHG-0022", "Quick-change jaws on the NLX 2500", ChangeScope.PRODUCTION,
     "Standard jaws replaced by a quick-change system on the NLX 2500 lathe.",
     "Decided at last year's management review to cut set-up times.",
     "Set-up instruction WI-08-12 revised; setters trained.",
     "No change to parts; first-off inspection after each jaw change as before.",
     _PM, ChangeStatus.REVIEWED, 300, 5, 40, 100,
     "Average set-up down from 48 to 29 minutes over 60 set-ups; no first-off failure linked "
     "to the jaws. Extend to the second lathe.", "Review action from MR of last year."),
    ("CHG-0023", "Second five-axis machining centre into production", ChangeScope.BOTH,
     "A second five-axis machining centre installed and released for production parts.",
     "Capacity: the shop ran at 85-90% and the five-axis work waited.",
     "Maintenance plan, training matrix (two programmers), machine capability study, layout.",
     "Parts moved to the new machine get a first-article inspection again.",
     _PM, ChangeStatus.IMPLEMENTED, 150, 10, 40, None, "",
     "Capability study; FAI for each part moved; training of two setters."),
    ("CHG-0024", "Calibration reminders two weeks before the due date", ChangeScope.SYSTEM,
     "The calibration due list is printed every Monday and checked at the production meeting.",
     "CA-2026-002: gauges found past their calibration date on the shop floor, three times.",
     "QP-07-03 (monitoring and measuring resources) revised; production meeting agenda.",
     "None directly; fewer parts measured with gauges out of date.",
     _QM, ChangeStatus.IMPLEMENTED, 40, 3, 10, None, "", "CA-2026-002."),
    ("CHG-0025", "Procedure for changes in production (QP-08-09)", ChangeScope.SYSTEM,
     "A procedure saying how changes in production are proposed, approved, made and reviewed.",
     "Internal audit finding: changes on the shop floor were made without a record.",
     "New procedure QP-08-09; this register becomes its record.",
     "", _QM, ChangeStatus.PROPOSED, 25, None, None, None, "", "Draft QP-08-09."),
)  # fmt: skip


def write_changes(session: Session, on: dt.date, user: str) -> None:
    """Add the demo's changes as of `on`, changed by `user`."""
    ids = {p.name: p.id for p in people.all_people(session)}
    for (
        ref, title, scope, what, why, system, product, owner, status, ago, approve_in, made_in,
        review_in, result, todo,
    ) in _CHANGES:  # fmt: skip
        raised = on - dt.timedelta(days=ago)
        approved = raised + dt.timedelta(days=approve_in) if approve_in is not None else None
        made = raised + dt.timedelta(days=made_in) if made_in is not None else None
        reviewed = made + dt.timedelta(days=review_in) if made and review_in else None
        changes.create_change(
            session,
            changes.ChangeFields(
                title=title,
                scope=scope,
                reference=ref,
                description=what,
                reason=why,
                system_impact=system,
                product_impact=product,
                raised_on=raised,
                owner_id=ids.get(owner),
                approved_by_id=ids.get(_MD) if approved else None,
                approved_on=approved,
                actions=todo,
                implemented_on=made,
                reviewed_on=reviewed,
                reviewed_by_id=ids.get(_QM) if reviewed else None,
                review_result=result,
                status=status,
            ),
            user,
            on,
        )
