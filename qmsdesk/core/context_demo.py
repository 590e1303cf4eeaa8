"""The demo company's context, scope, policy and processes (clauses 4.1 to 4.4 and 5.2).

Written by :func:`write_context`, which :func:`qmsdesk.core.demo.fill` calls after the training
(the processes' owners are people of the register) and before the audits (whose scopes and
actions then name these processes). The story is the one the rest of the demo tells: Kestrel
machines precision parts and designs fixtures and parts to customers' functional specifications
(so design, 8.3, applies: QP-08-02 and the planned design audit); it sends all heat treatment and
plating out to approved suppliers, so it has no special process of its own to validate (8.5.1 f,
its one exclusion). The context issues are those of last year's management review: the aerospace
customer's AS9102 reports, the new five-axis machine, energy costs, bar stock deliveries, the one
CMM programmer.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import context, people, processes, training
from qmsdesk.core.context import ExclusionFields, IssueFields, PartyFields, ScopeFields
from qmsdesk.core.dates import add_months
from qmsdesk.core.db.models import Document
from qmsdesk.core.db.models_planning import FlowDirection, IssueSide, ProcessKind
from qmsdesk.core.processes import FlowFields, ProcessFields
from qmsdesk.core.training import ItemFields, RecordFields

SCOPE = (
    "Design and manufacture of precision machined components and work-holding fixtures by CNC "
    "turning and milling, to customers' drawings and functional specifications, for the "
    "aerospace, hydraulics and general engineering industries."
)
SITES = ("Kestrel Works, Unit 4 Riverside Industrial Estate (machining, inspection, offices)",)
PRODUCTS = (
    "CNC-turned and milled components in aluminium, steels, stainless steels and titanium",
    "Work-holding and inspection fixtures designed and made in-house",
    "Parts developed to customers' functional specifications",
    "Kitting and sub-assembly of machined parts",
)
EXCLUSION = ExclusionFields(
    "8.5.1 f",
    "Kestrel has no special process whose result cannot be verified afterwards: every heat "
    "treatment and plating is sent out to approved suppliers, who validate their own processes "
    "and are controlled under 8.4 (approval, certificates of conformity with each batch, "
    "incoming checks). Machining and inspection results are verified on every part.",
)
POLICY = (
    "Kestrel Precision Components makes parts and fixtures that customers can fit without a "
    "second thought. To do that we commit ourselves to:\n"
    "- understand what each customer needs, and deliver it right first time and on the day "
    "promised;\n"
    "- meet every requirement that applies to our work, the customer's, the law's and our own;\n"
    "- train our people well and give them the machines, tools and time the job needs;\n"
    "- choose and watch our suppliers as carefully as our own processes;\n"
    "- set objectives every year, measure how we do against them, and keep improving our "
    "quality management system.\n"
    "This policy is reviewed every year at the management review and explained to everyone "
    "who works here."
)

_MD, _QM, _PM = "Margaret Hollis", "Łukasz Żółć", "Anders Ørsted"

# code, name, kind, owner, purpose, resources, responsibilities
_PROCESSES: tuple[tuple[str, str, ProcessKind, str, str, str, str], ...] = (
    ("MANAGEMENT", "Leadership and management review", ProcessKind.MANAGEMENT, _MD,
     "Set the direction, the policy and the objectives; give the resources; review the system.",
     "Directors' meetings, the management review, the business plan.",
     "Managing Director: policy, objectives, review. Managers: report on their processes."),
    ("QUALITY", "Quality system and improvement", ProcessKind.MANAGEMENT, _QM,
     "Keep the quality system working and improving: documents, audits, nonconformities, "
     "corrective actions, customer satisfaction.",
     "QMS Desk, the audit programme, trained internal auditors.",
     "Quality Manager: the system and the audit programme. Auditors: audits. Owners: actions."),
    ("SALES", "Sales and contract review", ProcessKind.CORE, "Olivia Bennett",
     "Turn enquiries into orders Kestrel can deliver: quotations, contract review, customer "
     "contact, complaints.",
     "ERP system, quotation templates, customer specifications.",
     "Sales Manager: quotations and contract review. Customer Service: order entry, contact."),
    ("ENGINEERING", "Design and engineering", ProcessKind.CORE, "Aisha Khan",
     "Design fixtures and develop parts to customers' functional specifications; write the CNC "
     "programs and inspection plans.",
     "CAD/CAM workstations, design reviews, the customer's standards.",
     "Engineering Manager: design plans and reviews. Design Engineer: design. Programmer: CNC "
     "programs."),
    ("PLANNING", "Production planning", ProcessKind.CORE, "Grace Adeyemi",
     "Schedule the orders on the machines so that they are made on time.",
     "ERP system, the capacity plan, the job board.",
     "Production Supervisor: the weekly schedule. Production Manager: priorities."),
    ("PRODUCTION", "CNC machining", ProcessKind.CORE, _PM,
     "Make the parts to drawing: set-up, first-off check, machining, deburring and finishing.",
     "Machining centres and lathes, tooling, work instructions, trained setters and machinists.",
     "Production Manager: the shop floor. Setters: first-off. Machinists: in-process checks."),
    ("INSPECTION", "Inspection and release", ProcessKind.CORE, "Priya Raman",
     "Check that parts meet the drawing before they leave: first-article, in-process and final "
     "inspection, release with records.",
     "CMM, gauges, inspection plans, the inspection room.",
     "Inspectors: inspection and release. Quality Manager: concessions."),
    ("LOGISTICS", "Stores and dispatch", ProcessKind.CORE, "Ruth Evans",
     "Receive, store and issue material; pack, label and dispatch released parts with their "
     "certificates.",
     "Stores, racking, forklift, packing materials, carriers.",
     "Stores and Dispatch Lead: goods in and out. Storekeeper: issue and traceability labels."),
    ("PURCHASING", "Purchasing and outsourced processes", ProcessKind.SUPPORT, "Sarah Whitfield",
     "Buy material, tooling and the outsourced heat treatment and plating from approved "
     "suppliers, and keep those suppliers evaluated.",
     "Approved supplier list, ERP system, supplier evaluation form.",
     "Purchasing Manager: supplier approval and evaluation. Buyer: orders and chasing."),
    ("MAINTENANCE", "Maintenance and infrastructure", ProcessKind.SUPPORT, "Ian Fletcher",
     "Keep machines, buildings and services fit for work: planned maintenance and repairs.",
     "Maintenance plan, spares, service contracts.",
     "Maintenance Technicians: planned maintenance and breakdowns."),
    ("CALIBRATION", "Calibration of measuring equipment", ProcessKind.SUPPORT, _QM,
     "Keep every gauge and instrument calibrated, identified and fit for use.",
     "Gauge register, accredited calibration laboratory, reference standards.",
     "Quality Manager: the gauge register. Inspectors: in-house checks."),
    ("ADMINISTRATION", "People and competence", ProcessKind.SUPPORT, "Fiona Grant",
     "Recruit, induct and train people, and keep the training matrix up to date.",
     "Training matrix, training budget, external courses.",
     "HR and Office Manager: recruitment and records. Managers: training needs."),
)  # fmt: skip

_IN, _OUT = FlowDirection.INPUT, FlowDirection.OUTPUT
# process code -> its inputs and outputs (the other end: a process code, or someone outside)
_FLOWS: dict[str, tuple[tuple[FlowDirection, str, str], ...]] = {
    "MANAGEMENT": (
        (_IN, "Performance of the quality system, audit results", "QUALITY"),
        (_OUT, "Policy, objectives and decisions of the review", "QUALITY"),
        (_OUT, "Resources and training needs", "ADMINISTRATION"),
    ),
    "QUALITY": (
        (_IN, "Complaints and customer feedback", "SALES"),
        (_IN, "Nonconformance reports", "INSPECTION"),
        (_OUT, "Performance of the quality system, audit results", "MANAGEMENT"),
        (_OUT, "Corrective actions", "PRODUCTION"),
    ),
    "SALES": (
        (_IN, "Enquiry with drawing or functional specification", "Customer"),
        (_OUT, "Quotation", "Customer"),
        (_OUT, "Design request and specification", "ENGINEERING"),
        (_OUT, "Confirmed order", "PLANNING"),
        (_OUT, "Complaints and customer feedback", "QUALITY"),
    ),
    "ENGINEERING": (
        (_IN, "Design request and specification", "SALES"),
        (_OUT, "Design for approval", "Customer"),
        (_OUT, "Approved drawings, fixtures and CNC programs", "PRODUCTION"),
        (_OUT, "Inspection plan", "INSPECTION"),
    ),
    "PLANNING": (
        (_IN, "Confirmed order", "SALES"),
        (_OUT, "Works order and schedule", "PRODUCTION"),
        (_OUT, "Material requirements", "PURCHASING"),
    ),
    "PRODUCTION": (
        (_IN, "Works order and schedule", "PLANNING"),
        (_IN, "Approved drawings, fixtures and CNC programs", "ENGINEERING"),
        (_IN, "Material issued to the job", "LOGISTICS"),
        (_OUT, "Machined parts", "INSPECTION"),
        (_OUT, "Parts for heat treatment or plating", "PURCHASING"),
    ),
    "INSPECTION": (
        (_IN, "Machined parts", "PRODUCTION"),
        (_IN, "Calibrated gauges", "CALIBRATION"),
        (_OUT, "Released parts with inspection records", "LOGISTICS"),
        (_OUT, "Nonconformance reports", "QUALITY"),
    ),
    "LOGISTICS": (
        (_IN, "Received material and certificates", "PURCHASING"),
        (_IN, "Released parts with inspection records", "INSPECTION"),
        (_OUT, "Material issued to the job", "PRODUCTION"),
        (_OUT, "Parts delivered with certificates of conformity", "Customer"),
    ),
    "PURCHASING": (
        (_IN, "Material requirements", "PLANNING"),
        (_IN, "Bar stock, tooling, heat treatment and plating", "Approved suppliers"),
        (_OUT, "Purchase orders", "Approved suppliers"),
        (_OUT, "Received material and certificates", "LOGISTICS"),
    ),
    "MAINTENANCE": (
        (_IN, "Breakdown reports", "PRODUCTION"),
        (_OUT, "Machines maintained and repaired", "PRODUCTION"),
    ),
    "CALIBRATION": (
        (_IN, "Calibration certificates", "Accredited calibration laboratory"),
        (_OUT, "Calibrated gauges", "INSPECTION"),
    ),
    "ADMINISTRATION": (
        (_IN, "Resources and training needs", "MANAGEMENT"),
        (_OUT, "Trained and competent people", "PRODUCTION"),
    ),
}

# reference, side, category, title, description, effect, monitoring, months since reviewed
_ISSUES: tuple[tuple[str, IssueSide, str, str, str, str, str, int], ...] = (
    ("CI-01", IssueSide.EXTERNAL, "Market and customers",
     "Aerospace customers ask for AS9102 first-article reports",
     "Harbrook Aerospace now asks for first-article inspection reports to AS9102 on every new "
     "part; other aerospace customers are expected to follow.",
     "More inspection time on new parts; inspectors must know the format; quotations must "
     "allow for it.",
     "Sales Manager at contract review; customer scorecards; management review.", 3),
    ("CI-02", IssueSide.EXTERNAL, "Economic", "Energy costs up by about a fifth",
     "Electricity for the machines and the compressors costs about 20% more than a year ago.",
     "Pressure on margins may tempt short cuts; machine utilisation and scrap matter more.",
     "Managing Director, monthly accounts.", 13),
    ("CI-03", IssueSide.EXTERNAL, "Supply chain", "Late bar stock deliveries",
     "The main bar stock supplier was late three times last autumn; a second source has been "
     "approved.",
     "Late material puts on-time delivery at risk.",
     "Purchasing Manager: supplier on-time delivery each month.", 5),
    ("CI-04", IssueSide.EXTERNAL, "Supply chain", "Heat treatment and plating are outsourced",
     "Kestrel has no furnace or plating line; two approved suppliers do all of it.",
     "Quality of those processes depends on suppliers' control: certificates, approval and "
     "incoming checks (the reason 8.5.1 f does not apply).",
     "Supplier evaluation; certificates checked at goods in.", 6),
    ("CI-05", IssueSide.INTERNAL, "People and skills", "Only one person programs the CMM",
     "CMM programming depends on one inspector; a second is being trained.",
     "Inspection of complex parts stops when that person is away.",
     "Training matrix; Quality Manager.", 4),
    ("CI-06", IssueSide.INTERNAL, "Infrastructure",
     "Second five-axis machining centre arriving; turning is the bottleneck",
     "A second five-axis machining centre was ordered for the spring; the turning cell is "
     "still the bottleneck in peak weeks.",
     "New machine to install, prove out and staff; capacity plan to revise.",
     "Production Manager, weekly capacity review.", 11),
    ("CI-07", IssueSide.INTERNAL, "Culture and knowledge",
     "Changes in production made without a record",
     "The internal audit found process changes made on the shop floor without documentation.",
     "Parts may be made in a way nobody approved; knowledge stays in people's heads.",
     "Internal audits; procedure QP-08-09 being written.", 2),
    ("CI-08", IssueSide.EXTERNAL, "Technology",
     "Customers move to 3D models without drawings",
     "Some customers now send 3D models as the definition of the part, with few or no "
     "drawings.",
     "Contract review, programming and inspection must work from the model; CAD skills needed.",
     "Engineering Manager; customer specifications at contract review.", 8),
)  # fmt: skip

# name, side, needs, requirements taken on, monitoring, months since reviewed
_PARTIES: tuple[tuple[str, IssueSide, str, str, str, int], ...] = (
    ("Customers", IssueSide.EXTERNAL,
     "Parts to drawing, on time, with the paperwork they ask for; quick answers to problems.",
     "Drawing and specification requirements; AS9102 reports for Harbrook; certificates of "
     "conformity; delivery dates agreed at contract review.",
     "Contract review, complaints, the yearly customer survey, customer scorecards.", 4),
    ("Employees", IssueSide.INTERNAL,
     "Safe work, clear instructions, training, fair pay, a say in how work is done.",
     "Training for the job; work instructions at the machine.",
     "Team briefings, appraisals, the suggestion board.", 6),
    ("Owners and directors", IssueSide.INTERNAL,
     "A profitable, growing business with a good name with its customers.",
     "Objectives and the business plan agreed at the management review.",
     "Monthly accounts, management review.", 11),
    ("Suppliers and subcontractors", IssueSide.EXTERNAL,
     "Clear purchase orders, fair terms, payment on time.",
     "Purchase orders state the requirements, the certificates and the approvals needed.",
     "Supplier evaluation, supplier meetings.", 13),
    ("Certification body", IssueSide.EXTERNAL,
     "Evidence that the quality system meets ISO 9001 and works.",
     "Surveillance audits; findings answered within the agreed time.",
     "Audit reports and findings; Quality Manager.", 9),
    ("Regulators and neighbours", IssueSide.EXTERNAL,
     "Health and safety at work, waste and noise kept under control.",
     "Legal requirements for products and the workplace; REACH declarations on request.",
     "Health and safety reviews; HR and Office Manager.", 7),
)  # fmt: skip


def write_context(session: Session, on: dt.date, user: str) -> None:
    """The scope, the policy, the context issues, the interested parties and the processes with
    their hand-overs, as of `on`. The processes need the register of people (their owners)."""
    context.save_scope(
        session, ScopeFields(SCOPE, "\n".join(SITES), "\n".join(PRODUCTS), POLICY), user
    )
    context.save_exclusion(session, EXCLUSION, user)
    for ref, side, category, title, description, effect, monitoring, ago in _ISSUES:
        last = add_months(on, -ago)
        context.create_issue(
            session,
            IssueFields(ref, title, side, category, description, effect, monitoring, last),
            user,
        )
    for name, side, needs, requirements, monitoring, ago in _PARTIES:
        context.create_party(
            session,
            PartyFields(name, side, needs, requirements, monitoring, add_months(on, -ago)),
            user,
        )
    owners = {p.name: p.id for p in people.all_people(session, include_left=False, on=on)}
    for position, row in enumerate(_PROCESSES, 1):
        code, name, kind, owner, purpose, resources, responsibilities = row
        processes.create_process(
            session,
            ProcessFields(
                code,
                name,
                kind,
                owners.get(owner),
                purpose,
                resources,
                responsibilities,
                position=position,
            ),
            user,
        )
    index = processes.name_index(session)
    for code, flows in _FLOWS.items():
        process_id = processes.id_for_code(session, code)
        assert process_id is not None
        processes.set_flows(
            session,
            process_id,
            [FlowFields(d, what, other) for d, what, other in flows],
            user,
            index,
        )
    _policy_communicated(session, on, user, owners)


def _policy_communicated(session: Session, on: dt.date, user: str, owners: dict[str, int]) -> None:
    """The policy's "read and understood" item, read by everyone but the newest starters."""
    policy = session.scalar(select(Document).where(Document.code == "QPOL-01"))
    if policy is None or not owners:
        return
    item_id = training.create_item(
        session,
        ItemFields(
            "RU-QPOL-01",
            "Read and understood: Quality policy",
            "Read and understood",
            "Read and understood",
            24,
            document_code="QPOL-01",
            description="Everyone reads the quality policy on joining and after each revision; "
            "it is also explained at the yearly team briefing.",
        ),
        user,
    )
    day = on - dt.timedelta(days=45)
    readers = [
        pid
        for person, pid in owners.items()
        if person not in ("Marek Dvořák", "Chloé Martin", "Emily Tran")
    ]
    started = {p.id: p.start_date for p in people.all_people(session)}
    readers = [pid for pid in readers if (started.get(pid) or day) <= day]
    if readers:
        training.record_training(
            session,
            readers,
            item_id,
            RecordFields(day, trainer=_MD, result="Read and understood"),
            user,
            on=on,
        )
