"""Small text helpers shared by services and importers."""

from __future__ import annotations

import math
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


def finite_number(value: object) -> float:
    """A number cell or a typed number as a float; ValueError for anything else, and for the
    numbers that are not finite (inf, 1e400, NaN), which no field of QMS Desk can hold."""
    number = float(str(value).strip())  # ValueError for text that is not a number
    if not math.isfinite(number):
        raise ValueError(f"'{value}' is not a number that can be used here.")
    return number


def clean_code(text: object) -> str:
    """A code (of a document, a person...) as typed or imported, without the invisible characters
    that copying from a web page or a PDF brings along (zero-width space, joiners, soft hyphen,
    byte-order mark): 'QP-01' with a zero-width space in it is the code QP-01."""
    value = clean(text)
    if value.isascii():
        return value
    kept = "".join(c for c in value if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFC", kept).strip()


def normalise_header(text: object) -> str:
    """Header matching that forgives case, spacing, underscores and punctuation."""
    raw = fold(str(text or ""))
    return _SPACES.sub(" ", re.sub(r"[_\-./()]+", " ", raw)).strip()


# Characters Windows refuses in file names (macOS and Linux refuse "/" and NUL among them), and the
# device names it reserves whatever the extension.
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10))}
    | {f"LPT{n}" for n in range(1, 10)}
)


def legal_file_name(name: str, limit: int = 120) -> str:
    """`name` made a legal file name on Windows, macOS and Linux: characters they refuse become
    "-", no trailing dot or space, no reserved device name, at most `limit` characters before the
    extension (names from a reference a user typed, such as "IA/2026:03", suggested in a dialog)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or len(suffix) > 10 or not suffix.isalnum():
        stem, suffix = name, ""
    stem = _SPACES.sub(" ", _NOT_IN_FILE_NAMES.sub("-", stem)).strip()[:limit].rstrip(" .")
    stem = stem or "Untitled"
    if stem.split(".")[0].strip().upper() in _RESERVED_NAMES:
        stem = f"_{stem}"
    return f"{stem}.{suffix}" if suffix else stem


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 document', '3 documents', '1,204 documents', '0 questions': the one way user-facing texts
    count things (no 'document(s)')."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def shown(value: object) -> str:
    """A cell value as a message quotes it: a whole number read from a workbook as a float
    (-5.0) is shown as it was typed (-5)."""
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return str(int(value))
    return clean(value)
