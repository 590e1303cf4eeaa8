# Generated from ui/review_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
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
    QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_ReviewDialog(object):
    def setupUi(self, ReviewDialog):
        if not ReviewDialog.objectName():
            ReviewDialog.setObjectName(u"ReviewDialog")
        ReviewDialog.resize(520, 380)
        self.dialogLayout = QVBoxLayout(ReviewDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(ReviewDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.referenceLabel = QLabel(ReviewDialog)
        self.referenceLabel.setObjectName(u"referenceLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.referenceLabel)

        self.referenceEdit = QLineEdit(ReviewDialog)
        self.referenceEdit.setObjectName(u"referenceEdit")
        self.referenceEdit.setMaxLength(30)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.referenceEdit)

        self.titleLabel = QLabel(ReviewDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(ReviewDialog)
        self.titleEdit.setObjectName(u"titleEdit")
        self.titleEdit.setMaxLength(150)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.meetingDateLabel = QLabel(ReviewDialog)
        self.meetingDateLabel.setObjectName(u"meetingDateLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.meetingDateLabel)

        self.meetingDateEdit = QDateEdit(ReviewDialog)
        self.meetingDateEdit.setObjectName(u"meetingDateEdit")
        self.meetingDateEdit.setCalendarPopup(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.meetingDateEdit)

        self.placeLabel = QLabel(ReviewDialog)
        self.placeLabel.setObjectName(u"placeLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.placeLabel)

        self.placeCombo = QComboBox(ReviewDialog)
        self.placeCombo.setObjectName(u"placeCombo")
        self.placeCombo.setEditable(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.placeCombo)

        self.chairLabel = QLabel(ReviewDialog)
        self.chairLabel.setObjectName(u"chairLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.chairLabel)

        self.chairCombo = QComboBox(ReviewDialog)
        self.chairCombo.setObjectName(u"chairCombo")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.chairCombo)

        self.periodStartLabel = QLabel(ReviewDialog)
        self.periodStartLabel.setObjectName(u"periodStartLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.periodStartLabel)

        self.periodStartEdit = QDateEdit(ReviewDialog)
        self.periodStartEdit.setObjectName(u"periodStartEdit")
        self.periodStartEdit.setCalendarPopup(True)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.periodStartEdit)

        self.periodEndLabel = QLabel(ReviewDialog)
        self.periodEndLabel.setObjectName(u"periodEndLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.periodEndLabel)

        self.periodEndEdit = QDateEdit(ReviewDialog)
        self.periodEndEdit.setObjectName(u"periodEndEdit")
        self.periodEndEdit.setCalendarPopup(True)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.periodEndEdit)

        self.guestsLabel = QLabel(ReviewDialog)
        self.guestsLabel.setObjectName(u"guestsLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.guestsLabel)

        self.guestsEdit = QLineEdit(ReviewDialog)
        self.guestsEdit.setObjectName(u"guestsEdit")
        self.guestsEdit.setMaxLength(300)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.guestsEdit)


        self.dialogLayout.addLayout(self.form)

        self.problemsLabel = QLabel(ReviewDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setWordWrap(True)
        self.problemsLabel.setStyleSheet(u"color: #b3261e;")

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(ReviewDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.referenceLabel.setBuddy(self.referenceEdit)
        self.titleLabel.setBuddy(self.titleEdit)
        self.meetingDateLabel.setBuddy(self.meetingDateEdit)
        self.placeLabel.setBuddy(self.placeCombo)
        self.chairLabel.setBuddy(self.chairCombo)
        self.periodStartLabel.setBuddy(self.periodStartEdit)
        self.periodEndLabel.setBuddy(self.periodEndEdit)
        self.guestsLabel.setBuddy(self.guestsEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.referenceEdit, self.titleEdit)
        QWidget.setTabOrder(self.titleEdit, self.meetingDateEdit)
        QWidget.setTabOrder(self.meetingDateEdit, self.placeCombo)
        QWidget.setTabOrder(self.placeCombo, self.chairCombo)
        QWidget.setTabOrder(self.chairCombo, self.periodStartEdit)
        QWidget.setTabOrder(self.periodStartEdit, self.periodEndEdit)
        QWidget.setTabOrder(self.periodEndEdit, self.guestsEdit)

        self.retranslateUi(ReviewDialog)
        self.buttonBox.accepted.connect(ReviewDialog.accept)
        self.buttonBox.rejected.connect(ReviewDialog.reject)

        QMetaObject.connectSlotsByName(ReviewDialog)
    # setupUi

    def retranslateUi(self, ReviewDialog):
        ReviewDialog.setWindowTitle(QCoreApplication.translate("ReviewDialog", u"Management review", None))
        self.referenceLabel.setText(QCoreApplication.translate("ReviewDialog", u"&Reference:", None))
#if QT_CONFIG(tooltip)
        self.referenceEdit.setToolTip(QCoreApplication.translate("ReviewDialog", u"How the review is known, such as MR-2026. Leave empty to let QMS Desk give one.", None))
#endif // QT_CONFIG(tooltip)
        self.titleLabel.setText(QCoreApplication.translate("ReviewDialog", u"&Title:", None))
#if QT_CONFIG(tooltip)
        self.titleEdit.setToolTip(QCoreApplication.translate("ReviewDialog", u"A short title for the minutes, such as Management review 2026.", None))
#endif // QT_CONFIG(tooltip)
        self.meetingDateLabel.setText(QCoreApplication.translate("ReviewDialog", u"&Meeting date:", None))
#if QT_CONFIG(tooltip)
        self.meetingDateEdit.setToolTip(QCoreApplication.translate("ReviewDialog", u"The day the meeting takes (or took) place.", None))
#endif // QT_CONFIG(tooltip)
        self.placeLabel.setText(QCoreApplication.translate("ReviewDialog", u"&Place:", None))
#if QT_CONFIG(tooltip)
        self.placeCombo.setToolTip(QCoreApplication.translate("ReviewDialog", u"Where the meeting is held.", None))
#endif // QT_CONFIG(tooltip)
        self.chairLabel.setText(QCoreApplication.translate("ReviewDialog", u"&Chair:", None))
#if QT_CONFIG(tooltip)
        self.chairCombo.setToolTip(QCoreApplication.translate("ReviewDialog", u"The person of top management who chairs the review.", None))
#endif // QT_CONFIG(tooltip)
        self.periodStartLabel.setText(QCoreApplication.translate("ReviewDialog", u"Period &from:", None))
#if QT_CONFIG(tooltip)
        self.periodStartEdit.setToolTip(QCoreApplication.translate("ReviewDialog", u"The first day of the period the review looks back on (usually the day after the last review's period).", None))
#endif // QT_CONFIG(tooltip)
        self.periodEndLabel.setText(QCoreApplication.translate("ReviewDialog", u"Period t&o:", None))
#if QT_CONFIG(tooltip)
        self.periodEndEdit.setToolTip(QCoreApplication.translate("ReviewDialog", u"The last day of the period covered; it cannot be before the first day.", None))
#endif // QT_CONFIG(tooltip)
        self.guestsLabel.setText(QCoreApplication.translate("ReviewDialog", u"&Also present:", None))
#if QT_CONFIG(tooltip)
        self.guestsEdit.setToolTip(QCoreApplication.translate("ReviewDialog", u"People from outside the register of people, such as a consultant or an auditor.", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

