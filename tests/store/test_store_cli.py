from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from portpedia.cli import main
from portpedia.store import FeedbackStore, migrate
from portpedia.store.engine import make_engine
from portpedia.store.schema import feedback_votes

VISITORS = [f"{n:02d}" * 16 for n in range(3)]


@pytest.fixture
def voted(db_url: str) -> str:
    migrate(db_url)
    with FeedbackStore(db_url) as store:
        store.vote("/port/443", "en", VISITORS[0], "happy", "clear")
        store.vote("/port/443", "de", VISITORS[1], "unsure")
        store.vote("/port/22", "en", VISITORS[2], "disappointed", "-1 wrong")
    return db_url


def test_stats_json(voted: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feedback", "stats", "--json", "--database", voted]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["page"], r["happy"], r["unsure"], r["total"]) for r in rows] == [
        ("/port/443", 1, 1, 2),
        ("/port/22", 0, 0, 1),
    ]
    assert datetime.fromisoformat(rows[0]["last_vote"]).tzinfo is not None


def test_stats_table(voted: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feedback", "stats", "--database", voted]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:5] == ["PAGE", "DISAPPOINTED", "UNSURE", "HAPPY", "TOTAL"]
    assert lines[1].split()[:5] == ["/port/443", "0", "1", "1", "2"]
    assert lines[-1] == "3 votes on 2 pages"


def test_stats_on_a_new_default_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PORTPEDIA_DATABASE_URL", raising=False)
    monkeypatch.setenv("PORTPEDIA_DATA_DIR", str(tmp_path / "portpedia"))
    assert main(["feedback", "stats"]) == 0
    assert "no feedback yet" in capsys.readouterr().out
    assert (tmp_path / "portpedia" / "portpedia.sqlite3").is_file()


def test_export_csv_to_file(voted: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "votes.csv"
    assert main(["feedback", "export", "--output", str(target), "--database", voted]) == 0
    assert "wrote 3 votes" in capsys.readouterr().err
    text = target.read_text(encoding="utf-8")
    assert not any(v in text for v in VISITORS)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert sorted((r["page"], r["language"], r["reaction"]) for r in rows) == [
        ("/port/22", "en", "disappointed"),
        ("/port/443", "de", "unsure"),
        ("/port/443", "en", "happy"),
    ]


def test_export_json_to_stdout(voted: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feedback", "export", "--json", "--database", voted]) == 0
    out = capsys.readouterr().out
    votes = json.loads(out)
    assert len(votes) == 3
    assert set(votes[0]) == {"page", "language", "reaction", "comment", "created_at", "updated_at"}
    assert not any(v in out for v in VISITORS)


def test_prune_json(voted: str, capsys: pytest.CaptureFixture[str]) -> None:
    engine = make_engine(voted)
    try:
        with engine.begin() as conn:
            old = datetime.now(UTC) - timedelta(days=100)
            conn.execute(
                update(feedback_votes)
                .where(feedback_votes.c.page == "/port/22")
                .values(created_at=old, updated_at=old)
            )
    finally:
        engine.dispose()
    args = ["feedback", "prune", "--older-than", "90", "--json", "--database", voted]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out) == {"deleted": 1, "older_than_days": 90}
    assert main(["feedback", "stats", "--json", "--database", voted]) == 0
    assert [r["page"] for r in json.loads(capsys.readouterr().out)] == ["/port/443"]


def test_prune_needs_a_positive_number_of_days(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["feedback", "prune", "--older-than", "0"])
    assert info.value.code == 2
    assert "at least 1" in capsys.readouterr().err


def test_migrate_json(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feedback", "migrate", "--json", "--database", db_url]) == 0
    assert json.loads(capsys.readouterr().out)["revision"] == "0002"


@pytest.mark.parametrize(
    ("url", "code", "message"),
    [
        ("postgresql://postgres@127.0.0.1:1/test", 1, "is unavailable"),
        ("mysql://u@h/db", 2, "unsupported database"),
        ("sqlite:////nonexistent-portpedia-dir/f.sqlite3", 2, "does not exist"),
        ("postgresql://[::1", 2, "invalid database URL"),
        ("postgresql://postgres@127.0.0.1:5432/test?options=-c search_path=nope", 1, "refused"),
    ],
)
def test_bad_database_is_one_line_without_traceback(url: str, code: int, message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "portpedia", "feedback", "stats", "--json", "--database", url],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == code
    assert result.stdout == ""
    assert result.stderr.startswith("portpedia: error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("days", ["1000000", "999999999", "1000000000000"])
def test_prune_older_than_the_calendar_deletes_nothing(db_url: str, days: str) -> None:
    from portpedia.store import FeedbackStore, migrate

    migrate(db_url)
    with FeedbackStore(db_url) as store:
        store.vote("/ports/22", "en", "a" * 64, "happy")
    result = subprocess.run(
        [sys.executable, "-m", "portpedia", "feedback", "prune", "--older-than", days,
         "--json", "--database", db_url],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["deleted"] == 0
    with FeedbackStore(db_url) as store:
        assert store.totals("/ports/22").total == 1
