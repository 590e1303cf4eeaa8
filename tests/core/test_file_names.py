"""File names the app makes up (suggested in save dialogs) are legal on every system."""

from __future__ import annotations

import pytest

from qmsdesk.core.text import legal_file_name

WINDOWS_REFUSES = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


@pytest.mark.parametrize(
    ("name", "legal"),
    [
        ("Audit checklist IA/2026:03.pdf", "Audit checklist IA-2026-03.pdf"),
        ('Minutes "MR-2026" <draft>?.pdf', "Minutes -MR-2026- -draft--.pdf"),
        ("Training record a|b*c.xlsx", "Training record a-b-c.xlsx"),
        ("CON.pdf", "_CON.pdf"),
        ("lpt1", "_lpt1"),
        ("Ends with a dot. .pdf", "Ends with a dot.pdf"),
        ("tab\there\nand there.xlsx", "tab-here-and there.xlsx"),
        ("Łukasz Żółć – record.pdf", "Łukasz Żółć – record.pdf"),
        ("???.pdf", "---.pdf"),
        ("...", "Untitled"),
        ("Master list v1.2 draft", "Master list v1.2 draft"),
    ],
)
def test_names_are_made_legal(name: str, legal: str) -> None:
    assert legal_file_name(name) == legal


def test_long_names_are_shortened_before_the_extension() -> None:
    result = legal_file_name("Minutes " + "x" * 300 + ".pdf")
    assert result.endswith(".pdf") and len(result) == 124
    assert not set(result) & WINDOWS_REFUSES
