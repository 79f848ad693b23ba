"""Hostile input over HTTP: query strings, path segments, headers, form fields, JSON bodies,
forged votes and the store's own checks. In-process (ASGI) for speed, except for path
traversal, which needs a real server so that no client library normalises the path first.
"""

from __future__ import annotations

import csv
import io
import json
import re
import socket
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portpedia.store import FeedbackStore, InvalidFeedback
from portpedia.store import validate as store_validate
from portpedia.web.languages import languages, negotiate

FAST = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
# Text that stresses escaping and parsing: markup, quotes, control and bidi characters.
nasty = st.text(
    st.one_of(
        st.sampled_from(list("<>\"'&/\\%?#;=:.\x00\u202e\u200b\ufeff")),
        st.characters(codec="utf-8"),
    ),
    max_size=60,
)
PAGE = "/ports/443"


def _unescaped(raw: str, html: str) -> bool:
    """True if ``raw`` would open a tag and appears verbatim (unescaped) in the HTML.

    Attribute breakouts with quotes are checked in the browser (test_browser_xss.py), where
    the parsed DOM says more than any text search could.
    """
    return bool(re.search(r"<[A-Za-z/!?]", raw)) and raw in html


@FAST
@given(q=nasty)
def test_search_query_strings(client, q: str) -> None:
    r = client.get("/search", params={"q": q}, follow_redirects=False)
    assert r.status_code in (200, 303, 400)
    assert not _unescaped(q[:200], r.text)
    r = client.get("/api/v1/search", params={"q": q, "limit": "3"})
    assert r.status_code in (200, 400)
    assert r.headers["content-type"].startswith("application/json")
    if r.status_code == 200:
        # The query comes back as data, exactly (cut at 200 characters).
        assert r.json()["query"] == q[:200]


@FAST
@given(segment=nasty.filter(lambda s: s not in ("", ".", "..")))
def test_path_segments(client, segment: str) -> None:
    quoted = quote(segment, safe="")
    for path in ("/ports/", "/services/", "/ranges/", "/bn/ports/"):
        r = client.get(path + quoted, follow_redirects=False)
        assert r.status_code in (200, 308, 404), (path, segment)
        assert not _unescaped(segment, r.text)
    for path in ("/api/v1/ports/", "/api/v1/services/"):
        r = client.get(path + quoted, follow_redirects=False)
        assert r.status_code in (200, 308, 400, 404), (path, segment)
        if r.status_code != 308:
            r.json()


@FAST
@given(start=nasty, lang=nasty)
def test_index_and_language_parameters(client, start: str, lang: str) -> None:
    for path in ("/ports", "/api/v1/ports"):
        r = client.get(path, params={"from": start}, follow_redirects=False)
        assert r.status_code in (200, 308, 400, 404)
    r = client.get("/api/v1/ranges", params={"lang": lang})
    assert r.status_code == (200 if lang in languages() else 400)


@FAST
@given(
    header=st.text(max_size=300)
    | st.from_regex(r"[a-z*]{1,9}(-[A-Z]{2})?(;q=[0-9.e-]{1,6})?(, ?[a-z]{2}(;q=0\.[0-9]))*")
)
def test_accept_language(client, header: str) -> None:
    assert negotiate(header) in languages()
    try:
        raw = header.encode("latin-1")
    except UnicodeEncodeError:
        return  # not sendable as an HTTP header
    r = client.get("/", headers={"Accept-Language": raw}, follow_redirects=False)
    assert r.status_code in (200, 302)
    if r.status_code == 302:
        assert r.headers["location"] in {f"/{lang}/" for lang in languages()}


@FAST
@given(
    fields=st.dictionaries(
        st.sampled_from(["page", "language", "reaction", "comment", "csrf_token", "other"]),
        nasty,
        max_size=6,
    )
)
def test_feedback_form_fields(client, fields: dict[str, str]) -> None:
    token = client.get("/api/v1/feedback", params={"page": PAGE}).json()["csrf_token"]
    if fields.get("csrf_token") == "":
        fields["csrf_token"] = token
    r = client.post("/feedback", data=fields, follow_redirects=False)
    assert r.status_code in (303, 400, 403, 429), r.status_code
    assert not any(_unescaped(v, r.text) for v in fields.values())


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | nasty,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(nasty, inner, max_size=3),
    max_leaves=8,
)


@FAST
@given(
    body=st.fixed_dictionaries(
        {},
        optional={
            "page": st.sampled_from([PAGE, "/ports/65536", "/ports/00", "/x"]) | json_values,
            "reaction": st.sampled_from(["happy", "unsure", "disappointed"]) | json_values,
            "language": st.sampled_from(["en", "bn"]) | json_values,
            "comment": json_values,
        },
    )
    | json_values
)
def test_json_vote_bodies(client, body: object) -> None:
    token = client.get("/api/v1/feedback", params={"page": PAGE}).json()["csrf_token"]
    r = client.post(
        "/api/v1/feedback",
        content=json.dumps(body),
        headers={"X-CSRF-Token": token, "Content-Type": "application/json",
                 "User-Agent": f"fuzz-{hash(json.dumps(body))}"},
    )  # fmt: skip
    assert r.status_code in (200, 400, 429), (r.status_code, r.text)
    assert "error" in r.json() or r.json()["page"] == PAGE


