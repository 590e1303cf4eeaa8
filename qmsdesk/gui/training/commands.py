"""The training tab's changes: people, training items, who needs what, records, the window.

Every change goes through the core's services in one write transaction with the user's name for
the change history. The dialogs are looked up in :mod:`qmsdesk.gui.dialogs.training` and
:mod:`qmsdesk.gui.dialogs.training_record` when they open."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from PySide6.QtCore import QModelIndex, QPoint
from PySide6.QtWidgets import QMenu, QMessageBox

from qmsdesk.core import documents, people, training
from qmsdesk.core.dates import format_day
from qmsdesk.gui.models.training_matrix_model import ID_ROLE
from qmsdesk.gui.register_tab import accepted
from qmsdesk.gui.training.files import TrainingFiles


class TrainingCommands(TrainingFiles):
    """The changes a user makes from the tab, and the matrix's own menu."""

    def _managers(self) -> list[tuple[str, str]]:
        return [(p.employee_no, p.label()) for p in self._people if not p.has_left()]

    def _person_dialog(self, initial: people.PersonFields | None) -> Any:
        from qmsdesk.gui.dialogs.training import PersonDialog

        assert self.db is not None
        with self.db.read() as session:
            departments = people.departments(session)
            roles = people.role_names(session)
        return PersonDialog(
            self,
            initial=initial,
            departments=departments,
            roles=roles,
            managers=self._managers(),
        )

    def new_person(self) -> None:
        if self.db is None or self.read_only:
            return
        dialog = self._person_dialog(None)
        if not accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, new_id = self.write(
            "Cannot add the person", lambda s: people.create_person(s, fields, self.user)
        )
        if ok:
            self.after_write(new_id)

    def edit_person(self) -> None:
        person = self.selected_person()
        if person is None or self.db is None or self.read_only:
            return
        dialog = self._person_dialog(person.fields())
        if not accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self.write(
            f"Cannot change {person.name}",
            lambda s: people.update_person(s, person.id, fields, self.user),
        )
        if ok:
            self.after_write(person.id)

    def delete_person(self) -> None:
        person = self.selected_person()
        if person is None or self.db is None or self.read_only:
            return
        answer = QMessageBox.question(
            self,
            "Delete person",
            f"Delete {person.name} ({person.employee_no})?\n\nOnly someone entered by mistake "
            "should be deleted; when someone leaves, give them a leaving date instead (Edit "
            "person), so that their training records stay on file.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self.write(
            f"Cannot delete {person.name}",
            lambda s: people.delete_person(s, person.id, self.user),
        )
        if ok:
            self.after_write()

    def _item_dialog(self, initial: training.ItemFields | None) -> Any:
        from qmsdesk.gui.dialogs.training import TrainingItemDialog

        assert self.db is not None
        with self.db.read() as session:
            categories = training.categories(session)
            docs = [(r.code, r.title) for r in documents.all_rows(session)]
        return TrainingItemDialog(self, initial=initial, categories=categories, documents=docs)

    def new_item(self) -> None:
        if self.db is None or self.read_only:
            return
        dialog = self._item_dialog(None)
        if not accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self.write(
            "Cannot add the training item", lambda s: training.create_item(s, fields, self.user)
        )
        if ok:
            self.after_write()

    def edit_item(self) -> None:
        item = self.selected_item()
        if item is None or self.db is None or self.read_only:
            return
        dialog = self._item_dialog(item.fields())
        if not accepted(dialog):
            return
        fields = dialog.result_fields()
        ok, _ = self.write(
            f"Cannot change {item.code}",
            lambda s: training.update_item(s, item.id, fields, self.user),
        )
        if ok:
            self.after_write()

    def toggle_archive_item(self) -> None:
        item = self.selected_item()
        if item is None or self.db is None or self.read_only:
            return
        ok, _ = self.write(
            f"Cannot archive {item.code}",
            lambda s: training.set_archived(s, item.id, not item.archived, self.user),
        )
        if ok:
            self.after_write()

    def delete_item(self) -> None:
        item = self.selected_item()
        if item is None or self.db is None or self.read_only:
            return
        answer = QMessageBox.question(
            self,
            "Delete training item",
            f"Delete {item.code} “{item.title}”?\n\nAn item with training records cannot be "
            "deleted: archive it instead, so that its records stay on file.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self.write(
            f"Cannot delete {item.code}", lambda s: training.delete_item(s, item.id, self.user)
        )
        if ok:
            self.after_write()

    def add_catalogue(self) -> None:
        if self.db is None or self.read_only:
            return
        ok, added = self.write(
            "Cannot add the starter catalogue", lambda s: training.add_catalogue(s, self.user)
        )
        if ok:
            self.after_write()
            count = len(added or [])
            QMessageBox.information(
                self,
                "Starter catalogue",
                f"{count} training items were added."
                if count
                else "Every item of the starter catalogue is there already.",
            )

    def edit_requirements(self, initial: tuple[str, int] | None = None) -> None:
        if self.db is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.training import TrainingRequirementsDialog

        with self.db.read() as session:
            roles = people.all_roles(session)
        whos: list[tuple[tuple[str, int], str]] = [
            (("role", r.id), f"Job role: {r.name}") for r in roles
        ]
        whos += [
            (("person", p.id), f"Person: {p.name} ({p.employee_no})")
            for p in self._people
            if not p.has_left()
        ]
        if not whos:
            QMessageBox.information(
                self, "Who needs what", "Add people with their job roles first."
            )
            return
        db = self.db

        def levels_of(who: tuple[str, int]) -> dict[int, int]:
            with db.read() as session:
                if who[0] == "role":
                    return training.requirements_of_role(session, who[1])
                return {
                    r.item_id: r.required_level
                    for r in training.all_requirements(session)
                    if r.person_id == who[1]
                }

        person = self.selected_person()
        start = initial or (("person", person.id) if person is not None and not roles else None)
        dialog = TrainingRequirementsDialog(
            self,
            whos=whos,
            items=[i for i in self._items if not i.archived],
            levels_of=levels_of,
            initial=start,
        )
        if not accepted(dialog):
            return
        changes = dialog.changes()

        def work(s: Session) -> None:
            for (kind, who_id), levels in changes.items():
                for item_id, level in levels.items():
                    if kind == "role":
                        training.set_role_requirement(s, who_id, item_id, level, self.user)
                    else:
                        training.set_person_requirement(s, who_id, item_id, level, self.user)

        ok, _ = self.write("Cannot save who needs what", work)
        if ok:
            self.after_write()

    def record_training(
        self, person_ids: list[int] | None = None, item_id: int | None = None
    ) -> None:
        if self.db is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.training_record import TrainingRecordDialog

        if person_ids is None:
            person = self.selected_person()
            person_ids = [person.id] if person is not None else []
        if item_id is None:
            item = self.selected_item()
            item_id = item.id if item is not None else None
        dialog = TrainingRecordDialog(
            self,
            items=[i for i in self._items if not i.archived],
            persons=[p for p in self._people if not p.has_left()],
            item_id=item_id,
            person_ids=person_ids,
        )
        if not accepted(dialog):
            return
        chosen_item = dialog.item()
        assert chosen_item is not None
        attendees = dialog.person_ids()
        fields = dialog.result_fields()
        evidence = dialog.evidence()
        db = self.db
        ok, _ = self.write(
            "Cannot record the training",
            lambda s: training.record_training(
                s,
                attendees,
                chosen_item.id,
                fields,
                self.user,
                evidence=evidence,
                attachments_dir=db.attachments_dir,
            ),
        )
        if ok:
            self.after_write(attendees[0] if len(attendees) == 1 else None)

    def edit_record(self) -> None:
        rec = self.selected_record()
        if rec is None or self.db is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.training_record import TrainingRecordDialog

        person = next((p for p in self._people if p.id == rec.person_id), None)
        items = [i for i in self._items if i.id == rec.item_id]
        dialog = TrainingRecordDialog(
            self,
            items=items,
            persons=[person] if person else [],
            item_id=rec.item_id,
            person_ids=[rec.person_id],
            initial=rec.fields(),
            editing=True,
        )
        if not accepted(dialog):
            return
        fields = dialog.result_fields()
        evidence = dialog.evidence()
        db = self.db
        ok, _ = self.write(
            "Cannot change the record",
            lambda s: training.update_record(
                s, rec.id, fields, self.user, evidence=evidence, attachments_dir=db.attachments_dir
            ),
        )
        if ok:
            self.after_write(rec.person_id)

    def delete_record(self) -> None:
        rec = self.selected_record()
        if rec is None or self.db is None or self.read_only:
            return
        answer = QMessageBox.question(
            self,
            "Delete training record",
            f"Delete the record of {rec.person_name} trained in {rec.item_code} on "
            f"{format_day(rec.trained_on)}?\n\nOnly a record entered by mistake should be "
            "deleted; the change history keeps what it said.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _ = self.write(
            "Cannot delete the record", lambda s: training.delete_record(s, rec.id, self.user)
        )
        if ok:
            self.after_write(rec.person_id)

    def set_window(self) -> None:
        if self.db is None or self.read_only:
            return
        from qmsdesk.gui.dialogs.training import ask_days

        with self.db.read() as session:
            current = training.expiring_window(session)
        days = ask_days(self, current)
        if days is None or days == current:
            return
        ok, _ = self.write(
            "Cannot change the window", lambda s: training.set_expiring_window(s, days)
        )
        if ok:
            self.after_write()

    def history_subject(self) -> tuple[str, Callable[[Session], Sequence[Any]]] | None:
        """The selected person's changes (Training > History of the person)."""
        person = self.selected_person()
        if person is None:
            return None
        return person.name, lambda s: people.history_of(s, person.id)

    def _cell_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        item_id = self.matrix_model.item_id(index.column())
        person_id = self.matrix_model.person_id(index.row())
        if item_id is None:
            self.select_person(person_id)
            self.edit_person()
            return
        self.record_training([person_id], item_id)

    def _due_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        person_id, item_id = self.due_proxy.data(index, ID_ROLE)
        self.record_training([person_id], item_id)

    def _cell_menu(self, point: QPoint) -> None:
        index = self.matrix_view.indexAt(point)
        if not index.isValid():
            return
        self.matrix_view.setCurrentIndex(index)
        person_id = self.matrix_model.person_id(index.row())
        item_id = self.matrix_model.item_id(index.column())
        self.select_person(person_id)
        menu = QMenu(self)
        if item_id is not None:
            record = menu.addAction("Record training…")
            record.triggered.connect(lambda: self.record_training([person_id], item_id))
            needs = menu.addAction("Who needs what, for this person…")
            needs.triggered.connect(lambda: self.edit_requirements(("person", person_id)))
        edit = menu.addAction("Edit person…")
        edit.triggered.connect(self.edit_person)
        menu.addAction(self.print_person_action)
        menu.popup(self.matrix_view.viewport().mapToGlobal(point))
