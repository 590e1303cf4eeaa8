"""Internal audits and the actions register: checklist templates and their questions, audits with
their team and auditees, each audit's questions with their answers, findings, and one actions
register (corrective and other actions from audits, management reviews, complaints...).

Revision ID: 0004_audits
Revises: 0003_training
Create Date: 2026-11-25 21:27:49.394866
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_audits"
down_revision: str | None = "0003_training"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "checklist_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80, collation="NOCASE"), nullable=False),
        sa.Column("process", sa.String(length=80), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_templates")),
        sa.UniqueConstraint("name", name=op.f("uq_checklist_templates_name")),
    )
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40, collation="NOCASE"), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "corrective",
                "improvement",
                "other",
                name="action_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "source_kind",
            sa.Enum(
                "internal_audit",
                "management_review",
                "customer_complaint",
                "process_nc",
                "supplier",
                "other",
                name="action_source",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("source_ref", sa.String(length=80), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("process", sa.String(length=80), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("correction", sa.Text(), nullable=False),
        sa.Column("correction_on", sa.Date(), nullable=True),
        sa.Column("whys", sa.Text(), nullable=False),
        sa.Column("root_cause", sa.Text(), nullable=False),
        sa.Column("corrective_action", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("verify_due", sa.Date(), nullable=True),
        sa.Column("verified_on", sa.Date(), nullable=True),
        sa.Column("verified_by_id", sa.Integer(), nullable=True),
        sa.Column("effective", sa.Boolean(), nullable=True),
        sa.Column("verification_note", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "in_progress",
                "awaiting_verification",
                "closed",
                name="action_status",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status != 'closed' OR (verified_on IS NOT NULL AND verified_by_id IS NOT NULL "
            "AND effective = 1)",
            name=op.f("ck_actions_closed_needs_verification"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["people.id"],
            name=op.f("fk_actions_owner_id_people"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["verified_by_id"],
            ["people.id"],
            name=op.f("fk_actions_verified_by_id_people"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
        sa.UniqueConstraint("reference", name=op.f("uq_actions_reference")),
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.create_index("ix_actions_due_date", ["due_date"], unique=False)
        batch_op.create_index("ix_actions_owner_id", ["owner_id"], unique=False)
        batch_op.create_index("ix_actions_source", ["source_kind", "source_id"], unique=False)
        batch_op.create_index("ix_actions_status", ["status"], unique=False)
        batch_op.create_index("ix_actions_verified_by_id", ["verified_by_id"], unique=False)

    op.create_table(
        "audits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40, collation="NOCASE"), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("processes", sa.Text(), nullable=False),
        sa.Column("departments", sa.Text(), nullable=False),
        sa.Column("clauses", sa.Text(), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.Column("planned_start", sa.Date(), nullable=False),
        sa.Column("planned_end", sa.Date(), nullable=True),
        sa.Column("actual_start", sa.Date(), nullable=True),
        sa.Column("actual_end", sa.Date(), nullable=True),
        sa.Column("lead_auditor_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "in_progress",
                "reported",
                "closed",
                name="audit_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lead_auditor_id"],
            ["people.id"],
            name=op.f("fk_audits_lead_auditor_id_people"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audits")),
        sa.UniqueConstraint("reference", name=op.f("uq_audits_reference")),
    )
    with op.batch_alter_table("audits", schema=None) as batch_op:
        batch_op.create_index("ix_audits_lead_auditor_id", ["lead_auditor_id"], unique=False)
        batch_op.create_index("ix_audits_planned_start", ["planned_start"], unique=False)
        batch_op.create_index("ix_audits_status", ["status"], unique=False)

    op.create_table(
        "checklist_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("clause", sa.String(length=20), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("hint", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["checklist_templates.id"],
            name=op.f("fk_checklist_questions_template_id_checklist_templates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_questions")),
    )
    with op.batch_alter_table("checklist_questions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_checklist_questions_template_position", ["template_id", "position"], unique=False
        )

    op.create_table(
        "audit_people",
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "team",
                "auditee",
                name="audit_role",
                native_enum=False,
                create_constraint=True,
                length=10,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["audit_id"],
            ["audits.id"],
            name=op.f("fk_audit_people_audit_id_audits"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_audit_people_person_id_people"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("audit_id", "person_id", "role", name=op.f("pk_audit_people")),
    )
    with op.batch_alter_table("audit_people", schema=None) as batch_op:
        batch_op.create_index("ix_audit_people_person_id", ["person_id"], unique=False)

    op.create_table(
        "audit_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("clause", sa.String(length=20), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("hint", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.Column(
            "result",
            sa.Enum(
                "conforming",
                "minor_nc",
                "major_nc",
                "ofi",
                "observation",
                "not_applicable",
                "not_audited",
                name="answer_result",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["audit_id"],
            ["audits.id"],
            name=op.f("fk_audit_questions_audit_id_audits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_questions")),
    )
    with op.batch_alter_table("audit_questions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_audit_questions_audit_position", ["audit_id", "position"], unique=False
        )

    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("clause", sa.String(length=20), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column(
            "classification",
            sa.Enum(
                "major_nc",
                "minor_nc",
                "ofi",
                "observation",
                name="finding_class",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_id"],
            ["audits.id"],
            name=op.f("fk_findings_audit_id_audits"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["audit_questions.id"],
            name=op.f("fk_findings_question_id_audit_questions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
        sa.UniqueConstraint("audit_id", "number", name="uq_findings_audit_number"),
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index("ix_findings_question_id", ["question_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index("ix_findings_question_id")

    op.drop_table("findings")
    with op.batch_alter_table("audit_questions", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_questions_audit_position")

    op.drop_table("audit_questions")
    with op.batch_alter_table("audit_people", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_people_person_id")

    op.drop_table("audit_people")
    with op.batch_alter_table("checklist_questions", schema=None) as batch_op:
        batch_op.drop_index("ix_checklist_questions_template_position")

    op.drop_table("checklist_questions")
    with op.batch_alter_table("audits", schema=None) as batch_op:
        batch_op.drop_index("ix_audits_status")
        batch_op.drop_index("ix_audits_planned_start")
        batch_op.drop_index("ix_audits_lead_auditor_id")

    op.drop_table("audits")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_index("ix_actions_verified_by_id")
        batch_op.drop_index("ix_actions_status")
        batch_op.drop_index("ix_actions_source")
        batch_op.drop_index("ix_actions_owner_id")
        batch_op.drop_index("ix_actions_due_date")

    op.drop_table("actions")
    op.drop_table("checklist_templates")
