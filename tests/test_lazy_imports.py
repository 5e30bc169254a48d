"""The loaders are imported on first use: the model and the Sphinx extension start without them."""

from __future__ import annotations

import subprocess
import sys
import textwrap

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
