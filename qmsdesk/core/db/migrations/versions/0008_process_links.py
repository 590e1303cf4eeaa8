"""process links: documents, actions and audits name a process of the register

The free-text "process" of documents and actions, and the list of processes of an audit, become
links to the register of processes. Every name in use today is mapped to the process whose code
or name it is (case and spaces aside); a name no process has gets a process of its own (kind
"core", code made from the name), which the quality lead then describes or merges. The text is
kept beside the link: it is what the records showed until now.

Revision ID: 0008_process_links
Revises: 0009_risks_objectives
Create Date: 2026-12-02 00:10:12.775952
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_process_links"
down_revision: str | None = "0009_risks_objectives"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _link_column(table: str) -> None:
    # ADD COLUMN with an inline reference: no copy of the table (a batch copy of `documents`
    # would drop the old table, and with it, by cascade, every revision).
    # Standard SQL that SQLite and PostgreSQL both take; Alembic would add the constraint apart,
    # which SQLite cannot do.
    op.execute(
        f"ALTER TABLE {table} ADD COLUMN process_id INTEGER CONSTRAINT "
        f"fk_{table}_process_id_processes REFERENCES processes (id) ON DELETE SET NULL"
    )
    op.create_index(op.f(f"ix_{table}_process_id"), table, ["process_id"], unique=False)


# --- frozen copies of the logic the migration runs (it imports no qmsdesk code) -------------


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _code_for(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-")[:16] or "PROCESS"
    code, n = base, 1
    while _key(code) in taken:
        n += 1
        code = f"{base[:14]}-{n}"
    taken.add(_key(code))
    return code


def _map_names() -> None:
    bind = op.get_bind()
    by_key: dict[str, int] = {}
    taken: set[str] = set()
    for id_, code, name in bind.execute(sa.text("SELECT id, code, name FROM processes")):
        taken.add(_key(code))
        by_key.setdefault(_key(code), id_)
        by_key.setdefault(_key(name), id_)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")

    def process_for(name: str) -> int | None:
        key = _key(name)
        if not key:
            return None
        if key not in by_key:
            code = _code_for(name.strip(), taken)
            result = bind.execute(
                sa.text(
                    "INSERT INTO processes (code, name, kind, owner_id, position, purpose,"
                    " resources, responsibilities, note, created_at, updated_at) VALUES (:code,"
                    " :name, 'core', NULL, 0, '', '', '', :note, :now, :now)"
                ),
                {
                    "code": code,
                    "name": name.strip()[:120],
                    "note": "Made from the process named on records before the register of "
                    "processes existed.",
                    "now": now,
                },
            )
            by_key[key] = int(result.lastrowid)
        return by_key[key]

    for table in ("documents", "actions"):
        names = [r[0] for r in bind.execute(sa.text(f"SELECT DISTINCT process FROM {table}"))]
        for name in names:
            process_id = process_for(name or "")
            if process_id is not None:
                bind.execute(
                    sa.text(f"UPDATE {table} SET process_id = :pid WHERE process = :name"),
                    {"pid": process_id, "name": name},
                )
    for audit_id, text in list(bind.execute(sa.text("SELECT id, processes FROM audits"))):
        linked: set[int] = set()
        for line in (text or "").splitlines():
            process_id = process_for(line)
            if process_id is not None and process_id not in linked:
                linked.add(process_id)
                bind.execute(
                    sa.text("INSERT INTO audit_processes (audit_id, process_id) VALUES (:a, :p)"),
                    {"a": audit_id, "p": process_id},
                )


def upgrade() -> None:
    op.create_table(
        "audit_processes",
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_id"],
            ["audits.id"],
            name=op.f("fk_audit_processes_audit_id_audits"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["processes.id"],
            name=op.f("fk_audit_processes_process_id_processes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("audit_id", "process_id", name=op.f("pk_audit_processes")),
    )
    op.create_index(
        op.f("ix_audit_processes_process_id"), "audit_processes", ["process_id"], unique=False
    )
    _link_column("actions")
    _link_column("documents")
    _map_names()


def downgrade() -> None:
    for table in ("documents", "actions"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_process_id"))
            batch_op.drop_column("process_id")
    op.drop_index(op.f("ix_audit_processes_process_id"), table_name="audit_processes")
    op.drop_table("audit_processes")
