"""Build an imported catalogue with Sphinx, as a site would (``-n -W``: no warning allowed)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from io import StringIO
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from ideation import dump
from ideation.model import Catalogue


def build_catalogue(
    catalogue: Catalogue,
    folder: Path,
    images: Sequence[tuple[Path, str]] = (),
    **conf: object,
) -> tuple[str, str]:
    """Write ``catalogue`` under ``folder`` with ``images`` copied into it (as ``ideation
    import hugo`` does), build it with the extension's generated pages, nit-picky; return the
    warnings and the HTML of every page, joined."""
    data = folder / "catalogue"
    dump(catalogue, data)
    for source, target in images:
        (data / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, data / target)
    source = folder / "site"
    source.mkdir()
    (source / "conf.py").write_text(
        'extensions = ["ideation.sphinx"]\n'
        "ideation_generate_pages = True\n"
        f"ideation_catalogue = {str(data)!r}\n"
        "show_warning_types = True\n"
        # The published catalogue JSON is another feature's, tested with it.
        "ideation_publish = False\n",
        encoding="utf-8",
    )
    (source / "index.rst").write_text(
        "Site\n====\n\n.. toctree::\n\n   ideation/index\n", encoding="utf-8"
    )
    warnings = StringIO()
    app = SphinxTestApp(
        "html",
        srcdir=source,
        confoverrides={"nitpicky": True, **conf},
        status=StringIO(),
        warning=warnings,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    pages = sorted(Path(app.outdir).rglob("*.html"))
    return warnings.getvalue(), "\n".join(p.read_text(encoding="utf-8") for p in pages)


def page_html(folder: Path, name: str) -> str:
    """The HTML of the generated page whose file name is ``name`` (``slug.html``)."""
    (found,) = list((folder / "site" / "_build").rglob(name))
    return found.read_text(encoding="utf-8")
