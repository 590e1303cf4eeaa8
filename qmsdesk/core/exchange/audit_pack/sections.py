"""The sections of the certification audit pack, each indexed by its clause.

A section is a function ``(pack: PackContext) -> list[PackSection]`` listed in
:data:`PACK_SECTIONS` as "module:function" (imported when the pack is built, as the due list's
sources are), so a register that lands later adds its section by one line. Each section brings
its flowables, built by the register's own report module, and the attached files it refers to
(which ``--zip`` packs with their SHA-256).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable, PageBreak
from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models import Document, Revision
from qmsdesk.core.db.models_planning import ScopeExclusion
from qmsdesk.core.db.models_training import Person, TrainingItem, TrainingRecord
from qmsdesk.core.exchange import pdf
from qmsdesk.core.readiness.context import Context
from qmsdesk.core.vocab import DocStatus, DocType, RevisionStatus

if TYPE_CHECKING:
    from qmsdesk.core.readiness.model import Readiness


@dataclass(frozen=True)
class PackFile:
    """An attached file a section refers to."""

    name: str  # the original file name
    relpath: str  # inside the company's attachment folder
    sha256: str  # as recorded when it was attached
    record: str  # the record it belongs to ("QP-07-01 rev C", "KPC-004 SK-HS 2026-03-01")


@dataclass
class PackSection:
    clause: str  # "7.5"; "" for the pack's own pages
    title: str
    story: list[Flowable]
    files: list[PackFile] = field(default_factory=list)
    parts: list[tuple[str, list[Flowable]]] = field(default_factory=list)  # bookmarked below


@dataclass
class PackContext:
    session: Session
    on: dt.date
    width: float
    height: float
    report: Any  # the pack's pdf.Report (some stories take it for its frame)
    readiness: Readiness
    context: Context


#: The pack's sections in the order they print ("module:function").
PACK_SECTIONS: list[str] = [
    "qmsdesk.core.exchange.audit_pack.sections:scope",
    "qmsdesk.core.exchange.audit_pack.sections:policy",
    "qmsdesk.core.exchange.audit_pack.sections:master_list",
    "qmsdesk.core.exchange.audit_pack.sections:training_matrix",
    "qmsdesk.core.exchange.audit_pack.sections:audit_programme",
    "qmsdesk.core.exchange.audit_pack.sections:audit_reports",
    "qmsdesk.core.exchange.audit_pack.sections:review_minutes",
    "qmsdesk.core.exchange.audit_pack.sections:actions_register",
    "qmsdesk.core.exchange.audit_pack.sections:readiness_view",
    "qmsdesk.core.exchange.audit_pack.sections:mock_audit",
]


#: A section lists at most this many rows of a long register (documents, actions) and this many
#: people of the training matrix, what needs attention first; the rest are counted, and the
#: register's own report prints them all. An auditor samples; 50,000 rows help nobody, and the
#: pack should print in seconds.
ROWS_MAX = 1_000
PEOPLE_MAX = 200


def _more(shown: int, total: int, report: str) -> Flowable:
    return _muted(
        f"The first {shown:,} of {total:,} are listed here, those that need attention first; "
        f"'qmsdesk report {report}' (File > Print Report on its tab) prints every one."
    )


def _muted(text: str) -> Flowable:
    return pdf.paragraph(text, pdf.styles().muted)


def scope(pack: PackContext) -> list[PackSection]:
    story: list[Flowable] = []
    statement = ""
    if "quality_statements" in pack.context.tables:
        from sqlalchemy.sql import column, table

        statement = (
            pack.session.scalar(
                select(column("scope")).select_from(table("quality_statements")).limit(1)
            )
            or ""
        )
    story.append(pdf.heading("Scope statement", 2))
    story.append(
        pdf.paragraph(statement)
        if statement.strip()
        else _muted("No scope statement is recorded in this company file yet.")
    )
    story.append(pdf.heading("Requirements excluded from the scope", 2))
    rows = list(pack.session.execute(select(ScopeExclusion.clause, ScopeExclusion.justification)))
    if rows:
        columns = (pdf.Column("Clause", 0.12), pdf.Column("Justification", 0.88))
        story.append(
            pdf.data_table(columns, [[c, j or "(no justification)"] for c, j in rows], pack.width)
        )
    else:
        story.append(_muted("None: every requirement of the standard applies."))
    return [PackSection("4.3", "Scope and exclusions", story)]


def _revision_files(session: Session, doc_ids: list[int] | None) -> list[PackFile]:
    stmt = (
        select(
            Document.code,
            Revision.label,
            Revision.attachment_name,
            Revision.attachment_path,
            Revision.attachment_sha256,
        )
        .join(Document, Document.id == Revision.document_id)
        .where(
            Revision.status == RevisionStatus.EFFECTIVE,
            Revision.attachment_path != "",
            Document.status != DocStatus.OBSOLETE,
        )
    )
    if doc_ids is not None:
        stmt = stmt.where(Document.id.in_(doc_ids))
    return [
        PackFile(name, path, sha, f"{code} revision {label}")
        for code, label, name, path, sha in session.execute(stmt)
    ]


def policy(pack: PackContext) -> list[PackSection]:
    docs = list(
        pack.session.execute(
            select(
                Document.id,
                Document.code,
                Document.title,
                Document.revision,
                Document.effective_date,
                Document.owner,
            )
            .where(Document.doc_type == DocType.POLICY, Document.status != DocStatus.OBSOLETE)
            .order_by(Document.code)
        )
    )
    if not docs:
        return [
            PackSection("5.2", "Quality policy", [_muted("No policy document in the register.")])
        ]
    story: list[Flowable] = []
    for _, code, title, revision, effective, owner in docs:
        story.append(
            pdf.key_values(
                [
                    ("Document", f"{code} {title}"),
                    ("Revision", revision or "—"),
                    ("Effective", effective.isoformat() if effective else "not yet"),
                    ("Owner", owner or "—"),
                ],
                pack.width,
            )
        )
        story.append(pdf.spacer(6))
    found = next((o for c in pack.readiness.clauses if c.clause == "5.2" for o in c.outcomes), None)
    if found is not None:
        story.append(pdf.paragraph(f"Read and understood: {found.reason}"))
    return [
        PackSection(
            "5.2", "Quality policy", story, _revision_files(pack.session, [d[0] for d in docs])
        )
    ]


def master_list(pack: PackContext) -> list[PackSection]:
    from qmsdesk.core import documents
    from qmsdesk.core.exchange.documents_pdf import master_list_story

    rows = [r for r in documents.all_rows(pack.session) if r.status != DocStatus.OBSOLETE]
    total = len(rows)
    if total > ROWS_MAX:  # overdue reviews first, then the nearest, then by code
        far = dt.date.max
        rows = sorted(rows, key=lambda r: (r.next_review or far, r.code))[:ROWS_MAX]
        rows.sort(key=lambda r: r.code)
    story = master_list_story(rows, pack.on, pack.width)
    if total > ROWS_MAX:
        story.insert(0, _more(ROWS_MAX, total, "documents"))
    return [
        PackSection("7.5", "Master list of documents", story, _revision_files(pack.session, None))
    ]


def training_matrix(pack: PackContext) -> list[PackSection]:
    from qmsdesk.core.exchange import training_pdf_grid as grid

    matrix = pack.context.matrix
    story: list[Flowable] = []
    if not matrix.people or not matrix.items:
        story.append(_muted("No people or no training items yet."))
    else:
        ok, required = matrix.compliance()
        story.append(
            pdf.paragraph(
                f"{len(matrix.people)} people × {len(matrix.items)} items on "
                f"{matrix.on.isoformat()}; {ok} of {required} required trainings valid."
            )
        )
        shown = matrix
        if len(matrix.people) > PEOPLE_MAX:  # the people with gaps first
            gaps = sorted(
                range(len(matrix.people)),
                key=lambda r: (matrix.person_compliance(r)[0] - matrix.person_compliance(r)[1], r),
            )[:PEOPLE_MAX]
            shown = matrix.subset(sorted(gaps), range(len(matrix.items)))
            story.append(_more(PEOPLE_MAX, len(matrix.people), "training-matrix"))
        for n, block in enumerate(grid.blocks(shown, pack.width, pack.height - 40)):
            if n:
                story.append(PageBreak())
            story.append(block)
    since = add_months(pack.on, -12)
    files = [
        PackFile(name, path, sha, f"{number} {code} {day.isoformat()}")
        for name, path, sha, number, code, day in pack.session.execute(
            select(
                TrainingRecord.attachment_name,
                TrainingRecord.attachment_path,
                TrainingRecord.attachment_sha256,
                Person.employee_no,
                TrainingItem.code,
                TrainingRecord.trained_on,
            )
            .join(Person, Person.id == TrainingRecord.person_id)
            .join(TrainingItem, TrainingItem.id == TrainingRecord.item_id)
            .where(TrainingRecord.attachment_path != "", TrainingRecord.trained_on >= since)
        )
    ]
    return [PackSection("7.2", "Training matrix", story, files)]


def audit_programme(pack: PackContext) -> list[PackSection]:
    from qmsdesk.core.exchange.audit_programme_pdf import programme_story

    story = programme_story(pack.session, pack.width, pack.on)
    return [PackSection("9.2", "Audit programme", story)]


#: How many of the latest audit reports the pack prints.
LATEST_AUDITS = 3


def audit_reports(pack: PackContext) -> list[PackSection]:
    from qmsdesk.core import actions, audits
    from qmsdesk.core.db.models_audits import Audit, AuditStatus
    from qmsdesk.core.exchange.audits_pdf import report_story

    s = pack.session
    refs = list(
        s.scalars(
            select(Audit.reference)
            .where(Audit.status.in_([AuditStatus.REPORTED, AuditStatus.CLOSED]))
            .order_by(Audit.actual_end.desc(), Audit.planned_start.desc())
            .limit(LATEST_AUDITS)
        )
    )
    section = PackSection("9.2", "Latest internal audit reports", [])
    if not refs:
        section.story.append(_muted("No internal audit has been reported yet."))
    for ref in refs:
        row = audits.audit_for_reference(s, ref)
        findings = audits.findings_of(s, row.id)
        questions = audits.questions_of(s, row.id)
        results = audits.result_counts(s, row.id)
        linked = actions.fetch_rows(s, [f.action_id for f in findings if f.action_id])
        story = report_story(
            row,
            findings,
            questions,
            results,
            {a.source_id: a for a in linked},
            pack.report,
            pack.on,
        )
        lead: list[Flowable] = [PageBreak()] if section.parts else []
        section.parts.append((f"{row.reference} {row.title}", [*lead, *story]))
    return [section]


def review_minutes(pack: PackContext) -> list[PackSection]:
    from qmsdesk.core import reviews
    from qmsdesk.core.db.models_reviews import Review, ReviewStatus
    from qmsdesk.core.exchange.reviews_pdf import minutes_story

    s = pack.session
    review_id = s.scalar(
        select(Review.id)
        .where(Review.status.in_([ReviewStatus.HELD, ReviewStatus.APPROVED]))
        .order_by(Review.meeting_date.desc())
        .limit(1)
    )
    if review_id is None:
        story = [_muted("No management review has been held yet.")]
        return [PackSection("9.3", "Last management review minutes", story)]
    minutes = reviews.printable_minutes(s, review_id)
    state = "approved" if minutes.approved else "not approved yet"
    story = [
        pdf.paragraph(
            f"{minutes.reference}, minutes revision {minutes.minutes_revision}, {state}."
        ),
        *minutes_story(minutes, pack.width),
    ]
    return [PackSection("9.3", "Last management review minutes", story)]


def actions_register(pack: PackContext) -> list[PackSection]:
    from qmsdesk.core import actions
    from qmsdesk.core.exchange.actions_pdf import actions_story

    last = pack.on
    first = add_months(last, -12) + dt.timedelta(days=1)
    period = actions.period_report(pack.session, first, last, on=pack.on)
    total = len(period.open) + len(period.closed)
    if total > ROWS_MAX:  # the overdue first, then the other open ones, then the closed
        overdue = period.overdue[:ROWS_MAX]
        ids = {r.id for r in overdue}
        room = ROWS_MAX - len(overdue)
        others = [r for r in period.open if r.id not in ids][:room]
        closed = period.closed[: max(0, room - len(others))]
        period = replace(period, open=overdue + others, overdue=overdue, closed=closed)
    story = actions_story(period, first, last, pack.on, pack.width)
    if total > ROWS_MAX:
        story.insert(0, _more(ROWS_MAX, total, "actions"))
    return [PackSection("10.2", "Actions register", story)]


def readiness_view(pack: PackContext) -> list[PackSection]:
    from qmsdesk.core.exchange.readiness_pdf import readiness_story

    story = readiness_story(pack.readiness, pack.width)
    return [PackSection("", "Readiness clause by clause", story)]


def mock_audit(pack: PackContext) -> list[PackSection]:
    from qmsdesk.core.exchange.readiness_pdf import mock_audit_story
    from qmsdesk.core.readiness.mock_audit import mock_audit as sample

    story = mock_audit_story(sample(pack.session, pack.on, pack.context), pack.width)
    return [PackSection("", "Mock certification audit", story)]
