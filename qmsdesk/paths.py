"""Where things live: the user's data folder, bundled resources, and a company's side folder."""

from __future__ import annotations

import sys
from pathlib import Path

from qmsdesk import APP_ID, FILE_SUFFIX, ORG_NAME


def resources_dir() -> Path:
    """The fonts and icons: inside the bundle when frozen, inside the installed package
    (``qmsdesk/resources/``, put there from the checkout's ``resources/`` when the wheel is
    built), else the checkout's own ``resources/`` beside the package."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    if (installed / "fonts").is_dir():
        return installed
    return package.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def user_data_dir() -> Path:
    """Per-user data folder (created on demand): default company file, logs."""
    # Imported here: the window's first paint needs no user folder when a file is given.
    import platformdirs

    path = Path(platformdirs.user_data_dir(APP_ID, ORG_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> Path:
    return user_data_dir() / f"Demo company{FILE_SUFFIX}"


def company_dir(db_path: Path) -> Path:
    """The folder beside a company file that holds its attachments and backups.

    `acme.qmsdb` keeps its files in `acme_files/` in the same folder, so that copying the two
    together moves a whole company.
    """
    return db_path.with_name(f"{db_path.stem}_files")


def attachments_dir(db_path: Path) -> Path:
    return company_dir(db_path) / "attachments"


def backups_dir(db_path: Path) -> Path:
    return company_dir(db_path) / "backups"
