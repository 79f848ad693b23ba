from __future__ import annotations

from pathlib import Path

import pytest

from portpedia.store import (
    ENV_VAR,
    FeedbackStore,
    StoreConfigError,
    StoreUnavailable,
    default_database_path,
    migrate,
    resolve_url,
)

UNREACHABLE = "postgresql://postgres:s3cret@127.0.0.1:1/test"


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.delenv("PORTPEDIA_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def test_default_is_a_sqlite_file_in_the_user_data_dir(data_home: Path) -> None:
    expected = data_home / "portpedia" / "portpedia.sqlite3"
    assert default_database_path() == expected
    assert resolve_url() == f"sqlite:///{expected}"
    assert expected.parent.is_dir()
    migrate()
    assert expected.is_file()
    with FeedbackStore() as store:
        assert store.vote("/port/1", "en", "f" * 64, "happy").happy == 1


def test_portpedia_data_dir_moves_the_default(
    data_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTPEDIA_DATA_DIR", str(tmp_path / "elsewhere"))
    assert resolve_url() == f"sqlite:///{tmp_path}/elsewhere/portpedia.sqlite3"
    assert (tmp_path / "elsewhere").is_dir()
    assert not data_home.exists()


def test_environment_beats_default_and_argument_beats_environment(
    data_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, f"sqlite:///{tmp_path}/env.sqlite3")
    assert resolve_url() == f"sqlite:///{tmp_path}/env.sqlite3"
    assert resolve_url(f"sqlite:///{tmp_path}/arg.sqlite3") == f"sqlite:///{tmp_path}/arg.sqlite3"
    assert not (data_home / "portpedia").exists()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u:p@db:5432/app", "postgresql+psycopg://u:p@db:5432/app"),
        ("postgres://u@db/app", "postgresql+psycopg://u@db/app"),
        ("postgresql+psycopg://u@db/app", "postgresql+psycopg://u@db/app"),
    ],
)
def test_postgres_urls_use_psycopg_3(given: str, expected: str) -> None:
    assert resolve_url(given) == expected


def test_relative_sqlite_path_becomes_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_url("sqlite:///rel.sqlite3") == f"sqlite:///{tmp_path}/rel.sqlite3"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite:////nonexistent-portpedia-dir/x.sqlite3", "does not exist"),
        ("sqlite://", "in-memory"),
        ("sqlite:///:memory:", "in-memory"),
        ("mysql://u@h/db", "unsupported database 'mysql'"),
        ("not a url", "invalid database URL"),
        ("postgresql+nosuchdriver://u@h/db", "no database driver"),
    ],
)
def test_unusable_urls_are_clear_config_errors(url: str, message: str) -> None:
    with pytest.raises(StoreConfigError, match=message) as info:
        FeedbackStore(url)
    assert "\n" not in str(info.value)
    assert info.value.exit_code == 2


def test_unreachable_postgres_is_store_unavailable_without_password() -> None:
    with FeedbackStore(UNREACHABLE) as store:
        for call in (store.ping, lambda: store.totals("/port/1")):
            with pytest.raises(StoreUnavailable) as info:
                call()
            message = str(info.value)
            assert "127.0.0.1" in message and "unavailable" in message
            assert "Connection refused" in message
            assert "s3cret" not in message and "\n" not in message
            assert info.value.retry_after > 0
    with pytest.raises(StoreUnavailable):
        migrate(UNREACHABLE)
