# Generated from ui/templates_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_TemplatesDialog(object):
    def setupUi(self, TemplatesDialog):
        if not TemplatesDialog.objectName():
            TemplatesDialog.setObjectName(u"TemplatesDialog")
        TemplatesDialog.resize(1080, 620)
        TemplatesDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(TemplatesDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.leftColumn = QVBoxLayout()
        self.leftColumn.setObjectName(u"leftColumn")
        self.templatesLabel = QLabel(TemplatesDialog)
        self.templatesLabel.setObjectName(u"templatesLabel")

        self.leftColumn.addWidget(self.templatesLabel)

        self.templatesList = QListWidget(TemplatesDialog)
        self.templatesList.setObjectName(u"templatesList")

        self.leftColumn.addWidget(self.templatesList)

        self.templateButtons = QHBoxLayout()
        self.templateButtons.setObjectName(u"templateButtons")
        self.newButton = QPushButton(TemplatesDialog)
        self.newButton.setObjectName(u"newButton")

        self.templateButtons.addWidget(self.newButton)

        self.copyButton = QPushButton(TemplatesDialog)
        self.copyButton.setObjectName(u"copyButton")

        self.templateButtons.addWidget(self.copyButton)

        self.deleteButton = QPushButton(TemplatesDialog)
        self.deleteButton.setObjectName(u"deleteButton")

        self.templateButtons.addWidget(self.deleteButton)


        self.leftColumn.addLayout(self.templateButtons)


        self.columnsLayout.addLayout(self.leftColumn)

        self.rightColumn = QVBoxLayout()
        self.rightColumn.setObjectName(u"rightColumn")
        self.templateForm = QFormLayout()
        self.templateForm.setObjectName(u"templateForm")
        self.nameLabel = QLabel(TemplatesDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.templateForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(TemplatesDialog)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(80)

        self.templateForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.processLabel = QLabel(TemplatesDialog)
        self.processLabel.setObjectName(u"processLabel")

        self.templateForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.processLabel)

        self.processEdit = QLineEdit(TemplatesDialog)
        self.processEdit.setObjectName(u"processEdit")
        self.processEdit.setMaxLength(80)

        self.templateForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.processEdit)


        self.rightColumn.addLayout(self.templateForm)

        self.questionsLabel = QLabel(TemplatesDialog)
        self.questionsLabel.setObjectName(u"questionsLabel")

        self.rightColumn.addWidget(self.questionsLabel)

        self.questionsTable = QTableWidget(TemplatesDialog)
        self.questionsTable.setObjectName(u"questionsTable")

        self.rightColumn.addWidget(self.questionsTable)

        self.questionButtons = QHBoxLayout()
        self.questionButtons.setObjectName(u"questionButtons")
        self.addButton = QPushButton(TemplatesDialog)
        self.addButton.setObjectName(u"addButton")

        self.questionButtons.addWidget(self.addButton)

        self.removeButton = QPushButton(TemplatesDialog)
        self.removeButton.setObjectName(u"removeButton")

        self.questionButtons.addWidget(self.removeButton)

        self.upButton = QPushButton(TemplatesDialog)
        self.upButton.setObjectName(u"upButton")

        self.questionButtons.addWidget(self.upButton)

        self.downButton = QPushButton(TemplatesDialog)
        self.downButton.setObjectName(u"downButton")

        self.questionButtons.addWidget(self.downButton)

        self.questionSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.questionButtons.addItem(self.questionSpacer)

        self.saveButton = QPushButton(TemplatesDialog)
        self.saveButton.setObjectName(u"saveButton")

        self.questionButtons.addWidget(self.saveButton)


        self.rightColumn.addLayout(self.questionButtons)


        self.columnsLayout.addLayout(self.rightColumn)

        self.columnsLayout.setStretch(0, 1)
        self.columnsLayout.setStretch(1, 3)

        self.dialogLayout.addLayout(self.columnsLayout)

        self.problemsLabel = QLabel(TemplatesDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setWordWrap(True)
        self.problemsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(TemplatesDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.templatesLabel.setBuddy(self.templatesList)
        self.nameLabel.setBuddy(self.nameEdit)
        self.processLabel.setBuddy(self.processEdit)
        self.questionsLabel.setBuddy(self.questionsTable)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(TemplatesDialog)
        self.buttonBox.rejected.connect(TemplatesDialog.reject)

        QMetaObject.connectSlotsByName(TemplatesDialog)
    # setupUi

    def retranslateUi(self, TemplatesDialog):
        TemplatesDialog.setWindowTitle(QCoreApplication.translate("TemplatesDialog", u"Checklist templates", None))
        self.templatesLabel.setText(QCoreApplication.translate("TemplatesDialog", u"&Templates:", None))
#if QT_CONFIG(tooltip)
        self.templatesList.setToolTip(QCoreApplication.translate("TemplatesDialog", u"The shipped ISO 9001 templates (for a manufacturer, for a service business) and the company's own.", None))
#endif // QT_CONFIG(tooltip)
        self.newButton.setText(QCoreApplication.translate("TemplatesDialog", u"&New", None))
#if QT_CONFIG(tooltip)
        self.newButton.setToolTip(QCoreApplication.translate("TemplatesDialog", u"A new, empty template.", None))
#endif // QT_CONFIG(tooltip)
        self.copyButton.setText(QCoreApplication.translate("TemplatesDialog", u"Co&py\u2026", None))
#if QT_CONFIG(tooltip)
        self.copyButton.setToolTip(QCoreApplication.translate("TemplatesDialog", u"A new template with the questions of the selected one, to change.", None))
#endif // QT_CONFIG(tooltip)
        self.deleteButton.setText(QCoreApplication.translate("TemplatesDialog", u"&Delete", None))
#if QT_CONFIG(tooltip)
        self.deleteButton.setToolTip(QCoreApplication.translate("TemplatesDialog", u"Delete the selected template (audits keep their questions).", None))
#endif // QT_CONFIG(tooltip)
        self.nameLabel.setText(QCoreApplication.translate("TemplatesDialog", u"Na&me:", None))
        self.processLabel.setText(QCoreApplication.translate("TemplatesDialog", u"P&rocess:", None))
#if QT_CONFIG(tooltip)
        self.processEdit.setToolTip(QCoreApplication.translate("TemplatesDialog", u"The process the template is for, such as Purchasing.", None))
#endif // QT_CONFIG(tooltip)
        self.questionsLabel.setText(QCoreApplication.translate("TemplatesDialog", u"&Questions (double-click or F2 to edit a cell):", None))
#if QT_CONFIG(tooltip)
        self.questionsTable.setToolTip(QCoreApplication.translate("TemplatesDialog", u"Each question with the clause it checks and the evidence to look for.", None))
#endif // QT_CONFIG(tooltip)
        self.addButton.setText(QCoreApplication.translate("TemplatesDialog", u"&Add question", None))
#if QT_CONFIG(tooltip)
        self.addButton.setToolTip(QCoreApplication.translate("TemplatesDialog", u"Add a question after the selected one.", None))
#endif // QT_CONFIG(tooltip)
        self.removeButton.setText(QCoreApplication.translate("TemplatesDialog", u"R&emove", None))
#if QT_CONFIG(tooltip)
        self.removeButton.setToolTip(QCoreApplication.translate("TemplatesDialog", u"Remove the selected question.", None))
#endif // QT_CONFIG(tooltip)
        self.upButton.setText(QCoreApplication.translate("TemplatesDialog", u"Move &up", None))
        self.downButton.setText(QCoreApplication.translate("TemplatesDialog", u"Move do&wn", None))
        self.saveButton.setText(QCoreApplication.translate("TemplatesDialog", u"&Save template", None))
#if QT_CONFIG(tooltip)
        self.saveButton.setToolTip(QCoreApplication.translate("TemplatesDialog", u"Save the name, process and questions of this template.", None))
#endif // QT_CONFIG(tooltip)
        self.problemsLabel.setStyleSheet(QCoreApplication.translate("TemplatesDialog", u"color: #b00020;", None))
    # retranslateUi

