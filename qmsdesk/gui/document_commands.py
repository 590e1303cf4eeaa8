"""The document register's commands: new, edit, delete, new revision, approve, mark reviewed,
make obsolete, and open a revision's attached file. Each asks what it needs in a dialog, makes the
change through the core's services in one write transaction (:meth:`RegisterTab.write`), and
reads the register again (:meth:`RegisterTab.after_write`); the tab's actions run them.

As for the tab, the core's services are imported inside the functions (see
qmsdesk.gui.main_window).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtWidgets import QWidget

from qmsdesk.core.dates import add_months, today
from qmsdesk.core.errors import QmsError
from qmsdesk.core.vocab import DocumentRow, RevisionRow
from qmsdesk.gui.document_details import suggest_next_label
from qmsdesk.gui.file_jobs import FileJobs
from qmsdesk.gui.models.document_table_model import DateText, DocumentTableModel
from qmsdesk.gui.register_tab import accepted

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qmsdesk.core.db import Database

T = TypeVar("T")


class DocumentsTab(Protocol):
    """What the commands need of the documents tab (qmsdesk.gui.documents_tab.DocumentsTab is
    one): named here, so that the commands do not import the tab that imports them."""

    db: Database | None
    read_only: bool
    model: DocumentTableModel
    file_jobs: FileJobs

    @property
    def user(self) -> str: ...

    @property
    def revisions(self) -> list[RevisionRow]: ...

    def draft(self) -> RevisionRow | None: ...

    def selected_document(self) -> DocumentRow | None: ...

    def select_document(self, doc_id: int) -> bool: ...

    def clear_filters(self) -> None: ...

    def write(self, title: str, work: Callable[[Session], T]) -> tuple[bool, T | None]: ...

    def after_write(self, select_id: int | None = None) -> None: ...

    def as_widget(self) -> QWidget:
        """The tab itself, as the parent of the commands' dialogs and messages."""
        ...


def _lists(tab: DocumentsTab) -> tuple[list[str], list[str]]:
    from qmsdesk.core import documents

    assert tab.db is not None
    with tab.db.read() as session:
        return documents.owners(session), documents.processes(session)


def new_document(tab: DocumentsTab) -> None:
    if tab.db is None or tab.read_only:
        return
    from qmsdesk.core import documents
    from qmsdesk.gui import dialogs

    owners, processes = _lists(tab)
    dialog = dialogs.DocumentDialog(
        tab.as_widget(), initial=None, owners=owners, processes=processes, workflow_locked=False
    )
    if not accepted(dialog):
        return
    fields = dialog.result_fields()
    approval = dialog.approval()
    ok, new_id = tab.write(
        "Cannot add the document",
        lambda s: documents.create_document(s, fields, user=tab.user, approval=approval),
    )
    if ok:
        tab.after_write(new_id)
        if new_id is not None and tab.model.row_for_id(new_id) is None:
            # Hidden by the search or the filters, the new document would seem lost.
            tab.clear_filters()
            tab.select_document(new_id)


def edit_document(tab: DocumentsTab) -> None:
    doc = tab.selected_document()
    if doc is None or tab.db is None or tab.read_only:
        return
    from qmsdesk.core import documents
    from qmsdesk.gui import dialogs

    owners, processes = _lists(tab)
    dialog = dialogs.DocumentDialog(
        tab.as_widget(),
        initial=doc.fields(),
        owners=owners,
        processes=processes,
        workflow_locked=bool(tab.revisions),
    )
    if not accepted(dialog):
        return
    fields = dialog.result_fields()
    ok, _changed = tab.write(
        f"Cannot save {doc.code}",
        lambda s: documents.update_document(s, doc.id, fields, user=tab.user),
    )
    if ok:
        tab.after_write(doc.id)


