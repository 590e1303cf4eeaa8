"""The sheets of a training workbook that import back: their columns, headers and help."""

from __future__ import annotations

from qmsdesk.core import people, training
from qmsdesk.core.db.models_training import LEVEL_MAX
from qmsdesk.core.exchange.workbook import Column, ColumnKind, SheetSpec

_DATE = "A date: a date cell, or text such as 2026-03-01 or 01/03/2026 (day first)."
_PL = people.FIELD_LABELS
_IL = training.ITEM_LABELS
_RL = training.RECORD_LABELS
LEVEL_SCALE = training.scale_text(LEVEL_MAX)

PEOPLE = SheetSpec(
    name="People",
    aliases=("Staff", "Employees", "Personnel", "Staff list"),
    frozen_columns=2,
    columns=(
        Column(
            "employee_no",
            _PL["employee_no"],
            required=True,
            aliases=("Employee no", "Employee ID", "Staff number", "Payroll number", "Emp no"),
            help="The person's unique employee number. It says which person a row is.",
        ),
        Column(
            "name",
            _PL["name"],
            required=True,
            aliases=("Full name", "Person", "Employee name"),
            help=f"First name and surname (at most {people.MAX_LENGTHS['name']} characters).",
        ),
        Column("department", _PL["department"], aliases=("Dept", "Team", "Area")),
        Column(
            "roles",
            _PL["roles"],
            aliases=("Job role", "Role", "Roles", "Job title", "Position"),
            help="The person's job role or roles, separated by semicolons. A role QMS Desk does "
            "not know yet is added.",
        ),
        Column(
            "manager_no",
            _PL["manager_no"],
            aliases=("Manager number", "Manager employee number", "Reports to"),
            help="The employee number of the person's manager (in QMS Desk or on this sheet).",
        ),
        Column(
            "manager_name",
            "Manager name",
            computed=True,
            help="The manager's name, for reading. An import does not read it.",
        ),
        Column(
            "start_date",
            _PL["start_date"],
            ColumnKind.DATE,
            aliases=("Started", "Joined"),
            help=_DATE,
        ),
        Column(
            "leaving_date",
            _PL["leaving_date"],
            ColumnKind.DATE,
            aliases=("Left", "Left on", "End date"),
            help=f"{_DATE} People who have left keep their records and leave the matrix.",
        ),
        Column("note", _PL["note"], aliases=("Notes", "Comment", "Comments")),
        Column(
            "education",
            _PL["education"],
            aliases=("Qualifications", "Schooling"),
            help="Schooling, apprenticeship, degrees, certificates (clause 7.2 b).",
        ),
        Column(
            "experience",
            _PL["experience"],
            aliases=("Work experience", "Years of experience"),
            help="Earlier jobs and years of practice (clause 7.2 b).",
        ),
    ),
)

JOB_ROLES = SheetSpec(
    name="Job roles",
    aliases=("Roles", "Job role list"),
    columns=(
        Column(
            "name",
            "Job role",
            required=True,
            aliases=("Role", "Name", "Role name"),
            help="The role's name, such as CNC Machinist.",
        ),
        Column("description", "Description", aliases=("Notes",)),
        Column(
            "holders",
            "People holding it",
            ColumnKind.NUMBER,
            computed=True,
            help="How many people hold the role, for reading. An import does not read it.",
        ),
    ),
)

ITEMS = SheetSpec(
    name="Training items",
    aliases=("Items", "Courses", "Training courses", "Competences", "Training catalogue"),
    frozen_columns=2,
    columns=(
        Column(
            "code",
            _IL["code"],
            required=True,
            aliases=("Code", "Course code", "Item"),
            help="The item's unique code, such as TR-DOC. It says which item a row is.",
        ),
        Column("title", _IL["title"], required=True, aliases=("Course", "Course title", "Name")),
        Column("category", _IL["category"], aliases=("Type", "Group")),
        Column(
            "delivery",
            _IL["delivery"],
            ColumnKind.CHOICE,
            aliases=("Delivered as", "Method", "How delivered"),
            choices=training.DELIVERY_CHOICES,
            help=f"How it is delivered, such as {', '.join(training.DELIVERY_CHOICES[:4])}.",
        ),
        Column(
            "validity_months",
            _IL["validity_months"],
            ColumnKind.NUMBER,
            aliases=("Validity", "Validity (months)", "Valid for", "Refresh (months)"),
            whole_range=(0, training.VALIDITY_MAX),
            width=12,
            help="How many months the training stays valid. Empty or 0: it never expires.",
        ),
        Column(
            "document_code",
            _IL["document_code"],
            aliases=("Document", "Document code", "Linked document code"),
            help="For a 'read and understood' item: the code of the controlled document (in the "
            "register or on the 'Documents' sheet). A new revision of it calls for retraining.",
        ),
        Column(
            "max_level",
            _IL["max_level"],
            ColumnKind.NUMBER,
            aliases=("Levels", "Max level", "Highest level"),
            whole_range=(1, LEVEL_MAX),
            width=10,
            help=f"The highest competence level the item uses, 1 to {LEVEL_MAX} ({LEVEL_SCALE}). "
            "Empty: 1.",
        ),
        Column("description", _IL["description"], aliases=("Content", "Notes")),
        Column(
            "archived",
            _IL["archived"],
            ColumnKind.CHOICE,
            choices=("no", "yes"),
            width=10,
            help="yes: the item leaves the matrix and keeps its records. Empty: no.",
        ),
    ),
)

