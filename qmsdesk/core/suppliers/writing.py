"""Writing the suppliers register: suppliers, their certificates (with the file attached), their
evaluations, and the actions that name them; every change recorded in the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from qmsdesk.core import attachments, history
from qmsdesk.core.choices import raise_problems
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.db.models_actions import Action
from qmsdesk.core.db.models_nonconforming import NonconformingOutput
from qmsdesk.core.db.models_suppliers import (
    EvaluationResult,
    Supplier,
    SupplierAction,
    SupplierCertificate,
    SupplierEvaluation,
    SupplierStatus,
)
from qmsdesk.core.errors import ValidationError
from qmsdesk.core.service import delete_with_history, ensure_unique, load
from qmsdesk.core.suppliers.checks import (
    SUPPLIER_FIELDS,
    CertificateFields,
    EvaluationFields,
    SupplierFields,
    check_certificate,
    check_evaluation,
    check_supplier,
    scores_text,
)
from qmsdesk.core.suppliers.reading import id_for_code, stored_scores
from qmsdesk.core.suppliers.vocab import (
    CERTIFICATE_LABELS,
    ENTITY,
    EVALUATION_LABELS,
    FIELD_LABELS,
    RESULT_LABELS,
    Scheme,
    scheme,
)

_RESULT_STATUS = {
    EvaluationResult.APPROVED: SupplierStatus.APPROVED,
    EvaluationResult.CONDITIONAL: SupplierStatus.CONDITIONAL,
    EvaluationResult.NOT_APPROVED: SupplierStatus.NOT_APPROVED,
}


def _load(session: Session, supplier_id: int) -> Supplier:
    return load(session, Supplier, supplier_id, "Supplier")


def _unique(session: Session, code: str, own: int | None) -> None:
    ensure_unique(
        id_for_code(session, code), own, f"Supplier code: another supplier has the code '{code}'."
    )


def create_supplier(
    session: Session, f: SupplierFields, user: str, on: dt.date | None = None
) -> int:
    raise_problems(check_supplier(f, on), FIELD_LABELS)
    _unique(session, f.code, None)
    supplier = Supplier(**{n: getattr(f, n) for n in SUPPLIER_FIELDS})
    session.add(supplier)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=supplier.id,
        ref=f.code,
        action="create",
        changes=[history.Change("Name", "", f.name)],
    )
    return supplier.id


def update_supplier(
    session: Session, supplier_id: int, f: SupplierFields, user: str, on: dt.date | None = None
) -> list[str]:
    supplier = _load(session, supplier_id)
    raise_problems(check_supplier(f, on), FIELD_LABELS)
    if f.code.casefold() != supplier.code.casefold():
        _unique(session, f.code, supplier.id)
    changes = []
    for name in SUPPLIER_FIELDS:
        old, new = getattr(supplier, name), getattr(f, name)
        if old != new:
            changes.append(
                history.Change(FIELD_LABELS[name], history.as_text(old), history.as_text(new))
            )
            setattr(supplier, name, new)
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=supplier.id,
            ref=supplier.code,
            action="edit",
            changes=changes,
        )
    return [c.field for c in changes]


def delete_supplier(session: Session, supplier_id: int, user: str) -> None:
    """Delete a supplier entered by mistake: refused once a nonconforming output names it."""
    supplier = _load(session, supplier_id)
    used = session.scalar(
        select(func.count()).where(NonconformingOutput.supplier_id == supplier_id)
    )
    if used:
        raise ValidationError(
            f"{supplier.code} is named by {used} nonconforming output(s), so it stays in the "
            "register (set its status to Not approved instead)."
        )
    delete_with_history(
        session,
        supplier,
        user=user,
        entity=ENTITY,
        entity_id=supplier.id,
        ref=supplier.code,
        changes=[history.Change("Name", supplier.name, "")],
    )


# --- certificates ----------------------------------------------------------------------------


def add_certificate(
    session: Session,
    supplier_id: int,
    f: CertificateFields,
    user: str,
    *,
    file: Path | None = None,
    attachments_dir: Path | None = None,
) -> int:
    """Add a certificate to a supplier, with its file copied into the attachment folder."""
    supplier = _load(session, supplier_id)
    raise_problems(check_certificate(f), CERTIFICATE_LABELS)
    cert = SupplierCertificate(
        supplier_id=supplier.id,
        name=f.name,
        number=f.number,
        issued_by=f.issued_by,
        expires_on=f.expires_on,
    )
    changes = [history.Change("Certificate", "", f.name)]
    if f.expires_on:
        changes.append(history.Change("Expires on", "", f.expires_on.isoformat()))
    if file is not None:
        if attachments_dir is None:
            raise ValidationError("File: the company file has no attachment folder.")
        stored = attachments.store(file, attachments_dir)
        cert.attachment_name, cert.attachment_path = stored.name, stored.relpath
        cert.attachment_sha256 = stored.sha256
        changes.append(history.Change("File", "", stored.name))
    session.add(cert)
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=supplier.id,
        ref=supplier.code,
        action="certificate",
        changes=changes,
    )
    return cert.id


def update_certificate(
    session: Session, certificate_id: int, f: CertificateFields, user: str
) -> None:
    cert = load(session, SupplierCertificate, certificate_id, "Certificate")
    raise_problems(check_certificate(f), CERTIFICATE_LABELS)
    supplier = _load(session, cert.supplier_id)
    changes = []
    for name in ("name", "number", "issued_by", "expires_on"):
        old, new = getattr(cert, name), getattr(f, name)
        if old != new:
            label = CERTIFICATE_LABELS[name]
            changes.append(history.Change(label, history.as_text(old), history.as_text(new)))
            setattr(cert, name, new)
    if changes:
        session.flush()
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=supplier.id,
            ref=supplier.code,
            action="certificate",
            changes=changes,
        )


def delete_certificate(session: Session, certificate_id: int, user: str) -> None:
    cert = load(session, SupplierCertificate, certificate_id, "Certificate")
    supplier = _load(session, cert.supplier_id)
    delete_with_history(
        session,
        cert,
        user=user,
        entity=ENTITY,
        entity_id=supplier.id,
        ref=supplier.code,
        changes=[history.Change("Certificate", cert.name, "")],
        action="certificate",
    )


# --- evaluations -------------------------------------------------------------------------------


def refresh_next_evaluation(session: Session, supplier: Supplier) -> None:
    """The supplier's next evaluation and status follow its latest evaluation."""
    latest = session.execute(
        select(SupplierEvaluation.next_due, SupplierEvaluation.result)
        .where(SupplierEvaluation.supplier_id == supplier.id)
        .order_by(SupplierEvaluation.evaluated_on.desc(), SupplierEvaluation.id.desc())
        .limit(1)
    ).first()
    supplier.next_evaluation = latest[0] if latest else None


