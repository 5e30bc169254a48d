"""The fast way from plain data to model objects, for data that turns out to be valid.

The detailed converter (``_cattrs``) collects every problem with its JSON path as it goes,
and checks each field twice (once to name it in the error, once in the class's ``__init__``).
Most data is valid, and for it that care is wasted. The structurer here builds the same objects
without it: the first problem stops it, as whatever exception raised it, and the caller then
runs the detailed converter, whose errors are the ones reported. So the fast path needs to be
right about valid data only: it never accepts what the detailed path refuses (every model check
still runs), and builds equal objects from what both accept. The tests hold both to that on
Hypothesis-drawn data.

Where the detailed converter has a rule of its own (text read from a YAML number, a date with
spaces around it, a resource written as a bare URL), the fast hooks either call it or give up,
so there is one place where each rule lives.

Each structuring has a memo, passed down to every hook: the objects of a few small frozen
classes (a step of a proposal's history) are built once for each set of equal text and shared
by every place that gives it, as ``sys.intern`` shares strings. The memo is made for the call
and dropped with it, so nothing is kept from one load to the next.

A model class's hook is written once for each set of keys its data comes with (a "shape": a
proposal of a slug, a title, a summary, sponsors and a history), with the keys given and those
left to their default known in advance: the code reads each key given, sets each default, and
tests nothing for the fields the shape leaves out. The first objects of a new shape make its
code; the shapes are kept with the structurer, a bounded number of them per class.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import sys
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from itertools import repeat
from typing import Any, Protocol, TypeAlias, TypeVar, cast

import attrs

from ..model import PlainMapping, PlainValue
from ._cattrs import Field, model_fields

T = TypeVar("T")

#: A type as a model field names it: a class (``str``, ``Proposal``), a union (``str | None``)
#: or a generic alias (``tuple[str, ...]``), what ``typing.get_args`` reads. No static type
#: narrower than ``object`` holds all three (``type`` holds classes only).
TypeForm: TypeAlias = object

#: The memo of one structuring: for each shared class, its objects under the key of the text
#: they were built from (the data's items, see :func:`_dispatch_source`).
Memo: TypeAlias = dict[type, dict[tuple[object, ...], object]]

#: A hook takes the plain value and the memo of the structuring it is part of (a dict made
#: for each call of :meth:`FastStructurer.structure`, see :attr:`Rules.shared`).
Hook: TypeAlias = Callable[[PlainValue, Memo], object]

#: A model field's converter or validator, known by its identity (see :class:`Rules`).
Check: TypeAlias = Callable[..., object]


class _Factory(Protocol):
    # What the fast path reads of an ``attrs.Factory`` default.
    factory: Callable[..., object]
    takes_self: bool


#: How deeply an unknown key's value may nest for the fast path to keep it. The formats refuse
#: data nested deeper than their limit counted from the object a value belongs to; the fast path
#: does not track where an object stands, so a deeper unknown value goes the detailed way,
#: where that rule decides (the model's own objects nest less than ten levels).
MAX_UNKNOWN_NESTING = 32


# attrs' stubs type Factory as a function that returns what its factory makes (so that a
# field's default can be a Factory); it is a class, the one a field's default is an instance of.
_FACTORY = cast(type, attrs.Factory)


def _factory(default: object) -> _Factory | None:
    """The ``attrs.Factory`` that ``default`` is, or ``None``."""
    return cast(_Factory, default) if isinstance(default, _FACTORY) else None


def nesting(value: object) -> int:
    """How many levels of lists and mappings ``value`` nests, counted up to a little past
    :data:`MAX_UNKNOWN_NESTING` (a walk with a stack: the value may be too deep to recurse)."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack and deepest <= MAX_UNKNOWN_NESTING:
        item, depth = stack.pop()
        children: Iterable[object]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


# -- value hooks -----------------------------------------------------------------------------


class GiveUp(ValueError):
    """The fast path cannot tell whether the data is valid: the detailed path must."""


