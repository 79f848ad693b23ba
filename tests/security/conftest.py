"""Fixtures: a real ``portpedia serve`` per module, shared with tests/reliability."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# tests/ is no package: load the reliability suite's server helper by its path.
_spec = importlib.util.spec_from_file_location(
    "serving", Path(__file__).resolve().parent.parent / "reliability" / "serving.py"
)
assert _spec and _spec.loader
serving = sys.modules.setdefault("serving", importlib.util.module_from_spec(_spec))
if not hasattr(serving, "Server"):
    _spec.loader.exec_module(serving)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[serving.Server]:
    """One worker, so slow or hostile clients share it with everyone else."""
    tmp = tmp_path_factory.mktemp("serve")
    server = serving.Server(f"sqlite:///{tmp / 'feedback.sqlite3'}", tmp / "data", workers=1)
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    from portpedia.store import migrate

    url = f"sqlite:///{tmp_path / 'feedback.sqlite3'}"
    migrate(url)
    return url


@pytest.fixture
def client(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """The app in-process, per-visitor pages (as ``create_app`` gives them by default)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from portpedia.web import create_app

    for name in ("PORTPEDIA_DATABASE_URL", "PORTPEDIA_SECRET", "PORTPEDIA_BASE_URL",
                 "PORTPEDIA_CORS_ORIGINS", "PORTPEDIA_SHARED_PAGES"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    app = create_app(database_url, secret=serving.SECRET)
    with TestClient(app, base_url="http://testserver") as c:
        yield c
    app.state.store.close()
