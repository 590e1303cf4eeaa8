"""The demo company's management reviews: last year's, approved, with its decisions and actions,
and this year's, planned, drafted from the demo registers.

:func:`write_reviews` adds them to a company file; run it after the other registers' demo data, so
that this year's draft finds the documents, training, audits and actions the demo holds. Last
year's actions are in every state: closed after a check that they worked, done and waiting for
that check, in progress, and one overdue that this year's review will have to discuss.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core import actions, first_year_demo, people, reviews
from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models import Document, Revision
from qmsdesk.core.db.models_actions import Action, ActionKind, ActionSource
from qmsdesk.core.db.models_audits import Audit, AuditStatus, Finding, FindingClass
from qmsdesk.core.db.models_reviews import Review, ReviewInput
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

# What the lead wrote that the registers do not hold (survey, delivery and yield figures, the
# context); every count of the registers in the narratives is read from them (_narratives).
_CONTEXT = (
    "Harbrook Aerospace now asks for first-article inspection reports to AS9102 on all new "
    "parts. A second five-axis machining centre was ordered for delivery in the spring. Energy "
    "costs rose by about a fifth. No change in ownership, site or scope."
)
_CAPACITY = (
    "The shop ran at 85-90% of capacity most of the year. One more setter is needed once the new "
    "machine arrives. Training matrix mostly up to date; CMM programming depends on one person."
)
_RISKS = (
    "Risk of losing the only CMM programmer: a second inspector to be trained. Risk of late bar "
    "stock: a second supplier approved, which worked as intended."
)
_MEASURING = (
    "At the year's end every gauge in use was in date; two thread gauges were withdrawn. CMM "
    "correlation study satisfactory; one out-of-limits reading traced to a worn probe tip."
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
        "Add Harbrook's AS9102 first-article reports to final inspection and its records.",
        (("Bring AS9102 first-article reports into QP-08-07 and F-08-03", "Łukasz Żółć", 6),),
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


def last_review_dates(on: dt.date) -> tuple[dt.date, dt.date, dt.date]:
    """Last year's review as of `on`: its meeting day and the first and last day of its period."""
    meeting = add_months(on, -11) - dt.timedelta(days=on.weekday() % 7)
    return meeting, add_months(meeting, -12), meeting - dt.timedelta(days=1)


def write_reviews(session: Session, on: dt.date, user: str) -> None:
    """Add last year's review (approved) and this year's (planned) as of `on`, changed by `user`.
    Nothing is added without the register of people the reviews are built on."""
    write_last_review(session, on, user)
    write_this_review(session, on, user)


def write_last_review(session: Session, on: dt.date, user: str) -> int | None:
    """Last year's review, drafted from the registers as they stood at the end of its period
    (call it before adding what happened later), approved a week after the meeting, its actions
    moved on since. Returns its id (None without the register of people)."""
    ids = _ids_by_name(session)
    if _CHAIR not in ids:  # the register of people is not there: nothing to build reviews on
        return None
    attended = [ids[n] for n in _ATTENDED if n in ids]
    apologies = [ids[n] for n in _APOLOGIES if n in ids]
    last_meeting, start, end = last_review_dates(on)
    last_fields = ReviewFields(
        meeting_date=last_meeting,
        period_start=start,
        period_end=end,
        place=_PLACE,
        chair_id=ids[_CHAIR],
    )
    last_id = reviews.create_review(session, last_fields, user, on=last_meeting)
    _stamp_drafted(session, last_id, dt.datetime.combine(end, dt.time(17, 0)))
    reviews.set_attendance(session, last_id, attended, apologies, user)
    reviews.mark_held(session, last_id, user, on=last_meeting)
    reviews.set_narratives(session, last_id, _narratives(session, last_meeting, start, end), user)
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
    reviews.approve(session, last_id, _CHAIR, last_meeting + dt.timedelta(days=7), user)
    _progress_actions(session, created, last_meeting, on, ids, user)
    return last_id


def write_this_review(session: Session, on: dt.date, user: str) -> None:
    """This year's review, planned: its inputs are drafted from the demo registers."""
    ids = _ids_by_name(session)
    if _CHAIR not in ids:
        return
    attended = [ids[n] for n in _ATTENDED if n in ids]
    apologies = [ids[n] for n in _APOLOGIES if n in ids]
    _last, _start, last_end = last_review_dates(on)
    meeting = on + dt.timedelta(days=21)
    this_id = reviews.create_review(
        session,
        ReviewFields(
            meeting_date=meeting,
            period_start=last_end + dt.timedelta(days=1),
            period_end=meeting - dt.timedelta(days=1),
            place=_PLACE,
            chair_id=ids[_CHAIR],
        ),
        user,
        on=on,
    )
    reviews.set_attendance(session, this_id, [*attended, *apologies], [], user)


def _stamp_drafted(session: Session, review_id: int, at: dt.datetime) -> None:
    """Date the drafts as of the day they were drafted in the story (the period's end), not the
    day the demo file is written."""
    review = session.get(Review, review_id)
    assert review is not None
    review.drafted_at = at
    for section in session.scalars(select(ReviewInput).where(ReviewInput.review_id == review_id)):
        section.drafted_at = at
    session.flush()


def _in(column: Any, start: dt.date, end: dt.date) -> Any:
    return column.between(start, end)


def _actions_in(
    session: Session, start: dt.date, end: dt.date, source: ActionSource | None = None
) -> list[Action]:
    stmt = select(Action).where(_in(Action.raised_on, start, end))
    if source is not None:
        stmt = stmt.where(Action.source_kind == source)
    return list(session.scalars(stmt.order_by(Action.raised_on, Action.id)))


def _count(n: int, one: str, many: str) -> str:
    words = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")
    return f"{words[n] if n < len(words) else n} {one if n == 1 else many}"


