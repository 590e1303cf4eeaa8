"""The demo company's risks and opportunities (clause 6.1): 12 risks and 4 opportunities at
every level, arising from Kestrel's context issues, interested parties and processes, with the
actions raised on them in the actions register and the effectiveness reviews of those actions.

The story is the one the rest of the demo tells: the single CMM programmer and the bar stock
supplier that was late (last year's review, input e), the spindle failure in June, the gauges out
of calibration (CA-2026-002), the overdue supplier re-evaluation (CA-2026-001), Harbrook
Aerospace's first-article reports, the second five-axis machine and the quick-change jaws.

The processes, context issues and interested parties are the planning register's
(:mod:`qmsdesk.core.db.models_planning`, filled by its own demo): each is looked up by code or
reference, then by a word of its name. Only when the file has none at all does this module add
the few it needs (:func:`ensure_planning`), so that it works on its own too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core import actions, risks
from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models_planning import (
    ContextIssue,
    InterestedParty,
    IssueSide,
    Process,
    ProcessKind,
)
from qmsdesk.core.db.models_training import Person
from qmsdesk.core.risks import ReviewFields, ReviewOutcome, RiskFields, RiskKind, RiskSourceKind
from qmsdesk.core.risks import Treatment as T
from qmsdesk.core.text import fold

#: (code, name, kind, owner, words its name may hold): the processes the demo links to.
PROCESSES = (
    ("P-MGT", "Management and planning", ProcessKind.MANAGEMENT, "Margaret Hollis", ("manag",)),
    ("P-SAL", "Sales and contract review", ProcessKind.CORE, "Olivia Bennett", ("sales",)),
    ("P-ENG", "Design and engineering", ProcessKind.CORE, "Aisha Khan", ("design", "engineer")),
    ("P-PUR", "Purchasing", ProcessKind.SUPPORT, "Sarah Whitfield", ("purchas",)),
    ("P-PRD", "Production", ProcessKind.CORE, "Anders Ørsted", ("production", "machin")),
    ("P-INS", "Inspection and measurement", ProcessKind.CORE, "Łukasz Żółć", ("inspect",)),
    ("P-DSP", "Stores and dispatch", ProcessKind.CORE, "Ruth Evans", ("dispatch", "stores")),
    ("P-MNT", "Maintenance", ProcessKind.SUPPORT, "Ian Fletcher", ("mainten",)),
    ("P-HR", "People and training", ProcessKind.SUPPORT, "Fiona Grant", ("training", "people")),
)
#: (reference, side, title, words): the context issues the demo's risks arise from.
ISSUES = (
    ("EXT-01", IssueSide.EXTERNAL, "Price and lead time of aluminium bar stock", ("bar stock",)),
    ("EXT-02", IssueSide.EXTERNAL, "Energy costs", ("energy",)),
    ("INT-01", IssueSide.INTERNAL, "Second five-axis machining centre on order", ("five-axis",)),
    ("INT-02", IssueSide.INTERNAL, "Skills held by one person (CMM programming)", ("cmm", "skill")),
    ("INT-03", IssueSide.INTERNAL, "Programs and data held on the shop-floor network", ("data",)),
)
#: (name, words): the interested parties.
PARTIES = (
    ("Harbrook Aerospace", ("harbrook",)),
    ("Approved suppliers", ("supplier",)),
    ("Certification body", ("certification",)),
)


def _ids_by_name(session: Session) -> dict[str, int]:
    return {name: pid for pid, name in session.execute(select(Person.id, Person.name))}


def _find(rows: list[tuple[int, str, str]], key: str, words: tuple[str, ...]) -> int | None:
    """A record by its code (exact, case forgiven), else the first whose name holds a word."""
    for rid, code, _name in rows:
        if fold(code) == fold(key):
            return rid
    for word in words:
        for rid, _code, name in rows:
            if fold(word) in fold(name):
                return rid
    return None


def ensure_planning(session: Session) -> dict[str, int | None]:
    """The demo's processes, context issues and parties by the keys above (None: not found).
    Each table that is empty gets the few records listed; one that holds records is only read."""
    people = _ids_by_name(session)
    found: dict[str, int | None] = {}
    tables = (
        (Process, Process.code, Process.name, PROCESSES),
        (ContextIssue, ContextIssue.reference, ContextIssue.title, ISSUES),
        (InterestedParty, InterestedParty.name, InterestedParty.name, PARTIES),
    )
    for model, key_col, name_col, wanted in tables:
        if not session.scalar(select(func.count()).select_from(model)):
            for entry in wanted:
                if model is Process:
                    code, name, kind, owner, _w = entry  # type: ignore[misc]
                    session.add(
                        Process(code=code, name=name, kind=kind, owner_id=people.get(owner))
                    )
                elif model is ContextIssue:
                    ref, side, title, _w = entry  # type: ignore[misc]
                    session.add(ContextIssue(reference=ref, side=side, title=title))
                else:
                    session.add(InterestedParty(name=entry[0]))
            session.flush()
        stmt = select(model.id, key_col, name_col)
        rows = [(r[0], r[1], r[2]) for r in session.execute(stmt)]
        for entry in wanted:
            found[entry[0]] = _find(rows, entry[0], entry[-1])
    return found


# (reference-free) risks: kind, title, description, source (kind, key), process, owner,
# L, C, treatment, plan, residual (L, C) or None, next review in months (negative: overdue).
_Risk = tuple[
    RiskKind, str, str, RiskSourceKind, str, str, str, int, int, T, str, tuple[int, int] | None, int
]
_R, _O = RiskKind.RISK, RiskKind.OPPORTUNITY
_CI, _IP, _PR = (
    RiskSourceKind.CONTEXT_ISSUE,
    RiskSourceKind.INTERESTED_PARTY,
    RiskSourceKind.PROCESS,
)
RISKS: tuple[_Risk, ...] = (
    (
        _R,
        "Only one person can program the CMM",
        "If Priya Raman is away, first-article and final inspection of complex parts stop.",
        _CI,
        "INT-02",
        "P-INS",
        "Łukasz Żółć",
        3,
        4,
        T.REDUCE,
        "Train a second CMM programmer; write the CMM programming instruction.",
        (2, 4),
        3,
    ),
    (
        _R,
        "Late 6082 bar stock from the main supplier",
        "Three late deliveries last autumn held up the turning cell.",
        _CI,
        "EXT-01",
        "P-PUR",
        "Sarah Whitfield",
        4,
        3,
        T.REDUCE,
        "Approve a second bar stock supplier; hold two weeks of stock of the common sizes.",
        (2, 3),
        6,
    ),
    (
        _R,
        "Spindle failure on the DMU 50 stops five-axis work",
        "The June failure cost nine days of five-axis capacity and the on-time delivery target.",
        _PR,
        "P-MNT",
        "P-MNT",
        "Ian Fletcher",
        3,
        5,
        T.REDUCE,
        "Spindle vibration checks monthly; a service contract with a 48-hour call-out.",
        (2, 5),
        2,
    ),
    (
        _R,
        "Gauges used after their calibration date",
        "Found three times on the shop floor (CA-2026-002): parts may be accepted on a wrong "
        "reading.",
        _PR,
        "P-INS",
        "P-INS",
        "Łukasz Żółć",
        3,
        4,
        T.REDUCE,
        "Reminders a month before each gauge falls due; unused gauges withdrawn.",
        (1, 4),
        4,
    ),
    (
        _R,
        "Approved suppliers not re-evaluated on time",
        "The certification body's finding (CA-2026-001): suppliers stay approved without evidence.",
        _IP,
        "Certification body",
        "P-PUR",
        "Sarah Whitfield",
        3,
        3,
        T.REDUCE,
        "Supplier re-evaluation dates on the purchasing calendar; reviewed monthly.",
        (2, 3),
        -1,
    ),
    (
        _R,
        "Harbrook's AS9102 first-article reports not accepted",
        "Harbrook Aerospace now asks for AS9102 first-article reports on every new part.",
        _IP,
        "Harbrook Aerospace",
        "P-INS",
        "Łukasz Żółć",
        4,
        3,
        T.REDUCE,
        "AS9102 forms in the inspection procedure; two inspectors trained.",
        (2, 3),
        5,
    ),
    (
        _R,
        "Energy costs rise further",
        "Energy rose by about a fifth last year; quotes made on old rates lose money.",
        _CI,
        "EXT-02",
        "P-MGT",
        "Margaret Hollis",
        4,
        2,
        T.ACCEPT,
        "Accepted: prices reviewed each quarter with the energy surcharge clause.",
        None,
        4,
    ),
    (
        _R,
        "Outsourced heat treatment or plating out of specification",
        "All heat treatment and plating is outsourced (8.5.1 f excluded, controlled under 8.4).",
        _IP,
        "Approved suppliers",
        "P-PUR",
        "Mehmet Yılmaz",
        2,
        4,
        T.SHARE,
        "Approved suppliers only; certificates of conformity checked at goods-in; supplier "
        "liability in the purchase conditions.",
        (2, 3),
        7,
    ),
    (
        _R,
        "Changes in production made without a record",
        "The 2026 internal audit found set-up changes made without a record; QP-08-09 is being "
        "written.",
        _PR,
        "P-PRD",
        "P-PRD",
        "Anders Ørsted",
        3,
        3,
        T.REDUCE,
        "Issue QP-08-09 Control of changes in production and brief the setters.",
        None,
        3,
    ),
    (
        _R,
        "Loss of CAM programs and job data",
        "Programs live on the shop-floor network; a disk failure or ransomware would stop work.",
        _CI,
        "INT-03",
        "P-ENG",
        "Fiona Grant",
        2,
        5,
        T.REDUCE,
        "Nightly copies off site; restore tested twice a year.",
        (1, 5),
        -2,
    ),
    (
        _R,
        "Wrong material certificate accepted at goods-in",
        "Once in the last audit period; the material itself was right.",
        _PR,
        "P-PUR",
        "P-PUR",
        "Mehmet Yılmaz",
        2,
        2,
        T.REDUCE,
        "Goods-in check of the certificate against the order's material grade.",
        (1, 2),
        8,
    ),
    (
        _R,
        "A setter leaves before the new machine arrives",
        "One more setter is needed once the second five-axis machine is running.",
        _PR,
        "P-HR",
        "P-HR",
        "Fiona Grant",
        2,
        2,
        T.ACCEPT,
        "Accepted: recruitment under way (last year's review action).",
        None,
        6,
    ),
    (
        _O,
        "Quote complex aerospace parts on the second five-axis machine",
        "The new machining centre opens work Kestrel had to turn down.",
        _CI,
        "INT-01",
        "P-SAL",
        "Olivia Bennett",
        4,
        4,
        T.PURSUE,
        "Visit three aerospace prospects with sample parts once the machine is commissioned.",
        (4, 4),
        3,
    ),
    (
        _O,
        "Quick-change jaws cut set-up time on the lathes",
        "Last year's review decided to trial them on the NLX 2500.",
        _PR,
        "P-PRD",
        "P-PRD",
        "Anders Ørsted",
        4,
        3,
        T.PURSUE,
        "Fit them to the second lathe if the trial holds up.",
        (4, 3),
        4,
    ),
    (
        _O,
        "Reduced goods-in inspection for proven bar stock suppliers",
        "An opportunity for improvement from the purchasing audit.",
        _PR,
        "P-PUR",
        "P-PUR",
        "Mehmet Yılmaz",
        3,
        2,
        T.PURSUE,
        "Skip-lot inspection for suppliers with 12 months without a rejection.",
        None,
        5,
    ),
    (
        _O,
        "Barcode labels on dispatch",
        "An idea from the shop floor: fewer mixed-up labels and quicker dispatch notes.",
        _PR,
        "P-DSP",
        "P-DSP",
        "Ruth Evans",
        2,
        2,
        T.PURSUE,
        "",
        None,
        9,
    ),
)

# The actions raised: (risk's index in RISKS, title, owner, due in months from raising,
# state: "closed", "waiting", "open").
_ACTIONS = (
    (0, "Write the CMM programming work instruction", "Priya Raman", 2, "closed"),
    (1, "Approve a second 6082 bar stock supplier", "Sarah Whitfield", 2, "closed"),
    (1, "Hold two weeks of stock of the five commonest bar sizes", "Mehmet Yılmaz", 3, "waiting"),
    (2, "Sign a spindle service contract with a 48-hour call-out", "Ian Fletcher", 2, "closed"),
    (2, "Monthly spindle vibration checks on the DMU 50", "Rui Costa", 1, "open"),
    (
        3,
        "Set up calibration reminders a month before each gauge falls due",
        "Priya Raman",
        1,
        "closed",
    ),
    (
        4,
        "Put supplier re-evaluation dates on the purchasing calendar",
        "Sarah Whitfield",
        1,
        "open",
    ),
    (5, "Train two inspectors in AS9102 first-article reports", "Łukasz Żółć", 3, "waiting"),
    (8, "Issue QP-08-09 and brief the setters", "Anders Ørsted", 2, "open"),
    (9, "Test a restore of the CAM programs from the off-site copy", "Fiona Grant", 1, "open"),
    (12, "Visit three aerospace prospects with sample parts", "Olivia Bennett", 4, "open"),
    (13, "Fit quick-change jaws to the second lathe", "Anders Ørsted", 3, "open"),
)
# Effectiveness reviews: (risk index, months ago, by, outcome, what was seen).
_REVIEWS = (
    (
        1,
        5,
        "Sarah Whitfield",
        ReviewOutcome.EFFECTIVE,
        "No bar stock delivery late since the second supplier was approved (6 months).",
    ),
    (
        0,
        3,
        "Łukasz Żółć",
        ReviewOutcome.PARTLY,
        "The instruction is written, but the second programmer is not yet signed off.",
    ),
    (
        2,
        2,
        "Anders Ørsted",
        ReviewOutcome.EFFECTIVE,
        "One spindle alarm in October: the engineer came the next day, 1 day lost instead of 9.",
    ),
    (
        3,
        1,
        "Margaret Hollis",
        ReviewOutcome.EFFECTIVE,
        "No gauge found past its date on the shop floor in 4 months of checks.",
    ),
)


def _due(index: int, state: str, raised: dt.date, months: int, on: dt.date) -> dt.date:
    """Done actions were due some months after they were raised; open ones fall due in the
    coming months, except the supplier re-evaluation calendar (R-005), which is late."""
    if state != "open" or index == 4:
        return add_months(raised, months)
    return add_months(on, months)


def write_risks(session: Session, on: dt.date, user: str) -> dict[str, int]:
    """Add the demo's risks and opportunities as of `on`; returns their ids by reference.
    Nothing is added without the register of people the risks are owned by."""
    people = _ids_by_name(session)
    if "Margaret Hollis" not in people:
        return {}
    links = ensure_planning(session)
    ids: list[int] = []
    for n, (
        kind,
        title,
        text,
        source,
        key,
        process,
        owner,
        lik,
        con,
        treatment,
        plan,
        after,
        review,
    ) in enumerate(RISKS):
        source_id = links.get(key)
        fields = RiskFields(
            title=title,
            likelihood=lik,
            consequence=con,
            kind=kind,
            description=text,
            source_kind=source if source_id is not None else RiskSourceKind.OTHER,
            issue_id=source_id if source == _CI else None,
            party_id=source_id if source == _IP else None,
            process_id=links.get(process),
            owner_id=people.get(owner),
            treatment=treatment,
            treatment_plan=plan,
            residual_likelihood=after[0] if after else None,
            residual_consequence=after[1] if after else None,
            identified_on=add_months(on, -14 + n % 6),
            next_review=add_months(on, review)
            if review > 0
            else on + dt.timedelta(days=20 * review),
        )
        ids.append(risks.create_risk(session, fields, user, on=fields.identified_on))
    for index, title, owner, months, state in _ACTIONS:
        raised = add_months(on, -9 + index % 4)
        action_id = risks.raise_action(
            session,
            ids[index],
            title,
            user,
            owner_id=people.get(owner),
            due_date=_due(index, state, raised, months, on),
            on=raised,
        )
        if state == "open":
            continue
        row = actions.get_row(session, action_id)
        done = min(add_months(raised, months) - dt.timedelta(days=5), on)
        actions.update_action(
            session,
            action_id,
            replace(
                row.fields(),
                status=actions.ActionStatus.AWAITING_VERIFICATION,
                completed_on=done,
                corrective_action=row.corrective_action or title,
                verify_due=add_months(done, 2),
            ),
            user,
            on=on,
        )
        if state == "closed":
            actions.verify(
                session,
                action_id,
                verified_on=min(add_months(done, 1), on),
                verified_by_id=people["Łukasz Żółć"],
                effective=True,
                note="Checked against the records of the following weeks.",
                user=user,
                on=on,
            )
    for index, months, who, outcome, note in _REVIEWS:
        risks.add_review(
            session,
            ids[index],
            ReviewFields(add_months(on, -months), people.get(who), outcome, note),
            user,
            on=on,
        )
    return {risks.get_row(session, i).reference: i for i in ids}
