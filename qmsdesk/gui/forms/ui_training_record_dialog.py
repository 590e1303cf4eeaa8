# Generated from ui/training_record_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox,
    QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_TrainingRecordDialog(object):
    def setupUi(self, TrainingRecordDialog):
        if not TrainingRecordDialog.objectName():
            TrainingRecordDialog.setObjectName(u"TrainingRecordDialog")
        TrainingRecordDialog.resize(620, 820)
        self.dialogLayout = QVBoxLayout(TrainingRecordDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(TrainingRecordDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.itemLabel = QLabel(TrainingRecordDialog)
        self.itemLabel.setObjectName(u"itemLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.itemLabel)

        self.itemCombo = QComboBox(TrainingRecordDialog)
        self.itemCombo.setObjectName(u"itemCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.itemCombo)

        self.attendeesLabel = QLabel(TrainingRecordDialog)
        self.attendeesLabel.setObjectName(u"attendeesLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.attendeesLabel)

        self.attendeesLayout = QVBoxLayout()
        self.attendeesLayout.setObjectName(u"attendeesLayout")
        self.attendeesFilterEdit = QLineEdit(TrainingRecordDialog)
        self.attendeesFilterEdit.setObjectName(u"attendeesFilterEdit")
        self.attendeesFilterEdit.setClearButtonEnabled(True)

        self.attendeesLayout.addWidget(self.attendeesFilterEdit)

        self.attendeesList = QListWidget(TrainingRecordDialog)
        self.attendeesList.setObjectName(u"attendeesList")

        self.attendeesLayout.addWidget(self.attendeesList)


        self.form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.attendeesLayout)

        self.dateLabel = QLabel(TrainingRecordDialog)
        self.dateLabel.setObjectName(u"dateLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.dateLabel)

        self.dateEdit = QDateEdit(TrainingRecordDialog)
        self.dateEdit.setObjectName(u"dateEdit")
        self.dateEdit.setCalendarPopup(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.dateEdit)

        self.levelLabel = QLabel(TrainingRecordDialog)
        self.levelLabel.setObjectName(u"levelLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.levelLabel)

        self.levelCombo = QComboBox(TrainingRecordDialog)
        self.levelCombo.setObjectName(u"levelCombo")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.levelCombo)

        self.trainerLabel = QLabel(TrainingRecordDialog)
        self.trainerLabel.setObjectName(u"trainerLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.trainerLabel)

        self.trainerEdit = QLineEdit(TrainingRecordDialog)
        self.trainerEdit.setObjectName(u"trainerEdit")
        self.trainerEdit.setMaxLength(120)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.trainerEdit)

        self.hoursLabel = QLabel(TrainingRecordDialog)
        self.hoursLabel.setObjectName(u"hoursLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.hoursLabel)

        self.hoursSpin = QDoubleSpinBox(TrainingRecordDialog)
        self.hoursSpin.setObjectName(u"hoursSpin")
        self.hoursSpin.setMaximum(1000.000000000000000)
        self.hoursSpin.setDecimals(1)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.hoursSpin)

        self.resultLabel = QLabel(TrainingRecordDialog)
        self.resultLabel.setObjectName(u"resultLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.resultLabel)

        self.resultEdit = QLineEdit(TrainingRecordDialog)
        self.resultEdit.setObjectName(u"resultEdit")
        self.resultEdit.setMaxLength(80)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.resultEdit)

        self.revisionLabel = QLabel(TrainingRecordDialog)
        self.revisionLabel.setObjectName(u"revisionLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.revisionLabel)

        self.revisionEdit = QLineEdit(TrainingRecordDialog)
        self.revisionEdit.setObjectName(u"revisionEdit")
        self.revisionEdit.setMaxLength(20)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.revisionEdit)

        self.evidenceLabel = QLabel(TrainingRecordDialog)
        self.evidenceLabel.setObjectName(u"evidenceLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.evidenceLabel)

        self.evidenceLayout = QHBoxLayout()
        self.evidenceLayout.setObjectName(u"evidenceLayout")
        self.evidenceNameLabel = QLabel(TrainingRecordDialog)
        self.evidenceNameLabel.setObjectName(u"evidenceNameLabel")

        self.evidenceLayout.addWidget(self.evidenceNameLabel)

        self.chooseFileButton = QPushButton(TrainingRecordDialog)
        self.chooseFileButton.setObjectName(u"chooseFileButton")
        self.chooseFileButton.setAutoDefault(False)

        self.evidenceLayout.addWidget(self.chooseFileButton)

        self.removeFileButton = QPushButton(TrainingRecordDialog)
        self.removeFileButton.setObjectName(u"removeFileButton")
        self.removeFileButton.setEnabled(False)
        self.removeFileButton.setAutoDefault(False)

        self.evidenceLayout.addWidget(self.removeFileButton)


        self.form.setLayout(8, QFormLayout.ItemRole.FieldRole, self.evidenceLayout)


        self.dialogLayout.addLayout(self.form)

        self.effectivenessGroup = QGroupBox(TrainingRecordDialog)
        self.effectivenessGroup.setObjectName(u"effectivenessGroup")
        self.effectivenessForm = QFormLayout(self.effectivenessGroup)
        self.effectivenessForm.setObjectName(u"effectivenessForm")
        self.effectivenessForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.methodLabel = QLabel(self.effectivenessGroup)
        self.methodLabel.setObjectName(u"methodLabel")

        self.effectivenessForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.methodLabel)

        self.methodCombo = QComboBox(self.effectivenessGroup)
        self.methodCombo.setObjectName(u"methodCombo")
        self.methodCombo.setEditable(True)

        self.effectivenessForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.methodCombo)

        self.checkedLabel = QLabel(self.effectivenessGroup)
        self.checkedLabel.setObjectName(u"checkedLabel")

        self.effectivenessForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.checkedLabel)

        self.checkedEditLayout = QHBoxLayout()
        self.checkedEditLayout.setObjectName(u"checkedEditLayout")
        self.checkedCheck = QCheckBox(self.effectivenessGroup)
        self.checkedCheck.setObjectName(u"checkedCheck")

        self.checkedEditLayout.addWidget(self.checkedCheck)

        self.checkedEdit = QDateEdit(self.effectivenessGroup)
        self.checkedEdit.setObjectName(u"checkedEdit")
        self.checkedEdit.setCalendarPopup(True)

        self.checkedEditLayout.addWidget(self.checkedEdit)

        self.checkedEditSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.checkedEditLayout.addItem(self.checkedEditSpacer)


        self.effectivenessForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.checkedEditLayout)

        self.evaluatorLabel = QLabel(self.effectivenessGroup)
        self.evaluatorLabel.setObjectName(u"evaluatorLabel")

        self.effectivenessForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.evaluatorLabel)

        self.evaluatorEdit = QLineEdit(self.effectivenessGroup)
        self.evaluatorEdit.setObjectName(u"evaluatorEdit")
        self.evaluatorEdit.setMaxLength(120)

        self.effectivenessForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.evaluatorEdit)

        self.outcomeLabel = QLabel(self.effectivenessGroup)
        self.outcomeLabel.setObjectName(u"outcomeLabel")

        self.effectivenessForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.outcomeLabel)

        self.outcomeEdit = QPlainTextEdit(self.effectivenessGroup)
        self.outcomeEdit.setObjectName(u"outcomeEdit")
        self.outcomeEdit.setTabChangesFocus(True)

        self.effectivenessForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.outcomeEdit)


        self.dialogLayout.addWidget(self.effectivenessGroup)

        self.noteForm = QFormLayout()
        self.noteForm.setObjectName(u"noteForm")
        self.noteForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.noteLabel = QLabel(TrainingRecordDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.noteForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.noteLabel)

        self.noteEdit = QPlainTextEdit(TrainingRecordDialog)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)

        self.noteForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.noteEdit)


        self.dialogLayout.addLayout(self.noteForm)

        self.problemsLabel = QLabel(TrainingRecordDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setStyleSheet(u"color: #b3261e;")
        self.problemsLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(TrainingRecordDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.itemLabel.setBuddy(self.itemCombo)
        self.attendeesLabel.setBuddy(self.attendeesList)
        self.dateLabel.setBuddy(self.dateEdit)
        self.levelLabel.setBuddy(self.levelCombo)
        self.trainerLabel.setBuddy(self.trainerEdit)
        self.hoursLabel.setBuddy(self.hoursSpin)
        self.resultLabel.setBuddy(self.resultEdit)
        self.revisionLabel.setBuddy(self.revisionEdit)
        self.evidenceLabel.setBuddy(self.chooseFileButton)
        self.methodLabel.setBuddy(self.methodCombo)
        self.checkedLabel.setBuddy(self.checkedCheck)
        self.evaluatorLabel.setBuddy(self.evaluatorEdit)
        self.outcomeLabel.setBuddy(self.outcomeEdit)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.itemCombo, self.attendeesFilterEdit)
        QWidget.setTabOrder(self.attendeesFilterEdit, self.attendeesList)
        QWidget.setTabOrder(self.attendeesList, self.dateEdit)
        QWidget.setTabOrder(self.dateEdit, self.levelCombo)
        QWidget.setTabOrder(self.levelCombo, self.trainerEdit)
        QWidget.setTabOrder(self.trainerEdit, self.hoursSpin)
        QWidget.setTabOrder(self.hoursSpin, self.resultEdit)
        QWidget.setTabOrder(self.resultEdit, self.revisionEdit)
        QWidget.setTabOrder(self.revisionEdit, self.chooseFileButton)
        QWidget.setTabOrder(self.chooseFileButton, self.removeFileButton)
        QWidget.setTabOrder(self.removeFileButton, self.methodCombo)
        QWidget.setTabOrder(self.methodCombo, self.checkedCheck)
        QWidget.setTabOrder(self.checkedCheck, self.checkedEdit)
        QWidget.setTabOrder(self.checkedEdit, self.evaluatorEdit)
        QWidget.setTabOrder(self.evaluatorEdit, self.outcomeEdit)
        QWidget.setTabOrder(self.outcomeEdit, self.noteEdit)

        self.retranslateUi(TrainingRecordDialog)
        self.buttonBox.accepted.connect(TrainingRecordDialog.accept)
        self.buttonBox.rejected.connect(TrainingRecordDialog.reject)

        QMetaObject.connectSlotsByName(TrainingRecordDialog)
    # setupUi

    def retranslateUi(self, TrainingRecordDialog):
        TrainingRecordDialog.setWindowTitle(QCoreApplication.translate("TrainingRecordDialog", u"Record training", None))
        self.itemLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"Training &item:", None))
