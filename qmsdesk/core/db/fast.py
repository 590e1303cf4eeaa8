"""Running statements straight on the DBAPI connection, for the few hot paths that move tens of
thousands of rows (the register's id list and search texts, imports).

SQLAlchemy's result machinery costs about 2 µs a row; on 50,000 rows that is 100 ms the user feels
on every sort or filter change. The statement is still built with SQLAlchemy, only its execution is
direct. Only plain values come back (no type conversion), so use it for ids and texts.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Date, DateTime, Enum, Select, Table
from sqlalchemy.orm import Session


def stored_datetime(value: dt.datetime) -> str:
    """A timestamp exactly as SQLAlchemy stores a DateTime in SQLite."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _driver_value(value: Any) -> Any:
    # Exactly as SQLAlchemy stores them in SQLite (sqlite3's own date adapters are deprecated).
    if isinstance(value, dt.datetime):
        return stored_datetime(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def raw_rows(session: Session, stmt: Select[*tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    connection = session.connection()
    # render_postcompile expands IN (...) lists into plain positional parameters.
    compiled = stmt.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    positional = tuple(_driver_value(params[name]) for name in compiled.positiontup or ())
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        return cursor.execute(str(compiled), positional).fetchall()
    finally:
        cursor.close()


def converted_once(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`convert`, applied once to each distinct value (None stays None).

    Imports repeat the same few values (dates, the moment of the import above all): converting a
    date to the text SQLite stores, or back, costs more than looking it up.
    """
    seen: dict[Any, Any] = {}

    def once(value: Any) -> Any:
        if value is None:
            return None
        done = seen.get(value)
        if done is None:
            done = seen[value] = convert(value)
        return done

    return once


def _converter(column_type: object) -> Callable[[Any], Any] | None:
    if isinstance(column_type, DateTime):
        return converted_once(stored_datetime)
    if isinstance(column_type, Date):
        return converted_once(dt.date.isoformat)
    if isinstance(column_type, Enum):
        return lambda v: None if v is None else getattr(v, "value", v)
    return None


def insert_rows(
    session: Session, table: Table, names: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert rows given as tuples in the order of `names`, values already as SQLite stores them
    (dates as ISO text, enums by value: see :func:`insert_many`), with one executemany on the
    driver inside the session's transaction."""
    unknown = [n for n in names if n not in table.c]
    if unknown:
        raise ValueError(f"{table.name} has no column {', '.join(unknown)}")
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
    session.flush()
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()


def insert_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows with one executemany on the driver, inside the session's transaction.

    Every row must have the same keys. Values are stored as SQLAlchemy would store them; a column
    left out takes its default when that is a plain value (a text's "", a flag's False), so that
    a column added later needs no change here; give every other column. Used by imports, where
    SQLAlchemy's own bulk insert spends most of its time building parameters.
    """
    if not rows:
        return
    names = list(rows[0])
    converters = [(n, _converter(table.c[n].type)) for n in names]
    columns = [
        [row[n] for row in rows] if conv is None else [conv(row[n]) for row in rows]
        for n, conv in converters
    ]
    for column in table.columns:
        default = column.default
        if column.name not in names and default is not None and default.is_scalar:
            names.append(column.name)
            conv = _converter(column.type)
            value = default.arg if conv is None else conv(default.arg)  # type: ignore[attr-defined]
            columns.append([value] * len(rows))
    insert_rows(session, table, names, zip(*columns, strict=True))
