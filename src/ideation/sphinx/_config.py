"""The extension's configuration: one typed object, built from ``conf.py`` and read in one place.

Every value is declared once, as a field of :class:`IdeationConfig`, with its documentation in
the field's metadata; :func:`setup_config` registers each field as the Sphinx configuration value
``ideation_<field>``, and :func:`get_config` is the one accessor the rest of the extension uses.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Literal, cast

import attrs
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..errors import IdeationError

logger = logging.getLogger(__name__)

#: The prefix of every configuration value of the extension.
PREFIX = "ideation_"

_Rebuild = Literal["env", "html", ""]


def _doc(
    text: str, *, conf_default: object, rebuild: _Rebuild = "env", types: tuple[type, ...] = ()
) -> dict[str, object]:
    # ``types``: what Sphinx accepts without its type warning, when more than the default's type.
    return {
        "doc": " ".join(text.split()),
        "conf_default": conf_default,
        "rebuild": rebuild,
        "types": types,
    }


@attrs.frozen(kw_only=True)
class IdeationConfig:
    """The extension's settings from ``conf.py`` (named here without the ``ideation_`` prefix)."""

    catalogue: tuple[Path, ...] = attrs.field(
        default=(),
        metadata=_doc(
            """One catalogue path, or a list of them: catalogue folders (with ``programme.yaml``,
            ``events/`` and ``proposals/``), one-file catalogues, or sources files
            (``sources.toml``: the catalogue assembled from the sources it lists, as its lock
            fixes them), relative to the folder of ``conf.py``.""",
            conf_default=[],
            types=(str, PurePath, list, tuple),
        ),
    )
    generate_pages: bool = attrs.field(
        default=False,
        metadata=_doc(
            """Write a page per event and per proposal, and index pages, under
            ``ideation_pages_folder``; add ``<folder>/index`` to a toctree to link them.""",
            conf_default=False,
        ),
    )
    pages_folder: str = attrs.field(
        default="ideation",
        metadata=_doc(
            """The folder, relative to the source folder, where generated pages are written.
            Stubs the extension wrote for objects that are gone are removed from it.""",
            conf_default="ideation",
        ),
    )
    show_names: bool = attrs.field(
        default=False,
        metadata=_doc(
            """Show the names of participants who consented to be named. Off by default:
            counts, profiles and organisations are shown, never a name.""",
            conf_default=False,
        ),
    )
    raw_html: bool = attrs.field(
        default=False,
        metadata=_doc(
            """Let raw HTML in Markdown descriptions through to HTML output. Off by default:
            raw HTML is shown as text.""",
            conf_default=False,
        ),
    )
    image_base_url: str | None = attrs.field(
        default=None,
        metadata=_doc(
            """The URL that site-absolute image and link paths from the data (``/img/photo.jpg``,
            as Hugo writes them) are relative to. Without it, such images are left out and such
            links shown as text.""",
            conf_default=None,
        ),
    )
    download_images: bool = attrs.field(
        default=False,
        metadata=_doc(
            """Let builders that cannot link to a remote image (LaTeX, EPUB, Texinfo) download
            the web images that data files name, as Sphinx does for the site's own images. Off
            by default: those builders show such an image as a link to it, since whoever writes
            a data file would otherwise make the build machine request any address it can
            reach. HTML builders link to remote images and never download them.""",
            conf_default=False,
            rebuild="",
        ),
    )
    language: str | None = attrs.field(
        default=None,
        metadata=_doc(
            """The language of the labels and dates the extension writes (``"fr"``,
            ``"en"``...); the project's ``language`` when unset. Set it when the data's language
            differs from the site's: an English site can show a French programme with French
            labels, as this documentation's showcase does.""",
            conf_default=None,
        ),
    )
    publish: bool = attrs.field(
        default=True,
        metadata=_doc(
            """Publish the rendered catalogue for others at the root of the HTML output:
            ``ideation.json`` (public fields, each object's page URL), ``ideation.ics`` and an
            ``ideation-SEASON.ics`` per season, ``ideation-events/SLUG.ics`` per event (which
            its page links to), and ``ideation.atom``. HTML builders only.""",
            conf_default=True,
            # Event pages link to their .ics only where it is published: written again.
            rebuild="html",
        ),
    )
    edit_url: str | None = attrs.field(
        default=None,
        metadata=_doc(
            """The web editor's address of this site's own data files, with ``{path}`` where
            the file's path goes, relative to its catalogue folder (or to its local source's
            folder in a sources file), such as
            ``"https://github.com/org/repo/edit/main/catalogue/{path}"``. An event's or a
            proposal's full view then links to its file ("Edit this file"). Objects from a git
            source of a known forge link to their file in its forge without it; those read
            from another site's catalogue never do.""",
            conf_default=None,
        ),
    )
    today: dt.date | None = attrs.field(
        default=None,
        metadata=_doc(
            """The date, as ``YYYY-MM-DD``, that ``ideation:events`` splits past and upcoming
            events on; the day of the build when unset. Set it for reproducible builds.""",
            conf_default=None,
        ),
    )

    def catalogue_paths(self, confdir: Path) -> tuple[Path, ...]:
        """The catalogue paths, made absolute from ``confdir`` and normalised (no ``x/../``),
        so that warnings name the files as a reader would write them."""
        return tuple(Path(os.path.normpath(confdir / path)) for path in self.catalogue)

    def labels_language(self, config: Config) -> str | None:
        """The language of labels and dates: this setting, else the project's ``language``."""
        project: str | None = config.language
        return self.language or project


