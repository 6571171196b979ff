"""Import direction: no cycles, the library never loads Prefect or pipelines/ at import time,
and the stage packages never import the service layer or the CLI."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STAGES = ("stemmen.ingest", "stemmen.nlp", "stemmen.values", "stemmen.themes", "stemmen.report", "stemmen.review")


def _modules() -> dict[str, Path]:
    mods = {}
    for root, base in ((REPO / "src", REPO / "src" / "stemmen"), (REPO, REPO / "pipelines")):
        for p in base.rglob("*.py"):
            parts = list(p.relative_to(root).with_suffix("").parts)
            mods[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    return mods


def _imports(mods: dict[str, Path]) -> dict[str, dict[str, bool]]:
    """module -> {imported module or top-level package: imported at module level?}"""
    def resolve(name: str) -> str:
        if name.split(".")[0] not in ("stemmen", "pipelines"):
            return name.split(".")[0]
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name

    out: dict[str, dict[str, bool]] = {}
    for m, path in mods.items():
        found: dict[str, bool] = {}

        def visit(node, top: bool, found: dict[str, bool] = found) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    visit(child, False)
                    continue
                if isinstance(child, ast.If) and getattr(child.test, "id", None) == "TYPE_CHECKING":
                    continue
                names = []
                if isinstance(child, ast.Import):
                    names = [a.name for a in child.names]
                elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                    names = [f"{child.module}.{a.name}" for a in child.names]
                for n in names:
                    t = resolve(n)
                    found[t] = found.get(t, False) or top
                visit(child, top)

        visit(ast.parse(path.read_text(encoding="utf-8")), True)
        out[m] = found
    return out


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in graph:
        if v not in index:
            strong(v)
    return found


def test_no_import_cycles_even_through_imports_inside_functions():
    mods = _modules()
    imports = _imports(mods)
    graph = {m: {t for t in found if t in mods and t != m} for m, found in imports.items()}
    assert _cycles(graph) == []


def test_the_library_does_not_load_prefect_or_pipelines_at_import_time():
    imports = _imports(_modules())
    upward = [(m, t) for m, found in imports.items() if m.startswith("stemmen")
              for t, top in found.items() if top and (t == "prefect" or t.startswith("pipelines"))]
    assert upward == []


def test_stage_packages_do_not_import_the_service_or_the_cli():
    imports = _imports(_modules())
    upward = [(m, t) for m, found in imports.items() if m.startswith(STAGES)
              for t in found if t.startswith("stemmen.service") or t == "stemmen.cli" or t.startswith("pipelines")]
    assert upward == []


def test_a_cycle_is_found():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_report_renders_the_index_it_does_not_compute_it():
    """The alignment index and the group gap come in ReportData (stemmen.service.report_views)."""
    computing = {"alignment_index", "group_gap"}
    found = []
    for path in (REPO / "src" / "stemmen" / "report").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("stemmen.values"):
                found += [(path.name, a.name) for a in node.names if a.name in computing]
    assert found == []
