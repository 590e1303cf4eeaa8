"""Management reviews: the meetings (date, place, chair, period covered, status, approval, minutes
revision), who attended or sent apologies, one input section per agenda item (the lead's narrative
apart from the summary drafted from the registers), the decisions, and the approved minutes kept
as they were approved.

Revision ID: 0005_reviews
Revises: 0004_audits
Create Date: 2026-11-25 21:29:48.879545
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_reviews"
down_revision: str | None = "0004_audits"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=30, collation="NOCASE"), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=120), nullable=False),
        sa.Column("chair_id", sa.Integer(), nullable=True),
        sa.Column("chair_name", sa.String(length=120), nullable=False),
        sa.Column("guests", sa.String(length=300), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "held",
                "approved",
                name="review_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("approved_by", sa.String(length=120), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("minutes_revision", sa.Integer(), nullable=False),
        sa.Column("revision_reason", sa.Text(), nullable=False),
        sa.Column("drafted_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "minutes_revision >= 1", name=op.f("ck_reviews_minutes_revision_positive")
        ),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_reviews_period_order")),
        sa.ForeignKeyConstraint(
            ["chair_id"],
            ["people.id"],
            name=op.f("fk_reviews_chair_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
        sa.UniqueConstraint("reference", name=op.f("uq_reviews_reference")),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index("ix_reviews_meeting_date", ["meeting_date"], unique=False)

    op.create_table(
        "review_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=12), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_review_decisions_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_decisions")),
        sa.UniqueConstraint("review_id", "number", name="uq_review_decisions_review_number"),
    )
    op.create_table(
        "review_inputs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=12), nullable=False),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("tables", sa.Text(), nullable=False),
        sa.Column("drafted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_review_inputs_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_inputs")),
        sa.UniqueConstraint("review_id", "item", name="uq_review_inputs_review_item"),
    )
    op.create_table(
        "review_minutes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("approved_by", sa.String(length=120), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_review_minutes_review_id_reviews"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_minutes")),
        sa.UniqueConstraint("review_id", "revision", name="uq_review_minutes_review_revision"),
    )
    op.create_table(
        "review_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "attended",
                "apologies",
                name="attendance_role",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_review_people_person_id_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_review_people_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_people")),
        sa.UniqueConstraint("review_id", "person_id", name="uq_review_people_review_person"),
    )
    with op.batch_alter_table("review_people", schema=None) as batch_op:
        batch_op.create_index("ix_review_people_person_id", ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("review_people", schema=None) as batch_op:
        batch_op.drop_index("ix_review_people_person_id")

    op.drop_table("review_people")
    op.drop_table("review_minutes")
    op.drop_table("review_inputs")
    op.drop_table("review_decisions")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_reviews_meeting_date")

    op.drop_table("reviews")