@settings(max_examples=200, deadline=None)
@given(page=nasty, language=nasty, visitor=nasty, comment=st.none() | nasty)
def test_store_validation_accepts_only_what_it_documents(page, language, visitor, comment):
    for check, value in (
        (store_validate.page, page),
        (store_validate.language, language),
        (store_validate.visitor, visitor),
        (store_validate.comment, comment),
    ):
        try:
            kept = check(value)
        except InvalidFeedback as exc:
            assert str(exc) and "\n" not in str(exc)
            continue
        if check is store_validate.comment:
            assert kept is None or ("\x00" not in kept and 0 < len(kept) <= 500)
        else:
            assert kept == value and value.isascii() and "\x00" not in value
    # Whatever reason applies (length, characters, an address), no address is a visitor id.
    for address in ("127.0.0.1", "192.168.100.200", "::1", "::ffff:192.0.2.128",
                    "2001:0db8:0000:0000:0000:ff00:0042:8329"):  # fmt: skip
        with pytest.raises(InvalidFeedback):
            store_validate.visitor(address)


# ------------------------------------------------------------------------ forged votes


def _session(client) -> str:
    return client.get("/api/v1/feedback", params={"page": PAGE}).json()["csrf_token"]


@pytest.mark.parametrize(
    ("headers", "use_token"),
    [
        ({"Origin": "http://evil.example"}, True),
        ({"Origin": "null"}, True),
        ({"Origin": "http://testserver.evil.example"}, True),
        ({"Referer": "http://evil.example/page"}, True),
        ({"Origin": "http://testserver"}, False),
        ({}, False),
    ],
    ids=["foreign-origin", "null-origin", "lookalike-origin", "foreign-referer",
         "missing-token", "no-headers-no-token"],
)  # fmt: skip
def test_forged_votes_are_refused(client, database_url, headers, use_token) -> None:
    token = _session(client)
    body = {"page": PAGE, "reaction": "happy"}
    api = client.post(
        "/api/v1/feedback",
        json=body,
        headers={**headers, **({"X-CSRF-Token": token} if use_token else {})},
    )
    assert api.status_code == 403
    form = {**body, **({"csrf_token": token} if use_token else {})}
    html = client.post("/feedback", data=form, headers=headers, follow_redirects=False)
    assert html.status_code == 403
    with FeedbackStore(database_url) as store:
        assert store.totals(PAGE).total == 0


def test_token_from_another_session_is_refused(client, database_url) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    other = TestClient(client.app, base_url="http://testserver")
    theirs = _session(other)
    mine = _session(client)
    assert theirs != mine
    r = client.post(
        "/api/v1/feedback", json={"page": PAGE, "reaction": "happy"},
        headers={"X-CSRF-Token": theirs, "Origin": "http://testserver"},
    )  # fmt: skip
    assert r.status_code == 403
    r = client.post(
        "/feedback", data={"page": PAGE, "reaction": "happy", "csrf_token": theirs},
        headers={"Origin": "http://testserver"}, follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 403
    with FeedbackStore(database_url) as store:
        assert store.totals(PAGE).total == 0


# ---------------------------------------------------------------- JSON and the export

HOSTILE = '</script><script>alert(1)</script> "quoted" \\ \u2028\u2029 \u202eevil =cmd|"/c calc"!A0'


def test_api_json_is_data_never_markup(client) -> None:
    r = client.get("/api/v1/search", params={"q": HOSTILE})
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.json()["query"] == HOSTILE
    r = client.get("/api/v1/services/" + quote(HOSTILE, safe=""))
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")
    r.json()


def test_feedback_export_keeps_hostile_comments_as_data(client, database_url, tmp_path) -> None:
    token = _session(client)
    r = client.post(
        "/api/v1/feedback", json={"page": PAGE, "reaction": "unsure", "comment": HOSTILE},
        headers={"X-CSRF-Token": token},
    )  # fmt: skip
    assert r.status_code == 200
    from portpedia.cli import main

    out = tmp_path / "votes.json"
    assert main(["feedback", "export", "--database", database_url, "--json",
                 "--output", str(out)]) == 0  # fmt: skip
    data = json.loads(out.read_text())
    votes = data if isinstance(data, list) else data.get("votes", data)
    assert [v["comment"] for v in votes] == [HOSTILE]
    with FeedbackStore(database_url) as store:
        buffer = io.StringIO()
        store.export_csv(buffer)
    (row,) = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    # Exactly the comment, except that a spreadsheet would not run it as a formula.
    assert row["comment"] == HOSTILE or row["comment"] == "'" + HOSTILE


# ----------------------------------------------------------------------- path traversal

TRAVERSALS = [
    "/static/../app.py",
    "/static/../../portpedia/__init__.py",
    "/static/%2e%2e/app.py",
    "/static/%2E%2E/%2E%2E/store/url.py",
    "/static/%252e%252e/app.py",
    "/static/..%2fapp.py",
    "/static/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/static/..%5capp.py",
    "/static/....//app.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/..%00/app.py",
    "/static/%c0%ae%c0%ae/app.py",
    "/static/style.css/../../app.py",
    "/static/../../../../../../etc/passwd",
]


def _raw_get(port: int, target: str) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1]), data


@pytest.mark.parametrize("target", TRAVERSALS)
def test_static_path_traversal_is_refused(live_server, target: str) -> None:
    status, data = _raw_get(live_server.port, target)
    assert status in (400, 404), (target, data[:200])
    for secret in (b"root:x:", b"def create_app", b"import ", b"Starlette"):
        assert secret not in data, target


def test_static_files_still_served(live_server) -> None:
    status, data = _raw_get(live_server.port, "/static/app.js")
    assert status == 200 and b"progressive enhancement" in data