@attrs.frozen
class Inline:
    """A pure validator written out as an expression over ``value``, true when it passes.

    The expression is put in the generated code in place of a call of the validator, which
    saves a Python call for each value checked. It must pass exactly the values the validator
    passes among those the field's fast hook makes, and may raise (to give up) on any other.
    ``names`` are the names the expression uses, bound when the code is made.
    """

    expression: str
    names: Mapping[str, object] = attrs.field(factory=dict)


@attrs.frozen
class Rules:
    """What the fast path takes from the detailed converter, and what it may assume.

    ``delegate`` structures a value of a type exactly as the detailed converter does (it is
    called for every type the fast path has no shortcut for, and wherever a shortcut gives up
    on a value); ``is_date_union`` tells the types whose rule is the converter's own.
    ``pure_validators`` and ``pure_converters`` are those that depend on the value alone (not on
    the instance, nor on anything else): a value's check runs as soon as it is set, and a
    constant default is converted and checked once, when the structurer is made.
    ``identity_converters`` give back what a fast hook made as it is (a tuple, a fresh dict of
    the structurer's own): they are not called on it. ``implied_validators`` maps a validator
    to the type whose fast hook guarantees what it checks (text items for ``tuple[str, ...]``).
    ``inline`` writes some pure validators out (see :class:`Inline`). Objects of the
    ``shared`` classes (small values that repeat, like a step of a history) are built once for
    each set of data in one structuring, and that one object is given for every equal set:
    only for data of known keys whose every value is text (see :func:`_share_lines`).
    """

    # Left open: cattrs types the target of its ``structure`` as ``type[T]`` while it takes
    # every type form (a union, a generic alias), and no static type says both.
    delegate: Callable[[PlainValue, Any], object]
    is_date_union: Callable[[TypeForm], bool]
    pure_converters: frozenset[Check] = frozenset()
    pure_validators: frozenset[Check] = frozenset()
    identity_converters: frozenset[Check] = frozenset()
    implied_validators: Mapping[Check, TypeForm] = attrs.field(factory=dict)
    inline: Mapping[Check, Inline] = attrs.field(factory=dict)
    shared: frozenset[type] = frozenset()


def _str_hook(rules: Rules) -> Hook:
    def structure_str(value: PlainValue, memo: Memo) -> object:
        return value if type(value) is str else rules.delegate(value, str)

    return structure_str


def _enum_hook(tp: type[enum.Enum]) -> Hook:
    # A dict lookup, not the enum's own call: a KeyError (or a TypeError for a list) gives up.
    table: dict[object, enum.Enum] = {member.value: member for member in tp}

    def structure_enum(value: PlainValue, memo: Memo) -> object:
        return table[value]

    return structure_enum


def _date_hook(rules: Rules) -> Hook:
    parse = dt.date.fromisoformat

    def structure_date(value: PlainValue, memo: Memo) -> object:
        # The detailed rule strips spaces around the text first, and words its refusals; text
        # of a date's length is read by the same function here.
        if type(value) is str and len(value) == 10:
            return parse(value)
        return rules.delegate(value, dt.date)

    return structure_date


def _optional_hook(inner: Hook) -> Hook:
    def structure_optional(value: PlainValue, memo: Memo) -> object:
        return None if value is None else inner(value, memo)

    return structure_optional


def _str_tuple_hook(rules: Rules, tp: TypeForm) -> Hook:
    intern = sys.intern

    def structure_strings(value: PlainValue, memo: Memo) -> object:
        # Interned: tags and slugs repeat across thousands of objects. A value that is not
        # text makes intern raise, and the detailed rule decides (a YAML number is text).
        if type(value) is list:
            try:
                return tuple(map(intern, cast("list[str]", value)))
            except TypeError:
                pass
        return rules.delegate(value, tp)

    return structure_strings


#: How many items of a consumed list are taken out of it at once: enough that the loop costs
#: nothing per item, few enough that the chunk's data is a small part of the whole.
_CHUNK = 1024


