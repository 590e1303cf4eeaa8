"""The certification audit pack: one PDF with a cover, a table of contents and PDF bookmarks,
its sections indexed by clause (scope, policy, documents, training, audits, the management review,
actions, readiness...), built from the registers' own report stories; with ``zip``, a ZIP of the
pack, every attached file it refers to and a manifest of their SHA-256.

The cover prints the change history's head (its length and newest hash, as approved minutes do
and ``qmsdesk check`` prints), so the paper anchors the history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import os
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable, PageBreak, Spacer

from qmsdesk.core import attachments, company, history, readiness
from qmsdesk.core.dates import today
from qmsdesk.core.errors import QmsError, ValidationError
from qmsdesk.core.exchange import pdf
from qmsdesk.core.exchange.actions_pdf import day_param, refuse_other_params
from qmsdesk.core.exchange.audit_pack.pages import PackReport
from qmsdesk.core.exchange.audit_pack.sections import (
    PACK_SECTIONS,
    PackContext,
    PackFile,
    PackSection,
)
from qmsdesk.core.readiness.context import Context

if TYPE_CHECKING:
    from qmsdesk.core.db import Database

__all__ = ["PACK_SECTIONS", "PackContext", "PackFile", "PackSection", "write_pack"]

TITLE = "Certification audit pack"
MANIFEST = "MANIFEST.txt"


def _yes(value: object) -> bool:
    return value is True or str(value or "").strip().lower() in ("yes", "y", "true", "1")


def _cover(
    report: PackReport, name: str, result: readiness.Readiness, head: tuple[int, str], on: dt.date
) -> list[Flowable]:
    st = pdf.styles()
    counts = ", ".join(
        f"{result.count(s)} {readiness.STATE_LABELS[s].lower()}" for s in readiness.State
    )
    length, newest = head
    return [
        Spacer(1, 40),
        pdf.rich(f'<font size="24"><b>{pdf.markup(TITLE)}</b></font>', st.body),
        Spacer(1, 22),
        pdf.rich(f'<font size="15">{pdf.markup(name or "(company name not set)")}</font>', st.body),
        Spacer(1, 14),
        pdf.key_values(
            [
                ("Standard", result.edition),
                ("Prepared on", on.isoformat()),
                ("Readiness", f"{result.percent}% of the applicable clauses ({counts})"),
                ("Change history", f"{length:,} entries; the newest has the hash {newest}"),
            ],
            report.frame_width * 0.8,
        ),
        Spacer(1, 16),
        pdf.paragraph(
            "Every section was printed from the company file on the day above and is indexed by "
            "the clause of the standard it gives evidence for. Compare the change history's head "
            "with what 'qmsdesk check' prints to show that no entry was altered since.",
            st.muted,
        ),
    ]


def _sections(pack: PackContext) -> list[PackSection]:
    found: list[PackSection] = []
    for target in PACK_SECTIONS:
        module, _, name = target.partition(":")
        build: Callable[[PackContext], list[PackSection]] = getattr(
            importlib.import_module(module), name
        )
        found.extend(build(pack))
    return found


def _section_title(section: PackSection) -> str:
    return f"{section.clause}  {section.title}" if section.clause else section.title


def write_pack(
    db: Database,
    out: Path,
    *,
    progress: pdf.Progress | None = None,
    zip: str | Path | None = None,
    force: str | bool = "no",
    on: dt.date | str | None = None,
    printed: dt.datetime | None = None,
    **params: Any,
) -> Path:
    """Write the pack to `out`; with `zip`, also a ZIP of it, its attached files and a manifest
    (a ZIP that exists is refused unless `force`)."""
    refuse_other_params(params, "audit pack", "zip=FILE.zip, force=yes, on=DATE")
    out = Path(out)
    zip_path = Path(zip) if zip not in (None, "") else None
    if zip_path is not None:
        if zip_path.suffix.lower() != ".zip":
            raise ValidationError(f"zip: {zip_path.name} should end in .zip.")
        if zip_path.exists() and not _yes(force):
            raise QmsError(
                f"{zip_path} exists already; give --force to replace it, or another name."
            )
        if not zip_path.parent.is_dir():
            raise QmsError(
                f"Cannot write {zip_path.name}: the folder {zip_path.parent} does not exist."
            )
    day = day_param(on) or today()
    with db.read() as session:
        info = company.get_info(session)
        ctx = Context(session, day)
        result = readiness.evaluate(session, day, context=ctx)
        head = history.head(session)
        report = PackReport(
            title=TITLE,
            subtitle=f"{info.name} · {result.edition} · {day.isoformat()}",
            company=info.name,
            logo=info.logo,
            page_size=pdf.PageSize.A4_LANDSCAPE,
            printed=printed,
        )
        pack = PackContext(
            session, day, report.frame_width, report.frame_height, report, result, ctx
        )
        sections = _sections(pack)
    story = _cover(report, info.name, result, head, day)
    story += [PageBreak(), pdf.heading("Contents")]
    report.contents_top = report.body_top - 40
    story += [Spacer(1, report.frame_height - 40), PageBreak()]
    for n, section in enumerate(sections):
        if n:
            story.append(PageBreak())
        story.append(report.mark(_section_title(section)))
        story.append(pdf.heading(_section_title(section)))
        story.extend(section.story)
        for title, part in section.parts:
            part_story = list(part)
            # The bookmark goes after the page break that opens the part.
            at = 1 if part_story and isinstance(part_story[0], PageBreak) else 0
            part_story[at:at] = [report.mark(title, 1), pdf.heading(title, 2)]
            story.extend(part_story)
    report.build(story, out, progress=progress)
    if zip_path is not None:
        write_zip(zip_path, out, [f for s in sections for f in s.files], db.attachments_dir)
    return out


def write_zip(target: Path, pdf_path: Path, files: list[PackFile], folder: Path) -> Path:
    """The pack, every file it refers to (once each) and a manifest with each file's SHA-256,
    as found in the folder now and as recorded; written beside `target`, then renamed."""
    temp = target.with_name(f".{target.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.partial")
    lines = [f"{TITLE}: the files it refers to, with their SHA-256.", ""]
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(pdf_path, pdf_path.name)
            lines.append(f"{_sha256(pdf_path)}  {pdf_path.name}  (the pack)")
            seen: set[str] = set()
            for f in files:
                if f.relpath in seen:
                    continue
                seen.add(f.relpath)
                inside = f"attachments/{PurePosixPath(f.relpath).as_posix()}"
                try:
                    source = attachments.resolve(folder, f.relpath)
                except QmsError:
                    lines.append(f"{'-' * 64}  {inside}  MISSING: outside the folder ({f.record})")
                    continue
                if not source.is_file():
                    lines.append(f"{'-' * 64}  {inside}  MISSING ({f.record}: {f.name})")
                    continue
                digest = _sha256(source)
                note = (
                    "" if not f.sha256 or digest == f.sha256 else f"  CHANGED: recorded {f.sha256}"
                )
                archive.write(source, inside)
                lines.append(f"{digest}  {inside}  ({f.record}: {f.name}){note}")
            archive.writestr(MANIFEST, "\n".join(lines) + "\n")
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise QmsError(f"Cannot write {target.name}: {exc.strerror or exc}.") from exc
    return target


def _sha256(path: Path) -> str:
    return attachments.sha256_of(path) if path.is_file() else hashlib.sha256(b"").hexdigest()
