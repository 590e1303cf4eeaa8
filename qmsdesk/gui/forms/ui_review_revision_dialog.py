# Generated from ui/review_revision_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QPlainTextEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_ReviewRevisionDialog(object):
    def setupUi(self, ReviewRevisionDialog):
        if not ReviewRevisionDialog.objectName():
            ReviewRevisionDialog.setObjectName(u"ReviewRevisionDialog")
        ReviewRevisionDialog.resize(480, 260)
        self.dialogLayout = QVBoxLayout(ReviewRevisionDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(ReviewRevisionDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.reasonLabel = QLabel(ReviewRevisionDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reasonEdit = QPlainTextEdit(ReviewRevisionDialog)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setTabChangesFocus(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reasonEdit)


        self.dialogLayout.addLayout(self.form)

        self.problemsLabel = QLabel(ReviewRevisionDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setWordWrap(True)
        self.problemsLabel.setStyleSheet(u"color: #b3261e;")

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(ReviewRevisionDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.reasonLabel.setBuddy(self.reasonEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReviewRevisionDialog)
        self.buttonBox.accepted.connect(ReviewRevisionDialog.accept)
        self.buttonBox.rejected.connect(ReviewRevisionDialog.reject)

        QMetaObject.connectSlotsByName(ReviewRevisionDialog)
    # setupUi

    def retranslateUi(self, ReviewRevisionDialog):
        ReviewRevisionDialog.setWindowTitle(QCoreApplication.translate("ReviewRevisionDialog", u"New revision of the minutes", None))
        self.reasonLabel.setText(QCoreApplication.translate("ReviewRevisionDialog", u"&Why:", None))
#if QT_CONFIG(tooltip)
        self.reasonEdit.setToolTip(QCoreApplication.translate("ReviewRevisionDialog", u"Why the approved minutes must change (for example a wrong figure, or a decision left out).", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

