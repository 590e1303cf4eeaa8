# Generated from ui/training_item_dialog.ui by tools/compile_ui.py (pyside6-uic). Do not edit:
# change the form in Qt Designer, then run `python tools/compile_ui.py`.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
    QSpacerItem, QSpinBox, QVBoxLayout, QWidget)

class Ui_TrainingItemDialog(object):
    def setupUi(self, TrainingItemDialog):
        if not TrainingItemDialog.objectName():
            TrainingItemDialog.setObjectName(u"TrainingItemDialog")
        TrainingItemDialog.resize(520, 500)
        self.dialogLayout = QVBoxLayout(TrainingItemDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(TrainingItemDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.codeLabel = QLabel(TrainingItemDialog)
        self.codeLabel.setObjectName(u"codeLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.codeLabel)

        self.codeEdit = QLineEdit(TrainingItemDialog)
        self.codeEdit.setObjectName(u"codeEdit")
        self.codeEdit.setMaxLength(40)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.codeEdit)

        self.titleLabel = QLabel(TrainingItemDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(TrainingItemDialog)
        self.titleEdit.setObjectName(u"titleEdit")
        self.titleEdit.setMaxLength(150)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.categoryLabel = QLabel(TrainingItemDialog)
        self.categoryLabel.setObjectName(u"categoryLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.categoryLabel)

        self.categoryCombo = QComboBox(TrainingItemDialog)
        self.categoryCombo.setObjectName(u"categoryCombo")
        self.categoryCombo.setEditable(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.categoryCombo)

        self.deliveryLabel = QLabel(TrainingItemDialog)
        self.deliveryLabel.setObjectName(u"deliveryLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.deliveryLabel)

        self.deliveryCombo = QComboBox(TrainingItemDialog)
        self.deliveryCombo.setObjectName(u"deliveryCombo")
        self.deliveryCombo.setEditable(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.deliveryCombo)

        self.validityLabel = QLabel(TrainingItemDialog)
        self.validityLabel.setObjectName(u"validityLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.validityLabel)

        self.validityLayout = QHBoxLayout()
        self.validityLayout.setObjectName(u"validityLayout")
        self.expiresCheck = QCheckBox(TrainingItemDialog)
        self.expiresCheck.setObjectName(u"expiresCheck")

        self.validityLayout.addWidget(self.expiresCheck)

        self.validitySpin = QSpinBox(TrainingItemDialog)
        self.validitySpin.setObjectName(u"validitySpin")
        self.validitySpin.setMinimum(1)
        self.validitySpin.setMaximum(240)

        self.validityLayout.addWidget(self.validitySpin)

        self.validitySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.validityLayout.addItem(self.validitySpacer)


        self.form.setLayout(4, QFormLayout.ItemRole.FieldRole, self.validityLayout)

        self.levelsLabel = QLabel(TrainingItemDialog)
        self.levelsLabel.setObjectName(u"levelsLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.levelsLabel)

        self.levelsLayout = QHBoxLayout()
        self.levelsLayout.setObjectName(u"levelsLayout")
        self.levelsSpin = QSpinBox(TrainingItemDialog)
        self.levelsSpin.setObjectName(u"levelsSpin")
        self.levelsSpin.setMinimum(1)
        self.levelsSpin.setMaximum(4)

        self.levelsLayout.addWidget(self.levelsSpin)

        self.levelsHintLabel = QLabel(TrainingItemDialog)
        self.levelsHintLabel.setObjectName(u"levelsHintLabel")
        self.levelsHintLabel.setWordWrap(True)

        self.levelsLayout.addWidget(self.levelsHintLabel)


        self.form.setLayout(5, QFormLayout.ItemRole.FieldRole, self.levelsLayout)

        self.documentLabel = QLabel(TrainingItemDialog)
        self.documentLabel.setObjectName(u"documentLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.documentLabel)

        self.documentCombo = QComboBox(TrainingItemDialog)
        self.documentCombo.setObjectName(u"documentCombo")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.documentCombo)

        self.descriptionLabel = QLabel(TrainingItemDialog)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.descriptionLabel)

        self.descriptionEdit = QPlainTextEdit(TrainingItemDialog)
        self.descriptionEdit.setObjectName(u"descriptionEdit")
        self.descriptionEdit.setTabChangesFocus(True)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.descriptionEdit)

        self.archivedCheck = QCheckBox(TrainingItemDialog)
        self.archivedCheck.setObjectName(u"archivedCheck")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.archivedCheck)


        self.dialogLayout.addLayout(self.form)

        self.problemsLabel = QLabel(TrainingItemDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setStyleSheet(u"color: #b3261e;")
        self.problemsLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(TrainingItemDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.codeLabel.setBuddy(self.codeEdit)
        self.titleLabel.setBuddy(self.titleEdit)
        self.categoryLabel.setBuddy(self.categoryCombo)
        self.deliveryLabel.setBuddy(self.deliveryCombo)
        self.validityLabel.setBuddy(self.expiresCheck)
        self.levelsLabel.setBuddy(self.levelsSpin)
        self.documentLabel.setBuddy(self.documentCombo)
        self.descriptionLabel.setBuddy(self.descriptionEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.codeEdit, self.titleEdit)
        QWidget.setTabOrder(self.titleEdit, self.categoryCombo)
        QWidget.setTabOrder(self.categoryCombo, self.deliveryCombo)
        QWidget.setTabOrder(self.deliveryCombo, self.expiresCheck)
        QWidget.setTabOrder(self.expiresCheck, self.validitySpin)
        QWidget.setTabOrder(self.validitySpin, self.levelsSpin)
        QWidget.setTabOrder(self.levelsSpin, self.documentCombo)
        QWidget.setTabOrder(self.documentCombo, self.descriptionEdit)
        QWidget.setTabOrder(self.descriptionEdit, self.archivedCheck)

        self.retranslateUi(TrainingItemDialog)
        self.buttonBox.accepted.connect(TrainingItemDialog.accept)
        self.buttonBox.rejected.connect(TrainingItemDialog.reject)

        QMetaObject.connectSlotsByName(TrainingItemDialog)
    # setupUi

    def retranslateUi(self, TrainingItemDialog):
        TrainingItemDialog.setWindowTitle(QCoreApplication.translate("TrainingItemDialog", u"Training item", None))
        self.codeLabel.setText(QCoreApplication.translate("TrainingItemDialog", u"&Item code:", None))
#if QT_CONFIG(tooltip)
        self.codeEdit.setToolTip(QCoreApplication.translate("TrainingItemDialog", u"A short unique code, such as TR-DOC or SK-CNC.", None))
#endif // QT_CONFIG(tooltip)
        self.titleLabel.setText(QCoreApplication.translate("TrainingItemDialog", u"&Title:", None))
        self.categoryLabel.setText(QCoreApplication.translate("TrainingItemDialog", u"C&ategory:", None))
#if QT_CONFIG(tooltip)
        self.categoryCombo.setToolTip(QCoreApplication.translate("TrainingItemDialog", u"A group for the matrix filter, such as Safety or Production skills.", None))
#endif // QT_CONFIG(tooltip)
        self.deliveryLabel.setText(QCoreApplication.translate("TrainingItemDialog", u"&Delivery:", None))
#if QT_CONFIG(tooltip)
        self.deliveryCombo.setToolTip(QCoreApplication.translate("TrainingItemDialog", u"How the training is given.", None))
#endif // QT_CONFIG(tooltip)
        self.validityLabel.setText(QCoreApplication.translate("TrainingItemDialog", u"&Valid for:", None))
        self.expiresCheck.setText(QCoreApplication.translate("TrainingItemDialog", u"Expires after", None))
#if QT_CONFIG(tooltip)
        self.expiresCheck.setToolTip(QCoreApplication.translate("TrainingItemDialog", u"Untick for training that never expires.", None))
#endif // QT_CONFIG(tooltip)
        self.validitySpin.setSuffix(QCoreApplication.translate("TrainingItemDialog", u" months", None))
#if QT_CONFIG(tooltip)
        self.validitySpin.setToolTip(QCoreApplication.translate("TrainingItemDialog", u"How long the training stays valid before it must be refreshed.", None))
#endif // QT_CONFIG(tooltip)
        self.levelsLabel.setText(QCoreApplication.translate("TrainingItemDialog", u"&Levels used:", None))
#if QT_CONFIG(tooltip)
        self.levelsSpin.setToolTip(QCoreApplication.translate("TrainingItemDialog", u"The highest competence level this item uses.", None))
#endif // QT_CONFIG(tooltip)
        self.documentLabel.setText(QCoreApplication.translate("TrainingItemDialog", u"Linked doc&ument:", None))
#if QT_CONFIG(tooltip)
        self.documentCombo.setToolTip(QCoreApplication.translate("TrainingItemDialog", u"For a 'read and understood' item: the controlled document people read. A new revision of it calls for retraining.", None))
#endif // QT_CONFIG(tooltip)
        self.descriptionLabel.setText(QCoreApplication.translate("TrainingItemDialog", u"Descri&ption:", None))
        self.archivedCheck.setText(QCoreApplication.translate("TrainingItemDialog", u"Arc&hived: hidden from the matrix", None))
#if QT_CONFIG(tooltip)
        self.archivedCheck.setToolTip(QCoreApplication.translate("TrainingItemDialog", u"An archived item keeps its records but leaves the matrix and the due list.", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

