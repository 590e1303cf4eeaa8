"""The demo company's management reviews: last year's, approved, with its decisions and actions,
and this year's, planned, drafted from the demo registers.

:func:`write_reviews` adds them to a company file; run it after the other registers' demo data, so
that this year's draft finds the documents, training, audits and actions the demo holds. Last
year's actions are in every state: closed after a check that they worked, done and waiting for
that check, in progress, and one overdue that this year's review will have to discuss.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from qmsdesk.core import actions, people, reviews
from qmsdesk.core.dates import add_months
from qmsdesk.core.reviews import ReviewActionFields, ReviewFields

_CHAIR = "Margaret Hollis"
_ATTENDED = (
    "Margaret Hollis",
    "Łukasz Żółć",
    "Anders Ørsted",
    "Aisha Khan",
    "Sarah Whitfield",
    "Olivia Bennett",
)
_APOLOGIES = ("Fiona Grant",)
_PLACE = "Meeting room, first floor"

_LAST_YEAR_NARRATIVES = {
    "9.3.2 a": "All four actions from the previous review were closed. The new inspection "
    "planning sheet is used on every job; the customer survey was sent in March.",
    "9.3.2 b": "Harbrook Aerospace now asks for first-article inspection reports to AS9102 on "
    "all new parts. A second five-axis machining centre was ordered for delivery in the spring. "
    "Energy costs rose by about a fifth. No change in ownership, site or scope.",
    "9.3.2 c 1": "Survey of 14 main customers: 11 replied, average score 4.2 out of 5 (4.0 the "
    "year before). Two complaints: a late delivery to Norbeck Pumps and a burr on a batch of "
    "valve bodies, both closed. Harbrook praised the speed of our responses.",
    "9.3.2 c 2": "On-time delivery 94% (target 95%): missed by a point because of the spindle "
    "failure in June. Scrap 1.8% of hours (target under 2%): met. Complaints 2 (target 3 or "
    "fewer): met.",
    "9.3.2 c 3": "First-pass yield rose from 96.1% to 97.0%. Rework hours fell after the new "
    "deburring fixtures. Turning cell still the bottleneck in peak weeks.",
    "9.3.2 c 4": "Nine nonconformities in the year, most of them minor paperwork slips. The "
    "repeated one: gauges found out of calibration date on the shop floor (three times). Root "
    "cause: no reminder before the due date. Corrective action in hand.",
    "9.3.2 c 5": "All measuring equipment calibrated except two thread gauges withdrawn. CMM "
    "correlation study satisfactory. One out-of-limits reading traced to a worn probe tip.",
    "9.3.2 c 6": "Internal audits covered 8 of 10 planned processes; purchasing and design were "
    "postponed to the first quarter. Certification body surveillance audit: one minor "
    "nonconformity (supplier re-evaluation overdue), closed within the month.",
    "9.3.2 c 7": "Supplier on-time delivery 91%. Bar stock supplier late three times in the "
    "autumn; a second source was approved. Heat treatment supplier: no rejections.",
    "9.3.2 d": "The shop ran at 85-90% of capacity most of the year. One more setter is needed "
    "once the new machine arrives. Training matrix mostly up to date; CMM programming depends "
    "on one person.",
    "9.3.2 e": "Risk of losing the only CMM programmer: a second inspector started training. "
    "Risk of late bar stock: second supplier approved, worked as intended.",
    "9.3.2 f": "Ideas from the shop floor: quick-change jaws on the lathes, a visual board for "
    "job status, barcode labels on dispatch.",
    "7.5": "Several procedures were past their review date; owners agreed to review them by "
    "the summer.",
}

_LAST_YEAR_CONCLUSION = reviews.Conclusion(
    suitability="Suitable: the system fits a subcontract machine shop of our size and the work "
    "we take on, including the fixtures we design.",
    adequacy="Adequate, once the overdue procedure reviews are done and a second setter is "
    "trained (decisions D3 and D4).",
    effectiveness="Effective: on-time delivery and first-pass yield met their targets; the "
    "calibration lapses show where it slipped.",
    alignment="In line with the plan to grow aerospace work: the AS9102 first-article reports "
    "and the new machining centre are prepared for.",
)

# (output, decision, [(action, owner, months after the meeting it is due)])
_LAST_YEAR_DECISIONS: tuple[tuple[str, str, tuple[tuple[str, str, int], ...]], ...] = (
    (
        "9.3.3 a",
        "Reduce set-up time on the lathes with quick-change jaws, starting with the NLX 2500.",
        (
            (
                "Trial quick-change jaws on the NLX 2500 and report the set-up times",
                "Anders Ørsted",
                3,
            ),
        ),
    ),
    (
        "9.3.3 a",
        "Stop calibration dates being missed: reminders before each gauge falls due.",
        (
            ("Set up calibration due reminders a month ahead", "Łukasz Żółć", 2),
            ("Review the gauge register and withdraw unused gauges", "Priya Raman", 4),
        ),
    ),
    (
        "9.3.3 b",
        "Bring overdue procedure reviews up to date; owners review their procedures by summer.",
        (("Review the overdue procedures with their owners", "Łukasz Żółć", 6),),
    ),
    (
        "9.3.3 c",
        "Recruit a second setter before the new machining centre arrives; train a second CMM "
        "programmer.",
        (
            ("Recruit a setter / operator", "Fiona Grant", 5),
            ("Train a second person in CMM programming", "Priya Raman", 9),
        ),
    ),
)


def _ids_by_name(session: Session) -> dict[str, int]:
    return {p.name: p.id for p in people.all_people(session)}


def write_reviews(session: Session, on: dt.date, user: str) -> None:
    """Add last year's review (approved) and this year's (planned) as of `on`, changed by `user`.
    Nothing is added without the register of people the reviews are built on."""
    ids = _ids_by_name(session)
    if _CHAIR not in ids:  # the register of people is not there: nothing to build reviews on
        return
    attended = [ids[n] for n in _ATTENDED if n in ids]
    apologies = [ids[n] for n in _APOLOGIES if n in ids]

    # Last year's review, approved a week after the meeting.
    last_meeting = add_months(on, -11) - dt.timedelta(days=on.weekday() % 7)
    last_fields = ReviewFields(
        meeting_date=last_meeting,
        period_start=add_months(last_meeting, -12),
        period_end=last_meeting - dt.timedelta(days=1),
        place=_PLACE,
        chair_id=ids[_CHAIR],
    )
    last_id = reviews.create_review(session, last_fields, user, on=last_meeting)
    reviews.set_attendance(session, last_id, attended, apologies, user)
    reviews.mark_held(session, last_id, user, on=last_meeting)
    reviews.set_narratives(session, last_id, _LAST_YEAR_NARRATIVES, user)
    created: list[int] = []
    for output, text, planned in _LAST_YEAR_DECISIONS:
        decision = reviews.add_decision(session, last_id, output, text, user)
        for title, owner, months in planned:
            created.append(
                reviews.add_action(
                    session,
                    decision,
                    ReviewActionFields(title, ids.get(owner), add_months(last_meeting, months)),
                    user,
                    on=last_meeting,
                )
            )
    # Approved minutes record the lead's word on every input and the conclusion of 9.3.1.
    for section in reviews.sections(session, last_id):
        if not section.narrative.strip():
            reviews.set_nothing_to_report(session, last_id, section.item, True, user)
    reviews.set_conclusion(session, last_id, _LAST_YEAR_CONCLUSION, user)
    reviews.approve(session, last_id, _CHAIR, last_meeting + dt.timedelta(days=7), user)
    _progress_actions(session, created, last_meeting, on, ids, user)

    # This year's review, planned: its inputs are drafted from the demo registers.
    meeting = on + dt.timedelta(days=21)
    this_id = reviews.create_review(
        session,
        ReviewFields(
            meeting_date=meeting,
            period_start=last_fields.period_end + dt.timedelta(days=1),
            period_end=meeting - dt.timedelta(days=1),
            place=_PLACE,
            chair_id=ids[_CHAIR],
        ),
        user,
        on=on,
    )
    reviews.set_attendance(session, this_id, [*attended, *apologies], [], user)


def _progress_actions(
    session: Session,
    created: list[int],
    meeting: dt.date,
    on: dt.date,
    ids: dict[str, int],
    user: str,
) -> None:
    """Move last year's actions on: most closed after a check, one done and waiting for its
    check, one in progress, one still open and overdue."""
    from dataclasses import replace

    from qmsdesk.core.db.models_audits import ActionStatus

    checker = ids["Łukasz Żółć"]
    # By the order the actions were created in: (state, note).
    plan = (
        ("closed", "Quick-change jaws fitted; set-up on the NLX 2500 down from 40 to 25 minutes."),
        ("closed", "Reminders set a month ahead of each calibration date."),
        ("awaiting", "Gauge register reviewed; 14 unused gauges withdrawn and tagged."),
        ("in_progress", "Eleven of the nineteen overdue procedures reviewed so far."),
        ("closed", "Setter started in the production team."),
        ("open", ""),
    )
    for index, action_id in enumerate(created):
        state, note = plan[index] if index < len(plan) else ("open", "")
        if state == "open":
            continue
        row = actions.get_row(session, action_id)
        if state == "in_progress":
            actions.update_action(
                session,
                action_id,
                replace(row.fields(), status=ActionStatus.IN_PROGRESS, note=note),
                user,
                on=on,
            )
            continue
        done = min(on - dt.timedelta(days=10), add_months(meeting, 2 + index))
        actions.update_action(
            session,
            action_id,
            replace(
                row.fields(),
                status=ActionStatus.AWAITING_VERIFICATION,
                completed_on=done,
                note=note,
            ),
            user,
            on=on,
        )
        if state == "closed":
            actions.verify(
                session,
                action_id,
                verified_on=min(on, done + dt.timedelta(days=30)),
                # Someone other than the owner checks (the chair checks the quality manager's).
                verified_by_id=checker if row.owner_id != checker else ids[_CHAIR],
                effective=True,
                note="Checked the records of the following month: working as intended.",
                user=user,
                on=on,
            )
