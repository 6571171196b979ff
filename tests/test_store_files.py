"""The store on its bad days: damaged or foreign files, a busy store, copies before migrations and on demand."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stemmen import store as store_module
from stemmen.cli import app
from stemmen.errors import StemmenError
from stemmen.store import MIGRATIONS, Store, StoreBusyError

SRC = str(Path(__file__).resolve().parents[1] / "src")


def _filled(path: Path) -> int:
    with Store(path) as s:
        s._con.execute("CREATE TABLE extra AS SELECT range AS i, 'notitie ' || range AS t FROM range(50000)")
    return path.stat().st_size


def test_a_truncated_store_is_refused_in_dutch_and_left_as_it_is(tmp_path):
    path = tmp_path / "stemmen.duckdb"
    size = _filled(path)
    data = path.read_bytes()[: size // 2]
    path.write_bytes(data)
    with pytest.raises(StemmenError) as info:
        Store(path)
    message = str(info.value)
    assert str(path) in message and "beschadigd of afgebroken" in message
    assert "maakt geen nieuwe database" in message and "reservekopie" in message
    assert path.read_bytes() == data  # never silently replaced by a new, empty store


@pytest.mark.parametrize("content", [b"respondent;groep\n1;burger\n" * 50, b"SQLite format 3\x00" + b"\x00" * 4000])
def test_a_foreign_file_is_refused(tmp_path, content):
    path = tmp_path / "stemmen.duckdb"
    path.write_bytes(content)
    with pytest.raises(StemmenError, match="geen DuckDB-database"):
        Store(path)
    assert path.read_bytes() == content


def test_a_duckdb_file_of_something_else_is_refused(tmp_path):
    import duckdb

    path = tmp_path / "ander.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE klanten (id INTEGER)")
    con.close()
    with pytest.raises(StemmenError, match="is geen stemmen-database: er staan tabellen in \\(klanten\\)"):
        Store(path)


def test_a_store_of_a_newer_stemmen_is_refused(tmp_path):
    path = tmp_path / "stemmen.duckdb"
    with Store(path) as s:
        s._con.execute("INSERT INTO schema_migrations VALUES (99, '099_toekomst', now())")
    with pytest.raises(StemmenError, match="nieuwere versie van stemmen .*099_toekomst"):
        Store(path)


def test_the_store_is_copied_aside_before_a_migration(tmp_path, monkeypatch):
    path = tmp_path / "stemmen.duckdb"
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS[:-1])
    with Store(path) as s:
        s._con.execute("CREATE TABLE bewijs AS SELECT 42 AS antwoord")
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS)
    with Store(path) as s:
        assert len(s.migrations()) == len(MIGRATIONS)
    copies = list((tmp_path / "reservekopieen").glob(f"stemmen-voor-{MIGRATIONS[-1][0]}-*.duckdb"))
    assert len(copies) == 1
    with Store(copies[0], read_only=True) as old:
        assert len(old.migrations()) == len(MIGRATIONS) - 1
        assert old.query("SELECT antwoord FROM bewijs") == [(42,)]
    with Store(path):  # nothing pending: no further copy
        pass
    assert len(list((tmp_path / "reservekopieen").iterdir())) == 1


def test_a_new_store_is_not_copied(tmp_path):
    with Store(tmp_path / "nieuw.duckdb"):
        pass
    assert not (tmp_path / "reservekopieen").exists()


def test_backup_command_makes_a_consistent_copy(tmp_path):
    (tmp_path / "stemmen.toml").write_text("[privacy]\nuse_deduce = false\n", encoding="utf-8")
    _filled(tmp_path / "stemmen.duckdb")
    result = CliRunner().invoke(app, ["backup", "-c", str(tmp_path), "--out", str(tmp_path / "kopie.duckdb")])
    assert result.exit_code == 0, result.output
    with Store(tmp_path / "kopie.duckdb", read_only=True) as copy:
        assert copy.query("SELECT count(*) FROM extra") == [(50000,)]
    assert not list(tmp_path.glob("*.deel"))


def _hold(path: Path, seconds: float) -> subprocess.Popen:
    code = ("import sys, time; from stemmen.store import Store; s = Store(sys.argv[1]); print('vast', flush=True);"
            f" time.sleep({seconds}); s.close()")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": SRC})
    assert proc.stdout.readline().strip() == "vast"
    return proc


def test_a_busy_store_says_which_process_holds_it(tmp_path):
    path = tmp_path / "stemmen.duckdb"
    Store(path).close()
    holder = _hold(path, 30)
    try:
        with pytest.raises(StoreBusyError) as info:
            Store(path)
        message = str(info.value)
        assert f"is in gebruik: er loopt al een run (proces {holder.pid} (python" in message
        assert "Wacht tot die klaar is" in message
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow  # waits seconds by design
def test_a_flow_waits_a_bounded_time_for_a_busy_store(tmp_path):
    path = tmp_path / "stemmen.duckdb"
    Store(path).close()
    holder = _hold(path, 2)
    try:
        start = time.monotonic()
        with Store(path, wait_seconds=60) as s:  # the holder lets go after about 2 s
            assert s.migrations()
        assert time.monotonic() - start < 30
        holder.wait()
        holder = _hold(path, 30)
        start = time.monotonic()
        with pytest.raises(StoreBusyError, match="na 1 s wachten"):
            Store(path, wait_seconds=1)
        assert time.monotonic() - start < 10
    finally:
        holder.kill()
        holder.wait()
