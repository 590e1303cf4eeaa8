# Generated from ui/backups_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QSpinBox, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget)

class Ui_BackupsDialog(object):
    def setupUi(self, BackupsDialog):
        if not BackupsDialog.objectName():
            BackupsDialog.setObjectName(u"BackupsDialog")
        BackupsDialog.resize(720, 560)
        BackupsDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(BackupsDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(BackupsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)
        self.introLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.introLabel)

        self.backupList = QTreeWidget(BackupsDialog)
        self.backupList.setObjectName(u"backupList")
        self.backupList.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backupList.setAlternatingRowColors(True)
        self.backupList.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backupList.setRootIsDecorated(False)
        self.backupList.setUniformRowHeights(True)
        self.backupList.setAllColumnsShowFocus(True)

        self.dialogLayout.addWidget(self.backupList)

        self.countLabel = QLabel(BackupsDialog)
        self.countLabel.setObjectName(u"countLabel")
        self.countLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.countLabel)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.restoreButton = QPushButton(BackupsDialog)
        self.restoreButton.setObjectName(u"restoreButton")
        self.restoreButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.restoreButton)

        self.backUpButton = QPushButton(BackupsDialog)
        self.backUpButton.setObjectName(u"backUpButton")
        self.backUpButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.backUpButton)

        self.openFolderButton = QPushButton(BackupsDialog)
        self.openFolderButton.setObjectName(u"openFolderButton")
        self.openFolderButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.openFolderButton)

        self.buttonsSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)


        self.dialogLayout.addLayout(self.buttonsLayout)

        self.policyGroup = QGroupBox(BackupsDialog)
        self.policyGroup.setObjectName(u"policyGroup")
        self.policyLayout = QFormLayout(self.policyGroup)
        self.policyLayout.setObjectName(u"policyLayout")
        self.keepLastLabel = QLabel(self.policyGroup)
        self.keepLastLabel.setObjectName(u"keepLastLabel")

        self.policyLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.keepLastLabel)

        self.keepLastSpin = QSpinBox(self.policyGroup)
        self.keepLastSpin.setObjectName(u"keepLastSpin")
        self.keepLastSpin.setMinimum(1)
        self.keepLastSpin.setMaximum(1000)
        self.keepLastSpin.setValue(10)

        self.policyLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.keepLastSpin)

        self.keepDailyLabel = QLabel(self.policyGroup)
        self.keepDailyLabel.setObjectName(u"keepDailyLabel")

        self.policyLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.keepDailyLabel)

        self.keepDailySpin = QSpinBox(self.policyGroup)
        self.keepDailySpin.setObjectName(u"keepDailySpin")
        self.keepDailySpin.setMinimum(0)
        self.keepDailySpin.setMaximum(3650)
        self.keepDailySpin.setValue(30)

        self.policyLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.keepDailySpin)

        self.policyNoteLabel = QLabel(self.policyGroup)
        self.policyNoteLabel.setObjectName(u"policyNoteLabel")
        self.policyNoteLabel.setWordWrap(True)

        self.policyLayout.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.policyNoteLabel)


        self.dialogLayout.addWidget(self.policyGroup)

        self.problemsLabel = QLabel(BackupsDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(BackupsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.keepLastLabel.setBuddy(self.keepLastSpin)
        self.keepDailyLabel.setBuddy(self.keepDailySpin)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.backupList, self.restoreButton)
        QWidget.setTabOrder(self.restoreButton, self.backUpButton)
        QWidget.setTabOrder(self.backUpButton, self.openFolderButton)
        QWidget.setTabOrder(self.openFolderButton, self.keepLastSpin)
        QWidget.setTabOrder(self.keepLastSpin, self.keepDailySpin)

        self.retranslateUi(BackupsDialog)
        self.buttonBox.rejected.connect(BackupsDialog.reject)

        QMetaObject.connectSlotsByName(BackupsDialog)
    # setupUi

    def retranslateUi(self, BackupsDialog):
        BackupsDialog.setWindowTitle(QCoreApplication.translate("BackupsDialog", u"Backups", None))
        ___qtreewidgetitem = self.backupList.headerItem()
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("BackupsDialog", u"Size", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("BackupsDialog", u"Why it was made", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("BackupsDialog", u"Made on", None))
#if QT_CONFIG(tooltip)
        self.backupList.setToolTip(QCoreApplication.translate("BackupsDialog", u"The copies of the company file kept in its backup folder, newest first.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.restoreButton.setToolTip(QCoreApplication.translate("BackupsDialog", u"Put the selected backup in place of the company file. The file as it is now is backed up first.", None))
#endif // QT_CONFIG(tooltip)
        self.restoreButton.setText(QCoreApplication.translate("BackupsDialog", u"&Restore\u2026", None))
#if QT_CONFIG(tooltip)
        self.backUpButton.setToolTip(QCoreApplication.translate("BackupsDialog", u"Make a backup of the company file now.", None))
#endif // QT_CONFIG(tooltip)
        self.backUpButton.setText(QCoreApplication.translate("BackupsDialog", u"&Back Up Now", None))
#if QT_CONFIG(tooltip)
        self.openFolderButton.setToolTip(QCoreApplication.translate("BackupsDialog", u"Show the backup folder in your file manager, for example to copy a backup elsewhere.", None))
#endif // QT_CONFIG(tooltip)
        self.openFolderButton.setText(QCoreApplication.translate("BackupsDialog", u"&Open Backup Folder", None))
        self.policyGroup.setTitle(QCoreApplication.translate("BackupsDialog", u"Which backups are kept", None))
        self.keepLastLabel.setText(QCoreApplication.translate("BackupsDialog", u"Keep the &last:", None))
#if QT_CONFIG(tooltip)
        self.keepLastSpin.setToolTip(QCoreApplication.translate("BackupsDialog", u"How many of the newest backups are always kept, whatever their age.", None))
#endif // QT_CONFIG(tooltip)
        self.keepLastSpin.setSuffix(QCoreApplication.translate("BackupsDialog", u" backups", None))
        self.keepDailyLabel.setText(QCoreApplication.translate("BackupsDialog", u"And one a &day for:", None))
#if QT_CONFIG(tooltip)
        self.keepDailySpin.setToolTip(QCoreApplication.translate("BackupsDialog", u"For how many days back the newest backup of each day is kept (0: none besides the last ones).", None))
#endif // QT_CONFIG(tooltip)
        self.keepDailySpin.setSuffix(QCoreApplication.translate("BackupsDialog", u" days", None))
        self.policyNoteLabel.setText(QCoreApplication.translate("BackupsDialog", u"The setting is kept in the company file. Backups beyond it are deleted when the next backup is made.", None))
    # retranslateUi

