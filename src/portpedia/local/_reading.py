"""One plain-language sentence per socket: what is it doing here?

Every sentence is a template marked for translation; the reader formats it with the
gettext it was given (English when none), so ``portpedia who`` speaks the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable

from portpedia.i18n import N_, Gettext
from portpedia.local._model import RawSocket, endpoint

_WILDCARDS = ("0.0.0.0", "::")
_CLOSING = {
    "FIN_WAIT1": N_("closing: this side hung up and waits for the peer ({peer})"),
    "FIN_WAIT2": N_("closing: this side hung up, waiting for the peer to finish ({peer})"),
    "CLOSING": N_("closing: both sides hung up at once ({peer})"),
    "LAST_ACK": N_("closing: the peer hung up first and this side has just followed ({peer})"),
    "CLOSE": N_("closed socket not yet released ({peer})"),
}


def _same(text: str) -> str:
    return text


def service_name(port: int, transport: str) -> str | None:
    # The light module only: importing the report machinery would cost ~8 ms, a third of
    # ``portpedia who --no-owners``.
    from portpedia.explain.naming import service_name as name_for

    return name_for(port, transport)


class Reader:
    """Writes readings; knows the listening ports and the ephemeral range of this machine.

    ``names(port, transport)`` gives a service name or None; results are cached because a
    busy machine has thousands of sockets on a handful of ports.
    """

    def __init__(
        self,
        listening: set[tuple[str, int]],
        ephemeral: tuple[int, int],
        names: Callable[[int, str], str | None],
        gettext: Gettext | None = None,
    ) -> None:
        self.listening = listening
        self.ephemeral = ephemeral
        self._names = names
        self._cache: dict[tuple[int, str], str | None] = {}
        self._ = gettext or _same

    def service(self, port: int, transport: str) -> str | None:
        key = (port, transport)
        if key not in self._cache:
            try:
                self._cache[key] = self._names(port, transport)
            except Exception:  # the explanation is a bonus; never fail a scan over it
                self._cache[key] = None
        return self._cache[key]

    def _tag(self, port: int, transport: str) -> str:
        name = self.service(port, transport)
        return self._(N_(" ({name})")).format(name=name) if name else ""

    def _scope(self, address: str) -> str:
        _ = self._
        if address in _WILDCARDS:
            return _(N_("reachable on every address of this machine"))
        if address.startswith("127.") or address == "::1":
            return _(N_("reachable only from this machine (loopback)"))
        return _(N_("reachable only on {address}")).format(address=address)

    def read(self, s: RawSocket) -> str:
        _ = self._
        lport = s.local_port
        peer = endpoint(s.remote_address, s.remote_port) if s.remote_port else None
        if s.transport == "udp":
            if s.state == "UNCONNECTED":
                return _(N_("UDP socket receiving on port {port}{name}, {scope}")).format(
                    port=lport, name=self._tag(lport, "udp"), scope=self._scope(s.local_address)
                )
            return _(N_("UDP socket talking to {peer}{name}")).format(
                peer=peer, name=self._tag(s.remote_port or 0, "udp")
            )
        if s.state == "LISTEN":
            return _(N_("listening server{name}, {scope}")).format(
                name=self._tag(lport, "tcp"), scope=self._scope(s.local_address)
            )
        if s.state == "TIME_WAIT":
            return _(
                N_("TIME_WAIT left by a closed connection with {peer}; the kernel frees it soon")
            ).format(peer=peer)
        if s.state in _CLOSING:
            return _(_CLOSING[s.state]).format(peer=peer)
        incoming = ("tcp", lport) in self.listening
        if s.state == "SYN_RECV":
            return _(N_("incoming connection from {peer} being set up on port {port}")).format(
                peer=peer, port=lport
            )
        if s.state == "SYN_SENT":
            return _(N_("connecting to {peer}{name}, no answer yet")).format(
                peer=peer, name=self._tag(s.remote_port or 0, "tcp")
            )
        if incoming:
            name = self.service(lport, "tcp")
            if name:
                template = N_("a client ({peer}) connected to your {name} server on {port}")
            else:
                template = N_("a client ({peer}) connected to your server on {port}")
            text = _(template).format(peer=peer, name=name, port=lport)
        else:
            low, high = self.ephemeral
            if low <= lport <= high:
                template = N_("outgoing connection from ephemeral port {port} to {peer}{name}")
            else:
                template = N_("outgoing connection from port {port} to {peer}{name}")
            text = _(template).format(
                port=lport, peer=peer, name=self._tag(s.remote_port or 0, "tcp")
            )
        if s.state == "CLOSE_WAIT":
            text += _(N_("; the peer has hung up and the process has not closed it yet"))
        return text
