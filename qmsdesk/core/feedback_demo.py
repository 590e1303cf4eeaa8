"""The demo's customer feedback: twenty complaints, compliments and returns over the last year and
a half, and two satisfaction surveys, telling the story the management reviews tell.

Last year's review read two complaints (a late delivery to Norbeck Pumps, a burr on valve bodies)
and a survey of 14 customers, 11 replies, 4.2 out of 5. Since then: the burr in the cross-hole of
Aldridge Hydraulics' part 7731-02 (complaint CC-0043, whose corrective action the audits' demo
raised and closed after a second fix), a complaint from Harbrook Aerospace past the date it was
promised an answer, and this year's survey.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import actions, feedback, people
from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models_actions import Action, ActionSource
from qmsdesk.core.db.models_feedback import FeedbackKind, Severity

C, P, R = FeedbackKind.COMPLAINT, FeedbackKind.COMPLIMENT, FeedbackKind.RETURN
MINOR, MAJOR, CRITICAL = Severity.MINOR, Severity.MAJOR, Severity.CRITICAL

# reference, kind, days ago, customer, product, description, severity, handled by,
# response (empty: not answered yet), days to answer, days to close (None: open)
_FEEDBACK: tuple[
    tuple[str, FeedbackKind, int, str, str, str, Severity | None, str, str, int, int | None], ...
] = (
    ("CC-0040", C, 520, "Norbeck Pumps", "Order 24-1187, impeller housings",
     "Delivered six days late; the customer's line waited.", MAJOR, "Olivia Bennett",
     "Apology; the late order was split and half sent by courier. Bar stock supplier chased.",
     2, 20),
    ("CC-0041", C, 455, "Norbeck Pumps", "Valve body VB-220 batch 11",
     "Burr on the inlet port of a batch of valve bodies.", MINOR, "Grace Adeyemi",
     "Batch sorted at the customer's site; deburring fixture modified.", 3, 25),
    ("CP-0017", P, 430, "Harbrook Aerospace", "Expedite of bracket HA-5510",
     "Thanks for turning the expedite round in four days.", None, "Olivia Bennett", "", 0, None),
    ("RT-0011", R, 400, "Aldridge Hydraulics", "Spacer 7731-05, 20 pcs",
     "Returned: ordered in the wrong length by the customer.", MINOR, "Noah Fischer",
     "Credit note issued; the customer re-ordered.", 2, 9),
    ("CP-0018", P, 310, "Norbeck Pumps", "Valve bodies after the burr complaint",
     "Quality of the last three batches noticed and appreciated.", None, "Olivia Bennett",
     "", 0, None),
    ("RT-0012", R, 260, "Calder Valves", "Stem CV-18, 50 pcs",
     "Returned: thread gauge NOGO entered on 3 parts.", MAJOR, "Łukasz Żółć",
     "Parts re-inspected: thread cut at the top of its tolerance; 3 replaced.", 4, 21),
    ("CC-0042", C, 230, "Calder Valves", "Certificate of conformity, order 25-0312",
     "The certificate named the wrong material grade.", MINOR, "Łukasz Żółć",
     "Corrected certificate sent the same day; template fixed.", 1, 3),
    ("CP-0019", P, 205, "Harbrook Aerospace", "First-article inspection report HA-6120",
     "FAI report praised by the customer's supplier quality engineer.", None, "Priya Raman",
     "", 0, None),
    ("CC-0043", C, 183, "Aldridge Hydraulics", "Part 7731-02, 200 pcs",
     "Burrs found in the 4 mm cross-hole on 12 of 200 parts.", MAJOR, "Grace Adeyemi",
     "Stock sorted and deburred; replacement parts sent in two days. Drilling sequence changed "
     "(CHG record) after the first fix did not hold.", 2, 150),
    ("RT-0013", R, 170, "Aldridge Hydraulics", "Part 7731-02 batch 19",
     "Returned with the complaint CC-0043 for rework.", MAJOR, "Grace Adeyemi",
     "Reworked with the back-deburring tool and re-inspected 100%.", 3, 14),
    ("CP-0020", P, 140, "Aldridge Hydraulics", "Part 7731-02",
     "No burr on the six batches since the change; thanks for the follow-up.", None,
     "Olivia Bennett", "", 0, None),
    ("CC-0044", C, 120, "Pellam Medical", "Housing PM-330",
     "Surface finish on the sealing face rougher than the drawing allows on 4 parts.",
     MAJOR, "Anders Ørsted", "Insert grade changed; parts re-made and re-measured.", 4, 30),
    ("CP-0021", P, 95, "Pellam Medical", "Housing PM-330 re-make",
     "Quick recovery on the re-make noticed.", None, "Olivia Bennett", "", 0, None),
    ("RT-0014", R, 80, "Norbeck Pumps", "Impeller housing IH-40, 10 pcs",
     "Returned: packaging crushed in transit, two parts dented.", MINOR, "Ruth Evans",
     "Parts replaced; carrier claim made; crates now used for IH-40.", 3, 18),
    ("CC-0045", C, 60, "Norbeck Pumps", "Order 26-0140",
     "Delivery note did not show the customer's order line numbers.", MINOR, "Noah Fischer",
     "Delivery note template changed to print the order lines.", 2, 8),
    ("CP-0022", P, 45, "Calder Valves", "Supplier day",
     "Good score at the customer's supplier day; delivery 100% this quarter.", None,
     "Olivia Bennett", "", 0, None),
    ("RT-0015", R, 30, "Pellam Medical", "Cover PM-331, 5 pcs",
     "Returned: a part marked with the wrong revision letter.", MINOR, "Priya Raman",
     "Marking program corrected; parts re-marked.", 5, None),
    ("CP-0023", P, 20, "Harbrook Aerospace", "Manifold development",
     "Thanks for the design review of the new manifold; clear and well prepared.", None,
     "Aisha Khan", "", 0, None),
    ("CC-0046", C, 9, "Harbrook Aerospace", "First-article report HA-6188",
     "FAI report not in the AS9102 form the customer now asks for.", MAJOR, "Łukasz Żółć",
     "", 0, None),
    ("CC-0047", C, 3, "Calder Valves", "Stem CV-18 batch 7",
     "Two stems out of straightness.", MINOR, "Priya Raman", "", 0, None),
)  # fmt: skip

# reference, months before `on` the period ends, months covered, method, asked, replied, score,
# comments
_SURVEYS = (
    ("CS-2025", 14, 12, "Questionnaire by e-mail, followed by a phone call", 14, 11, 4.2,
     "Delivery and responsiveness scored highest; paperwork (certificates) lowest. "
     "4.0 the year before."),
    ("CS-2026", 2, 12, "Questionnaire by e-mail, followed by a phone call", 16, 12, 4.4,
     "Better scores for quality after the cross-hole change; Harbrook asks for AS9102 FAI "
     "reports on all new parts."),
)  # fmt: skip


def write_feedback(session: Session, on: dt.date, user: str) -> None:
    """Add the demo's feedback and surveys as of `on`, changed by `user`."""
    ids = {p.name: p.id for p in people.all_people(session)}
    by_ref: dict[str, int] = {}
    for (
        ref,
        kind,
        ago,
        customer,
        product,
        text,
        severity,
        who,
        answer,
        answer_in,
        close_in,
    ) in _FEEDBACK:
        received = on - dt.timedelta(days=ago)
        answered = received + dt.timedelta(days=answer_in) if answer else None
        closed = received + dt.timedelta(days=close_in) if close_in is not None else None
        if kind == P:
            closed = None
        by_ref[ref] = feedback.create_feedback(
            session,
            feedback.FeedbackFields(
                kind=kind,
                customer=customer,
                received_on=received,
                reference=ref,
                product=product,
                description=text,
                severity=severity,
                owner_id=ids.get(who),
                response=answer,
                responded_on=answered,
                closed_on=closed,
            ),
            user,
            on,
        )
    _link_the_burr_complaint(session, by_ref["CC-0043"], user, on)
    for ref, ends, months, method, asked, replied, score, comments in _SURVEYS:
        end = add_months(on, -ends)
        feedback.create_survey(
            session,
            feedback.SurveyFields(
                period_start=add_months(end, -months) + dt.timedelta(days=1),
                period_end=end,
                score=score,
                reference=ref,
                method=method,
                sent=asked,
                responses=replied,
                comments=comments,
            ),
            user,
            on,
        )


def _link_the_burr_complaint(session: Session, feedback_id: int, user: str, on: dt.date) -> None:
    """The audits' demo raised the corrective action for CC-0043: point each at the other."""
    action_id = session.scalar(
        select(Action.id).where(
            Action.source_kind == ActionSource.CUSTOMER_COMPLAINT,
            Action.source_ref.like("CC-0043%"),
        )
    )
    if action_id is None:
        return
    row = actions.get_row(session, action_id)
    actions.update_action(
        session, action_id, replace(row.fields(), source_id=feedback_id), user, on
    )
    complaint = feedback.get_row(session, feedback_id)
    feedback.update_feedback(
        session, feedback_id, replace(complaint.fields(), action_id=action_id), user, on
    )
