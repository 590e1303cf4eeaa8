"""The demo company: Kestrel Precision Components, a fictional machining shop of about 25 people.

Dates are set relative to the day the demo is written, so that a newcomer always sees documents that
are overdue for review, some due soon, drafts in progress and obsolete ones. :func:`fill` writes
the company's history in the order it happened, so that what was drafted at a time reads the
registers as they stood then: the documents, the training (people first: audits and reviews name
them), this year's audits (their findings raise actions), last year's audits, complaints and
nonconformities (:mod:`.first_year_demo`), last year's management review drafted at the end of
its period, then this year's work in progress and this year's review, drafted today."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import (
    audits_demo,
    changes_demo,
    company,
    context_demo,
    design_demo,
    documents,
    feedback_demo,
    first_year_demo,
    objectives_demo,
    reviews_demo,
    risks_demo,
    training_demo,
)
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

# What each revision after the first issue changed, oldest first (one per earlier revision).
_CHANGES: dict[str, tuple[str, ...]] = {
    "QM-01": (
        "Process map redrawn with the outsourced plating and heat treatment",
        "Scope statement updated: design of fixtures and customer parts included",
        "Exclusion of 8.5.1 f explained: special processes are all outsourced",
    ),
    "QPOL-01": (
        "Commitment to meet customers' and legal requirements made explicit",
        "Signed by the new managing director",
    ),
    "QP-04-01": ("Interested parties and their needs listed in a table",),
    "QP-06-01": (
        "Risk scoring changed to likelihood times consequence, 1 to 5 each",
        "Opportunities recorded beside the risks",
    ),
    "QP-06-02": ("Objectives set per department, with the measure and the owner of each",),
    "QP-07-01": (
        "Document numbering and revision letters explained",
        "Master copies moved to the shared drive; paper copies stamped 'controlled'",
        "Retention periods added to the record list",
    ),
    "QP-07-02": (
        "Training matrix replaces the paper competence cards",
        "Effectiveness of training checked by the trainee's manager",
    ),
    "QP-07-03": (
        "Calibration intervals set from each gauge's history of use",
        "What to do with parts measured by a gauge found out of tolerance",
    ),
    "QP-07-04": ("Preventive maintenance intervals set from the machine makers' manuals",),
    "QP-08-01": (
        "Review of orders received by phone or e-mail added",
        "Customer changes to drawings and dates handled through a change note",
    ),
    "QP-08-02": ("Design reviews and sign-off of fixture designs added",),
    "QP-08-03": (
        "Approved supplier list kept in the ERP system",
        "Subcontract plating and heat treatment orders to state the specification in full",
        "Goods-in checks of material certificates against the order",
    ),
    "QP-08-04": (
        "Job pack contents listed: drawing, program, setting sheet, traveller",
        "First-off inspection before every batch made mandatory",
    ),
    "QP-08-05": ("Heat number of the bar recorded on the traveller",),
    "QP-08-07": (
        "Release signed on the traveller by an authorised inspector",
        "First article inspection for new parts and new revisions",
    ),
    "QP-08-08": (
        "Quarantine area and red reject tags introduced",
        "Concessions to be agreed by the customer in writing",
    ),
    "QP-09-01": ("Yearly survey of the main customers; scorecards from the largest ones",),
    "QP-09-02": (
        "Audit programme planned for the year by process and clause",
        "Auditors not to audit their own work",
    ),
    "QP-09-03": ("Agenda follows the inputs and outputs of clause 9.3",),
    "QP-10-01": (
        "Root cause found with five whys or a fishbone diagram",
        "Effectiveness of each corrective action checked and recorded",
    ),
    "WI-PRD-01": (
        "Chuck pressure settings for thin-walled parts added",
        "Tool offsets checked against the setting sheet",
        "Photos of the set-up for the main part families",
    ),
    "WI-PRD-02": (
        "Which features to measure at first-off marked on the drawing",
        "First-off results recorded on F-08-03",
    ),
    "WI-PRD-03": ("Cross-holes deburred with the back-deburring tool",),
    "WI-PRD-04": ("Refractometer reading and target range per machine",),
    "WI-QC-01": (
        "Probe qualification at the start of each shift",
        "Temperature of the measuring room recorded with each program run",
    ),
    "WI-QC-02": ("Go and no-go thread gauges replace the thread micrometer",),
    "WI-LOG-01": ("Labels carry the customer's part number, revision and batch",),
    "WI-MNT-01": (
        "Spindle run-out check added to the monthly list",
        "Way lube and coolant filter changes logged on the machine card",
    ),
    "F-07-01": ("Column for the effectiveness check added",),
    "F-08-01": ("Scoring of quality, delivery and price, out of 10 each",),
    "F-08-02": (
        "Containment section added before the root cause",
        "Customer notification box added",
    ),
    "F-08-03": ("Balloon numbers on the drawing matched to the results table",),
    "F-09-01": ("Space for the evidence seen beside each question",),
}


def _summary(rng: random.Random, code: str, number: int) -> str:
    if number == 0:
        return "First issue"
    rng.randrange(8)  # the draw that once chose a summary: keeps the demo's dates as they were
    return _CHANGES[code][number - 1]


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
    training_demo.write_training(session, on, DEMO_USER)
    context_demo.write_context(session, on, DEMO_USER)
    audits_demo.write_audits(session, on, DEMO_USER)
    # Customer feedback, changes and design, over both years (dates relative to `on`).
    feedback_demo.write_feedback(session, on, DEMO_USER)
    changes_demo.write_changes(session, on, DEMO_USER)
    design_demo.write_design(session, on, DEMO_USER)
    # Last year: the audits and actions of its review's period, then the review itself, drafted
    # from the registers as they stood at the period's end; this year's work after that.
    _meeting, start, end = reviews_demo.last_review_dates(on)
    first_year_demo.write_first_year(session, start, end, on, DEMO_USER)
    # The risks and objectives, with their measurements over the last 18 months (the review
    # drafts them as they stood at its period's end).
    risks_demo.write_risks(session, on, DEMO_USER)
    objectives_demo.write_objectives(session, on, DEMO_USER)
    reviews_demo.write_last_review(session, on, DEMO_USER)
    _in_progress(session, on)
    reviews_demo.write_this_review(session, on, DEMO_USER)


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
                summary=_summary(rng, code, number),
                author=owner,
                status=RevisionStatus.EFFECTIVE if current else RevisionStatus.SUPERSEDED,
                approved_by=_MD if owner != _MD else _QM,
                approved_on=issued,
                effective_date=issued,
            )
        )
    # Withdrawn before last year's review; the work in progress comes after it (_in_progress).
    if code == "WI-PRD-04":
        doc.status = DocStatus.OBSOLETE
        doc.obsolete_reason = "Replaced by the automatic coolant monitoring system"
        for rev in doc.revisions:
            rev.status = RevisionStatus.SUPERSEDED
    refresh_derived(doc)


def _in_progress(session: Session, on: dt.date) -> None:
    """This year's work in progress, after last year's review was drafted: a draft revision, a
    document under review and one being written."""
    docs = {d.code: d for d in session.scalars(select(Document))}
    doc = docs["QP-08-03"]
    session.add(
        Revision(
            document_id=doc.id,
            label=chr(ord(doc.revision or "A") + 1),
            revision_date=on - dt.timedelta(days=6),
            summary="Re-evaluation due dates on the approved supplier list; reduced goods-in "
            "checks for suppliers with a proven record",
            author=doc.owner,
            status=RevisionStatus.DRAFT,
        )
    )
    session.flush()
    refresh_derived(doc)
    doc = docs["F-09-01"]
    doc.status = DocStatus.IN_REVIEW
    refresh_derived(doc)
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
            note="Being written after this year's production audit found changes to machines "
            "and fixtures made without review.",
        ),
        DEMO_USER,
    )
    session.flush()


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
