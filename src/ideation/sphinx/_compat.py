"""Every private name of Sphinx or docutils that the extension uses, each checked, each with a
fallback that gives the same output.

The extension works through Sphinx's documented API. Where a private name buys something the
documented API cannot give, it is used here and nowhere else (``tests/sphinx/test_compat.py``
fails when a private name of Sphinx appears in another module), looked up when it is needed,
and checked: when a Sphinx release removes or changes it, the plain path takes over.

=========================== ============================================================
private name                what it buys, and the plain path without it
=========================== ============================================================
``sphinx.locale.translators`` A second build in one process (a test run, a server that
                            rebuilds) in another ``ideation_language`` starts from a fresh
                            message catalog: :func:`sphinx.locale.init` merges into a
                            catalog an earlier build loaded. Without it, the catalog is
                            loaded as :meth:`Sphinx.add_message_catalog` loads it, which
                            gives the same labels for the first build of a process.
=========================== ============================================================
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gettext import NullTranslations

#: Every private name the package uses, as ``module.name``; each is looked up here only.
PRIVATE_NAMES: tuple[str, ...] = ("sphinx.locale.translators",)

#: Turns every private path off, for the tests that check the plain path gives the same output.
use_private_names = True


def _translators() -> dict[tuple[str, str], NullTranslations] | None:
    """Sphinx's table of loaded message catalogs, if this Sphinx has it as it was known."""
    if not use_private_names:
        return None
    import sphinx.locale

    table = getattr(sphinx.locale, "translators", None)
    return table if isinstance(table, dict) else None


def forget_message_catalog(catalog: str, namespace: str = "general") -> bool:
    """Drop the message catalog an earlier build of this process loaded; ``False`` when this
    Sphinx keeps its catalogs where the extension cannot reach them (the plain path)."""
    table = _translators()
    if table is None:
        return False
    table.pop((namespace, catalog), None)
    return True
