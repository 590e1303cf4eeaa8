"""The demo company: Kestrel Precision Components, a fictional machining shop of about 25 people.

Dates are set relative to the day the demo is written, so that a newcomer always sees documents that
are overdue for review, some due soon, drafts in progress and obsolete ones. :func:`fill` writes
the company and its documents, then each register's demo in the order the story needs, named here
one after the other: the training (people first: audits and reviews name them), the audits (their
findings raise actions), then the management reviews (whose drafted inputs read all of these).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sqlalchemy.orm import Session

from qmsdesk.core import audits_demo, company, documents, reviews_demo, training_demo
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.db import Database, open_database
from qmsdesk.core.db.models import (
    DocStatus,
    DocType,
    Document,
    Revision,
    RevisionStatus,
    refresh_derived,
)
from qmsdesk.core.demo_company import COMPANY_NAME, DEMO_USER
from qmsdesk.core.errors import QmsError
from qmsdesk.core.history import Change, record

_QM = "Łukasz Żółć"
_MD = "Margaret Hollis"
_PM = "Anders Ørsted"
_EM = "Aisha Khan"
_PUR = "Sarah Whitfield"
_SAL = "Olivia Bennett"
_HR = "Fiona Grant"
_MNT = "Ian Fletcher"
_LOG = "Ruth Evans"

# code, title, type, process, owner, clauses, review months, retention, revisions before the current
_DOCUMENTS: tuple[tuple[str, str, DocType, str, str, str, int | None, str, int], ...] = (
    ("QM-01", "Quality manual", DocType.MANUAL, "Quality", _QM, "4.3, 4.4", 24, "", 3),
    ("QPOL-01", "Quality policy", DocType.POLICY, "Management", _MD, "5.2.1, 5.2.2", 12, "", 2),
    (
        "QP-04-01",
        "Context, interested parties and scope",
        DocType.PROCEDURE,
        "Management",
        _MD,
        "4.1, 4.2, 4.3",
        12,
        "",
        1,
    ),
    ("QP-06-01", "Risks and opportunities", DocType.PROCEDURE, "Management", _QM, "6.1", 12, "", 2),
    (
        "QP-06-02",
        "Quality objectives and planning",
        DocType.PROCEDURE,
        "Management",
        _MD,
        "6.2",
        12,
        "",
        1,
    ),
    (
        "QP-07-01",
        "Control of documented information",
        DocType.PROCEDURE,
        "Quality",
        _QM,
        "7.5, 7.5.2, 7.5.3",
        24,
        "",
        3,
    ),
    (
        "QP-07-02",
        "Competence, training and awareness",
        DocType.PROCEDURE,
        "Administration",
        _HR,
        "7.2, 7.3",
        24,
        "",
        2,
    ),
    (
        "QP-07-03",
        "Calibration of measuring equipment",
        DocType.PROCEDURE,
        "Quality",
        _QM,
        "7.1.5, 7.1.5.2",
        24,
        "",
        2,
    ),
    (
        "QP-07-04",
        "Infrastructure and maintenance",
        DocType.PROCEDURE,
        "Maintenance",
        _MNT,
        "7.1.3",
        24,
        "",
        1,
    ),
    (
        "QP-08-01",
        "Contract and order review",
        DocType.PROCEDURE,
        "Sales",
        _SAL,
        "8.2, 8.2.3",
        24,
        "",
        2,
    ),
    ("QP-08-02", "Design and development", DocType.PROCEDURE, "Engineering", _EM, "8.3", 24, "", 1),
    (
        "QP-08-03",
        "Purchasing and supplier evaluation",
        DocType.PROCEDURE,
        "Purchasing",
        _PUR,
        "8.4, 8.4.1, 8.4.2, 8.4.3",
        24,
        "",
        3,
    ),
    (
        "QP-08-04",
        "Production planning and control",
        DocType.PROCEDURE,
        "Production",
        _PM,
        "8.5.1",
        24,
        "",
        2,
    ),
    (
        "QP-08-05",
        "Identification and traceability",
        DocType.PROCEDURE,
        "Production",
        _PM,
        "8.5.2",
        24,
        "",
        1,
    ),
    ("QP-08-06", "Customer property", DocType.PROCEDURE, "Logistics", _LOG, "8.5.3", 36, "", 0),
    (
        "QP-08-07",
        "Final inspection and release",
        DocType.PROCEDURE,
        "Quality",
        _QM,
        "8.6",
        24,
        "",
        2,
    ),
    (
        "QP-08-08",
        "Control of nonconforming outputs",
        DocType.PROCEDURE,
        "Quality",
        _QM,
        "8.7",
        24,
        "",
        2,
    ),
    (
        "QP-09-01",
        "Customer satisfaction monitoring",
        DocType.PROCEDURE,
        "Sales",
        _SAL,
        "9.1.2",
        24,
        "",
        1,
    ),
    ("QP-09-02", "Internal audit", DocType.PROCEDURE, "Quality", _QM, "9.2", 24, "", 2),
    ("QP-09-03", "Management review", DocType.PROCEDURE, "Management", _MD, "9.3", 24, "", 1),
    (
        "QP-10-01",
        "Nonconformity and corrective action",
        DocType.PROCEDURE,
        "Quality",
        _QM,
        "10.2",
        24,
        "",
        2,
    ),
    (
        "WI-PRD-01",
        "Setting up the DMG Mori NLX 2500 lathe",
        DocType.WORK_INSTRUCTION,
        "Production",
        _PM,
        "8.5.1",
        12,
        "",
        3,
    ),
    (
        "WI-PRD-02",
        "First-off inspection on CNC machines",
        DocType.WORK_INSTRUCTION,
        "Production",
        _PM,
        "8.5.1, 8.6",
        12,
        "",
        2,
    ),
    (
        "WI-PRD-03",
        "Deburring and edge finishing",
        DocType.WORK_INSTRUCTION,
        "Production",
        _PM,
        "8.5.1",
        12,
        "",
        1,
    ),
    (
        "WI-PRD-04",
        "Coolant concentration check",
        DocType.WORK_INSTRUCTION,
        "Production",
        _PM,
        "7.1.4",
        12,
        "",
        1,
    ),
    (
        "WI-QC-01",
        "Using the CMM (Zeiss Contura)",
        DocType.WORK_INSTRUCTION,
        "Quality",
        _QM,
        "7.1.5.1",
        12,
        "",
        2,
    ),
    (
        "WI-QC-02",
        "Thread gauge checks",
        DocType.WORK_INSTRUCTION,
        "Quality",
        _QM,
        "7.1.5.1",
        12,
        "",
        1,
    ),
    (
        "WI-LOG-01",
        "Packing and labelling for dispatch",
        DocType.WORK_INSTRUCTION,
        "Logistics",
        _LOG,
        "8.5.4",
        12,
        "",
        1,
    ),
    (
        "WI-MNT-01",
        "Preventive maintenance of machining centres",
        DocType.WORK_INSTRUCTION,
        "Maintenance",
        _MNT,
        "7.1.3",
        12,
        "",
        2,
    ),
    ("F-07-01", "Training record", DocType.FORM, "Administration", _HR, "7.2", 36, "", 1),
    ("F-08-01", "Supplier evaluation form", DocType.FORM, "Purchasing", _PUR, "8.4.1", 36, "", 1),
    ("F-08-02", "Nonconformance report", DocType.FORM, "Quality", _QM, "8.7, 10.2", 36, "", 2),
    ("F-08-03", "First article inspection report", DocType.FORM, "Quality", _QM, "8.6", 36, "", 1),
    ("F-09-01", "Internal audit checklist", DocType.FORM, "Quality", _QM, "9.2", 36, "", 1),
    (
        "R-07-01",
        "Calibration certificates",
        DocType.RECORD,
        "Quality",
        _QM,
        "7.1.5.1",
        None,
        "10 years",
        0,
    ),
    (
        "R-08-01",
        "Inspection and test records",
        DocType.RECORD,
        "Quality",
        _QM,
        "8.6",
        None,
        "10 years after delivery",
        0,
    ),
    (
        "R-09-01",
        "Management review minutes",
        DocType.RECORD,
        "Management",
        _MD,
        "9.3.3",
        None,
        "6 years",
        0,
    ),
    (
        "EXT-01",
        "ISO 9001:2015 Quality management systems — Requirements",
        DocType.EXTERNAL,
        "Quality",
        _QM,
        "4.4",
        36,
        "",
        0,
    ),
    (
        "EXT-02",
        "ISO 2768-1 General tolerances",
        DocType.EXTERNAL,
        "Engineering",
        _EM,
        "8.3.3",
        36,
        "",
        0,
    ),
    (
        "EXT-03",
        "Customer drawing standard (Harbrook Aerospace HAS-100)",
        DocType.EXTERNAL,
        "Engineering",
        _EM,
        "8.2.2",
        12,
        "",
        0,
    ),
)

_CHANGES = (
    "Reformatted to the new template",
    "Responsibilities updated after the reorganisation",
    "Added a step for checking the customer's latest drawing",
    "Clarified the acceptance criteria",
    "Updated references to the new ERP system",
    "Corrected the flowchart and the record list",
    "Added the risk review step",
    "Merged the old form into the procedure",
)


#: Functions that add the demo data of later registers, in order, after the documents.
def _labels(count: int) -> list[str]:
    return [chr(ord("A") + i) for i in range(count)]


def fill(session: Session, on: dt.date | None = None) -> None:
    """Add the demo company's data to an empty company file."""
    on = on or today()
    rng = random.Random(9001)
    company.set_name(session, COMPANY_NAME)
    for index, (
        code,
        title,
        doc_type,
        process,
        owner,
        clauses,
        months,
        retention,
        earlier,
    ) in enumerate(_DOCUMENTS):
        _add_document(
            session,
            rng,
            on,
            index,
            code,
            title,
            doc_type,
            process,
            owner,
            clauses,
            months,
            retention,
            earlier,
        )
    session.flush()
    documents.create_document(
        session,
        documents.DocumentFields(
            code="QP-08-09",
            title="Control of changes in production",
            doc_type=DocType.PROCEDURE,
            status=DocStatus.DRAFT,
            process="Production",
            owner=_PM,
            clauses=("8.5.6",),
            note="Being written after the 2026 internal audit finding on undocumented changes.",
        ),
        DEMO_USER,
    )
    session.flush()
    training_demo.write_training(session, on, DEMO_USER)
    audits_demo.write_audits(session, on, DEMO_USER)
    reviews_demo.write_reviews(session, on, DEMO_USER)


