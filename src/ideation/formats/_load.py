"""One text or file to one model object: read -> identify -> structure -> locate on error.

The lower of the two loading modules: it knows one file at a time, and nothing of catalogue
folders (``_catalogue`` composes files with it, never the reverse). A file is read once
(:func:`load_file`); its text is parsed by the module its suffix names, the class is the one
asked for or the one the folder and keys tell (:func:`guess_type`), the data is structured, and
only on a problem is each given its file and line (:func:`locate`), from the text already read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar, overload

from .. import model
from .._io import max_bytes, read_text
from ..convert import structure, unstructure
from ..errors import DataError, Problem, UsageError
from ..model import PlainValue
from . import json, markdown, toml, yaml
from ._document import Document, Format, FrontMatter
from ._references import catalogue_references, merge

T = TypeVar("T")

#: The format modules, by name.
FORMATS: dict[str, Format] = {module.NAME: module for module in (json, yaml, toml, markdown)}

#: The classes that a data file can describe on its own (a candidate's is a file of a
#: ``candidates/`` folder).
Loadable = (
    model.Catalogue
    | model.Event
    | model.Proposal
    | model.Programme
    | model.Organisation
    | model.Candidate
)
_LOADABLE: tuple[type[Loadable], ...] = (
    model.Catalogue,
    model.Event,
    model.Proposal,
    model.Programme,
    model.Organisation,
    model.Candidate,
)
#: One of the classes of :data:`~ideation.formats.Loadable`, as ``load``'s ``type`` names it.
L = TypeVar(
    "L",
    model.Catalogue,
    model.Event,
    model.Proposal,
    model.Programme,
    model.Organisation,
    model.Candidate,
)
L.__module__ = "ideation.formats"  # documented where users import it from

#: What a data file read without a type may hold: one of :data:`Loadable`'s classes.
Loaded = Loadable

_FOLDERS: dict[str, type[Loaded]] = {
    "events": model.Event,
    "proposals": model.Proposal,
    "candidates": model.Candidate,
}
_EVENT_KEYS = {
    "sessions",
    "attendance",
    "start",
    "end",
    "location",
    "timezone",
    "organisers",
    "outcomes",
}
_PROPOSAL_KEYS = {
    "status",
    "history",
    "lead",
    "repository",
    "sponsors",
    "use_cases",
    "wanted_profiles",
    "technical_domains",
    "problem",
}
_DATA_SUFFIXES = tuple(suffix for module in FORMATS.values() for suffix in module.SUFFIXES)


def format_for(path: str | Path) -> Format:
    """The format module for a file, told by its suffix (``.md``, ``.yaml``, ``.toml``...)."""
    suffix = Path(path).suffix.lower()
    for module in FORMATS.values():
        if suffix in module.SUFFIXES:
            return module
    known = ", ".join(_DATA_SUFFIXES)
    raise UsageError(f"{path}: cannot tell the format from the suffix {suffix!r} (known: {known})")


def format_named(format: str) -> Format:
    """The format module called ``format`` (``"yaml"``...); a :class:`UsageError` if none is."""
    try:
        return FORMATS[format]
    except KeyError:
        raise UsageError(
            f"unknown format {format!r}; expected one of {', '.join(FORMATS)}"
        ) from None


def locate(error: DataError, document: Document, file: str | None, prefix: str = "$") -> DataError:
    """Give each problem its file and line, from the document its path (below ``prefix``) is in."""
    problems = []
    for problem in error.problems:
        relative = (
            "$" + problem.path[len(prefix) :] if problem.path.startswith(prefix) else problem.path
        )
        problems.append(
            Problem(
                message=problem.message,
                path=relative,
                file=problem.file or file,
                line=problem.line if problem.line is not None else document.line_of(relative),
            )
        )
    return DataError(problems)


def build(document: Document, cl: type[T], file: str | None) -> T:
    """Structure a ``cl`` from ``document``; each problem gets ``file`` and its line."""
    try:
        return structure(document.data, cl)
    except DataError as error:
        raise located(error, document, cl, file) from None


def located(error: DataError, document: Document, cl: type, file: str | None) -> DataError:
    """The problems of structuring ``document`` as a ``cl``, at their lines in ``file``."""
    found = locate(error, document, file)
    if cl is model.Catalogue:
        # A catalogue with a broken entry is not built, so its references are not checked when
        # it is: they are checked here, among the entries that build, to be reported together.
        more = catalogue_references(document.data)
        if more:
            found = DataError(
                merge(found.problems, locate(DataError(more), document, file).problems)
            )
    return found


def parse_text(module: Format, text: str, file: str | None) -> Document:
    """``text`` parsed by ``module``, after the rules every format shares (size, emptiness)."""
    limit = max_bytes(module.SUFFIXES[0])
    if len(text) > limit:
        raise DataError.single(
            f"refused: the text is {len(text) / 1_048_576:.1f} MiB long, more than the "
            f"{limit // 1_048_576} MiB a {module.NAME} file may hold",
            file=file,
        )
    if not text.strip():
        raise DataError(
            [
                Problem(
                    message="the file is empty: expected a mapping of keys to values",
                    file=file,
                    line=1,
                )
            ]
        )
    return module.parse(text, file)


def read(path: Path) -> Document:
    """The document of the data file at ``path``, in the format its suffix names."""
    return parse_text(format_for(path), read_text(path), str(path))


def check_type(type: type | None) -> None:
    """Refuse a ``type`` that is not one of :data:`Loadable`'s classes."""
    if type is not None and type not in _LOADABLE:
        names = ", ".join(cl.__name__ for cl in _LOADABLE)
        raise UsageError(
            f"cannot load a {getattr(type, '__name__', type)!s}; expected one of {names}"
        )


