"""The smoke test both shipped forms of QMS Desk must pass: the installed wheel
(tools/wheel_smoke.py) and the one-folder bundle (tools/build_bundle.py).

Every command a user has, run as a user runs it, from a folder outside the checkout: demo, every
export word, an import (dry run, then real), check, backup, every report word (with a company
logo, so that the picture libraries are there), and the window offscreen until the register shows.
"""

from __future__ import annotations

import sqlite3
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

#: The export and report words with the parameters each requires: {"exports": {word: [names]}}.
Words = Mapping[str, Mapping[str, Sequence[str]]]

_OPTIONS = {
    "audit": "--audit",
    "review": "--review",
    "person": "--person",
    "project": "--project",
}
# For a registry that declares no parameters: what each word needs.
_IMPLIED = {
    "audit-checklist": {"audit"},
    "audit-report": {"audit"},
    "review-minutes": {"review"},
    "review-agenda": {"review"},
    "design-project": {"project"},
    "training-record": {"person"},
}


def run(cmd: Sequence[str], cwd: Path, env: Mapping[str, str], timeout: int = 600) -> str:
    result = subprocess.run(
        list(cmd),
        cwd=cwd,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(
            f"smoke test failed: {' '.join(cmd)} exited {result.returncode}\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result.stdout


def words_script() -> str:
    """A Python snippet printing the registry's words as JSON (for :data:`Words`)."""
    return (
        "import json; from qmsdesk.core.exchange import registry as r\n"
        "def needs(entry):\n"
        "    params = getattr(entry, 'params', ())\n"
        "    return [p.name for p in params if getattr(p, 'required', False)]\n"
        "print(json.dumps({'exports': {k: needs(v) for k, v in r.EXPORTS.items()},"
        " 'reports': {k: needs(v) for k, v in r.REPORTS.items()}}))"
    )


def _refs(db: Path) -> dict[str, str]:
    con = sqlite3.connect(db)
    try:
        return {
            "audit": con.execute("SELECT reference FROM audits ORDER BY reference").fetchone()[0],
            "review": con.execute("SELECT reference FROM reviews ORDER BY reference").fetchone()[0],
            "person": con.execute("SELECT employee_no FROM people ORDER BY employee_no").fetchone()[
                0
            ],
            "project": con.execute(
                "SELECT reference FROM design_projects ORDER BY reference"
            ).fetchone()[0],
        }
    finally:
        con.close()


def _set_logo(db: Path, png: Path) -> None:
    con = sqlite3.connect(db)
    try:
        with con:
            con.execute(
                "INSERT OR REPLACE INTO settings (key, value, data) "
                "VALUES ('company_logo', NULL, ?)",
                (png.read_bytes(),),
            )
    finally:
        con.close()


def _args(word: str, required: Sequence[str], refs: Mapping[str, str]) -> list[str]:
    args: list[str] = []
    for name in sorted(set(required) or _IMPLIED.get(word, set())):
        args += [_OPTIONS[name], refs[name]]
    return args


def every_command(
    qmsdesk: Sequence[str], work: Path, env: Mapping[str, str], words: Words, logo: Path
) -> str:
    """Run every command in `work`; return a one-line summary. Raises SystemExit on a failure."""
    start = time.perf_counter()
    db = work / "demo.qmsdb"
    run([*qmsdesk, "demo", str(db)], work, env)
    _set_logo(db, logo)
    refs = _refs(db)
    for word, required in words["exports"].items():
        out = work / f"export-{word}.xlsx"
        run(
            [
                *qmsdesk,
                "export",
                str(out),
                "--db",
                str(db),
                "--what",
                word,
                *_args(word, required, refs),
            ],
            work,
            env,
        )
        if out.stat().st_size < 2_000:
            raise SystemExit(f"export {word} wrote a workbook too small to hold anything")
    workbook = str(work / "export-documents.xlsx")
    run([*qmsdesk, "import", workbook, "--db", str(db), "--dry-run"], work, env)
    run([*qmsdesk, "import", workbook, "--db", str(db)], work, env)
    run([*qmsdesk, "check", "--db", str(db)], work, env)
    run([*qmsdesk, "backup", "--db", str(db)], work, env)
    for word, required in words["reports"].items():
        out = work / f"report-{word}.pdf"
        run(
            [
                *qmsdesk,
                "report",
                word,
                "--db",
                str(db),
                "-o",
                str(out),
                *_args(word, required, refs),
            ],
            work,
            env,
        )
        if out.stat().st_size < 5_000:
            raise SystemExit(f"report {word} wrote a PDF too small to hold anything")
    shown = run([*qmsdesk, "--db", str(db), "--quit-after", "500"], work, env, timeout=120)
    if "ready" not in shown:
        raise SystemExit(f"the window did not report the register as shown: {shown!r}")
    return (
        f"{len(words['exports'])} exports, {len(words['reports'])} reports (with a logo), "
        f"import, check, backup and the window in {time.perf_counter() - start:.0f} s"
    )