def _add_document(
    session: Session,
    rng: random.Random,
    on: dt.date,
    index: int,
    code: str,
    title: str,
    doc_type: DocType,
    process: str,
    owner: str,
    clauses: str,
    months: int | None,
    retention: str,
    earlier: int,
) -> None:
    # The revision in force took effect within its review interval (a kept register), except a
    # handful overdue and a handful due soon, so the register shows both states; each earlier
    # revision a year or two before the next.
    span = (months or 36) * 30
    if months and index % 9 == 4:
        last = add_months(on, -months) - dt.timedelta(days=rng.randint(5, 60))
    elif months and index % 9 == 7:
        last = add_months(on, -months) + dt.timedelta(days=rng.randint(3, 25))
    else:
        last = on - dt.timedelta(days=rng.randint(20, max(60, span - 60)))
    labels = _labels(earlier + 1)
    dates = [last]
    for _ in labels[1:]:
        dates.insert(0, dates[0] - dt.timedelta(days=rng.randint(300, 700)))
    dates = sorted(dates)
    doc = Document(
        code=code,
        title=title,
        doc_type=doc_type,
        process=process,
        owner=owner,
        revision=labels[-1],
        status=DocStatus.EFFECTIVE,
        effective_date=dates[-1],
        review_months=months,
        location=f"Q:\\QMS\\Controlled\\{code}.pdf" if doc_type != DocType.EXTERNAL else "",
        retention=retention,
        clauses=clauses,
        note="",
    )
    if doc_type == DocType.EXTERNAL:
        doc.location = "Quality office shelf, binder 2"
        doc.note = "Check for a new edition at each review."
    session.add(doc)
    session.flush()
    record(
        session,
        user=DEMO_USER,
        entity=documents.ENTITY,
        entity_id=doc.id,
        ref=code,
        action="create",
        changes=[Change("Title", "", title), Change("Revision", "", labels[0])],
    )
    for number, (label, issued) in enumerate(zip(labels, dates, strict=True)):
        current = number == len(labels) - 1
        session.add(
            Revision(
                document_id=doc.id,
                label=label,
                revision_date=issued - dt.timedelta(days=rng.randint(3, 20)),
                summary="First issue" if number == 0 else rng.choice(_CHANGES),
                author=owner,
                status=RevisionStatus.EFFECTIVE if current else RevisionStatus.SUPERSEDED,
                approved_by=_MD if owner != _MD else _QM,
                approved_on=issued,
                effective_date=issued,
            )
        )
    doc.approved_by, doc.approved_on = _MD if owner != _MD else _QM, dates[-1]
    # Work in progress: one document has a draft revision, one is being written, one withdrawn.
    if code == "QP-08-03":
        session.add(
            Revision(
                document_id=doc.id,
                label=_labels(earlier + 2)[-1],
                revision_date=on - dt.timedelta(days=6),
                summary="Adds approved-supplier re-evaluation every two years",
                author=owner,
                status=RevisionStatus.DRAFT,
            )
        )
    if code == "WI-PRD-04":
        doc.status = DocStatus.OBSOLETE
        doc.obsolete_reason = "Replaced by the automatic coolant monitoring system"
        doc.approved_by, doc.approved_on = "", None  # no revision in force
        for rev in doc.revisions:
            rev.status = RevisionStatus.SUPERSEDED
    if code == "F-09-01":
        # In review: its next revision waits for approval (a status needs its draft behind it).
        doc.status = DocStatus.IN_REVIEW
        session.add(
            Revision(
                document_id=doc.id,
                label=_labels(earlier + 2)[-1],
                revision_date=on - dt.timedelta(days=4),
                summary="Questions grouped by process; space for the evidence seen",
                author=owner,
                status=RevisionStatus.DRAFT,
            )
        )
    refresh_derived(doc)


def write_demo(path: Path, *, overwrite: bool = False) -> Database:
    """Write the demo company to a new file at `path` and return it open."""
    path = Path(path)
    if path.exists():
        if not overwrite:
            raise QmsError(f"{path} already exists; choose another name or allow overwriting.")
        path.unlink()
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    db = open_database(path, create=True)
    with db.write() as session:
        fill(session)
    return db
