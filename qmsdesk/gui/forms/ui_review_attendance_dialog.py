# Generated from ui/review_attendance_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QSizePolicy, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget)

class Ui_ReviewAttendanceDialog(object):
    def setupUi(self, ReviewAttendanceDialog):
        if not ReviewAttendanceDialog.objectName():
            ReviewAttendanceDialog.setObjectName(u"ReviewAttendanceDialog")
        ReviewAttendanceDialog.resize(560, 520)
        self.dialogLayout = QVBoxLayout(ReviewAttendanceDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(ReviewAttendanceDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.filterLabel = QLabel(ReviewAttendanceDialog)
        self.filterLabel.setObjectName(u"filterLabel")

        self.filterLayout.addWidget(self.filterLabel)

        self.filterEdit = QLineEdit(ReviewAttendanceDialog)
        self.filterEdit.setObjectName(u"filterEdit")
        self.filterEdit.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.filterEdit)


        self.dialogLayout.addLayout(self.filterLayout)

        self.peopleTree = QTreeWidget(ReviewAttendanceDialog)
        self.peopleTree.setObjectName(u"peopleTree")
        self.peopleTree.setRootIsDecorated(False)
        self.peopleTree.setUniformRowHeights(True)
        self.peopleTree.setAlternatingRowColors(True)

        self.dialogLayout.addWidget(self.peopleTree)

        self.countsLabel = QLabel(ReviewAttendanceDialog)
        self.countsLabel.setObjectName(u"countsLabel")

        self.dialogLayout.addWidget(self.countsLabel)

        self.problemsLabel = QLabel(ReviewAttendanceDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setWordWrap(True)
        self.problemsLabel.setStyleSheet(u"color: #b3261e;")

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(ReviewAttendanceDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.filterLabel.setBuddy(self.filterEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.filterEdit, self.peopleTree)

        self.retranslateUi(ReviewAttendanceDialog)
        self.buttonBox.accepted.connect(ReviewAttendanceDialog.accept)
        self.buttonBox.rejected.connect(ReviewAttendanceDialog.reject)

        QMetaObject.connectSlotsByName(ReviewAttendanceDialog)
    # setupUi

    def retranslateUi(self, ReviewAttendanceDialog):
        ReviewAttendanceDialog.setWindowTitle(QCoreApplication.translate("ReviewAttendanceDialog", u"Attendance", None))
        self.filterLabel.setText(QCoreApplication.translate("ReviewAttendanceDialog", u"&Find:", None))
        self.filterEdit.setPlaceholderText(QCoreApplication.translate("ReviewAttendanceDialog", u"Name or department", None))
        ___qtreewidgetitem = self.peopleTree.headerItem()
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("ReviewAttendanceDialog", u"Apologies", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("ReviewAttendanceDialog", u"Attended", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("ReviewAttendanceDialog", u"Department", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("ReviewAttendanceDialog", u"Name", None))
#if QT_CONFIG(accessibility)
        self.peopleTree.setAccessibleName(QCoreApplication.translate("ReviewAttendanceDialog", u"People", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

