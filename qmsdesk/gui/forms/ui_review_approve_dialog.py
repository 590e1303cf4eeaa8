# Generated from ui/review_approve_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
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
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_ReviewApproveDialog(object):
    def setupUi(self, ReviewApproveDialog):
        if not ReviewApproveDialog.objectName():
            ReviewApproveDialog.setObjectName(u"ReviewApproveDialog")
        ReviewApproveDialog.resize(480, 240)
        self.dialogLayout = QVBoxLayout(ReviewApproveDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(ReviewApproveDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.approverLabel = QLabel(ReviewApproveDialog)
        self.approverLabel.setObjectName(u"approverLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.approverLabel)

        self.approverEdit = QLineEdit(ReviewApproveDialog)
        self.approverEdit.setObjectName(u"approverEdit")
        self.approverEdit.setMaxLength(120)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.approverEdit)

        self.approvedOnLabel = QLabel(ReviewApproveDialog)
        self.approvedOnLabel.setObjectName(u"approvedOnLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.approvedOnLabel)

        self.approvedOnEdit = QDateEdit(ReviewApproveDialog)
        self.approvedOnEdit.setObjectName(u"approvedOnEdit")
        self.approvedOnEdit.setCalendarPopup(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.approvedOnEdit)


        self.dialogLayout.addLayout(self.form)

        self.consequenceLabel = QLabel(ReviewApproveDialog)
        self.consequenceLabel.setObjectName(u"consequenceLabel")
        self.consequenceLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.consequenceLabel)

        self.problemsLabel = QLabel(ReviewApproveDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setWordWrap(True)
        self.problemsLabel.setStyleSheet(u"color: #b3261e;")

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(ReviewApproveDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.approverLabel.setBuddy(self.approverEdit)
        self.approvedOnLabel.setBuddy(self.approvedOnEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.approverEdit, self.approvedOnEdit)

        self.retranslateUi(ReviewApproveDialog)
        self.buttonBox.accepted.connect(ReviewApproveDialog.accept)
        self.buttonBox.rejected.connect(ReviewApproveDialog.reject)

        QMetaObject.connectSlotsByName(ReviewApproveDialog)
    # setupUi

    def retranslateUi(self, ReviewApproveDialog):
        ReviewApproveDialog.setWindowTitle(QCoreApplication.translate("ReviewApproveDialog", u"Approve the minutes", None))
        self.approverLabel.setText(QCoreApplication.translate("ReviewApproveDialog", u"Approved &by:", None))
#if QT_CONFIG(tooltip)
        self.approverEdit.setToolTip(QCoreApplication.translate("ReviewApproveDialog", u"Who approved the minutes (usually the chair).", None))
#endif // QT_CONFIG(tooltip)
        self.approvedOnLabel.setText(QCoreApplication.translate("ReviewApproveDialog", u"Approval &date:", None))
#if QT_CONFIG(tooltip)
        self.approvedOnEdit.setToolTip(QCoreApplication.translate("ReviewApproveDialog", u"The day the minutes were approved: not before the meeting, and not later than today.", None))
#endif // QT_CONFIG(tooltip)
        self.consequenceLabel.setText(QCoreApplication.translate("ReviewApproveDialog", u"Once approved, the minutes are read-only. A later change starts a new revision of the minutes; this one is kept as approved.", None))
    # retranslateUi

