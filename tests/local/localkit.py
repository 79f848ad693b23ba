"""Constants shared by the local room's tests and their child processes."""

from __future__ import annotations

import shutil
import sys

TEST_USER = "portpedia-test"
# The test user can reach neither the venv's interpreter nor (from a private checkout) the
# source tree, so it runs the system Python with a readable copy of the source on its path
# (the ``readable_src`` fixture; the local room needs only the stdlib).
SYSTEM_PYTHON = shutil.which("python3", path="/usr/bin:/bin") or sys.executable

# A child that holds whatever descriptors it was given until its stdin closes.
HOLDER = "import sys; sys.stdout.write('ready\\n'); sys.stdout.flush(); sys.stdin.read()"
# A child that opens its own TCP listener on loopback, prints the port, waits for stdin.
LISTENER = (
    "import socket, sys\n"
    "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
    "print(s.getsockname()[1], flush=True)\n"
    "sys.stdin.read()\n"
)
