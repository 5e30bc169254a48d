"""A Hugo site adapter: import a site's pages into a catalogue, and write a catalogue back as pages.

:func:`import_site` reads a site's ``content/`` folder. Pages of the *events* sections
(``actualites`` on the reference site) become :class:`~ideation.Event` objects, pages of the
*proposals* sections (``projets``) :class:`~ideation.Proposal` objects; every other file is
listed as skipped, with why, and a page that cannot be read or does not describe a valid object
is listed as failed, with its file, line and the problems found. Nothing is dropped silently:
the :class:`HugoImport` it returns has one :class:`PageEntry` per file under ``content/``.

Real sites are messy, and the import takes them as Hugo does: keys in any case and with spaces
around them, empty values (``github:`` with nothing after it) left out, a list where one text
was expected joined, a comma-separated text where a list was expected split (``wordcloud: a,
b``), dates quoted or bare, blank lines before the front matter, pages with no final newline.
Every such repair is noted in the report.

Site-specific keys are mapped onto the model by a key map (``DEFAULT_KEY_MAP``, for the
reference site: ``responsible`` is the lead, ``github`` the repository, ``wordcloud`` the tags).
The front matter's ``description`` (Hugo's meta description) becomes the ``summary`` when the
page has none, since the model's ``description`` is the page's body.

**Cross-references.** Hugo's ``{{< ref "…" >}}`` and ``relref`` shortcodes only make sense to
Hugo, so they are turned into MyST role syntax, which the Sphinx extension resolves through
its domain whatever the layout of the generated pages: a reference to an imported event or
proposal becomes ``{ideation:event}`text <slug>``` or ``{ideation:proposal}`text <slug>```,
and a reference to an events or proposals section (``{{< ref "/projets" >}}``) becomes
``{ref}`text <ideation-proposals>```, the label Sphinx gives the ``ideation`` domain's index of
proposals (``ideation-events`` for events, the label an index of events would get).
Relative Markdown links were the alternative; they were not chosen because a link's target is
a file path, which depends on where the Sphinx project puts its pages, while a role names the
object itself. A reference to any other page (``/programme``)
becomes a plain root-relative link, as Hugo would have rendered it. :func:`export_site` turns
roles back into ``ref`` shortcodes, so the exported site still builds, and importing it again
gives the same bodies, byte for byte. Other shortcodes, and raw HTML, are kept as they are and
flagged in the report.

**Structure from prose** (``extract=True``) reads agendas, attendance, organisations and
workshop topics out of event pages, and objectives, use cases, technical domains, wanted
profiles, resources and the problem out of proposal pages. Each value found is listed in the
report, with its line.

:func:`export_site` writes ``content/<events section>/<slug>.md`` and
``content/<proposals section>/<slug>.md`` pages whose front matter keeps Hugo's meaning for
``title``, ``date``, ``slug``, ``summary``, ``images``, ``tags`` and ``draft``, the rest being
readable by templates as ``.Params``; the programme and its organisations go to
``data/ideation/programme.yaml`` (``.Site.Data.ideation.programme`` in templates), which
:func:`import_site` reads back, so that import, export and import again give an equal
catalogue. Where the site already has a page (in the site imported from, or in the output
folder), the export keeps it and edits only what changed, and its
report (:class:`HugoExport`) says how each page was written and names each shortcode it could
not give back.

The package is a site adapter, not a format. Only the names above are its interface; its
modules are private: ``_site`` (the config and which file is what), ``_page`` (a page's
paths and raw HTML; pages are split by ``ideation.formats.markdown``), ``_repairs`` (front
matter read as Hugo reads it), ``_refs`` and ``_shortcodes`` (shortcodes and
cross-references), ``_extract`` (structure from prose, by kind of fact), ``_report``,
``_importer`` (:func:`import_site`, in named steps), ``_origins`` (what the import changed,
recorded for the way back), ``_rewrite`` (a page edited where its data changed) and
``_export``.
"""

from __future__ import annotations

from ._export import export_site
from ._images import MAX_IMAGE_BYTES
from ._importer import import_site
from ._repairs import DEFAULT_KEY_MAP
from ._report import ExportedPage, Extracted, HugoExport, HugoImport, Note, PageEntry

__all__ = [
    "DEFAULT_KEY_MAP",
    "MAX_IMAGE_BYTES",
    "ExportedPage",
    "Extracted",
    "HugoExport",
    "HugoImport",
    "Note",
    "PageEntry",
    "export_site",
    "import_site",
]
