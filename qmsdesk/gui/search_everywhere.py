"""Edit > Search Everywhere (Ctrl+K): type a code, a title or a name, and jump to the record in
whichever register holds it.

The registers answer through :mod:`qmsdesk.core.finder` (each lists its finder there); the window
then shows the register and its record (:func:`open_hit`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from qmsdesk.core.db import Database
    from qmsdesk.core.finder import Hit

#: The most hits listed; a longer list is narrowed by typing more.
LIMIT = 60
_HIT = Qt.ItemDataRole.UserRole

#: How the list names a register (its export word) and a kind of record within it.
REGISTER_NAMES = {
    "documents": "Documents",
    "training": "Training",
    "audits": "Audits",
    "actions": "Actions",
    "reviews": "Management reviews",
}
KIND_NAMES = {"person": "person", "item": "training item", "finding": "finding"}


def hit_place(hit: Hit) -> str:
    """'Training · person': where the list says a hit is."""
    register = REGISTER_NAMES.get(hit.register, hit.register.replace("-", " ").capitalize())
    kind = KIND_NAMES.get(hit.kind, hit.kind)
    return f"{register} · {kind}" if kind else register


class SearchEverywhere(QDialog):
    """A search box over every register; `hit` is the one chosen when the dialog is accepted."""

    def __init__(self, parent: QWidget | None, db: Database) -> None:
        super().__init__(parent)
        self.db = db
        self.hit: Hit | None = None
        self.setWindowTitle("Search Everywhere")
        self.setObjectName("searchEverywhere")
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        self.box = QLineEdit()
        self.box.setObjectName("searchEverywhereBox")
        self.box.setPlaceholderText("A code, a title or a name: QP-07-01, calibration, Kevin…")
        self.box.setClearButtonEnabled(True)
        self.box.installEventFilter(self)
        self.list = QListWidget()
        self.list.setObjectName("searchEverywhereList")
        self.list.setUniformItemSizes(True)
        self.status = QLabel("Type to search every register.")
        self.status.setForegroundRole(self.status.foregroundRole())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.open_button = buttons.button(QDialogButtonBox.StandardButton.Open)
        self.open_button.setEnabled(False)
        buttons.accepted.connect(self._choose)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.box)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        # Search once typing pauses, not on every key of a fast typist.
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self.search)
        self.box.textChanged.connect(lambda _t: self.timer.start())
        self.list.itemActivated.connect(lambda _item: self._choose())
        self.list.currentItemChanged.connect(
            lambda item, _old: self.open_button.setEnabled(item is not None)
        )

    def search(self) -> None:
        from qmsdesk.core import finder

        text = self.box.text().strip()
        self.list.clear()
        if not text:
            self.status.setText("Type to search every register.")
            return
        with self.db.read() as session:
            hits = finder.find(session, text, LIMIT)
        for hit in hits:
            line = f"{hit.reference}  —  {hit.title}" if hit.title else hit.reference
            item = QListWidgetItem(f"{line}    [{hit_place(hit)}]")
            item.setToolTip(f"{hit.reference}: {hit.title}\nIn {hit_place(hit)}")
            item.setData(_HIT, hit)
            self.list.addItem(item)
        if hits:
            self.list.setCurrentRow(0)
        more = " (type more to narrow them)" if len(hits) >= LIMIT else ""
        self.status.setText(
            f"{len(hits)} found{more}. Enter opens the first; ↓ and ↑ choose another."
            if hits
            else f"Nothing in any register holds “{text}”."
        )

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Up and Down in the box move through the list, so the keyboard never leaves the box."""
        if watched is self.box and isinstance(event, QKeyEvent):
            if event.type() == QKeyEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Down,
                Qt.Key.Key_Up,
            ):
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
                self.list.setCurrentRow(row)
                return True
            if event.type() == QKeyEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                if self.timer.isActive():  # typed and pressed Enter at once: search first
                    self.timer.stop()
                    self.search()
                self._choose()
                return True
        return super().eventFilter(watched, event)

    def _choose(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.hit = item.data(_HIT)
        self.accept()
