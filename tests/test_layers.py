"""The layers of generator/ as ARCHITECTURE.md draws them: imports point down only, and there are no cycles.

Every import is read from the source (functions' lazy imports included), so a module cannot reach up by
importing late.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import PROJECT

PACKAGE = PROJECT / "generator"
# Layer -> rank. A module may import its own layer and lower ranks; layers of equal rank are siblings and
# may not import each other (intake reads, rules decide: neither needs the other).
RANKS = {"core": 0, "intake": 1, "rules": 1, "authoring": 1, "recordtypes": 2, "output": 3, "assemble": 4, "adapters": 5,
         "benchmark": 5, "cli": 6}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "core"  # generator/__init__.py holds nothing
    if parts[1] in ("cli", "__main__"):
        return "cli"
    return parts[1]


def imports_of(source: str, module: str, is_package: bool) -> list[str]:
    """Absolute names of the generator modules a module's source imports."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append(target)
            # `from . import x` imports the module x
            found += [f"{target}.{alias.name}" for alias in node.names]
    return [name for name in found if name == "generator" or name.startswith("generator.")]


def modules() -> dict[str, tuple[Path, list[str]]]:
    result = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        result[name] = (path, imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py"))
    known = set(result)
    return {name: (path, [i for i in imports if i in known]) for name, (path, imports) in result.items()}


def violations(graph: dict[str, tuple[Path, list[str]]]) -> list[str]:
    found = []
    for name, (_, imports) in graph.items():
        own = layer_of(name)
        for target in imports:
            other = layer_of(target)
            if other == own:
                continue
            if RANKS[other] >= RANKS[own]:
                found.append(f"{name} ({own}) imports {target} ({other})")
    return found


def cycles(graph: dict[str, tuple[Path, list[str]]]) -> list[list[str]]:
    edges = {name: [t for t in imports if t != name and not name.startswith(t + ".")]
             for name, (_, imports) in graph.items()}  # a module's own package __init__ is no cycle
    found, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in edges.get(node, []):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def test_every_module_belongs_to_a_known_layer():
    unknown = {name for name in modules() if layer_of(name) not in RANKS}
    assert unknown == set()


def test_imports_point_down_only():
    assert violations(modules()) == []


def test_no_import_cycles():
    assert cycles(modules()) == []


@pytest.mark.parametrize("source, expected", [
    ("from ..assemble.plan import Plan", ["generator.intake.x (intake) imports generator.assemble.plan (assemble)"]),
    ("def late():\n    from ..rules import redact", ["generator.intake.x (intake) imports generator.rules (rules)",
                                                      "generator.intake.x (intake) imports generator.rules.redact (rules)"]),
    ("from ..core.text import fold", []),
])
def test_the_layer_check_sees_upward_and_sideways_imports(source, expected):
    known = {"generator.assemble.plan", "generator.rules", "generator.rules.redact", "generator.core.text"}
    imports = [i for i in imports_of(source, "generator.intake.x", False) if i in known]
    graph = {"generator.intake.x": (Path("x.py"), imports)}
    assert violations(graph) == expected


def test_the_cycle_check_sees_a_cycle():
    graph = {"generator.core.a": (Path(), ["generator.core.b"]), "generator.core.b": (Path(), ["generator.core.a"])}
    assert cycles(graph) == [["generator.core.a", "generator.core.b", "generator.core.a"]]


# The theme engine (MkDocs and Material, and Python-Markdown's extensions Material brings) stays behind one seam:
# a second engine is a second folder under adapters/.
ENGINE_PACKAGES = ("mkdocs", "material", "pymdownx", "markdown")


def engine_imports(source: str) -> list[str]:
    """The engine packages a module's source imports (lazy imports too)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
        found += [n for n in names if n.split(".")[0] in ENGINE_PACKAGES]
    return found


def engine_violations(package: Path = PACKAGE) -> list[str]:
    return [f"{path.relative_to(package.parent)} imports {name}" for path in sorted(package.rglob("*.py"))
            if "adapters" not in path.relative_to(package).parts
            for name in engine_imports(path.read_text(encoding="utf-8"))]


def test_nothing_outside_the_adapter_imports_the_theme_engine():
    assert engine_violations() == []


def test_the_engine_check_sees_a_planted_import(tmp_path):
    import shutil

    copy = tmp_path / "generator"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "output" / "planted.py").write_text("def late():\n    import mkdocs.config\n", encoding="utf-8")
    (copy / "adapters" / "mkdocs" / "allowed.py").write_text("import mkdocs\n", encoding="utf-8")
    assert engine_violations(copy) == ["generator/output/planted.py imports mkdocs.config"]
