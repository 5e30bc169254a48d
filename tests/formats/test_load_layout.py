"""The layout's import rules, checked on the source: no module reaches into another's privates.

A ``_private`` name is never imported from another module, and a ``_private`` module is
imported only from inside the package that holds it (``ideation._io`` by any module of
``ideation``, ``ideation.formats._load`` only by ``ideation.formats``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def _private(part: str) -> bool:
    # ``_`` alone is gettext's translation function, a convention, not a private name.
    return part.startswith("_") and not part.startswith("__") and part != "_"


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports() -> Iterator[tuple[str, int, str, list[str], str]]:
    for path in sorted(SRC.rglob("*.py")):
        module, is_package = _module_name(path)
        package = module if is_package else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                target = _absolute(node, module, is_package)
                yield module, node.lineno, target, [alias.name for alias in node.names], package
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    yield module, node.lineno, alias.name, [], package


def _is_module(name: str) -> bool:
    path = SRC.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _inside(package: str, owner: str) -> bool:
    return package == owner or package.startswith(owner + ".")


def _violations() -> list[str]:
    found = []
    for module, line, target, names, package in _imports():
        where = f"{module}:{line}: {target}"
        parts = target.split(".")
        for index, part in enumerate(parts):
            owner = ".".join(parts[:index])
            if _private(part) and not _inside(package, owner):
                found.append(f"{where}: {'.'.join(parts[: index + 1])} is private to {owner}")
        for name in filter(_private, names):
            if not _is_module(f"{target}.{name}"):
                found.append(f"{where} imports the private name {name}")
            elif not _inside(package, target):
                found.append(f"{where}: {target}.{name} is private to {target}")
    return sorted(set(found))


def test_no_module_imports_a_private_name_of_another() -> None:
    assert _violations() == []


def test_the_rule_sees_what_it_forbids(tmp_path: Path) -> None:
    # The rule on a made-up package, so that a broken walker cannot pass by seeing nothing.
    global SRC
    saved = SRC
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("from ._own import thing\n")
    (package / "_own.py").write_text("thing = 1\n")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "_inner.py").write_text("x = 1\n")
    (package / "sub" / "user.py").write_text(
        "from .._own import thing\nfrom ._inner import x\nfrom pkg._own import _hidden\n"
    )
    (package / "other.py").write_text("from .sub._inner import x\nfrom .sub import _inner\n")
    SRC = tmp_path
    try:
        found = _violations()
    finally:
        SRC = saved
    assert found == [
        "pkg.other:1: pkg.sub._inner: pkg.sub._inner is private to pkg.sub",
        "pkg.other:2: pkg.sub: pkg.sub._inner is private to pkg.sub",
        "pkg.sub.user:3: pkg._own imports the private name _hidden",
    ]


# -- imports inside functions ---------------------------------------------------------------


def _module_imports(tree: ast.Module, module: str, is_package: bool) -> Iterator[str]:
    """The ideation modules a module imports from the statements that run with it."""
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            target = _absolute(node, module, is_package)
            named = [f"{target}.{alias.name}" for alias in node.names]
            # ``from .. import model`` needs the package only as the parent of the module it
            # imports (see _reaches); a name defined in the package's __init__ needs the
            # package itself.
            if not all(_is_module(name) for name in named):
                yield target
            yield from named
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.If):  # if TYPE_CHECKING: blocks are not run
            continue


def _graph() -> tuple[dict[str, set[str]], list[tuple[str, int, str]]]:
    """Top-level imports between ideation modules, and every import made inside a function."""
    graph: dict[str, set[str]] = {}
    inner: list[tuple[str, int, str]] = []
    for path in sorted(SRC.rglob("*.py")):
        module, is_package = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[module] = {
            name for name in _module_imports(tree, module, is_package) if _is_module(name)
        }
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    target = _absolute(node, module, is_package)
                    if target.startswith("ideation"):
                        inner.append((module, node.lineno, target))
    return graph, inner


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        current = todo.pop()
        if current == goal:
            return True
        if current in seen:
            continue
        seen.add(current)
        # Importing a module runs its packages' __init__ first, except those the goal itself
        # belongs to: they are already being imported when the goal runs.
        parts = current.split(".")
        packages = (".".join(parts[:end]) for end in range(1, len(parts)))
        todo.extend(p for p in packages if not (goal == p or goal.startswith(p + ".")))
        todo.extend(graph.get(current, ()))
    return False


def test_no_import_inside_a_function_dodges_a_cycle() -> None:
    """An import inside a function is there to defer an optional dependency or to keep a start
    cheap; moved to the top of its module, it would make no cycle."""
    graph, inner = _graph()
    assert inner, "the walk found no import inside a function: it no longer sees them"
    dodging = [
        f"{module}:{line}: {target}"
        for module, line, target in inner
        if _reaches(graph, target, module)
    ]
    assert dodging == []
