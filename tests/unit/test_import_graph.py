"""Arrows only run downward: the modules of htx_desktop import each other without circles, the
core never imports the UI and reports never import exchange. Read from the source with `ast`
(every import, also those inside functions, which still make the circle at run time; only
`if TYPE_CHECKING:` blocks are left out), so a new circle fails here rather than in review."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "htx_desktop"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(
    tree: ast.AST, modules: set[str], here: str, is_package: bool, typing_too: bool
) -> set[str]:
    found: set[str] = set()
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node) and not typing_too:
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            stack.extend(ast.iter_child_nodes(node))
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != here and not here.startswith(name + "."):
                found.add(name)
    return found


def import_graph(typing_too: bool = False) -> dict[str, set[str]]:
    """Module → the htx_desktop modules it imports; `typing_too` adds the imports made only
    for type checkers (they do not run, but they still say which layer leans on which)."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}
    modules = set(files)
    return {
        name: _imports(
            ast.parse(path.read_text(encoding="utf-8")),
            modules,
            name,
            path.name == "__init__.py",
            typing_too,
        )
        for name, path in files.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _layer(module: str) -> str:
    """``htx_desktop.storage.backup`` → ``storage``; top-level modules are their own layer."""
    return module.split(".")[1] if module.count(".") else module


def test_the_graph_sees_imports_made_inside_functions():
    """The storage circle was made of imports inside functions; the graph must see them."""
    graph = import_graph()
    assert "htx_desktop.storage.backup" in graph["htx_desktop.cli.safety"]
    assert "htx_desktop.storage.integrity" in graph["htx_desktop.storage.backup"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_storage_backup_database_and_integrity_import_downward_only():
    graph = import_graph()
    order = ["sqlite_file", "integrity", "backup", "database"]
    for lower, module in enumerate(order):
        above = {f"htx_desktop.storage.{m}" for m in order[lower + 1 :]}
        assert not graph[f"htx_desktop.storage.{module}"] & above, module


def test_the_core_never_imports_the_ui():
    graph = import_graph(typing_too=True)
    leaning = sorted(
        f"{m} → {t}"
        for m, targets in graph.items()
        if _layer(m) not in ("ui", "app")
        for t in targets
        if _layer(t) == "ui"
    )
    assert leaning == []


def test_no_module_circles_at_all():
    assert cycles(import_graph()) == []


def test_reports_never_import_exchange():
    graph = import_graph(typing_too=True)
    leaning = sorted(
        f"{m} → {t}"
        for m, targets in graph.items()
        if _layer(m) == "reports"
        for t in targets
        if _layer(t) == "exchange"
    )
    assert leaning == []
