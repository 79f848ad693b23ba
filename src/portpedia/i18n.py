"""Marking and rendering translatable text without importing a translation framework.

Domain code builds :class:`Msg` values (an English template plus parameters); each face
renders them with its own gettext function. ``N_`` only marks a literal for extraction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Gettext = Callable[[str], str]


def N_(message: str) -> str:
    return message


def _identity(message: str) -> str:
    return message


def _render_value(value: Any, gt: Gettext) -> Any:
    if isinstance(value, Msg):
        return value.render(gt)
    if isinstance(value, tuple):
        # A tuple is a list of translatable names, such as operating systems.
        return gt(", ").join(_render_value(v, gt) if isinstance(v, Msg) else gt(v) for v in value)
    return value


class Msg:
    """A translatable sentence: ``Msg("Port {port} is free.", port=80)``.

    Parameters may be Msgs themselves, or tuples of Msgs and N_-marked strings (joined
    as a list); they are rendered in the same language.
    """

    __slots__ = ("params", "template")

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params: Mapping[str, Any] = params

    def render(self, gettext: Gettext | None = None) -> str:
        gt = gettext or _identity
        text = gt(self.template)
        if not self.params:
            return text
        values = {k: _render_value(v, gt) for k, v in self.params.items()}
        return text.format(**values)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Msg({self.render()!r})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Msg)
            and self.template == other.template
            and dict(self.params) == dict(other.params)
        )

    def __hash__(self) -> int:
        return hash(self.template)
