# Generated from ui/approve_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDateEdit, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_ApproveDialog(object):
    def setupUi(self, ApproveDialog):
        if not ApproveDialog.objectName():
            ApproveDialog.setObjectName(u"ApproveDialog")
        ApproveDialog.resize(480, 260)
        self.dialogLayout = QVBoxLayout(ApproveDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(ApproveDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.approverLabel = QLabel(ApproveDialog)
        self.approverLabel.setObjectName(u"approverLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.approverLabel)

        self.approverEdit = QLineEdit(ApproveDialog)
        self.approverEdit.setObjectName(u"approverEdit")
        self.approverEdit.setMaxLength(80)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.approverEdit)

        self.approvedOnLabel = QLabel(ApproveDialog)
        self.approvedOnLabel.setObjectName(u"approvedOnLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.approvedOnLabel)

        self.approvedOnEdit = QDateEdit(ApproveDialog)
        self.approvedOnEdit.setObjectName(u"approvedOnEdit")
        self.approvedOnEdit.setCalendarPopup(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.approvedOnEdit)

        self.effectiveLabel = QLabel(ApproveDialog)
        self.effectiveLabel.setObjectName(u"effectiveLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.effectiveLabel)

        self.effectiveEdit = QDateEdit(ApproveDialog)
        self.effectiveEdit.setObjectName(u"effectiveEdit")
        self.effectiveEdit.setCalendarPopup(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.effectiveEdit)


        self.dialogLayout.addLayout(self.form)

        self.consequenceLabel = QLabel(ApproveDialog)
        self.consequenceLabel.setObjectName(u"consequenceLabel")
        self.consequenceLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.consequenceLabel)

        self.problemsLabel = QLabel(ApproveDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setStyleSheet(u"color: #b3261e;")
        self.problemsLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.problemsLabel)

        self.bottomSpacer = QSpacerItem(20, 8, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.bottomSpacer)

        self.buttonBox = QDialogButtonBox(ApproveDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.approverLabel.setBuddy(self.approverEdit)
        self.approvedOnLabel.setBuddy(self.approvedOnEdit)
        self.effectiveLabel.setBuddy(self.effectiveEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.approverEdit, self.approvedOnEdit)
        QWidget.setTabOrder(self.approvedOnEdit, self.effectiveEdit)

        self.retranslateUi(ApproveDialog)
        self.buttonBox.accepted.connect(ApproveDialog.accept)
        self.buttonBox.rejected.connect(ApproveDialog.reject)

        QMetaObject.connectSlotsByName(ApproveDialog)
    # setupUi

    def retranslateUi(self, ApproveDialog):
        ApproveDialog.setWindowTitle(QCoreApplication.translate("ApproveDialog", u"Approve revision", None))
        self.approverLabel.setText(QCoreApplication.translate("ApproveDialog", u"Approved &by:", None))
#if QT_CONFIG(tooltip)
        self.approverEdit.setToolTip(QCoreApplication.translate("ApproveDialog", u"The person with the authority to release this revision.", None))
#endif // QT_CONFIG(tooltip)
        self.approvedOnLabel.setText(QCoreApplication.translate("ApproveDialog", u"Approval &date:", None))
#if QT_CONFIG(tooltip)
        self.approvedOnEdit.setToolTip(QCoreApplication.translate("ApproveDialog", u"The day the revision was approved: not before the revision's own date, and not later than today.", None))
#endif // QT_CONFIG(tooltip)
        self.effectiveLabel.setText(QCoreApplication.translate("ApproveDialog", u"&Effective from:", None))
#if QT_CONFIG(tooltip)
        self.effectiveEdit.setToolTip(QCoreApplication.translate("ApproveDialog", u"The day from which people must work to this revision. It can be later than the approval, to leave time for training.", None))
#endif // QT_CONFIG(tooltip)
        self.consequenceLabel.setText(QCoreApplication.translate("ApproveDialog", u"The revision in force until now is kept as superseded; nothing is deleted.", None))
    # retranslateUi

