"""The training tab's actions, its menus and its toolbar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

from qmsdesk.gui import icons
from qmsdesk.gui.training.commands import TrainingCommands


class TrainingActions(TrainingCommands):
    """The actions (with their shortcuts, icons and tips), as menus and the toolbar list them."""

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | str | None = None,
        icon: QIcon | None = None,
        tip: str = "",
        short: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(icon)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if short:
            action.setIconText(short)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.record_action = self._action(
            "&Record training…",
            self.record_training,
            "Ctrl+Shift+T",
            icons.letter_icon("✓", "#2e7d32"),
            "Record a training session for one person or many",
            "Record training",
        )
        self.new_person_action = self._action(
            "&New person…",
            self.new_person,
            "Ctrl+Shift+N",
            icons.standard(sp.SP_FileIcon),
            "Add a person",
            "New person",
        )
        self.edit_person_action = self._action(
            "&Edit person…",
            self.edit_person,
            "F2",
            icons.standard(sp.SP_FileDialogDetailedView),
            "Change the selected person's details, roles or leaving date",
            "Edit person",
        )
        self.delete_person_action = self._action(
            "&Delete person…",
            self.delete_person,
            QKeySequence(QKeySequence.StandardKey.Delete),
            icons.standard(sp.SP_TrashIcon),
            "Delete a person entered by mistake (someone with records gets a leaving date)",
            "Delete person",
        )
        self.requirements_action = self._action(
            "&Who needs what…",
            self.edit_requirements,
            "Ctrl+Shift+W",
            icons.letter_icon("W", "#1565c0"),
            "Set the training each job role (or one person) needs, and at what level",
            "Who needs what",
        )
        self.new_item_action = self._action(
            "New training &item…",
            self.new_item,
            None,
            None,
            "Add a course or a competence",
            "New item",
        )
        self.edit_item_action = self._action(
            "Edit training i&tem…",
            self.edit_item,
            None,
            None,
            "Change the selected training item",
            "Edit item",
        )
        self.archive_item_action = self._action(
            "&Archive or restore item",
            self.toggle_archive_item,
            None,
            None,
            "Archive the selected item (it leaves the matrix, its records stay), or restore it",
            "Archive / restore",
        )
        self.delete_item_action = self._action(
            "Delete training ite&m…",
            self.delete_item,
            None,
            None,
            "Delete an item entered by mistake (an item with records can only be archived)",
            "Delete item",
        )
        self.catalogue_action = self._action(
            "Add the &starter catalogue",
            self.add_catalogue,
            None,
            None,
            "Add the ISO 9001 training items that ship with QMS Desk (awareness, principles, "
            "clauses 4 to 10, document control, internal auditor…)",
            "Add starter catalogue",
        )
        self.edit_record_action = self._action(
            "Edit training re&cord…",
            self.edit_record,
            None,
            None,
            "Correct the selected record or add its effectiveness check",
            "Edit record",
        )
        self.delete_record_action = self._action(
            "Delete training rec&ord…",
            self.delete_record,
            None,
            None,
            "Delete a record entered by mistake",
            "Delete record",
        )
        self.print_person_action = self._action(
            "Print training record of the &person…",
            self.print_person_record,
            None,
            icons.standard(sp.SP_FileDialogContentsView),
            "A PDF of the selected person's training record, for an auditor",
            "Print person's record",
        )
        self.print_due_action = self._action(
            "Print the d&ue list…",
            self.print_due,
            None,
            None,
            "A PDF of the training that has expired, expires soon or must be redone",
            "Print",
        )
        self.export_due_action = self._action(
            "E&xport the due list to Excel…",
            self.export_due,
            None,
            None,
            "The due list as an Excel workbook",
            "Export to Excel",
        )
        self.window_action = self._action(
            "Expiring-soo&n window…",
            self.set_window,
            None,
            None,
            "How many days before expiry training shows as expiring soon",
        )
        self.history_action = self._action(
            "&History of the person…",
            self.show_history,
            "Ctrl+H",
            icons.standard(sp.SP_FileDialogContentsView),
            "Every change recorded for the selected person",
        )

    def edit_actions(self) -> list[QAction]:
        return [self.new_person_action, self.edit_person_action, self.delete_person_action]

    def menu_actions(self) -> list[QAction | None]:
        return [
            self.record_action,
            self.requirements_action,
            None,
            self.new_item_action,
            self.edit_item_action,
            self.archive_item_action,
            self.delete_item_action,
            self.catalogue_action,
            None,
            self.edit_record_action,
            self.delete_record_action,
            None,
            self.print_person_action,
            self.print_due_action,
            self.export_due_action,
            None,
            self.history_action,
            self.window_action,
        ]

    def _make_toolbar(self) -> QToolBar:
        bar = QToolBar("Training actions")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(bar.iconSize() * 0.75)
        for action in (
            self.record_action,
            None,
            self.new_person_action,
            self.edit_person_action,
            self.delete_person_action,
            None,
            self.requirements_action,
            self.print_person_action,
        ):
            if action is None:
                bar.addSeparator()
            else:
                bar.addAction(action)
        return bar
