"""``/annotate``: paste text, get its ports explained; nothing stored, never cached."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "explain" / "annotate"


def test_form_and_results(client) -> None:
    r = client.get("/annotate")
    assert r.status_code == 200 and 'method="post"' in r.text
    text = (SAMPLES / "ufw.log").read_text()
    r = client.post("/annotate", data={"text": text})
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"
    assert 'href="/ports/3389"' in r.text and "Remote Desktop" in r.text
    assert "a temporary (ephemeral) source port" in r.text


def test_bengali_and_empty(client) -> None:
    r = client.post("/bn/annotate", data={"text": "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*"})
    assert r.status_code == 200 and 'lang="bn"' in r.text and 'href="/bn/ports/22"' in r.text
    r = client.post("/annotate", data={"text": "nothing here"})
    assert "No port was found in that text." in r.text


def test_too_large_and_not_text(client) -> None:
    r = client.post("/annotate", data={"text": "x" * 40_000})
    assert r.status_code == 413
    r = client.post("/annotate", files={"text": ("a.txt", b"22/tcp open ssh")})
    assert r.status_code == 400
