"""The static export: file counts, links, byte-identity with the server, re-runs, the CLI."""

from __future__ import annotations

import posixpath
import random
import re
import warnings
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from portpedia.cli import main
from portpedia.export import (
    ExportResult,
    export_site,
    file_for,
    other_page_paths,
    parse_ports,
    port_page_files,
)
from portpedia.export._manifest import NAME as MANIFEST
from portpedia.export.layout import rewrite_links
from portpedia.knowledge.dataset import files as dataset_files
from portpedia.web import create_app
from portpedia.web.languages import languages
from portpedia.web.views import app_names

BASE = "https://ports.example.org"
API = "https://api.example.org"
PORTS = "0-99,443,60463"
_LINK = re.compile(r'\s(href|src|action|data-api)="([^"]*)"')


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ExportResult]:
    root = tmp_path_factory.mktemp("site")
    result = export_site(root, ports=parse_ports(PORTS), base_url=BASE, api_origin=API, jobs=2)
    return root, result


def _files(root: Path) -> set[str]:
    """The site's files (the export's own manifest left out)."""
    found = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    return found - {MANIFEST}


def test_every_port_is_enumerated_once_per_language() -> None:
    for lang in languages():
        files = list(port_page_files(lang))
        assert len(files) == len(set(files)) == 65536
    assert file_for("/bn/ports/65535") == "bn/ports/65535.html"


