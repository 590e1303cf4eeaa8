"""The due list as an iCalendar file (RFC 5545) that Outlook, Thunderbird and Google Calendar
import: reminders without a mail server.

One all-day event per due item, on its due date. Each event's UID is the item's stable
:attr:`qmsdesk.core.due.DueItem.uid` (register, record and what is due), so that importing a newer
file updates the events already there instead of adding them again. Written with the `icalendar`
library (folding, escaping and line ends as the RFC wants them), atomically.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Sequence
from pathlib import Path

from qmsdesk import APP_NAME, __version__
from qmsdesk.core.due import DueItem
from qmsdesk.core.errors import QmsError

REGISTER_NAMES = {
    "documents": "Documents",
    "training": "Training",
    "audits": "Audits",
    "actions": "Actions",
    "reviews": "Management reviews",
}


def register_name(word: str) -> str:
    return REGISTER_NAMES.get(word, word.replace("-", " ").replace("_", " ").capitalize())


def calendar_bytes(
    items: Sequence[DueItem], on: dt.date, company: str = "", stamp: dt.datetime | None = None
) -> bytes:
    from icalendar import Calendar, Event

    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", f"-//{APP_NAME}//{__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{company or APP_NAME}: what is due")
    seen: set[str] = set()
    for item in items:
        if item.uid in seen:  # one event per UID, or a calendar would refuse the file
            continue
        seen.add(item.uid)
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        late = "OVERDUE: " if item.overdue(on) else ""
        event.add("summary", f"{late}{item.what}: {item.reference} {item.title}".strip())
        lines = [f"Register: {register_name(item.register)}", f"Due: {item.due.isoformat()}"]
        if item.owner:
            lines.append(f"Owner: {item.owner}")
        event.add("description", "\n".join(lines))
        event.add("categories", [register_name(item.register)])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())


def write_calendar(path: Path, items: Sequence[DueItem], on: dt.date, company: str = "") -> Path:
    """Write the items to `path` (replaced atomically); a clear error when it cannot be."""
    path = Path(path)
    if not path.parent.is_dir():
        raise QmsError(f"Cannot write {path.name}: the folder {path.parent} does not exist.")
    if path.is_dir():
        raise QmsError(f"Cannot write {path}: a folder of that name is there.")
    data = calendar_bytes(items, on, company)
    temp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.partial")
    try:
        temp.write_bytes(data)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise QmsError(f"Cannot write {path.name}: {exc.strerror or exc}.") from exc
    return path
