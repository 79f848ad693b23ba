"""Hostile registry files: bounded size, fields and nesting, no repeats, no control bytes.

Each is refused with one line (exit 1, no traceback), and the registry in use before is
left exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from portpedia.cli._term import wrap
from portpedia.registry.importer import MAX_BYTES, MAX_FIELD


def _run(*args: str, env: dict[str, str] | None = None, timeout: float = 60):
    return subprocess.run(
        [sys.executable, "-m", "portpedia", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


@pytest.fixture
def previous(iana_csv: Path, _isolated_data_dir: Path) -> Path:
    """A registry imported before the hostile one; the tests check it survives."""
    result = _run("registry", "import", str(iana_csv), "--json")
    assert result.returncode == 0, result.stderr
    (copy,) = [p for p in _isolated_data_dir.rglob("*") if p.is_file()]
    return copy


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(previous: Path, source: Path | str, message: str, timeout: float = 60) -> None:
    before = _digest(previous)
    started = time.monotonic()
    result = _run("registry", "import", str(source), timeout=timeout)
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("portpedia: error: "), result.stderr[:500]
    assert result.stderr.count("\n") == 1, result.stderr[:2000]
    assert message in result.stderr, result.stderr
    assert elapsed < 30
    assert _digest(previous) == before
    assert not [p for p in previous.parent.iterdir() if p.name.startswith(".iana-")]
    # And lookups still answer from it.
    shown = _run("22")
    assert shown.returncode == 0 and "ssh" in shown.stdout.lower()


def test_dev_zero_is_refused_after_a_bounded_read(previous: Path) -> None:
    _refused(previous, "/dev/zero", "larger than 16 MB")


def test_oversized_xml_is_refused(previous: Path, iana_xml: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    data = iana_xml.read_bytes()
    head, tail = data.rsplit(b"</registry>", 1)
    with big.open("wb") as f:
        f.write(head)
        filler = b"<!-- " + b"x" * (1 << 20) + b" -->\n"
        for _ in range(MAX_BYTES // len(filler) + 1):
            f.write(filler)
        f.write(b"</registry>" + tail)
    _refused(previous, big, "larger than 16 MB")


def _csv_with(iana_csv: Path, tmp_path: Path, row: str) -> Path:
    path = tmp_path / "hostile.csv"
    path.write_text(iana_csv.read_text(encoding="utf-8-sig") + row, encoding="utf-8")
    return path


def test_huge_csv_field_is_refused(previous: Path, iana_csv: Path, tmp_path: Path) -> None:
    huge = '"' + "A" * (1 << 20) + '"'
    row = f"evil,9999,tcp,{huge},,,,,,,,\n"
    _refused(previous, _csv_with(iana_csv, tmp_path, row), f"at most {MAX_FIELD}")


def test_seventy_megabyte_csv_field_is_refused(
    previous: Path, iana_csv: Path, tmp_path: Path
) -> None:
    path = tmp_path / "seventy.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write(iana_csv.read_text(encoding="utf-8-sig"))
        f.write('evil,9999,tcp,"')
        chunk = "A" * (1 << 20)
        for _ in range(70):
            f.write(chunk)
        f.write('",,,,,,,,\n')
    _refused(previous, path, "larger than 16 MB")


def test_huge_xml_field_is_refused(previous: Path, iana_xml: Path, tmp_path: Path) -> None:
    data = iana_xml.read_bytes()
    record = (
        b"<record><name>evil</name><protocol>tcp</protocol><number>9999</number>"
        b"<description>" + b"B" * (MAX_FIELD + 1) + b"</description></record>"
    )
    path = tmp_path / "field.xml"
    path.write_bytes(data.replace(b"</registry>", record + b"</registry>", 1))
    _refused(previous, path, "description field")


def test_deep_xml_is_refused(previous: Path, tmp_path: Path) -> None:
    path = tmp_path / "deep.xml"
    depth = 200_000
    path.write_bytes(
        b'<registry xmlns="http://www.iana.org/assignments"><record><description>'
        + b"<x>" * depth
        + b"</x>" * depth
        + b"</description></record></registry>"
    )
    _refused(previous, path, "nest more than")


@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_duplicated_records_are_refused(
    previous: Path, iana_csv: Path, iana_xml: Path, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"twice.{fmt}"
    if fmt == "csv":
        text = iana_csv.read_text(encoding="utf-8-sig")
        header, body = text.split("\n", 1)
        path.write_text(header + "\n" + body + body, encoding="utf-8")
    else:
        data = iana_xml.read_bytes()
        start = data.index(b"<record")
        end = data.rindex(b"</record>") + len(b"</record>")
        path.write_bytes(data[:end] + data[start:end] + data[end:])
    _refused(previous, path, "repeats")


@pytest.mark.parametrize("byte", ["\x00", "\x1b"])
def test_control_bytes_in_csv_are_refused(
    previous: Path, iana_csv: Path, tmp_path: Path, byte: str
) -> None:
    row = f"evil,9999,tcp,before{byte}after,,,,,,,,\n"
    _refused(previous, _csv_with(iana_csv, tmp_path, row), "control character")


def test_full_disk_is_one_line_and_keeps_the_previous_data(iana_csv: Path, tmp_path: Path):
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to mount a small private tmpfs")
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a mount namespace: {probe.stderr.decode().strip()}")
    data = tmp_path / "small"
    data.mkdir()
    # In a private mount namespace: a 16 MB tmpfs as the data directory, one import that
    # fits, a filler that takes the rest, then a second import that cannot be written.
    script = textwrap.dedent(
        f"""
        set -e
        mount -t tmpfs -o size=16m tmpfs {data}
        export PORTPEDIA_DATA_DIR={data}
        {sys.executable} -m portpedia registry import {iana_csv} >/dev/null
        sha256sum {data}/*.* > {tmp_path}/before
        dd if=/dev/zero of={data}/filler bs=1M 2>/dev/null || true
        set +e
        {sys.executable} -m portpedia registry import {iana_csv} 2> {tmp_path}/err
        echo $? > {tmp_path}/code
        sha256sum {data}/*.* > {tmp_path}/after
        ls -a {data} > {tmp_path}/listing
        {sys.executable} -m portpedia 22 > {tmp_path}/lookup
        """
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], env=env, timeout=120,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    err = (tmp_path / "err").read_text()
    assert (tmp_path / "code").read_text().strip() == "1"
    assert err.startswith("portpedia: error: ") and err.count("\n") == 1, err
    assert "No space left on device" in err and "unchanged" in err
    assert (tmp_path / "before").read_text() == (tmp_path / "after").read_text()
    assert ".iana-" not in (tmp_path / "listing").read_text()
    assert "ssh" in (tmp_path / "lookup").read_text().lower()


def test_wrapping_is_linear_and_matches_textwrap() -> None:
    text = "Service Name and Transport Protocol Port Number Registry " * 40
    for width in (20, 40, 79, 100):
        expected = textwrap.fill(text, width=width, initial_indent="  ",
                                 subsequent_indent="    ", break_on_hyphens=False)  # fmt: skip
        assert wrap(text, width, "  ", "    ") == "\n".join(
            line.rstrip() for line in expected.splitlines()
        )
    timings = []
    for size in (1 << 20, 4 << 20):
        started = time.perf_counter()
        out = wrap("z" * size, 80, "  ")
        timings.append(time.perf_counter() - started)
        assert out.count("\n") == -(-(size - 78) // 76)
    # textwrap took 0.7 s and 16 s for these; linear work takes well under a second each.
    assert timings[1] < 2.0
    assert timings[1] < timings[0] * 8
