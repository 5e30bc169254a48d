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
"""

from __future__ import annotations

import datetime as dt
import enum
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

#: The memo of one structuring: the objects of the shared classes, each under the key of its
#: class and its fields' text (see :func:`_share_lines`).
Memo: TypeAlias = dict[tuple[object, ...], object]

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
    """Writes the hook of one model class as straight-line code, as attrs writes ``__init__``.

    The object is built as attrs' ``__init__`` builds it, field by field in order (defaults,
    factories, converters, validators unless attrs' are switched off, ``__attrs_post_init__``),
    but the slots are set directly, a constant default is converted once (here) and, when its
    check is pure, checked once (here), and a given value's pure check runs as it is set.
    """

    def __init__(self, cl: type, rules: Rules, hook: Callable[[TypeForm], Hook]) -> None:
        self.cl, self.rules, self.hook = cl, rules, hook
        self.names: dict[str, object] = {
            "_cl": cl,
            "_new": object.__new__,
            "_GiveUp": GiveUp,
            "_delegate": rules.delegate,
            "_validators_off": attrs.validators.get_disabled,
            "_unknown": unknown_keys,
        }
        self.lines = [
            "if type(data) is not dict:",
            "    return _delegate(data, _cl)",
            "obj = _new(_cl)",
            "given = _required",
        ]
        self.late: list[str] = []

    def name(self, prefix: str, index: int, value: object) -> str:
        name = f"_{prefix}{index}"
        self.names[name] = value
        return name

    def field(self, index: int, field: Field) -> None:
        """The lines that set ``field`` from the data or from its default."""
        # The data names a field as the detailed path reads it: by its name.
        key = field.name
        setter = self.name("set", index, slot_setter(self.cl, field.name))
        convert = "" if field.converter is None else self.name("convert", index, field.converter)
        validator = field.validator
        pure = validator in self.rules.pure_validators
        check = "" if validator is None else self.name("check", index, validator)
        if check:
            self.name("field", index, field)
            if not pure:
                self.late.append(f"{check}(obj, _field{index}, obj.{field.name})")
        lines = self.lines
        # `in` and a subscript are bytecodes, cheaper than a call of data.get: most fields of
        # most objects are absent, so this test is the one paid most often.
        lines.append(f"if {key!r} not in data:")
        lines.extend(f"    {line}" for line in self.default(index, field, setter, convert))
        lines.append("else:")
        lines.append(f"    value = data[{key!r}]")
        if field.default is not attrs.NOTHING:  # required fields are counted in advance
            lines.append("    given += 1")
        lines.extend(f"    {line}" for line in self.value(index, field.type))
        if convert and not self.gives_back(field):
            lines.append(f"    value = {convert}(value)")
        lines.append(f"    {setter}(obj, value)")
        if (
            validator is not None
            and pure
            and self.rules.implied_validators.get(validator) != field.type
        ):
            lines.append(f"    {self.check(index, field.name, validator)}")

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
        return [
            "if type(value) is list and len(value) <= _CHUNK:",
            f"    value = _tuple(_map({item}, value, _repeat(memo)))",
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
        """The lines that set ``field`` when the data does not give it."""
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
            lines.append(f"{setter}(obj, value)")
            if field.validator in self.rules.pure_validators:
                lines.append(f"_check{index}(obj, _field{index}, value)")
            return lines
        if converter is not None:
            default = converter(default)
        lines = [f"{setter}(obj, {self.name('default', index, default)})"]
        if field.validator is not None and field.validator in self.rules.pure_validators:
            try:  # checked once, here, rather than for every object
                field.validator(None, field, default)
            except (TypeError, ValueError):
                lines.append(f"_check{index}(obj, _field{index}, _default{index})")
        return lines

    def source(self) -> str:
        """The text of the hook, once every field is added."""
        fields = attrs.fields_dict(self.cl)
        if "extra" in fields:
            known = frozenset(name for name, f in fields.items() if f.init) - {"extra"}
            self.names["_known"] = known
            index = list(fields).index("extra")
            self.field_extra(index, fields["extra"])
        else:
            self.lines.append("if given != len(data):")
            self.lines.append("    raise _GiveUp('unknown keys, and no extra to keep them')")
        if self.late:
            self.lines.append("if not _validators_off():")
            self.lines.extend(f"    {line}" for line in self.late)
        if hasattr(self.cl, "__attrs_post_init__"):
            self.lines.append("obj.__attrs_post_init__()")
        if self.cl in self.rules.shared and _shareable(self.cl):
            # Right after the check that the data is a dict, before an object is made.
            self.lines[2:2] = _share_lines(self.cl)
            self.lines.append("if key is not None: memo[key] = obj")
        self.lines.append("return obj")
        arguments = "".join(f", {name}={name}" for name in self.names)
        body = "".join(f"    {line}\n" for line in self.lines)
        return f"def structure(data, memo{arguments}):\n{body}"

    def field_extra(self, index: int, field: Field) -> None:
        """The lines that keep the unknown keys in ``extra``, as the detailed path does."""
        setter = self.name("set", index, slot_setter(self.cl, field.name))
        made = _factory(field.default)
        assert made is not None  # _can_generate holds extra's default to be a factory
        # A dict literal is a bytecode; the factory, if it is dict, makes the same.
        empty = "{}" if made.factory is dict else f"{self.name('factory', index, made.factory)}()"
        self.lines.append(f"extra = _unknown(data, _known) if given != len(data) else {empty}")
        if field.converter is None or self.gives_back(field):
            self.lines.append(f"{setter}(obj, extra)")
        else:
            convert = self.name("convert", index, field.converter)
            self.lines.append(f"{setter}(obj, {convert}(extra))")


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
    """Whether objects of ``cl`` can be shared: every field but ``extra`` read from text."""
    fields = list(model_fields(cl).values())
    return bool(fields) and all(_text_field(f) for f in fields)


def _share_lines(cl: type) -> list[str]:
    """The lines that give back the object already built from equal data in this structuring.

    Equal only when every value is text (``1``, ``1.0`` and ``True`` are equal keys but may
    make different objects) and every key is a field (unknown keys go to ``extra``); the key
    holds every field's value, ``None`` for those not given, and an explicit ``None`` is not
    shared (it is not text), so the data's set of keys is told by the key as well.
    """
    fields = list(model_fields(cl).values())
    required = sum(1 for f in fields if f.default is attrs.NOTHING)
    lines = ["key = None", f"if len(data) <= {len(fields)}:"]
    tests: list[str] = []
    count = [str(required)]
    for index, field in enumerate(fields):
        lines.append(f"    k{index} = data.get({field.name!r})")
        if field.default is attrs.NOTHING:
            tests.append(f"type(k{index}) is str")
        else:
            tests.append(f"(k{index} is None or type(k{index}) is str)")
            count.append(f"(k{index} is not None)")
    values = ", ".join(f"k{index}" for index in range(len(fields)))
    lines.append(f"    if {' and '.join(tests)} and len(data) == {' + '.join(count)}:")
    lines.append(f"        key = (_cl, {values})")
    lines.append("        found = memo.get(key)")
    lines.append("        if found is not None:")
    lines.append("            return found")
    return lines


def generate_hook(cl: type, rules: Rules, hook: Callable[[TypeForm], Hook]) -> Hook:
    """The fast hook of model class ``cl``; ``hook`` gives the hook of each field's type."""
    attrs.resolve_types(cl)
    if not _can_generate(cl, rules):
        return lambda value, memo: rules.delegate(value, cl)
    generator = _Generator(cl, rules, hook)
    generator.names["_required"] = sum(
        1 for f in model_fields(cl).values() if f.default is attrs.NOTHING
    )
    fields: tuple[Field, ...] = attrs.fields(cl)
    for index, field in enumerate(fields):
        if field.init and field.name != "extra":
            generator.field(index, field)
    namespace: dict[str, object] = {}
    code = compile(generator.source(), f"<ideation fast structure of {cl.__qualname__}>", "exec")
    # The text is written above from attrs' metadata only, as attrs writes __init__.
    exec(code, dict(generator.names), namespace)
    # The function that the text above defines: a hook.
    return cast(Hook, namespace["structure"])


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

    def structure(self, data: PlainValue, cl: type[T]) -> T:
        """A ``cl`` built from ``data``; any exception means: ask the detailed path."""
        # The hook of a class builds an object of that class (or delegates, which does too).
        return cast(T, self.hook(cl)(data, {}))

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
