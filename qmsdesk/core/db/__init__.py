"""Database layer: typed models, the engine with its pragmas, and migrations run at open.

``Base``, ``Database`` and ``open_database`` are imported on first use, so that the light modules
of this package (``migrate``) can be imported without SQLAlchemy (see core/quickstart.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qmsdesk.core.db.base import Base
    from qmsdesk.core.db.engine import Database, open_database

__all__ = ["Base", "Database", "open_database"]


def __getattr__(name: str) -> Any:
    if name == "Base":
        from qmsdesk.core.db.base import Base

        return Base
    if name in ("Database", "open_database"):
        from qmsdesk.core.db import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
