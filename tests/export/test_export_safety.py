"""Exporting into a directory others could have tampered with, or that is not ours.

Links planted at a folder's or file's path are replaced, never written through; temp
files cannot be pre-planted; a foreign non-empty directory is refused without --force; a
run that fails leaves the previous export exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from portpedia.cli import main
from portpedia.errors import PortpediaError
from portpedia.export import export_site
from portpedia.export._manifest import NAME as MANIFEST

OPTIONS = {"ports": [22, 443], "languages": ["en"], "jobs": 1}


def _tree(root: Path) -> dict[str, str]:
    """Every regular file and link below ``root`` (links are not followed)."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            rel = str(path.relative_to(root))
            if path.is_symlink():
                found[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A folder of someone else's files, which no export may touch."""
    folder = tmp_path / "victim"
    folder.mkdir()
    (folder / "index.html").write_text("not portpedia's\n")
    (folder / "secret.txt").write_text("keep me\n")
    return folder


def test_symlinked_foreign_directory_is_refused(tmp_path: Path, victim: Path, capsys) -> None:
    target = tmp_path / "site"
    target.symlink_to(victim, target_is_directory=True)
    before = _tree(victim)
    with pytest.raises(PortpediaError, match="holds no portpedia export"):
        export_site(target, **OPTIONS)
    assert _tree(victim) == before
    # The CLI says so in one line, and writes nothing either.
    assert main(["export", str(target), "--ports", "22", "--languages", "en", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--force" in err
    assert _tree(victim) == before


def test_force_writes_into_a_foreign_directory(tmp_path: Path, victim: Path) -> None:
    result = export_site(victim, force=True, **OPTIONS)
    assert result.written > 0 and (victim / MANIFEST).is_file()
    assert (victim / "secret.txt").read_text() == "keep me\n"
    # Ours now: the next run needs no --force.
    assert export_site(victim, **OPTIONS).reused


def test_planted_file_links_are_replaced_not_written_through(tmp_path: Path, victim: Path):
    site = tmp_path / "site"
    export_site(site, **OPTIONS)
    before = _tree(victim)
    page = site / "ports" / "443.html"
    good = page.read_bytes()
    page.unlink()
    page.symlink_to(victim / "index.html")
    # The old, predictable temporary name of this process, planted as a link too.
    (site / "ports" / f".22.html.{os.getpid()}.tmp").symlink_to(victim / "secret.txt")
    (site / "ports" / "22.html").unlink()
    export_site(site, **OPTIONS)
    assert _tree(victim) == before
    assert not page.is_symlink() and page.read_bytes() == good
    assert (site / "ports" / "22.html").is_file()
    assert not (site / "ports" / "22.html").is_symlink()


def test_planted_folder_links_are_replaced(tmp_path: Path, victim: Path) -> None:
    site = tmp_path / "site"
    export_site(site, **OPTIONS)
    before = _tree(victim)
    # Replace the whole ports/ folder by a link to the victim's.
    for child in (site / "ports").iterdir():
        child.unlink()
    (site / "ports").rmdir()
    (site / "ports").symlink_to(victim, target_is_directory=True)
    export_site(site, **OPTIONS)
    assert _tree(victim) == before
    assert (site / "ports").is_dir() and not (site / "ports").is_symlink()
    assert (site / "ports" / "443.html").is_file()


def test_failed_run_leaves_the_previous_export_intact(tmp_path: Path, capsys) -> None:
    site = tmp_path / "site"
    export_site(site, **OPTIONS)
    # Sabotage a folder the run needs late (service pages come after every port page),
    # with options that change every page, so much has been staged by then.
    for child in (site / "services").iterdir():
        child.unlink()
    (site / "services").rmdir()
    (site / "services").write_text("in the way\n")
    before = _tree(site)
    code = main(["export", str(site), "--ports", "22,443", "--languages", "en", "--jobs", "1",
                 "--base-url", "https://ports.example.org"])  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "in the way of a folder" in err and "unchanged" in err
    assert _tree(site) == before  # not one file changed, no temporary file left


def test_temporary_files_are_exclusive_and_unpredictable(tmp_path: Path) -> None:
    from portpedia.export import _files

    names = set()
    real_open = os.open

    def spy(path, flags, *args, **kwargs):
        if str(path).endswith(".tmp"):
            names.add(str(path))
            assert flags & os.O_EXCL and flags & os.O_NOFOLLOW and flags & os.O_CREAT
        return real_open(path, flags, *args, **kwargs)

    os.open = spy
    try:
        assert _files.write_if_changed(tmp_path, "a/b.html", b"one")
        assert _files.write_if_changed(tmp_path, "a/b.html", b"two")
        assert not _files.write_if_changed(tmp_path, "a/b.html", b"two")
    finally:
        os.open = real_open
        _files.forget_folders()
    assert len(names) == 2 and not any(str(os.getpid()) in n for n in names)
    assert (tmp_path / "a" / "b.html").read_bytes() == b"two"
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["b.html"]
