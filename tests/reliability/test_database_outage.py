"""PostgreSQL goes away while portpedia serves, then comes back.

The outage happens on a throwaway cluster (initdb + pg_ctl in a temporary directory, on a
free loopback port), never on the machine's own server.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from serving import free_port, wait_until

pytestmark = pytest.mark.postgres

PAGE = "/ports/5432"


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: len(p))
    return Path(found[-1]).parent if found else None


class Cluster:
    """A private PostgreSQL: own data directory, own port, own socket directory."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="portpedia-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        # The server refuses to run as root: as root, everything runs as the postgres user.
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            user=self.user, cwd=self.dir, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, f"{args[0]} failed: {done.stdout}{done.stderr}"

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
                  "--no-sync", "-E", "UTF8")  # fmt: skip

    def start(self) -> None:
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} "
                   "-c fsync=off -c max_connections=50")  # fmt: skip
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-o", options,
                  "-w", "-t", "30", "start")  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def remove(self) -> None:
        if self.running():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        message = "PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are not installed"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI requires them", pytrace=False)
        pytest.skip(message)
    c = Cluster(bin_dir)
    try:
        c.init()
        c.start()
        yield c
    finally:
        c.remove()


def _vote(http: httpx.Client, token: str, agent: str) -> httpx.Response:
    # Each vote from a new visitor: without the visitor cookie the server makes a new one.
    http.cookies.delete("portpedia_visitor")
    return http.post(
        "/api/v1/feedback",
        json={"page": PAGE, "language": "en", "reaction": "happy"},
        headers={"X-CSRF-Token": token, "User-Agent": agent},
    )


def test_pages_survive_an_outage_and_feedback_heals_without_restart(cluster, serve) -> None:
    server = serve(cluster.url)
    with httpx.Client(base_url=server.base, timeout=30) as http:
        token = http.get("/api/v1/feedback", params={"page": PAGE}).json()["csrf_token"]
        assert _vote(http, token, "outage-before").status_code == 200

        cluster.stop()
        started = time.monotonic()
        page = http.get(PAGE)
        assert page.status_code == 200 and "Port 5432" in page.text
        assert http.get("/api/v1/ports/5432").status_code == 200
        assert http.get("/").status_code == 200
        assert http.get("/api/v1/health").json() == {"status": "ok", "database": "unavailable"}

        r = _vote(http, token, "outage-during-json")
        assert r.status_code == 503
        assert int(r.headers["retry-after"]) > 0
        assert r.json()["error"]["code"] == "store_unavailable"
        assert "try again" in r.json()["error"]["message"]
        assert http.get("/api/v1/feedback", params={"page": PAGE}).status_code == 503

        # Without JavaScript: the form post gets a page that says what happened.
        form = {"csrf_token": token, "page": PAGE, "language": "en", "reaction": "unsure"}
        r = http.post("/feedback", data=form, headers={"User-Agent": "outage-during-form"})
        assert r.status_code == 503 and int(r.headers["retry-after"]) > 0
        assert "text/html" in r.headers["content-type"]
        assert "feedback database is unavailable" in r.text
        assert "try again" in r.text and 'href="/ports/5432#feedback"' in r.text
        # Refused connections fail fast; nobody waits for a timeout.
        assert time.monotonic() - started < 10

        cluster.start()
        healed: list[int] = []

        def vote_again() -> bool:
            healed.append(_vote(http, token, f"outage-after-{len(healed)}").status_code)
            return healed[-1] == 200

        wait_until(vote_again, 15, "feedback to work again after PostgreSQL restarted")
        assert set(healed) <= {200, 503}
        totals = http.get("/api/v1/feedback", params={"page": PAGE}).json()["totals"]
        # The vote from before the outage survived; the one after it counts.
        assert totals["happy"] == 2
        # Each worker heals on its own next use; none of them stays broken.
        wait_until(
            lambda: all(http.get("/api/v1/health").json()["database"] == "ok" for _ in range(4)),
            15,
            "every worker to reach the database again",
        )
    assert server.proc is not None and server.proc.poll() is None
