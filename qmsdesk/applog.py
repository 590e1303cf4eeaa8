"""The application's log file, in the user data folder: where unexpected errors are written down.

The GUI shows a short message and a "copy details" button; the log keeps the full story for support.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from qmsdesk import paths

LOG_NAME = "qmsdesk.log"
_configured: Path | None = None


def log_path() -> Path:
    return paths.user_data_dir() / "logs" / LOG_NAME


def configure() -> Path:
    """Send what qmsdesk loggers say to a rotating file (1 MB x 5 files); safe to call again."""
    global _configured
    path = log_path()
    if _configured == path:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("qmsdesk")
    for old in [h for h in logger.handlers if getattr(h, "_qmsdesk", False)]:
        logger.removeHandler(old)
        old.close()
    handler._qmsdesk = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _configured = path
    return path
