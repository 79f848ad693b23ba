"""One plain-language sentence per socket: what is it doing here?"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from portpedia.local._model import RawSocket, endpoint

if TYPE_CHECKING:
    pass

_WILDCARDS = ("0.0.0.0", "::")
_CLOSING = {
    "FIN_WAIT1": "closing: this side hung up and waits for the peer",
    "FIN_WAIT2": "closing: this side hung up, waiting for the peer to finish",
    "CLOSING": "closing: both sides hung up at once",
    "LAST_ACK": "closing: the peer hung up first and this side has just followed",
    "CLOSE": "closed socket not yet released",
}


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
    ) -> None:
        self.listening = listening
        self.ephemeral = ephemeral
        self._names = names
        self._cache: dict[tuple[int, str], str | None] = {}

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
        return f" ({name})" if name else ""

    def _scope(self, address: str) -> str:
        if address in _WILDCARDS:
            return "reachable on every address of this machine"
        if address.startswith("127.") or address == "::1":
            return "reachable only from this machine (loopback)"
        return f"reachable only on {address}"

    def read(self, s: RawSocket) -> str:
        lport = s.local_port
        peer = endpoint(s.remote_address, s.remote_port) if s.remote_port else None
        if s.transport == "udp":
            if s.state == "UNCONNECTED":
                return (
                    f"UDP socket receiving on port {lport}{self._tag(lport, 'udp')}, "
                    f"{self._scope(s.local_address)}"
                )
            return f"UDP socket talking to {peer}{self._tag(s.remote_port or 0, 'udp')}"
        if s.state == "LISTEN":
            return f"listening server{self._tag(lport, 'tcp')}, {self._scope(s.local_address)}"
        if s.state == "TIME_WAIT":
            return f"TIME_WAIT left by a closed connection with {peer}; the kernel frees it soon"
        if s.state in _CLOSING:
            return f"{_CLOSING[s.state]} ({peer})"
        incoming = ("tcp", lport) in self.listening
        if s.state == "SYN_RECV":
            return f"incoming connection from {peer} being set up on port {lport}"
        if s.state == "SYN_SENT":
            return f"connecting to {peer}{self._tag(s.remote_port or 0, 'tcp')}, no answer yet"
        if incoming:
            name = self.service(lport, "tcp")
            server = f"{name} server" if name else "server"
            text = f"a client ({peer}) connected to your {server} on {lport}"
        else:
            low, high = self.ephemeral
            kind = "ephemeral port" if low <= lport <= high else "port"
            text = (
                f"outgoing connection from {kind} {lport} to {peer}"
                f"{self._tag(s.remote_port or 0, 'tcp')}"
            )
        if s.state == "CLOSE_WAIT":
            text += "; the peer has hung up and the process has not closed it yet"
        return text
