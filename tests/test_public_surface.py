"""The public surface is what the API reference documents, and nothing else.

- Every name a public module exports (its ``__all__``) is documented in ``docs/reference/``,
  and every name documented there is exported.
- A private module (a ``_name``) exports nothing: it has no ``__all__``.
- A private module or name is imported only inside the package that holds it: what two
  packages share moves down a floor and loses its underscore.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

import ideation

ROOT = Path(__file__).resolve().parents[1]
SOURCES = Path(ideation.__file__).parent
REFERENCE = ROOT / "docs" / "reference"

#: Modules that need an optional library to be imported at all (see docs/install.md).
OPTIONAL = {"ideation.export.ical", "ideation.ops._milp"}

_DIRECTIVE = re.compile(
    r"^\.\. (auto(?:module|class|function|data|exception|attribute)|py:\w+)::\s*(\S+)"
    r"(?P<options>(?:\n[ \t]+:[^\n]*)*)",
    re.M,
)


def _module_names() -> list[str]:
    names = ["ideation"]
    for info in pkgutil.walk_packages([str(SOURCES)], prefix="ideation."):
        names.append(info.name)
    return sorted(names)


def _is_private(name: str) -> bool:
    return any(part.startswith("_") and part != "__main__" for part in name.split(".")[1:])


def _documented() -> tuple[set[str], set[str]]:
    """The dotted names the reference documents, and the modules it documents whole."""
    names: set[str] = set()
    whole: set[str] = set()
    for page in sorted(REFERENCE.glob("*.md")):
        for match in _DIRECTIVE.finditer(page.read_text(encoding="utf-8")):
            kind, target, options = match[1], match[2], match["options"]
            if kind == "automodule":
                members = re.search(r":members:[ \t]*([^\n]*)", options)
                if members is None:
                    continue
                listed = [name.strip() for name in members[1].split(",") if name.strip()]
                if listed:
                    names.update(f"{target}.{name}" for name in listed)
                else:
                    whole.add(target)
            else:
                names.add(target)
    for module in whole:
        names.update(f"{module}.{name}" for name in getattr(_import(module), "__all__", ()))
    return names, whole


def _import(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _public_modules() -> list[ModuleType]:
    found = []
    for name in _module_names():
        if _is_private(name) or name in OPTIONAL:
            continue
        try:
            found.append(importlib.import_module(name))
        except ImportError as error:  # pragma: no cover - an extra this environment lacks
            pytest.skip(f"{name} needs what this environment lacks: {error}")
    return found


def test_every_exported_name_is_documented() -> None:
    documented, whole = _documented()
    missing = []
    for module in _public_modules():
        if module.__name__ in whole:
            continue
        for name in getattr(module, "__all__", ()):
            if name.startswith("__"):
                continue
            if f"{module.__name__}.{name}" in documented:
                continue
            # Documented where it is defined, or under the front door: the same object.
            obj = getattr(module, name)
            elsewhere = [
                dotted
                for dotted in documented
                if _resolve(dotted) is obj and not isinstance(obj, str | int | float | tuple)
            ]
            if not elsewhere:
                missing.append(f"{module.__name__}.{name}")
    assert missing == []


def test_every_documented_name_is_exported() -> None:
    documented, whole = _documented()
    strays = []
    for dotted in sorted(documented):
        module_name, _, name = dotted.rpartition(".")
        if not module_name.startswith("ideation"):
            continue  # a name the page documents in its current module
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue  # a class member (Class.method) or a module of an absent extra
        if isinstance(module, ModuleType) and name not in getattr(module, "__all__", [name]):
            strays.append(dotted)
    assert strays == []
    assert whole  # the reader did find the pages


def _resolve(dotted: str) -> object:
    module_name, _, name = dotted.rpartition(".")
    if not module_name:
        return None
    try:
        return getattr(importlib.import_module(module_name), name, None)
    except ImportError:
        return None


def test_no_private_module_exports_names() -> None:
    exporting = [
        path.relative_to(SOURCES).as_posix()
        for path in sorted(SOURCES.rglob("*.py"))
        if _is_private(_dotted(path))
        and any(
            isinstance(node, ast.Assign | ast.AnnAssign)
            and any(getattr(t, "id", None) == "__all__" for t in _targets(node))
            for node in ast.parse(path.read_text(encoding="utf-8")).body
        )
    ]
    assert exporting == []


def _targets(node: ast.Assign | ast.AnnAssign) -> list[ast.expr]:
    return list(node.targets) if isinstance(node, ast.Assign) else [node.target]


def _dotted(path: Path) -> str:
    parts = list(path.relative_to(SOURCES).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["ideation", *parts])


def _package_of(dotted: str) -> str:
    """The package that holds a private name: everything before its first private part."""
    parts = dotted.split(".")
    for index, part in enumerate(parts[1:], start=1):
        if part.startswith("_") and part != "__init__":
            return ".".join(parts[:index])
    return dotted


def test_no_private_name_is_imported_across_packages() -> None:
    crossings = []
    for path in sorted(SOURCES.rglob("*.py")):
        importer = _dotted(path)
        package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            elif node.module and node.module.startswith("ideation"):
                source = node.module
            else:
                continue
            targets = [source] + [
                f"{source}.{alias.name}"
                for alias in node.names
                # ``_`` is gettext's function by convention, not a private name.
                if alias.name.startswith("_") and alias.name != "_"
            ]
            for target in targets:
                owner = _package_of(target)
                if owner != target and not (importer + ".").startswith(owner + "."):
                    crossings.append(f"{importer} imports {target}")
    assert crossings == []
