# Generated from ui/person_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
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
    QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_PersonDialog(object):
    def setupUi(self, PersonDialog):
        if not PersonDialog.objectName():
            PersonDialog.setObjectName(u"PersonDialog")
        PersonDialog.resize(520, 560)
        self.dialogLayout = QVBoxLayout(PersonDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(PersonDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.employeeNoLabel = QLabel(PersonDialog)
        self.employeeNoLabel.setObjectName(u"employeeNoLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.employeeNoLabel)

        self.employeeNoEdit = QLineEdit(PersonDialog)
        self.employeeNoEdit.setObjectName(u"employeeNoEdit")
        self.employeeNoEdit.setMaxLength(30)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.employeeNoEdit)

        self.nameLabel = QLabel(PersonDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(PersonDialog)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(120)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.departmentLabel = QLabel(PersonDialog)
        self.departmentLabel.setObjectName(u"departmentLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.departmentLabel)

        self.departmentCombo = QComboBox(PersonDialog)
        self.departmentCombo.setObjectName(u"departmentCombo")
        self.departmentCombo.setEditable(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.departmentCombo)

        self.managerLabel = QLabel(PersonDialog)
        self.managerLabel.setObjectName(u"managerLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.managerLabel)

        self.managerCombo = QComboBox(PersonDialog)
        self.managerCombo.setObjectName(u"managerCombo")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.managerCombo)

        self.rolesLabel = QLabel(PersonDialog)
        self.rolesLabel.setObjectName(u"rolesLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.rolesLabel)

        self.rolesList = QListWidget(PersonDialog)
        self.rolesList.setObjectName(u"rolesList")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.rolesList)

        self.newRoleLayout = QHBoxLayout()
        self.newRoleLayout.setObjectName(u"newRoleLayout")
        self.newRoleEdit = QLineEdit(PersonDialog)
        self.newRoleEdit.setObjectName(u"newRoleEdit")
        self.newRoleEdit.setMaxLength(80)

        self.newRoleLayout.addWidget(self.newRoleEdit)

        self.addRoleButton = QPushButton(PersonDialog)
        self.addRoleButton.setObjectName(u"addRoleButton")
        self.addRoleButton.setAutoDefault(False)

        self.newRoleLayout.addWidget(self.addRoleButton)


        self.form.setLayout(5, QFormLayout.ItemRole.FieldRole, self.newRoleLayout)

        self.startLabel = QLabel(PersonDialog)
        self.startLabel.setObjectName(u"startLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.startLabel)

        self.startEditLayout = QHBoxLayout()
        self.startEditLayout.setObjectName(u"startEditLayout")
        self.startCheck = QCheckBox(PersonDialog)
        self.startCheck.setObjectName(u"startCheck")

        self.startEditLayout.addWidget(self.startCheck)

        self.startEdit = QDateEdit(PersonDialog)
        self.startEdit.setObjectName(u"startEdit")
        self.startEdit.setCalendarPopup(True)

        self.startEditLayout.addWidget(self.startEdit)

        self.startEditSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.startEditLayout.addItem(self.startEditSpacer)


        self.form.setLayout(6, QFormLayout.ItemRole.FieldRole, self.startEditLayout)

        self.leavingLabel = QLabel(PersonDialog)
        self.leavingLabel.setObjectName(u"leavingLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.leavingLabel)

        self.leavingEditLayout = QHBoxLayout()
        self.leavingEditLayout.setObjectName(u"leavingEditLayout")
        self.leavingCheck = QCheckBox(PersonDialog)
        self.leavingCheck.setObjectName(u"leavingCheck")

        self.leavingEditLayout.addWidget(self.leavingCheck)

        self.leavingEdit = QDateEdit(PersonDialog)
        self.leavingEdit.setObjectName(u"leavingEdit")
        self.leavingEdit.setCalendarPopup(True)

        self.leavingEditLayout.addWidget(self.leavingEdit)

        self.leavingEditSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.leavingEditLayout.addItem(self.leavingEditSpacer)


        self.form.setLayout(7, QFormLayout.ItemRole.FieldRole, self.leavingEditLayout)

        self.noteLabel = QLabel(PersonDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.noteLabel)

        self.noteEdit = QPlainTextEdit(PersonDialog)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.noteEdit)


        self.dialogLayout.addLayout(self.form)

        self.problemsLabel = QLabel(PersonDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setStyleSheet(u"color: #b3261e;")
        self.problemsLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(PersonDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.employeeNoLabel.setBuddy(self.employeeNoEdit)
        self.nameLabel.setBuddy(self.nameEdit)
        self.departmentLabel.setBuddy(self.departmentCombo)
        self.managerLabel.setBuddy(self.managerCombo)
        self.rolesLabel.setBuddy(self.rolesList)
        self.startLabel.setBuddy(self.startCheck)
        self.leavingLabel.setBuddy(self.leavingCheck)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.employeeNoEdit, self.nameEdit)
        QWidget.setTabOrder(self.nameEdit, self.departmentCombo)
        QWidget.setTabOrder(self.departmentCombo, self.managerCombo)
        QWidget.setTabOrder(self.managerCombo, self.rolesList)
        QWidget.setTabOrder(self.rolesList, self.newRoleEdit)
        QWidget.setTabOrder(self.newRoleEdit, self.addRoleButton)
        QWidget.setTabOrder(self.addRoleButton, self.startCheck)
        QWidget.setTabOrder(self.startCheck, self.startEdit)
        QWidget.setTabOrder(self.startEdit, self.leavingCheck)
        QWidget.setTabOrder(self.leavingCheck, self.leavingEdit)
        QWidget.setTabOrder(self.leavingEdit, self.noteEdit)

        self.retranslateUi(PersonDialog)
        self.buttonBox.accepted.connect(PersonDialog.accept)
        self.buttonBox.rejected.connect(PersonDialog.reject)

        QMetaObject.connectSlotsByName(PersonDialog)
    # setupUi

    def retranslateUi(self, PersonDialog):
        PersonDialog.setWindowTitle(QCoreApplication.translate("PersonDialog", u"Person", None))
        self.employeeNoLabel.setText(QCoreApplication.translate("PersonDialog", u"&Employee number:", None))
#if QT_CONFIG(tooltip)
        self.employeeNoEdit.setToolTip(QCoreApplication.translate("PersonDialog", u"The person's unique employee number, as on the payroll. Imports and training records find the person by it.", None))
#endif // QT_CONFIG(tooltip)
        self.nameLabel.setText(QCoreApplication.translate("PersonDialog", u"&Name:", None))
#if QT_CONFIG(tooltip)
        self.nameEdit.setToolTip(QCoreApplication.translate("PersonDialog", u"First name and surname.", None))
#endif // QT_CONFIG(tooltip)
        self.departmentLabel.setText(QCoreApplication.translate("PersonDialog", u"&Department:", None))
#if QT_CONFIG(tooltip)
        self.departmentCombo.setToolTip(QCoreApplication.translate("PersonDialog", u"The department or team; choose one or type a new one.", None))
#endif // QT_CONFIG(tooltip)
        self.managerLabel.setText(QCoreApplication.translate("PersonDialog", u"&Manager:", None))
#if QT_CONFIG(tooltip)
        self.managerCombo.setToolTip(QCoreApplication.translate("PersonDialog", u"Who the person reports to (optional).", None))
#endif // QT_CONFIG(tooltip)
        self.rolesLabel.setText(QCoreApplication.translate("PersonDialog", u"Job &roles:", None))
#if QT_CONFIG(tooltip)
        self.rolesList.setToolTip(QCoreApplication.translate("PersonDialog", u"Tick the person's job roles. Each role brings the training it needs.", None))
#endif // QT_CONFIG(tooltip)
        self.newRoleEdit.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"Another job role", None))
#if QT_CONFIG(tooltip)
        self.newRoleEdit.setToolTip(QCoreApplication.translate("PersonDialog", u"Type a role that is not in the list yet, then add it.", None))
#endif // QT_CONFIG(tooltip)
        self.addRoleButton.setText(QCoreApplication.translate("PersonDialog", u"&Add role", None))
        self.startLabel.setText(QCoreApplication.translate("PersonDialog", u"&Start date:", None))
        self.startCheck.setText(QCoreApplication.translate("PersonDialog", u"Known", None))
#if QT_CONFIG(tooltip)
        self.startCheck.setToolTip(QCoreApplication.translate("PersonDialog", u"The day the person joined (optional).", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.startEdit.setToolTip(QCoreApplication.translate("PersonDialog", u"The day the person joined (optional).", None))
#endif // QT_CONFIG(tooltip)
        self.leavingLabel.setText(QCoreApplication.translate("PersonDialog", u"&Leaving date:", None))
        self.leavingCheck.setText(QCoreApplication.translate("PersonDialog", u"Has left", None))
#if QT_CONFIG(tooltip)
        self.leavingCheck.setToolTip(QCoreApplication.translate("PersonDialog", u"The day the person left. Their records stay; the matrix hides them.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.leavingEdit.setToolTip(QCoreApplication.translate("PersonDialog", u"The day the person left. Their records stay; the matrix hides them.", None))
#endif // QT_CONFIG(tooltip)
        self.noteLabel.setText(QCoreApplication.translate("PersonDialog", u"No&te:", None))
    # retranslateUi

