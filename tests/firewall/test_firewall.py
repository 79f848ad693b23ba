"""Firewall rules: real nft and iptables-restore checks, documented forms, bad input."""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from portpedia.firewall import Rule, make_rule, render, render_all
from portpedia.knowledge.model import Source

HERE = Path(__file__).parent
FORMS = tomllib.loads((HERE / "documented_forms.toml").read_text())


def _rules() -> list[Rule]:
    """One rule of each shape: single port or range, each transport set, each family."""
    out = []
    for low, high in ((22, 22), (6000, 6063)):
        for transports in (("tcp",), ("udp",), ("tcp", "udp")):
            for source in (None, "10.0.0.0/8", "2001:db8::/32", "192.0.2.7/32"):
                for action in ("allow", "deny"):
                    net = ipaddress.ip_network(source) if source else None
                    out.append(make_rule(low, high, transports, action, net, "portpedia: test"))
    return out


RULES = _rules()


def _need(tool: str) -> str:
    path = shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/sbin")
    if path is None or os.geteuid() != 0:
        reason = f"{tool} (as root) is needed to check the rules"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; .ci/run installs it", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.mark.parametrize(
    "rule", RULES, ids=lambda r: f"{r.action}-{r.ports}-{'+'.join(r.transports)}-{r.source}"
)
def test_nft_accepts_the_file(rule: Rule, tmp_path: Path) -> None:
    nft = _need("nft")
    path = tmp_path / "rules.nft"
    path.write_text(render([rule], "nftables"))
    done = subprocess.run([nft, "-c", "-f", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_nft_check_can_fail(tmp_path: Path) -> None:
    """The check is real: nft refuses a broken rule in the same layout."""
    nft = _need("nft")
    text = render([make_rule(22, 22, ("tcp",), "allow")], "nftables").replace(
        "dport 22", "dport 99999"
    )
    path = tmp_path / "bad.nft"
    path.write_text(text)
    assert subprocess.run([nft, "-c", "-f", str(path)], capture_output=True).returncode != 0


def _restore_files(text: str) -> dict[str, str]:
    """The shell commands as iptables-restore / ip6tables-restore input, per binary."""
    files: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        binary, rest = line.removeprefix("sudo ").split(" ", 1)
        files.setdefault(binary, []).append(rest)
    return {b: "*filter\n" + "\n".join(lines) + "\nCOMMIT\n" for b, lines in files.items()}


@pytest.mark.parametrize(
    "rule", RULES, ids=lambda r: f"{r.action}-{r.ports}-{'+'.join(r.transports)}-{r.source}"
)
def test_iptables_restore_accepts_the_commands(rule: Rule) -> None:
    _need("iptables-restore")
    files = _restore_files(render([rule], "iptables"))
    assert files
    for binary, text in files.items():
        restore = _need(f"{binary}-restore")
        done = subprocess.run([restore, "--test"], input=text, capture_output=True, text=True)
        assert done.returncode == 0, (text, done.stderr)


def test_iptables_check_can_fail() -> None:
    restore = _need("iptables-restore")
    bad = "*filter\n-I INPUT -p tcp -s 10.0.0.300/8 --dport 22 -j ACCEPT\nCOMMIT\n"
    assert (
        subprocess.run([restore, "--test"], input=bad, capture_output=True, text=True).returncode
        != 0
    )


@pytest.mark.parametrize("tool", ["ufw", "firewalld", "windows", "pf"])
def test_documented_examples_fit_the_grammar(tool: str) -> None:
    grammar = re.compile(FORMS[tool]["grammar"])
    for example in FORMS[tool]["examples"]:
        assert grammar.match(example), example
    assert FORMS[tool]["source"].startswith("https://")


@pytest.mark.parametrize("tool", ["ufw", "firewalld", "windows", "pf"])
def test_every_rule_line_has_a_documented_form(tool: str) -> None:
    grammar = re.compile(FORMS[tool]["grammar"])
    for rule in RULES:
        for line in render([rule], tool).splitlines():
            if line.startswith("#"):
                continue
            assert grammar.match(line), line


def test_ufw_and_pf_keep_ranges_with_a_colon() -> None:
    rule = make_rule(6000, 6063, ("tcp",), "deny")
    assert "ufw prepend deny 6000:6063/tcp" in render([rule], "ufw")
    assert "port 6000:6063" in render([rule], "pf")
    assert "-LocalPort 6000-6063" in render([rule], "windows")
    assert "--dport 6000:6063" in render([rule], "iptables")
    assert "tcp dport 6000-6063 drop" in render([rule], "nftables")


def test_render_all_covers_every_tool() -> None:
    texts = render_all([make_rule(443, 443, ("tcp", "udp"), "allow")])
    assert list(texts) == ["nftables", "iptables", "ufw", "firewalld", "windows", "pf"]
    assert "udp dport 443 accept" in texts["nftables"]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portpedia", "firewall", *args], capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("22", "--allow", "--from", "10.0.0.300/8"), "not an IP address"),
        (("22", "--allow", "--from", "10.0.0.1/8"), "host bits"),
        (("6063-6000/tcp", "--deny"), "out of order"),
        (("22", "--allow", "--tool", "shorewall"), "unknown firewall tool"),
        (("22", "--allow", "--deny"), "exactly one of --allow or --deny"),
        (("22",), "exactly one of --allow or --deny"),
        (("22", "--app", "kubernetes", "--allow"), "not both"),
        (("22", "--allow", "--role", "worker"), "--role goes with --app"),
        (("--allow",), "give a PORT"),
        (("65536", "--allow"), "out of range"),
        (("22/icmp", "--allow"), "unknown protocol"),
        (("22/sctp", "--allow"), "tcp and udp only"),
        (("0", "--deny"), "port 0"),
        (("22", "--allow", "--bogus"), "unrecognized arguments"),
    ],
)
def test_bad_input_is_one_line_exit_2_no_output(args: tuple[str, ...], needle: str) -> None:
    done = _cli(*args)
    assert done.returncode == 2, done
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert needle in done.stderr


