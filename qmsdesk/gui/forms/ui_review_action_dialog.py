# Generated from ui/review_action_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_ReviewActionDialog(object):
    def setupUi(self, ReviewActionDialog):
        if not ReviewActionDialog.objectName():
            ReviewActionDialog.setObjectName(u"ReviewActionDialog")
        ReviewActionDialog.resize(520, 320)
        self.dialogLayout = QVBoxLayout(ReviewActionDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(ReviewActionDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.titleLabel = QLabel(ReviewActionDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(ReviewActionDialog)
        self.titleEdit.setObjectName(u"titleEdit")
        self.titleEdit.setMaxLength(150)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.detailsLabel = QLabel(ReviewActionDialog)
        self.detailsLabel.setObjectName(u"detailsLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.detailsLabel)

        self.detailsEdit = QPlainTextEdit(ReviewActionDialog)
        self.detailsEdit.setObjectName(u"detailsEdit")
        self.detailsEdit.setTabChangesFocus(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.detailsEdit)

        self.ownerLabel = QLabel(ReviewActionDialog)
        self.ownerLabel.setObjectName(u"ownerLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.ownerLabel)

        self.ownerCombo = QComboBox(ReviewActionDialog)
        self.ownerCombo.setObjectName(u"ownerCombo")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.ownerCombo)

        self.dueLabel = QLabel(ReviewActionDialog)
        self.dueLabel.setObjectName(u"dueLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.dueLabel)

        self.dueEdit = QDateEdit(ReviewActionDialog)
        self.dueEdit.setObjectName(u"dueEdit")
        self.dueEdit.setCalendarPopup(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.dueEdit)


        self.dialogLayout.addLayout(self.form)

        self.problemsLabel = QLabel(ReviewActionDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setWordWrap(True)
        self.problemsLabel.setStyleSheet(u"color: #b3261e;")

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(ReviewActionDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.titleLabel.setBuddy(self.titleEdit)
        self.detailsLabel.setBuddy(self.detailsEdit)
        self.ownerLabel.setBuddy(self.ownerCombo)
        self.dueLabel.setBuddy(self.dueEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.titleEdit, self.detailsEdit)
        QWidget.setTabOrder(self.detailsEdit, self.ownerCombo)
        QWidget.setTabOrder(self.ownerCombo, self.dueEdit)

        self.retranslateUi(ReviewActionDialog)
        self.buttonBox.accepted.connect(ReviewActionDialog.accept)
        self.buttonBox.rejected.connect(ReviewActionDialog.reject)

        QMetaObject.connectSlotsByName(ReviewActionDialog)
    # setupUi

    def retranslateUi(self, ReviewActionDialog):
        ReviewActionDialog.setWindowTitle(QCoreApplication.translate("ReviewActionDialog", u"Action", None))
        self.titleLabel.setText(QCoreApplication.translate("ReviewActionDialog", u"&Action:", None))
#if QT_CONFIG(tooltip)
        self.titleEdit.setToolTip(QCoreApplication.translate("ReviewActionDialog", u"What is to be done, in a few words (it is the action's title in the actions register).", None))
#endif // QT_CONFIG(tooltip)
        self.detailsLabel.setText(QCoreApplication.translate("ReviewActionDialog", u"De&tails:", None))
#if QT_CONFIG(tooltip)
        self.detailsEdit.setToolTip(QCoreApplication.translate("ReviewActionDialog", u"More about what to do, if the title is not enough.", None))
#endif // QT_CONFIG(tooltip)
        self.ownerLabel.setText(QCoreApplication.translate("ReviewActionDialog", u"&Owner:", None))
#if QT_CONFIG(tooltip)
        self.ownerCombo.setToolTip(QCoreApplication.translate("ReviewActionDialog", u"Who will do it.", None))
#endif // QT_CONFIG(tooltip)
        self.dueLabel.setText(QCoreApplication.translate("ReviewActionDialog", u"&Due date:", None))
#if QT_CONFIG(tooltip)
        self.dueEdit.setToolTip(QCoreApplication.translate("ReviewActionDialog", u"By when it must be done.", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

