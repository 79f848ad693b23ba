"""The open dataset: it validates as a Frictionless package and says what it holds."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from portpedia.knowledge import dataset, index

PORTPEDIA = str(Path(sys.executable).with_name("portpedia"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dataset")
    out = subprocess.run([PORTPEDIA, "data", "export", str(root)], capture_output=True,
                         text=True, check=True)  # fmt: skip
    assert "wrote 15 files" in out.stderr
    return root


def test_the_package_validates_with_frictionless(exported: Path):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(exported / "datapackage.json"))
    assert report.valid, report.flatten(["title", "message"])[:5]


def test_licences_are_stated(exported: Path):
    package = json.loads((exported / "datapackage.json").read_text())
    assert package["licenses"] == [dataset.CC_BY]
    by_name = {r["name"]: r for r in package["resources"]}
    assert by_name["iana"]["licenses"] == [dataset.CC0]
    assert all(r["licenses"] == [dataset.CC_BY] for n, r in by_name.items() if n != "iana")
    assert set(by_name) == {"iana", "ports", "uses", "articles", "products", "product-ports",
                            "sources"}  # fmt: skip


def test_csv_and_json_hold_the_same_rows(exported: Path):
    for name in dataset.TABLES:
        with (exported / f"{name}.csv").open(newline="") as fh:
            rows = list(csv.DictReader(fh))
        data = json.loads((exported / f"{name}.json").read_text())
        assert len(rows) == len(data), name
    ports = json.loads((exported / "ports.json").read_text())
    assert len(ports) == 65536 and ports[443]["services"] == ["https"]
    assert ports[0]["status"] == "reserved" and ports[65535]["status"] == "dynamic"
    assert ports[8080]["friendly_name"] == "HTTP alternate (app and dev servers)"
    uses = {u["id"]: u for u in json.loads((exported / "uses.json").read_text())}
    assert len(uses) == len(index.uses())
    assert uses["subseven-trojan"]["historic"] is True
    with (exported / "iana.csv").open(newline="") as fh:
        contacts = {r["contact"] for r in csv.DictReader(fh) if r["low"] == "5242"}
    assert "Sean D. Sollé" in contacts


def test_export_is_deterministic(exported: Path, tmp_path: Path):
    dataset.export(str(tmp_path))
    for path in exported.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_stats_counts_match_the_index():
    out = subprocess.run([PORTPEDIA, "data", "stats", "--json"], capture_output=True,
                         text=True, check=True)  # fmt: skip
    counts = json.loads(out.stdout)
    assert counts["uses"] == len(index.uses()) and counts["sources"] == len(index.sources())
    assert counts["articles"] == len(index.articles())
    assert set(counts) >= {"uses", "articles", "sources", "products", "ports_with_article"}
    text = subprocess.run([PORTPEDIA, "data", "stats"], capture_output=True, text=True).stdout
    assert f"uses                {counts['uses']}" in text


def test_stats_on_the_fixture_count_ports_with_an_article(mini_installed):
    counts = dataset.stats()
    assert counts["articles"] == 3 and counts["products"] == 1
    assert counts["ports_with_article"] == 1 + 11  # 7000, and 7100-7110
    assert counts["product_ports"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [(["data", "export", "/etc/hostname"], "exists and is not a directory"),
     (["data", "export"], "the following arguments are required: DIR"),
     (["data", "frobnicate"], "invalid choice")],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(args, message):
    out = subprocess.run([PORTPEDIA, *args], capture_output=True, text=True)
    assert out.returncode == 2 and message in out.stderr
    assert "Traceback" not in out.stderr


def test_data_check_reports_problems_and_a_stale_index(monkeypatch, tmp_path, capsys):
    from portpedia.cli import main
    from portpedia.knowledge import schema

    monkeypatch.setattr(schema, "validate", lambda *a, **k: [])
    assert main(["data", "check"]) == 0
    assert "knowledge index is up to date" in capsys.readouterr().out
    monkeypatch.setattr(schema, "validate", lambda *a, **k: ["uses/x.toml: a problem"])
    assert main(["data", "check"]) == 1
    assert "uses/x.toml: a problem" in capsys.readouterr().out
    monkeypatch.setattr(schema, "validate", lambda *a, **k: [])
    stale = tmp_path / "knowledge.index"
    stale.write_bytes(b"#portpedia-knowledge-index 1 0")
    monkeypatch.setattr(index, "INDEX", str(stale))
    assert main(["data", "check"]) == 1
    assert "knowledge index is stale" in capsys.readouterr().out


def test_the_dataset_of_any_data_set_validates(mini_installed, tmp_path):
    """Articles, products and their ports, as the content files will bring them."""
    frictionless = pytest.importorskip("frictionless")
    dataset.files.cache_clear()
    try:
        dataset.export(str(tmp_path))
    finally:
        dataset.files.cache_clear()
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["title", "message"])[:5]
    articles = json.loads((tmp_path / "articles.json").read_text())
    assert [a["name"] for a in articles] == [
        "Alpha service (TCP)",
        "Alpha discovery (UDP)",
        "Beta media range",
    ]
    assert articles[0]["cves"] == ["CVE-2099-0001"] and articles[0]["related"] == ["7443/tcp"]
    with (tmp_path / "product_ports.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["product"], r["port"], r["high"], r["required"]) for r in rows] == [
        ("widget", "7000", "", "true"),
        ("widget", "7100", "7105", "false"),
    ]
    ports = json.loads((tmp_path / "ports.json").read_text())
    assert ports[7000]["article"] and ports[7000]["friendly_name"] == "Alpha service (TCP)"
    assert ports[7105]["article"] and not ports[7111]["article"]
