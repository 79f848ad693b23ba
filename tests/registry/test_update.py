"""`registry update` / `registry import` against a real HTTP server on loopback."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from portpedia import registry
from portpedia.cli import main
from portpedia.registry import update


class _Server:
    def __init__(self) -> None:
        self.routes: dict[str, bytes] = {}
        routes = self.routes

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = routes.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)


@pytest.fixture
def server(iana_xml: Path) -> Iterator[_Server]:
    s = _Server()
    data = iana_xml.read_bytes()
    s.routes["/full.xml"] = data
    s.routes["/truncated.xml"] = data[: len(data) // 3]
    s.routes["/garbage.xml"] = b"<html><body>Service unavailable</body></html>"
    s.routes["/tiny.csv"] = (
        b"Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,"
        b"Registration Date,Modification Date,Reference,Service Code,"
        b"Unauthorized Use Reported,Assignment Notes\nfoo,1,tcp,Foo,,,,,,,,\n"
    )
    s.thread.start()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


def test_update_downloads_and_is_used_from_then_on(server, capsys):
    assert main(["registry", "update", "--url", server.url + "/full.xml", "--json"]) == 0
    assert '"records": 14533' in capsys.readouterr().out
    assert registry.user_path().is_file()
    reg = registry.load()
    assert reg.origin == str(registry.user_path())
    assert reg.updated == "2026-08-17"


@pytest.mark.parametrize(
    "path, message",
    [
        ("/truncated.xml", "not a well-formed registry"),
        ("/garbage.xml", "not an IANA <registry>"),
        ("/tiny.csv", "does not look like the full IANA registry"),
        ("/missing.xml", "HTTP 404"),
    ],
)
def test_bad_download_keeps_the_previous_data(server, path, message, capsys):
    assert main(["registry", "update", "--url", server.url + "/full.xml"]) == 0
    before = registry.user_path().read_bytes()
    capsys.readouterr()
    assert main(["registry", "update", "--url", server.url + path]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert registry.user_path().read_bytes() == before
    assert len(registry.load()) == 14533
    assert not [p for p in registry.user_path().parent.iterdir() if p.name.startswith(".iana-")]


def test_unreachable_server_is_a_clear_error(capsys):
    # Port 1 on loopback: nothing listens there, the connection is refused at once.
    assert main(["registry", "update", "--url", "http://127.0.0.1:1/x.xml"]) == 1
    assert "cannot reach" in capsys.readouterr().err


def test_import_csv_then_lookups_use_it(iana_csv, capsys):
    assert main(["registry", "import", str(iana_csv)]) == 0
    reg = registry.load()
    assert len(reg) == 14500
    assert reg.source == iana_csv.name


def test_damaged_user_copy_falls_back_to_the_shipped_snapshot():
    path = registry.user_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("not a snapshot")
    assert registry.load().origin == "shipped snapshot"


def test_install_writes_atomically(iana_xml, tmp_path):
    snap = update.load_file(iana_xml) if hasattr(update, "load_file") else None
    assert snap is not None
    target = tmp_path / "reg.snapshot"
    update.install(snap, target)
    assert registry.load(target).updated == "2026-08-17"
