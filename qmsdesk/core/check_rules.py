"""The controls a certification auditor checks first, applied to a whole company file: records that
break them (written by an older version of QMS Desk, or edited outside it) are reported by
``qmsdesk check``. Plain SQL that any engine reads; the file is at the head schema here."""

from __future__ import annotations

import sqlite3

_SAMPLE = 5  # references named per problem


def _named(conn: sqlite3.Connection, sql: str) -> list[str]:
    return [str(row[0]) for row in conn.execute(sql)]


def _listed(refs: list[str]) -> str:
    shown = ", ".join(refs[:_SAMPLE])
    return shown + (f" and {len(refs) - _SAMPLE} more" if len(refs) > _SAMPLE else "")


def _self_approval(conn: sqlite3.Connection) -> bool:
    from qmsdesk.core.company import SELF_APPROVAL  # the models, only when a file is checked

    row = conn.execute("SELECT value FROM settings WHERE key = ?", (SELF_APPROVAL,)).fetchone()
    return row is not None and str(row[0]).strip() == "1"


def document_problems(conn: sqlite3.Connection) -> list[str]:
    """Effective documents without an approved revision in force; documents in review with no
    draft; revisions in force approved by their own author."""
    problems = []
    unapproved = _named(
        conn,
        "SELECT d.code FROM documents d WHERE d.status = 'effective' AND NOT EXISTS ("
        " SELECT 1 FROM revisions r WHERE r.document_id = d.id AND r.status = 'effective'"
        " AND r.approved_by != '' AND r.approved_on IS NOT NULL) ORDER BY d.code",
    )
    if unapproved:
        problems.append(
            f"{len(unapproved)} effective document(s) without an approved revision in force "
            f"(who approved it and when): {_listed(unapproved)}. Record the revision and its "
            "approval, or set the document back to draft."
        )
    no_draft = _named(
        conn,
        "SELECT d.code FROM documents d WHERE d.status = 'in_review' AND NOT EXISTS ("
        " SELECT 1 FROM revisions r WHERE r.document_id = d.id AND r.status = 'draft')"
        " ORDER BY d.code",
    )
    if no_draft:
        problems.append(
            f"{len(no_draft)} document(s) in review without a draft revision to approve: "
            f"{_listed(no_draft)}."
        )
    if not _self_approval(conn):
        own = _named(
            conn,
            "SELECT d.code || ' rev. ' || r.label FROM revisions r JOIN documents d"
            " ON d.id = r.document_id WHERE r.status != 'draft' AND r.author != ''"
            " AND lower(trim(r.author)) = lower(trim(r.approved_by)) ORDER BY d.code",
        )
        if own:
            problems.append(f"{len(own)} revision(s) approved by their own author: {_listed(own)}.")
    return problems


def action_problems(conn: sqlite3.Connection) -> list[str]:
    """Closed corrective actions without an independent verification after completion, without
    an owner, or without a correction or the reason none was needed."""
    closed = "a.kind = 'corrective' AND a.status = 'closed'"
    problems = []
    unverified = _named(
        conn,
        f"SELECT a.reference FROM actions a WHERE {closed} AND (a.verified_on IS NULL"
        " OR a.verified_by_id IS NULL OR a.effective IS NULL OR a.effective != 1)"
        " ORDER BY a.reference",
    )
    if unverified:
        problems.append(
            f"{len(unverified)} closed corrective action(s) without a verification of their "
            f"effectiveness: {_listed(unverified)}."
        )
    if not _self_approval(conn):
        own = _named(
            conn,
            f"SELECT a.reference FROM actions a WHERE {closed}"
            " AND a.verified_by_id = a.owner_id ORDER BY a.reference",
        )
        if own:
            problems.append(
                f"{len(own)} closed corrective action(s) verified by their own owner: "
                f"{_listed(own)}."
            )
    early = _named(
        conn,
        f"SELECT a.reference FROM actions a WHERE {closed} AND a.verified_on IS NOT NULL"
        " AND (a.completed_on IS NULL OR a.verified_on <= a.completed_on) ORDER BY a.reference",
    )
    if early:
        problems.append(
            f"{len(early)} closed corrective action(s) verified on or before the day they were "
            f"carried out: {_listed(early)}."
        )
    ownerless = _named(
        conn,
        f"SELECT a.reference FROM actions a WHERE {closed} AND a.owner_id IS NULL"
        " ORDER BY a.reference",
    )
    if ownerless:
        problems.append(
            f"{len(ownerless)} closed corrective action(s) with no owner: {_listed(ownerless)}."
        )
    uncorrected = _named(
        conn,
        f"SELECT a.reference FROM actions a WHERE {closed} AND trim(a.correction) = ''"
        " AND trim(a.no_correction_reason) = '' ORDER BY a.reference",
    )
    if uncorrected:
        problems.append(
            f"{len(uncorrected)} closed corrective action(s) with neither a correction nor the "
            f"reason none was needed: {_listed(uncorrected)}."
        )
    return problems


def rule_problems(conn: sqlite3.Connection) -> list[str]:
    return document_problems(conn) + action_problems(conn)
