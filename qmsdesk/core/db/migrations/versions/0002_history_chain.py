"""Chain the change history: each row carries a hash of itself and the row before it.

Revision ID: 0002_history_chain
Revises: 0001_documents
Create Date: 2026-11-25
"""

import hashlib
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002_history_chain"
down_revision: str | None = "0001_documents"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# A frozen copy of the hash this migration wrote (qmsdesk.core.history.chain_hash as it was then):
# a migration runs the code of its day, whatever the app's modules become.
GENESIS = "0" * 64


def chain_hash(previous: str, at: datetime, *fields: object) -> str:
    """user, entity, entity_id, ref, action, field, old_value, new_value after `at`."""
    parts = [previous, at.isoformat(timespec="microseconds"), *(str(f) for f in fields)]
    payload = "".join(f"{len(p)}:{p};" for p in parts)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("change_history", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("hash", sa.String(length=64), nullable=False, server_default="")
        )
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT id, at, user, entity, entity_id, ref, action, field, old_value, new_value "
            "FROM change_history ORDER BY id"
        )
    ).all()
    previous = GENESIS
    for row in rows:
        at = row.at if isinstance(row.at, datetime) else datetime.fromisoformat(str(row.at))
        previous = chain_hash(
            previous,
            at,
            row.user,
            row.entity,
            row.entity_id,
            row.ref,
            row.action,
            row.field,
            row.old_value,
            row.new_value,
        )
        connection.execute(
            sa.text("UPDATE change_history SET hash = :hash WHERE id = :id"),
            {"hash": previous, "id": row.id},
        )


def downgrade() -> None:
    with op.batch_alter_table("change_history", schema=None) as batch_op:
        batch_op.drop_column("hash")
