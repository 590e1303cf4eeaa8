"""A management review's input on changes in the context (clause 9.3.2 b): the context issues and
interested parties added or changed in the period, read from the change history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qmsdesk.core.context.vocab import ISSUE_ENTITY, PARTY_ENTITY, SCOPE_ENTITY
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models import ChangeRecord
from qmsdesk.core.db.models_planning import ContextIssue, InterestedParty
from qmsdesk.core.reviews.drafting import Draft, Period, Table, day_text, limited, plural

_WHAT = {"create": "Added", "delete": "Removed"}
_KIND = {ISSUE_ENTITY: "Context issue", PARTY_ENTITY: "Interested party", SCOPE_ENTITY: "Scope"}


@dataclass
class _Entry:
    """What the history says of one record in the period."""

    ref: str
    at: object
    action: str = ""  # "Added", "Removed" or "" (changed)
    fields: list[str] = field(default_factory=list)


def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def draft_context(session: Session, period: Period) -> Draft:
    """Issues and parties added, changed or removed in the period; reviews overdue now."""
    issues = session.scalar(select(func.count()).select_from(ContextIssue)) or 0
    parties = session.scalar(select(func.count()).select_from(InterestedParty)) or 0
    if not issues and not parties:
        return Draft(
            "No context issue or interested party is recorded yet (Context tab): the changes "
            "in the context cannot be drafted from the registers."
        )
    start = dt.datetime.combine(period.start, dt.time.min)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min)
    stmt = (
        select(
            ChangeRecord.entity,
            ChangeRecord.entity_id,
            ChangeRecord.ref,
            ChangeRecord.action,
            ChangeRecord.field,
            ChangeRecord.at,
        )
        .where(
            ChangeRecord.entity.in_([ISSUE_ENTITY, PARTY_ENTITY, SCOPE_ENTITY]),
            ChangeRecord.at >= start,
            ChangeRecord.at < end,
        )
        .order_by(ChangeRecord.at)
    )
    changed: dict[tuple[str, int], _Entry] = {}
    for entity, entity_id, ref, action, label, at in raw_rows(session, stmt):
        entry = changed.setdefault((entity, entity_id), _Entry(ref, at))
        entry.ref, entry.at = ref, at
        if action in _WHAT and entry.action != "Added":
            entry.action = _WHAT[action]
        elif action not in _WHAT and label and label not in entry.fields:
            entry.fields.append(label)
    titles = dict(raw_rows(session, select(ContextIssue.id, ContextIssue.title)))
    on = period.as_at
    overdue = sum(
        session.scalar(select(func.count()).select_from(model).where(model.next_review < on)) or 0
        for model in (ContextIssue, InterestedParty)
    )
    counted = {
        kind: sum(1 for (entity, _id) in changed if entity == kind)
        for kind in (ISSUE_ENTITY, PARTY_ENTITY)
    }
    lines = [
        f"The context register holds {plural(issues, 'context issue')} and "
        f"{plural(parties, 'interested party', 'interested parties')}.",
        f"In the period, {plural(counted[ISSUE_ENTITY], 'issue')} and "
        f"{plural(counted[PARTY_ENTITY], 'party', 'parties')} were added or changed"
        + (", and the scope was changed." if (SCOPE_ENTITY, 1) in changed else "."),
    ]
    if overdue:
        lines.append(
            f"On {day_text(on)}, {plural(overdue, 'review')} of issues or parties "
            f"{'was' if overdue == 1 else 'were'} overdue."
        )
    rows = []
    for (entity, entity_id), entry in changed.items():
        what = entry.action or "Changed"
        detail = ", ".join(entry.fields) if what == "Changed" else ""
        title = titles.get(entity_id, "") if entity == ISSUE_ENTITY else ""
        rows.append(
            (
                _KIND[entity],
                str(entry.ref),
                str(title),
                what + (f": {detail}" if detail else ""),
                day_text(_day(entry.at)),
            )
        )
    tables: tuple[Table, ...] = ()
    if rows:
        tables = (
            limited(
                "Context issues and interested parties added or changed in the period",
                ("Register", "Reference", "Issue", "What changed", "Last change"),
                rows,
            ),
        )
    return Draft("\n".join(lines), tables)
