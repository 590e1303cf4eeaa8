"""Small text helpers shared by services and importers."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, accent-keeping fold for search: 'ŁUKASZ' and 'łukasz' match."""
    return unicodedata.normalize("NFC", text).casefold()


def clean(text: object) -> str:
    """Trim a user's text and collapse inner runs of whitespace (line breaks are kept in notes)."""
    if text is None:
        return ""
    return str(text).strip()


def normalise_header(text: object) -> str:
    """Header matching that forgives case, spacing, underscores and punctuation."""
    raw = fold(str(text or ""))
    return _SPACES.sub(" ", re.sub(r"[_\-./()]+", " ", raw)).strip()
