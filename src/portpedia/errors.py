"""Errors a user can cause. Faces turn them into a message and an exit code or status."""

from __future__ import annotations


class PortpediaError(Exception):
    """Base class: ``str(exc)`` is a complete, user-facing one-line message.

    Raised with a :class:`~portpedia.i18n.Msg`, the error can also be shown in another
    language: ``exc.msg.render(gettext)``.
    """

    exit_code = 2

    def __init__(self, message: object = "") -> None:
        from portpedia.i18n import Msg

        self.msg = (
            message
            if isinstance(message, Msg)
            else Msg(str(message).replace("{", "{{").replace("}", "}}"))
        )
        super().__init__(str(message))


class InvalidPortError(PortpediaError, ValueError):
    """The text given is not a port number (or port/protocol) portpedia can explain."""


class UnknownServiceError(PortpediaError, LookupError):
    """No IANA service has that name."""

    exit_code = 1

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no service named {name!r} in the IANA registry{hint}")


class RegistryFormatError(PortpediaError):
    """An IANA file (or a download of one) could not be read as a registry."""

    exit_code = 1


class KnowledgeError(PortpediaError):
    """The curated knowledge (its TOML or the compiled index) could not be read."""

    exit_code = 1
