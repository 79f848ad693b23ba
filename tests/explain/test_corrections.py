"""The corrections of issue 12, each checked on the shipped data and every path it takes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from portpedia.explain import explain
from portpedia.knowledge import index
from portpedia.registry import Registry, load, shipped_path

PORTPEDIA = str(Path(sys.executable).with_name("portpedia"))


def _cli_json(*args: str) -> dict:
    out = subprocess.run([PORTPEDIA, *args, "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_port_0_is_any_free_port_when_bound_and_malformed_as_traffic():
    r = explain(0)
    summary = str(r.summary)
    assert "any free port" in summary and "never a real service port" in summary
    likely = " ".join(str(n.text) for n in r.likely)
    assert "configured to use it" not in likely
    assert "Binding to port 0 tells the system to choose an unused ephemeral port" in likely
    cited = {f.source.id for f in r.footnotes}
    assert {"man-ip-bind-address-no-port", "maghsoudlou-port-0-2021"} <= cited


def test_65535_is_the_highest_port():
    r = explain(65535)
    assert "65535 is the highest port number there is" in str(r.summary)
    assert any("there is no port 65536" in str(n.text) for n in r.about)
    assert r.next is None


def test_4070_is_spotify_connecting_out_not_a_connect_listener():
    first = index.uses_for(4070)[0]
    assert first.id == "spotify-access-points" and first.rank == 1
    assert "connect out" in first.summary
    assert not any("listening here for Spotify Connect" in u.summary for u in index.uses())
    assert "Spotify Connect devices do not listen on it" in str(explain(4070).summary)


@pytest.mark.parametrize(("port", "name"), [(5242, "Sean D. Sollé"), (22351, "Wolfgang Völker")])
def test_contact_names_from_non_ascii_ids_agree_on_every_path(port, name):
    # A fresh registry answers one id at a time; once its people table is loaded it reads
    # that; the CLI starts cold. All must give the same name, without the id's "_2".
    fresh = Registry(shipped_path().read_text(encoding="ascii"))
    rows = fresh.at(port)
    refs = [e.contact for e in rows if e.contact] + [e.assignee for e in rows if e.assignee]
    one_by_one = [fresh.person(ref) for ref in refs]
    _ = fresh.people
    from_table = [fresh.person(ref) for ref in refs]
    assert one_by_one == from_table
    assert name in one_by_one and not any(" 2" in n for n in one_by_one)
    contacts = {a["contact"] for a in _cli_json(str(port))["assignments"]}
    assert name in contacts
    assert name in {a.contact for a in explain(port).assignments}


def test_rows_written_n_dash_n_are_one_port(iana_csv):
    from portpedia.registry.importer import load_file

    snap = load_file(iana_csv)
    one_wide = [e for e in snap.entries if e.low is not None and e.low == e.high]
    row = next(e for e in one_wide if e.low == 4748)
    assert row.port_text == "4748" and not row.is_range
    r = explain(4748)
    assert [a.ports for a in r.assignments] == ["4748"]
    assert "4748-4748" not in json.dumps(r.to_dict())


def test_8080_leads_with_its_everyday_role():
    summary = str(explain(8080).summary)
    assert summary.startswith("Port 8080 is the everyday alternate HTTP port")
    assert "CockroachDB" not in summary and "IPFS" not in summary


def test_27017_leads_with_mongodb():
    r = explain(27017)
    assert "MongoDB" in r.friendly_name and "MongoDB" in str(r.summary).split(".")[0]
    uses = [u.name for u in index.uses_for(27017)]
    assert uses.index("MongoDB") < uses.index("Steam client")


def test_summary_reads_naturally_with_the_friendly_name():
    rdp = explain(3389)
    assert rdp.friendly_name == "Remote Desktop (RDP)"
    summary = str(rdp.summary)
    assert summary.startswith("Port 3389 is Remote Desktop (RDP)")
    # The registry's codename is named as what it is, once, after the answer.
    assert summary.endswith("IANA registers it as ms-wbt-server (MS WBT Server).")
    assert summary.count("ms-wbt-server") == 1
    assert str(explain(22).summary).startswith("Port 22 is SSH")


def test_no_summary_says_outside_the_registry():
    for port in sorted({u.port for u in index.uses()} | {0, 80, 443, 65535}):
        assert "Outside the registry" not in str(explain(port).summary), port


def test_every_port_with_uses_is_ranked():
    ports = {u.port for u in index.uses()}
    firsts = [index.uses_for(p)[0].rank for p in ports]
    assert all(1 <= u.rank <= 5 for u in index.uses())
    # Most ports have a use they are known for; ranks are not all the default any more.
    assert sum(1 for rank in firsts if rank == 1) >= len(ports) // 3
    for port, known in ((6379, "Redis"), (5432, "PostgreSQL"), (11434, "Ollama")):
        assert index.uses_for(port)[0].name.startswith(known), port
    assert all(u.historic for u in index.uses() if u.id in {"subseven-trojan", "back-orifice-2000"})


def test_registry_at_and_person_are_the_shipped_ones():
    assert load().person("[Sean_D_Sollé_2]") == "Sean D. Sollé"


def test_a_wide_range_use_is_named_only_where_nothing_is_registered():
    assert "NodePort" not in str(explain(31337).summary)  # registered to eldim
    assert "NodePort" in str(explain(30500).summary)
    assert any("NodePort" in k.name for k in explain(31337).known_uses)