#if QT_CONFIG(tooltip)
        self.itemCombo.setToolTip(QCoreApplication.translate("TrainingRecordDialog", u"What was trained.", None))
#endif // QT_CONFIG(tooltip)
        self.attendeesLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"&Attendees:", None))
        self.attendeesFilterEdit.setPlaceholderText(QCoreApplication.translate("TrainingRecordDialog", u"Find people by name, number or department", None))
#if QT_CONFIG(tooltip)
        self.attendeesList.setToolTip(QCoreApplication.translate("TrainingRecordDialog", u"Tick everyone who attended: one record is written for each.", None))
#endif // QT_CONFIG(tooltip)
        self.dateLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"&Date:", None))
#if QT_CONFIG(tooltip)
        self.dateEdit.setToolTip(QCoreApplication.translate("TrainingRecordDialog", u"The day of the training; not in the future.", None))
#endif // QT_CONFIG(tooltip)
        self.levelLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"&Level reached:", None))
#if QT_CONFIG(tooltip)
        self.levelCombo.setToolTip(QCoreApplication.translate("TrainingRecordDialog", u"The competence level reached.", None))
#endif // QT_CONFIG(tooltip)
        self.trainerLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"&Trainer or provider:", None))
        self.hoursLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"&Hours:", None))
        self.hoursSpin.setSpecialValueText(QCoreApplication.translate("TrainingRecordDialog", u"Not given", None))
