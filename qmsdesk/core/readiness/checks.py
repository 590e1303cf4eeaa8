"""The named checks a readiness catalogue refers to: `CHECKS[name](ctx, clause, **params)`.

Each says, from the records alone, whether a requirement is met (ready), half met (partly) or not
met (missing), why, in the lead's words, and which records show it. A catalogue file (see
:mod:`qmsdesk.core.readiness.catalogue`) maps each clause to checks with their parameters; a
register that lands later makes the generic `table_rows` entries real without a change here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from qmsdesk.core.catalogue import clauses as all_clauses
from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models import Document, Setting
from qmsdesk.core.db.models_actions import Action, ActionKind, ActionStatus
from qmsdesk.core.db.models_audits import Audit, AuditStatus
from qmsdesk.core.db.models_planning import ScopeExclusion
from qmsdesk.core.db.models_reviews import Review, ReviewInput, ReviewStatus
from qmsdesk.core.db.models_training import TrainingItem, TrainingRecord
from qmsdesk.core.readiness.context import Context
from qmsdesk.core.readiness.model import Evidence, Outcome, State
from qmsdesk.core.vocab import DocStatus, DocType

Check = Callable[..., Outcome]

#: How many records a reason lists as evidence at most (the rest are counted).
EVIDENCE_MAX = 10


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def table_rows(
    ctx: Context, clause: str, *, table: str, what: str, min: int = 1, column: str = ""
) -> Outcome:
    """At least `min` rows in `table` (with text in `column`, if given)."""
    found = ctx.count_rows(table, column)
    if found is None:
        return Outcome(State.MISSING, f"Missing: no {what} register data in this company file.")
    if found == 0:
        return Outcome(State.MISSING, f"Missing: no {what} recorded yet.")
    if found < min:
        return Outcome(State.PARTLY, f"Only {found} {what} recorded; at least {min} expected.")
    return Outcome(State.READY, f"{found} {what} recorded.")


def audited(ctx: Context, clause: str, *, cycle_years: int = 3) -> Outcome:
    """The internal audits covered the clause within the audit cycle."""
    from qmsdesk.core.audits.programme import Coverage

    found = ctx.coverage(12 * cycle_years).get(clause)
    if found is None:
        return Outcome(State.MISSING, f"Clause {clause} is not in the clause list.")
    evidence = ctx.audit_evidence(found.audits[:3])
    if found.state == Coverage.COVERED:
        last = found.last_audited.isoformat() if found.last_audited else ""
        return Outcome(
            State.READY, f"Audited within the {cycle_years}-year cycle ({last}).", evidence
        )
    if found.state == Coverage.PARTLY:
        return Outcome(State.PARTLY, "Only part of it was audited within the cycle.", evidence)
    if found.state == Coverage.PLANNED:
        return Outcome(State.PARTLY, f"Not audited yet; planned in {', '.join(found.planned[:3])}.")
    return Outcome(State.MISSING, f"Not audited within the {cycle_years}-year cycle, nor planned.")


def documented(ctx: Context, clause: str) -> Outcome:
    """An effective document names the clause (or one below it)."""
    count = sum(
        n
        for number, n in ctx.clause_counts.items()
        if number == clause or number.startswith(clause + ".")
    )
    if not count:
        return Outcome(State.MISSING, f"No effective document names clause {clause}.")
    return Outcome(
        State.READY,
        f"{_plural(count, 'effective document')} name clause {clause}.",
        tuple(ctx.documents_naming(clause, EVIDENCE_MAX)),
    )


def exclusions_justified(ctx: Context, clause: str) -> Outcome:
    rows = list(
        ctx.session.execute(
            select(ScopeExclusion.id, ScopeExclusion.clause, ScopeExclusion.justification)
        )
    )
    if not rows:
        return Outcome(State.READY, "No requirement is excluded from the scope.")
    bare = [c for _, c, why in rows if not (why or "").strip()]
    if bare:
        return Outcome(
            State.PARTLY, f"Exclusions without a justification: {', '.join(sorted(bare))}."
        )
    return Outcome(
        State.READY,
        f"{_plural(len(rows), 'exclusion')}, each justified ({', '.join(c for _, c, _ in rows)}).",
    )


def _percent_setting(ctx: Context, key: str, default: int) -> int:
    if not key:
        return default
    row = ctx.session.get(Setting, key)
    try:
        return max(0, min(100, int((row.value or "").strip()))) if row else default
    except ValueError:
        return default


def policy_read(ctx: Context, clause: str, *, percent: int = 80) -> Outcome:
    """An effective policy document, whose read-and-understood training item most of the people
    required have done."""
    policy = (Document.doc_type == DocType.POLICY) & (Document.status == DocStatus.EFFECTIVE)
    policies = list(
        ctx.session.execute(
            select(Document.id, Document.code, Document.title)
            .where(policy)
            .order_by(Document.code)
            .limit(EVIDENCE_MAX)
        )
    )
    if not policies:
        return Outcome(State.MISSING, "Missing: no effective policy document in the register.")
    evidence = tuple(Evidence("documents", i, c, t, "document") for i, c, t in policies)
    linked = set(
        ctx.session.scalars(
            select(TrainingItem.id)
            .join(Document, Document.id == TrainingItem.document_id)
            .where(policy, TrainingItem.archived.is_(False))
        )
    )
    if not linked:
        return Outcome(
            State.PARTLY,
            "The policy is effective, but no 'read and understood' training item is linked to it.",
            evidence,
        )
    matrix = ctx.matrix
    ok = required = 0
    items = []
    for item_id in sorted(linked):
        col = matrix.col_of(item_id)
        if col is None:
            continue
        done, need = matrix.item_compliance(col)
        ok, required = ok + done, required + need
        items.append(matrix.items[col].code)
    if not required:
        return Outcome(
            State.PARTLY, f"No one is required to read the policy ({', '.join(items)}).", evidence
        )
    share = round(100 * ok / required)
    state = State.READY if share >= percent else State.PARTLY
    return Outcome(
        state,
        f"{share}% of the people required have read and understood it ({ok} of {required}; "
        f"{percent}% wanted).",
        evidence,
    )


def training_compliance(
    ctx: Context,
    clause: str,
    *,
    percent: int = 90,
    setting: str = "",
    effectiveness_percent: int = 80,
) -> Outcome:
    """Training compliance at or above the company's threshold, effectiveness checked."""
    wanted = _percent_setting(ctx, setting, percent)
    matrix = ctx.matrix
    ok, required = matrix.compliance()
    if not matrix.people or not required:
        return Outcome(
            State.MISSING,
            "Missing: no training required of anyone yet "
            "(people, job roles and their training needs).",
        )
    share = round(100 * ok / required)
    since = add_months(ctx.on, -12)
    recent = ctx.session.execute(
        select(func.count(TrainingRecord.id), func.count(TrainingRecord.effectiveness_date))
        .join(TrainingItem, TrainingItem.id == TrainingRecord.item_id)
        .where(
            TrainingRecord.trained_on >= since,
            TrainingRecord.trained_on <= ctx.on,
            TrainingItem.document_id.is_(None),  # reading a document needs no such check
        )
    ).one()
    done, checked = int(recent[0]), int(recent[1])
    checked_share = round(100 * checked / done) if done else 100
    reasons = [f"Training compliance {share}% ({ok} of {required} required; {wanted}% wanted)."]
    reasons.append(
        f"Effectiveness checked for {checked_share}% of the training of the last 12 months "
        f"({checked} of {done})."
    )
    good = share >= wanted and checked_share >= effectiveness_percent
    return Outcome(State.READY if good else State.PARTLY, " ".join(reasons))


