"""Shared fixtures. Tests that use a Qt fixture are marked `gui` automatically."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: no screen needed, and no user settings touched.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qmsdesk.core.db import Database, open_database
from qmsdesk.core.demo import write_demo

_QT_FIXTURES = {"qtbot", "qapp", "qtmodeltester", "qtlog", "main_window"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _QT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep platformdirs and QSettings away from the real user's folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """An empty company file."""
    database = open_database(tmp_path / "company.qmsdb", create=True)
    yield database
    database.close()


@pytest.fixture(scope="session")
def _demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.qmsdb"
    write_demo(path).close()
    return path


@pytest.fixture
def demo_path(tmp_path: Path, _demo_master: Path) -> Path:
    """A private copy of the demo company file (written once per session)."""
    target = tmp_path / "demo.qmsdb"
    shutil.copyfile(_demo_master, target)
    return target


@pytest.fixture
def demo_db(demo_path: Path) -> Iterator[Database]:
    database = open_database(demo_path)
    yield database
    database.close()