def test_file_count_of_a_partial_export(exported: tuple[Path, ExportResult]) -> None:
    root, result = exported
    ports = parse_ports(PORTS)
    assert len(ports) == 102
    langs = len(languages())
    blocks = {p // 256 * 256 for p in ports}  # 0, 256, 60416
    pages = len(other_page_paths(sorted(blocks)))
    services = result.services
    assert services > 50
    expected = (
        (len(ports) * 2 + pages + services * 2) * langs  # pages, JSON per port and service
        + len(blocks)  # api/v1/ports/from-N.json
        + 2 * langs  # ranges and ephemeral JSON
        + (1 + len(app_names())) * langs  # the product index's and each product's JSON
        + 1  # openapi.json
        + 1  # map.png
        + 3  # static assets
        + 1  # robots.txt
        + len(dataset_files())  # the open dataset under data/
        + 1
        + langs * (1 + 2)  # sitemap index; pages + two port parts per language
    )
    found = _files(root)
    assert len(found) == result.files == expected
    assert {"index.html", "bn/index.html", "ports/443.html", "bn/ports/60463.html",
            "ports/from-256.html", "api/v1/ports/443.json", "api/v1/ports/443.bn.json",
            "ranges/dynamic.html", "services/https.html", "ephemeral.html", "sitemap.xml",
            "sitemaps/en-ports-3.xml", "static/app.js", "robots.txt", "apps.html",
            "bn/apps/kubernetes.html", "api/v1/apps.json",
            "api/v1/apps/kubernetes.bn.json", "map.png", "bn/map.html"} <= found  # fmt: skip
    assert "ports/444.html" not in found


def _resolve(page: str, link: str) -> str:
    path = unquote(urlsplit(link).path)
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def test_links_resolve_to_files(exported: tuple[Path, ExportResult]) -> None:
    root, _ = exported
    files = _files(root)
    pages = sorted(f for f in files if f.endswith(".html"))
    sample = ["index.html", "bn/index.html", "ports/443.html", "bn/ports/60463.html",
              "ports.html", "ranges/user.html", "ephemeral.html", "search.html",
              *random.Random(7).sample(pages, 40)]  # fmt: skip
    checked = 0
    for page in sample:
        text = (root / page).read_text()
        for _, link in _LINK.findall(text):
            link = link.replace("&amp;", "&")
            if link.startswith("#") or link.startswith(API):
                continue
            if link.startswith(BASE + "/"):
                target = unquote(link[len(BASE) + 1 :].split("#")[0])
                # Outside a partial export, links go to the full site's server URLs.
                assert target in files or not target.endswith(".html"), (page, link)
                continue
            if re.match(r"[a-z]+:", link):
                continue  # sources on other sites
            assert not link.startswith("/"), (page, link)
            assert _resolve(page, link) in files, (page, link)
            checked += 1
    assert checked > 500


def _normalise(text: str, page: str | None) -> tuple[str, list[str]]:
    """Replace every link with a marker; return the text and the files the links mean."""
    targets: list[str] = []

    def swap(m: re.Match[str]) -> str:
        link = m.group(2).replace("&amp;", "&")
        if link.startswith(BASE + "/"):
            link = link[len(BASE) :]
            bare = link.split("#")[0]
            # A file of the export, or (outside a partial export) the full site's page.
            local = unquote(bare[1:]) if "." in bare.rsplit("/", 1)[-1] else file_for(bare)
        elif link.startswith("#") or re.match(r"[a-z]+:", link):
            local = link
        elif page is None:
            local = file_for(link.split("#")[0]) or link
        else:
            local = _resolve(page, link)
        targets.append(str(local).split("?")[0].split("#")[0])
        return f' {m.group(1)}="LINK"'

    return _LINK.sub(swap, text), targets


@pytest.mark.parametrize(("url", "name"), [("/ports/443", "ports/443.html"),
                                           ("/bn/ports/60463", "bn/ports/60463.html"),
                                           ("/ranges/system", "ranges/system.html"),
                                           ("/bn/", "bn/index.html")])  # fmt: skip
def test_served_and_exported_pages_match(
    exported: tuple[Path, ExportResult], database_url: str, url: str, name: str
) -> None:
    root, _ = exported
    app = create_app(database_url, base_url=BASE, shared_pages=True)
    with TestClient(app) as client:
        served = client.get(url).text
    app.state.store.close()
    on_disk = (root / name).read_text()
    plain_served, served_targets = _normalise(served, None)
    plain_export, export_targets = _normalise(on_disk, name)
    # Same bytes apart from the links, and every link means the same file.
    assert plain_served == plain_export
    # With an API origin, the feedback form and the search box go to that server.
    to_server = ("/feedback", "/api/v1/feedback", "search.html", "bn/search.html")
    served_targets = [API if t in to_server else t for t in served_targets]
    export_targets = [API if t.startswith(API) else t for t in export_targets]
    assert served_targets == export_targets


def test_json_files_are_the_api_bytes(exported: tuple[Path, ExportResult], database_url) -> None:
    root, _ = exported
    app = create_app(database_url)
    with TestClient(app) as client:
        for url, name in [("/api/v1/ports/443?lang=bn", "api/v1/ports/443.bn.json"),
                          ("/api/v1/ports/60463", "api/v1/ports/60463.json"),
                          ("/api/v1/services/https", "api/v1/services/https.json"),
                          ("/api/v1/ranges?lang=bn", "api/v1/ranges.bn.json"),
                          ("/api/v1/ports?from=256", "api/v1/ports/from-256.json")]:  # fmt: skip
            assert client.get(url).content == (root / name).read_bytes(), url
    app.state.store.close()


def test_dataset_files_are_the_served_bytes(exported, database_url) -> None:
    root, _ = exported
    app = create_app(database_url)
    with TestClient(app) as client:
        start = client.get("/data/", follow_redirects=False)
        assert start.status_code == 302
        assert start.headers["location"] == "/data/datapackage.json"
        for name in ("datapackage.json", "uses.csv", "sources.json", "iana.csv"):
            served = client.get(f"/data/{name}")
            assert served.status_code == 200, name
            assert served.content == (root / "data" / name).read_bytes(), name
        assert client.get("/data/uses.csv").headers["content-type"].startswith("text/csv")
        zipped = client.get("/data/uses.json", headers={"Accept-Encoding": "gzip"})
        assert zipped.headers["content-encoding"] == "gzip"
        assert zipped.content == (root / "data" / "uses.json").read_bytes()  # decoded
        again = client.get("/data/uses.json", headers={"If-None-Match": zipped.headers["etag"],
                                                       "Accept-Encoding": "gzip"})  # fmt: skip
        assert again.status_code == 304
        assert client.get("/data/../pyproject.toml").status_code == 404
        assert client.get("/data/nothing.csv").status_code == 404
    app.state.store.close()


def test_second_run_writes_nothing(exported: tuple[Path, ExportResult]) -> None:
    root, first = exported
    again = export_site(root, ports=parse_ports(PORTS), base_url=BASE, api_origin=API, jobs=2)
    assert again.written == 0 and again.unchanged == first.files


def test_only_changed_files_are_rewritten(tmp_path: Path) -> None:
    first = export_site(tmp_path, ports=[443], languages=["en"], jobs=2)
    page = tmp_path / "ports/443.html"
    good = page.read_bytes()
    page.write_text("stale")
    again = export_site(tmp_path, ports=[443], languages=["en"], jobs=2)
    assert again.written == 1 and again.unchanged == first.files - 1
    assert page.read_bytes() == good


def test_feedback_posts_to_the_api_origin_or_is_left_out(exported) -> None:
    root, _ = exported
    text = (root / "ports/443.html").read_text()
    assert f'action="{API}/feedback"' in text and f'data-api="{API}/api/v1/feedback"' in text
    hidden = rewrite_links(text.replace(API, ""), "ports/443.html")
    assert 'id="feedback"' not in hidden and 'href="#feedback"' not in hidden
    assert "<footer" in hidden


def test_sitemaps_list_exported_files(exported: tuple[Path, ExportResult]) -> None:
    root, _ = exported
    index = (root / "sitemap.xml").read_text()
    assert f"<loc>{BASE}/sitemaps/bn-ports-3.xml</loc>" in index
    ports = (root / "sitemaps/bn-ports-3.xml").read_text()
    assert f"<loc>{BASE}/bn/ports/60463.html</loc>" in ports and ports.count("<url>") == 1
    assert f"Sitemap: {BASE}/sitemap.xml" in (root / "robots.txt").read_text()


@pytest.mark.parametrize(
    "args",
    [
        ["--ports", "70000"],
        ["--ports", "9-3"],
        ["--languages", "xx"],
        ["--jobs", "0"],
        ["--api-origin", "ftp://x"],
    ],
)
def test_cli_bad_input(tmp_path: Path, capsys, args: list[str]) -> None:
    assert main(["export", str(tmp_path / "out"), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("portpedia") and "Traceback" not in err


def test_cli_json_and_quiet_without_a_terminal(tmp_path: Path, capsys) -> None:
    import json

    out = tmp_path / "out"
    code = main(["export", str(out), "--ports", "7", "--languages", "bn", "--jobs", "1", "--json"])
    assert code == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["written"] == data["files"] > 10 and data["languages"] == ["bn"]
    assert captured.err == ""  # no progress bar when stderr is not a terminal
    assert (out / "bn/ports/7.html").is_file() and not (out / "ports/7.html").exists()
    assert not (out / "sitemap.xml").exists()  # no base URL, no sitemaps
