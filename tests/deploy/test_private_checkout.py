"""The suite passes from a checkout other users cannot read (as under /root, mode 0700).

The tests that hand files to other users' processes (nginx's workers, the local room's
test user, ``nobody``) are run from such a copy of this checkout: they must stage what
those processes read in a temporary directory, not point them into the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUITES = [
    "tests/deploy/test_nginx.py",
    "tests/local/test_local_privileges.py",
    "tests/reliability/test_local_churn.py",
]

pytestmark = [
    pytest.mark.root,
    pytest.mark.skipif(
        not sys.platform.startswith("linux") or os.geteuid() != 0,
        reason="needs root: other users and nginx's workers",
    ),
]


def test_suites_pass_from_a_private_checkout(tmp_path: Path) -> None:
    private = tmp_path / "home"
    private.mkdir(mode=0o700)
    private.chmod(0o700)
    checkout = private / "portpedia"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".venv", ".git")
    for part in ("src", "tests", "deploy"):
        shutil.copytree(ROOT / part, checkout / part, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", checkout / "pyproject.toml")
    # The test data the suite reads sits next to the checkout.
    (private / "shared").symlink_to(ROOT.parent / "shared", target_is_directory=True)
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    env.pop("PYTEST_ADDOPTS", None)
    where = subprocess.run(
        [sys.executable, "-c", "import portpedia; print(portpedia.__file__)"],
        env=env, cwd=checkout, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.startswith(str(checkout)), where.stdout
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *SUITES],
        env=env, cwd=checkout, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout, done.stdout[-2000:]
