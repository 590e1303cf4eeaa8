"""People and job roles: a register shared by training, audits, management reviews and actions.

Services take a session and return plain data; callers own the transaction. A person is known by an
employee number; one who has left keeps every record and gets a leaving date, never deleted once
anything refers to them.

The package is layered, each part importing only the parts above it: :mod:`.fields` (the
vocabulary, parsing, checks), :mod:`.rows` (reading), :mod:`.roles` and :mod:`.persons`
(writing), :mod:`.bulk` (imports).
"""

from qmsdesk.core.people.bulk import (
    save_many,
)
from qmsdesk.core.people.fields import (
    ENTITY,
    FIELD_LABELS,
    FIELD_NAMES,
    MAX_LENGTHS,
    PEOPLE,
    ROLE_ENTITY,
    PersonFields,
    check_person,
    key,
    parse_roles,
    person_fields_from_values,
    roles_text,
)
from qmsdesk.core.people.persons import (
    create_person,
    delete_person,
    mark_left,
    update_person,
)
from qmsdesk.core.people.roles import (
    create_role,
    delete_role,
    ensure_roles,
    update_role,
)
from qmsdesk.core.people.rows import (
    PersonRow,
    RoleRow,
    all_people,
    all_roles,
    departments,
    get_person,
    history_of,
    id_for_employee_no,
    ids_by_employee_no,
    ids_by_role,
    record_count,
    references,
    role_names,
    roles_by_person,
)

__all__ = [
    "ENTITY",
    "FIELD_LABELS",
    "FIELD_NAMES",
    "MAX_LENGTHS",
    "PEOPLE",
    "ROLE_ENTITY",
    "PersonFields",
    "PersonRow",
    "RoleRow",
    "all_people",
    "all_roles",
    "check_person",
    "create_person",
    "create_role",
    "delete_person",
    "delete_role",
    "departments",
    "ensure_roles",
    "get_person",
    "history_of",
    "id_for_employee_no",
    "ids_by_employee_no",
    "ids_by_role",
    "key",
    "mark_left",
    "parse_roles",
    "person_fields_from_values",
    "record_count",
    "references",
    "role_names",
    "roles_by_person",
    "roles_text",
    "save_many",
    "update_person",
    "update_role",
]
