"""No file assigns to another module's private names: a caller that needs to vary behaviour gets a
parameter (retrieval's `RetrievalConfig`, say), not a patched `_hybrid` or a replaced `_CONSTANT`."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("assistant", "ingest", "ui", "evaluations", "tests", "scripts")


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _own_names(tree: ast.AST) -> set[str]:
    """Private names a file defines itself: its functions, classes, module globals and `self._x` attributes."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            names.add(node.attr)
    return {name for name in names if _private(name)}


def _patch_call(node: ast.Call) -> bool:
    """setattr(...), monkeypatch.setattr(...), patched(...): whatever replaces an attribute by name."""
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    return name == "setattr" or "patch" in name.lower()


def foreign_private_assignments(path: Path, root: Path = ROOT) -> list[str]:
    """'file:line name' for each assignment in `path` to a private name that another file defines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = _own_names(tree)
    found = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and _private(target.attr) and target.attr not in own:
                found.append(f"{path.relative_to(root)}:{node.lineno} {target.attr}")
        if isinstance(node, ast.Call) and _patch_call(node):
            for arg in node.args[1:2]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _private(arg.value):
                    found.append(f"{path.relative_to(root)}:{node.lineno} {arg.value}")
    return found


def python_files(root: Path = ROOT) -> list[Path]:
    files = [root / "app.py"] if (root / "app.py").exists() else []
    return files + sorted(path for folder in FOLDERS for path in (root / folder).rglob("*.py"))


def test_no_file_assigns_to_another_modules_private_names():
    found = [hit for path in python_files() for hit in foreign_private_assignments(path)]
    assert not found, found


def test_the_check_sees_an_attribute_assignment_and_a_patch_by_name(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import retrieval\n"
        "retrieval._WEIGHTS = {}\n"
        "patched(retrieval.Retriever, '_hybrid', None)\n"
        "class Own:\n"
        "    def __init__(self):\n"
        "        self._ok = 1\n"
        "other = Own()\n"
        "other._ok = 2\n",
        encoding="utf-8",
    )
    assert foreign_private_assignments(sample, tmp_path) == ["sample.py:2 _WEIGHTS", "sample.py:3 _hybrid"]