def _tuple_hook(item: Hook, rules: Rules, tp: TypeForm, *, consume: bool) -> Hook:
    def structure_items(value: PlainValue, memo: Memo) -> object:
        if type(value) is not list:
            return rules.delegate(value, tp)
        if not consume or len(value) <= _CHUNK:
            return tuple(map(item, value, repeat(memo)))
        # The items are dropped from the list a chunk at a time as their objects are built,
        # so that the parsed data and the objects are not both held whole at once (a list
        # of one chunk or less is held whole anyway: it is a small part of the data).
        built: list[object] = []
        for start in range(0, len(value), _CHUNK):
            chunk = value[start : start + _CHUNK]
            value[start : start + _CHUNK] = [None] * len(chunk)
            built.extend(map(item, chunk, repeat(memo)))
        return tuple(built)

    return structure_items


# -- model classes ---------------------------------------------------------------------------


def _can_generate(cl: type, rules: Rules) -> bool:
    """Whether :class:`_Generator` knows every feature ``cl`` uses.

    Every field must be a slot, set by ``__init__`` or by ``__attrs_post_init__`` only; no
    ``__attrs_pre_init__``; every converter a plain function; a constant default converted only
    by a pure converter, and valid.
    """
    slots = set(getattr(cl, "__slots__", ()))
    fields: tuple[Field, ...] = attrs.fields(cl)
    for field in fields:
        if field.name not in slots or isinstance(field.converter, attrs.Converter):
            return False
        if not field.init and field.default is not attrs.NOTHING:
            return False
        if field.default is attrs.NOTHING or _factory(field.default) is not None:
            continue
        if field.converter is not None and field.converter not in rules.pure_converters:
            return False
    extra = _fields_dict(cl).get("extra")
    if extra is not None:
        factory = _factory(extra.default)
        if not extra.init or factory is None or factory.takes_self:
            return False
    return not hasattr(cl, "__attrs_pre_init__")


def _converter(field: Field) -> Check | None:
    """The converter of ``field``: attrs' stubs type it as attrs' Converter class, which
    :func:`_can_generate` refuses; the model's converters are functions (and enums)."""
    return cast("Check | None", field.converter)


def _fields_dict(cl: type) -> dict[str, Field]:
    """The fields of attrs class ``cl`` by name."""
    fields: tuple[Field, ...] = attrs.fields(cl)
    return {field.name: field for field in fields}


def unknown_keys(data: dict[object, PlainValue], known: frozenset[str]) -> PlainMapping:
    """The keys of ``data`` that are not fields, kept as they are, as the detailed path keeps
    them; a key that is not text, or a value nested too deeply, is left to the detailed path."""
    extra: PlainMapping = {}
    for key, value in data.items():
        if key in known:
            continue
        if type(key) is not str:
            raise GiveUp("a key that is not text")
        if type(value) in (dict, list) and nesting(value) > MAX_UNKNOWN_NESTING:
            raise GiveUp("an unknown value nested too deeply")
        extra[key] = value
    return extra


