"""The window's own dialogs: Edit > Preferences, Help > QMS Desk Help and Help > About.

As for the main window, the core is imported inside the functions (see qmsdesk.gui.main_window).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from qmsdesk import APP_NAME, __version__, paths
from qmsdesk.core.errors import QmsError
from qmsdesk.gui.workers import show_problem

if TYPE_CHECKING:
    from qmsdesk.core.db import Database
    from qmsdesk.gui.settings import Settings


def edit_preferences(
    parent: QWidget, settings: Settings, db: Database | None, *, read_only: bool
) -> bool:
    """Edit > Preferences: the user's name (kept in the settings), the company's name, logo and
    date format (kept in the open file, unless it is read-only). True when the date format
    changed (the registers then show their dates again)."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    from qmsdesk.core import company, dates
    from qmsdesk.gui import dialogs

    info = company.CompanyInfo("", None)
    allowed = False
    style = dates.current_style()
    if db is not None:
        with db.read() as session:
            info = company.get_info(session)
            allowed = company.allows_self_approval(session)
            style = company.date_style(session)
    dialog = dialogs.PreferencesDialog(
        parent,
        user_name=settings.user_name,
        company=info,
        self_approval=allowed,
        date_style=style,
    )
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if not accepted:
        return False
    user, name, logo = dialog.values()
    self_approval = dialog.self_approval()
    chosen_style = dialog.date_style()
    if user:
        settings.user_name = user
    if db is None or (name, logo, self_approval, chosen_style) == (
        info.name,
        info.logo,
        allowed,
        style,
    ):
        return False
    if read_only:
        QMessageBox.information(
            parent,
            "Preferences",
            "Your name was saved. The company name, logo and settings are kept in the company "
            "file, which is open read-only, so they were not changed.",
        )
        return False
    try:
        with db.write() as session:
            if name != info.name:
                company.set_name(session, name)
            if logo != info.logo:
                company.set_logo(session, logo)
            if self_approval != allowed:
                company.set_self_approval(session, self_approval)
            if chosen_style != style:
                company.set_date_style(session, chosen_style)
    except QmsError as exc:
        show_problem(parent, "Cannot save the company details", exc)
        return False
    dates.use_style(chosen_style)
    return chosen_style != style


def show_help(parent: QWidget) -> QDialog:
    """Help > QMS Desk Help, beside the window (not modal); the dialog is returned."""
    from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser

    from qmsdesk.gui.help import HELP_HTML

    dialog = QDialog(parent)
    dialog.setWindowTitle("QMS Desk Help")
    layout = QVBoxLayout(dialog)
    browser = QTextBrowser()
    # Break lines at spaces only: never inside a reference or a word ('programmin g').
    browser.setWordWrapMode(QTextOption.WrapMode.WordWrap)
    browser.setOpenExternalLinks(True)
    browser.setHtml(HELP_HTML)
    layout.addWidget(browser)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(720, 640)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_about(parent: QWidget, db_path: Path | None) -> None:
    """Help > About: the version, the open file, the data folder."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtWidgets import QMessageBox

    where = escape(str(db_path)) if db_path else "no file open"
    QMessageBox.about(
        parent,
        f"About {APP_NAME}",
        f"<h3>{APP_NAME} {escape(__version__)}</h3>"
        "<p>Keeps the evidence of an ISO 9001:2015 quality management system in one file per "
        "company, on your own computer: the scope, context, risks and objectives, the controlled "
        "documents, training and competence, the operations' records, internal audits, "
        "management reviews and the actions that improve the system, with Excel exchange and "
        "printed reports for each.</p>"
        f"<p>Company file: {where}<br>"
        f"Your data folder: {escape(str(paths.user_data_dir()))}</p>"
        f"<p>Built with Qt for Python (PySide6 {escape(pyside_version)}).</p>",
    )