#if QT_CONFIG(tooltip)
        self.hoursSpin.setToolTip(QCoreApplication.translate("TrainingRecordDialog", u"How long the training took (0: not given).", None))
#endif // QT_CONFIG(tooltip)
        self.resultLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"&Result or score:", None))
        self.resultEdit.setPlaceholderText(QCoreApplication.translate("TrainingRecordDialog", u"Pass, 85%\u2026", None))
        self.revisionLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"Document re&vision:", None))
        self.revisionEdit.setPlaceholderText(QCoreApplication.translate("TrainingRecordDialog", u"The revision in force that day", None))
#if QT_CONFIG(tooltip)
        self.revisionEdit.setToolTip(QCoreApplication.translate("TrainingRecordDialog", u"For a 'read and understood' item: the revision read.", None))
#endif // QT_CONFIG(tooltip)
        self.evidenceLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"&Evidence:", None))
        self.evidenceNameLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"No file attached", None))
        self.chooseFileButton.setText(QCoreApplication.translate("TrainingRecordDialog", u"Choose &file\u2026", None))
#if QT_CONFIG(tooltip)
        self.chooseFileButton.setToolTip(QCoreApplication.translate("TrainingRecordDialog", u"An attendance sheet or a certificate; a copy is kept with its SHA-256 fingerprint.", None))
#endif // QT_CONFIG(tooltip)
        self.removeFileButton.setText(QCoreApplication.translate("TrainingRecordDialog", u"Re&move", None))
        self.effectivenessGroup.setTitle(QCoreApplication.translate("TrainingRecordDialog", u"Effectiveness check (clause 7.2 c)", None))
#if QT_CONFIG(tooltip)
        self.effectivenessGroup.setToolTip(QCoreApplication.translate("TrainingRecordDialog", u"How you know the training worked. Fill it in later if the check is still to come.", None))
#endif // QT_CONFIG(tooltip)
        self.methodLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"Ho&w checked:", None))
        self.checkedLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"Chec&ked on:", None))
        self.checkedCheck.setText(QCoreApplication.translate("TrainingRecordDialog", u"Done", None))
#if QT_CONFIG(tooltip)
        self.checkedCheck.setToolTip(QCoreApplication.translate("TrainingRecordDialog", u"When the check was made.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.checkedEdit.setToolTip(QCoreApplication.translate("TrainingRecordDialog", u"When the check was made.", None))
#endif // QT_CONFIG(tooltip)
        self.evaluatorLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"Checked &by:", None))
        self.outcomeLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"O&utcome:", None))
        self.noteLabel.setText(QCoreApplication.translate("TrainingRecordDialog", u"&Note:", None))
    # retranslateUi

