# Generated from ui/finding_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_FindingDialog(object):
    def setupUi(self, FindingDialog):
        if not FindingDialog.objectName():
            FindingDialog.setObjectName(u"FindingDialog")
        FindingDialog.resize(600, 440)
        FindingDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(FindingDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(FindingDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.findingForm = QFormLayout()
        self.findingForm.setObjectName(u"findingForm")
        self.classLabel = QLabel(FindingDialog)
        self.classLabel.setObjectName(u"classLabel")

        self.findingForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.classLabel)

        self.classCombo = QComboBox(FindingDialog)
        self.classCombo.setObjectName(u"classCombo")

        self.findingForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.classCombo)

        self.clauseLabel = QLabel(FindingDialog)
        self.clauseLabel.setObjectName(u"clauseLabel")

        self.findingForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.clauseLabel)

        self.clauseEdit = QLineEdit(FindingDialog)
        self.clauseEdit.setObjectName(u"clauseEdit")
        self.clauseEdit.setMaxLength(20)

        self.findingForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.clauseEdit)

        self.statementLabel = QLabel(FindingDialog)
        self.statementLabel.setObjectName(u"statementLabel")

        self.findingForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.statementLabel)

        self.statementEdit = QPlainTextEdit(FindingDialog)
        self.statementEdit.setObjectName(u"statementEdit")
        self.statementEdit.setTabChangesFocus(True)

        self.findingForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.statementEdit)

        self.evidenceLabel = QLabel(FindingDialog)
        self.evidenceLabel.setObjectName(u"evidenceLabel")

        self.findingForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.evidenceLabel)

        self.evidenceEdit = QPlainTextEdit(FindingDialog)
        self.evidenceEdit.setObjectName(u"evidenceEdit")
        self.evidenceEdit.setTabChangesFocus(True)

        self.findingForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.evidenceEdit)


        self.dialogLayout.addLayout(self.findingForm)

        self.problemsLabel = QLabel(FindingDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setWordWrap(True)
        self.problemsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(FindingDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.classLabel.setBuddy(self.classCombo)
        self.clauseLabel.setBuddy(self.clauseEdit)
        self.statementLabel.setBuddy(self.statementEdit)
        self.evidenceLabel.setBuddy(self.evidenceEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FindingDialog)
        self.buttonBox.accepted.connect(FindingDialog.accept)
        self.buttonBox.rejected.connect(FindingDialog.reject)

        QMetaObject.connectSlotsByName(FindingDialog)
    # setupUi

    def retranslateUi(self, FindingDialog):
        FindingDialog.setWindowTitle(QCoreApplication.translate("FindingDialog", u"Finding", None))
        self.introLabel.setText("")
        self.classLabel.setText(QCoreApplication.translate("FindingDialog", u"&Classification:", None))
#if QT_CONFIG(tooltip)
        self.classCombo.setToolTip(QCoreApplication.translate("FindingDialog", u"Major or minor nonconformity, opportunity for improvement, or observation. A nonconformity opens a corrective action.", None))
#endif // QT_CONFIG(tooltip)
        self.clauseLabel.setText(QCoreApplication.translate("FindingDialog", u"Cla&use:", None))
        self.clauseEdit.setPlaceholderText(QCoreApplication.translate("FindingDialog", u"for example 7.1.5.2", None))
#if QT_CONFIG(tooltip)
        self.clauseEdit.setToolTip(QCoreApplication.translate("FindingDialog", u"The clause of ISO 9001:2015 the finding is against.", None))
#endif // QT_CONFIG(tooltip)
        self.statementLabel.setText(QCoreApplication.translate("FindingDialog", u"&Statement:", None))
        self.statementEdit.setPlaceholderText(QCoreApplication.translate("FindingDialog", u"What is not met, and where: the requirement, the evidence, the gap.", None))
#if QT_CONFIG(tooltip)
        self.statementEdit.setToolTip(QCoreApplication.translate("FindingDialog", u"The finding in one or two sentences, as it goes into the report.", None))
#endif // QT_CONFIG(tooltip)
        self.evidenceLabel.setText(QCoreApplication.translate("FindingDialog", u"&Evidence:", None))
#if QT_CONFIG(tooltip)
        self.evidenceEdit.setToolTip(QCoreApplication.translate("FindingDialog", u"What was seen: records, documents, samples, who was spoken to.", None))
#endif // QT_CONFIG(tooltip)
        self.problemsLabel.setStyleSheet(QCoreApplication.translate("FindingDialog", u"color: #b00020;", None))
    # retranslateUi

