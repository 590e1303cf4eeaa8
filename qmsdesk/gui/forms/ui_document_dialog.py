# Generated from ui/document_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
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
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QSpinBox, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget)

class Ui_DocumentDialog(object):
    def setupUi(self, DocumentDialog):
        if not DocumentDialog.objectName():
            DocumentDialog.setObjectName(u"DocumentDialog")
        DocumentDialog.resize(960, 680)
        DocumentDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(DocumentDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setSpacing(12)
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.leftColumn = QVBoxLayout()
        self.leftColumn.setObjectName(u"leftColumn")
        self.identityGroup = QGroupBox(DocumentDialog)
        self.identityGroup.setObjectName(u"identityGroup")
        self.identityForm = QFormLayout(self.identityGroup)
        self.identityForm.setObjectName(u"identityForm")
        self.identityForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.codeLabel = QLabel(self.identityGroup)
        self.codeLabel.setObjectName(u"codeLabel")

        self.identityForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.codeLabel)

        self.codeEdit = QLineEdit(self.identityGroup)
        self.codeEdit.setObjectName(u"codeEdit")
        self.codeEdit.setMaxLength(40)

        self.identityForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.codeEdit)

        self.titleLabel = QLabel(self.identityGroup)
        self.titleLabel.setObjectName(u"titleLabel")

        self.identityForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(self.identityGroup)
        self.titleEdit.setObjectName(u"titleEdit")
        self.titleEdit.setMaxLength(150)

        self.identityForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.typeLabel = QLabel(self.identityGroup)
        self.typeLabel.setObjectName(u"typeLabel")

        self.identityForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.typeLabel)

        self.typeCombo = QComboBox(self.identityGroup)
        self.typeCombo.setObjectName(u"typeCombo")

        self.identityForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.typeCombo)

        self.processLabel = QLabel(self.identityGroup)
        self.processLabel.setObjectName(u"processLabel")

        self.identityForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.processLabel)

        self.processCombo = QComboBox(self.identityGroup)
        self.processCombo.setObjectName(u"processCombo")
        self.processCombo.setEditable(True)
        self.processCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.identityForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.processCombo)

        self.ownerLabel = QLabel(self.identityGroup)
        self.ownerLabel.setObjectName(u"ownerLabel")

        self.identityForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.ownerLabel)

        self.ownerCombo = QComboBox(self.identityGroup)
        self.ownerCombo.setObjectName(u"ownerCombo")
        self.ownerCombo.setEditable(True)
        self.ownerCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.identityForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.ownerCombo)


        self.leftColumn.addWidget(self.identityGroup)

        self.statusGroup = QGroupBox(DocumentDialog)
        self.statusGroup.setObjectName(u"statusGroup")
        self.statusForm = QFormLayout(self.statusGroup)
        self.statusForm.setObjectName(u"statusForm")
        self.statusForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.workflowHintLabel = QLabel(self.statusGroup)
        self.workflowHintLabel.setObjectName(u"workflowHintLabel")
        self.workflowHintLabel.setWordWrap(True)

        self.statusForm.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.workflowHintLabel)

        self.revisionLabel = QLabel(self.statusGroup)
        self.revisionLabel.setObjectName(u"revisionLabel")

        self.statusForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.revisionLabel)

        self.revisionEdit = QLineEdit(self.statusGroup)
        self.revisionEdit.setObjectName(u"revisionEdit")
        self.revisionEdit.setMaxLength(20)

        self.statusForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.revisionEdit)

        self.statusLabel = QLabel(self.statusGroup)
        self.statusLabel.setObjectName(u"statusLabel")

        self.statusForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.statusLabel)

        self.statusCombo = QComboBox(self.statusGroup)
        self.statusCombo.setObjectName(u"statusCombo")

        self.statusForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.statusCombo)

        self.effectiveCheck = QCheckBox(self.statusGroup)
        self.effectiveCheck.setObjectName(u"effectiveCheck")

        self.statusForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.effectiveCheck)

        self.effectiveDateEdit = QDateEdit(self.statusGroup)
        self.effectiveDateEdit.setObjectName(u"effectiveDateEdit")
        self.effectiveDateEdit.setEnabled(False)
        self.effectiveDateEdit.setCalendarPopup(True)

        self.statusForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.effectiveDateEdit)

        self.obsoleteReasonLabel = QLabel(self.statusGroup)
        self.obsoleteReasonLabel.setObjectName(u"obsoleteReasonLabel")

        self.statusForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.obsoleteReasonLabel)

        self.obsoleteReasonEdit = QLineEdit(self.statusGroup)
        self.obsoleteReasonEdit.setObjectName(u"obsoleteReasonEdit")

        self.statusForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.obsoleteReasonEdit)


        self.leftColumn.addWidget(self.statusGroup)

        self.reviewGroup = QGroupBox(DocumentDialog)
        self.reviewGroup.setObjectName(u"reviewGroup")
        self.reviewForm = QFormLayout(self.reviewGroup)
        self.reviewForm.setObjectName(u"reviewForm")
        self.reviewForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.reviewMonthsLabel = QLabel(self.reviewGroup)
        self.reviewMonthsLabel.setObjectName(u"reviewMonthsLabel")

        self.reviewForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.reviewMonthsLabel)

        self.reviewMonthsSpin = QSpinBox(self.reviewGroup)
        self.reviewMonthsSpin.setObjectName(u"reviewMonthsSpin")
        self.reviewMonthsSpin.setMaximum(120)

        self.reviewForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reviewMonthsSpin)

        self.lastReviewedCheck = QCheckBox(self.reviewGroup)
        self.lastReviewedCheck.setObjectName(u"lastReviewedCheck")

        self.reviewForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.lastReviewedCheck)

        self.lastReviewedEdit = QDateEdit(self.reviewGroup)
        self.lastReviewedEdit.setObjectName(u"lastReviewedEdit")
        self.lastReviewedEdit.setEnabled(False)
        self.lastReviewedEdit.setCalendarPopup(True)

        self.reviewForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.lastReviewedEdit)

        self.nextReviewLabel = QLabel(self.reviewGroup)
        self.nextReviewLabel.setObjectName(u"nextReviewLabel")

        self.reviewForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.nextReviewLabel)

        self.nextReviewValue = QLabel(self.reviewGroup)
        self.nextReviewValue.setObjectName(u"nextReviewValue")
        self.nextReviewValue.setWordWrap(True)
        self.nextReviewValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.reviewForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.nextReviewValue)


        self.leftColumn.addWidget(self.reviewGroup)

        self.storageGroup = QGroupBox(DocumentDialog)
        self.storageGroup.setObjectName(u"storageGroup")
        self.storageForm = QFormLayout(self.storageGroup)
        self.storageForm.setObjectName(u"storageForm")
        self.storageForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.locationLabel = QLabel(self.storageGroup)
        self.locationLabel.setObjectName(u"locationLabel")

        self.storageForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.locationLabel)

        self.locationLayout = QHBoxLayout()
        self.locationLayout.setObjectName(u"locationLayout")
        self.locationEdit = QLineEdit(self.storageGroup)
        self.locationEdit.setObjectName(u"locationEdit")
        self.locationEdit.setMaxLength(500)

        self.locationLayout.addWidget(self.locationEdit)

        self.browseLocationButton = QPushButton(self.storageGroup)
        self.browseLocationButton.setObjectName(u"browseLocationButton")
        self.browseLocationButton.setAutoDefault(False)

        self.locationLayout.addWidget(self.browseLocationButton)


        self.storageForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.locationLayout)

        self.retentionLabel = QLabel(self.storageGroup)
        self.retentionLabel.setObjectName(u"retentionLabel")

        self.storageForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.retentionLabel)

        self.retentionEdit = QLineEdit(self.storageGroup)
        self.retentionEdit.setObjectName(u"retentionEdit")
        self.retentionEdit.setMaxLength(80)

        self.storageForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.retentionEdit)


        self.leftColumn.addWidget(self.storageGroup)

        self.leftSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.leftColumn.addItem(self.leftSpacer)


        self.columnsLayout.addLayout(self.leftColumn)

        self.rightColumn = QVBoxLayout()
        self.rightColumn.setObjectName(u"rightColumn")
        self.clausesLabel = QLabel(DocumentDialog)
        self.clausesLabel.setObjectName(u"clausesLabel")

        self.rightColumn.addWidget(self.clausesLabel)

        self.clauseFilterLayout = QHBoxLayout()
        self.clauseFilterLayout.setObjectName(u"clauseFilterLayout")
        self.clauseFilterLabel = QLabel(DocumentDialog)
        self.clauseFilterLabel.setObjectName(u"clauseFilterLabel")

        self.clauseFilterLayout.addWidget(self.clauseFilterLabel)

        self.clauseFilterEdit = QLineEdit(DocumentDialog)
        self.clauseFilterEdit.setObjectName(u"clauseFilterEdit")
        self.clauseFilterEdit.setClearButtonEnabled(True)

        self.clauseFilterLayout.addWidget(self.clauseFilterEdit)


        self.rightColumn.addLayout(self.clauseFilterLayout)

        self.clauseTree = QTreeWidget(DocumentDialog)
        __qtreewidgetitem = QTreeWidgetItem()
        __qtreewidgetitem.setText(0, u"Clause")
        self.clauseTree.setHeaderItem(__qtreewidgetitem)
        self.clauseTree.setObjectName(u"clauseTree")
        self.clauseTree.setMinimumSize(QSize(360, 240))
        self.clauseTree.setAlternatingRowColors(True)
        self.clauseTree.setUniformRowHeights(True)
        self.clauseTree.setHeaderHidden(True)

        self.rightColumn.addWidget(self.clauseTree)

        self.clauseSummaryLabel = QLabel(DocumentDialog)
        self.clauseSummaryLabel.setObjectName(u"clauseSummaryLabel")
        self.clauseSummaryLabel.setWordWrap(True)
        self.clauseSummaryLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.rightColumn.addWidget(self.clauseSummaryLabel)

        self.noteLabel = QLabel(DocumentDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.rightColumn.addWidget(self.noteLabel)

        self.noteEdit = QPlainTextEdit(DocumentDialog)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setMaximumSize(QSize(16777215, 120))
        self.noteEdit.setTabChangesFocus(True)

        self.rightColumn.addWidget(self.noteEdit)


        self.columnsLayout.addLayout(self.rightColumn)

        self.columnsLayout.setStretch(0, 5)
        self.columnsLayout.setStretch(1, 6)

        self.dialogLayout.addLayout(self.columnsLayout)

        self.problemsLabel = QLabel(DocumentDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setStyleSheet(u"color: #b3261e;")
        self.problemsLabel.setWordWrap(True)
        self.problemsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(DocumentDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.codeLabel.setBuddy(self.codeEdit)
        self.titleLabel.setBuddy(self.titleEdit)
        self.typeLabel.setBuddy(self.typeCombo)
        self.processLabel.setBuddy(self.processCombo)
        self.ownerLabel.setBuddy(self.ownerCombo)
        self.revisionLabel.setBuddy(self.revisionEdit)
        self.statusLabel.setBuddy(self.statusCombo)
        self.obsoleteReasonLabel.setBuddy(self.obsoleteReasonEdit)
        self.reviewMonthsLabel.setBuddy(self.reviewMonthsSpin)
        self.locationLabel.setBuddy(self.locationEdit)
        self.retentionLabel.setBuddy(self.retentionEdit)
        self.clausesLabel.setBuddy(self.clauseTree)
        self.clauseFilterLabel.setBuddy(self.clauseFilterEdit)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.codeEdit, self.titleEdit)
        QWidget.setTabOrder(self.titleEdit, self.typeCombo)
        QWidget.setTabOrder(self.typeCombo, self.processCombo)
        QWidget.setTabOrder(self.processCombo, self.ownerCombo)
        QWidget.setTabOrder(self.ownerCombo, self.revisionEdit)
        QWidget.setTabOrder(self.revisionEdit, self.statusCombo)
        QWidget.setTabOrder(self.statusCombo, self.effectiveCheck)
        QWidget.setTabOrder(self.effectiveCheck, self.effectiveDateEdit)
        QWidget.setTabOrder(self.effectiveDateEdit, self.obsoleteReasonEdit)
        QWidget.setTabOrder(self.obsoleteReasonEdit, self.reviewMonthsSpin)
        QWidget.setTabOrder(self.reviewMonthsSpin, self.lastReviewedCheck)
        QWidget.setTabOrder(self.lastReviewedCheck, self.lastReviewedEdit)
        QWidget.setTabOrder(self.lastReviewedEdit, self.locationEdit)
        QWidget.setTabOrder(self.locationEdit, self.browseLocationButton)
        QWidget.setTabOrder(self.browseLocationButton, self.retentionEdit)
        QWidget.setTabOrder(self.retentionEdit, self.clauseFilterEdit)
        QWidget.setTabOrder(self.clauseFilterEdit, self.clauseTree)
        QWidget.setTabOrder(self.clauseTree, self.noteEdit)

        self.retranslateUi(DocumentDialog)
        self.buttonBox.accepted.connect(DocumentDialog.accept)
        self.buttonBox.rejected.connect(DocumentDialog.reject)
        self.effectiveCheck.toggled.connect(self.effectiveDateEdit.setEnabled)
        self.lastReviewedCheck.toggled.connect(self.lastReviewedEdit.setEnabled)

        QMetaObject.connectSlotsByName(DocumentDialog)
    # setupUi

    def retranslateUi(self, DocumentDialog):
        DocumentDialog.setWindowTitle(QCoreApplication.translate("DocumentDialog", u"Document", None))
        self.identityGroup.setTitle(QCoreApplication.translate("DocumentDialog", u"Document", None))
        self.codeLabel.setText(QCoreApplication.translate("DocumentDialog", u"&Code:", None))
#if QT_CONFIG(tooltip)
        self.codeEdit.setToolTip(QCoreApplication.translate("DocumentDialog", u"A short code that identifies the document, unique in the register.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(whatsthis)
        self.codeEdit.setWhatsThis(QCoreApplication.translate("DocumentDialog", u"The code people quote when they refer to the document, such as QP-07-01. Many companies build it from the type, the department or clause, and a number. No two documents can share a code.", None))
#endif // QT_CONFIG(whatsthis)
        self.codeEdit.setPlaceholderText(QCoreApplication.translate("DocumentDialog", u"for example QP-07-01", None))
        self.titleLabel.setText(QCoreApplication.translate("DocumentDialog", u"&Title:", None))
#if QT_CONFIG(tooltip)
        self.titleEdit.setToolTip(QCoreApplication.translate("DocumentDialog", u"The document's name as it appears on its front page.", None))
#endif // QT_CONFIG(tooltip)
        self.typeLabel.setText(QCoreApplication.translate("DocumentDialog", u"T&ype:", None))
#if QT_CONFIG(tooltip)
        self.typeCombo.setToolTip(QCoreApplication.translate("DocumentDialog", u"What kind of document this is. Records are evidence that something was done; the other types say how things should be done.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(whatsthis)
        self.typeCombo.setWhatsThis(QCoreApplication.translate("DocumentDialog", u"Policies and manuals set direction, procedures and work instructions say how work is done, forms are blanks to fill in, records are filled-in evidence, and external documents come from outside (standards, customer drawings, supplier data sheets).", None))
#endif // QT_CONFIG(whatsthis)
        self.processLabel.setText(QCoreApplication.translate("DocumentDialog", u"&Process / department:", None))
#if QT_CONFIG(tooltip)
        self.processCombo.setToolTip(QCoreApplication.translate("DocumentDialog", u"The process or department the document belongs to. Pick one already in use or type a new one.", None))
#endif // QT_CONFIG(tooltip)
        self.ownerLabel.setText(QCoreApplication.translate("DocumentDialog", u"&Owner:", None))
#if QT_CONFIG(tooltip)
        self.ownerCombo.setToolTip(QCoreApplication.translate("DocumentDialog", u"The person who keeps the document up to date. Pick a name already in use or type a new one.", None))
#endif // QT_CONFIG(tooltip)
        self.statusGroup.setTitle(QCoreApplication.translate("DocumentDialog", u"Revision and status", None))
        self.workflowHintLabel.setText(QCoreApplication.translate("DocumentDialog", u"Revision, status and effective date change through New revision, Approve and Make obsolete, so that every step is kept in the history.", None))
        self.revisionLabel.setText(QCoreApplication.translate("DocumentDialog", u"&Revision:", None))
#if QT_CONFIG(tooltip)
        self.revisionEdit.setToolTip(QCoreApplication.translate("DocumentDialog", u"The label of the revision in force, for example A, B or 03.", None))
#endif // QT_CONFIG(tooltip)
        self.statusLabel.setText(QCoreApplication.translate("DocumentDialog", u"&Status:", None))
#if QT_CONFIG(tooltip)
        self.statusCombo.setToolTip(QCoreApplication.translate("DocumentDialog", u"Where the document stands: being written, being checked, approved and in use, or withdrawn.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(whatsthis)
        self.statusCombo.setWhatsThis(QCoreApplication.translate("DocumentDialog", u"Draft: being written. In review: waiting for someone to check and approve it. Approved / effective: in use; it needs an effective date. Obsolete: withdrawn; it stays in the register with the reason.", None))
#endif // QT_CONFIG(whatsthis)
#if QT_CONFIG(tooltip)
        self.effectiveCheck.setToolTip(QCoreApplication.translate("DocumentDialog", u"Tick to give the date from which the document applies; leave unticked while it has none.", None))
#endif // QT_CONFIG(tooltip)
        self.effectiveCheck.setText(QCoreApplication.translate("DocumentDialog", u"&Effective date:", None))
#if QT_CONFIG(tooltip)
        self.effectiveDateEdit.setToolTip(QCoreApplication.translate("DocumentDialog", u"The day from which people must work to this revision.", None))
#endif // QT_CONFIG(tooltip)
        self.obsoleteReasonLabel.setText(QCoreApplication.translate("DocumentDialog", u"O&bsolete reason:", None))
#if QT_CONFIG(tooltip)
        self.obsoleteReasonEdit.setToolTip(QCoreApplication.translate("DocumentDialog", u"Why the document was withdrawn, for example \"replaced by QP-07-04\".", None))
#endif // QT_CONFIG(tooltip)
        self.reviewGroup.setTitle(QCoreApplication.translate("DocumentDialog", u"Periodic review", None))
        self.reviewMonthsLabel.setText(QCoreApplication.translate("DocumentDialog", u"Review inter&val:", None))
#if QT_CONFIG(tooltip)
        self.reviewMonthsSpin.setToolTip(QCoreApplication.translate("DocumentDialog", u"How often the document is read again to confirm it is still right, in months. 0 means it has no periodic review.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(whatsthis)
        self.reviewMonthsSpin.setWhatsThis(QCoreApplication.translate("DocumentDialog", u"Documents get out of date as the work changes. Set how many months may pass before someone re-reads this one; the register then shows when the review is due and warns when it is overdue. Choose 0 for documents that need no periodic review, such as external standards.", None))
#endif // QT_CONFIG(whatsthis)
        self.reviewMonthsSpin.setSpecialValueText(QCoreApplication.translate("DocumentDialog", u"No periodic review", None))
        self.reviewMonthsSpin.setSuffix(QCoreApplication.translate("DocumentDialog", u" months", None))
#if QT_CONFIG(tooltip)
        self.lastReviewedCheck.setToolTip(QCoreApplication.translate("DocumentDialog", u"Tick to give the date of the last review that confirmed the document without changing it.", None))
#endif // QT_CONFIG(tooltip)
        self.lastReviewedCheck.setText(QCoreApplication.translate("DocumentDialog", u"&Last reviewed:", None))
        self.nextReviewLabel.setText(QCoreApplication.translate("DocumentDialog", u"Next review:", None))
#if QT_CONFIG(tooltip)
        self.nextReviewValue.setToolTip(QCoreApplication.translate("DocumentDialog", u"Worked out from the review interval, counted from the last review or else from the effective date.", None))
#endif // QT_CONFIG(tooltip)
        self.storageGroup.setTitle(QCoreApplication.translate("DocumentDialog", u"Controlled copy and retention", None))
        self.locationLabel.setText(QCoreApplication.translate("DocumentDialog", u"Loc&ation:", None))
#if QT_CONFIG(tooltip)
        self.locationEdit.setToolTip(QCoreApplication.translate("DocumentDialog", u"Where the controlled copy is kept: a file on a shared drive, a web address, or a place such as \"binder 3, quality office\".", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(whatsthis)
        self.locationEdit.setWhatsThis(QCoreApplication.translate("DocumentDialog", u"Where people find the version they must work to. Point to the file on the shared drive, paste a web address, or describe a physical place. Copies found elsewhere are uncontrolled.", None))
#endif // QT_CONFIG(whatsthis)
        self.locationEdit.setPlaceholderText(QCoreApplication.translate("DocumentDialog", u"file, web address or shelf", None))
#if QT_CONFIG(tooltip)
        self.browseLocationButton.setToolTip(QCoreApplication.translate("DocumentDialog", u"Pick the file of the controlled copy.", None))
#endif // QT_CONFIG(tooltip)
        self.browseLocationButton.setText(QCoreApplication.translate("DocumentDialog", u"Bro&wse\u2026", None))
        self.retentionLabel.setText(QCoreApplication.translate("DocumentDialog", u"Retent&ion:", None))
#if QT_CONFIG(tooltip)
        self.retentionEdit.setToolTip(QCoreApplication.translate("DocumentDialog", u"For records: how long they are kept before they may be destroyed.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(whatsthis)
        self.retentionEdit.setWhatsThis(QCoreApplication.translate("DocumentDialog", u"Mainly for records: how long they must be kept, and from when, for example \"10 years after the product is delivered\". Write it the way your retention rules say it.", None))
#endif // QT_CONFIG(whatsthis)
        self.retentionEdit.setPlaceholderText(QCoreApplication.translate("DocumentDialog", u"for example 5 years after the last entry", None))
        self.clausesLabel.setText(QCoreApplication.translate("DocumentDialog", u"Cla&uses of ISO 9001:2015 this document serves:", None))
        self.clauseFilterLabel.setText(QCoreApplication.translate("DocumentDialog", u"&Find:", None))
#if QT_CONFIG(tooltip)
        self.clauseFilterEdit.setToolTip(QCoreApplication.translate("DocumentDialog", u"Show only the clauses whose number or title contains this text.", None))
#endif // QT_CONFIG(tooltip)
        self.clauseFilterEdit.setPlaceholderText(QCoreApplication.translate("DocumentDialog", u"clause number or words of its title", None))
#if QT_CONFIG(tooltip)
        self.clauseTree.setToolTip(QCoreApplication.translate("DocumentDialog", u"Tick every clause whose requirements this document helps to meet. Space ticks the selected clause.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(whatsthis)
        self.clauseTree.setWhatsThis(QCoreApplication.translate("DocumentDialog", u"Link the document to the parts of ISO 9001:2015 it helps you meet. When an auditor asks how a requirement is met, the register can answer with the documents linked to its clause.", None))
#endif // QT_CONFIG(whatsthis)
        self.noteLabel.setText(QCoreApplication.translate("DocumentDialog", u"&Note:", None))
#if QT_CONFIG(tooltip)
        self.noteEdit.setToolTip(QCoreApplication.translate("DocumentDialog", u"Anything else worth knowing about the document. It is included in searches.", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

