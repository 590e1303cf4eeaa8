"""The user's own settings, kept by Qt (QSettings): name, recent files, window layout, last folder.

Company-wide settings (company name and logo) live in the company file instead
(qmsdesk.core.company).
Settings are stored in an INI file on every system (not the Windows registry), so that they can be
found, copied and reset the same way everywhere.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from qmsdesk import APP_ID, ORG_NAME

MAX_RECENT = 8


def os_user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USERNAME", "") or "unknown"


class Settings:
    """A typed wrapper over QSettings; every value has a sensible default."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_ID
        )

    # --- who is working ------------------------------------------------------------------------

    @property
    def user_name(self) -> str:
        value = self.q.value("user/name", "")
        return str(value).strip() if value else os_user_name()

    @user_name.setter
    def user_name(self, name: str) -> None:
        self.q.setValue("user/name", name.strip())

    # --- files ---------------------------------------------------------------------------------

    @property
    def recent_files(self) -> list[Path]:
        value = self.q.value("files/recent", [])
        if isinstance(value, str):  # QSettings gives a one-item list back as a plain string
            value = [value]
        if not isinstance(value, list | tuple):
            return []
        return [Path(str(v)) for v in value if v][:MAX_RECENT]

    def add_recent_file(self, path: Path) -> None:
        path = Path(path).resolve()
        files = [path] + [p for p in self.recent_files if p != path]
        self.q.setValue("files/recent", [str(p) for p in files[:MAX_RECENT]])
        self.q.setValue("files/last", str(path))

    def remove_recent_file(self, path: Path) -> None:
        path = Path(path).resolve()
        self.q.setValue("files/recent", [str(p) for p in self.recent_files if p != path])

    def clear_recent_files(self) -> None:
        self.q.setValue("files/recent", [])

    @property
    def last_file(self) -> Path | None:
        value = self.q.value("files/last", "")
        return Path(str(value)) if value else None

    @property
    def last_folder(self) -> Path:
        """The folder file dialogs start in: the last one used, else the home folder."""
        value = self.q.value("files/last_folder", "")
        folder = Path(str(value)) if value else Path.home()
        return folder if folder.is_dir() else Path.home()

    @last_folder.setter
    def last_folder(self, folder: Path) -> None:
        self.q.setValue("files/last_folder", str(folder))

    # --- layout --------------------------------------------------------------------------------

    def state(self, key: str) -> QByteArray | None:
        """A saved widget state (window geometry, splitter, table header), or None."""
        value = self.q.value(f"layout/{key}")
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        return None

    def set_state(self, key: str, value: QByteArray) -> None:
        self.q.setValue(f"layout/{key}", value)

    def value(self, key: str, default: str = "") -> str:
        value = self.q.value(f"view/{key}", default)
        return str(value) if value is not None else default

    def set_value(self, key: str, value: str) -> None:
        self.q.setValue(f"view/{key}", value)

    def sync(self) -> None:
        self.q.sync()
