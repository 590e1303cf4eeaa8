# Generated from ui/action_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_ActionDialog(object):
    def setupUi(self, ActionDialog):
        if not ActionDialog.objectName():
            ActionDialog.setObjectName(u"ActionDialog")
        ActionDialog.resize(1000, 720)
        ActionDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(ActionDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.leftColumn = QVBoxLayout()
        self.leftColumn.setObjectName(u"leftColumn")
        self.actionGroup = QGroupBox(ActionDialog)
        self.actionGroup.setObjectName(u"actionGroup")
        self.actionForm = QFormLayout(self.actionGroup)
        self.actionForm.setObjectName(u"actionForm")
        self.referenceLabel = QLabel(self.actionGroup)
        self.referenceLabel.setObjectName(u"referenceLabel")

        self.actionForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.referenceLabel)

        self.referenceValue = QLabel(self.actionGroup)
        self.referenceValue.setObjectName(u"referenceValue")
        self.referenceValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.actionForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.referenceValue)

        self.titleLabel = QLabel(self.actionGroup)
        self.titleLabel.setObjectName(u"titleLabel")

        self.actionForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(self.actionGroup)
        self.titleEdit.setObjectName(u"titleEdit")
        self.titleEdit.setMaxLength(150)

        self.actionForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.kindLabel = QLabel(self.actionGroup)
        self.kindLabel.setObjectName(u"kindLabel")

        self.actionForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.kindCombo = QComboBox(self.actionGroup)
        self.kindCombo.setObjectName(u"kindCombo")

        self.actionForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.kindCombo)

        self.sourceLabel = QLabel(self.actionGroup)
        self.sourceLabel.setObjectName(u"sourceLabel")

        self.actionForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.sourceLabel)

        self.sourceCombo = QComboBox(self.actionGroup)
        self.sourceCombo.setObjectName(u"sourceCombo")

        self.actionForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.sourceCombo)

        self.sourceRefLabel = QLabel(self.actionGroup)
        self.sourceRefLabel.setObjectName(u"sourceRefLabel")

        self.actionForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.sourceRefLabel)

        self.sourceRefEdit = QLineEdit(self.actionGroup)
        self.sourceRefEdit.setObjectName(u"sourceRefEdit")
        self.sourceRefEdit.setMaxLength(80)

        self.actionForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.sourceRefEdit)

        self.processLabel = QLabel(self.actionGroup)
        self.processLabel.setObjectName(u"processLabel")

        self.actionForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.processLabel)

        self.processEdit = QLineEdit(self.actionGroup)
        self.processEdit.setObjectName(u"processEdit")
        self.processEdit.setMaxLength(80)

        self.actionForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.processEdit)

        self.ownerLabel = QLabel(self.actionGroup)
        self.ownerLabel.setObjectName(u"ownerLabel")

        self.actionForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.ownerLabel)

        self.ownerCombo = QComboBox(self.actionGroup)
        self.ownerCombo.setObjectName(u"ownerCombo")

        self.actionForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.ownerCombo)

        self.raisedLabel = QLabel(self.actionGroup)
        self.raisedLabel.setObjectName(u"raisedLabel")

        self.actionForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.raisedLabel)

        self.raisedEdit = QDateEdit(self.actionGroup)
        self.raisedEdit.setObjectName(u"raisedEdit")

        self.actionForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.raisedEdit)

        self.dueLabel = QLabel(self.actionGroup)
        self.dueLabel.setObjectName(u"dueLabel")

        self.actionForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.dueLabel)

        self.dueLayout = QHBoxLayout()
        self.dueLayout.setObjectName(u"dueLayout")
        self.dueCheck = QCheckBox(self.actionGroup)
        self.dueCheck.setObjectName(u"dueCheck")

        self.dueLayout.addWidget(self.dueCheck)

        self.dueEdit = QDateEdit(self.actionGroup)
        self.dueEdit.setObjectName(u"dueEdit")

        self.dueLayout.addWidget(self.dueEdit)

        self.dueSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.dueLayout.addItem(self.dueSpacer)


        self.actionForm.setLayout(8, QFormLayout.ItemRole.FieldRole, self.dueLayout)

        self.statusLabel = QLabel(self.actionGroup)
        self.statusLabel.setObjectName(u"statusLabel")

        self.actionForm.setWidget(9, QFormLayout.ItemRole.LabelRole, self.statusLabel)

        self.statusCombo = QComboBox(self.actionGroup)
        self.statusCombo.setObjectName(u"statusCombo")

        self.actionForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.statusCombo)


        self.leftColumn.addWidget(self.actionGroup)

        self.problemGroup = QGroupBox(ActionDialog)
        self.problemGroup.setObjectName(u"problemGroup")
        self.problemForm = QFormLayout(self.problemGroup)
        self.problemForm.setObjectName(u"problemForm")
        self.problemLabel = QLabel(self.problemGroup)
        self.problemLabel.setObjectName(u"problemLabel")

        self.problemForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.problemLabel)

        self.problemEdit = QPlainTextEdit(self.problemGroup)
        self.problemEdit.setObjectName(u"problemEdit")
        self.problemEdit.setTabChangesFocus(True)

        self.problemForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.problemEdit)

        self.correctionLabel = QLabel(self.problemGroup)
        self.correctionLabel.setObjectName(u"correctionLabel")

        self.problemForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.correctionLabel)

        self.correctionEdit = QPlainTextEdit(self.problemGroup)
        self.correctionEdit.setObjectName(u"correctionEdit")
        self.correctionEdit.setTabChangesFocus(True)

        self.problemForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.correctionEdit)

        self.correctionOnLabel = QLabel(self.problemGroup)
        self.correctionOnLabel.setObjectName(u"correctionOnLabel")

        self.problemForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.correctionOnLabel)

        self.correctionOnLayout = QHBoxLayout()
        self.correctionOnLayout.setObjectName(u"correctionOnLayout")
        self.correctionOnCheck = QCheckBox(self.problemGroup)
        self.correctionOnCheck.setObjectName(u"correctionOnCheck")

        self.correctionOnLayout.addWidget(self.correctionOnCheck)

        self.correctionOnEdit = QDateEdit(self.problemGroup)
        self.correctionOnEdit.setObjectName(u"correctionOnEdit")

        self.correctionOnLayout.addWidget(self.correctionOnEdit)

        self.correctionOnSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.correctionOnLayout.addItem(self.correctionOnSpacer)


        self.problemForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.correctionOnLayout)


        self.leftColumn.addWidget(self.problemGroup)


        self.columnsLayout.addLayout(self.leftColumn)

        self.rightColumn = QVBoxLayout()
        self.rightColumn.setObjectName(u"rightColumn")
        self.causeGroup = QGroupBox(ActionDialog)
        self.causeGroup.setObjectName(u"causeGroup")
        self.causeForm = QFormLayout(self.causeGroup)
        self.causeForm.setObjectName(u"causeForm")
        self.whyIntroLabel = QLabel(self.causeGroup)
        self.whyIntroLabel.setObjectName(u"whyIntroLabel")
        self.whyIntroLabel.setWordWrap(True)

        self.causeForm.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.whyIntroLabel)

        self.why1Label = QLabel(self.causeGroup)
        self.why1Label.setObjectName(u"why1Label")

        self.causeForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.why1Label)

        self.why1Edit = QLineEdit(self.causeGroup)
        self.why1Edit.setObjectName(u"why1Edit")
        self.why1Edit.setMaxLength(300)

        self.causeForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.why1Edit)

        self.why2Label = QLabel(self.causeGroup)
        self.why2Label.setObjectName(u"why2Label")

        self.causeForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.why2Label)

        self.why2Edit = QLineEdit(self.causeGroup)
        self.why2Edit.setObjectName(u"why2Edit")
        self.why2Edit.setMaxLength(300)

        self.causeForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.why2Edit)

        self.why3Label = QLabel(self.causeGroup)
        self.why3Label.setObjectName(u"why3Label")

        self.causeForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.why3Label)

        self.why3Edit = QLineEdit(self.causeGroup)
        self.why3Edit.setObjectName(u"why3Edit")
        self.why3Edit.setMaxLength(300)

        self.causeForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.why3Edit)

        self.why4Label = QLabel(self.causeGroup)
        self.why4Label.setObjectName(u"why4Label")

        self.causeForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.why4Label)

        self.why4Edit = QLineEdit(self.causeGroup)
        self.why4Edit.setObjectName(u"why4Edit")
        self.why4Edit.setMaxLength(300)

        self.causeForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.why4Edit)

        self.why5Label = QLabel(self.causeGroup)
        self.why5Label.setObjectName(u"why5Label")

        self.causeForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.why5Label)

        self.why5Edit = QLineEdit(self.causeGroup)
        self.why5Edit.setObjectName(u"why5Edit")
        self.why5Edit.setMaxLength(300)

        self.causeForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.why5Edit)

        self.rootCauseLabel = QLabel(self.causeGroup)
        self.rootCauseLabel.setObjectName(u"rootCauseLabel")

        self.causeForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.rootCauseLabel)

        self.rootCauseEdit = QPlainTextEdit(self.causeGroup)
        self.rootCauseEdit.setObjectName(u"rootCauseEdit")
        self.rootCauseEdit.setTabChangesFocus(True)

        self.causeForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.rootCauseEdit)


        self.rightColumn.addWidget(self.causeGroup)

        self.doneGroup = QGroupBox(ActionDialog)
        self.doneGroup.setObjectName(u"doneGroup")
        self.doneForm = QFormLayout(self.doneGroup)
        self.doneForm.setObjectName(u"doneForm")
        self.correctiveLabel = QLabel(self.doneGroup)
        self.correctiveLabel.setObjectName(u"correctiveLabel")

        self.doneForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.correctiveLabel)

        self.correctiveEdit = QPlainTextEdit(self.doneGroup)
        self.correctiveEdit.setObjectName(u"correctiveEdit")
        self.correctiveEdit.setTabChangesFocus(True)

        self.doneForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.correctiveEdit)

        self.completedLabel = QLabel(self.doneGroup)
        self.completedLabel.setObjectName(u"completedLabel")

        self.doneForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.completedLabel)

        self.completedLayout = QHBoxLayout()
        self.completedLayout.setObjectName(u"completedLayout")
        self.completedCheck = QCheckBox(self.doneGroup)
        self.completedCheck.setObjectName(u"completedCheck")

        self.completedLayout.addWidget(self.completedCheck)

        self.completedEdit = QDateEdit(self.doneGroup)
        self.completedEdit.setObjectName(u"completedEdit")

        self.completedLayout.addWidget(self.completedEdit)

        self.completedSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.completedLayout.addItem(self.completedSpacer)


        self.doneForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.completedLayout)

        self.verifyDueLabel = QLabel(self.doneGroup)
        self.verifyDueLabel.setObjectName(u"verifyDueLabel")

        self.doneForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.verifyDueLabel)

        self.verifyDueLayout = QHBoxLayout()
        self.verifyDueLayout.setObjectName(u"verifyDueLayout")
        self.verifyDueCheck = QCheckBox(self.doneGroup)
        self.verifyDueCheck.setObjectName(u"verifyDueCheck")

        self.verifyDueLayout.addWidget(self.verifyDueCheck)

        self.verifyDueEdit = QDateEdit(self.doneGroup)
        self.verifyDueEdit.setObjectName(u"verifyDueEdit")

        self.verifyDueLayout.addWidget(self.verifyDueEdit)

        self.verifyDueSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.verifyDueLayout.addItem(self.verifyDueSpacer)


        self.doneForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.verifyDueLayout)

        self.verificationLabel = QLabel(self.doneGroup)
        self.verificationLabel.setObjectName(u"verificationLabel")

        self.doneForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.verificationLabel)

        self.verificationValue = QLabel(self.doneGroup)
        self.verificationValue.setObjectName(u"verificationValue")
        self.verificationValue.setWordWrap(True)

        self.doneForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.verificationValue)


        self.rightColumn.addWidget(self.doneGroup)


        self.columnsLayout.addLayout(self.rightColumn)


        self.dialogLayout.addLayout(self.columnsLayout)

        self.problemsLabel = QLabel(ActionDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setWordWrap(True)
        self.problemsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(ActionDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.titleLabel.setBuddy(self.titleEdit)
        self.kindLabel.setBuddy(self.kindCombo)
        self.sourceLabel.setBuddy(self.sourceCombo)
        self.sourceRefLabel.setBuddy(self.sourceRefEdit)
        self.processLabel.setBuddy(self.processEdit)
        self.ownerLabel.setBuddy(self.ownerCombo)
        self.raisedLabel.setBuddy(self.raisedEdit)
        self.dueLabel.setBuddy(self.dueCheck)
        self.statusLabel.setBuddy(self.statusCombo)
        self.problemLabel.setBuddy(self.problemEdit)
        self.correctionLabel.setBuddy(self.correctionEdit)
        self.correctionOnLabel.setBuddy(self.correctionOnCheck)
        self.why1Label.setBuddy(self.why1Edit)
        self.why2Label.setBuddy(self.why2Edit)
        self.why3Label.setBuddy(self.why3Edit)
        self.why4Label.setBuddy(self.why4Edit)
        self.why5Label.setBuddy(self.why5Edit)
        self.rootCauseLabel.setBuddy(self.rootCauseEdit)
        self.correctiveLabel.setBuddy(self.correctiveEdit)
        self.completedLabel.setBuddy(self.completedCheck)
        self.verifyDueLabel.setBuddy(self.verifyDueCheck)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ActionDialog)
        self.buttonBox.accepted.connect(ActionDialog.accept)
        self.buttonBox.rejected.connect(ActionDialog.reject)

        QMetaObject.connectSlotsByName(ActionDialog)
    # setupUi

    def retranslateUi(self, ActionDialog):
        ActionDialog.setWindowTitle(QCoreApplication.translate("ActionDialog", u"Action", None))
        self.actionGroup.setTitle(QCoreApplication.translate("ActionDialog", u"Action", None))
        self.referenceLabel.setText(QCoreApplication.translate("ActionDialog", u"Reference:", None))
        self.referenceValue.setText("")
        self.titleLabel.setText(QCoreApplication.translate("ActionDialog", u"&Title:", None))
#if QT_CONFIG(tooltip)
        self.titleEdit.setToolTip(QCoreApplication.translate("ActionDialog", u"What the action is about, in a few words.", None))
#endif // QT_CONFIG(tooltip)
        self.kindLabel.setText(QCoreApplication.translate("ActionDialog", u"&Kind:", None))
#if QT_CONFIG(tooltip)
        self.kindCombo.setToolTip(QCoreApplication.translate("ActionDialog", u"A corrective action removes the cause of a nonconformity; an improvement makes something that works work better.", None))
#endif // QT_CONFIG(tooltip)
        self.sourceLabel.setText(QCoreApplication.translate("ActionDialog", u"So&urce:", None))
#if QT_CONFIG(tooltip)
        self.sourceCombo.setToolTip(QCoreApplication.translate("ActionDialog", u"Where the action comes from: an audit, a management review, a customer complaint...", None))
#endif // QT_CONFIG(tooltip)
        self.sourceRefLabel.setText(QCoreApplication.translate("ActionDialog", u"Source re&ference:", None))
        self.sourceRefEdit.setPlaceholderText(QCoreApplication.translate("ActionDialog", u"for example CC-0043 or NCR-0118", None))
#if QT_CONFIG(tooltip)
        self.sourceRefEdit.setToolTip(QCoreApplication.translate("ActionDialog", u"The complaint, nonconformity report or finding the action answers.", None))
#endif // QT_CONFIG(tooltip)
        self.processLabel.setText(QCoreApplication.translate("ActionDialog", u"&Process:", None))
        self.ownerLabel.setText(QCoreApplication.translate("ActionDialog", u"&Owner:", None))
#if QT_CONFIG(tooltip)
        self.ownerCombo.setToolTip(QCoreApplication.translate("ActionDialog", u"Who carries the action out.", None))
#endif // QT_CONFIG(tooltip)
        self.raisedLabel.setText(QCoreApplication.translate("ActionDialog", u"Ra&ised on:", None))
        self.dueLabel.setText(QCoreApplication.translate("ActionDialog", u"&Due date:", None))
        self.dueCheck.setText("")
#if QT_CONFIG(tooltip)
        self.dueCheck.setToolTip(QCoreApplication.translate("ActionDialog", u"When the action must be carried out; after it, the action shows as overdue.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.dueEdit.setToolTip(QCoreApplication.translate("ActionDialog", u"When the action must be carried out; after it, the action shows as overdue.", None))
#endif // QT_CONFIG(tooltip)
        self.statusLabel.setText(QCoreApplication.translate("ActionDialog", u"&Status:", None))
#if QT_CONFIG(tooltip)
        self.statusCombo.setToolTip(QCoreApplication.translate("ActionDialog", u"Open, in progress, awaiting verification (carried out, waiting for the check that it worked). Closing needs a verification of effectiveness: use Verify effectiveness.", None))
#endif // QT_CONFIG(tooltip)
        self.problemGroup.setTitle(QCoreApplication.translate("ActionDialog", u"Problem and correction", None))
        self.problemLabel.setText(QCoreApplication.translate("ActionDialog", u"Pro&blem:", None))
#if QT_CONFIG(tooltip)
        self.problemEdit.setToolTip(QCoreApplication.translate("ActionDialog", u"The nonconformity, or the reason for the action.", None))
#endif // QT_CONFIG(tooltip)
        self.correctionLabel.setText(QCoreApplication.translate("ActionDialog", u"&Correction:", None))
#if QT_CONFIG(tooltip)
        self.correctionEdit.setToolTip(QCoreApplication.translate("ActionDialog", u"What was done at once to contain the problem (sorting, rework, telling the customer).", None))
#endif // QT_CONFIG(tooltip)
        self.correctionOnLabel.setText(QCoreApplication.translate("ActionDialog", u"Correction &made on:", None))
        self.correctionOnCheck.setText("")
#if QT_CONFIG(tooltip)
        self.correctionOnCheck.setToolTip(QCoreApplication.translate("ActionDialog", u"When the correction was made.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.correctionOnEdit.setToolTip(QCoreApplication.translate("ActionDialog", u"When the correction was made.", None))
#endif // QT_CONFIG(tooltip)
        self.causeGroup.setTitle(QCoreApplication.translate("ActionDialog", u"Root cause: the 5 whys", None))
        self.whyIntroLabel.setText(QCoreApplication.translate("ActionDialog", u"Start from the problem and ask why it happened; then ask why again of each answer. Five times is usually enough to reach a cause the company can change.", None))
        self.why1Label.setText(QCoreApplication.translate("ActionDialog", u"Why &1?", None))
#if QT_CONFIG(tooltip)
        self.why1Edit.setToolTip(QCoreApplication.translate("ActionDialog", u"Why did the answer above happen? Stop when the answer is something the company can change.", None))
#endif // QT_CONFIG(tooltip)
        self.why2Label.setText(QCoreApplication.translate("ActionDialog", u"Why &2?", None))
#if QT_CONFIG(tooltip)
        self.why2Edit.setToolTip(QCoreApplication.translate("ActionDialog", u"Why did the answer above happen? Stop when the answer is something the company can change.", None))
#endif // QT_CONFIG(tooltip)
        self.why3Label.setText(QCoreApplication.translate("ActionDialog", u"Why &3?", None))
#if QT_CONFIG(tooltip)
        self.why3Edit.setToolTip(QCoreApplication.translate("ActionDialog", u"Why did the answer above happen? Stop when the answer is something the company can change.", None))
#endif // QT_CONFIG(tooltip)
        self.why4Label.setText(QCoreApplication.translate("ActionDialog", u"Why &4?", None))
#if QT_CONFIG(tooltip)
        self.why4Edit.setToolTip(QCoreApplication.translate("ActionDialog", u"Why did the answer above happen? Stop when the answer is something the company can change.", None))
#endif // QT_CONFIG(tooltip)
        self.why5Label.setText(QCoreApplication.translate("ActionDialog", u"Why &5?", None))
#if QT_CONFIG(tooltip)
        self.why5Edit.setToolTip(QCoreApplication.translate("ActionDialog", u"Why did the answer above happen? Stop when the answer is something the company can change.", None))
#endif // QT_CONFIG(tooltip)
        self.rootCauseLabel.setText(QCoreApplication.translate("ActionDialog", u"Root c&ause:", None))
#if QT_CONFIG(tooltip)
        self.rootCauseEdit.setToolTip(QCoreApplication.translate("ActionDialog", u"The cause the action removes; the last why usually says it.", None))
#endif // QT_CONFIG(tooltip)
        self.doneGroup.setTitle(QCoreApplication.translate("ActionDialog", u"Action and verification", None))
        self.correctiveLabel.setText(QCoreApplication.translate("ActionDialog", u"Action to tak&e:", None))
#if QT_CONFIG(tooltip)
        self.correctiveEdit.setToolTip(QCoreApplication.translate("ActionDialog", u"What will be done (or was done) to remove the root cause.", None))
#endif // QT_CONFIG(tooltip)
        self.completedLabel.setText(QCoreApplication.translate("ActionDialog", u"Carried out o&n:", None))
        self.completedCheck.setText("")
#if QT_CONFIG(tooltip)
        self.completedCheck.setToolTip(QCoreApplication.translate("ActionDialog", u"When the action was carried out.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.completedEdit.setToolTip(QCoreApplication.translate("ActionDialog", u"When the action was carried out.", None))
#endif // QT_CONFIG(tooltip)
        self.verifyDueLabel.setText(QCoreApplication.translate("ActionDialog", u"Check effecti&veness by:", None))
        self.verifyDueCheck.setText("")
#if QT_CONFIG(tooltip)
        self.verifyDueCheck.setToolTip(QCoreApplication.translate("ActionDialog", u"When to check that the action worked; after it, an action waiting for its check shows as overdue.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.verifyDueEdit.setToolTip(QCoreApplication.translate("ActionDialog", u"When to check that the action worked; after it, an action waiting for its check shows as overdue.", None))
#endif // QT_CONFIG(tooltip)
        self.verificationLabel.setText(QCoreApplication.translate("ActionDialog", u"Verification:", None))
        self.verificationValue.setText("")
        self.problemsLabel.setStyleSheet(QCoreApplication.translate("ActionDialog", u"color: #b00020;", None))
    # retranslateUi

