# Generated from ui/audit_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
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
    QListWidget, QListWidgetItem, QPlainTextEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_AuditDialog(object):
    def setupUi(self, AuditDialog):
        if not AuditDialog.objectName():
            AuditDialog.setObjectName(u"AuditDialog")
        AuditDialog.resize(940, 660)
        AuditDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(AuditDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.leftColumn = QVBoxLayout()
        self.leftColumn.setObjectName(u"leftColumn")
        self.auditGroup = QGroupBox(AuditDialog)
        self.auditGroup.setObjectName(u"auditGroup")
        self.auditForm = QFormLayout(self.auditGroup)
        self.auditForm.setObjectName(u"auditForm")
        self.referenceLabel = QLabel(self.auditGroup)
        self.referenceLabel.setObjectName(u"referenceLabel")

        self.auditForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.referenceLabel)

        self.referenceEdit = QLineEdit(self.auditGroup)
        self.referenceEdit.setObjectName(u"referenceEdit")
        self.referenceEdit.setMaxLength(40)

        self.auditForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.referenceEdit)

        self.titleLabel = QLabel(self.auditGroup)
        self.titleLabel.setObjectName(u"titleLabel")

        self.auditForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(self.auditGroup)
        self.titleEdit.setObjectName(u"titleEdit")
        self.titleEdit.setMaxLength(150)

        self.auditForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.statusLabel = QLabel(self.auditGroup)
        self.statusLabel.setObjectName(u"statusLabel")

        self.auditForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.statusLabel)

        self.statusCombo = QComboBox(self.auditGroup)
        self.statusCombo.setObjectName(u"statusCombo")

        self.auditForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.statusCombo)

        self.plannedStartLabel = QLabel(self.auditGroup)
        self.plannedStartLabel.setObjectName(u"plannedStartLabel")

        self.auditForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.plannedStartLabel)

        self.plannedStartEdit = QDateEdit(self.auditGroup)
        self.plannedStartEdit.setObjectName(u"plannedStartEdit")

        self.auditForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.plannedStartEdit)

        self.plannedEndLabel = QLabel(self.auditGroup)
        self.plannedEndLabel.setObjectName(u"plannedEndLabel")

        self.auditForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.plannedEndLabel)

        self.plannedEndLayout = QHBoxLayout()
        self.plannedEndLayout.setObjectName(u"plannedEndLayout")
        self.plannedEndCheck = QCheckBox(self.auditGroup)
        self.plannedEndCheck.setObjectName(u"plannedEndCheck")

        self.plannedEndLayout.addWidget(self.plannedEndCheck)

        self.plannedEndEdit = QDateEdit(self.auditGroup)
        self.plannedEndEdit.setObjectName(u"plannedEndEdit")

        self.plannedEndLayout.addWidget(self.plannedEndEdit)

        self.plannedEndSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.plannedEndLayout.addItem(self.plannedEndSpacer)


        self.auditForm.setLayout(4, QFormLayout.ItemRole.FieldRole, self.plannedEndLayout)

        self.actualStartLabel = QLabel(self.auditGroup)
        self.actualStartLabel.setObjectName(u"actualStartLabel")

        self.auditForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.actualStartLabel)

        self.actualStartLayout = QHBoxLayout()
        self.actualStartLayout.setObjectName(u"actualStartLayout")
        self.actualStartCheck = QCheckBox(self.auditGroup)
        self.actualStartCheck.setObjectName(u"actualStartCheck")

        self.actualStartLayout.addWidget(self.actualStartCheck)

        self.actualStartEdit = QDateEdit(self.auditGroup)
        self.actualStartEdit.setObjectName(u"actualStartEdit")

        self.actualStartLayout.addWidget(self.actualStartEdit)

        self.actualStartSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actualStartLayout.addItem(self.actualStartSpacer)


        self.auditForm.setLayout(5, QFormLayout.ItemRole.FieldRole, self.actualStartLayout)

        self.actualEndLabel = QLabel(self.auditGroup)
        self.actualEndLabel.setObjectName(u"actualEndLabel")

        self.auditForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.actualEndLabel)

        self.actualEndLayout = QHBoxLayout()
        self.actualEndLayout.setObjectName(u"actualEndLayout")
        self.actualEndCheck = QCheckBox(self.auditGroup)
        self.actualEndCheck.setObjectName(u"actualEndCheck")

        self.actualEndLayout.addWidget(self.actualEndCheck)

        self.actualEndEdit = QDateEdit(self.auditGroup)
        self.actualEndEdit.setObjectName(u"actualEndEdit")

        self.actualEndLayout.addWidget(self.actualEndEdit)

        self.actualEndSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actualEndLayout.addItem(self.actualEndSpacer)


        self.auditForm.setLayout(6, QFormLayout.ItemRole.FieldRole, self.actualEndLayout)


        self.leftColumn.addWidget(self.auditGroup)

        self.scopeGroup = QGroupBox(AuditDialog)
        self.scopeGroup.setObjectName(u"scopeGroup")
        self.scopeForm = QFormLayout(self.scopeGroup)
        self.scopeForm.setObjectName(u"scopeForm")
        self.processesLabel = QLabel(self.scopeGroup)
        self.processesLabel.setObjectName(u"processesLabel")

        self.scopeForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.processesLabel)

        self.processesEdit = QLineEdit(self.scopeGroup)
        self.processesEdit.setObjectName(u"processesEdit")

        self.scopeForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.processesEdit)

        self.departmentsLabel = QLabel(self.scopeGroup)
        self.departmentsLabel.setObjectName(u"departmentsLabel")

        self.scopeForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.departmentsLabel)

        self.departmentsEdit = QLineEdit(self.scopeGroup)
        self.departmentsEdit.setObjectName(u"departmentsEdit")

        self.scopeForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.departmentsEdit)

        self.clausesLabel = QLabel(self.scopeGroup)
        self.clausesLabel.setObjectName(u"clausesLabel")

        self.scopeForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.clausesLabel)

        self.clausesEdit = QLineEdit(self.scopeGroup)
        self.clausesEdit.setObjectName(u"clausesEdit")

        self.scopeForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.clausesEdit)

        self.criteriaLabel = QLabel(self.scopeGroup)
        self.criteriaLabel.setObjectName(u"criteriaLabel")

        self.scopeForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.criteriaLabel)

        self.criteriaEdit = QPlainTextEdit(self.scopeGroup)
        self.criteriaEdit.setObjectName(u"criteriaEdit")
        self.criteriaEdit.setTabChangesFocus(True)

        self.scopeForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.criteriaEdit)


        self.leftColumn.addWidget(self.scopeGroup)


        self.columnsLayout.addLayout(self.leftColumn)

        self.peopleGroup = QGroupBox(AuditDialog)
        self.peopleGroup.setObjectName(u"peopleGroup")
        self.peopleForm = QFormLayout(self.peopleGroup)
        self.peopleForm.setObjectName(u"peopleForm")
        self.leadLabel = QLabel(self.peopleGroup)
        self.leadLabel.setObjectName(u"leadLabel")

        self.peopleForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.leadLabel)

        self.leadCombo = QComboBox(self.peopleGroup)
        self.leadCombo.setObjectName(u"leadCombo")

        self.peopleForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.leadCombo)

        self.teamLabel = QLabel(self.peopleGroup)
        self.teamLabel.setObjectName(u"teamLabel")

        self.peopleForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.teamLabel)

        self.teamList = QListWidget(self.peopleGroup)
        self.teamList.setObjectName(u"teamList")

        self.peopleForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.teamList)

        self.auditeesLabel = QLabel(self.peopleGroup)
        self.auditeesLabel.setObjectName(u"auditeesLabel")

        self.peopleForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.auditeesLabel)

        self.auditeesList = QListWidget(self.peopleGroup)
        self.auditeesList.setObjectName(u"auditeesList")

        self.peopleForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.auditeesList)

        self.objectivityLabel = QLabel(self.peopleGroup)
        self.objectivityLabel.setObjectName(u"objectivityLabel")
        self.objectivityLabel.setWordWrap(True)

        self.peopleForm.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.objectivityLabel)


        self.columnsLayout.addWidget(self.peopleGroup)

        self.columnsLayout.setStretch(0, 3)
        self.columnsLayout.setStretch(1, 2)

        self.dialogLayout.addLayout(self.columnsLayout)

        self.summaryLabel = QLabel(AuditDialog)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.dialogLayout.addWidget(self.summaryLabel)

        self.summaryEdit = QPlainTextEdit(AuditDialog)
        self.summaryEdit.setObjectName(u"summaryEdit")
        self.summaryEdit.setTabChangesFocus(True)

        self.dialogLayout.addWidget(self.summaryEdit)

        self.noteLabel = QLabel(AuditDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.dialogLayout.addWidget(self.noteLabel)

        self.noteEdit = QLineEdit(AuditDialog)
        self.noteEdit.setObjectName(u"noteEdit")

        self.dialogLayout.addWidget(self.noteEdit)

        self.problemsLabel = QLabel(AuditDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setWordWrap(True)
        self.problemsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(AuditDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.referenceLabel.setBuddy(self.referenceEdit)
        self.titleLabel.setBuddy(self.titleEdit)
        self.statusLabel.setBuddy(self.statusCombo)
        self.plannedStartLabel.setBuddy(self.plannedStartEdit)
        self.plannedEndLabel.setBuddy(self.plannedEndCheck)
        self.actualStartLabel.setBuddy(self.actualStartCheck)
        self.actualEndLabel.setBuddy(self.actualEndCheck)
        self.processesLabel.setBuddy(self.processesEdit)
        self.departmentsLabel.setBuddy(self.departmentsEdit)
        self.clausesLabel.setBuddy(self.clausesEdit)
        self.criteriaLabel.setBuddy(self.criteriaEdit)
        self.leadLabel.setBuddy(self.leadCombo)
        self.teamLabel.setBuddy(self.teamList)
        self.auditeesLabel.setBuddy(self.auditeesList)
        self.summaryLabel.setBuddy(self.summaryEdit)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AuditDialog)
        self.buttonBox.accepted.connect(AuditDialog.accept)
        self.buttonBox.rejected.connect(AuditDialog.reject)

        QMetaObject.connectSlotsByName(AuditDialog)
    # setupUi

    def retranslateUi(self, AuditDialog):
        AuditDialog.setWindowTitle(QCoreApplication.translate("AuditDialog", u"Audit", None))
        self.auditGroup.setTitle(QCoreApplication.translate("AuditDialog", u"Audit", None))
        self.referenceLabel.setText(QCoreApplication.translate("AuditDialog", u"&Reference:", None))
        self.referenceEdit.setPlaceholderText(QCoreApplication.translate("AuditDialog", u"for example IA-2026-03", None))
#if QT_CONFIG(tooltip)
        self.referenceEdit.setToolTip(QCoreApplication.translate("AuditDialog", u"A short reference, unique in the programme; QMS Desk suggests the next one.", None))
#endif // QT_CONFIG(tooltip)
        self.titleLabel.setText(QCoreApplication.translate("AuditDialog", u"&Title:", None))
        self.titleEdit.setPlaceholderText(QCoreApplication.translate("AuditDialog", u"for example Purchasing and supplier control", None))
#if QT_CONFIG(tooltip)
        self.titleEdit.setToolTip(QCoreApplication.translate("AuditDialog", u"What is audited, in a few words.", None))
#endif // QT_CONFIG(tooltip)
        self.statusLabel.setText(QCoreApplication.translate("AuditDialog", u"&Status:", None))
#if QT_CONFIG(tooltip)
        self.statusCombo.setToolTip(QCoreApplication.translate("AuditDialog", u"Planned, in progress (the audit has started), reported (the report is written) or closed (every nonconformity's corrective action is closed).", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(whatsthis)
        self.statusCombo.setWhatsThis(QCoreApplication.translate("AuditDialog", u"An audit starts by itself when its first question gets a result. Reporting needs every question answered and every finding stated; closing needs the corrective action of every nonconformity closed.", None))
#endif // QT_CONFIG(whatsthis)
        self.plannedStartLabel.setText(QCoreApplication.translate("AuditDialog", u"&Planned start:", None))
#if QT_CONFIG(tooltip)
        self.plannedStartEdit.setToolTip(QCoreApplication.translate("AuditDialog", u"The day the audit is planned; it places the audit in the programme's year view.", None))
#endif // QT_CONFIG(tooltip)
        self.plannedEndLabel.setText(QCoreApplication.translate("AuditDialog", u"Planned en&d:", None))
        self.plannedEndCheck.setText("")
#if QT_CONFIG(tooltip)
        self.plannedEndCheck.setToolTip(QCoreApplication.translate("AuditDialog", u"The last day planned, for an audit of more than one day.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.plannedEndEdit.setToolTip(QCoreApplication.translate("AuditDialog", u"The last day planned, for an audit of more than one day.", None))
#endif // QT_CONFIG(tooltip)
        self.actualStartLabel.setText(QCoreApplication.translate("AuditDialog", u"Act&ual start:", None))
        self.actualStartCheck.setText("")
#if QT_CONFIG(tooltip)
        self.actualStartCheck.setToolTip(QCoreApplication.translate("AuditDialog", u"The day the audit really started.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.actualStartEdit.setToolTip(QCoreApplication.translate("AuditDialog", u"The day the audit really started.", None))
#endif // QT_CONFIG(tooltip)
        self.actualEndLabel.setText(QCoreApplication.translate("AuditDialog", u"Actual e&nd:", None))
        self.actualEndCheck.setText("")
#if QT_CONFIG(tooltip)
        self.actualEndCheck.setToolTip(QCoreApplication.translate("AuditDialog", u"The day the audit really ended.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.actualEndEdit.setToolTip(QCoreApplication.translate("AuditDialog", u"The day the audit really ended.", None))
#endif // QT_CONFIG(tooltip)
        self.scopeGroup.setTitle(QCoreApplication.translate("AuditDialog", u"Scope and criteria", None))
        self.processesLabel.setText(QCoreApplication.translate("AuditDialog", u"Pro&cesses:", None))
        self.processesEdit.setPlaceholderText(QCoreApplication.translate("AuditDialog", u"separate with semicolons: Purchasing; Goods-in", None))
#if QT_CONFIG(tooltip)
        self.processesEdit.setToolTip(QCoreApplication.translate("AuditDialog", u"The processes the audit looks at, separated by semicolons.", None))
#endif // QT_CONFIG(tooltip)
        self.departmentsLabel.setText(QCoreApplication.translate("AuditDialog", u"D&epartments:", None))
        self.departmentsEdit.setPlaceholderText(QCoreApplication.translate("AuditDialog", u"separate with semicolons", None))
#if QT_CONFIG(tooltip)
        self.departmentsEdit.setToolTip(QCoreApplication.translate("AuditDialog", u"The departments audited. An auditor who works in one of them is warned about: they would audit their own work.", None))
#endif // QT_CONFIG(tooltip)
        self.clausesLabel.setText(QCoreApplication.translate("AuditDialog", u"Cl&auses:", None))
        self.clausesEdit.setPlaceholderText(QCoreApplication.translate("AuditDialog", u"for example 7.1.5, 8.4 (empty: every clause)", None))
#if QT_CONFIG(tooltip)
        self.clausesEdit.setToolTip(QCoreApplication.translate("AuditDialog", u"The ISO 9001:2015 clauses in scope, separated by commas. Questions are taken from the templates for these clauses and their sub-clauses.", None))
#endif // QT_CONFIG(tooltip)
        self.criteriaLabel.setText(QCoreApplication.translate("AuditDialog", u"Cr&iteria:", None))
#if QT_CONFIG(tooltip)
        self.criteriaEdit.setToolTip(QCoreApplication.translate("AuditDialog", u"What the audit checks against: the standard's clauses, the company's procedures, customer requirements.", None))
#endif // QT_CONFIG(tooltip)
        self.peopleGroup.setTitle(QCoreApplication.translate("AuditDialog", u"People", None))
        self.leadLabel.setText(QCoreApplication.translate("AuditDialog", u"&Lead auditor:", None))
#if QT_CONFIG(tooltip)
        self.leadCombo.setToolTip(QCoreApplication.translate("AuditDialog", u"The auditor in charge, from the register of people.", None))
#endif // QT_CONFIG(tooltip)
        self.teamLabel.setText(QCoreApplication.translate("AuditDialog", u"Audit tea&m:", None))
#if QT_CONFIG(tooltip)
        self.teamList.setToolTip(QCoreApplication.translate("AuditDialog", u"Tick the other auditors (Space ticks the selected name).", None))
#endif // QT_CONFIG(tooltip)
        self.auditeesLabel.setText(QCoreApplication.translate("AuditDialog", u"Wh&o is audited:", None))
#if QT_CONFIG(tooltip)
        self.auditeesList.setToolTip(QCoreApplication.translate("AuditDialog", u"Tick the people whose work is audited.", None))
#endif // QT_CONFIG(tooltip)
        self.objectivityLabel.setText("")
        self.objectivityLabel.setStyleSheet(QCoreApplication.translate("AuditDialog", u"background: #fdf0cc; border: 1px solid #e0b040; padding: 4px;", None))
        self.summaryLabel.setText(QCoreApplication.translate("AuditDialog", u"Summar&y of the report:", None))
        self.summaryEdit.setPlaceholderText(QCoreApplication.translate("AuditDialog", u"The audit's conclusion, for its report", None))
#if QT_CONFIG(tooltip)
        self.summaryEdit.setToolTip(QCoreApplication.translate("AuditDialog", u"The conclusion printed at the top of the audit report.", None))
#endif // QT_CONFIG(tooltip)
        self.noteLabel.setText(QCoreApplication.translate("AuditDialog", u"Note:", None))
#if QT_CONFIG(tooltip)
        self.noteEdit.setToolTip(QCoreApplication.translate("AuditDialog", u"Anything else worth knowing (why it was postponed...).", None))
#endif // QT_CONFIG(tooltip)
        self.problemsLabel.setStyleSheet(QCoreApplication.translate("AuditDialog", u"color: #b00020;", None))
    # retranslateUi