class _Generator:
    """Writes the hook of one model class for one shape as straight-line code, as attrs writes
    ``__init__``.

    The object is built as attrs' ``__init__`` builds it, field by field in order (defaults,
    factories, converters, validators unless attrs' are switched off, ``__attrs_post_init__``),
    but the slots are set directly, a constant default is converted once (here) and, when its
    check is pure, checked once (here), and a given value's pure check runs as it is set.

    ``keys`` is the shape: the keys the data has, all of them text. Without it, the code asks
    the data for each field (the hook of any shape).
    """

    def __init__(
        self,
        cl: type,
        rules: Rules,
        hook: Callable[[TypeForm], Hook],
        keys: frozenset[str] | None = None,
    ) -> None:
        self.cl, self.rules, self.hook, self.keys = cl, rules, hook, keys
        self.names: dict[str, object] = {
            "_cl": cl,
            "_new": object.__new__,
            "_GiveUp": GiveUp,
            "_delegate": rules.delegate,
            "_validators_off": attrs.validators.get_disabled,
            "_unknown": unknown_keys,
            "_required": sum(1 for f in model_fields(cl).values() if f.default is attrs.NOTHING),
        }
        self.twin = twin_of(cl)
        self.names["_twin"] = self.twin
        # The dispatcher (see generate_hook) has checked that the data is a dict.
        self.lines = ["obj = _new(_cl)" if self.twin is None else "obj = _new(_twin)"]
        if keys is None:
            self.lines.append("given = _required")
        self.late: list[str] = []

    def name(self, prefix: str, index: int, value: object) -> str:
        name = f"_{prefix}{index}"
        self.names[name] = value
        return name

    def assign(self, index: int, field: Field) -> str:
        """The statement that sets ``field`` of ``obj`` to ``{}``, a template for
        :meth:`str.format`: an assignment while ``obj`` is a twin, else a call of the slot's
        setter."""
        if self.twin is not None:
            return f"obj.{field.name} = {{}}"
        return f"{self.name('set', index, slot_setter(self.cl, field.name))}(obj, {{}})"

    def field(self, index: int, field: Field) -> None:
        """The lines that set ``field`` from the data or from its default."""
        # The data names a field as the detailed path reads it: by its name.
        key = field.name
        setter = self.assign(index, field)
        convert = "" if field.converter is None else self.name("convert", index, field.converter)
        validator = field.validator
        pure = validator in self.rules.pure_validators
        check = "" if validator is None else self.name("check", index, validator)
        if check:
            self.name("field", index, field)
            if not pure:
                self.late.append(f"{check}(obj, _field{index}, obj.{field.name})")
        given = [f"value = data[{key!r}]"]
        if self.keys is None and field.default is not attrs.NOTHING:
            given.append("given += 1")  # required fields are counted in advance
        given.extend(self.value(index, field.type))
        if convert and not self.gives_back(field):
            given.append(f"value = {convert}(value)")
        given.append(setter.format("value"))
        if (
            validator is not None
            and pure
            and self.rules.implied_validators.get(validator) != field.type
        ):
            given.append(self.check(index, field.name, validator))
        lines = self.lines
        if self.keys is not None:
            # The shape tells whether the data gives the field: no test is written.
            lines.extend(given if key in self.keys else self.default(index, field, setter, convert))
            return
        # `in` and a subscript are bytecodes, cheaper than a call of data.get: most fields of
        # most objects are absent, so this test is the one paid most often.
        lines.append(f"if {key!r} not in data:")
        lines.extend(f"    {line}" for line in self.default(index, field, setter, convert))
        lines.append("else:")
        lines.extend(f"    {line}" for line in given)

    def value(self, index: int, tp: TypeForm) -> list[str]:
        """The lines that make the data's ``value`` a ``tp``: the fast hook of ``tp``, with its
        shortcut for the common case written out (a call less for each value)."""
        hook = self.name("hook", index, self.hook(tp))
        if tp is str or tp == str | None:
            return [f"if type(value) is not str: value = {hook}(value, memo)"]
        if tp is dt.date:
            self.names["_parse_date"] = dt.date.fromisoformat
            return [
                "if type(value) is str and len(value) == 10:",
                "    value = _parse_date(value)",
                "else:",
                f"    value = {hook}(value, memo)",
            ]
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            # A subscript of the hook's own table: a missing key or a list gives up alike.
            members = self.name("members", index, {member.value: member for member in tp})
            return [f"value = {members}[value]"]
        args = typing.get_args(tp)
        if typing.get_origin(tp) is not tuple or len(args) != 2 or args[1] is not Ellipsis:
            return [f"value = {hook}(value, memo)"]
        self.names.update(_tuple=tuple, _map=map, _intern=sys.intern, _CHUNK=_CHUNK, _repeat=repeat)
        if args[0] is str:
            return [
                "if type(value) is list:",
                "    try:",
                "        value = _tuple(_map(_intern, value))",
                "    except TypeError:  # an item that is not text: the hook's rule decides",
                f"        value = {hook}(value, memo)",
                "else:",
                f"    value = {hook}(value, memo)",
            ]
        # A list long enough to be consumed goes through the hook, which does that.
        item = self.name("item", index, self.hook(args[0]))
        built = f"_tuple(_map({item}, value, _repeat(memo)))"
        if not _shares(args[0], self.rules):
            return [
                "if type(value) is list and len(value) <= _CHUNK:",
                f"    value = {built}",
                "else:",
                f"    value = {hook}(value, memo)",
            ]
        # Items of a shared class: each is looked up among those built, by its text, in one
        # pass of C calls (an item that is no dict, or holds a list, raises TypeError); a
        # single item not found yet sends the list through the item hook, which builds it.
        self.names.update(_items=dict.items, _all=all)
        shared = self.name("shared", index, args[0])
        return [
            "if type(value) is list and len(value) <= _CHUNK:",
            "    try:",
            f"        found = _tuple(_map(memo[{shared}].get, _map(_tuple, _map(_items, value))))",
            "    except TypeError:",
            "        found = None",
            f"    value = found if found is not None and _all(found) else {built}",
            "else:",
            f"    value = {hook}(value, memo)",
        ]

    def check(self, index: int, name: str, validator: Check) -> str:
        """The line that runs the pure ``validator`` of field ``name`` on ``value``."""
        inline = self.rules.inline.get(validator)
        if inline is None:
            return f"_check{index}(obj, _field{index}, value)"
        for bound, value in inline.names.items():
            if self.names.setdefault(bound, value) is not value:
                raise ValueError(f"the name {bound!r} of an inline check is taken")
        return f"if not ({inline.expression}): raise _GiveUp({name!r})"

    def gives_back(self, field: Field) -> bool:
        """Whether the converter of ``field`` gives back what the field's fast hook made."""
        converter = _converter(field)
        if converter in self.rules.identity_converters:
            return True
        # An enum used as its field's converter: the hook already made a member of it.
        return (
            isinstance(converter, type)
            and issubclass(converter, enum.Enum)
            and (converter is field.type)
        )

    def default(self, index: int, field: Field, setter: str, convert: str) -> list[str]:
        """The lines that set ``field`` when the data does not give it (``setter`` is the
        :meth:`assign` of the field)."""
        default = field.default
        converter = _converter(field)
        if default is attrs.NOTHING:
            return [f"raise _GiveUp('missing {field.name}')"]
        made = _factory(default)
        if made is not None:
            factory = self.name("factory", index, made.factory)
            lines: list[str] = [f"value = {factory}({'obj' if made.takes_self else ''})"]
            if convert and isinstance(converter, type) and issubclass(converter, enum.Enum):
                # An enum made by a factory is most often a member already (a status taken
                # from the history): the enum's call, which costs more than the factory, is
                # for the other cases.
                lines.append(f"if type(value) is not {convert}: value = {convert}(value)")
            elif convert:
                lines.append(f"value = {convert}(value)")
            lines.append(setter.format("value"))
            if field.validator in self.rules.pure_validators:
                lines.append(f"_check{index}(obj, _field{index}, value)")
            return lines
        if converter is not None:
            default = converter(default)
        lines = [setter.format(self.name("default", index, default))]
        if field.validator is not None and field.validator in self.rules.pure_validators:
            try:  # checked once, here, rather than for every object
                field.validator(None, field, default)
            except (TypeError, ValueError):
                lines.append(f"_check{index}(obj, _field{index}, _default{index})")
        return lines

    def source(self) -> str:
        """The text of the hook, once every field is added."""
        fields = attrs.fields_dict(self.cl)
        known = frozenset(name for name, f in fields.items() if f.init) - {"extra"}
        if self.keys is None:
            unknown = "given != len(data)"
        elif self.keys <= known:
            unknown = ""
        else:
            unknown = "True"
        if "extra" in fields:
            self.names["_known"] = known
            index = list(fields).index("extra")
            self.field_extra(index, fields["extra"], unknown)
        elif unknown:
            self.lines.append(f"if {unknown}:")
            self.lines.append("    raise _GiveUp('unknown keys, and no extra to keep them')")
        if self.twin is not None:
            # Every field is set: the object becomes what it is, before any check that may
            # ask what it is.
            self.lines.append("obj.__class__ = _cl")
        if self.late:
            self.lines.append("if not _validators_off():")
            self.lines.extend(f"    {line}" for line in self.late)
        if hasattr(self.cl, "__attrs_post_init__"):
            self.lines.append("obj.__attrs_post_init__()")
        self.lines.append("return obj")
        arguments = "".join(f", {name}={name}" for name in self.names)
        body = "".join(f"    {line}\n" for line in self.lines)
        return f"def structure(data, memo{arguments}):\n{body}"

    def field_extra(self, index: int, field: Field, unknown: str) -> None:
        """The lines that keep the unknown keys in ``extra``, as the detailed path does."""
        setter = self.assign(index, field)
        made = _factory(field.default)
        assert made is not None  # _can_generate holds extra's default to be a factory
        # A dict literal is a bytecode; the factory, if it is dict, makes the same.
        empty = "{}" if made.factory is dict else f"{self.name('factory', index, made.factory)}()"
        if unknown == "True":
            self.lines.append("extra = _unknown(data, _known)")
        elif unknown:
            self.lines.append(f"extra = _unknown(data, _known) if {unknown} else {empty}")
        else:
            self.lines.append(f"extra = {empty}")
        if field.converter is None or self.gives_back(field):
            self.lines.append(setter.format("extra"))
        else:
            convert = self.name("convert", index, field.converter)
            self.lines.append(setter.format(f"{convert}(extra)"))

    def compile(self) -> Hook:
        """The hook, once every field is added."""
        namespace: dict[str, object] = {}
        shape = "any shape"
        if self.keys is not None:
            # Named by its fields only: the other keys are the data's, of any length and text.
            fields = self.keys & frozenset(model_fields(self.cl))
            shape = ", ".join(sorted(fields)) + (" and more" if fields != self.keys else "")
        code = compile(
            self.source(), f"<ideation fast structure of {self.cl.__qualname__}: {shape}>", "exec"
        )
        # The text is written above from attrs' metadata only, as attrs writes __init__.
        exec(code, dict(self.names), namespace)
        # The function that the text above defines: a hook.
        return cast(Hook, namespace["structure"])


