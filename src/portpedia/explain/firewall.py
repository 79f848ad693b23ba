"""What to write into a firewall for a port or a product, and what to warn about.

The decisions live here (which transports a bare port means, whether opening it is risky,
which of a product's ports need an inbound rule for a role); :mod:`portpedia.firewall`
turns the resulting rules into each tool's syntax.
"""

# No `from __future__ import annotations`: NamedTuple fields stay cheap to build.

import re
from typing import Any, NamedTuple

from portpedia.firewall import FirewallInputError, Rule, make_rule, parse_source
from portpedia.i18n import Gettext, Msg
from portpedia.ports import parse_number, parse_protocol


class FirewallPlan(NamedTuple):
    """The rules to write, warnings for the reader, and what was left out and why."""

    rules: tuple[Rule, ...]
    warnings: tuple[Msg, ...]
    skipped: tuple[Msg, ...]

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        from portpedia.firewall import render_all

        return {
            "rules": [
                {"ports": r.ports, "low": r.low, "high": r.high, "transports": list(r.transports),
                 "action": r.action, "from": str(r.source) if r.source else None,
                 "comment": r.comment or None}
                for r in self.rules
            ],
            "warnings": [w.render(gettext) for w in self.warnings],
            "skipped": [s.render(gettext) for s in self.skipped],
            "tools": render_all(self.rules),
        }  # fmt: skip


def _parse_target(text: str) -> tuple[int, int, str | None]:
    number, sep, proto = text.strip().partition("/")
    low_text, dash, high_text = number.partition("-")
    if sep and not proto.strip():
        raise FirewallInputError(Msg("{text} ends with '/': add tcp or udp", text=repr(text[:40])))
    transport = parse_protocol(proto) if sep else None
    if transport not in (None, "tcp", "udp"):
        raise FirewallInputError(Msg("firewall rules are written for tcp and udp only"))
    low = parse_number(low_text)
    high = parse_number(high_text) if dash else low
    return low, high, transport


def _risk(port: int) -> str | None:
    """What makes opening ``port`` risky, by name, or None. The port's article decides when
    there is one ("should I worry?"); otherwise a prominent curated use marked as dangerous
    to expose (a rare use of the number does not make every opening of it risky)."""
    from portpedia.knowledge import article_for, uses_for

    article = article_for(port)
    if article is not None:
        return article.name if article.worry in ("exposure", "high") else None
    for use in uses_for(port):
        if use.risk == "exposure" and use.rank <= 2:
            return use.name
    return None


def _known_transports(port: int) -> tuple[str, ...]:
    from portpedia.knowledge import uses_for

    seen = {t for use in uses_for(port) for t in use.transports if t in ("tcp", "udp")}
    return tuple(t for t in ("tcp", "udp") if t in seen)


def port_plan(target: str, action: str, source: str | None = None) -> FirewallPlan:
    """Rules that allow or deny inbound ``target`` (``3389``, ``53/udp``, ``6000-6063/tcp``)."""
    low, high, transport = _parse_target(target)
    network = parse_source(source) if source is not None else None
    notes: list[Msg] = []
    if transport is not None:
        transports: tuple[str, ...] = (transport,)
    elif action == "allow" and low == high and _known_transports(low):
        transports = _known_transports(low)
        if len(transports) == 1:
            notes.append(Msg("written for {transport} only, the transport of the software known "
                             "on this port; write {port}/tcp or {port}/udp to choose",
                             transport=transports[0], port=low))  # fmt: skip
    else:
        transports = ("tcp", "udp")
    comment = f"portpedia: {action} {low if low == high else f'{low}-{high}'}"
    rule = make_rule(low, high, transports, action, network, comment)
    warnings: list[Msg] = []
    if action == "allow":
        risky = {name for p in range(low, min(high, low + 64) + 1) if (name := _risk(p))}
        for name in sorted(risky):
            if network is None:
                warnings.append(Msg("{name} is dangerous to expose to the internet: allow it only "
                                    "from the networks that need it, e.g. --from 192.168.1.0/24",
                                    name=name))  # fmt: skip
            elif not network.is_private:
                warnings.append(Msg("{name} is dangerous to expose to the internet, and {network} "
                                    "is not a private network", name=name,
                                    network=str(network)))  # fmt: skip
    return FirewallPlan((rule,), tuple(warnings), tuple(notes))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# A port whose role is one of these is needed on every machine of the product.
EVERY_ROLE = frozenset({"all", "all-nodes", "every-node", "all-machines", "all-servers"})


def _roles_meant(role: str, roles: tuple[str, ...], product: str) -> set[str]:
    """The role slugs ``role`` selects: the role it names exactly, else every role it begins
    (``control`` selects "Control plane" and "Control plane (etcd)"), plus the roles every
    machine has. An unknown role is an error naming the choices."""
    key = _slug(role[:60])
    slugs = {_slug(r): r for r in roles}
    chosen = {key} if key in slugs else {s for s in slugs if s.startswith(key)} - EVERY_ROLE
    if not chosen:
        choices = ", ".join(f"'{r}'" for s, r in slugs.items() if s not in EVERY_ROLE)
        raise FirewallInputError(
            Msg(
                "{product} has no role {role}: choose one of {roles}",
                product=product,
                role=repr(role[:40]),
                roles=choices,
            )
        )
    return chosen | (set(slugs) & EVERY_ROLE)


def product_plan(
    name: str, action: str = "allow", role: str | None = None, source: str | None = None
) -> FirewallPlan:
    """Rules for the ports a product needs inbound (for one role, or every role)."""
    from portpedia.explain.product import lookup_product

    product = lookup_product(name)
    network = parse_source(source) if source is not None else None
    ports = list(product.ports)
    if role is not None:
        ports = [
            p for p in ports if _slug(p.role) in _roles_meant(role, product.roles, product.name)
        ]
    rules: list[Rule] = []
    skipped: list[Msg] = []
    for p in ports:
        where = str(p.port) if p.port == p.high else f"{p.port}-{p.high}"
        if p.direction == "outbound":
            skipped.append(Msg("{ports}/{transport} ({purpose}) is outbound from {role}: "
                               "no inbound rule needed", ports=where, transport=p.transport,
                               purpose=p.purpose, role=p.role))  # fmt: skip
            continue
        comment = f"{product.name} {p.role}: {p.purpose}"
        rules.append(make_rule(p.port, p.high, (p.transport,), action, network, comment))
    warnings: list[Msg] = []
    if network is None and any(p.direction == "internode" for p in ports):
        warnings.append(Msg("some of these ports are only for traffic between {product}'s own "
                            "machines: restrict them with --from to your cluster's network",
                            product=product.name))  # fmt: skip
    return FirewallPlan(tuple(rules), tuple(warnings), tuple(skipped))


def role_plans(name: str, action: str = "allow") -> tuple[tuple[str | None, FirewallPlan], ...]:
    """One plan per role a product's machines can have (roles every machine has are in
    each); a product with at most one such role gets one plan, for role None."""
    from portpedia.explain.product import lookup_product

    product = lookup_product(name)
    roles: list[str | None] = [r for r in product.roles if _slug(r) not in EVERY_ROLE]
    if len(roles) <= 1:
        roles = [None]
    return tuple((role, product_plan(product.id, action, role)) for role in roles)
