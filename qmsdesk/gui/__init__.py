"""The Qt user interface: the only package that imports PySide6."""

from qmsdesk.gui import _pyside_fixes  # noqa: F401 - applied on import, before any widget exists
