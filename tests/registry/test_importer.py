from __future__ import annotations

from collections import Counter

import pytest

from portpedia.errors import RegistryFormatError
from portpedia.registry import Registry, shipped_path
from portpedia.registry.importer import load_file, parse_bytes
from portpedia.registry.snapshot import dumps, loads


@pytest.fixture(scope="module")
def xml_snap(iana_xml):
    return load_file(iana_xml)


@pytest.fixture(scope="module")
def csv_snap(iana_csv):
    return load_file(iana_csv)


def test_xml_counts_and_date(xml_snap):
    assert xml_snap.updated == "2026-08-17"
    assert len(xml_snap.entries) == 14533
    ranges = [e for e in xml_snap.entries if e.is_range]
    assert len(ranges) >= 700
    assert sum(1 for e in xml_snap.entries if e.low is None) >= 1000


def test_csv_counts(csv_snap):
    assert len(csv_snap.entries) == 14500
    # 762 rows are written as ranges; six of them are one port wide ("4748-4748").
    assert sum(1 for e in csv_snap.entries if e.is_range) == 756
    assert sum(1 for e in csv_snap.entries if e.low is None) == 1056
    assert csv_snap.updated.startswith("2026-")


@pytest.mark.parametrize("fmt", ["xml", "csv"])
def test_both_formats_keep_the_details(fmt, xml_snap, csv_snap):
    snap = xml_snap if fmt == "xml" else csv_snap
    by = {(e.service, e.port_text, e.transport): e for e in snap.entries}
    # Range row with a name and an unauthorized-use note.
    x11 = by[("x11", "6000-6063", "tcp")]
    assert x11.description == "X Window System"
    assert "6003" in x11.unauthorized
    # Blank protocol: the row holds for every transport.
    assert by[("", "100", "")].unauthorized == "Known Unauthorized Use on 100"
    # Aliases: several names on 80/tcp.
    names_80 = {e.service for e in snap.entries if e.port_text == "80" and e.transport == "tcp"}
    assert {"http", "www-http"} <= names_80
    # Assignee vs contact and dates.
    smtp = by[("smtp", "25", "tcp")]
    assert (smtp.assignee, smtp.contact, smtp.modified) == ("[IESG]", "[IETF_Chair]", "2017-06-05")
    assert by[("discard", "9", "dccp")].service_code == "1145656131"
    assert by[("exp1", "1021", "tcp")].reference == "[1][RFC4727][RFC6335]"
    assert by[("pt-tls", "271", "tcp")].registered == "2012-07-31"
    assert {e.transport for e in snap.entries} == {"tcp", "udp", "sctp", "dccp", ""}


def test_xml_and_csv_agree_on_unchanged_rows(xml_snap, csv_snap):
    # The two files are different registry versions, but rows IANA did not touch in
    # between must come out identical from both importers.
    common = Counter(xml_snap.entries) & Counter(csv_snap.entries)
    assert sum(common.values()) / len(csv_snap.entries) > 0.99


def test_shipped_snapshot_is_exactly_what_the_importer_makes(xml_snap):
    assert shipped_path().read_text(encoding="utf-8") == dumps(xml_snap), (
        "regenerate with: portpedia registry build"
    )


def test_snapshot_round_trip(xml_snap):
    text = dumps(xml_snap)
    assert text.isascii()
    assert any(not e.description.isascii() for e in xml_snap.entries)
    again = loads(text)
    assert set(again.entries) == set(xml_snap.entries)
    assert again.people == xml_snap.people and again.footnotes == xml_snap.footnotes
    assert again.updated == xml_snap.updated


def test_registry_index_matches_a_full_scan(xml_snap):
    reg = Registry(dumps(xml_snap))
    for port in (0, 1, 22, 80, 100, 6001, 6063, 6064, 27000, 49151, 49152, 65535):
        expected = {e for e in xml_snap.entries if e.covers(port)}
        assert set(reg.at(port)) == expected, port
    assert {e.transport for e in reg.at(6001)} == {"tcp", "udp"}
    assert reg.person("[IESG][Jon_Postel]") == "IESG, Jon Postel"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "header"),
        (b"<registry", "well-formed"),
        (b"<html><body>502 Bad Gateway</body></html>", "IANA <registry>"),
        (b"Service Name,Port Number\n", "header"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
    ],
)
def test_garbage_is_refused_with_a_reason(data, message):
    with pytest.raises(RegistryFormatError, match=message):
        parse_bytes(data, source="test")


def test_truncated_xml_is_refused(iana_xml):
    data = iana_xml.read_bytes()
    with pytest.raises(RegistryFormatError, match="well-formed"):
        parse_bytes(data[: len(data) // 2])


def test_csv_with_bad_port_names_the_line():
    head = (
        "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,"
        "Registration Date,Modification Date,Reference,Service Code,"
        "Unauthorized Use Reported,Assignment Notes\n"
    )
    with pytest.raises(RegistryFormatError, match="line 2: bad port number '7x'"):
        parse_bytes((head + "foo,7x,tcp,d,,,,,,,,\n").encode())
    with pytest.raises(RegistryFormatError, match="outside 0-65535"):
        parse_bytes((head + "foo,70000,tcp,d,,,,,,,,\n").encode())
