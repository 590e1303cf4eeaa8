"""The document register's details pane: the selected document's fields, its revisions (newest
first, with the attached file to open) and a summary of its change history."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core.dates import today

# Only light modules before the window is first shown (see qmsdesk.gui.main_window).
from qmsdesk.core.vocab import (
    REVISION_STATUS_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
    DocStatus,
    DocumentRow,
    ReviewState,
    RevisionRow,
    RevisionStatus,
    review_state,
)
from qmsdesk.gui import icons
from qmsdesk.gui.models.document_table_model import DateText

if TYPE_CHECKING:
    from qmsdesk.core.history import ChangeRow
    from qmsdesk.core.quickstart import LastChange

_URL = re.compile(r"^(https?|ftp|file)://", re.IGNORECASE)


def suggest_next_label(labels: Sequence[str]) -> str:
    """The label after the newest one: B after A, 04 after 03, 1.3 after 1.2; A when there is none.

    `labels` are newest first; a suggestion already taken is skipped.
    """
    taken = {label.strip().casefold() for label in labels}
    newest = next((label.strip() for label in labels if label.strip()), "")
    if not newest:
        return "A"
    candidate = newest
    for _ in range(100):
        candidate = _after(candidate)
        if not candidate:
            return ""
        if candidate.casefold() not in taken:
            return candidate
    return ""


def _after(label: str) -> str:
    if len(label) == 1 and label.isalpha() and label.isascii():
        if label in "zZ":
            return ""
        return chr(ord(label) + 1)
    match = re.search(r"(\d+)$", label)
    if match:
        digits = match.group(1)
        return label[: match.start()] + str(int(digits) + 1).zfill(len(digits))
    return ""


class DocumentDetails(QScrollArea):
    """The selected document: its fields, its revisions (newest first) and its history summary."""

    open_attachment = Signal(object)  # RevisionRow
    show_history = Signal()

    _FIELDS = (
        ("doc_type", "Type"),
        ("status", "Status"),
        ("revision", "Revision"),
        ("effective_date", "Effective"),
        ("process", "Process"),
        ("owner", "Owner"),
        ("review", "Review"),
        ("last_reviewed", "Last reviewed"),
        ("next_review", "Next review"),
        ("location", "Location"),
        ("retention", "Retention"),
        ("clauses", "Clauses"),
        ("note", "Note"),
        ("obsolete_reason", "Obsolete"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(280)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 4, 6, 6)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.values: dict[str, QLabel] = {}
        for key, label in self._FIELDS:
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByMouse
            )
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            value.linkActivated.connect(self._open_link)
            caption = QLabel(f"{label}:")
            # The palette's role, not a style sheet: the same colour, without a style sheet each
            # (they cost the window's first paint time).
            caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self.form.addRow(caption, value)
            self.values[key] = value
        layout.addLayout(self.form)

        self.revisions_label = QLabel("<b>Revisions</b>")
        layout.addSpacing(6)
        layout.addWidget(self.revisions_label)
        self.revisions = QTreeWidget()
        self.revisions.setRootIsDecorated(False)
        self.revisions.setUniformRowHeights(True)
        self.revisions.setAlternatingRowColors(True)
        self.revisions.setHeaderLabels(["Rev", "Status", "Date", "Approved by", "File"])
        self.revisions.setAccessibleName("Revisions")
        self.revisions.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.revisions.currentItemChanged.connect(self._update_open_button)
        self.revisions.itemDoubleClicked.connect(lambda *_: self._open_selected())
        layout.addWidget(self.revisions)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("Open the attached fi&le")
        self.open_button.setIcon(icons.standard(QStyle.StandardPixmap.SP_FileIcon))
        self.open_button.clicked.connect(self._open_selected)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        layout.addSpacing(6)
        self.history_heading = QLabel("<b>Change history</b>")
        layout.addWidget(self.history_heading)
        self.history_label = QLabel()
        self.history_label.setWordWrap(True)
        layout.addWidget(self.history_label)
        history_row = QHBoxLayout()
        self.history_button = QPushButton("Show all &changes…")
        self.history_button.clicked.connect(self.show_history.emit)
        history_row.addWidget(self.history_button)
        history_row.addStretch(1)
        layout.addLayout(history_row)
        layout.addStretch(1)
        self.setWidget(body)
        self._revisions: list[RevisionRow] = []
        self.show_document(None, [], 0, None, today(), DateText())

    def show_document(
        self,
        doc: DocumentRow | None,
        revisions: list[RevisionRow],
        history_count: int,
        last_change: str | None,
        on: dt.date,
        date: DateText,
        *,
        pending: bool = False,
    ) -> None:
        """Show `doc` (None: no document selected); `pending`: its revisions and history are not
        read yet (before the company file is open)."""
        self._revisions = revisions
        body = self.widget()
        if doc is None:
            self.heading.setText("No document selected")
            for value in self.values.values():
                value.clear()
            for key, _ in self._FIELDS:
                self._set_row_visible(key, False)
            self.revisions.clear()
            for w in (self.revisions_label, self.revisions, self.open_button):
                w.setVisible(False)
            self.history_label.setText("Select a document in the list to see its details here.")
            self.history_button.setVisible(False)
            self.history_heading.setVisible(False)
            if body is not None:
                body.setEnabled(True)
            return
        for w in (
            self.revisions_label,
            self.revisions,
            self.open_button,
            self.history_button,
            self.history_heading,
        ):
            w.setVisible(True)
        self.heading.setText(f"{doc.code}  {doc.title}")
        state = review_state(doc.next_review, on)
        if doc.status == DocStatus.OBSOLETE:
            state = None
        review = ""
        if doc.review_months:
            review = f"every {doc.review_months} month{'s' if doc.review_months != 1 else ''}"
        next_review = date(doc.next_review)
        if state == ReviewState.OVERDUE:
            next_review = (
                f'<span style="color:{icons.OVERDUE_COLOR.name()}"><b>{next_review} — '
                "overdue</b></span>"
            )
        elif state == ReviewState.DUE_SOON:
            next_review = (
                f'<span style="color:{icons.DUE_SOON_COLOR.name()}"><b>{next_review} — '
                "due soon</b></span>"
            )
        texts = {
            "doc_type": escape(TYPE_LABELS.get(doc.doc_type, str(doc.doc_type))),
            "status": escape(STATUS_LABELS.get(doc.status, str(doc.status))),
            "revision": escape(doc.revision),
            "effective_date": date(doc.effective_date),
            "process": escape(doc.process),
            "owner": escape(doc.owner),
            "review": review,
            "last_reviewed": date(doc.last_reviewed),
            "next_review": next_review,
            "location": _location_html(doc.location),
            "retention": escape(doc.retention),
            "clauses": escape(doc.clauses),
            "note": escape(doc.note).replace("\n", "<br>"),
            "obsolete_reason": escape(doc.obsolete_reason),
        }
        for key, text in texts.items():
            label = self.values[key]
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setText(text)
            self._set_row_visible(key, bool(text))

        self.revisions_label.setText(f"<b>Revisions</b> ({len(revisions)})")
        self.revisions.clear()
        for rev in revisions:
            item = QTreeWidgetItem(
                [
                    rev.label,
                    REVISION_STATUS_LABELS.get(rev.status, str(rev.status)),
                    date(rev.revision_date),
                    rev.approved_by,
                    rev.attachment_name,
                ]
            )
            lines = [rev.summary] if rev.summary else []
            if rev.author:
                lines.append(f"Author: {rev.author}")
            if rev.approved_by:
                lines.append(f"Approved by {rev.approved_by} on {date(rev.approved_on)}")
            if rev.effective_date:
                lines.append(f"Effective from {date(rev.effective_date)}")
            tip = "\n".join(lines)
            for column in range(5):
                item.setToolTip(column, tip)
            if rev.attachment_sha256:
                item.setToolTip(4, f"{rev.attachment_name}\nSHA-256 {rev.attachment_sha256}")
            if rev.status == RevisionStatus.DRAFT:
                font = item.font(1)
                font.setBold(True)
                item.setFont(1, font)
            self.revisions.addTopLevelItem(item)
        for column in range(4):
            self.revisions.resizeColumnToContents(column)
        self._fit_revisions(len(revisions))
        newest = self.revisions.topLevelItem(0) if revisions else None
        if newest is not None:
            self.revisions.setCurrentItem(newest)
        self._update_open_button()
        if pending:
            self.revisions_label.setText("<b>Revisions</b>")
            for w in (self.revisions, self.open_button, self.history_button):
                w.setVisible(False)
            self.history_label.setText("Reading the company file…")
        elif history_count:
            self.history_label.setText(
                f"{history_count} recorded change{'s' if history_count != 1 else ''}; "
                f"the latest: {last_change}."
            )
        else:
            self.history_label.setText("No changes recorded.")

    def _fit_revisions(self, count: int) -> None:
        """As tall as its rows (three to eight), so that no empty band opens below a short list."""
        tree = self.revisions
        row = tree.sizeHintForRow(0) if count else tree.fontMetrics().height() + 6
        shown = min(max(count, 3), 8)
        height = tree.header().sizeHint().height() + shown * max(row, 1) + 2 * tree.frameWidth()
        scrollbar = tree.horizontalScrollBar().sizeHint().height()
        tree.setFixedHeight(height + scrollbar)

    def selected_revision(self) -> RevisionRow | None:
        item = self.revisions.currentItem()
        if item is None:
            return None
        index = self.revisions.indexOfTopLevelItem(item)
        return self._revisions[index] if 0 <= index < len(self._revisions) else None

    def _set_row_visible(self, key: str, visible: bool) -> None:
        self.form.setRowVisible(self.values[key], visible)

    def _update_open_button(self) -> None:
        rev = self.selected_revision()
        has_file = rev is not None and bool(rev.attachment_path)
        self.open_button.setEnabled(has_file)
        self.open_button.setToolTip(
            f"Open {rev.attachment_name}" if has_file and rev else "The revision has no file."
        )

    def _open_selected(self) -> None:
        rev = self.selected_revision()
        if rev is not None and rev.attachment_path:
            self.open_attachment.emit(rev)

    def _open_link(self, link: str) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl(link))


def _location_html(location: str) -> str:
    if not location:
        return ""
    if _URL.match(location):
        return f'<a href="{escape(location, quote=True)}">{escape(location)}</a>'
    return escape(location)


def last_change_text(change: LastChange | ChangeRow | None) -> str | None:
    """'edited by Ann on 2026-03-01': the newest change of a document (a ChangeRow or the quick
    start's LastChange), its day in local time."""
    if change is None:
        return None
    when = change.at.replace(tzinfo=dt.UTC).astimezone().date()
    action = _ACTIONS.get(change.action, change.action)
    return f"{action} by {change.user} on {DateText()(when)}"


_ACTIONS = {
    "create": "created",
    "edit": "edited",
    "revise": "new revision",
    "approve": "approved",
    "obsolete": "made obsolete",
    "review": "marked reviewed",
    "delete": "deleted",
    "import": "imported",
}