def loads(text: str, type: type[L], format: str = "yaml", *, file: str | None = None) -> L:
    """Read a ``type`` (``Event``, ``Proposal``, ``Catalogue``...) from ``text`` in ``format``.

    Raise :class:`~ideation.errors.DataError` listing every problem, each with ``file`` (as
    given), its line and its JSON path; :class:`~ideation.errors.UsageError` for a ``type``
    that is not one of :data:`~ideation.formats.Loadable`'s classes.
    """
    check_type(type)
    found: L = load_text(format_named(format), text, file, type)
    return found


def dumps(obj: object, format: str = "yaml", *, front_matter: FrontMatter = "yaml") -> str:
    """Write ``obj`` as text in ``format``: keys in the model's order, defaults left out.

    For ``markdown``, the description becomes the page's body and everything else its front
    matter, in YAML unless ``front_matter`` says ``toml`` or ``json``.
    """
    module = format_named(format)
    data = unstructure(obj, native_dates=module.NATIVE_DATES)
    return module.render(data, front_matter=front_matter)


def guess_type(path: Path, data: PlainValue) -> type[Loaded]:
    """What a data file describes, from its folder and keys, when the caller does not say."""
    # A catalogue file nests the programme; a programme file is the programme itself.
    if isinstance(data, dict) and isinstance(data.get("programme"), dict):
        return model.Catalogue
    if path.parent.name in _FOLDERS:
        return _FOLDERS[path.parent.name]
    if isinstance(data, dict):
        keys = set(data)
        if keys & _EVENT_KEYS and not keys & _PROPOSAL_KEYS:
            return model.Event
        if keys & _PROPOSAL_KEYS and not keys & _EVENT_KEYS:
            return model.Proposal
        if "phases" in keys:
            return model.Programme
    raise DataError(
        [
            Problem(
                file=str(path),
                message="cannot tell whether this file describes an event, a proposal or a "
                "catalogue: put it in an events/ or proposals/ folder, or pass type=",
            )
        ]
    )


def with_default_slug(data: PlainValue, path: Path) -> PlainValue:
    """``data`` with the file's stem as its ``slug`` if it gives none."""
    # A page's slug is its file name unless it says otherwise, as in Hugo.
    if isinstance(data, dict) and "slug" not in data:
        return {"slug": path.stem, **data}
    return data


@overload
def load_file(path: Path, type: type[T]) -> T: ...
@overload
def load_file(path: Path, type: None = None) -> Loaded: ...
def load_file(path: Path, type: type[T] | None = None) -> T | Loaded:
    """Read one data file as ``type``, or as what :func:`guess_type` tells it describes."""
    module = format_for(path)
    return load_text(module, read_text(path), str(path), type, path=path)


@overload
def load_text(
    module: Format, text: str, file: str | None, type: type[T], *, path: Path | None = None
) -> T: ...
@overload
def load_text(
    module: Format, text: str, file: str | None, type: None, *, path: Path | None = None
) -> Loaded: ...
@overload
def load_text(
    module: Format, text: str, file: str | None, type: type[T] | None, *, path: Path | None = None
) -> T | Loaded: ...
def load_text(
    module: Format,
    text: str,
    file: str | None,
    type: type[T] | None,
    *,
    path: Path | None = None,
) -> T | Loaded:
    """The object of ``text`` (of the file at ``path``, if from one), in ``module``'s format.

    Valid data is parsed and built the fast way; on a problem, the same ``text`` is parsed in
    detail (with the line of each path) to report every problem with its line: the file is
    never read twice. JSON is the one format with a parser of its own for valid text (no line
    table, no depth walk), and its data is used up as it is built, so that a large file's data
    and objects are not both held whole; the text is held until the object is built.
    """
    document: Document | None = None

    def parsed() -> Document:
        nonlocal document
        if document is None:
            document = parse_text(module, text, file)
        return document

    data: PlainValue = None
    valid = False
    if module.NAME == json.NAME and len(text) <= max_bytes(json.SUFFIXES[0]):
        valid, data = json.decode_valid(text)
    if not valid:
        data = parsed().data
    cl = _identify(path, type, data, file)
    data = _prepared(data, cl, path)
    try:
        if document is not None:  # parsed in detail already
            return structure(data, cl)
        return structure(data, cl, again=lambda: _prepared(parsed().data, cl, path))
    except DataError as error:
        if document is None:  # the detailed parse itself refused the text
            raise
        with_slug = document.with_data(_prepared(document.data, cl, path))
        raise located(error, with_slug, cl, file) from None


#: The classes whose files give their slug by their name when their data gives none.
_SLUGGED = (model.Event, model.Proposal, model.Organisation, model.Programme)


def _prepared(data: PlainValue, cl: type, path: Path | None) -> PlainValue:
    return with_default_slug(data, path) if cl in _SLUGGED and path is not None else data


def _identify(
    path: Path | None, type: type[T] | None, data: PlainValue, file: str | None
) -> type[T] | type[Loaded]:
    """The class ``data`` (of the file at ``path``) is to be built as: ``type``, else what
    :func:`guess_type` tells; a :class:`DataError` for a ``type`` its folder does not hold."""
    if path is None:
        return type if type is not None else guess_type(Path(file or "data"), data)
    folder_type = _FOLDERS.get(path.parent.name)
    if type is not None and folder_type is not None and folder_type is not type:
        # Unknown keys are kept, so a proposal page would load as an event with most of its
        # keys "unknown": the folder says what the file is.
        raise DataError.single(
            f"expected a {type.__name__}, but the file is in a {path.parent.name}/ folder, "
            f"which holds {folder_type.__name__} files",
            file=str(path),
        )
    return type or guess_type(path, data)
