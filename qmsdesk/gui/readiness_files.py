"""The window's File menu additions of the readiness work, and the due count in its status bar.

- File > Export Calendar…: the due list across every register as an iCalendar file (importing a
  newer one updates the events, see :mod:`qmsdesk.core.calendar`).
- File > Certification Audit Pack…: one PDF (and, if asked, a ZIP with every attached file and a
  manifest of their SHA-256; a ZIP that exists is replaced only when the user says so).
- The home tab's due count ("3 overdue · 12 due") in the status bar, from the start.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from qmsdesk.gui.file_jobs import PDF_FILTER

CALENDAR_FILTER = "iCalendar files (*.ics)"
ZIP_FILTER = "ZIP archives (*.zip)"
CALENDAR_DAYS = 90


def _stamp() -> str:
    return dt.date.today().isoformat()


class ReadinessFiles(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        # The main window (it imports this module): its registers, tabs, db, file jobs.
        self.window: Any = window
        self.calendar_action = QAction("Export &Calendar…", window)
        self.calendar_action.setStatusTip(
            "Write what falls due in the next 90 days as a calendar file for Outlook, "
            "Thunderbird or Google Calendar"
        )
        self.calendar_action.triggered.connect(lambda _c=False: self.export_calendar())
        self.pack_action = QAction("Certification Audit &Pack…", window)
        self.pack_action.setStatusTip(
            "One PDF for the certification auditor: scope, policy, documents, training, audits, "
            "the management review, actions and readiness, indexed by clause"
        )
        self.pack_action.triggered.connect(lambda _c=False: self.audit_pack())
        self.due_label = QLabel()
        self.due_label.setObjectName("dueLabel")
        self.due_label.setToolTip("What is overdue and due within 30 days (the Home tab)")
        window.statusBar().addPermanentWidget(self.due_label)

    def add_to(self, menu: object) -> None:
        """Put the two actions in the File menu (after Print Report)."""
        menu.addAction(self.calendar_action)  # type: ignore[attr-defined]
        menu.addAction(self.pack_action)  # type: ignore[attr-defined]

    def update(self, has_db: bool) -> None:
        self.calendar_action.setEnabled(has_db)
        self.pack_action.setEnabled(has_db)
        if not has_db:
            self.due_label.setText("")

    def attach(self, register: object) -> None:
        """Hook a register that opens records or counts what is due (the home tab)."""
        from qmsdesk.gui import record_links

        opener = getattr(register, "open_record", None)
        if opener is not None:
            opener.connect(
                lambda word, record_id, kind: record_links.show_record(
                    self.window, word, record_id, kind
                )
            )
        register.changed.connect(self._data_changed)  # type: ignore[attr-defined]
        counted = getattr(register, "due_counted", None)
        if counted is not None:
            counted.connect(self.show_due_count)

    def _data_changed(self) -> None:
        from qmsdesk.gui import record_links

        home = record_links.register_for(self.window, "home")
        if home is not None and home is not self.sender():
            home.mark_stale()  # type: ignore[attr-defined]

    def show_due_count(self, overdue: int, total: int) -> None:
        self.due_label.setText(
            f"{overdue} overdue · {total - overdue} due soon" if total else "Nothing due"
        )

    # --- the files -------------------------------------------------------------------------------

    def export_calendar(self) -> Path | None:
        window, db = self.window, self.window.db
        if db is None:
            return None
        target = window.ask_save_path(
            "Export the due list as a calendar",
            f"QMS Desk due {_stamp()}.ics",
            CALENDAR_FILTER,
            ".ics",
        )
        if target is None:
            return None
        from qmsdesk.core import company, due
        from qmsdesk.core.calendar import write_calendar
        from qmsdesk.core.dates import today
        from qmsdesk.core.errors import QmsError

        on = today()
        try:
            with db.read() as session:
                items = due.due_items(session, on, CALENDAR_DAYS)
                name = company.get_info(session).name
            write_calendar(target, items, on, name)
        except QmsError as exc:
            window.file_jobs.report_error("The calendar was not written", exc)
            return None
        window.file_jobs.show_message(
            f"Wrote {target} ({len(items)} events). Import it into your calendar; importing a "
            "newer one updates them."
        )
        return target

    def audit_pack(self) -> None:
        window, db = self.window, self.window.db
        if db is None:
            return
        target = window.ask_save_path(
            "Certification audit pack",
            f"Certification audit pack {_stamp()}.pdf",
            PDF_FILTER,
            ".pdf",
        )
        if target is None:
            return
        params: dict[str, str] = {}
        answer = QMessageBox.question(
            window,
            "Certification audit pack",
            "Also write a ZIP file with the pack, every attached file it refers to and a "
            "manifest of their SHA-256?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            zip_path = window.ask_save_path(
                "Save the pack's ZIP file", target.with_suffix(".zip").name, ZIP_FILTER, ".zip"
            )
            if zip_path is None:
                return
            # The file dialog asked before replacing a file that exists.
            params = {"zip": str(zip_path), "force": "yes"}
        from qmsdesk.core.exchange import registry

        entry = registry.REPORTS["audit-pack"]

        def done(_result: object) -> None:
            where = f" and {params['zip']}" if params else ""
            window.file_jobs.show_message(f"Wrote {target}{where}.")
            window.file_jobs.open_result(
                target,
                title="Audit pack written",
                missing=f"The pack is in {target}. No PDF viewer could be started to show it.",
            )

        window.file_jobs.run(
            f"Writing {target.name}…",
            lambda progress: entry.write(db, target, progress=progress, **params),
            done,
            "The audit pack was not written",
        )
