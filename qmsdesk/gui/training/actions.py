"""The training tab's actions, its menus and its toolbar, declared (see
:class:`qmsdesk.gui.register_tab.RegisterTab`)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QStyle

from qmsdesk.gui import icons
from qmsdesk.gui.register_tab import ActionSpec
from qmsdesk.gui.training.commands import TrainingCommands

_SP = QStyle.StandardPixmap


class TrainingActions(TrainingCommands):
    """The actions (with their shortcuts, icons and tips), as menus and the toolbar list them."""

    toolbar_title = "Training actions"

    ACTIONS = (
        ActionSpec(
            "record_action",
            "&Record training…",
            "record_training",
            "Ctrl+Shift+T",
            lambda: icons.letter_icon("✓", "#2e7d32"),
            "Record a training session for one person or many",
            button="Record training",
        ),
        ActionSpec(
            "new_person_action",
            "&New person…",
            "new_person",
            "Ctrl+Shift+N",
            lambda: icons.standard(_SP.SP_FileIcon),
            "Add a person",
            button="New person",
        ),
        ActionSpec(
            "edit_person_action",
            "&Edit person…",
            "edit_person",
            "F2",
            lambda: icons.standard(_SP.SP_FileDialogDetailedView),
            "Change the selected person's details, roles or leaving date",
            button="Edit person",
        ),
        ActionSpec(
            "delete_person_action",
            "&Delete person…",
            "delete_person",
            QKeySequence.StandardKey.Delete,
            lambda: icons.standard(_SP.SP_TrashIcon),
            "Delete a person entered by mistake (someone with records gets a leaving date)",
            button="Delete person",
        ),
        ActionSpec(
            "requirements_action",
            "&Who needs what…",
            "edit_requirements",
            "Ctrl+Shift+W",
            lambda: icons.letter_icon("W", "#1565c0"),
            "Set the training each job role (or one person) needs, and at what level",
            button="Who needs what",
        ),
        ActionSpec(
            "new_item_action",
            "New training &item…",
            "new_item",
            None,
            None,
            "Add a course or a competence",
            button="New item",
        ),
        ActionSpec(
            "edit_item_action",
            "Edit training i&tem…",
            "edit_item",
            None,
            None,
            "Change the selected training item",
            button="Edit item",
        ),
        ActionSpec(
            "archive_item_action",
            "&Archive or restore item",
            "toggle_archive_item",
            None,
            None,
            "Archive the selected item (it leaves the matrix, its records stay), or restore it",
            button="Archive / restore",
        ),
        ActionSpec(
            "delete_item_action",
            "Delete training ite&m…",
            "delete_item",
            None,
            None,
            "Delete an item entered by mistake (an item with records can only be archived)",
            button="Delete item",
        ),
        ActionSpec(
            "catalogue_action",
            "Add the &starter catalogue",
            "add_catalogue",
            None,
            None,
            "Add the ISO 9001 training items that ship with QMS Desk (awareness, principles, "
            "clauses 4 to 10, document control, internal auditor…)",
            button="Add starter catalogue",
        ),
        ActionSpec(
            "edit_record_action",
            "Edit training re&cord…",
            "edit_record",
            None,
            None,
            "Correct the selected record or add its effectiveness check",
            button="Edit record",
        ),
        ActionSpec(
            "delete_record_action",
            "Delete training rec&ord…",
            "delete_record",
            None,
            None,
            "Delete a record entered by mistake",
            button="Delete record",
        ),
        ActionSpec(
            "print_person_action",
            "Print training record of the &person…",
            "print_person_record",
            None,
            lambda: icons.standard(_SP.SP_FileDialogContentsView),
            "A PDF of the selected person's training record, for an auditor",
            button="Print person's record",
            writes=False,
        ),
        ActionSpec(
            "print_due_action",
            "Print the d&ue list…",
            "print_due",
            None,
            None,
            "A PDF of the training that has expired, expires soon or must be redone",
            button="Print",
            writes=False,
        ),
        ActionSpec(
            "export_due_action",
            "E&xport the due list to Excel…",
            "export_due",
            None,
            None,
            "The due list as an Excel workbook",
            button="Export to Excel",
            writes=False,
        ),
        ActionSpec(
            "window_action",
            "Expiring-soo&n window…",
            "set_window",
            None,
            None,
            "How many days before expiry training shows as expiring soon",
        ),
        ActionSpec(
            "history_action",
            "&History of the person…",
            "show_history",
            "Ctrl+H",
            lambda: icons.standard(_SP.SP_FileDialogContentsView),
            "Every change recorded for the selected person",
            writes=False,
        ),
    )
    EDIT_ACTIONS = ("new_person_action", "edit_person_action", "delete_person_action")
    MENU_ACTIONS = (
        "record_action",
        "requirements_action",
        None,
        "new_item_action",
        "edit_item_action",
        "archive_item_action",
        "delete_item_action",
        "catalogue_action",
        None,
        "edit_record_action",
        "delete_record_action",
        None,
        "print_person_action",
        "print_due_action",
        "export_due_action",
        None,
        "history_action",
        "window_action",
    )
    TOOLBAR = (
        "record_action",
        None,
        "new_person_action",
        "edit_person_action",
        "delete_person_action",
        None,
        "requirements_action",
        "print_person_action",
    )

    def build_actions(self) -> None:
        """The declared actions; each has its short text from the start, for the toolbar and the
        panes' buttons (which show it)."""
        super().build_actions()
        for spec in self.ACTIONS:
            if spec.button:
                self.action(spec.name).setIconText(spec.button)
