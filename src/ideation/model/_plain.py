"""Plain data: what a data file's parser hands over (YAML, JSON, TOML), before any class.

The model keeps the keys it does not know as plain data (each object's ``extra``); the
converters take and give it; the formats parse and write it. A type checker sees the nesting;
at run time, where nothing checks it, the lists and mappings are left open.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    #: A value as a parser gives it: YAML's timestamps are dates and date-times, TOML's also
    #: times; YAML's ``!!binary`` and ``!!set`` give bytes and sets, which unknown keys keep.
    PlainValue: TypeAlias = (
        bool
        | int
        | float
        | str
        | bytes
        | dt.date
        | dt.datetime
        | dt.time
        | list["PlainValue"]
        | set["PlainValue"]
        | dict[str, "PlainValue"]
        | None
    )
else:  # a date-time is a date
    PlainValue = bool | int | float | str | bytes | dt.date | dt.time | list | set | dict | None

#: A mapping of keys to plain values: a data file's top level, an object's unknown keys.
PlainMapping: TypeAlias = dict[str, PlainValue]