def documents_reviewed(ctx: Context, clause: str) -> Outcome:
    """No effective document overdue for review."""
    total = ctx.session.scalar(
        select(func.count(Document.id)).where(Document.status == DocStatus.EFFECTIVE)
    )
    if not total:
        return Outcome(State.MISSING, "Missing: no effective document in the register.")
    late = select(Document.id, Document.code, Document.title).where(
        Document.status == DocStatus.EFFECTIVE, Document.next_review < ctx.on
    )
    count = ctx.session.scalar(select(func.count()).select_from(late.subquery())) or 0
    if not count:
        return Outcome(
            State.READY, f"{_plural(total, 'effective document')}, none overdue for review."
        )
    rows = ctx.session.execute(late.order_by(Document.next_review).limit(EVIDENCE_MAX))
    evidence = tuple(Evidence("documents", i, c, t, "document") for i, c, t in rows)
    return Outcome(
        State.PARTLY,
        f"{_plural(count, 'document')} overdue for review (of {total} effective).",
        evidence,
    )


def audit_programme(ctx: Context, clause: str, *, cycle_years: int = 3) -> Outcome:
    """The programme covers every applicable clause within the cycle."""
    from qmsdesk.core.audits.programme import Coverage

    coverage = ctx.coverage(12 * cycle_years)
    applicable = [c.number for c in all_clauses() if c.depth == 1 and not ctx.is_excluded(c.number)]
    done = [n for n in applicable if coverage[n].state == Coverage.COVERED]
    left = [n for n in applicable if n not in done]
    if not done:
        return Outcome(
            State.MISSING, f"No applicable clause audited within the {cycle_years}-year cycle."
        )
    if left:
        shown = ", ".join(left[:12]) + (" …" if len(left) > 12 else "")
        return Outcome(
            State.PARTLY,
            f"{len(done)} of {len(applicable)} applicable clauses audited within the "
            f"{cycle_years}-year cycle; not yet: {shown}.",
        )
    return Outcome(
        State.READY, f"All {len(applicable)} applicable clauses audited within the cycle."
    )


