"""Training matrix: people and job roles (a register shared with later ones), training items,
requirements per role and per person, and training records with their effectiveness check.

Revision ID: 0003_training
Revises: 0002_history_chain
Create Date: 2026-11-25 21:14:26.230550
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_training"
down_revision: str | None = "0002_history_chain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "job_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80, collation="NOCASE"), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_roles")),
        sa.UniqueConstraint("name", name=op.f("uq_job_roles_name")),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_no", sa.String(length=30, collation="NOCASE"), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("department", sa.String(length=80), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("leaving_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["people.id"],
            name=op.f("fk_people_manager_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("employee_no", name=op.f("uq_people_employee_no")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index("ix_people_department", ["department"], unique=False)
        batch_op.create_index("ix_people_manager_id", ["manager_id"], unique=False)

    op.create_table(
        "person_roles",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_roles_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["role_id"],
            ["job_roles.id"],
            name=op.f("fk_person_roles_role_id_job_roles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", "role_id", name=op.f("pk_person_roles")),
    )
    with op.batch_alter_table("person_roles", schema=None) as batch_op:
        batch_op.create_index("ix_person_roles_role_id", ["role_id"], unique=False)

    op.create_table(
        "training_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40, collation="NOCASE"), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("delivery", sa.String(length=60), nullable=False),
        sa.Column("validity_months", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("max_level", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "max_level BETWEEN 1 AND 4", name=op.f("ck_training_items_max_level_range")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_training_items_document_id_documents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_items")),
        sa.UniqueConstraint("code", name=op.f("uq_training_items_code")),
    )
    with op.batch_alter_table("training_items", schema=None) as batch_op:
        batch_op.create_index("ix_training_items_category", ["category"], unique=False)
        batch_op.create_index("ix_training_items_document_id", ["document_id"], unique=False)

    op.create_table(
        "person_requirements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("required_level", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "required_level BETWEEN 1 AND 4", name=op.f("ck_person_requirements_level_range")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["training_items.id"],
            name=op.f("fk_person_requirements_item_id_training_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_requirements_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_requirements")),
        sa.UniqueConstraint("person_id", "item_id", name="uq_person_requirements_person_item"),
    )
    with op.batch_alter_table("person_requirements", schema=None) as batch_op:
        batch_op.create_index("ix_person_requirements_item_id", ["item_id"], unique=False)

    op.create_table(
        "role_requirements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("required_level", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "required_level BETWEEN 1 AND 4", name=op.f("ck_role_requirements_level_range")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["training_items.id"],
            name=op.f("fk_role_requirements_item_id_training_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["role_id"],
            ["job_roles.id"],
            name=op.f("fk_role_requirements_role_id_job_roles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_requirements")),
        sa.UniqueConstraint("role_id", "item_id", name="uq_role_requirements_role_item"),
    )
    with op.batch_alter_table("role_requirements", schema=None) as batch_op:
        batch_op.create_index("ix_role_requirements_item_id", ["item_id"], unique=False)

    op.create_table(
        "training_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("trained_on", sa.Date(), nullable=False),
        sa.Column("trainer", sa.String(length=120), nullable=False),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=80), nullable=False),
        sa.Column("document_revision", sa.String(length=20), nullable=False),
        sa.Column("attachment_name", sa.String(length=255), nullable=False),
        sa.Column("attachment_path", sa.String(length=500), nullable=False),
        sa.Column("attachment_sha256", sa.String(length=64), nullable=False),
        sa.Column("effectiveness_method", sa.String(length=120), nullable=False),
        sa.Column("effectiveness_date", sa.Date(), nullable=True),
        sa.Column("effectiveness_by", sa.String(length=120), nullable=False),
        sa.Column("effectiveness_outcome", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 4", name=op.f("ck_training_records_level_range")),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["training_items.id"],
            name=op.f("fk_training_records_item_id_training_items"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_training_records_person_id_people"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_records")),
    )
    with op.batch_alter_table("training_records", schema=None) as batch_op:
        batch_op.create_index("ix_training_records_item_id", ["item_id"], unique=False)
        batch_op.create_index(
            "ix_training_records_person_item_date",
            ["person_id", "item_id", "trained_on"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("training_records", schema=None) as batch_op:
        batch_op.drop_index("ix_training_records_person_item_date")
        batch_op.drop_index("ix_training_records_item_id")

    op.drop_table("training_records")
    with op.batch_alter_table("role_requirements", schema=None) as batch_op:
        batch_op.drop_index("ix_role_requirements_item_id")

    op.drop_table("role_requirements")
    with op.batch_alter_table("person_requirements", schema=None) as batch_op:
        batch_op.drop_index("ix_person_requirements_item_id")

    op.drop_table("person_requirements")
    with op.batch_alter_table("training_items", schema=None) as batch_op:
        batch_op.drop_index("ix_training_items_document_id")
        batch_op.drop_index("ix_training_items_category")

    op.drop_table("training_items")
    with op.batch_alter_table("person_roles", schema=None) as batch_op:
        batch_op.drop_index("ix_person_roles_role_id")

    op.drop_table("person_roles")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index("ix_people_manager_id")
        batch_op.drop_index("ix_people_department")

    op.drop_table("people")
    op.drop_table("job_roles")
