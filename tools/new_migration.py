"""Write a new Alembic migration by comparing the models with a database built from the migrations.

Usage: python tools/new_migration.py "what changed" [--rev-id 0002_short_name]
Review the generated file by hand before committing it; tests/core/test_migrations.py checks it.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from qmsdesk.core.db import migrate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("message")
    parser.add_argument("--rev-id", help="revision id, e.g. 0002_training")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'scratch.db'}")
        with engine.begin() as connection:
            config = migrate.alembic_config(connection)
            command.upgrade(config, "head")
            command.revision(config, message=args.message, autogenerate=True, rev_id=args.rev_id)
        engine.dispose()


if __name__ == "__main__":
    main()