def delete_document(tab: DocumentsTab) -> None:
    from PySide6.QtWidgets import QMessageBox

    doc = tab.selected_document()
    if doc is None or tab.db is None or tab.read_only:
        return
    from qmsdesk.core import documents

    answer = QMessageBox.question(
        tab.as_widget(),
        "Delete document",
        f"Delete {doc.code} “{doc.title}” from the register?\n\n"
        "This cannot be undone; the change history keeps a record of the deletion.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    row = tab.model.row_for_id(doc.id)
    ok, _ = tab.write(
        f"Cannot delete {doc.code}",
        lambda s: documents.delete_document(s, doc.id, user=tab.user),
    )
    if ok:
        neighbour = None
        if row is not None and tab.model.rowCount() > 1:
            other = row + 1 if row + 1 < tab.model.rowCount() else row - 1
            neighbour = tab.model.document_id(other)
        tab.after_write(neighbour)


def new_revision(tab: DocumentsTab) -> None:
    doc = tab.selected_document()
    if doc is None or tab.db is None or tab.read_only:
        return
    from qmsdesk.core import documents
    from qmsdesk.gui import dialogs

    labels = [r.label for r in tab.revisions]
    if doc.revision and doc.revision not in labels:
        labels.insert(0, doc.revision)
    dialog = dialogs.RevisionDialog(
        tab.as_widget(),
        document_code=doc.code,
        suggested_label=suggest_next_label(labels),
        author=tab.user,
    )
    if not accepted(dialog):
        return
    fields = dialog.result_fields()
    db = tab.db
    ok, _ = tab.write(
        f"Cannot start a revision of {doc.code}",
        lambda s: documents.add_revision(
            s, doc.id, fields, user=tab.user, attachments_dir=db.attachments_dir
        ),
    )
    if ok:
        tab.after_write(doc.id)


def approve_revision(tab: DocumentsTab) -> None:
    doc = tab.selected_document()
    draft = tab.draft()
    if doc is None or draft is None or tab.db is None or tab.read_only:
        return
    from qmsdesk.core import documents
    from qmsdesk.gui import dialogs

    dialog = dialogs.ApproveDialog(
        tab.as_widget(),
        document_code=doc.code,
        revision_label=draft.label,
        revision_date=draft.revision_date,
        approver=tab.user,
    )
    if not accepted(dialog):
        return
    approver, approved_on, effective = dialog.result_values()
    ok, _ = tab.write(
        f"Cannot approve revision {draft.label} of {doc.code}",
        lambda s: documents.approve_revision(
            s, draft.id, approver, approved_on, user=tab.user, effective_date=effective
        ),
    )
    if ok:
        tab.after_write(doc.id)


def mark_reviewed(tab: DocumentsTab) -> None:
    from PySide6.QtWidgets import QMessageBox

    doc = tab.selected_document()
    if doc is None or tab.db is None or tab.read_only:
        return
    from qmsdesk.core import documents

    on = today()
    date = DateText()
    then = ""
    if doc.review_months:
        then = f" The next review will be due on {date(add_months(on, doc.review_months))}."
    answer = QMessageBox.question(
        tab.as_widget(),
        "Mark reviewed",
        f"Record that {doc.code} “{doc.title}” was reviewed today ({date(on)}) and is still "
        f"fit for use, without changes?{then}",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    ok, _ = tab.write(
        f"Cannot record the review of {doc.code}",
        lambda s: documents.mark_reviewed(s, doc.id, on, user=tab.user),
    )
    if ok:
        tab.after_write(doc.id)


def make_obsolete(tab: DocumentsTab) -> None:
    doc = tab.selected_document()
    if doc is None or tab.db is None or tab.read_only:
        return
    from qmsdesk.core import documents
    from qmsdesk.gui import dialogs

    dialog = dialogs.ObsoleteDialog(tab.as_widget(), document_code=doc.code)
    if not accepted(dialog):
        return
    reason = dialog.reason()
    ok, _ = tab.write(
        f"Cannot make {doc.code} obsolete",
        lambda s: documents.make_obsolete(s, doc.id, reason, user=tab.user),
    )
    if ok:
        tab.after_write(doc.id)


def open_attachment(tab: DocumentsTab, rev: RevisionRow) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    if tab.db is None or not rev.attachment_path:
        return
    from qmsdesk.core import attachments

    try:
        path = attachments.resolve(tab.db.attachments_dir, rev.attachment_path)
    except QmsError as exc:
        tab.file_jobs.report_error("Cannot open the file", exc)
        return
    if not path.is_file():
        QMessageBox.warning(
            tab.as_widget(),
            "Cannot open the file",
            f"{rev.attachment_name} is missing from the company's attachment folder "
            f"({tab.db.attachments_dir}). It may have been moved or deleted outside QMS "
            "Desk; a backup of the folder may still hold it.",
        )
        return
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        QMessageBox.warning(
            tab.as_widget(),
            "Cannot open the file",
            f"No program on this computer opens {rev.attachment_name}. It is stored as {path}.",
        )
