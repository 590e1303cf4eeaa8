# Generated from ui/import_preview_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHeaderView, QLabel, QSizePolicy,
    QTabWidget, QTableView, QVBoxLayout, QWidget)

class Ui_ImportPreviewDialog(object):
    def setupUi(self, ImportPreviewDialog):
        if not ImportPreviewDialog.objectName():
            ImportPreviewDialog.setObjectName(u"ImportPreviewDialog")
        ImportPreviewDialog.resize(900, 560)
        ImportPreviewDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(ImportPreviewDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.summaryLabel = QLabel(ImportPreviewDialog)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)
        self.summaryLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.summaryLabel)

        self.tabs = QTabWidget(ImportPreviewDialog)
        self.tabs.setObjectName(u"tabs")
        self.problemsTab = QWidget()
        self.problemsTab.setObjectName(u"problemsTab")
        self.problemsLayout = QVBoxLayout(self.problemsTab)
        self.problemsLayout.setObjectName(u"problemsLayout")
        self.problemsTable = QTableView(self.problemsTab)
        self.problemsTable.setObjectName(u"problemsTable")
        self.problemsTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problemsTable.setAlternatingRowColors(True)
        self.problemsTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problemsTable.setWordWrap(False)
        self.problemsTable.horizontalHeader().setStretchLastSection(True)
        self.problemsTable.verticalHeader().setVisible(False)

        self.problemsLayout.addWidget(self.problemsTable)

        self.tabs.addTab(self.problemsTab, "")
        self.changesTab = QWidget()
        self.changesTab.setObjectName(u"changesTab")
        self.changesLayout = QVBoxLayout(self.changesTab)
        self.changesLayout.setObjectName(u"changesLayout")
        self.changesTable = QTableView(self.changesTab)
        self.changesTable.setObjectName(u"changesTable")
        self.changesTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changesTable.setAlternatingRowColors(True)
        self.changesTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.changesTable.setWordWrap(False)
        self.changesTable.horizontalHeader().setStretchLastSection(True)
        self.changesTable.verticalHeader().setVisible(False)

        self.changesLayout.addWidget(self.changesTable)

        self.tabs.addTab(self.changesTab, "")

        self.dialogLayout.addWidget(self.tabs)

        self.blockedLabel = QLabel(ImportPreviewDialog)
        self.blockedLabel.setObjectName(u"blockedLabel")
        self.blockedLabel.setStyleSheet(u"color: #b3261e;")
        self.blockedLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.blockedLabel)

        self.buttonBox = QDialogButtonBox(ImportPreviewDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)


        self.retranslateUi(ImportPreviewDialog)
        self.buttonBox.accepted.connect(ImportPreviewDialog.accept)
        self.buttonBox.rejected.connect(ImportPreviewDialog.reject)

        QMetaObject.connectSlotsByName(ImportPreviewDialog)
    # setupUi

    def retranslateUi(self, ImportPreviewDialog):
        ImportPreviewDialog.setWindowTitle(QCoreApplication.translate("ImportPreviewDialog", u"Import preview", None))
#if QT_CONFIG(tooltip)
        self.problemsTable.setToolTip(QCoreApplication.translate("ImportPreviewDialog", u"Each problem found in the workbook, with the sheet, row and column where it is. Fix them in the workbook, save it and import it again.", None))
#endif // QT_CONFIG(tooltip)
        self.tabs.setTabText(self.tabs.indexOf(self.problemsTab), QCoreApplication.translate("ImportPreviewDialog", u"&Problems", None))
#if QT_CONFIG(tooltip)
        self.changesTable.setToolTip(QCoreApplication.translate("ImportPreviewDialog", u"What the import will add and change. Rows that are the same as in the register are left alone and not listed.", None))
#endif // QT_CONFIG(tooltip)
        self.tabs.setTabText(self.tabs.indexOf(self.changesTab), QCoreApplication.translate("ImportPreviewDialog", u"&Added and changed", None))
        self.blockedLabel.setText(QCoreApplication.translate("ImportPreviewDialog", u"Nothing will be written until every problem is fixed in the workbook. Fix the problems listed, save the workbook and import it again.", None))
    # retranslateUi

