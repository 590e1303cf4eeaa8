# Generated from ui/checklist_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QLabel, QListWidget, QListWidgetItem,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_ChecklistDialog(object):
    def setupUi(self, ChecklistDialog):
        if not ChecklistDialog.objectName():
            ChecklistDialog.setObjectName(u"ChecklistDialog")
        ChecklistDialog.resize(520, 420)
        ChecklistDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(ChecklistDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(ChecklistDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.templatesLabel = QLabel(ChecklistDialog)
        self.templatesLabel.setObjectName(u"templatesLabel")

        self.dialogLayout.addWidget(self.templatesLabel)

        self.templatesList = QListWidget(ChecklistDialog)
        self.templatesList.setObjectName(u"templatesList")

        self.dialogLayout.addWidget(self.templatesList)

        self.scopeCheck = QCheckBox(ChecklistDialog)
        self.scopeCheck.setObjectName(u"scopeCheck")
        self.scopeCheck.setChecked(True)

        self.dialogLayout.addWidget(self.scopeCheck)

        self.countLabel = QLabel(ChecklistDialog)
        self.countLabel.setObjectName(u"countLabel")
        self.countLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.countLabel)

        self.buttonBox = QDialogButtonBox(ChecklistDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.templatesLabel.setBuddy(self.templatesList)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ChecklistDialog)
        self.buttonBox.accepted.connect(ChecklistDialog.accept)
        self.buttonBox.rejected.connect(ChecklistDialog.reject)

        QMetaObject.connectSlotsByName(ChecklistDialog)
    # setupUi

    def retranslateUi(self, ChecklistDialog):
        ChecklistDialog.setWindowTitle(QCoreApplication.translate("ChecklistDialog", u"Add questions", None))
        self.introLabel.setText("")
        self.templatesLabel.setText(QCoreApplication.translate("ChecklistDialog", u"&Templates:", None))
#if QT_CONFIG(tooltip)
        self.templatesList.setToolTip(QCoreApplication.translate("ChecklistDialog", u"Tick the templates to take questions from. Space ticks the selected one.", None))
#endif // QT_CONFIG(tooltip)
        self.scopeCheck.setText(QCoreApplication.translate("ChecklistDialog", u"Only questions within the audit's &clause scope", None))
#if QT_CONFIG(tooltip)
        self.scopeCheck.setToolTip(QCoreApplication.translate("ChecklistDialog", u"Leave ticked to take only the questions on the clauses the audit covers (and their sub-clauses).", None))
#endif // QT_CONFIG(tooltip)
        self.countLabel.setText("")
    # retranslateUi

