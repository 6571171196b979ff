"""SQL lives in the store only (store.py, store_reads.py, store_migrations.py, store_file.py).

Scans the library and the flows: a string that reads like SQL, or a reach into the store's
connection or private writer, anywhere else fails this test with the file and line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STORE_MODULES = {"store.py", "store_reads.py", "store_migrations.py", "store_file.py"}
SQL = re.compile(r"\b(?:SELECT\b[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(?:TABLE|VIEW|INDEX)"
                 r"|DROP\s+TABLE|ALTER\s+TABLE)\b")
PRIVATE = {"con", "_con", "_append"}


def _library_files() -> list[Path]:
    files = [p for p in (REPO / "src" / "stemmen").rglob("*.py") if "demo_data" not in p.parts]
    files += list((REPO / "pipelines").rglob("*.py"))
    return [p for p in files if not (p.parent.name == "stemmen" and p.name in STORE_MODULES)]


def _strings(node: ast.AST):
    """Every string literal, with the parts of an f-string joined (placeholders as '?')."""
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            yield n.lineno, n.value
        elif isinstance(n, ast.JoinedStr):
            yield n.lineno, "".join(v.value if isinstance(v, ast.Constant) else "?" for v in n.values)


def offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Attribute) and n.attr in PRIVATE:
            out.append(f"{path.relative_to(REPO)}:{n.lineno}: .{n.attr} outside the store")
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("query", "execute"):
            out.append(f"{path.relative_to(REPO)}:{n.lineno}: .{n.func.attr}() outside the store")
    for lineno, text in _strings(tree):
        if SQL.search(text):
            out.append(f"{path.relative_to(REPO)}:{lineno}: SQL outside the store: {text[:60]!r}")
    return out


def test_no_sql_outside_the_store():
    found = [o for p in _library_files() for o in offences(p)]
    assert found == []


def test_the_scan_finds_sql_and_connection_use(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        'def f(store, t):\n'
        '    store.con.execute("UPDATE themes SET size = 1 WHERE scope = ?", ["alles"])\n'
        '    return store.query(f"SELECT count(*) FROM {t}")\n', encoding="utf-8")
    global REPO
    saved, REPO = REPO, tmp_path
    try:
        found = offences(bad)
    finally:
        REPO = saved
    assert any("SQL outside the store" in f and ":2:" in f for f in found)
    assert any(".con outside the store" in f for f in found)
    assert any(".query() outside the store" in f and ":3:" in f for f in found)
    assert any("SQL outside the store" in f and ":3:" in f for f in found)
