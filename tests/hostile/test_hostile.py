"""Hostile input end to end (docs/workbook.md, issue #6).

Every file of the corpus (`make_corpus.py`, built in a temp folder here) goes
through a real `okr import` subprocess against a database that already holds
one good snapshot. A refused file must exit 2 with ONE line naming what the
file is and what to upload instead, never a traceback, the database exactly
as it was -- and the child must stay under 10 s and 500 MB peak RSS (measured
per child with os.wait4, printed at the end of the run).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from okr import service, xlsx
from okr.i18n import CATALOGUE
from okr.settings import Settings
from okr.store import Store
from tests.hostile import make_corpus
from tests.hostile.conftest import MEASURED
from tests.hostile.make_corpus import CASES, Case

ROOT = Path(__file__).resolve().parents[2]
MAX_SECONDS = 10.0  # docs/workbook.md: safety bounds on hostile input, not performance targets
MAX_RSS_MB = 500.0
AS_OF = dt.date(2026, 2, 15)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return make_corpus.build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def good_db(tmp_path_factory, corpus) -> Path:
    """A database holding one good snapshot (the base workbook of the corpus)."""
    path = tmp_path_factory.mktemp("gooddb") / "good.duckdb"
    store = Store.open(path)
    base = corpus["empty"].parent / "_base.xlsx"
    out = service.import_bytes(store, base.read_bytes(), "base.xlsx", AS_OF)
    assert out.stored and out.checked.ok
    store.close()
    return path


def contents(db: Path) -> dict:
    store = Store.open(db)
    try:
        return store.table_contents()
    finally:
        store.close()


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


# The child reports its own peak RSS (VmHWM) at exit. The rusage of wait4 is
# no good here: Linux carries the parent's high-water mark over a fork+exec,
# so every child would report pytest's own ~200 MB.
_WRAPPER = """
import atexit, os, runpy, sys
def _peak():
    with open('/proc/self/status') as f:
        kb = next(line.split()[1] for line in f if line.startswith('VmHWM'))
    with open(os.environ['OKR_TEST_PEAK_FILE'], 'w') as out:
        out.write(kb)
atexit.register(_peak)
sys.argv = ['okr', *sys.argv[1:]]
runpy.run_module('okr', run_name='__main__', alter_sys=True)
"""


def run_measured(args: list[str], cwd: Path, env: dict | None = None, timeout: float = 120) -> Run:
    """Run `okr ARGS` in a child and measure it: wall time, and the child's
    own peak RSS (VmHWM of its process, written at exit)."""
    peak = cwd / "peak-kb.txt"
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "OKR_LANG": "en", "OKR_TEST_PEAK_FILE": str(peak),
                **(env or {})}
    full_env.pop("OKR_DB", None)
    out, err = cwd / "stdout.txt", cwd / "stderr.txt"
    with open(out, "wb") as fo, open(err, "wb") as fe:
        t0 = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, *args], cwd=cwd, env=full_env, stdout=fo,
                                stderr=fe)
        try:
            proc.wait(timeout)  # a hung child fails the test instead of hanging the run
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        seconds = time.monotonic() - t0
    peak_mb = int(peak.read_text()) / 1024 if peak.exists() else float("inf")
    peak.unlink(missing_ok=True)
    return Run(proc.returncode, out.read_text(errors="replace"), err.read_text(errors="replace"), seconds, peak_mb)


def fragments(key: str, lang: str = "en") -> list[str]:
    """The fixed words of a catalogue message (between its {placeholders})."""
    return [f.strip() for f in re.split(r"\{[^}]*\}", CATALOGUE[key][lang]) if len(f.strip()) > 3]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file_through_okr_import(case: Case, corpus, good_db, tmp_path):
    path = corpus[case.name]
    db = tmp_path / "db.duckdb"
    shutil.copy(good_db, db)
    before = contents(db)

    run = run_measured(["import", str(path), "--db", str(db), "--as-of", "2026-02-20"], tmp_path)
    message = (run.stderr.strip() or run.stdout.strip()).splitlines()[0] if (run.stderr + run.stdout).strip() else ""
    MEASURED.append((case.name, case.file, run.returncode, run.seconds, run.peak_mb,
                     message.replace(str(path), path.name)))

    assert "Traceback" not in run.stdout + run.stderr
    assert run.returncode == case.exit, run.stdout + run.stderr
    assert run.seconds < MAX_SECONDS, f"{case.name}: {run.seconds:.1f} s"
    assert run.peak_mb < MAX_RSS_MB, f"{case.name}: {run.peak_mb:.0f} MB"
    after = contents(db)

    if case.code is not None:
        # one line, one verdict: the file-level sentence of the catalogue, and nothing stored
        assert run.stdout == ""
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1, run.stderr
        for words in fragments("file." + case.code):
            assert words in lines[0], (words, lines[0])
        # the app shows the same sentence: it goes through the same service.check
        in_app = service.check(path.read_bytes(), path.name).file_error
        assert in_app and in_app in lines[0]
        assert after == before
    else:
        # odd but legitimate: it imports as one more snapshot, the old one untouched
        old_snaps = {s[0] for s in before["snapshots"]}
        new = [s for s in after["snapshots"] if s[0] not in old_snaps]
        assert len(new) == 1, after["snapshots"]
        assert all(r in after[table] for table in before for r in before[table] if table != "meta")
        store = Store.open(db)
        try:
            snap = store.load(new[0][0])
        finally:
            store.close()
        assert (len(snap.objectives), len(snap.key_results)) == (4, 6)
        assert "far away" not in repr(after)


def test_every_refusal_message_names_what_to_upload_in_both_languages():
    for case in CASES:
        if case.code is None:
            continue
        for lang in ("en", "nl"):
            text = CATALOGUE["file." + case.code][lang]
            assert ".xlsx" in text or "Excel" in text or "upload" in text.lower(), (case.code, lang)
        assert CATALOGUE["file." + case.code]["en"] != CATALOGUE["file." + case.code]["nl"]


# ---------------------------------------------------------------- XML entities


ENTITY_CASES = [c.name for c in CASES if c.code == "doctype"]


def test_uploads_are_refused_without_defusedxml(corpus, good_db, tmp_path):
    """defusedxml is no dependency: openpyxl only writes here (template,
    exports), and uploads are read by okr.xlsx, whose expat handlers refuse
    DTDs and entities themselves. Proven with defusedxml unimportable: every
    entity file of the corpus through `okr import`, in one interpreter."""
    db = tmp_path / "db.duckdb"
    shutil.copy(good_db, db)
    before = contents(db)
    code = ("import sys; sys.modules['defusedxml'] = None; import openpyxl; assert not openpyxl.DEFUSEDXML\n"
            "from okr.cli import main\n"
            "for f in sys.argv[2:]: print(main(['import', f, '--db', sys.argv[1]]), flush=True)")
    files = [str(corpus[name]) for name in ENTITY_CASES]
    run = subprocess.run([sys.executable, "-c", code, str(db), *files], capture_output=True, text=True,
                         cwd=tmp_path, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT), "OKR_LANG": "en"})
    assert run.stdout.split() == ["2"] * len(files), run.stdout + run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == len(files)
    for line in lines:
        assert all(words in line for words in fragments("file.doctype")), line
    assert contents(db) == before


@pytest.mark.parametrize("name", ENTITY_CASES)
def test_calamine_expands_no_entity_even_without_our_check(name, corpus, monkeypatch):
    """Defence in depth: with our DTD check switched off, python-calamine
    itself refuses every entity file (it never expands one): still one
    sentence, no value from the entity."""
    monkeypatch.setattr(xlsx, "_DTD", re.compile(b"(?!)"))
    with pytest.raises(xlsx.XlsxError) as ei:
        xlsx.read_workbook(corpus[name])
    assert ei.value.code == "corrupt"


def test_xxe_is_never_fetched(tmp_path, monkeypatch):
    """An external entity pointing at a real file: refused, and its content
    reaches no value, with our DTD check or without it."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    base = make_corpus.base_xlsx(tmp_path / "base.xlsx")
    data = make_corpus.entity_attack(base, make_corpus.SHEET, f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM '
                                     f'"file://{secret}">]>', "xxe")
    with pytest.raises(xlsx.XlsxError) as ei:
        xlsx.read_workbook(data)
    assert ei.value.code == "doctype"
    monkeypatch.setattr(xlsx, "_DTD", re.compile(b"(?!)"))
    with pytest.raises(xlsx.XlsxError) as ei:
        xlsx.read_workbook(data)
    assert "TOP-SECRET" not in str(ei.value)