def _text_field(field: Field) -> bool:
    """Whether the fast hook of ``field`` makes equal objects of equal text: text, a date or
    an enum member; optional only with ``None`` as default."""
    tp: TypeForm = field.type
    if field.default is not attrs.NOTHING:
        if field.default is not None or typing.get_origin(tp) not in (
            typing.Union,
            types.UnionType,
        ):
            return False
        rest = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if len(rest) != 1:
            return False
        tp = rest[0]
    return tp is str or tp is dt.date or (isinstance(tp, type) and issubclass(tp, enum.Enum))


def _shareable(cl: type) -> bool:
    """Whether objects of ``cl`` can be shared: every field but ``extra`` read from text, and
    every object true (the look-up of a list of them tells a miss by a ``None``)."""
    fields = list(model_fields(cl).values())
    truthy = not hasattr(cl, "__bool__") and not hasattr(cl, "__len__")
    return bool(fields) and truthy and all(_text_field(f) for f in fields)


def _shares(tp: TypeForm, rules: Rules) -> bool:
    """Whether ``tp`` is a class whose objects are shared in a structuring."""
    return isinstance(tp, type) and tp in rules.shared and _shareable(tp)


def _text_only(data: dict[object, PlainValue], known: frozenset[str]) -> bool:
    """Whether every key of ``data`` is a field and every value text: what a shared object may
    be built from (``1``, ``1.0`` and ``True`` are equal but may make different objects, and an
    unknown key's value is kept as it is)."""
    return known.issuperset(data) and all(type(value) is str for value in data.values())


