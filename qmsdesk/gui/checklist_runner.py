"""The checklist runner of the Audits tab: one question of the selected audit at a time.

It shows the question, what to look for, the evidence notes and the seven results, and runs from
the keyboard: Alt+1 to Alt+7 give the result, Ctrl+Enter records and moves to the next unanswered
question, Ctrl+Up / Ctrl+Down move without losing what was typed. It writes nothing itself: it
asks for a save (`save_requested`) or a move (`move_requested`), and the details pane does them.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from qmsdesk.core import audits
from qmsdesk.core.db.models_audits import Result

#: The results in the order of their keys (Alt+1 to Alt+7) and buttons.
RESULT_ORDER: tuple[Result, ...] = (
    Result.CONFORMING,
    Result.MINOR_NC,
    Result.MAJOR_NC,
    Result.OFI,
    Result.OBSERVATION,
    Result.NOT_APPLICABLE,
    Result.NOT_AUDITED,
)


class RunnerKeys(QObject):
    """The runner's keys, wherever the focus is in it (and in the checklist table): Alt+1 to
    Alt+7 give the result, Ctrl+Enter records and moves on, Ctrl+Up / Ctrl+Down move."""

    def __init__(self, runner: ChecklistRunner) -> None:
        super().__init__(runner)
        self.runner = runner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, mods = event.key(), event.modifiers()
        alt = mods & Qt.KeyboardModifier.AltModifier
        ctrl = mods & Qt.KeyboardModifier.ControlModifier
        if alt and not ctrl and Qt.Key.Key_1 <= key <= Qt.Key.Key_7:
            self.runner.set_result(RESULT_ORDER[key - Qt.Key.Key_1])
            return True
        if ctrl and not alt:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.runner.save_requested.emit(True)
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.runner.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
                return True
        return False


class ChecklistRunner(QFrame):
    """One question at a time: the question, what to look for, the notes and the result."""

    save_requested = Signal(bool)  # True: move on to the next unanswered question afterwards
    move_requested = Signal(int)  # -1 previous, +1 next

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistRunner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.position_label = QLabel()
        self.position_label.setObjectName("positionLabel")
        self.question_label = QLabel()
        self.question_label.setObjectName("questionLabel")
        self.question_label.setWordWrap(True)
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.question_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.question_label.setFont(font)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
        layout.addWidget(self.position_label)
        layout.addWidget(self.question_label)
        layout.addWidget(self.hint_label)
        notes_label = QLabel("Evidence notes:")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("evidenceEdit")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("What you saw: documents, records, samples, people spoken to")
        self.notes.setMaximumHeight(self.fontMetrics().height() * 5)
        notes_label.setBuddy(self.notes)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so that "no result yet" can be shown
        self.buttons: dict[Result, QRadioButton] = {}
        for n, result in enumerate(RESULT_ORDER, 1):
            button = QRadioButton(f"{n} {audits.RESULT_LABELS[result]}")
            button.setObjectName(f"result_{result.value}")
            button.setToolTip(f"Alt+{n}")
            button.setAutoExclusive(False)  # "no result yet" must be shown too
            self.group.addButton(button, n)
            self.buttons[result] = button
            grid.addWidget(button, (n - 1) // 4, (n - 1) % 4)
        self.group.buttonClicked.connect(self._clicked)
        layout.addLayout(grid)
        row = QHBoxLayout()
        self.previous_button = QPushButton("◀ Previous")
        self.previous_button.setToolTip("The question before (Ctrl+Up); what you typed is kept")
        self.next_button = QPushButton("Next ▶")
        self.next_button.setToolTip("The question after (Ctrl+Down); what you typed is kept")
        self.save_button = QPushButton("Record and next")
        self.save_button.setObjectName("saveNextButton")
        self.save_button.setToolTip(
            "Record this answer and go to the next unanswered question (Ctrl+Enter)"
        )
        self.save_button.setDefault(True)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        self.state_label = QLabel()
        row.addWidget(self.state_label)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.previous_button.clicked.connect(lambda: self.move_requested.emit(-1))
        self.next_button.clicked.connect(lambda: self.move_requested.emit(1))
        self.save_button.clicked.connect(lambda: self.save_requested.emit(True))
        self.keys = RunnerKeys(self)
        for widget in (self, self.notes, *self.buttons.values(), self.previous_button,
                       self.next_button, self.save_button):  # fmt: skip
            widget.installEventFilter(self.keys)
        self._question: audits.AuditQuestionRow | None = None
        self._result: Result | None = None
        self.notes.textChanged.connect(self._update_state)
        self.show_question(None, 0, 0, editable=False)

    def _clicked(self, button: QAbstractButton) -> None:
        chosen = next(r for r, b in self.buttons.items() if b is button)
        self.set_result(None if chosen == self._result and not button.isChecked() else chosen)

    def set_result(self, result: Result | None) -> None:
        if self._question is None or not self.save_button.isEnabled():
            return
        self._result = result
        for r, button in self.buttons.items():
            button.setChecked(r == result)
        self._update_state()

    def show_question(
        self,
        question: audits.AuditQuestionRow | None,
        number: int,
        total: int,
        *,
        editable: bool,
    ) -> None:
        self._question = question
        self._result = question.result if question else None
        if question is None:
            self.position_label.setText("")
            self.question_label.setText(
                "Select a question of the checklist to answer it here." if total else ""
            )
            self.hint_label.setText("")
            self.notes.setPlainText("")
        else:
            self.position_label.setText(
                f"<b>Question {number} of {total}</b> · clause {escape(question.clause)} "
                f"{escape(_clause_title(question.clause))}"
            )
            self.question_label.setText(question.question)
            self.hint_label.setText(f"Look for: {question.hint}" if question.hint else "")
            self.notes.blockSignals(True)
            self.notes.setPlainText(question.evidence)
            self.notes.blockSignals(False)
        for r, button in self.buttons.items():
            button.setChecked(r == self._result)
        enabled = question is not None and editable
        for widget in (*self.buttons.values(), self.notes, self.save_button):
            widget.setEnabled(enabled)
        self.previous_button.setEnabled(question is not None and number > 1)
        self.next_button.setEnabled(question is not None and number < total)
        self._update_state()

    def answer(self) -> tuple[Result | None, str]:
        return self._result, self.notes.toPlainText().strip()

    @property
    def question(self) -> audits.AuditQuestionRow | None:
        return self._question

    def is_dirty(self) -> bool:
        q = self._question
        if q is None or not self.save_button.isEnabled():
            return False
        result, notes = self.answer()
        return result != q.result or notes != q.evidence

    def _update_state(self) -> None:
        self.state_label.setText("Not saved yet" if self.is_dirty() else "")


def _clause_title(number: str) -> str:
    from qmsdesk.core.catalogue import clause_title

    try:
        return clause_title(number)
    except KeyError:
        return ""
