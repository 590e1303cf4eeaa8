"""The Qt user interface: the only package that imports PySide6."""

# The Qt-free modules the window's first screen needs, imported before PySide6 is: once it is
# loaded, PySide6 reads the source of every module imported after it (looking for its own name),
# which costs the start-up about a millisecond a module.
import datetime  # noqa: F401
import html  # noqa: F401

from qmsdesk import paths  # noqa: F401
from qmsdesk.core import quickstart  # noqa: F401 - with vocab, dates, errors, migrate, sqlite3
from qmsdesk.gui import _pyside_fixes  # noqa: F401 - applied on import, before any widget exists
