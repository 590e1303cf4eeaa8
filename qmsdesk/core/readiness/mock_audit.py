"""A mock certification audit: a sample of records picked the way a certification auditor
picks them, and for each what it lacks.

An auditor does not read every record: they ask for a few training records of people at work
that day, a few corrective actions closed this year, documents in use at the workstations,
calibration records and supplier evaluations. Each sampler of :data:`SAMPLERS` ("module:function",
imported when asked) picks one such sample; a register that lands later adds its own by one line.
The pick is random but the same for the same day and file, so a printed mock audit can be checked.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models import Document, Revision
from qmsdesk.core.db.models_actions import Action, ActionKind, ActionStatus
from qmsdesk.core.db.models_training import Person, TrainingItem, TrainingRecord
from qmsdesk.core.readiness.context import Context
from qmsdesk.core.readiness.model import Evidence
from qmsdesk.core.vocab import DocStatus, RevisionStatus

#: How many records an auditor asks for of each kind.
SAMPLE_SIZE = 5


@dataclass(frozen=True)
class Sampled:
    evidence: Evidence
    lacks: tuple[str, ...]  # empty: nothing to say


@dataclass(frozen=True)
class Sample:
    title: str
    clause: str
    picked: tuple[Sampled, ...]
    note: str = ""  # why nothing could be picked

    @property
    def lacking(self) -> int:
        return sum(1 for p in self.picked if p.lacks)


@dataclass(frozen=True)
class MockAudit:
    on: dt.date
    samples: tuple[Sample, ...]


Sampler = Callable[[Context, random.Random], Sample]


def _pick(rng: random.Random, ids: list[int], n: int = SAMPLE_SIZE) -> list[int]:
    return sorted(rng.sample(ids, min(n, len(ids))))


def sample_training(ctx: Context, rng: random.Random) -> Sample:
    """People at work today: is every training they need valid, with its evidence?"""
    from qmsdesk.core.training.vocab import COMPLIANT, STATUS_LABELS, CellStatus

    s, on = ctx.session, ctx.on
    ids = list(
        s.scalars(
            select(Person.id).where(
                (Person.leaving_date.is_(None)) | (Person.leaving_date > on),
                (Person.start_date.is_(None)) | (Person.start_date <= on),
            )
        )
    )
    if not ids:
        return Sample(
            "Training records of people at work",
            "7.2",
            (),
            "No one is at work: the register of people is empty.",
        )
    matrix = ctx.matrix
    picked = []
    for pid in _pick(rng, ids):
        person = s.get(Person, pid)
        assert person is not None
        lacks = []
        row = matrix.row_of(pid)
        if row is not None:
            for col, item in enumerate(matrix.items):
                value = matrix.status[row][col]
                if value and value not in COMPLIANT:
                    lacks.append(f"{item.code}: {STATUS_LABELS[CellStatus(value)].lower()}")
        records = list(
            s.execute(
                select(
                    TrainingRecord.trained_on,
                    TrainingRecord.attachment_name,
                    TrainingRecord.effectiveness_date,
                    TrainingItem.code,
                    TrainingItem.document_id,
                )
                .join(TrainingItem, TrainingItem.id == TrainingRecord.item_id)
                .where(TrainingRecord.person_id == pid)
            )
        )
        if not records:
            lacks.append("no training record at all")
        no_file = [c for _, name, _, c, _ in records if not name]
        if no_file:
            lacks.append(f"{len(no_file)} record(s) without evidence attached")
        since = add_months(on, -12)  # an auditor looks at the training of the last year
        unchecked = [
            c for day, _, eff, c, doc in records if eff is None and doc is None and day >= since
        ]
        if unchecked:
            lacks.append(f"effectiveness not checked: {', '.join(sorted(set(unchecked))[:4])}")
        evidence = Evidence("training", pid, person.employee_no, person.name, "person")
        picked.append(Sampled(evidence, tuple(lacks)))
    return Sample("Training records of people at work", "7.2", tuple(picked))


def sample_actions(ctx: Context, rng: random.Random) -> Sample:
    """Corrective actions closed this year: cause found, action taken, effectiveness verified."""
    first = ctx.on.replace(month=1, day=1)
    rows = {
        a.id: a
        for a in ctx.session.scalars(
            select(Action).where(
                Action.kind == ActionKind.CORRECTIVE,
                Action.status == ActionStatus.CLOSED,
                Action.closed_on >= first,
            )
        )
    }
    if not rows:
        return Sample(
            "Corrective actions closed this year",
            "10.2",
            (),
            f"No corrective action was closed since {first.isoformat()}.",
        )
    picked = []
    for aid in _pick(rng, list(rows)):
        a = rows[aid]
        lacks = []
        if not a.problem.strip():
            lacks.append("the nonconformity is not described")
        if not a.correction.strip():
            lacks.append("no correction recorded")
        if not a.root_cause.strip():
            lacks.append("no root cause")
        if not a.corrective_action.strip():
            lacks.append("no corrective action described")
        if not a.verification_note.strip():
            lacks.append("the verification does not say how effectiveness was judged")
        picked.append(
            Sampled(Evidence("actions", a.id, a.reference, a.title, "action"), tuple(lacks))
        )
    return Sample("Corrective actions closed this year", "10.2", tuple(picked))


def sample_documents(ctx: Context, rng: random.Random) -> Sample:
    """Documents in use: current revision approved, file attached, reviewed on time, owned."""
    s, on = ctx.session, ctx.on
    ids = list(s.scalars(select(Document.id).where(Document.status == DocStatus.EFFECTIVE)))
    if not ids:
        return Sample("Documents in use", "7.5", (), "No document is effective.")
    picked = []
    for did in _pick(rng, ids):
        doc = s.get(Document, did)
        assert doc is not None
        current = s.execute(
            select(Revision.approved_by, Revision.attachment_name).where(
                Revision.document_id == did,
                Revision.status == RevisionStatus.EFFECTIVE,
            )
        ).first()
        lacks = []
        if current is None:
            lacks.append("no effective revision on record")
        else:
            if not current[0]:
                lacks.append("the effective revision does not say who approved it")
            if not current[1]:
                lacks.append("no file attached to the effective revision")
        if doc.next_review is not None and doc.next_review < on:
            lacks.append(f"review overdue since {doc.next_review.isoformat()}")
        if not doc.owner.strip():
            lacks.append("no owner")
        picked.append(
            Sampled(Evidence("documents", did, doc.code, doc.title, "document"), tuple(lacks))
        )
    return Sample("Documents in use", "7.5", tuple(picked))


def _register_sample(title: str, clause: str, table: str, what: str) -> Sampler:
    """A sample of a register this file may not have yet: says so until it lands."""

    def sampler(ctx: Context, rng: random.Random) -> Sample:
        found = ctx.count_rows(table)
        if found is None:
            return Sample(title, clause, (), f"No {what} register data in this company file.")
        if not found:
            return Sample(title, clause, (), f"No {what} recorded yet.")
        return Sample(
            title, clause, (), f"{found} {what} recorded; sampling them comes with their register."
        )

    return sampler


sample_calibrations = _register_sample(
    "Calibration records", "7.1.5", "calibrations", "calibration"
)
sample_suppliers = _register_sample(
    "Supplier evaluations", "8.4", "supplier_evaluations", "supplier evaluation"
)

#: Every sampler, in the order the mock audit prints them.
SAMPLERS: list[str] = [
    "qmsdesk.core.readiness.mock_audit:sample_training",
    "qmsdesk.core.readiness.mock_audit:sample_actions",
    "qmsdesk.core.readiness.mock_audit:sample_calibrations",
    "qmsdesk.core.readiness.mock_audit:sample_documents",
    "qmsdesk.core.readiness.mock_audit:sample_suppliers",
]


def mock_audit(session: Session, on: dt.date, context: Context | None = None) -> MockAudit:
    ctx = context or Context(session, on)
    samples = []
    for target in SAMPLERS:
        module, _, name = target.partition(":")
        sampler: Sampler = getattr(importlib.import_module(module), name)
        samples.append(sampler(ctx, random.Random(f"{on.isoformat()} {target}")))
    return MockAudit(on, tuple(samples))
