"""Dialogs of the Actions tab: an action (with its 5-whys helper) and the check of effectiveness."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QWidget

from qmsdesk.core import actions
from qmsdesk.core.actions import ActionFields
from qmsdesk.core.dates import today
from qmsdesk.core.db.models_audits import ActionKind, ActionSource, ActionStatus
from qmsdesk.gui.dialogs._common import (
    OptionalDate,
    fit_height,
    format_date,
    from_qdate,
    ok_button,
    setup_date_edit,
    show_problems,
    to_qdate,
)
from qmsdesk.gui.dialogs.action_extra import ActionExtras
from qmsdesk.gui.forms.ui_action_dialog import Ui_ActionDialog
from qmsdesk.gui.forms.ui_verify_dialog import Ui_VerifyDialog

Person = tuple[int, str]  # id, name

#: Statuses a user sets in the action dialog; "closed" comes only from a verification.
_EDITABLE_STATUSES = (
    ActionStatus.OPEN,
    ActionStatus.IN_PROGRESS,
    ActionStatus.AWAITING_VERIFICATION,
)


def _people(combo: QComboBox, people: Sequence[Person], chosen: int | None, empty: str) -> None:
    combo.addItem(empty, None)
    known = False
    for person_id, name in people:
        combo.addItem(name, person_id)
        known = known or person_id == chosen
    if chosen is not None and not known:
        combo.addItem(f"Person {chosen} (has left)", chosen)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))


class ActionDialog(QDialog):
    """Every field of an action, the 5 whys leading to the root cause, checked by the core.

    The verification of effectiveness is shown, not edited: it is recorded with Verify
    effectiveness, which also closes the action when it worked.
    """

    def __init__(
        self,
        parent: QWidget | None,
        *,
        initial: actions.ActionRow | None,
        people: Sequence[Person],
        defaults: ActionFields | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ActionDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self._initial = initial
        self._result: ActionFields | None = None
        first = initial.fields() if initial else (defaults or ActionFields(title=""))
        self.setWindowTitle(f"Action {initial.reference}" if initial else "New action")
        ui.referenceValue.setText(
            initial.reference if initial else "given when the action is saved"
        )
        for kind, label in actions.KIND_LABELS.items():
            ui.kindCombo.addItem(label, kind.value)
        for source, label in actions.SOURCE_LABELS.items():
            ui.sourceCombo.addItem(label, source.value)
        closed = initial is not None and initial.status == ActionStatus.CLOSED
        statuses = (*_EDITABLE_STATUSES, ActionStatus.CLOSED) if closed else _EDITABLE_STATUSES
        for status in statuses:
            ui.statusCombo.addItem(actions.STATUS_LABELS[status], status.value)
        ui.statusCombo.setEnabled(not closed)
        _people(ui.ownerCombo, people, first.owner_id, "(no owner yet)")
        setup_date_edit(ui.raisedEdit)
        self._due = OptionalDate(ui.dueCheck, ui.dueEdit)
        self._correction_on = OptionalDate(ui.correctionOnCheck, ui.correctionOnEdit)
        self._completed = OptionalDate(ui.completedCheck, ui.completedEdit)
        self._verify_due = OptionalDate(ui.verifyDueCheck, ui.verifyDueEdit)
        self.why_edits: list[QLineEdit] = [
            ui.why1Edit,
            ui.why2Edit,
            ui.why3Edit,
            ui.why4Edit,
            ui.why5Edit,
        ]
        for n, edit in enumerate(self.why_edits):
            edit.textChanged.connect(lambda _t, n=n: self._update_whys(n))
            edit.returnPressed.connect(lambda n=n: self._next_why(n))
        self.extras = ActionExtras(ui.problemForm, ui.causeForm, self)
        self._load(first)
        ui.verificationValue.setText(self._verification_text(initial))
        show_problems(ui.problemsLabel, [])
        ui.titleEdit.setFocus()

    def _load(self, f: ActionFields) -> None:
        ui = self.ui
        ui.titleEdit.setText(f.title)
        ui.kindCombo.setCurrentIndex(max(ui.kindCombo.findData(f.kind.value), 0))
        ui.sourceCombo.setCurrentIndex(max(ui.sourceCombo.findData(f.source_kind.value), 0))
        ui.sourceRefEdit.setText(f.source_ref)
        ui.processEdit.setText(f.process)
        ui.raisedEdit.setDate(to_qdate(f.raised_on or today()))
        self._due.set_value(f.due_date)
        ui.statusCombo.setCurrentIndex(max(ui.statusCombo.findData(f.status.value), 0))
        ui.problemEdit.setPlainText(f.problem)
        ui.correctionEdit.setPlainText(f.correction)
        self._correction_on.set_value(f.correction_on)
        for edit, text in zip(self.why_edits, (*f.whys, "", "", "", "", ""), strict=False):
            edit.setText(text)
        ui.rootCauseEdit.setPlainText(f.root_cause)
        ui.correctiveEdit.setPlainText(f.corrective_action)
        self._completed.set_value(f.completed_on)
        self._verify_due.set_value(f.verify_due)
        self.extras.load(f)
        # An action raised by an audit keeps its source: it is how the finding finds it.
        from_audit = f.source_kind == ActionSource.INTERNAL_AUDIT and f.source_id is not None
        ui.sourceCombo.setEnabled(not from_audit)
        ui.sourceRefEdit.setReadOnly(from_audit)
        self._update_whys(0)

    @staticmethod
    def _verification_text(row: actions.ActionRow | None) -> str:
        if row is None or row.verified_on is None:
            return "Not verified yet. Use Verify effectiveness once the action is carried out."
        verdict = "effective" if row.effective else "not effective"
        text = f"Checked on {format_date(row.verified_on)} by {row.verified_by_name}: {verdict}."
        if row.verification_note:
            text += f" {row.verification_note}"
        return text

    def _update_whys(self, _changed: int) -> None:
        """Each why is asked of the answer before it: the next box opens once one is answered."""
        previous_filled = True
        for n, edit in enumerate(self.why_edits):
            edit.setEnabled(previous_filled or bool(edit.text().strip()))
            previous = self.why_edits[n - 1].text().strip() if n else ""
            if n == 0:
                edit.setPlaceholderText("Why did the problem happen?")
            elif previous:
                edit.setPlaceholderText(f"Why: {previous[:60]}?")
            else:
                edit.setPlaceholderText("")
            previous_filled = bool(edit.text().strip())

    def _next_why(self, n: int) -> None:
        if n + 1 < len(self.why_edits) and self.why_edits[n].text().strip():
            self.why_edits[n + 1].setFocus()
        else:
            self.ui.rootCauseEdit.setFocus()
            if not self.ui.rootCauseEdit.toPlainText().strip():
                last = next(
                    (e.text().strip() for e in reversed(self.why_edits) if e.text().strip()), ""
                )
                self.ui.rootCauseEdit.setPlainText(last)

    def whys(self) -> tuple[str, ...]:
        texts = [e.text().strip() for e in self.why_edits]
        while texts and not texts[-1]:
            texts.pop()
        return tuple(texts)

    def _fields(self) -> ActionFields:
        ui = self.ui
        base = self._initial.fields() if self._initial else ActionFields(title="")
        return replace(
            base,
            title=" ".join(ui.titleEdit.text().split()),
            kind=ActionKind(ui.kindCombo.currentData()),
            source_kind=ActionSource(ui.sourceCombo.currentData()),
            source_ref=ui.sourceRefEdit.text().strip(),
            process=ui.processEdit.text().strip(),
            owner_id=ui.ownerCombo.currentData(),
            raised_on=from_qdate(ui.raisedEdit.date()),
            due_date=self._due.value(),
            status=ActionStatus(ui.statusCombo.currentData()),
            problem=ui.problemEdit.toPlainText().strip(),
            correction=ui.correctionEdit.toPlainText().strip(),
            correction_on=self._correction_on.value(),
            whys=self.whys(),
            root_cause=ui.rootCauseEdit.toPlainText().strip(),
            corrective_action=ui.correctiveEdit.toPlainText().strip(),
            completed_on=self._completed.value(),
            verify_due=self._verify_due.value(),
            **self.extras.values(),  # type: ignore[arg-type]
        )

    def result_fields(self) -> ActionFields:
        assert self._result is not None
        return self._result

    def accept(self) -> None:
        fields = self._fields()
        problems = [
            f"{actions.FIELD_LABELS.get(p.field, p.field)}: {p.message}"
            for p in actions.check_action(fields)
        ]
        show_problems(self.ui.problemsLabel, problems)
        if problems:
            return
        self._result = fields
        super().accept()


class VerifyDialog(QDialog):
    """The check of effectiveness: when, by whom, effective or not, and what was looked at."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        action: actions.ActionRow,
        people: Sequence[Person],
        checker: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_VerifyDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.setWindowTitle(f"Verify the effectiveness of {action.reference}")
        done = format_date(action.completed_on) if action.completed_on else "not recorded"
        ui.introLabel.setText(
            f"<b>{action.reference}</b>: {action.title}<br>Action taken: "
            f"{action.corrective_action or '(not recorded)'} (carried out: {done}).<br>"
            "Check that the problem has not come back. An effective action is closed; one that "
            "did not work goes back to In progress."
        )
        setup_date_edit(ui.verifiedOnEdit)
        ui.verifiedOnEdit.setDate(to_qdate(today()))
        if action.completed_on is not None:
            ui.verifiedOnEdit.setMinimumDate(to_qdate(action.completed_on))
        ui.verifiedOnEdit.setMaximumDate(to_qdate(today()))
        _people(ui.verifiedByCombo, people, checker, "(choose who checked)")
        ok_button(ui.buttonBox).setText("Record the check")
        show_problems(ui.problemsLabel, [])
        fit_height(self)
        ui.effectiveRadio.setFocus()

    def values(self) -> tuple[dt.date, int, bool, str]:
        ui = self.ui
        return (
            from_qdate(ui.verifiedOnEdit.date()),
            ui.verifiedByCombo.currentData(),
            ui.effectiveRadio.isChecked(),
            ui.noteEdit.toPlainText().strip(),
        )

    def accept(self) -> None:
        ui = self.ui
        problems = []
        if ui.verifiedByCombo.currentData() is None:
            problems.append("Checked by: say who checked the effectiveness.")
        if not (ui.effectiveRadio.isChecked() or ui.notEffectiveRadio.isChecked()):
            problems.append("Result: say whether the action was effective.")
        if not ui.noteEdit.toPlainText().strip():
            problems.append("What was looked at: say what the judgement rests on.")
        show_problems(ui.problemsLabel, problems)
        if not problems:
            super().accept()