@attrs.frozen(kw_only=True)
class ConfigValue:
    """The documentation of one configuration value, for generated reference pages."""

    name: str
    default: object
    doc: str
    rebuild: str
    #: The types Sphinx accepts for the value (empty: the default's type).
    types: tuple[type, ...] = ()


def config_values() -> Iterator[ConfigValue]:
    """Every configuration value of the extension, in declaration order."""
    for field in attrs.fields(IdeationConfig):
        yield ConfigValue(
            name=PREFIX + field.name,
            default=field.metadata["conf_default"],
            doc=field.metadata["doc"],
            rebuild=field.metadata["rebuild"],
            types=field.metadata["types"],
        )


def _warn(name: str, expected: str, got: object, *, report: bool) -> None:
    if not report:
        return
    logger.warning(
        "%s%s: expected %s, got %r; using the default",
        PREFIX,
        name,
        expected,
        got,
        type="ideation",
        subtype="config",
    )


def _paths(value: object) -> tuple[Path, ...] | None:
    if isinstance(value, str | Path):
        return (Path(value),)
    if isinstance(value, Sequence) and all(isinstance(item, str | Path) for item in value):
        return tuple(Path(item) for item in value)
    return None


def _build(raw: Mapping[str, object], *, report: bool) -> IdeationConfig:
    default = IdeationConfig()

    def flag(name: str, fallback: bool) -> bool:
        value = raw[name]
        if isinstance(value, bool):
            return value
        _warn(name, "True or False", value, report=report)
        return fallback

    # Checked, and reported, in the order of the fields.
    catalogue = _paths(raw["catalogue"])
    if catalogue is None:
        _warn("catalogue", "a path or a list of paths", raw["catalogue"], report=report)
        catalogue = default.catalogue
    generate_pages = flag("generate_pages", default.generate_pages)
    show_names = flag("show_names", default.show_names)
    raw_html = flag("raw_html", default.raw_html)
    download_images = flag("download_images", default.download_images)
    publish = flag("publish", default.publish)
    folder = raw["pages_folder"]
    pages_folder = default.pages_folder
    if isinstance(folder, str) and folder.strip("/") and ".." not in Path(folder).parts:
        pages_folder = folder.strip("/")
    else:
        _warn("pages_folder", "a folder inside the source folder", folder, report=report)
    base = raw["image_base_url"]
    image_base_url = default.image_base_url
    if base is None or isinstance(base, str):
        image_base_url = base.rstrip("/") if base else None
    else:
        _warn("image_base_url", "a URL", base, report=report)
    given_language = raw["language"]
    language = default.language
    if given_language is None or (isinstance(given_language, str) and given_language.strip()):
        language = given_language.strip() if given_language else None
    else:
        _warn("language", "a language code like 'fr'", given_language, report=report)
    given_edit = raw["edit_url"]
    edit_url = default.edit_url
    if isinstance(given_edit, str) and _is_edit_template(given_edit):
        edit_url = given_edit.strip()
    elif given_edit is not None:
        _warn("edit_url", "a web address with {path} in it", given_edit, report=report)
    given_today = raw["today"]
    today = default.today
    if isinstance(given_today, dt.date):
        today = given_today
    elif isinstance(given_today, str):
        try:
            today = dt.date.fromisoformat(given_today)
        except ValueError:
            _warn("today", "a date like 2022-05-16", given_today, report=report)
    elif given_today is not None:
        _warn("today", "a date like 2022-05-16", given_today, report=report)
    return IdeationConfig(
        catalogue=catalogue,
        generate_pages=generate_pages,
        pages_folder=pages_folder,
        show_names=show_names,
        raw_html=raw_html,
        image_base_url=image_base_url,
        download_images=download_images,
        language=language,
        publish=publish,
        edit_url=edit_url,
        today=today,
    )


