# Generated from ui/training_requirements_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QHeaderView, QLabel,
    QLineEdit, QSizePolicy, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_TrainingRequirementsDialog(object):
    def setupUi(self, TrainingRequirementsDialog):
        if not TrainingRequirementsDialog.objectName():
            TrainingRequirementsDialog.setObjectName(u"TrainingRequirementsDialog")
        TrainingRequirementsDialog.resize(640, 560)
        self.dialogLayout = QVBoxLayout(TrainingRequirementsDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(TrainingRequirementsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.whoLabel = QLabel(TrainingRequirementsDialog)
        self.whoLabel.setObjectName(u"whoLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.whoLabel)

        self.whoCombo = QComboBox(TrainingRequirementsDialog)
        self.whoCombo.setObjectName(u"whoCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.whoCombo)

        self.filterLabel = QLabel(TrainingRequirementsDialog)
        self.filterLabel.setObjectName(u"filterLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.filterLabel)

        self.filterEdit = QLineEdit(TrainingRequirementsDialog)
        self.filterEdit.setObjectName(u"filterEdit")
        self.filterEdit.setClearButtonEnabled(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.filterEdit)


        self.dialogLayout.addLayout(self.form)

        self.itemsTable = QTableWidget(TrainingRequirementsDialog)
        self.itemsTable.setObjectName(u"itemsTable")
        self.itemsTable.setAlternatingRowColors(True)

        self.dialogLayout.addWidget(self.itemsTable)

        self.problemsLabel = QLabel(TrainingRequirementsDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setStyleSheet(u"color: #b3261e;")
        self.problemsLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(TrainingRequirementsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.whoLabel.setBuddy(self.whoCombo)
        self.filterLabel.setBuddy(self.filterEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.whoCombo, self.filterEdit)
        QWidget.setTabOrder(self.filterEdit, self.itemsTable)

        self.retranslateUi(TrainingRequirementsDialog)
        self.buttonBox.accepted.connect(TrainingRequirementsDialog.accept)
        self.buttonBox.rejected.connect(TrainingRequirementsDialog.reject)

        QMetaObject.connectSlotsByName(TrainingRequirementsDialog)
    # setupUi

    def retranslateUi(self, TrainingRequirementsDialog):
        TrainingRequirementsDialog.setWindowTitle(QCoreApplication.translate("TrainingRequirementsDialog", u"Who needs what", None))
        self.whoLabel.setText(QCoreApplication.translate("TrainingRequirementsDialog", u"&Who needs it:", None))
#if QT_CONFIG(tooltip)
        self.whoCombo.setToolTip(QCoreApplication.translate("TrainingRequirementsDialog", u"A job role (everyone holding it) or one person (an individual extra).", None))
#endif // QT_CONFIG(tooltip)
        self.filterLabel.setText(QCoreApplication.translate("TrainingRequirementsDialog", u"&Find an item:", None))
        self.filterEdit.setPlaceholderText(QCoreApplication.translate("TrainingRequirementsDialog", u"Code or title", None))
#if QT_CONFIG(tooltip)
        self.itemsTable.setToolTip(QCoreApplication.translate("TrainingRequirementsDialog", u"Choose the level needed for each item; 'Not needed' removes the requirement.", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