def test_stdout_is_exactly_the_nft_file(tmp_path: Path) -> None:
    done = _cli("3389/tcp", "--allow", "--from", "192.168.1.0/24", "--tool", "nftables")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("#!/usr/sbin/nft -f\n")
    assert "ip saddr 192.168.1.0/24 tcp dport 3389 accept" in done.stdout
    nft = shutil.which("nft", path="/usr/sbin:/sbin")
    if nft and os.geteuid() == 0:
        path = tmp_path / "cli.nft"
        path.write_text(done.stdout)
        assert subprocess.run([nft, "-c", "-f", str(path)], capture_output=True).returncode == 0


def test_risky_port_warns_on_stderr_and_suggests_a_source() -> None:
    done = _cli("3389/tcp", "--allow", "--tool", "ufw")
    assert done.returncode == 0
    commands = [line for line in done.stdout.splitlines() if not line.startswith("#")]
    assert commands == ["sudo ufw allow 3389/tcp comment 'portpedia: allow 3389'"]
    assert "warning" in done.stderr and "--from" in done.stderr
    quiet = _cli("3389/tcp", "--allow", "--from", "192.168.1.0/24", "--tool", "ufw")
    assert "warning" not in quiet.stderr
    public = _cli("3389/tcp", "--allow", "--from", "8.8.8.0/24", "--tool", "ufw")
    assert "not a private network" in public.stderr


def test_json_holds_rules_and_every_tool() -> None:
    import json

    done = _cli("53", "--deny", "--json")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["rules"][0]["transports"] == ["tcp", "udp"]
    assert set(data["tools"]) == {"nftables", "iptables", "ufw", "firewalld", "windows", "pf"}


def test_unknown_product_gets_close_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    from portpedia.explain import firewall as plan
    from portpedia.explain import product
    from portpedia.explain.product import UnknownProductError

    monkeypatch.setattr(product, "_catalogue", lambda: ({"kubernetes": _K8S}, _SOURCES))
    with pytest.raises(UnknownProductError) as caught:
        plan.product_plan("kubernets")
    assert caught.value.exit_code == 1 and "kubernetes" in str(caught.value)


_SOURCES = {"k8s": Source("k8s", "Ports and Protocols", "https://kubernetes.io/", "")}
_K8S = {
    "id": "kubernetes",
    "name": "Kubernetes",
    "group": "containers",
    "summary": "Container orchestration.",
    "sources": ["k8s"],
    "aliases": ["k8s"],
    "ports": [
        {"port": 6443, "transport": "tcp", "direction": "inbound", "role": "Control plane",
         "purpose": "API server", "required": True, "sources": ["k8s"]},
        {"port": 10250, "transport": "tcp", "direction": "internode", "role": "Worker",
         "purpose": "kubelet API", "required": True, "sources": ["k8s"]},
        {"port": 30000, "high": 32767, "transport": "tcp", "direction": "inbound",
         "role": "Worker", "purpose": "NodePort Services", "required": False, "sources": ["k8s"]},
        {"port": 22, "transport": "tcp", "direction": "inbound", "role": "All nodes",
         "purpose": "administration", "required": False, "sources": ["k8s"]},
        {"port": 443, "transport": "tcp", "direction": "outbound", "role": "Worker",
         "purpose": "image pulls", "required": True, "sources": ["k8s"]},
    ],
}  # fmt: skip


def test_product_rules_by_role(monkeypatch: pytest.MonkeyPatch) -> None:
    from portpedia.explain import firewall as plan
    from portpedia.explain import product

    monkeypatch.setattr(product, "_catalogue", lambda: ({"kubernetes": _K8S}, _SOURCES))
    worker = plan.product_plan("k8s", "allow", role="worker")
    assert [(r.low, r.high) for r in worker.rules] == [(10250, 10250), (30000, 32767), (22, 22)]
    assert any("outbound" in str(s) for s in worker.skipped)
    assert any("--from" in str(w) for w in worker.warnings)
    everything = plan.product_plan("Kubernetes")
    assert len(everything.rules) == 4
    assert [r.low for r in plan.product_plan("kubernetes", role="control plane").rules] == [
        6443,
        22,
    ]
    with pytest.raises(Exception, match="has no role 'etcd'"):
        plan.product_plan("kubernetes", role="etcd")
