"""The exceptions of ``ideation``.

Every exception the library raises on purpose is an :class:`IdeationError`. Problems in data are
:class:`DataError`: one exception that carries **every** :class:`Problem` found, each with the file,
the line where the format can tell it, a JSON path and a plain message, so that a user fixes a file
in one pass instead of one error at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "DataError",
    "FieldError",
    "FieldErrors",
    "FieldTypeError",
    "IdeationError",
    "MissingExtraError",
    "Problem",
    "UsageError",
]


class IdeationError(Exception):
    """The base class of every error raised by ``ideation`` on purpose."""


class UsageError(IdeationError, ValueError):
    """The library was called in a way it cannot honour (an unknown format, a wrong type...)."""


#: The distribution that brings a module, where its name is not the module's.
_DISTRIBUTIONS = {"myst_parser": "myst-parser", "ruamel": "ruamel.yaml"}


class MissingExtraError(IdeationError, ImportError):
    """A feature needs an optional package that is not installed; ``extra`` names the extra of
    ``ideation`` that brings it.

    ``str(error)`` is one line that says what to install, for example ``the iCalendar export
    needs icalendar, from the 'export' extra: pip install -e '.[export]' in a clone of ideation
    (pip install 'ideation[export]' once ideation is on PyPI)``. An :exc:`ImportError` too, so
    that code which falls back when an import fails keeps doing so.
    """

    def __init__(self, module: str, extra: str, feature: str) -> None:
        top = module.partition(".")[0]
        #: The distribution to install (``icalendar``, ``ruamel.yaml``, ``myst-parser``...).
        self.package = _DISTRIBUTIONS.get(top, top)
        super().__init__(
            f"{feature} needs {self.package}, from the {extra!r} extra: "
            f"pip install -e '.[{extra}]' in a clone of ideation "
            f"(pip install 'ideation[{extra}]' once ideation is on PyPI)",
            name=module,
        )
        #: The module that could not be imported, the extra that brings it, and what needs it.
        self.module = module
        self.extra = extra
        self.feature = feature

    def __reduce__(self) -> tuple[type[MissingExtraError], tuple[str, str, str]]:
        return (type(self), (self.module, self.extra, self.feature))


@attrs.frozen(kw_only=True, slots=True)
class Problem:
    """One problem found in data.

    ``path`` is a JSON path from the root of the document (``$`` is the root itself, then
    ``.key`` and ``[index]`` steps), so that it names the place whatever the format.
    """

    message: str
    path: str = "$"
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file or "<data>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.path}: {self.message}"

    def within(self, prefix: str) -> Problem:
        """The same problem, its path taken as relative to ``prefix``."""
        return attrs.evolve(self, path=join_path(prefix, self.path))


def join_path(prefix: str, path: str) -> str:
    """Join two JSON paths: ``join_path("$.events[0]", "$.slug") == "$.events[0].slug"``."""
    return prefix + path[1:] if path.startswith("$") else f"{prefix}.{path}"


class DataError(IdeationError, ValueError):
    """Data that does not describe valid objects; :attr:`problems` lists every problem found.

    ``str(error)`` gives one line per problem, as ``FILE:LINE: $.PATH: MESSAGE``.
    """

    #: Every problem found, in the order they were found.
    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("a DataError needs at least one problem")
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @classmethod
    def single(cls, message: str, path: str = "$", *, file: str | None = None) -> DataError:
        """A :class:`DataError` with a single problem."""
        return cls([Problem(message=message, path=path, file=file)])

    def within(self, prefix: str) -> DataError:
        """The same problems, their paths taken as relative to ``prefix``."""
        return DataError(problem.within(prefix) for problem in self.problems)

    def in_file(self, file: str) -> DataError:
        """The same problems, said to be in ``file`` where they named no file."""
        return DataError(
            attrs.evolve(problem, file=problem.file or file) for problem in self.problems
        )

    def __reduce__(self) -> tuple[type[DataError], tuple[Sequence[Problem]]]:
        # Exceptions pickle their ``args`` by default; ours takes the problems instead. Sphinx
        # parallel builds pickle what crosses processes, so this has to round-trip.
        return (type(self), (self.problems,))


class FieldError(IdeationError, ValueError):
    """A value a model check refused: the path of the field and the message, kept apart.

    ``path`` is relative to the object checked (``sessions[2].end``), so that whoever reports
    the error puts it below the object's own path without reading it out of the message.
    """

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message

    def __reduce__(self) -> tuple[type[FieldError], tuple[str, str]]:
        return (type(self), (self.path, self.message))


class FieldTypeError(FieldError, TypeError):
    """A :class:`FieldError` for a value of the wrong type (text where a list was expected...).

    A :exc:`TypeError` too, as attrs' own type validators raise.
    """


class FieldErrors(IdeationError, ValueError):
    """Several :class:`FieldError` found by one check, so that none hides another."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(error) for error in self.errors))

    def __reduce__(self) -> tuple[type[FieldErrors], tuple[tuple[FieldError, ...]]]:
        return (type(self), (self.errors,))
