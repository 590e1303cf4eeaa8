"""Alembic environment for QMS Desk: always runs on the connection the app hands it."""

from alembic import context

from qmsdesk.core.db import models  # noqa: F401  (registers every table on the metadata)
from qmsdesk.core.db.base import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "QMS Desk runs its migrations from inside the app (qmsdesk.core.db.migrate); "
        "use tools/new_migration.py to write a new one."
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
