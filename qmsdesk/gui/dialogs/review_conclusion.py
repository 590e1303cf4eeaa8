"""The conclusion of a management review (clause 9.3.1): four statements, one per question."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core.reviews import CONCLUSION_FIELDS, CONCLUSION_HELP, CONCLUSION_LABELS, Conclusion


class ConclusionDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, review: str, initial: Conclusion) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Conclusion of {review} (clause 9.3.1)")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "What did top management conclude about the quality system? Minutes are approved "
            "only with all four."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.edits: dict[str, QPlainTextEdit] = {}
        for name in CONCLUSION_FIELDS:
            edit = QPlainTextEdit(self)
            edit.setObjectName(f"{name}Edit")
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(CONCLUSION_HELP[name])
            edit.setToolTip(CONCLUSION_HELP[name])
            edit.setMinimumHeight(60)
            edit.setPlainText(getattr(initial, name))
            form.addRow(CONCLUSION_LABELS[name], edit)
            self.edits[name] = edit
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 420)

    def result_conclusion(self) -> Conclusion:
        return Conclusion(**{n: e.toPlainText().strip() for n, e in self.edits.items()})