def add_evaluation(
    session: Session, supplier_id: int, f: EvaluationFields, user: str, on: dt.date | None = None
) -> int:
    """Record an evaluation: scored on the company's scale, its result (suggested from the
    overall score when not given), and the next one due (the criticality's interval when not
    given). The supplier's status and next evaluation follow its latest evaluation."""
    supplier = _load(session, supplier_id)
    plan = scheme(session)
    raise_problems(check_evaluation(f, plan, on), EVALUATION_LABELS)
    f = _completed(f, supplier, plan)
    assert f.result is not None
    evaluation = SupplierEvaluation(
        supplier_id=supplier.id,
        evaluated_on=f.evaluated_on,
        evaluated_by=f.evaluated_by,
        scores=stored_scores(f.scores),
        overall=f.overall,
        result=f.result,
        next_due=f.next_due,
        note=f.note,
    )
    session.add(evaluation)
    session.flush()
    changes = [
        history.Change("Evaluated on", "", f.evaluated_on.isoformat()),
        history.Change("Scores", "", scores_text(f.scores)),
        history.Change("Result", "", RESULT_LABELS[f.result]),
        history.Change("Next evaluation due", "", history.as_text(f.next_due)),
    ]
    _follow_latest(session, supplier, changes)
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=supplier.id,
        ref=supplier.code,
        action="evaluation",
        changes=changes,
    )
    return evaluation.id


def _completed(f: EvaluationFields, supplier: Supplier, plan: Scheme) -> EvaluationFields:
    known = {c.casefold(): c for c in plan.criteria}
    f = replace(f, scores=tuple((known.get(n.casefold(), n), s) for n, s in f.scores))
    return replace(
        f,
        result=f.result or plan.suggested(f.overall),
        next_due=f.next_due or add_months(f.evaluated_on, plan.interval(supplier.criticality)),
    )


