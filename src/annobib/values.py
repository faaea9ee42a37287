"""Small value classes without @dataclass.

@dataclass generates and compiles each class's methods when the module is
imported (about half a millisecond a class); annobib's start-up imports a
dozen such classes (issue 8: the bundled list renders in well under 150 ms).
These bases give a class, from its ``__match_args__`` (its fields, in order),
what @dataclass would: ``__repr__`` and ``__eq__``; ``Frozen`` adds read-only
fields and ``__hash__``. Each class writes only its ``__init__``.
"""
from __future__ import annotations


class Value:
    __match_args__: tuple = ()

    def _fields(self) -> tuple:
        return tuple([getattr(self, name) for name in self.__match_args__])

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}(" + ", ".join(
            f"{name}={value!r}" for name, value in zip(self.__match_args__, self._fields())) + ")"

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._fields() == other._fields()
        return NotImplemented

    # No __hash__: a class that defines __eq__ alone gets __hash__ = None from Python (unhashable, as a
    # dataclass with eq and without frozen); Frozen defines one.


class Frozen(Value):
    """Fields set once, in ``__init__`` with ``object.__setattr__``; hashable."""

    def __hash__(self) -> int:
        return hash(self._fields())

    def __setattr__(self, name, value):
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")
