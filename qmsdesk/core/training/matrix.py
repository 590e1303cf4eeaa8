"""The training matrix: the status of every person in every item, worked out in one pass
over three queries (the latest record of every person and item, the requirements of every
person, the linked documents), never a query per cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import String, cast, func, select, type_coerce
from sqlalchemy.orm import Session

from qmsdesk.core import company, people
from qmsdesk.core.dates import add_months, today
from qmsdesk.core.db.fast import raw_rows
from qmsdesk.core.db.models import DocStatus, Document
from qmsdesk.core.db.models_training import (
    LEVEL_MAX,
    Person,
    PersonRequirement,
    PersonRole,
    RoleRequirement,
    TrainingItem,
    TrainingRecord,
)
from qmsdesk.core.text import fold
from qmsdesk.core.training.vocab import (
    EXPIRING_DAYS_DEFAULT,
    EXPIRING_DAYS_KEY,
    EXPIRING_DAYS_MAX,
    CellStatus,
)


def expiring_window(session: Session) -> int:
    """Days before expiry from which training shows as expiring soon (a company setting)."""
    return company.get_int(session, EXPIRING_DAYS_KEY, EXPIRING_DAYS_DEFAULT)


def set_expiring_window(session: Session, days: int) -> None:
    company.set_int(
        session, EXPIRING_DAYS_KEY, days, 1, EXPIRING_DAYS_MAX, "Expiring soon window (days)"
    )


@dataclass(frozen=True)
class MatrixPerson:
    id: int
    employee_no: str
    name: str
    department: str
    roles: tuple[str, ...]
    start_date: dt.date | None


@dataclass(frozen=True)
class MatrixItem:
    id: int
    code: str
    title: str
    category: str
    validity_months: int | None
    max_level: int
    document_id: int | None
    document_code: str
    document_revision: str  # the linked document's current effective revision
    document_effective: dt.date | None


@dataclass(frozen=True)
class Latest:
    """The latest record of a person in an item (the highest level on the latest day)."""

    trained_on: dt.date
    level: int
    document_revision: str


@dataclass(frozen=True)
class CellInfo:
    status: CellStatus
    required_level: int | None
    latest: Latest | None
    expires: dt.date | None


@dataclass(frozen=True)
class MatrixQuery:
    """What the matrix shows. Empty sets mean everything."""

    departments: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    statuses: frozenset[CellStatus] = frozenset()
    include_left: bool = False
    include_archived: bool = False
    person_ids: frozenset[int] | None = None
    item_ids: frozenset[int] | None = None


@dataclass
class Matrix:
    """People down, items across, and the status of every cell.

    ``status[row][col]`` is a :class:`CellStatus` value; rows and columns are positions in
    ``people`` and ``items``. Requirements are kept per person, latest records by
    :func:`pair_key`, for the details of a cell.
    """

    on: dt.date
    window_days: int
    people: list[MatrixPerson]
    items: list[MatrixItem]
    status: list[bytearray]
    # person id -> {item id: required level} (people in one role share their role's dict).
    required: dict[int, dict[int, int]]
    # pair_key(person id, item id) -> ISO day, level digit and document revision of the latest
    # record, as one text ("2026-03-0131" is 1 March 2026, level 3, revision "1"): 120,000 of
    # them come straight from SQLite without a tuple each.
    records: dict[int, str]
    _person_rows: dict[int, int] = field(default_factory=dict, repr=False)
    _item_cols: dict[int, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._person_rows = {p.id: r for r, p in enumerate(self.people)}
        self._item_cols = {i.id: c for c, i in enumerate(self.items)}

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.people), len(self.items)

    def row_of(self, person_id: int) -> int | None:
        return self._person_rows.get(person_id)

    def col_of(self, item_id: int) -> int | None:
        return self._item_cols.get(item_id)

    def cell(self, row: int, col: int) -> CellInfo:
        person, item = self.people[row], self.items[col]
        latest = self.latest(person.id, item.id)
        expires = None
        if latest is not None and item.validity_months is not None:
            expires = add_months(latest.trained_on, item.validity_months)
        return CellInfo(
            CellStatus(self.status[row][col]),
            self.required.get(person.id, {}).get(item.id),
            latest,
            expires,
        )

    def latest(self, person_id: int, item_id: int) -> Latest | None:
        found = self.records.get(pair_key(person_id, item_id))
        if found is None:
            return None
        return Latest(dt.date.fromisoformat(found[:10]), int(found[10]), found[11:])

    def level_of(self, person_id: int, item_id: int) -> int | None:
        """The level of the latest record (None: never trained)."""
        found = self.records.get(pair_key(person_id, item_id))
        return None if found is None else int(found[10])

    def person_compliance(self, row: int) -> tuple[int, int]:
        """(compliant cells, required cells) of one person."""
        cells = self.status[row]
        required = len(cells) - cells.count(0)
        ok = cells.count(CellStatus.VALID) + cells.count(CellStatus.EXPIRING)
        return ok, required

    def item_compliance(self, col: int) -> tuple[int, int]:
        ok = required = 0
        for cells in self.status:
            value = cells[col]
            if value:
                required += 1
                if value == CellStatus.VALID or value == CellStatus.EXPIRING:
                    ok += 1
        return ok, required

    def item_compliances(self) -> list[tuple[int, int]]:
        """(compliant, required) of every column, in one pass over the grid."""
        ok = [0] * len(self.items)
        required = [0] * len(self.items)
        valid, expiring = CellStatus.VALID, CellStatus.EXPIRING
        for cells in self.status:
            for col, value in enumerate(cells):
                if value:
                    required[col] += 1
                    if value in (valid, expiring):
                        ok[col] += 1
        return list(zip(ok, required, strict=True))

    def totals(self) -> dict[CellStatus, int]:
        counts = dict.fromkeys(CellStatus, 0)
        for cells in self.status:
            for status in CellStatus:
                counts[status] += cells.count(status)
        return counts

    def compliance(self) -> tuple[int, int]:
        totals = self.totals()
        required = sum(v for s, v in totals.items() if s != CellStatus.NOT_REQUIRED)
        return totals[CellStatus.VALID] + totals[CellStatus.EXPIRING], required

    def subset(self, rows: Sequence[int], cols: Sequence[int]) -> Matrix:
        """The same matrix narrowed to some rows and columns (no database access)."""
        if len(cols) == len(self.items):
            status = [self.status[r] for r in rows]
        else:
            status = [bytearray(self.status[r][c] for c in cols) for r in rows]
        return Matrix(
            self.on,
            self.window_days,
            [self.people[r] for r in rows],
            [self.items[c] for c in cols],
            status,
            self.required,
            self.records,
        )

    def filtered(self, query: MatrixQuery) -> Matrix:
        """Narrow by department, role, category and status in memory."""
        rows = [
            r
            for r, p in enumerate(self.people)
            if (not query.departments or p.department in query.departments)
            and (not query.roles or set(p.roles) & query.roles)
            and (query.person_ids is None or p.id in query.person_ids)
        ]
        cols = [
            c
            for c, i in enumerate(self.items)
            if (not query.categories or i.category in query.categories)
            and (query.item_ids is None or i.id in query.item_ids)
        ]
        if query.statuses:
            wanted = {int(s) for s in query.statuses}
            rows = [r for r in rows if any(self.status[r][c] in wanted for c in cols)]
            cols = [c for c in cols if any(self.status[r][c] in wanted for r in rows)]
        return self.subset(rows, cols)


def pair_key(person_id: int, item_id: int) -> int:
    """One int for a person and an item (item ids stay below 2**20, a million items)."""
    return person_id << 20 | item_id


def percent(ok: int, required: int) -> str:
    """'83%', or '-' when nothing is required."""
    if not required:
        return "-"
    return f"{100 * ok // required}%" if ok < required else "100%"


def _first_day_reaching(target: dt.date, months: int) -> dt.date:
    """The earliest day t with add_months(t, months) >= target (add_months never decreases)."""
    day = add_months(target, -months)
    while add_months(day - dt.timedelta(days=1), months) >= target:
        day -= dt.timedelta(days=1)
    while add_months(day, months) < target:
        day += dt.timedelta(days=1)
    return day


def compute_matrix(
    session: Session,
    query: MatrixQuery = MatrixQuery(),
    on: dt.date | None = None,
    window_days: int | None = None,
) -> Matrix:
    """Work out the status of every cell in one pass; never a query per cell."""
    on = on or today()
    window = expiring_window(session) if window_days is None else window_days
    person_stmt = select(
        Person.id, Person.employee_no, Person.name, Person.department, Person.start_date
    )
    if not query.include_left:
        person_stmt = person_stmt.where(
            (Person.leaving_date.is_(None)) | (Person.leaving_date > on)
        )
    if query.person_ids is not None:
        person_stmt = person_stmt.where(Person.id.in_(sorted(query.person_ids)))
    roles = people.roles_by_person(session)
    persons = [
        MatrixPerson(pid, number, name, department, roles.get(pid, ()), _iso(start))
        for pid, number, name, department, start in raw_rows(session, person_stmt)
    ]
    persons.sort(key=lambda p: (fold(p.department), fold(p.name), fold(p.employee_no)))
    item_stmt = select(
        TrainingItem.id,
        TrainingItem.code,
        TrainingItem.title,
        TrainingItem.category,
        TrainingItem.validity_months,
        TrainingItem.max_level,
        TrainingItem.document_id,
        func.coalesce(Document.code, ""),
        func.coalesce(Document.revision, ""),
        Document.effective_date,
        Document.status,
    ).outerjoin(Document, Document.id == TrainingItem.document_id)
    if not query.include_archived:
        item_stmt = item_stmt.where(TrainingItem.archived.is_(False))
    if query.item_ids is not None:
        item_stmt = item_stmt.where(TrainingItem.id.in_(sorted(query.item_ids)))
    items = []
    for iid, code, title, category, months, top, doc_id, doc_code, rev, eff, doc_status in raw_rows(
        session, item_stmt
    ):
        in_force = doc_status == DocStatus.EFFECTIVE.value and bool(rev)
        items.append(
            MatrixItem(
                iid,
                code,
                title,
                category,
                months,
                top,
                doc_id,
                doc_code,
                rev if in_force else "",
                _iso(eff) if in_force else None,
            )
        )
    items.sort(key=lambda i: (fold(i.category), fold(i.code)))

    required = _requirements(session)
    records = _latest_records(session)

    item_cols = {i.id: c for c, i in enumerate(items)}
    # Per item: training on or after `expired_from` is still valid today; on or after
    # `expiring_from` it is valid beyond the warning window (ISO dates compare as text).
    expired_from: list[str | None] = []
    expiring_from: list[str] = []
    for item in items:
        if item.validity_months is None:
            expired_from.append(None)
            expiring_from.append("")  # never read: no expiry
        else:
            expired_from.append(_first_day_reaching(on, item.validity_months).isoformat())
            expiring_from.append(
                _first_day_reaching(
                    on + dt.timedelta(days=window + 1), item.validity_months
                ).isoformat()
            )
    current_rev = [fold(i.document_revision) if i.document_revision else None for i in items]
    current_from = [i.document_effective.isoformat() if i.document_effective else "" for i in items]

    status = [bytearray(len(items)) for _ in persons]
    MISSING, VALID, EXPIRING, EXPIRED, LOW, RETRAIN = (
        CellStatus.MISSING,
        CellStatus.VALID,
        CellStatus.EXPIRING,
        CellStatus.EXPIRED,
        CellStatus.LEVEL_LOW,
        CellStatus.RETRAIN,
    )
    for row, person in enumerate(persons):
        needs = required.get(person.id)
        if not needs:
            continue
        cells = status[row]
        base = person.id << 20
        for iid, need in needs.items():
            col = item_cols.get(iid)
            if col is None:
                continue
            rec = records.get(base | iid)
            if rec is None:
                cells[col] = MISSING
                continue
            day = rec[:10]
            limit = expired_from[col]
            if limit is not None and day < limit:
                cells[col] = EXPIRED
            elif int(rec[10]) < need:
                cells[col] = LOW
            elif current_rev[col] is not None and (
                (fold(rec[11:]) != current_rev[col]) if len(rec) > 11 else day < current_from[col]
            ):
                cells[col] = RETRAIN
            elif limit is not None and day < expiring_from[col]:
                cells[col] = EXPIRING
            else:
                cells[col] = VALID
    matrix = Matrix(on, window, persons, items, status, required, records)
    if query.departments or query.roles or query.categories or query.statuses:
        matrix = matrix.filtered(replace(query, person_ids=None, item_ids=None))
    return matrix


def _requirements(session: Session) -> dict[int, dict[int, int]]:
    """person id -> {item id: the highest level any of their roles or their own extras ask}."""
    by_role: dict[int, dict[int, int]] = {}
    stmt = select(RoleRequirement.role_id, RoleRequirement.item_id, RoleRequirement.required_level)
    for role_id, iid, level in raw_rows(session, stmt):
        by_role.setdefault(role_id, {})[iid] = level
    roles: dict[int, list[int]] = {}
    for pid, role_id in raw_rows(session, select(PersonRole.person_id, PersonRole.role_id)):
        if role_id in by_role:
            roles.setdefault(pid, []).append(role_id)
    required: dict[int, dict[int, int]] = {}
    for pid, held in roles.items():
        if len(held) == 1:
            required[pid] = by_role[held[0]]  # shared, never changed
            continue
        merged: dict[int, int] = {}
        for role_id in held:
            for iid, level in by_role[role_id].items():
                if level > merged.get(iid, 0):
                    merged[iid] = level
        required[pid] = merged
    stmt2 = select(
        PersonRequirement.person_id, PersonRequirement.item_id, PersonRequirement.required_level
    )
    for pid, iid, level in raw_rows(session, stmt2):
        own = required.get(pid)
        if own is None or len(roles.get(pid, ())) == 1:
            own = required[pid] = dict(own or {})  # a copy: role dicts are shared
            roles[pid] = []
        if level > own.get(iid, 0):
            own[iid] = level
    return required


def _latest_records(session: Session) -> dict[int, str]:
    """pair_key -> the latest record as "ISO day, level digit, revision" (see Matrix.records).

    One plain scan: the text of a later day (then a higher level) compares greater. Cheaper than
    SQLite's GROUP BY on 120,000 records.
    """
    assert LEVEL_MAX < 10  # one digit
    stmt = select(
        (TrainingRecord.person_id.op("<<")(20)).op("|")(TrainingRecord.item_id),
        type_coerce(TrainingRecord.trained_on, String)
        + cast(TrainingRecord.level, String)
        + TrainingRecord.document_revision,
    )
    latest: dict[int, str] = {}
    get = latest.get
    for key, text in raw_rows(session, stmt):
        held = get(key)
        if held is None or text > held:
            latest[key] = text
    return latest


def _iso(value: object) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))
