"""Property tests: every parser either accepts its input or raises its own clear error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portpedia.errors import (
    InvalidPortError,
    PortpediaError,
    RegistryFormatError,
    UnknownServiceError,
)
from portpedia.explain import lookup_service, search
from portpedia.registry.importer import parse_bytes
from portpedia.registry.snapshot import dumps, loads

HEADER = (
    "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,"
    "Registration Date,Modification Date,Reference,Service Code,"
    "Unauthorized Use Reported,Assignment Notes\n"
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_as_registry(data):
    try:
        parse_bytes(data, source="fuzz")
    except RegistryFormatError as exc:
        assert str(exc).startswith("fuzz")


@settings(max_examples=200)
@given(st.lists(st.lists(st.text(max_size=30), min_size=0, max_size=14), max_size=20))
def test_random_csv_rows(rows):
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    try:
        snap = parse_bytes((HEADER + buf.getvalue()).encode(), source="fuzz.csv")
    except RegistryFormatError:
        return
    # Whatever was accepted survives the snapshot format unchanged.
    assert set(loads(dumps(snap)).entries) == set(snap.entries)


def test_wrong_encoding_csv():
    with pytest.raises(RegistryFormatError, match="not UTF-8"):
        parse_bytes((HEADER + "foo,1,tcp,x,,,,,,,,\n").encode("utf-16"), source="utf16.csv")


def test_long_field_up_to_the_bound_is_kept_intact():
    from portpedia.registry.importer import MAX_FIELD

    desc = "d" * MAX_FIELD
    snap = parse_bytes((HEADER + f"foo,1,tcp,{desc},,,,,,,,\n").encode(), source="long.csv")
    assert snap.entries[0].description == desc
    assert loads(dumps(snap)).entries[0].description == desc


def test_huge_field_is_refused():
    desc = "d" * 2_000_000
    with pytest.raises(RegistryFormatError, match="Description field is 2000000 characters"):
        parse_bytes((HEADER + f"foo,1,tcp,{desc},,,,,,,,\n").encode(), source="huge.csv")


@pytest.mark.parametrize("cut", [1, 100, 5000, 100_000])
def test_truncated_xml(iana_xml, cut):
    with pytest.raises(RegistryFormatError):
        parse_bytes(iana_xml.read_bytes()[:cut], source="cut.xml")


@given(st.text(max_size=60))
def test_service_lookup_never_crashes(name):
    try:
        svc = lookup_service(name)
    except UnknownServiceError as exc:
        assert len(str(exc)) < 400
        assert all(isinstance(s, str) for s in exc.suggestions)
    else:
        assert svc.entries


@pytest.fixture(scope="module")
def search_index() -> None:
    search("ssh")  # builds the index once, outside the per-example deadline


@given(st.text(max_size=300))
def test_search_never_crashes(search_index, query):
    try:
        result = search(query, 10)
    except InvalidPortError as exc:  # written as a port, but not one: "99999", "port 1-2"
        assert len(str(exc)) < 400
        return
    assert len(result.hits) <= 10
    assert all(h.score > 0 for h in result.hits)
    assert all(isinstance(s, str) and s for s in result.suggestions)


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=80))
def test_cli_query_gives_a_verdict(text):
    from portpedia.cli import main

    # Exit 0 (explained), 1 (unknown service) or 2 (bad input); never an exception.
    try:
        code = main([text, "--short"])
    except SystemExit as exc:  # argparse on texts that look like options
        code = exc.code
    except PortpediaError:  # pragma: no cover - main() must catch these
        raise
    assert code in (0, 1, 2)
