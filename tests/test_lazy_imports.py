"""The loaders are imported on first use: the model and the Sphinx extension start without them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from .conftest import EXAMPLE

#: What loading data brings in, and a build with nothing to read does not need.
LOADERS = ("ideation.formats", "yaml", "ideation.convert", "cattrs")


def _run(code: str) -> None:
    subprocess.run([sys.executable, "-c", textwrap.dedent(code)], check=True)


def test_import_ideation_leaves_the_loaders_until_used() -> None:
    _run(
        f"""
        import sys
        import ideation
        loaders = {LOADERS!r}
        assert not [name for name in loaders if name in sys.modules], sys.modules.keys()
        assert "load" in dir(ideation)
        from ideation import dumps
        assert "ideation.formats" in sys.modules
        assert ideation.load is sys.modules["ideation.formats"].load
        try:
            ideation.missing
        except AttributeError as error:
            assert "missing" in str(error)
        else:
            raise AssertionError("ideation.missing did not raise")
        """
    )


def test_the_sphinx_extension_imports_no_loader() -> None:
    # Every module the extension's setup imports, as a build with nothing to read does. (YAML
    # is left out: MyST, which the extension loads, imports it.)
    _run(
        f"""
        import pkgutil, sys, importlib
        import ideation.sphinx
        for module in pkgutil.iter_modules(ideation.sphinx.__path__):
            importlib.import_module(f"ideation.sphinx.{{module.name}}")
        loaders = {tuple(name for name in LOADERS if name != "yaml")!r}
        assert not [name for name in loaders if name in sys.modules], [
            name for name in loaders if name in sys.modules
        ]
        """
    )


#: The packages of the extras (sphinx, export, charts, ops) and what they bring in: the bare
#: package, the library's front door and the ``ideation`` command must start without them.
OPTIONAL = (
    "sphinx",
    "myst_parser",
    "docutils",
    "icalendar",
    "matplotlib",
    "scipy",
    "numpy",
    "ruamel",
    "openpyxl",
    "tomlkit",
)


def test_the_command_and_its_help_import_no_optional_package() -> None:
    # Every sub-command's module is imported, and every parser built, by --help.
    _run(
        f"""
        import contextlib, io, sys
        import ideation
        import ideation.cli
        from ideation.cli import main
        with contextlib.redirect_stdout(io.StringIO()) as out:
            assert main(["--help"]) == 0
        assert out.getvalue().startswith("usage: ideation")
        loaded = [name for name in {OPTIONAL!r} if name in sys.modules]
        assert not loaded, loaded
        """
    )


# A module that only a feature of an extra imports, and that says so when imported without it.
NEEDS_AN_EXTRA = {"ideation.export.ical": "export", "ideation.ops._milp": "ops"}


def test_the_bare_package_works_without_the_optional_packages(tmp_path: Path) -> None:
    # The packages of the extras made unimportable (None in sys.modules), as in a bare install:
    # every module outside the Sphinx extension imports, and the commands of the bare package run.
    _run(
        f"""
        import importlib, pkgutil, sys
        for name in {OPTIONAL!r}:
            sys.modules[name] = None
        import ideation
        from ideation.cli import main
        from ideation.errors import MissingExtraError

        for module in pkgutil.walk_packages(ideation.__path__, "ideation."):
            if module.name.startswith("ideation.sphinx"):
                continue
            try:
                importlib.import_module(module.name)
            except MissingExtraError as error:
                assert {NEEDS_AN_EXTRA!r}.get(module.name) == error.extra, module.name
            else:
                assert module.name not in {NEEDS_AN_EXTRA!r}, module.name

        example, out = {str(EXAMPLE)!r}, {str(tmp_path)!r}
        for command in (
            ["validate", example],
            ["show", example],
            ["schema", "event", "-o", out + "/event.schema.json"],
            ["export", "csv", example, "-o", out + "/csv"],
            ["export", "jsonld", example, "-o", out + "/programme.jsonld"],
            ["export", "hugo", example, "-o", out + "/site"],
            ["import", "hugo", out + "/site", "-o", out + "/catalogue"],
        ):
            assert main(command) == 0, command
        assert main(["export", "ical", example, "-o", out + "/programme.ics"]) == 2
        """
    )
