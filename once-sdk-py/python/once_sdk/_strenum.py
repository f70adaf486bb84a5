"""The base of once_sdk's string enums (``SimStatus``, ``ConnectivityStatus``,
...): ``str`` subclasses equal to the value 1NCE sends, so that
``sim.status == "Enabled"`` and ``sim.status is SimStatus.ENABLED`` both hold,
``json.dumps`` writes them as strings and dict lookups by the string work.

A value this version of the SDK does not know is still a member-like
instance of the class (kept as sent, ``name`` equal to the value), never an
error: 1NCE adds values over time.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["StrEnum"]


class StrEnum(str, enum.Enum):
    """A ``str`` enum: members compare, hash and print as their value."""

    if TYPE_CHECKING:

        def __new__(cls, value: str) -> Self: ...

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, format_spec: str) -> str:
        return str.__format__(str.__str__(self), format_spec)

    def __hash__(self) -> int:
        return str.__hash__(self)

    def __eq__(self, other: object) -> bool:
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return str.__ne__(self, other)

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        unknown = str.__new__(cls, value)
        unknown._name_ = value
        unknown._value_ = value
        return unknown


def make(name: str, doc: str, members: Sequence[tuple[str, str]]) -> type[StrEnum]:
    """The enum class ``name`` with ``members`` (name, value), in module
    ``once_sdk`` (called by the native module at import)."""
    functional: Any = StrEnum  # the Enum functional API, untyped in typeshed
    cls: type[StrEnum] = functional(name, list(members), module="once_sdk", qualname=name)
    cls.__doc__ = doc
    return cls


StrEnum.__module__ = "once_sdk"
