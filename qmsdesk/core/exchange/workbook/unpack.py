"""Unpacking a workbook's parts with their sizes bounded: the guard against zip bombs.

Unpacked, a part of a workbook may take at most MAX_PART_BYTES (a sheet of 100,000 rows by 20
columns as Excel writes it is about 100 MB), and all of them together at most MAX_WORKBOOK_BYTES: a
zip bomb (1.5 MB that expand to 1.5 GB of shared strings or whitespace) is refused before
python-calamine builds it in memory. What a part declares is checked first; a part that could
expand past the limit is unpacked here once, counting, since a hostile file can declare any size
(zipfile stops at the declared size and cannot tell; calamine reads on).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Generator
from pathlib import Path

from qmsdesk.core.errors import QmsError

_CHUNK = 1 << 20


def not_a_workbook(path: Path) -> QmsError:
    return QmsError(
        f"{path.name} is not an Excel workbook (.xlsx), or it is damaged. Export a workbook or a "
        "template from QMS Desk, or save your file in Excel as an Excel Workbook (.xlsx)."
    )


MAX_PART_BYTES = 256 << 20
MAX_WORKBOOK_BYTES = 512 << 20
_DEFLATE_RATIO = 1032  # deflate's largest expansion: no part can unpack to more than this times


class _TooLarge(QmsError):
    pass


def _too_large(path: Path, part: str, size: int | None) -> _TooLarge:
    what = f"would take {size / 1e6:,.0f} MB" if size is not None else "takes more"
    return _TooLarge(
        f"{path.name} is too large once unpacked: its part {part} {what} (at most "
        f"{MAX_PART_BYTES / 1e6:,.0f} MB a part and {MAX_WORKBOOK_BYTES / 1e6:,.0f} MB in all are "
        "read). It may be built to fill the computer's memory. If it really holds this much, "
        "split it into smaller workbooks."
    )


def check_sizes(path: Path, zf: zipfile.ZipFile) -> None:
    """The declared sizes of every part, and the real size of any part that could be larger."""
    total = 0
    for info in zf.infolist():
        if info.flag_bits & 0x1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise not_a_workbook(path)  # encrypted, or packed in a way Excel never writes
        total += info.file_size
        if info.file_size > MAX_PART_BYTES or total > MAX_WORKBOOK_BYTES:
            raise _too_large(path, info.filename, info.file_size)
    for info in zf.infolist():
        if not info.filename.startswith("xl/worksheets/") and could_be_larger(info):
            for _piece in unpacked(path, info):
                pass


def could_be_larger(info: zipfile.ZipInfo) -> bool:
    """True when a part could unpack past the limit, whatever it declares."""
    return info.compress_size * (_DEFLATE_RATIO if info.compress_type else 1) > MAX_PART_BYTES


def unpacked(path: Path, info: zipfile.ZipInfo) -> Generator[bytes, None, None]:
    """A part's content, unpacked from its raw bytes a piece at a time, refused once it passes
    its declared size or the limit (zipfile stops at the declared size and cannot tell)."""
    limit = min(MAX_PART_BYTES, info.file_size)
    total = 0
    with path.open("rb") as handle:
        handle.seek(info.header_offset)
        header = handle.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise not_a_workbook(path)
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        handle.seek(info.header_offset + 30 + name_length + extra_length)
        left = info.compress_size
        inflate = zlib.decompressobj(-15) if info.compress_type else None
        pending = b""
        while True:
            if not pending:
                if left <= 0:
                    break
                pending = handle.read(min(1 << 16, left))  # a small tail to carry over
                left -= len(pending)
                if not pending:
                    break
            if inflate is None:
                piece, pending = pending, b""
            else:
                try:
                    piece = inflate.decompress(pending, _CHUNK)
                except zlib.error as exc:
                    raise not_a_workbook(path) from exc
                pending = inflate.unconsumed_tail
            total += len(piece)
            if total > limit:
                raise _too_large(path, info.filename, None if total <= info.file_size else total)
            if piece:
                yield piece
            if inflate is not None and inflate.eof:
                break
    if total != info.file_size:
        raise not_a_workbook(path)
