"""The user's name (for the change history), the company's name and logo (for reports) and its
date format (for the window, the reports and the workbooks)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFileDialog, QLabel, QWidget

from qmsdesk.core.company import LOGO_MAX_BYTES, SELF_APPROVAL_LABEL, CompanyInfo
from qmsdesk.core.dates import DATE_STYLES, DEFAULT_STYLE
from qmsdesk.gui.dialogs._common import fit_height, show_problems
from qmsdesk.gui.forms.ui_preferences_dialog import Ui_PreferencesDialog

COMPANY_NAME_MAX = 120
USER_NAME_MAX = 80
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8"


def logo_problem(name: str, data: bytes) -> str | None:
    """Why a picture cannot be the logo, or None when it can."""
    if len(data) > LOGO_MAX_BYTES:
        limit = LOGO_MAX_BYTES // (1024 * 1024)
        return f"{name} is larger than {limit} MB; use a smaller picture."
    if not (data.startswith(_PNG) or data.startswith(_JPEG)):
        return f"{name} is not a PNG or JPEG picture."
    if QImage.fromData(data).isNull():
        return f"{name} looks like a picture but cannot be read; it may be damaged."
    return None


class PreferencesDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        user_name: str,
        company: CompanyInfo,
        self_approval: bool = False,
        date_style: str = DEFAULT_STYLE,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_PreferencesDialog()
        self.ui.setupUi(self)
        ui = self.ui
        # Built here, not in the form: one company setting beside the name and the logo.
        self.selfApprovalCheck = QCheckBox(SELF_APPROVAL_LABEL, ui.companyGroup)
        self.selfApprovalCheck.setObjectName("selfApprovalCheck")
        self.selfApprovalCheck.setChecked(self_approval)
        self.selfApprovalCheck.setToolTip(
            "Off: a document revision is approved, and an action's effectiveness checked, by "
            "someone other than its author or owner. Turn it on only when one person runs the "
            "company's quality system alone."
        )
        ui.companyForm.addRow(self.selfApprovalCheck)
        ui.userNameEdit.setMaxLength(USER_NAME_MAX)
        ui.companyNameEdit.setMaxLength(COMPANY_NAME_MAX)
        ui.userNameEdit.setText(user_name)
        ui.companyNameEdit.setText(company.name)
        self._logo: bytes | None = None
        self._set_logo(company.logo)
        # The date format: one more row of the company's form.
        self.dateStyleCombo = QComboBox(self)
        self.dateStyleCombo.setObjectName("dateStyleCombo")
        for style in DATE_STYLES:
            self.dateStyleCombo.addItem(style.label, style.key)
        found = self.dateStyleCombo.findData(date_style)
        self.dateStyleCombo.setCurrentIndex(max(found, 0))
        self.dateStyleCombo.setToolTip(
            "How dates are shown in the window and the reports, and in exported workbooks."
        )
        date_label = QLabel("&Dates:", self)
        date_label.setBuddy(self.dateStyleCombo)
        ui.companyForm.addRow(date_label, self.dateStyleCombo)
        show_problems(ui.problemsLabel, [])
        ui.chooseLogoButton.clicked.connect(self._on_choose_logo)
        ui.removeLogoButton.clicked.connect(self._remove_logo)
        fit_height(self)
        ui.userNameEdit.setFocus()

    def values(self) -> tuple[str, str, bytes | None]:
        """(your name, company name, logo as PNG or JPEG bytes or None)."""
        return (
            self.ui.userNameEdit.text().strip(),
            self.ui.companyNameEdit.text().strip(),
            self._logo,
        )

    def self_approval(self) -> bool:
        """Whether the company allows approving one's own work (a one-person company)."""
        return self.selfApprovalCheck.isChecked()

    def date_style(self) -> str:
        """The chosen date format (a key of qmsdesk.core.dates.DATE_STYLES)."""
        return str(self.dateStyleCombo.currentData())

    def _choose_logo(self) -> Path | None:
        """Ask for the logo picture (tests replace this)."""
        name, _ = QFileDialog.getOpenFileName(
            self, "Company logo", "", "Pictures (*.png *.jpg *.jpeg);;All files (*)"
        )
        return Path(name) if name else None

    def _on_choose_logo(self) -> None:
        path = self._choose_logo()
        if path is None:
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            show_problems(self.ui.problemsLabel, [f"{path.name} cannot be read: {exc.strerror}."])
            return
        problem = logo_problem(path.name, data)
        if problem:
            show_problems(self.ui.problemsLabel, [problem])
            return
        show_problems(self.ui.problemsLabel, [])
        self._set_logo(data)

    def _remove_logo(self) -> None:
        self._set_logo(None)
        self.ui.chooseLogoButton.setFocus()

    def _set_logo(self, data: bytes | None) -> None:
        preview = self.ui.logoPreview
        image = QImage.fromData(data) if data else QImage()
        if data and not image.isNull():
            self._logo = data
            pixmap = QPixmap.fromImage(image)
            # The preview has a fixed size; leave room for its frame.
            frame = 2 * preview.frameWidth() + 4
            box = QSize(preview.minimumWidth() - frame, preview.minimumHeight() - frame)
            if pixmap.width() > box.width() or pixmap.height() > box.height():
                pixmap = pixmap.scaled(
                    box,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            preview.setPixmap(pixmap)
            preview.setToolTip(f"{image.width()} × {image.height()} pixels")
        else:
            self._logo = None
            preview.clear()
            preview.setText("No logo")
            preview.setToolTip("")
        self.ui.removeLogoButton.setEnabled(self._logo is not None)