#: How many shapes of data each model class's hook keeps code for. Past them, data of a new
#: shape is built by the hook of any shape: as right, a little slower.
MAX_SHAPES = 64


def _dispatch_source(cl: type, rules: Rules) -> str:
    """The text of the hook of ``cl``: it finds the code of the data's shape and runs it.

    For a shared class, it first looks the data up among the objects built from the same text
    in this structuring. The key is the data's items: it equals a stored key only if every
    value is equal text, since only text is stored and text equals text only; values that
    cannot be a key (a list) make it raise TypeError, and the object is built.
    """
    lines = [
        "def structure(data, memo, _cl=_cl, _get=_get, _shape=_shape, _tuple=_tuple,"
        " _delegate=_delegate, _known=_known, _text_only=_text_only):",
        "    if type(data) is not dict:",
        "        return _delegate(data, _cl)",
    ]
    share = _shares(cl, rules)
    if share:
        lines += [
            "    try:",
            "        key = _tuple(data.items())",
            "        found = memo[_cl].get(key)",
            "    except TypeError:",
            "        key = found = None",
            "    if found is not None:",
            "        return found",
        ]
    lines += [
        "    build = _get(_tuple(data))",
        "    if build is None:",
        "        build = _shape(data)",
        "    obj = build(data, memo)",
    ]
    if share:
        lines += [
            "    if key is not None and _text_only(data, _known):",
            "        memo[_cl][key] = obj",
        ]
    lines.append("    return obj")
    return "".join(f"{line}\n" for line in lines)


