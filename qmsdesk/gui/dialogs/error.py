"""A message for the user, with technical details kept out of the way but easy to pass on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QStyle, QWidget

from qmsdesk.gui.forms.ui_error_dialog import Ui_ErrorDialog


class ErrorDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, *, title: str, message: str, details: str = ""
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ErrorDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self._message = message
        self._details = details
        self.setWindowTitle(title)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        ui.iconLabel.setPixmap(icon.pixmap(size, size))
        ui.messageLabel.setText(message)
        ui.detailsEdit.setPlainText(details)
        ui.detailsEdit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        ui.detailsEdit.hide()
        ui.detailsButton.setVisible(bool(details))
        ui.copyButton.setVisible(bool(details))
        ui.detailsButton.toggled.connect(self._details_toggled)
        ui.copyButton.clicked.connect(self.copy_details)
        close = ui.buttonBox.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setDefault(True)
            close.setFocus(Qt.FocusReason.OtherFocusReason)
        self.adjustSize()

    def clipboard_text(self) -> str:
        return f"{self._message}\n\n{self._details}".rstrip() + "\n"

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.clipboard_text())
        self.ui.copyButton.setText("Copied")

    def _details_toggled(self, shown: bool) -> None:
        self.ui.detailsButton.setText("Hide &details" if shown else "Show &details")
        if shown:
            self.resize(max(self.width(), 640), self.height() + 240)
        else:
            self.ui.detailsEdit.hide()
            self.adjustSize()


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    """Show a problem to the user and wait until it is closed."""
    dialog = ErrorDialog(parent, title=title, message=message, details=details)
    dialog.exec()
    dialog.deleteLater()
