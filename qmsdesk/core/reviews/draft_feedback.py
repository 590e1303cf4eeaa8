"""A management review's input c 1 drafted from the customer feedback register: complaints,
compliments and returns received in the period, how they were answered, and the satisfaction
results. (The corrective actions the complaints raised follow, drafted from the actions register
by :func:`qmsdesk.core.reviews.draft_actions.draft_source`.)"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models_actions import Action
from qmsdesk.core.db.models_feedback import Feedback, FeedbackKind, SatisfactionResult
from qmsdesk.core.feedback.vocab import KIND_LABELS, SEVERITY_LABELS
from qmsdesk.core.reviews.drafting import Draft, Period, day_text, limited, plural, stored_day


def _status(closed: object, response: str, due: object, on: object) -> str:
    closed_day = stored_day(closed)
    if closed_day is not None:
        return f"Closed {day_text(closed_day)}"
    due_day = stored_day(due)
    if not response and due_day is not None and due_day < stored_day(on):  # type: ignore[operator]
        return f"OVERDUE: answer due {day_text(due_day)}"
    return "Answered, open" if response else "Open"


def draft_feedback(session: Session, period: Period) -> Draft:
    """Complaints, compliments and returns in the period; their state; satisfaction results."""
    on, F = period.as_at, Feedback
    in_period = period.contains(F.received_on)
    kind = F.kind
    unanswered = (F.kind != FeedbackKind.COMPLIMENT) & (F.closed_on.is_(None) | (F.closed_on > on))
    listed = (in_period & (kind != FeedbackKind.COMPLIMENT)) | (unanswered & (F.received_on <= on))
    complaints, compliments, returns, still_open, overdue, total = session.execute(
        select(
            func.count().filter(in_period & (kind == FeedbackKind.COMPLAINT)),
            func.count().filter(in_period & (kind == FeedbackKind.COMPLIMENT)),
            func.count().filter(in_period & (kind == FeedbackKind.RETURN)),
            func.count().filter(unanswered & (F.received_on <= on)),
            func.count().filter(
                unanswered & (F.received_on <= on) & (F.response == "") & (F.respond_by < on)
            ),
            func.count().filter(listed),
        )
    ).one()
    surveys = raw_rows(
        session,
        select(
            SatisfactionResult.reference,
            SatisfactionResult.period_start,
            SatisfactionResult.period_end,
            SatisfactionResult.method,
            SatisfactionResult.sent,
            SatisfactionResult.responses,
            SatisfactionResult.score,
            SatisfactionResult.scale_max,
        )
        .where(period.contains(SatisfactionResult.period_end))
        .order_by(SatisfactionResult.period_end),
    )
    if not (complaints or compliments or returns or still_open or surveys):
        # Nothing to say here: the actions register's sentence on complaints follows alone.
        return Draft()
    parts = [
        f"Received in the period: {plural(complaints, 'complaint')}, "
        f"{plural(compliments, 'compliment')} and {plural(returns, 'return')}."
    ]
    if still_open:
        late = f", {overdue:,} of them not answered by the date promised" if overdue else ""
        parts.append(
            f"On {day_text(on)}, "
            f"{plural(still_open, 'complaint or return', 'complaints or returns')} "
            f"{'was' if still_open == 1 else 'were'} open{late}."
        )
    else:
        parts.append(f"On {day_text(on)}, every complaint and return was closed.")
    if surveys:
        ref, _s, _e, _m, sent, replied, score, top = surveys[-1]
        asked = f" of {sent:,} asked" if sent else ""
        parts.append(
            f"Customer satisfaction ({ref}): {replied:,} replies{asked}, a score of {score:g} out "
            f"of {top}."
        )
        before = session.execute(
            select(SatisfactionResult.reference, SatisfactionResult.score)
            .where(SatisfactionResult.period_end < period.start)
            .order_by(SatisfactionResult.period_end.desc())
            .limit(1)
        ).first()
        if before is not None:
            parts[-1] += f" The survey before ({before[0]}) scored {before[1]:g}."
    else:
        parts.append("No customer satisfaction result was recorded for the period.")
    tables = []
    if surveys:
        tables.append(
            limited(
                "Customer satisfaction results",
                ("Survey", "Period", "Method", "Replies", "Score"),
                [
                    (
                        ref,
                        f"{day_text(stored_day(a))} to {day_text(stored_day(b))}",
                        m,
                        f"{r:,}" + (f" of {n:,}" if n else ""),
                        f"{sc:g} / {top}",
                    )
                    for ref, a, b, m, n, r, sc, top in surveys
                ],
            )
        )
    rows = raw_rows(
        session,
        select(
            F.reference,
            F.kind,
            F.received_on,
            F.customer,
            F.severity,
            F.closed_on,
            F.response,
            F.respond_by,
            func.coalesce(Action.reference, ""),
        )
        .outerjoin(Action, Action.id == F.action_id)
        .where(listed)
        # Sorted after the filter (an expression), not by walking the date's index.
        .order_by(func.coalesce(F.received_on, F.received_on), F.reference)
        .limit(15),
    )
    if rows:
        tables.append(
            limited(
                "Complaints and returns received in the period or still open",
                ("Ref.", "Kind", "Received", "Customer", "Severity", "Status", "Action"),
                [
                    (
                        ref,
                        KIND_LABELS[FeedbackKind(k)],
                        day_text(stored_day(rec)),
                        cust,
                        SEVERITY_LABELS.get(sev, "") if sev else "",
                        _status(cl, resp, due, on),
                        act,
                    )
                    for ref, k, rec, cust, sev, cl, resp, due, act in rows
                ],
                total,
            )
        )
    return Draft(" ".join(parts), tuple(tables))