REQUIREMENTS = SheetSpec(
    name="Requirements",
    aliases=("Who needs what", "Training needs", "Role requirements"),
    frozen_columns=2,
    columns=(
        Column(
            "role",
            "Job role",
            aliases=("Role",),
            help="The role that needs the item (in QMS Desk, on 'Job roles' or on 'People'). "
            "Leave it empty for an individual requirement.",
        ),
        Column(
            "employee_no",
            _PL["employee_no"],
            aliases=("Employee no", "Employee ID", "Person"),
            help="For an individual requirement: the person who needs the item. Leave it empty "
            "for a role's requirement.",
        ),
        Column("person_name", "Name", computed=True, help="The person's name, for reading."),
        Column(
            "item_code",
            _IL["code"],
            required=True,
            aliases=("Item", "Course code", "Code"),
            help="The item needed (in QMS Desk or on 'Training items').",
        ),
        Column("item_title", "Item title", computed=True, help="The item's title, for reading."),
        Column(
            "required_level",
            "Required level",
            ColumnKind.NUMBER,
            required=True,
            aliases=("Level", "Level required"),
            whole_range=(1, LEVEL_MAX),
            width=10,
            help=f"The level needed, within the item's scale ({LEVEL_SCALE}).",
        ),
        Column("reason", "Reason", aliases=("Why", "Note"), help="Why an individual needs it."),
    ),
)

RECORDS = SheetSpec(
    name="Training records",
    aliases=("Records", "Training", "Training log", "Training given"),
    frozen_columns=3,
    columns=(
        Column(
            "record_id",
            "Record ID",
            ColumnKind.NUMBER,
            aliases=("ID", "Record", "Record number"),
            width=10,
            help="QMS Desk's number for a recorded training. Leave it empty on new rows; keep it "
            "on rows exported, so that changes go to the right record.",
        ),
        Column(
            "employee_no",
            _PL["employee_no"],
            required=True,
            aliases=("Employee no", "Employee ID", "Staff number"),
            help="Who was trained (in QMS Desk or on 'People').",
        ),
        Column("person_name", "Name", computed=True, help="The person's name, for reading."),
        Column(
            "item_code",
            _IL["code"],
            required=True,
            aliases=("Item", "Course code", "Code"),
            help="What they were trained in (in QMS Desk or on 'Training items').",
        ),
        Column("item_title", "Item title", computed=True, help="The item's title, for reading."),
        Column(
            "trained_on",
            _RL["trained_on"],
            ColumnKind.DATE,
            required=True,
            aliases=("Date", "Training date", "Completed", "Completed on"),
            help=f"{_DATE} Not in the future.",
        ),
        Column(
            "level",
            _RL["level"],
            ColumnKind.NUMBER,
            aliases=("Level", "Competence level"),
            whole_range=(1, LEVEL_MAX),
            width=10,
            help=f"The level reached, within the item's scale ({LEVEL_SCALE}). Empty: 1.",
        ),
        Column("trainer", _RL["trainer"], aliases=("Trainer", "Provider", "Trained by")),
        Column(
            "hours", _RL["hours"], ColumnKind.NUMBER, aliases=("Duration", "Duration (h)"), width=8
        ),
        Column("result", _RL["result"], aliases=("Result", "Score", "Pass/fail")),
        Column(
            "document_revision",
            _RL["document_revision"],
            aliases=("Revision", "Rev"),
            help="For an item linked to a document: the revision read. Empty: the one in force "
            "on the training date.",
        ),
        Column(
            "effectiveness_method",
            _RL["effectiveness_method"],
            aliases=("Evaluation method", "How evaluated"),
        ),
        Column(
            "effectiveness_date",
            _RL["effectiveness_date"],
            ColumnKind.DATE,
            aliases=("Evaluation date", "Evaluated on"),
            help=f"{_DATE} When the effectiveness was checked; not before the training.",
        ),
        Column("effectiveness_by", _RL["effectiveness_by"], aliases=("Evaluator", "Evaluated by")),
        Column(
            "effectiveness_outcome",
            _RL["effectiveness_outcome"],
            aliases=("Outcome", "Evaluation outcome", "Effective?"),
        ),
        Column("note", _RL["note"], aliases=("Notes", "Comment", "Comments")),
        Column(
            "attachment_name",
            _RL["attachment_name"],
            aliases=("Evidence", "Attachment"),
            help="The name of the evidence file attached in QMS Desk (the file stays in the "
            "company's attachment folder).",
        ),
        Column(
            "attachment_sha256",
            _RL["attachment_sha256"],
            aliases=("SHA-256", "SHA256", "Checksum"),
            width=20,
            help="The evidence file's SHA-256 checksum, which proves it has not changed.",
        ),
    ),
)

DATA_SPECS = (PEOPLE, JOB_ROLES, ITEMS, REQUIREMENTS, RECORDS)
