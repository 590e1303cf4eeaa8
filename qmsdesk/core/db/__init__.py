"""Database layer: typed models, the engine with its pragmas, and migrations run at open."""

from qmsdesk.core.db.base import Base
from qmsdesk.core.db.engine import Database, open_database

__all__ = ["Base", "Database", "open_database"]