def _closed_text(found: Sequence[Action], end: dt.date) -> str:
    closed = sum(1 for a in found if a.closed_on is not None and a.closed_on <= end)
    if not found:
        return ""
    if closed == len(found):
        return "all closed" if len(found) > 1 else "closed"
    return f"{closed} of {len(found)} closed"


def _overdue_text(n: int) -> str:
    if n == 0:
        return "No document was past its review date"
    if n == 1:
        return "One document was past its review date"
    return f"{_count(n, '', '').strip()} documents were past their review date"


def _narratives(session: Session, meeting: dt.date, start: dt.date, end: dt.date) -> dict[str, str]:
    """What the lead wrote for last year's review: figures of the registers counted for its
    period, so that the narratives say what the drafted summaries beside them say."""
    earlier = session.scalar(
        select(func.count()).select_from(Review).where(Review.meeting_date < meeting)
    )
    if not earlier:
        previous = (
            "This was the first management review of the quality system, so there were no "
            "actions from an earlier review to follow up. The inspection planning sheet "
            "introduced in the spring is used on every job."
        )
    else:  # pragma: no cover - the demo has one review before this year's
        previous = "Actions from the previous review are listed in the drafted summary."
    complaints = _actions_in(session, start, end, ActionSource.CUSTOMER_COMPLAINT)
    listed = "; ".join(
        f"{a.title[:1].lower()}{a.title[1:]} ({a.source_ref.split(' ')[0]})" for a in complaints
    )
    complaint_text = f"{_count(len(complaints), 'complaint', 'complaints')}" + (
        f": {listed}, {_closed_text(complaints, end)}." if complaints else "."
    )
    process_nc = _actions_in(session, start, end, ActionSource.PROCESS_NC)
    supplier = _actions_in(session, start, end, ActionSource.SUPPLIER)
    corrective = [a for a in _actions_in(session, start, end) if a.kind == ActionKind.CORRECTIVE]
    done = list(
        session.scalars(
            select(Audit)
            .where(
                Audit.status.in_([AuditStatus.REPORTED, AuditStatus.CLOSED]),
                _in(
                    func.coalesce(Audit.actual_end, Audit.actual_start, Audit.planned_start),
                    start,
                    end,
                ),
            )
            .order_by(Audit.planned_start)
        )
    )
    classes = Counter(
        f.classification
        for f in session.scalars(select(Finding).where(Finding.audit_id.in_([a.id for a in done])))
    )
    nc = classes[FindingClass.MAJOR_NC] + classes[FindingClass.MINOR_NC]
    titles = "; ".join(f"{a.reference} {a.title}" for a in done)
    overdue = session.scalar(
        select(func.count()).select_from(Document).where(Document.next_review < end)
    )
    approved = session.scalar(
        select(func.count()).select_from(Revision).where(_in(Revision.approved_on, start, end))
    )
    met = "met" if len(complaints) <= 3 else "missed"
    return {
        "9.3.2 a": previous,
        "9.3.2 b": _CONTEXT,
        "9.3.2 c 1": "Survey of 14 main customers: 11 replied, average score 4.2 out of 5. "
        f"{complaint_text} Harbrook praised the speed of our responses.",
        "9.3.2 c 2": "On-time delivery 94% (target 95%): missed by a point because of the spindle "
        "failure in June. Scrap 1.8% of hours (target under 2%): met. "
        f"Complaints {len(complaints)} (target 3 or fewer): {met}.",
        "9.3.2 c 3": "First-pass yield rose from 96.1% to 97.0%; rework hours fell after the new "
        "deburring fixtures. "
        f"{_count(len(process_nc), 'nonconformity', 'nonconformities')} found at work, "
        f"{_closed_text(process_nc, end) or 'none open'}. Turning cell still the bottleneck in "
        "peak weeks.",
        "9.3.2 c 4": f"{_count(len(corrective), 'corrective action', 'corrective actions')} "
        f"raised in the year, {_closed_text(corrective, end)}. The one that repeated: gauges "
        f"found past their calibration date {first_year_demo.gauge_slips()} times. Root cause: "
        "no reminder before the due date; see the decisions.",
        "9.3.2 c 5": _MEASURING,
        "9.3.2 c 6": f"{_count(len(done), 'internal audit was', 'internal audits were')} done "
        f"in the year, as planned: {titles}. "
        f"{_count(nc, 'nonconformity', 'nonconformities')} found, "
        f"{_count(classes[FindingClass.OFI], 'opportunity', 'opportunities').lower()} for "
        "improvement "
        f"and {_count(classes[FindingClass.OBSERVATION], 'observation', 'observations').lower()}"
        ". Purchasing and design were not audited this year; both are in next year's programme.",
        "9.3.2 c 7": "Supplier on-time delivery 91%. "
        + " ".join(f"{a.problem} {a.corrective_action}" for a in supplier)
        + " Heat treatment supplier: no rejections.",
        "9.3.2 d": _CAPACITY,
        "9.3.2 e": _RISKS,
        "9.3.2 f": f"The audits raised "
        f"{_count(classes[FindingClass.OFI], 'opportunity', 'opportunities').lower()} for "
        "improvement. Ideas from the shop floor: quick-change jaws on the lathes, a visual "
        "board for job status, barcode labels on dispatch.",
        "7.5": f"{_overdue_text(overdue or 0)} at the year's end; {approved or 0} revisions "
        "were approved in the year.",
    }


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
        (
            "in_progress",
            "AS9102 reports trialled on two new Harbrook parts; QP-08-07 and F-08-03 "
            "still to be revised.",
        ),
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
                verified_by_id=checker,
                effective=True,
                note="Checked the records of the following month: working as intended.",
                user=user,
                on=on,
            )
