"""Make a document obsolete, with the reason why."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QWidget

from qmsdesk.gui.dialogs._common import fit_height, ok_button
from qmsdesk.gui.forms.ui_obsolete_dialog import Ui_ObsoleteDialog


class ObsoleteDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, document_code: str) -> None:
        super().__init__(parent)
        self.ui = Ui_ObsoleteDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.setWindowTitle(f"Make {document_code} obsolete")
        ui.introLabel.setText(
            f"<b>{escape(document_code)}</b> will be withdrawn from use. It stays in the register "
            "with its revisions and history, but it can no longer be revised or approved."
        )
        ok_button(ui.buttonBox).setText("Make &obsolete")
        ui.reasonEdit.textChanged.connect(self._update_ok)
        self._update_ok()
        fit_height(self)
        ui.reasonEdit.setFocus()

    def reason(self) -> str:
        return self.ui.reasonEdit.text().strip()

    def accept(self) -> None:
        if self.reason():
            super().accept()

    def _update_ok(self) -> None:
        ok_button(self.ui.buttonBox).setEnabled(bool(self.reason()))
