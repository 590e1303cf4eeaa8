"""Qt item models over the core's queries."""

from qmsdesk.gui.models.document_table_model import COLUMNS, DocumentTableModel

__all__ = ["COLUMNS", "DocumentTableModel"]
