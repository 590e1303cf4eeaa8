# Generated from ui/review_decision_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_ReviewDecisionDialog(object):
    def setupUi(self, ReviewDecisionDialog):
        if not ReviewDecisionDialog.objectName():
            ReviewDecisionDialog.setObjectName(u"ReviewDecisionDialog")
        ReviewDecisionDialog.resize(520, 300)
        self.dialogLayout = QVBoxLayout(ReviewDecisionDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(ReviewDecisionDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.outputLabel = QLabel(ReviewDecisionDialog)
        self.outputLabel.setObjectName(u"outputLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.outputLabel)

        self.outputCombo = QComboBox(ReviewDecisionDialog)
        self.outputCombo.setObjectName(u"outputCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.outputCombo)

        self.textLabel = QLabel(ReviewDecisionDialog)
        self.textLabel.setObjectName(u"textLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.textLabel)

        self.textEdit = QPlainTextEdit(ReviewDecisionDialog)
        self.textEdit.setObjectName(u"textEdit")
        self.textEdit.setTabChangesFocus(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.textEdit)


        self.dialogLayout.addLayout(self.form)

        self.problemsLabel = QLabel(ReviewDecisionDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setWordWrap(True)
        self.problemsLabel.setStyleSheet(u"color: #b3261e;")

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(ReviewDecisionDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.outputLabel.setBuddy(self.outputCombo)
        self.textLabel.setBuddy(self.textEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.outputCombo, self.textEdit)

        self.retranslateUi(ReviewDecisionDialog)
        self.buttonBox.accepted.connect(ReviewDecisionDialog.accept)
        self.buttonBox.rejected.connect(ReviewDecisionDialog.reject)

        QMetaObject.connectSlotsByName(ReviewDecisionDialog)
    # setupUi

    def retranslateUi(self, ReviewDecisionDialog):
        ReviewDecisionDialog.setWindowTitle(QCoreApplication.translate("ReviewDecisionDialog", u"Decision", None))
        self.outputLabel.setText(QCoreApplication.translate("ReviewDecisionDialog", u"&Output:", None))
#if QT_CONFIG(tooltip)
        self.outputCombo.setToolTip(QCoreApplication.translate("ReviewDecisionDialog", u"Which output of the review (clause 9.3.3) the decision belongs to.", None))
#endif // QT_CONFIG(tooltip)
        self.textLabel.setText(QCoreApplication.translate("ReviewDecisionDialog", u"&Decision:", None))
#if QT_CONFIG(tooltip)
        self.textEdit.setToolTip(QCoreApplication.translate("ReviewDecisionDialog", u"What top management decided, in a sentence or two.", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

