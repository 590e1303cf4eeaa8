# Generated from ui/revision_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDateEdit, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_RevisionDialog(object):
    def setupUi(self, RevisionDialog):
        if not RevisionDialog.objectName():
            RevisionDialog.setObjectName(u"RevisionDialog")
        RevisionDialog.resize(560, 440)
        self.dialogLayout = QVBoxLayout(RevisionDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(RevisionDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labelLabel = QLabel(RevisionDialog)
        self.labelLabel.setObjectName(u"labelLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.labelLabel)

        self.labelEdit = QLineEdit(RevisionDialog)
        self.labelEdit.setObjectName(u"labelEdit")
        self.labelEdit.setMaxLength(20)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.labelEdit)

        self.dateLabel = QLabel(RevisionDialog)
        self.dateLabel.setObjectName(u"dateLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.dateLabel)

        self.dateEdit = QDateEdit(RevisionDialog)
        self.dateEdit.setObjectName(u"dateEdit")
        self.dateEdit.setCalendarPopup(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.dateEdit)

        self.authorLabel = QLabel(RevisionDialog)
        self.authorLabel.setObjectName(u"authorLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.authorLabel)

        self.authorEdit = QLineEdit(RevisionDialog)
        self.authorEdit.setObjectName(u"authorEdit")
        self.authorEdit.setMaxLength(80)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.authorEdit)

        self.summaryLabel = QLabel(RevisionDialog)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.summaryLabel)

        self.summaryEdit = QPlainTextEdit(RevisionDialog)
        self.summaryEdit.setObjectName(u"summaryEdit")
        self.summaryEdit.setTabChangesFocus(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.summaryEdit)

        self.attachmentLabel = QLabel(RevisionDialog)
        self.attachmentLabel.setObjectName(u"attachmentLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.attachmentLabel)

        self.attachmentLayout = QHBoxLayout()
        self.attachmentLayout.setObjectName(u"attachmentLayout")
        self.attachmentNameLabel = QLabel(RevisionDialog)
        self.attachmentNameLabel.setObjectName(u"attachmentNameLabel")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.attachmentNameLabel.sizePolicy().hasHeightForWidth())
        self.attachmentNameLabel.setSizePolicy(sizePolicy)
        self.attachmentNameLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.attachmentLayout.addWidget(self.attachmentNameLabel)

        self.chooseFileButton = QPushButton(RevisionDialog)
        self.chooseFileButton.setObjectName(u"chooseFileButton")
        self.chooseFileButton.setAutoDefault(False)

        self.attachmentLayout.addWidget(self.chooseFileButton)

        self.removeFileButton = QPushButton(RevisionDialog)
        self.removeFileButton.setObjectName(u"removeFileButton")
        self.removeFileButton.setEnabled(False)
        self.removeFileButton.setAutoDefault(False)

        self.attachmentLayout.addWidget(self.removeFileButton)


        self.form.setLayout(4, QFormLayout.ItemRole.FieldRole, self.attachmentLayout)

        self.attachmentHintLabel = QLabel(RevisionDialog)
        self.attachmentHintLabel.setObjectName(u"attachmentHintLabel")
        self.attachmentHintLabel.setWordWrap(True)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.attachmentHintLabel)


        self.dialogLayout.addLayout(self.form)

        self.problemsLabel = QLabel(RevisionDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setStyleSheet(u"color: #b3261e;")
        self.problemsLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(RevisionDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.labelLabel.setBuddy(self.labelEdit)
        self.dateLabel.setBuddy(self.dateEdit)
        self.authorLabel.setBuddy(self.authorEdit)
        self.summaryLabel.setBuddy(self.summaryEdit)
        self.attachmentLabel.setBuddy(self.chooseFileButton)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.labelEdit, self.dateEdit)
        QWidget.setTabOrder(self.dateEdit, self.authorEdit)
        QWidget.setTabOrder(self.authorEdit, self.summaryEdit)
        QWidget.setTabOrder(self.summaryEdit, self.chooseFileButton)
        QWidget.setTabOrder(self.chooseFileButton, self.removeFileButton)

        self.retranslateUi(RevisionDialog)
        self.buttonBox.accepted.connect(RevisionDialog.accept)
        self.buttonBox.rejected.connect(RevisionDialog.reject)

        QMetaObject.connectSlotsByName(RevisionDialog)
    # setupUi

    def retranslateUi(self, RevisionDialog):
        RevisionDialog.setWindowTitle(QCoreApplication.translate("RevisionDialog", u"New revision", None))
        self.labelLabel.setText(QCoreApplication.translate("RevisionDialog", u"Revision &label:", None))
#if QT_CONFIG(tooltip)
        self.labelEdit.setToolTip(QCoreApplication.translate("RevisionDialog", u"How this revision is named on the document, for example B or 04. It must differ from the earlier ones.", None))
#endif // QT_CONFIG(tooltip)
        self.dateLabel.setText(QCoreApplication.translate("RevisionDialog", u"&Date:", None))
#if QT_CONFIG(tooltip)
        self.dateEdit.setToolTip(QCoreApplication.translate("RevisionDialog", u"The date written on the new revision.", None))
#endif // QT_CONFIG(tooltip)
        self.authorLabel.setText(QCoreApplication.translate("RevisionDialog", u"&Author:", None))
#if QT_CONFIG(tooltip)
        self.authorEdit.setToolTip(QCoreApplication.translate("RevisionDialog", u"Who wrote the changes.", None))
#endif // QT_CONFIG(tooltip)
        self.summaryLabel.setText(QCoreApplication.translate("RevisionDialog", u"Change &summary:", None))
#if QT_CONFIG(tooltip)
        self.summaryEdit.setToolTip(QCoreApplication.translate("RevisionDialog", u"What changed in this revision and why. Readers and auditors see it in the document's history.", None))
#endif // QT_CONFIG(tooltip)
        self.summaryEdit.setPlaceholderText(QCoreApplication.translate("RevisionDialog", u"What changed, and why (required)", None))
        self.attachmentLabel.setText(QCoreApplication.translate("RevisionDialog", u"Attached file:", None))
        self.attachmentNameLabel.setText(QCoreApplication.translate("RevisionDialog", u"No file attached", None))
#if QT_CONFIG(tooltip)
        self.chooseFileButton.setToolTip(QCoreApplication.translate("RevisionDialog", u"Attach the file of this revision (optional).", None))
#endif // QT_CONFIG(tooltip)
        self.chooseFileButton.setText(QCoreApplication.translate("RevisionDialog", u"Choose &file\u2026", None))
        self.removeFileButton.setText(QCoreApplication.translate("RevisionDialog", u"Re&move", None))
        self.attachmentHintLabel.setText(QCoreApplication.translate("RevisionDialog", u"A copy of the file is kept with the company file, together with a fingerprint (SHA-256) that shows later whether anyone changed it.", None))
    # retranslateUi