def audits_to_plan(ctx: Context, clause: str) -> Outcome:
    """Audits carried out as planned: none late."""
    end = func.coalesce(Audit.planned_end, Audit.planned_start)
    total = ctx.session.scalar(select(func.count(Audit.id)).where(Audit.planned_start <= ctx.on))
    if not total:
        return Outcome(State.MISSING, "Missing: no internal audit planned or held yet.")
    late = list(
        ctx.session.execute(
            select(Audit.id, Audit.reference, Audit.title)
            .where(Audit.status.in_([AuditStatus.PLANNED, AuditStatus.IN_PROGRESS]), end < ctx.on)
            .order_by(end)
        )
    )
    if not late:
        return Outcome(State.READY, f"{_plural(total, 'audit')} due so far, none late.")
    evidence = tuple(Evidence("audits", i, r, t, "audit") for i, r, t in late[:EVIDENCE_MAX])
    return Outcome(
        State.PARTLY,
        f"{_plural(len(late), 'audit')} late (not reported by the planned end).",
        evidence,
    )


def management_review(ctx: Context, clause: str, *, months: int = 12) -> Outcome:
    """A review held within `months`, every input discussed, its minutes approved."""
    since = add_months(ctx.on, -months)
    review = ctx.session.execute(
        select(Review.id, Review.reference, Review.title, Review.meeting_date, Review.status)
        .where(Review.status.in_([ReviewStatus.HELD, ReviewStatus.APPROVED]))
        .order_by(Review.meeting_date.desc())
        .limit(1)
    ).first()
    if review is None or review.meeting_date < since:
        when = f" (the last was {review.meeting_date.isoformat()})" if review else ""
        return Outcome(
            State.MISSING, f"No management review held in the last {months} months{when}."
        )
    evidence = (Evidence("reviews", review.id, review.reference, review.title, "review"),)
    from qmsdesk.core.reviews.minutes_data import inputs

    wanted = {a.item for a in inputs()}
    written = {
        item
        for item, narrative, summary in ctx.session.execute(
            select(ReviewInput.item, ReviewInput.narrative, ReviewInput.summary).where(
                ReviewInput.review_id == review.id
            )
        )
        if (narrative or "").strip()
    }
    missing = sorted(wanted - written)
    problems = []
    if missing:
        problems.append(
            f"inputs not discussed: {', '.join(missing[:8])}" + (" …" if len(missing) > 8 else "")
        )
    if review.status != ReviewStatus.APPROVED:
        problems.append("minutes not approved yet")
    held = f"{review.reference} held {review.meeting_date.isoformat()}"
    if problems:
        return Outcome(State.PARTLY, f"{held}; {'; '.join(problems)}.", evidence)
    return Outcome(State.READY, f"{held}, every input discussed, minutes approved.", evidence)


def corrective_actions(ctx: Context, clause: str) -> Outcome:
    """No corrective action overdue; each closed one with a root cause and a verification."""
    corrective = Action.kind == ActionKind.CORRECTIVE
    total = ctx.session.scalar(select(func.count(Action.id)).where(corrective)) or 0
    if not total:
        return Outcome(State.MISSING, "Missing: no corrective action recorded yet.")
    overdue_open = Action.status.in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]) & (
        Action.due_date < ctx.on
    )
    overdue_check = (Action.status == ActionStatus.AWAITING_VERIFICATION) & (
        Action.verify_due < ctx.on
    )
    late_where = corrective & (overdue_open | overdue_check)
    bare_where = (
        corrective
        & (Action.status == ActionStatus.CLOSED)
        & ((func.trim(Action.root_cause) == "") | Action.verified_on.is_(None))
    )
    late_n = ctx.session.scalar(select(func.count(Action.id)).where(late_where)) or 0
    bare_n = ctx.session.scalar(select(func.count(Action.id)).where(bare_where)) or 0
    first = select(Action.id, Action.reference, Action.title).limit(EVIDENCE_MAX)
    late = (
        list(ctx.session.execute(first.where(late_where).order_by(Action.due_date)))
        if late_n
        else []
    )
    no_cause = (
        list(ctx.session.execute(first.where(bare_where).order_by(Action.reference)))
        if bare_n
        else []
    )
    problems, evidence = [], []
    if late:
        problems.append(f"{_plural(late_n, 'corrective action')} overdue")
        evidence += [Evidence("actions", i, r, t, "action") for i, r, t in late]
    if no_cause:
        problems.append(f"{_plural(bare_n, 'closed action')} without a root cause or verification")
        evidence += [Evidence("actions", i, r, t, "action") for i, r, t in no_cause]
    if problems:
        return Outcome(State.PARTLY, "; ".join(problems).capitalize() + ".", tuple(evidence))
    return Outcome(
        State.READY,
        f"{_plural(total, 'corrective action')}: none overdue, every closed one with its root "
        "cause and verification.",
    )


CHECKS: dict[str, Check] = {
    "table_rows": table_rows,
    "audited": audited,
    "documented": documented,
    "exclusions_justified": exclusions_justified,
    "policy_read": policy_read,
    "training_compliance": training_compliance,
    "documents_reviewed": documents_reviewed,
    "audit_programme": audit_programme,
    "audits_to_plan": audits_to_plan,
    "management_review": management_review,
    "corrective_actions": corrective_actions,
}


def run(ctx: Context, clause: str, name: str, params: dict[str, Any]) -> Outcome:
    check = CHECKS[name]
    found = check(ctx, clause, **params)
    return Outcome(found.state, found.reason, found.evidence, name)