def generate_hook(cl: type, rules: Rules, hook: Callable[[TypeForm], Hook]) -> Hook:
    """The fast hook of model class ``cl``; ``hook`` gives the hook of each field's type."""
    attrs.resolve_types(cl)
    if not _can_generate(cl, rules):
        return lambda value, memo: rules.delegate(value, cl)

    def written(keys: frozenset[str] | None) -> Hook:
        generator = _Generator(cl, rules, hook, keys)
        fields: tuple[Field, ...] = attrs.fields(cl)
        for index, field in enumerate(fields):
            if field.init and field.name != "extra":
                generator.field(index, field)
        return generator.compile()

    # The shapes by the data's keys in order, each with the code of its set of keys (the same
    # for every order: the fields are set in the class's order); the code of any shape under
    # None. Each is written when first needed: most classes see few shapes, or none.
    shapes: dict[tuple[object, ...], Hook] = {}
    by_set: dict[frozenset[str] | None, Hook] = {}

    def shape(data: dict[object, PlainValue]) -> Hook:
        keys = tuple(data)
        keyset: frozenset[str] | None = None
        if len(shapes) < MAX_SHAPES and all(type(key) is str for key in keys):
            keyset = cast(frozenset[str], frozenset(keys))
        found = by_set.get(keyset)
        if found is None:
            found = by_set[keyset] = written(keyset)
        if keyset is not None:
            shapes[keys] = found
        return found

    names: dict[str, object] = {
        "_cl": cl,
        "_get": shapes.get,
        "_shape": shape,
        "_tuple": tuple,
        "_delegate": rules.delegate,
        "_known": frozenset(model_fields(cl)),
        "_text_only": _text_only,
    }
    namespace: dict[str, object] = {}
    source = _dispatch_source(cl, rules)
    code = compile(source, f"<ideation fast hook of {cl.__qualname__}>", "exec")
    exec(code, names, namespace)
    return cast(Hook, namespace["structure"])


