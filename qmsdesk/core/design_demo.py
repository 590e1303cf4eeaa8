"""The demo's design and development (8.3 applies: Kestrel designs fixtures and develops parts to
its customers' functional specifications, under procedure QP-08-02).

Two projects led by the engineering manager: a manifold block developed to Harbrook Aerospace's
functional specification, through every stage to its release (the customer's thanks for its
design review are in the feedback register), and a drilling fixture for part 7731-02 (the
cross-hole of complaint CC-0043), in progress.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from qmsdesk.core import design, people
from qmsdesk.core.db.models_design import DesignStatus, StageKind

_EM, _DE, _QM, _PM, _SAL = (
    "Aisha Khan", "Jonas Lindqvist", "Łukasz Żółć", "Anders Ørsted", "Olivia Bennett",
)  # fmt: skip

# (kind, days after the start, summary, outcome, participants)
_Stage = tuple[StageKind, int, str, str, str]
_MANIFOLD: tuple[_Stage, ...] = (
    (StageKind.PLANNING, 0,
     "Design plan: stages, dates, who does what, the customer's approval points.",
     "Design plan issued; customer review at concept and at first article.",
     f"{_EM}, {_DE}"),
    (StageKind.INPUTS, 5,
     "Functional specification HA-FS-311 rev. B: 210 bar working pressure, 4 ports, "
     "aluminium 6082-T6, mass under 1.2 kg, anodised (outsourced).",
     "Inputs complete; a conflict on the port thread standard resolved with the customer.",
     f"{_EM}, {_DE}, {_SAL}"),
    (StageKind.REVIEW, 30,
     "Concept review of the 3D model and the drilling layout, with the customer by video.",
     "Approved with two actions: wall between ports P2 and T to be at least 3 mm; add a "
     "test port.", f"{_EM}, {_DE}, {_QM}, {_PM}, Harbrook Aerospace (two engineers)"),
    (StageKind.VERIFICATION, 55,
     "Calculation of wall thickness and pressure drop; tolerance stack of the port positions.",
     "Minimum wall 3.4 mm; pressure drop within the specification; verified.",
     f"{_DE}, {_QM}"),
    (StageKind.CHANGE, 60,
     "Customer asked for an M5 sensor port on face C.",
     "Change assessed: no effect on the wall thickness; drawing rev. C; plan dates unchanged.",
     f"{_EM}, {_DE}"),
    (StageKind.VALIDATION, 85,
     "Five prototypes pressure-tested at 1.5x working pressure by the customer on its rig.",
     "All passed, no leak or deformation; the customer signed the validation report.",
     f"{_DE}, Harbrook Aerospace test lab"),
    (StageKind.OUTPUTS, 95,
     "Drawing HM-40 rev. C, CNC programs, inspection plan, FAI report to AS9102.",
     "Released to production; first production order received.", f"{_EM}, {_DE}, {_QM}"),
)  # fmt: skip
_FIXTURE: tuple[_Stage, ...] = (
    (StageKind.PLANNING, 0, "Plan for a drilling fixture holding 7731-02 for the cross-hole.",
     "Two-week plan; trial on the VF-2.", f"{_EM}, {_PM}"),
    (StageKind.INPUTS, 3,
     "Part drawing 7731-02 rev. F, the changed drilling sequence (CHG-0021), clamping without "
     "marking the sealing face.", "Inputs agreed.", f"{_DE}, {_PM}"),
    (StageKind.REVIEW, 12, "Review of the fixture design before it is made.",
     "Approved; locating pin changed to a diamond pin to ease loading.",
     f"{_EM}, {_DE}, {_PM}, Grace Adeyemi"),
)  # fmt: skip


def write_design(session: Session, on: dt.date, user: str) -> None:
    """Add the demo's design projects as of `on` (only while 8.3 applies)."""
    if not design.applies(session):
        return
    ids = {p.name: p.id for p in people.all_people(session)}
    projects = (
        (f"DP-{(on - dt.timedelta(days=130)).year}-01", "Hydraulic manifold block HM-40",
         "Harbrook Aerospace",
         "A manifold block developed to the customer's functional specification HA-FS-311.",
         on - dt.timedelta(days=130), _MANIFOLD, True),
        (f"DP-{(on - dt.timedelta(days=20)).year}-02",
         "Cross-hole drilling fixture for 7731-02", "",
         "An in-house fixture so that the changed drilling sequence of 7731-02 is repeatable.",
         on - dt.timedelta(days=20), _FIXTURE, False),
    )  # fmt: skip
    for ref, title, customer, text, start, stages, done in projects:
        last = start + dt.timedelta(days=stages[-1][1])
        project_id = design.create_project(
            session,
            design.ProjectFields(
                title=title,
                reference=ref,
                customer=customer,
                description=text,
                owner_id=ids.get(_EM),
                started_on=start,
                status=DesignStatus.COMPLETED if done else DesignStatus.ACTIVE,
                completed_on=last if done else None,
            ),
            user,
            on,
        )
        for kind, after, summary, outcome, who in stages:
            design.add_stage(
                session,
                project_id,
                design.StageFields(kind, start + dt.timedelta(days=after), summary, outcome, who),
                user,
                on=on,
            )
