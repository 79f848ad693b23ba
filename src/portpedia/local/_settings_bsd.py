"""macOS, FreeBSD and OpenBSD: the port-range sysctls, as printed by ``sysctl``.

macOS and FreeBSD keep them under ``net.inet.ip.portrange`` (``first``/``last`` is the
default pool, ``hifirst``/``hilast`` the pool for sockets that ask for IP_PORTRANGE_HIGH);
OpenBSD names them ``net.inet.ip.portfirst``/``portlast`` and ``porthifirst``/``porthilast``.
``sysctl`` prints ``name: value`` on macOS and FreeBSD and ``name=value`` on OpenBSD.
"""

from __future__ import annotations

from portpedia.local._settings_common import (
    EphemeralSettings,
    Setting,
    SettingsError,
    port_number,
    same_everywhere,
)

# os -> (first, last, hifirst, hilast) sysctl names
KEYS = {
    "macos": (
        "net.inet.ip.portrange.first",
        "net.inet.ip.portrange.last",
        "net.inet.ip.portrange.hifirst",
        "net.inet.ip.portrange.hilast",
    ),
    "freebsd": (
        "net.inet.ip.portrange.first",
        "net.inet.ip.portrange.last",
        "net.inet.ip.portrange.hifirst",
        "net.inet.ip.portrange.hilast",
    ),
    "openbsd": (
        "net.inet.ip.portfirst",
        "net.inet.ip.portlast",
        "net.inet.ip.porthifirst",
        "net.inet.ip.porthilast",
    ),
}
DEFAULTS = {
    "macos": ("49152", "65535", "49152", "65535"),
    "freebsd": ("10000", "65535", "49152", "65535"),
    "openbsd": ("1024", "49151", "49152", "65535"),
}
# Twice the maximum segment lifetime is how long a TIME_WAIT socket lingers.
MSL = "net.inet.tcp.msl"
MSL_DEFAULTS = {"macos": "15000", "freebsd": "30000"}
_MEANINGS = (
    "first port of the default pool for outgoing connections",
    "last port of the default pool",
    "first port of the high pool (sockets that ask for IP_PORTRANGE_HIGH)",
    "last port of the high pool",
)
MAX_OUTPUT = 1 << 20


def parse_sysctl(text: str) -> dict[str, str]:
    """``sysctl`` output (``name: value`` or ``name=value`` lines) as a dict.

    Lines that are neither (blank lines, warnings) are skipped; a name that is not a
    dotted sysctl name is an error, since it means this is not sysctl output at all.
    """
    if len(text) > MAX_OUTPUT:
        raise SettingsError("sysctl output is implausibly long")
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        colon, equals = line.find(":"), line.find("=")
        cuts = [i for i in (colon, equals) if i > 0]
        if not cuts:
            continue
        cut = min(cuts)
        name, value = line[:cut].strip(), line[cut + 1 :].strip()
        if not name.startswith(("net.", "kern.")):
            continue
        if not all(part and part.replace("_", "").isalnum() for part in name.split(".")):
            raise SettingsError(f"sysctl: {name[:40]!r} is not a sysctl name")
        values[name] = value
    return values


def settings_from(values: dict[str, str], os: str, source: str = "sysctl") -> EphemeralSettings:
    """Build the settings of ``os`` (``macos``, ``freebsd`` or ``openbsd``) from sysctl values."""
    if os not in KEYS:
        raise SettingsError(f"no sysctl names known for {os!r}")
    first_key, last_key = KEYS[os][:2]
    missing = [k for k in (first_key, last_key) if k not in values]
    if missing:
        raise SettingsError(f"sysctl output lacks {', '.join(missing)}")
    first = port_number(values[first_key], first_key)
    last = port_number(values[last_key], last_key)
    settings = []
    for key, default, meaning in zip(KEYS[os], DEFAULTS[os], _MEANINGS, strict=True):
        if key in values:
            settings.append(Setting(key, str(port_number(values[key], key)), default, meaning))
    if MSL in values:
        msl = values[MSL]
        if not msl.isascii() or not msl.isdigit() or len(msl) > 9:
            raise SettingsError(f"{MSL}: expected milliseconds, got {msl[:40]!r}")
        settings.append(
            Setting(
                MSL,
                str(int(msl)),
                MSL_DEFAULTS.get(os),
                f"maximum segment lifetime in ms; TIME_WAIT lasts twice that "
                f"({2 * int(msl) / 1000:g} s)",
            )
        )
    # The kernels walk the range downwards when first > last, so both orders are valid.
    low, high = min(first, last), max(first, last)
    return EphemeralSettings(os, source, same_everywhere(low, high), settings=tuple(settings))


def parse(text: str, os: str) -> EphemeralSettings:
    """Settings of ``os`` from the text of ``sysctl`` (see :func:`parse_sysctl`)."""
    return settings_from(parse_sysctl(text), os)


def command(os: str) -> list[str]:
    if os == "openbsd":
        return ["sysctl", *KEYS[os]]
    return ["sysctl", "net.inet.ip.portrange", MSL]


def read(os: str) -> EphemeralSettings:
    import subprocess

    argv = command(os)
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError) as exc:
        raise SettingsError(f"cannot run {' '.join(argv)}: {exc}") from exc
    # A missing optional name (msl) makes sysctl exit non-zero after printing the rest.
    return settings_from(parse_sysctl(done.stdout), os, " ".join(argv))
