"""Document control (clause 7.5.2, 7.5.3): a document's status agrees with its revisions, and
who may approve a revision.

An approved / effective document has a revision in force with its approver and date; a document
in review has a draft revision waiting for approval; a draft document has no revision in force.
The approver of a revision is someone other than its author, unless the company setting
"one-person company: allow approving your own work" is on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from qmsdesk.core.text import clean, fold
from qmsdesk.core.vocab import STATUS_LABELS, DocStatus, RevisionStatus

#: Who approved a revision that was approved before the register was kept in QMS Desk.
PRE_QMS_APPROVER = "approved before QMS Desk"
#: The change summaries of the revision a document entered as approved, or in review, gets.
IN_FORCE_SUMMARY = "In force when the document was entered in QMS Desk"
IN_REVIEW_SUMMARY = "In review when the document was entered in QMS Desk"
PLACEHOLDER_SUMMARIES = (IN_FORCE_SUMMARY, IN_REVIEW_SUMMARY)


@dataclass(frozen=True)
class Approval:
    """Who approved a document's revision in force, and when."""

    approved_by: str
    approved_on: dt.date


def status_problem(
    code: str, status: DocStatus, revision_statuses: Collection[RevisionStatus]
) -> str | None:
    """Why `status` disagrees with the document's revisions (None: it agrees)."""
    label = STATUS_LABELS[status]
    if status == DocStatus.EFFECTIVE and RevisionStatus.EFFECTIVE not in revision_statuses:
        return (
            f"Status: {code} cannot be made '{label}' by editing it: a document takes effect "
            "when one of its revisions is approved (Revise, then Approve)."
        )
    if status == DocStatus.IN_REVIEW and RevisionStatus.DRAFT not in revision_statuses:
        return (
            f"Status: {code} is '{label}' only while a draft revision waits for approval; "
            "add the draft revision first (Revise)."
        )
    if status == DocStatus.DRAFT and RevisionStatus.EFFECTIVE in revision_statuses:
        return (
            f"Status: {code} has a revision in force, so it is not a draft: revise it, or make "
            "it obsolete."
        )
    return None


def approver_problem(approver: str, author: str, self_approval: bool) -> str | None:
    """Why `approver` may not approve a revision written by `author` (None: they may)."""
    if self_approval or not clean(author) or fold(clean(approver)) != fold(clean(author)):
        return None
    return (
        f"Approved by: {clean(author)} wrote this revision; someone else approves it (or turn "
        "on 'One-person company: allow approving your own work' in Preferences)."
    )


def approval_problems(approval: Approval | None, on: dt.date) -> list[str]:
    if approval is None:
        return [
            "Approved by: an approved / effective document needs its approval: say who approved "
            "the revision in force and when."
        ]
    problems = []
    if not clean(approval.approved_by):
        problems.append("Approved by: say who approved the revision in force.")
    elif len(clean(approval.approved_by)) > 80:
        problems.append("Approved by: at most 80 characters are allowed.")
    if approval.approved_on > on:
        problems.append("Approved on: cannot be in the future.")
    return problems
