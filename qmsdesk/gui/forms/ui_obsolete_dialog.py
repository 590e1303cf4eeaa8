# Generated from ui/obsolete_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QLabel, QLineEdit, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_ObsoleteDialog(object):
    def setupUi(self, ObsoleteDialog):
        if not ObsoleteDialog.objectName():
            ObsoleteDialog.setObjectName(u"ObsoleteDialog")
        ObsoleteDialog.resize(480, 200)
        self.dialogLayout = QVBoxLayout(ObsoleteDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(ObsoleteDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.reasonLabel = QLabel(ObsoleteDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.dialogLayout.addWidget(self.reasonLabel)

        self.reasonEdit = QLineEdit(ObsoleteDialog)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setMaxLength(300)

        self.dialogLayout.addWidget(self.reasonEdit)

        self.hintLabel = QLabel(ObsoleteDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.hintLabel)

        self.bottomSpacer = QSpacerItem(20, 8, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.bottomSpacer)

        self.buttonBox = QDialogButtonBox(ObsoleteDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.reasonLabel.setBuddy(self.reasonEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ObsoleteDialog)
        self.buttonBox.accepted.connect(ObsoleteDialog.accept)
        self.buttonBox.rejected.connect(ObsoleteDialog.reject)

        QMetaObject.connectSlotsByName(ObsoleteDialog)
    # setupUi

    def retranslateUi(self, ObsoleteDialog):
        ObsoleteDialog.setWindowTitle(QCoreApplication.translate("ObsoleteDialog", u"Make obsolete", None))
        self.reasonLabel.setText(QCoreApplication.translate("ObsoleteDialog", u"&Reason:", None))
#if QT_CONFIG(tooltip)
        self.reasonEdit.setToolTip(QCoreApplication.translate("ObsoleteDialog", u"Why the document is withdrawn, for example \"replaced by QP-07-04\" or \"process no longer carried out\".", None))
#endif // QT_CONFIG(tooltip)
        self.reasonEdit.setPlaceholderText(QCoreApplication.translate("ObsoleteDialog", u"for example: replaced by QP-07-04", None))
        self.hintLabel.setText(QCoreApplication.translate("ObsoleteDialog", u"A reason is required. It is kept in the register and in the document's history.", None))
    # retranslateUi

