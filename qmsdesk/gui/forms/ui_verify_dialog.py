# Generated from ui/verify_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QPlainTextEdit, QRadioButton, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_VerifyDialog(object):
    def setupUi(self, VerifyDialog):
        if not VerifyDialog.objectName():
            VerifyDialog.setObjectName(u"VerifyDialog")
        VerifyDialog.resize(560, 380)
        VerifyDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(VerifyDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(VerifyDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.verifyForm = QFormLayout()
        self.verifyForm.setObjectName(u"verifyForm")
        self.verifiedOnLabel = QLabel(VerifyDialog)
        self.verifiedOnLabel.setObjectName(u"verifiedOnLabel")

        self.verifyForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.verifiedOnLabel)

        self.verifiedOnEdit = QDateEdit(VerifyDialog)
        self.verifiedOnEdit.setObjectName(u"verifiedOnEdit")

        self.verifyForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.verifiedOnEdit)

        self.verifiedByLabel = QLabel(VerifyDialog)
        self.verifiedByLabel.setObjectName(u"verifiedByLabel")

        self.verifyForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.verifiedByLabel)

        self.verifiedByCombo = QComboBox(VerifyDialog)
        self.verifiedByCombo.setObjectName(u"verifiedByCombo")

        self.verifyForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.verifiedByCombo)

        self.effectiveLabel = QLabel(VerifyDialog)
        self.effectiveLabel.setObjectName(u"effectiveLabel")

        self.verifyForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.effectiveLabel)

        self.effectiveLayout = QHBoxLayout()
        self.effectiveLayout.setObjectName(u"effectiveLayout")
        self.effectiveRadio = QRadioButton(VerifyDialog)
        self.effectiveRadio.setObjectName(u"effectiveRadio")

        self.effectiveLayout.addWidget(self.effectiveRadio)

        self.notEffectiveRadio = QRadioButton(VerifyDialog)
        self.notEffectiveRadio.setObjectName(u"notEffectiveRadio")

        self.effectiveLayout.addWidget(self.notEffectiveRadio)


        self.verifyForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.effectiveLayout)

        self.noteLabel = QLabel(VerifyDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.verifyForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.noteLabel)

        self.noteEdit = QPlainTextEdit(VerifyDialog)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)

        self.verifyForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.noteEdit)


        self.dialogLayout.addLayout(self.verifyForm)

        self.problemsLabel = QLabel(VerifyDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setWordWrap(True)
        self.problemsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(VerifyDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.verifiedOnLabel.setBuddy(self.verifiedOnEdit)
        self.verifiedByLabel.setBuddy(self.verifiedByCombo)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(VerifyDialog)
        self.buttonBox.accepted.connect(VerifyDialog.accept)
        self.buttonBox.rejected.connect(VerifyDialog.reject)

        QMetaObject.connectSlotsByName(VerifyDialog)
    # setupUi

    def retranslateUi(self, VerifyDialog):
        VerifyDialog.setWindowTitle(QCoreApplication.translate("VerifyDialog", u"Verify effectiveness", None))
        self.introLabel.setText("")
        self.verifiedOnLabel.setText(QCoreApplication.translate("VerifyDialog", u"Checked &on:", None))
#if QT_CONFIG(tooltip)
        self.verifiedOnEdit.setToolTip(QCoreApplication.translate("VerifyDialog", u"The day the effectiveness was checked.", None))
#endif // QT_CONFIG(tooltip)
        self.verifiedByLabel.setText(QCoreApplication.translate("VerifyDialog", u"Checked &by:", None))
#if QT_CONFIG(tooltip)
        self.verifiedByCombo.setToolTip(QCoreApplication.translate("VerifyDialog", u"Who checked it (ideally not the action's owner).", None))
#endif // QT_CONFIG(tooltip)
        self.effectiveLabel.setText(QCoreApplication.translate("VerifyDialog", u"Result:", None))
        self.effectiveRadio.setText(QCoreApplication.translate("VerifyDialog", u"&Effective: the problem has not come back", None))
#if QT_CONFIG(tooltip)
        self.effectiveRadio.setToolTip(QCoreApplication.translate("VerifyDialog", u"The action worked: it is closed.", None))
#endif // QT_CONFIG(tooltip)
        self.notEffectiveRadio.setText(QCoreApplication.translate("VerifyDialog", u"&Not effective", None))
#if QT_CONFIG(tooltip)
        self.notEffectiveRadio.setToolTip(QCoreApplication.translate("VerifyDialog", u"The action did not work: it goes back to In progress, and the failed check stays on record.", None))
#endif // QT_CONFIG(tooltip)
        self.noteLabel.setText(QCoreApplication.translate("VerifyDialog", u"What was &looked at:", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("VerifyDialog", u"for example: 40 first-off reports since March, no expired gauge found", None))
#if QT_CONFIG(tooltip)
        self.noteEdit.setToolTip(QCoreApplication.translate("VerifyDialog", u"The evidence the judgement rests on.", None))
#endif // QT_CONFIG(tooltip)
        self.problemsLabel.setStyleSheet(QCoreApplication.translate("VerifyDialog", u"color: #b00020;", None))
    # retranslateUi

