"""Company-wide settings kept in the company file: the name and logo printed in report headers,
the date format."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qmsdesk.core import dates
from qmsdesk.core.backups import BackupPolicy, setting_int
from qmsdesk.core.db.models import Setting
from qmsdesk.core.errors import ValidationError

NAME_KEY = "company_name"
LOGO_KEY = "company_logo"
LOGO_MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class CompanyInfo:
    name: str
    logo: bytes | None  # PNG or JPEG bytes


def get_info(session: Session) -> CompanyInfo:
    rows = {
        s.key: s
        for s in session.scalars(select(Setting).where(Setting.key.in_([NAME_KEY, LOGO_KEY])))
    }
    name_row, logo_row = rows.get(NAME_KEY), rows.get(LOGO_KEY)
    return CompanyInfo(
        name=(name_row.value or "") if name_row else "",
        logo=logo_row.data if logo_row else None,
    )


def set_name(session: Session, name: str) -> None:
    name = name.strip()
    if len(name) > 120:
        raise ValidationError("Company name: at most 120 characters are allowed.")
    session.merge(Setting(key=NAME_KEY, value=name))


def set_logo(session: Session, data: bytes | None) -> None:
    """Store a PNG or JPEG logo (None removes it)."""
    if data is None:
        row = session.get(Setting, LOGO_KEY)
        if row is not None:
            session.delete(row)
        return
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError("Company logo: the picture is larger than 2 MB; use a smaller one.")
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8")):
        raise ValidationError("Company logo: use a PNG or JPEG picture.")
    session.merge(Setting(key=LOGO_KEY, data=data))


def get_int(session: Session, key: str, default: int) -> int:
    """A whole-number company setting (a window in days, a number of backups...)."""
    row = session.get(Setting, key)
    try:
        return int(row.value) if row is not None and row.value is not None else default
    except ValueError:
        return default


def set_int(session: Session, key: str, value: int, low: int, high: int, label: str) -> None:
    if not low <= value <= high:
        raise ValidationError(f"{label}: use a whole number from {low} to {high}.")
    session.merge(Setting(key=key, value=str(value)))


BACKUP_KEEP_LAST = "backup_keep_last"
BACKUP_KEEP_DAILY_DAYS = "backup_keep_daily_days"


def backup_policy(session: Session) -> BackupPolicy:
    """The policy stored in the file; a value outside the range Preferences allows (a file edited
    outside the app) is read as the default."""
    defaults = BackupPolicy()
    return BackupPolicy(
        keep_last=setting_int(
            BACKUP_KEEP_LAST,
            get_int(session, BACKUP_KEEP_LAST, defaults.keep_last),
            defaults.keep_last,
        ),
        keep_daily_days=setting_int(
            BACKUP_KEEP_DAILY_DAYS,
            get_int(session, BACKUP_KEEP_DAILY_DAYS, defaults.keep_daily_days),
            defaults.keep_daily_days,
        ),
    )


def set_backup_policy(session: Session, policy: BackupPolicy) -> None:
    set_int(session, BACKUP_KEEP_LAST, policy.keep_last, 1, 1000, "Backups to keep")
    set_int(
        session, BACKUP_KEEP_DAILY_DAYS, policy.keep_daily_days, 0, 3650, "Days with a daily backup"
    )


#: "One-person company: allow approving your own work". Off (the default), the approver of a
#: document revision and the verifier of an action must be someone other than its author or owner.
SELF_APPROVAL = "allow_self_approval"
SELF_APPROVAL_LABEL = "One-person company: allow approving your own work"


def get_flag(session: Session, key: str, default: bool = False) -> bool:
    """A yes/no company setting."""
    row = session.get(Setting, key)
    if row is None or row.value is None:
        return default
    return row.value.strip() == "1"


def set_flag(session: Session, key: str, value: bool) -> None:
    session.merge(Setting(key=key, value="1" if value else "0"))


def allows_self_approval(session: Session) -> bool:
    return get_flag(session, SELF_APPROVAL)


def set_self_approval(session: Session, allowed: bool) -> None:
    set_flag(session, SELF_APPROVAL, allowed)


DATE_STYLE_KEY = "date_style"


def date_style(session: Session) -> str:
    """How the company shows dates (a key of qmsdesk.core.dates.DATE_STYLES); an unknown value (a
    file edited outside the app) is read as the default."""
    row = session.get(Setting, DATE_STYLE_KEY)
    if row is None or not row.value:
        return dates.DEFAULT_STYLE
    return dates.date_style(row.value).key


def set_date_style(session: Session, key: str) -> None:
    if key not in {s.key for s in dates.DATE_STYLES}:
        choices = ", ".join(s.label for s in dates.DATE_STYLES)
        raise ValidationError(f"Date format: choose one of {choices}.")
    session.merge(Setting(key=DATE_STYLE_KEY, value=key))
