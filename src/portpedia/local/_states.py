"""Kernel socket state numbers (include/net/tcp_states.h) and their names."""

from __future__ import annotations

TCP_STATES: dict[int, str] = {
    1: "ESTABLISHED",
    2: "SYN_SENT",
    3: "SYN_RECV",
    4: "FIN_WAIT1",
    5: "FIN_WAIT2",
    6: "TIME_WAIT",
    7: "CLOSE",
    8: "CLOSE_WAIT",
    9: "LAST_ACK",
    10: "LISTEN",
    11: "CLOSING",
    12: "SYN_RECV",  # TCP_NEW_SYN_RECV: a request socket, shown like ss does
}
# A UDP socket only uses two of those numbers.
UDP_STATES: dict[int, str] = {1: "CONNECTED", 7: "UNCONNECTED"}

TCP_LISTEN = 10
UDP_UNCONNECTED = 7


def state_name(transport: str, number: int) -> str:
    table = TCP_STATES if transport == "tcp" else UDP_STATES
    return table.get(number, f"STATE_{number}")
