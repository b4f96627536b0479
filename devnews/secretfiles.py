"""Secrets kept in the data folder (the generated secret key, the demo password): made once, readable by
the owner only. Plain Python, so that settings can use it before Django is set up."""
from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

MODE = 0o600


def read_or_create(path: Path, make: Callable[[], str]) -> str:
    """The secret in ``path``, or ``make()`` written there first. The file is created with mode 0600
    (never world-readable, not even for a moment); one left readable by an older install is narrowed."""
    path = Path(path)
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    value = make()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, MODE)
    except FileExistsError:  # another process made it a moment ago: theirs is the one
        return _read(path)
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value


def _read(path: Path) -> str:
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        os.chmod(path, MODE)
    return path.read_text().strip()
