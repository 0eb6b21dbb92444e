"""The package layout as rules: no import circle, the verifier independent of retrieval, and the UI and
CLI entering only through the `assistant` package (never `ingest`, never private names).

Read from the source with `ast`, so an import added inside a function or under TYPE_CHECKING counts too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("assistant", "ingest")
ENTRY_POINTS = [ROOT / "app.py", ROOT / "assistant" / "cli.py", *sorted((ROOT / "ui").glob("*.py"))]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every module an import statement in the file names (absolute, `from x import y` as x and x.y)."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def import_graph() -> dict[str, set[str]]:
    files = {module_name(path): path for package in PACKAGES for path in (ROOT / package).glob("*.py")}
    return {name: (imported_modules(path) & files.keys()) - {name} for name, path in files.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a path (first module repeated at the end), or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                return path[path.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[module] = "done"
        path.pop()
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def test_the_cycle_finder_sees_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_circle_in_assistant_and_ingest():
    graph = import_graph()
    assert {"assistant.answer", "assistant.verify", "assistant.prompts", "ingest.catalog"} <= graph.keys()
    assert find_cycle(graph) is None, " → ".join(find_cycle(graph))


def test_ingest_never_imports_assistant():
    graph = import_graph()
    upward = {(name, target) for name, targets in graph.items() if name.startswith("ingest") for target in targets if target.startswith("assistant")}
    assert not upward


def test_the_verifier_loads_without_retrieval():
    """Pure text checking: importing it must not load the retriever (nor, through it, Chroma)."""
    code = "import sys, assistant.verify; print(sorted(m for m in sys.modules if m in ('assistant.retrieval', 'assistant.answer', 'chromadb')))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def private_names(path: Path) -> list[str]:
    """Imported names and attributes starting with one underscore (dunders are Python's, not private)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom):
            names = [node.module or "", *(alias.name for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.Attribute):
            names = [node.attr]
        found += [name for name in names for part in name.split(".") if part.startswith("_") and not part.startswith("__")]
    return found


def test_ui_and_cli_enter_only_through_the_assistant_package():
    """ui/, app.py and the CLI import nothing from ingest, touch no private name and never open the
    catalog themselves: what they show comes from the `Assistant` facade and `assistant.library`."""
    for path in ENTRY_POINTS:
        ingest_imports = sorted(name for name in imported_modules(path) if name.split(".")[0] == "ingest")
        assert not ingest_imports, (path.name, ingest_imports)
        assert not private_names(path), (path.name, private_names(path))
        source = path.read_text(encoding="utf-8")
        assert "catalog.sqlite" not in source and ".catalog" not in source, path.name


def test_the_public_api_is_exported_from_the_package():
    import assistant

    for name in assistant.__all__:
        assert getattr(assistant, name) is not None, name
    assert {"Assistant", "Settings", "Filters", "Answer", "load_settings"} <= set(assistant.__all__)
