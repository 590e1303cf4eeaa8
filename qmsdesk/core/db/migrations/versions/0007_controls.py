"""controls: approvals on the master list, external documents' issuer and edition check, records'
disposal date; corrective actions' extent and the questions of 10.2.1 e and f; the auditor's
independence reason; people's education and experience; the 9.3.1 conclusion of a review and an
input's "nothing to report"; training items that qualify an internal auditor.

Revision ID: 0007_controls
Revises: 0010_suppliers_equipment_nc
Create Date: 2026-12-02 00:07:44.383649
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_controls"
down_revision: str | None = "0010_suppliers_equipment_nc"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(name: str, length: int | None = None) -> sa.Column:
    kind = sa.String(length=length) if length else sa.Text()
    return sa.Column(name, kind, nullable=False, server_default="")


def _flag(name: str) -> sa.Column:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())


def upgrade() -> None:
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.add_column(_text("no_correction_reason"))
        batch_op.add_column(_text("extent"))
        batch_op.add_column(sa.Column("risks_updated", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("qms_change", sa.Boolean(), nullable=True))

    with op.batch_alter_table("audits", schema=None) as batch_op:
        batch_op.add_column(_text("independence_reason"))

    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(_text("issuer", 150))
        batch_op.add_column(sa.Column("edition_checked", sa.Date(), nullable=True))
        batch_op.add_column(_text("approved_by", 80))
        batch_op.add_column(sa.Column("approved_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("disposal_date", sa.Date(), nullable=True))

    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(_text("education"))
        batch_op.add_column(_text("experience"))

    with op.batch_alter_table("review_inputs", schema=None) as batch_op:
        batch_op.add_column(_flag("nothing_to_report"))

    with op.batch_alter_table("reviews", schema=None) as batch_op:
        for name in ("suitability", "adequacy", "effectiveness", "alignment"):
            batch_op.add_column(_text(name))

    with op.batch_alter_table("training_items", schema=None) as batch_op:
        batch_op.add_column(_flag("qualifies_auditor"))

    # The master list shows who approved the revision in force: copy it from that revision.
    documents = sa.table(
        "documents",
        sa.column("id", sa.Integer),
        sa.column("approved_by", sa.String),
        sa.column("approved_on", sa.Date),
    )
    revisions = sa.table(
        "revisions",
        sa.column("document_id", sa.Integer),
        sa.column("status", sa.String),
        sa.column("approved_by", sa.String),
        sa.column("approved_on", sa.Date),
    )

    def in_force(column: str) -> sa.ScalarSelect:
        return (
            sa.select(revisions.c[column])
            .where(revisions.c.document_id == documents.c.id, revisions.c.status == "effective")
            .limit(1)
            .scalar_subquery()
        )

    op.execute(
        documents.update().values(
            approved_by=sa.func.coalesce(in_force("approved_by"), ""),
            approved_on=in_force("approved_on"),
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("training_items", schema=None) as batch_op:
        batch_op.drop_column("qualifies_auditor")

    with op.batch_alter_table("reviews", schema=None) as batch_op:
        for name in ("alignment", "effectiveness", "adequacy", "suitability"):
            batch_op.drop_column(name)

    with op.batch_alter_table("review_inputs", schema=None) as batch_op:
        batch_op.drop_column("nothing_to_report")

    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("experience")
        batch_op.drop_column("education")

    with op.batch_alter_table("documents", schema=None) as batch_op:
        for name in ("disposal_date", "approved_on", "approved_by", "edition_checked", "issuer"):
            batch_op.drop_column(name)

    with op.batch_alter_table("audits", schema=None) as batch_op:
        batch_op.drop_column("independence_reason")

    with op.batch_alter_table("actions", schema=None) as batch_op:
        for name in ("qms_change", "risks_updated", "extent", "no_correction_reason"):
            batch_op.drop_column(name)