@functools.cache
def twin_of(cl: type) -> type | None:
    """A subclass of ``cl`` that is not frozen, to build its objects in; ``None`` if Python
    cannot make an object of it a ``cl`` afterwards.

    A frozen attrs class refuses assignment through its ``__setattr__``, so attrs' own
    ``__init__`` sets each slot through a call of ``object.__setattr__``, and so did this
    module, through the slot's setter: about 45 ns a field, on a model class of 28 fields
    the larger part of building an object. The twin has the class's slots and no field of its
    own, and it keeps Python's own ``__setattr__``, so that a field is set by a plain
    assignment (a bytecode Python specialises for slots); once every field is set, the object
    is given its class (``obj.__class__ = cl``, which Python allows between classes of the
    same layout), before any check, ``__attrs_post_init__`` or anything else sees it: the
    result is an object of ``cl`` and nothing else, equal to one its ``__init__`` makes.
    """
    if cl.__dict__.get("__slots__") is None or "__init_subclass__" in cl.__dict__:
        return None
    namespace = {
        "__slots__": (),
        "__setattr__": object.__setattr__,
        # Both: a class whose __setattr__ or __delattr__ is written in Python has its every
        # assignment go through them.
        "__delattr__": object.__delattr__,
        "__module__": __name__,
        "__qualname__": f"twin_of.<{cl.__qualname__}>",
    }
    twin = type(f"{cl.__name__}Twin", (cl,), namespace)
    try:
        made: object = object.__new__(twin)
        made.__class__ = cl
    except TypeError:  # a layout Python will not switch between
        return None
    return twin


def slot_setter(cl: type, name: str) -> Callable[[object, object], None]:
    """What sets the slot ``name`` of a ``cl``, past the frozen class's guard (as attrs does)."""
    slot: types.MemberDescriptorType = cl.__dict__[name]
    return slot.__set__


class FastStructurer:
    """Structures plain data into model objects fast, or raises at the first problem.

    ``consume`` empties the lists of objects as it goes (the caller must not need the data
    again: on a problem, it reads the source anew for the detailed path).
    """

    def __init__(self, model_classes: frozenset[type], rules: Rules, *, consume: bool) -> None:
        self._models = model_classes
        self._rules = rules
        self._consume = consume
        self._hooks: dict[TypeForm, Hook] = {}
        for cl in sorted(model_classes, key=lambda cl: cl.__qualname__):
            self.hook(cl)
        # After the hooks: making them resolves the classes' field types, which this reads.
        self._shared = frozenset(cl for cl in model_classes if _shares(cl, rules))

    def structure(self, data: PlainValue, cl: type[T]) -> T:
        """A ``cl`` built from ``data``; any exception means: ask the detailed path."""
        # The hook of a class builds an object of that class (or delegates, which does too).
        memo: Memo = {shared: {} for shared in self._shared}
        return cast(T, self.hook(cl)(data, memo))

    def hook(self, tp: TypeForm) -> Hook:
        """The hook of ``tp``, made on first use (all are made when the structurer is)."""
        found = self._hooks.get(tp)
        if found is None:
            found = self._hooks[tp] = self._make(tp)
        return found

    def _make(self, tp: TypeForm) -> Hook:
        rules = self._rules
        if tp is str:
            return _str_hook(rules)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return _enum_hook(tp)
        if tp is dt.date:
            return _date_hook(rules)
        if tp is dt.datetime or rules.is_date_union(tp):
            return lambda value, memo: rules.delegate(value, tp)
        if tp in self._models:
            return self._model_hook(tp)
        args = typing.get_args(tp)
        if typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in args:
            rest = [arg for arg in args if arg is not type(None)]
            if len(rest) == 1:
                return _optional_hook(self.hook(rest[0]))
        if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
            if args[0] is str:
                return _str_tuple_hook(rules, tp)
            consume = self._consume and args[0] in self._models
            return _tuple_hook(self.hook(args[0]), rules, tp, consume=consume)
        return lambda value, memo: rules.delegate(value, tp)

    def _model_hook(self, cl: type) -> Hook:
        return generate_hook(cl, self._rules, self.hook)
