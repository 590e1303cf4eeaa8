# Generated from ui/preferences_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QFrame, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_PreferencesDialog(object):
    def setupUi(self, PreferencesDialog):
        if not PreferencesDialog.objectName():
            PreferencesDialog.setObjectName(u"PreferencesDialog")
        PreferencesDialog.resize(540, 440)
        self.dialogLayout = QVBoxLayout(PreferencesDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.userGroup = QGroupBox(PreferencesDialog)
        self.userGroup.setObjectName(u"userGroup")
        self.userLayout = QVBoxLayout(self.userGroup)
        self.userLayout.setObjectName(u"userLayout")
        self.userForm = QFormLayout()
        self.userForm.setObjectName(u"userForm")
        self.userForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.userNameLabel = QLabel(self.userGroup)
        self.userNameLabel.setObjectName(u"userNameLabel")

        self.userForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.userNameLabel)

        self.userNameEdit = QLineEdit(self.userGroup)
        self.userNameEdit.setObjectName(u"userNameEdit")
        self.userNameEdit.setMaxLength(80)

        self.userForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.userNameEdit)


        self.userLayout.addLayout(self.userForm)

        self.userNameHint = QLabel(self.userGroup)
        self.userNameHint.setObjectName(u"userNameHint")
        self.userNameHint.setWordWrap(True)

        self.userLayout.addWidget(self.userNameHint)


        self.dialogLayout.addWidget(self.userGroup)

        self.companyGroup = QGroupBox(PreferencesDialog)
        self.companyGroup.setObjectName(u"companyGroup")
        self.companyLayout = QVBoxLayout(self.companyGroup)
        self.companyLayout.setObjectName(u"companyLayout")
        self.companyForm = QFormLayout()
        self.companyForm.setObjectName(u"companyForm")
        self.companyForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.companyNameLabel = QLabel(self.companyGroup)
        self.companyNameLabel.setObjectName(u"companyNameLabel")

        self.companyForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.companyNameLabel)

        self.companyNameEdit = QLineEdit(self.companyGroup)
        self.companyNameEdit.setObjectName(u"companyNameEdit")
        self.companyNameEdit.setMaxLength(120)

        self.companyForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.companyNameEdit)

        self.logoLabel = QLabel(self.companyGroup)
        self.logoLabel.setObjectName(u"logoLabel")

        self.companyForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.logoLabel)

        self.logoLayout = QHBoxLayout()
        self.logoLayout.setObjectName(u"logoLayout")
        self.logoPreview = QLabel(self.companyGroup)
        self.logoPreview.setObjectName(u"logoPreview")
        self.logoPreview.setMinimumSize(QSize(200, 80))
        self.logoPreview.setMaximumSize(QSize(200, 80))
        self.logoPreview.setFrameShape(QFrame.Shape.StyledPanel)
        self.logoPreview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logoPreview.setWordWrap(True)

        self.logoLayout.addWidget(self.logoPreview)

        self.logoButtonsLayout = QVBoxLayout()
        self.logoButtonsLayout.setObjectName(u"logoButtonsLayout")
        self.chooseLogoButton = QPushButton(self.companyGroup)
        self.chooseLogoButton.setObjectName(u"chooseLogoButton")
        self.chooseLogoButton.setAutoDefault(False)

        self.logoButtonsLayout.addWidget(self.chooseLogoButton)

        self.removeLogoButton = QPushButton(self.companyGroup)
        self.removeLogoButton.setObjectName(u"removeLogoButton")
        self.removeLogoButton.setAutoDefault(False)

        self.logoButtonsLayout.addWidget(self.removeLogoButton)

        self.logoButtonsSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.logoButtonsLayout.addItem(self.logoButtonsSpacer)


        self.logoLayout.addLayout(self.logoButtonsLayout)

        self.logoSpacer = QSpacerItem(0, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.logoLayout.addItem(self.logoSpacer)


        self.companyForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.logoLayout)


        self.companyLayout.addLayout(self.companyForm)

        self.companyHint = QLabel(self.companyGroup)
        self.companyHint.setObjectName(u"companyHint")
        self.companyHint.setWordWrap(True)

        self.companyLayout.addWidget(self.companyHint)


        self.dialogLayout.addWidget(self.companyGroup)

        self.problemsLabel = QLabel(PreferencesDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setStyleSheet(u"color: #b3261e;")
        self.problemsLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.problemsLabel)

        self.bottomSpacer = QSpacerItem(20, 8, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.bottomSpacer)

        self.buttonBox = QDialogButtonBox(PreferencesDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.userNameLabel.setBuddy(self.userNameEdit)
        self.companyNameLabel.setBuddy(self.companyNameEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.userNameEdit, self.companyNameEdit)
        QWidget.setTabOrder(self.companyNameEdit, self.chooseLogoButton)
        QWidget.setTabOrder(self.chooseLogoButton, self.removeLogoButton)

        self.retranslateUi(PreferencesDialog)
        self.buttonBox.accepted.connect(PreferencesDialog.accept)
        self.buttonBox.rejected.connect(PreferencesDialog.reject)

        QMetaObject.connectSlotsByName(PreferencesDialog)
    # setupUi

    def retranslateUi(self, PreferencesDialog):
        PreferencesDialog.setWindowTitle(QCoreApplication.translate("PreferencesDialog", u"Preferences", None))
        self.userGroup.setTitle(QCoreApplication.translate("PreferencesDialog", u"You", None))
        self.userNameLabel.setText(QCoreApplication.translate("PreferencesDialog", u"&Your name:", None))
        self.userNameEdit.setPlaceholderText(QCoreApplication.translate("PreferencesDialog", u"for example Anna Nowak", None))
        self.userNameHint.setText(QCoreApplication.translate("PreferencesDialog", u"Written next to every change you make, in each record's change history. It is kept on this computer, for every company file you open.", None))
        self.companyGroup.setTitle(QCoreApplication.translate("PreferencesDialog", u"Company", None))
        self.companyNameLabel.setText(QCoreApplication.translate("PreferencesDialog", u"&Company name:", None))
        self.logoLabel.setText(QCoreApplication.translate("PreferencesDialog", u"Logo:", None))
#if QT_CONFIG(tooltip)
        self.chooseLogoButton.setToolTip(QCoreApplication.translate("PreferencesDialog", u"Pick a PNG or JPEG picture of your company's logo, at most 2 MB.", None))
#endif // QT_CONFIG(tooltip)
        self.chooseLogoButton.setText(QCoreApplication.translate("PreferencesDialog", u"C&hoose logo\u2026", None))
        self.removeLogoButton.setText(QCoreApplication.translate("PreferencesDialog", u"&Remove logo", None))
        self.companyHint.setText(QCoreApplication.translate("PreferencesDialog", u"The name and logo are printed at the top of reports and exported lists. They are saved in the company file, so they travel with it.", None))
    # retranslateUi

