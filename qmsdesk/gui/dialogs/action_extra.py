"""The action dialog's fields of clause 10.2.1 built in code (not in its form): why no correction
was needed, where else the problem could occur, and the questions of 10.2.1 e and f."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QPlainTextEdit, QWidget

from qmsdesk.core import actions
from qmsdesk.core.actions import ActionFields

_ANSWERS = (("Not yet answered", None), ("Yes", True), ("No", False))


def _box(parent: QWidget, name: str, key: str) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    box.setMaximumHeight(56)
    box.setToolTip(actions.ACTION_VOCAB[key].help)
    return box


def _answer(parent: QWidget, name: str, key: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    for label, value in _ANSWERS:
        combo.addItem(label, value)
    combo.setToolTip(actions.ACTION_VOCAB[key].help)
    return combo


class ActionExtras:
    def __init__(self, problem: QFormLayout, cause: QFormLayout, parent: QWidget) -> None:
        label = actions.FIELD_LABELS
        self.no_correction = _box(parent, "noCorrectionEdit", "no_correction_reason")
        problem.addRow(label["no_correction_reason"], self.no_correction)
        self.extent = _box(parent, "extentEdit", "extent")
        cause.addRow(label["extent"], self.extent)
        self.risks = _answer(parent, "risksUpdatedCombo", "risks_updated")
        cause.addRow(label["risks_updated"], self.risks)
        self.qms = _answer(parent, "qmsChangeCombo", "qms_change")
        cause.addRow(label["qms_change"], self.qms)

    def load(self, f: ActionFields) -> None:
        self.no_correction.setPlainText(f.no_correction_reason)
        self.extent.setPlainText(f.extent)
        for combo, value in ((self.risks, f.risks_updated), (self.qms, f.qms_change)):
            combo.setCurrentIndex([v for _, v in _ANSWERS].index(value))

    def values(self) -> dict[str, object]:
        return {
            "no_correction_reason": self.no_correction.toPlainText().strip(),
            "extent": self.extent.toPlainText().strip(),
            "risks_updated": self.risks.currentData(),
            "qms_change": self.qms.currentData(),
        }
