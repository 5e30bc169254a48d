"""Reading and writing model objects in JSON, YAML, TOML and Markdown with front matter.

Each format has a module with the same few names (``NAME``, ``SUFFIXES``, ``NATIVE_DATES``,
``parse``, ``render``: the :class:`Format` protocol), as ``cattrs.preconf`` has. This module is
the package's front only: dispatch between the formats is in ``_load``, loading and writing by
path in ``_paths``, catalogue folders in ``_catalogue``.
"""

from __future__ import annotations

from .._io import Stamp, stamp_of
from ._catalogue import (
    CatalogueSources,
    catalogue_files,
    is_catalogue_folder,
    is_data_file,
    is_programme_file,
    load_programme_file,
    load_with_sources,
    programme_file,
    split_catalogue_path,
)
from ._document import Document, Format, FrontMatter
from ._load import FORMATS, L, Loadable, dumps, format_for, loads
from ._paths import dump, load

__all__ = [
    "FORMATS",
    "CatalogueSources",
    "Document",
    "Format",
    "FrontMatter",
    "L",
    "Loadable",
    "Stamp",
    "catalogue_files",
    "dump",
    "dumps",
    "format_for",
    "is_catalogue_folder",
    "is_data_file",
    "is_programme_file",
    "load",
    "load_programme_file",
    "load_with_sources",
    "loads",
    "programme_file",
    "split_catalogue_path",
    "stamp_of",
]
