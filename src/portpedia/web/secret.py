"""The server secret that keys visitor ids: ``$PORTPEDIA_SECRET`` or a file made once."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from portpedia.errors import PortpediaError

ENV_VAR = "PORTPEDIA_SECRET"
FILENAME = "web-secret"
log = logging.getLogger("portpedia.web")


class SecretError(PortpediaError):
    """The secret file cannot be read or created."""


def secret_path() -> Path:
    from portpedia.registry import data_dir

    return data_dir() / FILENAME


def load_secret() -> bytes:
    """The secret, creating ``<data dir>/web-secret`` (mode 0600) the first time.

    Several workers may start at once: the file is written under a temporary name and
    linked into place, so every process ends up reading the same complete secret.
    """
    env = os.environ.get(ENV_VAR, "")
    if env:
        return env.encode()
    path = secret_path()
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise SecretError(f"cannot read the web secret {path}: {exc.strerror or exc}") from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{FILENAME}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32) + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another worker won the race; use its secret
        else:
            # Never silent: on any start but the first this means the old secret was lost
            # (the data directory deleted or moved), and every visitor cookie with it.
            log.warning(
                "portpedia: created a new web secret %s. If portpedia ran here before, the "
                "old secret is gone (was the data directory deleted?): visitors' earlier "
                "votes can no longer be changed by them. Set %s to keep one secret.",
                path,
                ENV_VAR,
            )
        finally:
            tmp.unlink()
        return _read(path)
    except OSError as exc:
        raise SecretError(
            f"cannot create the web secret {path}: {exc.strerror or exc}; "
            f"set {ENV_VAR} or PORTPEDIA_DATA_DIR"
        ) from None


def _read(path: Path) -> bytes:
    value = path.read_text().strip()
    if len(value) < 32:
        raise SecretError(f"the web secret {path} is too short; delete it to make a new one")
    return value.encode()
