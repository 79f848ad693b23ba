"""Windows: the dynamic port ranges as ``netsh int ipv4|ipv6 show dynamicport tcp|udp`` prints
them, plus the ports excluded from them (``show excludedportrange``).

netsh labels are translated on non-English Windows, so the parsers rely on the layout
(``label : number`` lines, start before count; two columns of numbers), not on the words.
"""

from __future__ import annotations

import re

from portpedia.local._settings_common import (
    FAMILIES,
    TRANSPORTS,
    EphemeralSettings,
    PoolRange,
    Setting,
    SettingsError,
    checked_range,
    port_number,
)

DEFAULT_START, DEFAULT_COUNT = 49152, 16384
DEFAULT_TIMED_WAIT_DELAY = "120"
MAX_OUTPUT = 1 << 20
_EXCLUSION = re.compile(r"^\s*(\d{1,5})\s+(\d{1,5})(\s+\*)?\s*$")


def parse_dynamicport(text: str) -> tuple[int, int]:
    """The ``(low, high)`` range of one ``netsh ... show dynamicport`` printout."""
    what = "netsh dynamicport"
    if len(text) > MAX_OUTPUT:
        raise SettingsError(f"{what}: output is implausibly long")
    numbers: list[str] = []
    for line in text.splitlines():
        label, colon, value = line.rpartition(":")
        if colon and label.strip() and len(value.split()) == 1:
            numbers.append(value.strip())
    if len(numbers) != 2:
        raise SettingsError(
            f"{what}: expected a start port and a number of ports, found {len(numbers)} values"
        )
    start = port_number(numbers[0], f"{what} start port")
    count_text = numbers[1]
    if not count_text.isascii() or not count_text.isdigit() or len(count_text) > 5:
        raise SettingsError(f"{what}: the number of ports {count_text[:40]!r} is not a number")
    count = int(count_text)
    if start == 0 or count == 0 or start + count - 1 > 65535:
        raise SettingsError(f"{what}: start {start} with {count} ports is not a valid range")
    return start, start + count - 1


def parse_excluded(text: str) -> frozenset[int]:
    """Ports in ``netsh ... show excludedportrange`` (``start end [*]`` rows)."""
    what = "netsh excludedportrange"
    if len(text) > MAX_OUTPUT:
        raise SettingsError(f"{what}: output is implausibly long")
    ports: set[int] = set()
    for line in text.splitlines():
        found = _EXCLUSION.match(line)
        if found:
            low, high = checked_range(
                port_number(found.group(1), what), port_number(found.group(2), what), what
            )
            ports.update(range(low, high + 1))
    return frozenset(ports)


def settings_from(
    ranges: dict[tuple[str, str], str],
    excluded: str | None = None,
    timed_wait_delay: int | None = None,
    source: str = "netsh int ipv4|ipv6 show dynamicport tcp|udp",
) -> EphemeralSettings:
    """Settings from netsh printouts keyed by ``(transport, family)``.

    ``excluded`` is the TCP/IPv4 exclusion list, the one busy clients run into;
    ``timed_wait_delay`` the TcpTimedWaitDelay registry value, None when unset.
    """
    if not ranges:
        raise SettingsError("netsh printed no dynamic port range")
    pools = []
    settings = []
    default = f"start={DEFAULT_START} num={DEFAULT_COUNT}"
    for transport in TRANSPORTS:
        for family in FAMILIES:
            if (transport, family) not in ranges:
                continue
            low, high = parse_dynamicport(ranges[transport, family])
            pools.append(PoolRange(transport, family, low, high))
            settings.append(
                Setting(
                    f"{family} dynamicport {transport}",
                    f"start={low} num={high - low + 1}",
                    default,
                    f"the ports Windows picks for outgoing {transport.upper()} over {family}",
                )
            )
    reserved = parse_excluded(excluded) if excluded else frozenset()
    delay = DEFAULT_TIMED_WAIT_DELAY if timed_wait_delay is None else str(timed_wait_delay)
    settings.append(
        Setting(
            "TcpTimedWaitDelay",
            delay,
            DEFAULT_TIMED_WAIT_DELAY,
            "seconds a closed connection keeps its port in TIME_WAIT",
        )
    )
    return EphemeralSettings("windows", source, tuple(pools), reserved, tuple(settings))


def _netsh(*args: str) -> str | None:
    import subprocess

    try:
        done = subprocess.run(
            ["netsh", "int", *args], capture_output=True, text=True, timeout=10, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


def _timed_wait_delay() -> int | None:
    try:
        import winreg  # type: ignore[import-not-found]

        path = r"SYSTEM\CurrentControlSet\Services\Tcpip\Parameters"
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, path) as key:
            value, _ = winreg.QueryValueEx(key, "TcpTimedWaitDelay")
        return int(value)
    except (ImportError, OSError, ValueError, TypeError):
        return None


def read() -> EphemeralSettings:
    ranges: dict[tuple[str, str], str] = {}
    for transport in TRANSPORTS:
        for family in FAMILIES:
            text = _netsh(family, "show", "dynamicport", transport)
            if text is not None:
                ranges[transport, family] = text
    if not ranges:
        raise SettingsError("cannot run netsh int ipv4 show dynamicport tcp")
    excluded = _netsh("ipv4", "show", "excludedportrange", "protocol=tcp")
    return settings_from(ranges, excluded, _timed_wait_delay())