def _is_edit_template(value: str) -> bool:
    """Whether ``value`` is an ``ideation_edit_url``: an ``https://`` or ``http://`` address
    with ``{path}`` in it."""
    return "{path}" in value and value.strip().lower().startswith(("https://", "http://"))


def get_config(config: Config, *, report: bool = False) -> IdeationConfig:
    """The extension's settings from a Sphinx configuration; the one way the extension reads them.

    A value of the wrong type is replaced by its default; with ``report``, it is also a warning
    (the extension reports once, when the configuration is read).
    """
    raw = {
        field.name: getattr(config, PREFIX + field.name) for field in attrs.fields(IdeationConfig)
    }
    return _build(raw, report=report)


def _check(app: Sphinx, config: Config) -> None:
    settings = get_config(config, report=True)
    _exclude_catalogues(app, config, settings)


def _exclude_catalogues(app: Sphinx, config: Config, settings: IdeationConfig) -> None:
    """Leave catalogues kept inside the source folder out of the documents.

    A catalogue folder in ``docs/data/`` holds Markdown files that MyST would otherwise read
    as pages of their own (each event twice: once shown by the extension, once raw).
    """
    srcdir = Path(app.srcdir).resolve()
    patterns = list(config.exclude_patterns)
    for path in _excluded(settings.catalogue_paths(Path(app.confdir))):
        try:
            relative = path.resolve().relative_to(srcdir).as_posix()
        except ValueError:
            continue  # outside the source folder: Sphinx does not look there
        if relative == ".":
            continue  # the source folder itself: excluding it would leave no documents
        for pattern in (relative, f"{relative}/**"):
            if pattern not in patterns:
                patterns.append(pattern)
    config.exclude_patterns = patterns


def _excluded(paths: tuple[Path, ...]) -> list[Path]:
    """The paths to leave out of the documents: each catalogue path, and for a sources file,
    its local sources and its cache (where repositories' Markdown files are written)."""
    found: list[Path] = []
    for path in paths:
        found.append(path)
        if path.name.endswith("sources.toml") and path.is_file():
            from ..sources import LocalSource, read_sources  # the loaders, only for these

            try:
                sources = read_sources(path)
            except (IdeationError, OSError):
                continue  # reported when the catalogue is read
            found.append(sources.cache)
            found.extend(
                sources.folder / source.path
                for source in sources.sources
                if isinstance(source, LocalSource)
            )
    return found


def setup_config(app: Sphinx) -> None:
    """Register every field of :class:`IdeationConfig` as an ``ideation_*`` configuration value."""
    for value in config_values():
        rebuild = cast("_Rebuild", value.rebuild)
        app.add_config_value(
            value.name, value.default, rebuild, types=value.types, description=value.doc
        )
    app.connect("config-inited", _check)
