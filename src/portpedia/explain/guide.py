"""The ephemeral-port guide: how systems lend out source ports, as one typed report."""

from __future__ import annotations

from typing import Any, NamedTuple

from portpedia.explain._port_report import _Citations
from portpedia.explain.report import EphemeralUse, Footnote, Note
from portpedia.i18n import N_, Gettext, Msg


class Section(NamedTuple):
    key: str
    title: Msg
    notes: tuple[Note, ...]

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        return {"key": self.key, "title": self.title.render(gettext),
                "notes": [n.to_dict(gettext) for n in self.notes]}  # fmt: skip


class EphemeralGuide(NamedTuple):
    title: Msg
    summary: Msg
    ranges: tuple[EphemeralUse, ...]  # ``contains`` is False: no particular port is asked about
    sections: tuple[Section, ...]
    footnotes: tuple[Footnote, ...]

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        return {
            "title": self.title.render(gettext),
            "summary": self.summary.render(gettext),
            "ranges": [r.to_dict(gettext) for r in self.ranges],
            "sections": [s.to_dict(gettext) for s in self.sections],
            "footnotes": [f.to_dict() for f in self.footnotes],
        }


def ephemeral_guide() -> EphemeralGuide:
    from portpedia.knowledge import allocation
    from portpedia.knowledge.ephemeral import OS_RANGES

    cite = _Citations()
    summary = Msg(
        "Every outgoing connection needs a local port. Operating systems lend one out from "
        "their ephemeral range and take it back when the connection is over; this page "
        "shows each system's range and how the choice is made."
    )
    ranges = tuple(
        EphemeralUse(
            o.key, o.os, o.low, o.high, False, o.current, o.setting, o.note, cite(*o.sources)
        )
        for o in OS_RANGES
    )

    def section(key: str, title: str, paragraphs: tuple[tuple[str, tuple[str, ...]], ...]):
        notes = tuple(Note(Msg(text), cite(*ids)) for text, ids in paragraphs)
        return Section(key, Msg(title), notes)

    sections = (
        section("lifecycle", N_("How a port is lent and returned"), allocation.LIFECYCLE),
        section("selection", N_("How the port is chosen"), allocation.SELECTION),
        section("listeners", N_("Servers inside the range"), allocation.LISTENERS),
    )
    return EphemeralGuide(Msg("Ephemeral ports"), summary, ranges, sections, cite.footnotes())
