"""Private names of Sphinx and docutils: only in ``ideation.sphinx._compat``, and both paths give
the same pages."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from sphinx_roots import Builder

import ideation
from ideation.sphinx import _compat

SOURCES = Path(ideation.__file__).parent
HOSTS = ("sphinx", "docutils", "myst_parser")
#: The names the extension's objects keep of their hosts (``env``, ``app``...): an attribute
#: of theirs that starts with an underscore is private.
HOST_OBJECTS = {"app", "env", "builder", "config", "registry", "translator", "document", "state"}


def _private_uses(path: Path) -> list[str]:
    """Each private name of a host that ``path`` imports or reads, as ``line: name``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] in HOSTS:
                private = [p for p in parts if p.startswith("_") and p != "__future__"]
                private += [a.name for a in node.names if a.name.startswith("_")]
                found += [f"{node.lineno}: {node.module}.{name}" for name in private]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] in HOSTS and any(p.startswith("_") for p in parts):
                    found.append(f"{node.lineno}: {alias.name}")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            if node.attr.startswith("__"):
                continue
            owner = node.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if name in HOST_OBJECTS or name in HOSTS:
                found.append(f"{node.lineno}: {name}.{node.attr}")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and any(node.value.startswith(f"{host}.") for host in HOSTS)
            and "._" in node.value
        ):
            found.append(f"{node.lineno}: {node.value}")
    return found


def test_no_module_but_compat_uses_a_private_name_of_sphinx_or_docutils() -> None:
    offenders = {
        str(path.relative_to(SOURCES)): uses
        for path in sorted(SOURCES.rglob("*.py"))
        if path.name != "_compat.py" and (uses := _private_uses(path))
    }
    assert offenders == {}


def test_the_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text(
        "from sphinx.util.docutils import _private\n"
        "import sphinx._internal\n"
        "def f(env):\n    return env._app\n",
        encoding="utf-8",
    )
    assert len(_private_uses(planted)) == 3


def test_every_private_name_compat_lists_is_still_there() -> None:
    # A new Sphinx that drops one is noticed here, on the matrix, before a user notices the
    # plain path took over.
    import importlib

    for dotted in _compat.PRIVATE_NAMES:
        module, _, name = dotted.rpartition(".")
        assert hasattr(importlib.import_module(module), name), dotted


def _pages(app: object) -> dict[str, bytes]:
    outdir = Path(getattr(app, "outdir"))  # noqa: B009
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


@pytest.mark.sphinx
def test_the_plain_path_gives_the_same_pages(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    private = _pages(build("mini", "html", language="fr", ideation_language="fr"))
    monkeypatch.setattr(_compat, "use_private_names", False)
    # A new process in effect: the catalog an earlier build loaded is what the private path
    # drops, so the plain path is compared on a first build in French too.
    plain = _pages(build("mini", "html", language="fr", ideation_language="fr"))
    assert plain == private
    assert any("Événements à venir".encode() in page for page in plain.values())


def test_without_the_private_table_the_catalog_is_not_forgotten(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _compat.forget_message_catalog("ideation-test") is True
    monkeypatch.setattr(_compat, "use_private_names", False)
    assert _compat.forget_message_catalog("ideation-test") is False
    monkeypatch.setattr(_compat, "use_private_names", True)
    monkeypatch.delattr(sys.modules["sphinx.locale"], "translators")
    assert _compat.forget_message_catalog("ideation-test") is False