# ---------------------------------------------------------------- zip bomb, streaming


def test_bomb_is_stopped_by_the_streaming_count_when_declared_sizes_are_not_checked(corpus, monkeypatch):
    """Without the pre-flight (declared sizes, ratio), the real bytes inflated
    while parsing are counted and the part limit stops the 1.1 GB sheet."""
    monkeypatch.setattr(xlsx, "_preflight", lambda zf, limits: None)
    t0 = time.monotonic()
    with pytest.raises(xlsx.XlsxError) as ei:
        xlsx.read_workbook(corpus["zip_bomb"], limits=xlsx.Limits(max_part_bytes=16 * 1024 * 1024))
    assert ei.value.code == "bomb" and ei.value.params["part"] == make_corpus.SHEET
    assert time.monotonic() - t0 < MAX_SECONDS


def test_limits_come_from_settings():
    s = Settings.from_env({"OKR_MAX_UNPACKED_MB": "7", "OKR_MAX_ROWS_PER_SHEET": "11", "OKR_MAX_CELLS": "13",
                           "OKR_MAX_UPLOAD_MB": "3"})
    lim = service.limits_for(s)
    mb = 1024 * 1024
    assert (lim.max_part_bytes, lim.max_total_bytes, lim.max_rows, lim.max_cells, lim.max_file_bytes) == (
        7 * mb, 7 * mb, 11, 13, 3 * mb)


def test_row_cap_setting_through_the_cli(corpus, tmp_path):
    """A cap from the environment is the one the CLI applies."""
    run = run_measured(["import", str(corpus["far_cell"]), "--db", str(tmp_path / "x.duckdb")], tmp_path,
                       env={"OKR_MAX_ROWS_PER_SHEET": "3"})
    assert run.returncode == 2
    assert "more than 3 rows" in run.stderr


# ---------------------------------------------------------------- upload limit


def test_upload_limit_is_the_same_in_streamlit_config_and_settings():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == Settings().max_upload_mb


def test_cli_refuses_a_file_over_the_upload_limit(corpus, good_db, tmp_path):
    big = tmp_path / "big.xlsx"
    shutil.copy(corpus["empty"].parent / "_base.xlsx", big)
    with zipfile.ZipFile(big, "a", zipfile.ZIP_STORED) as z:  # a real workbook with 2 MB of attachments
        z.writestr("xl/media/photo.bin", os.urandom(2 * 1024 * 1024))
    db = tmp_path / "db.duckdb"
    shutil.copy(good_db, db)
    before = contents(db)
    run = run_measured(["import", str(big), "--db", str(db)], tmp_path, env={"OKR_MAX_UPLOAD_MB": "1"})
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "the limit is 1 MB" in lines[0], run.stderr
    assert contents(db) == before
    # and under the default limit the same file imports
    run = run_measured(["import", str(big), "--db", str(db)], tmp_path)
    assert run.returncode == 0, run.stderr
