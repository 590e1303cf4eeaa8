"""The dialogs of QMS Desk; each one's layout is a Designer form in ui/ (see qmsdesk.gui.forms)."""

from qmsdesk.gui.dialogs.document import DocumentDialog
from qmsdesk.gui.dialogs.error import ErrorDialog, show_error
from qmsdesk.gui.dialogs.history import HistoryDialog
from qmsdesk.gui.dialogs.import_preview import ImportPreviewDialog
from qmsdesk.gui.dialogs.obsolete import ObsoleteDialog
from qmsdesk.gui.dialogs.preferences import PreferencesDialog
from qmsdesk.gui.dialogs.revision import ApproveDialog, RevisionDialog

__all__ = [
    "ApproveDialog",
    "DocumentDialog",
    "ErrorDialog",
    "HistoryDialog",
    "ImportPreviewDialog",
    "ObsoleteDialog",
    "PreferencesDialog",
    "RevisionDialog",
    "show_error",
]