def _follow_latest(session: Session, supplier: Supplier, changes: list[history.Change]) -> None:
    old_due, old_status = supplier.next_evaluation, supplier.status
    refresh_next_evaluation(session, supplier)
    latest = session.scalar(
        select(SupplierEvaluation.result)
        .where(SupplierEvaluation.supplier_id == supplier.id)
        .order_by(SupplierEvaluation.evaluated_on.desc(), SupplierEvaluation.id.desc())
        .limit(1)
    )
    if latest is not None:
        supplier.status = _RESULT_STATUS[latest]
        if supplier.status != SupplierStatus.NOT_APPROVED and supplier.approved_since is None:
            supplier.approved_since = session.scalar(
                select(func.min(SupplierEvaluation.evaluated_on)).where(
                    SupplierEvaluation.supplier_id == supplier.id
                )
            )
    if supplier.next_evaluation != old_due:
        changes.append(
            history.Change(
                FIELD_LABELS["next_evaluation"],
                history.as_text(old_due),
                history.as_text(supplier.next_evaluation),
            )
        )
    if supplier.status != old_status:
        changes.append(
            history.Change(FIELD_LABELS["status"], old_status.value, supplier.status.value)
        )
    session.flush()


def update_evaluation(
    session: Session,
    evaluation_id: int,
    f: EvaluationFields,
    user: str,
    on: dt.date | None = None,
) -> None:
    """Correct an evaluation (its scores, result, due date or note)."""
    evaluation = load(session, SupplierEvaluation, evaluation_id, "Evaluation")
    supplier = _load(session, evaluation.supplier_id)
    plan = scheme(session)
    raise_problems(check_evaluation(f, plan, on), EVALUATION_LABELS)
    f = _completed(f, supplier, plan)
    assert f.result is not None
    new = {
        "evaluated_on": f.evaluated_on,
        "evaluated_by": f.evaluated_by,
        "scores": stored_scores(f.scores),
        "overall": f.overall,
        "result": f.result,
        "next_due": f.next_due,
        "note": f.note,
    }
    changes = []
    for name, value in new.items():
        old = getattr(evaluation, name)
        if old != value:
            label = EVALUATION_LABELS.get(name, name.capitalize())
            changes.append(history.Change(label, history.as_text(old), history.as_text(value)))
            setattr(evaluation, name, value)
    if changes:
        _follow_latest(session, supplier, changes)
        history.record(
            session,
            user=user,
            entity=ENTITY,
            entity_id=supplier.id,
            ref=supplier.code,
            action="evaluation",
            changes=changes,
        )


def delete_evaluation(session: Session, evaluation_id: int, user: str) -> None:
    evaluation = load(session, SupplierEvaluation, evaluation_id, "Evaluation")
    supplier = _load(session, evaluation.supplier_id)
    day = evaluation.evaluated_on
    delete_with_history(
        session,
        evaluation,
        user=user,
        entity=ENTITY,
        entity_id=supplier.id,
        ref=supplier.code,
        changes=[history.Change("Evaluated on", day.isoformat(), "")],
        action="evaluation",
    )
    _follow_latest(session, supplier, [])


# --- the actions naming a supplier ----------------------------------------------------------


def link_action(session: Session, supplier_id: int, action_id: int, user: str) -> None:
    """Say that an action of the actions register concerns this supplier."""
    supplier = _load(session, supplier_id)
    action = load(session, Action, action_id, "Action")
    found = session.scalar(
        select(SupplierAction.id).where(
            SupplierAction.supplier_id == supplier_id, SupplierAction.action_id == action_id
        )
    )
    if found is not None:
        return
    session.add(SupplierAction(supplier_id=supplier_id, action_id=action_id))
    session.flush()
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=supplier.id,
        ref=supplier.code,
        action="link",
        changes=[history.Change("Action", "", action.reference)],
    )


def unlink_action(session: Session, supplier_id: int, action_id: int, user: str) -> None:
    supplier = _load(session, supplier_id)
    action = load(session, Action, action_id, "Action")
    session.execute(
        delete(SupplierAction).where(
            SupplierAction.supplier_id == supplier_id, SupplierAction.action_id == action_id
        )
    )
    history.record(
        session,
        user=user,
        entity=ENTITY,
        entity_id=supplier.id,
        ref=supplier.code,
        action="unlink",
        changes=[history.Change("Action", action.reference, "")],
    )


# --- many at once (imports) ----------------------------------------------------------------


def save_suppliers_many(
    session: Session,
    added: Sequence[SupplierFields],
    changed: Sequence[tuple[int, SupplierFields]],
    user: str,
) -> None:
    """Add and change many suppliers in the caller's one transaction, each change recorded."""
    on = today()
    for f in added:
        create_supplier(session, f, user, on)
    for supplier_id, f in changed:
        update_supplier(session, supplier_id, f, user, on)
