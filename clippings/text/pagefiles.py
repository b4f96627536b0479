"""What a page file is, and reading one safely (no Django).

One rule for the command line, the page splitter and the admin upload: a page is a ``.txt`` file
(not hidden). Files are read only if they are regular files, and never past a limit: a ``.txt``
that is a symlink to ``/dev/zero`` would otherwise be read until memory runs out, and a FIFO would
block the reader forever waiting for a writer.
"""
from __future__ import annotations

import os
import stat

from .decoding import PageFileError

PAGE_SUFFIXES = (".txt",)
_READ_CHUNK = 1 << 20


def is_page_name(name: str) -> bool:
    """A page file's name: ``*.txt`` in any case, not a hidden file."""
    base = os.path.basename(name)
    return bool(base) and not base.startswith(".") and base.lower().endswith(PAGE_SUFFIXES)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISDIR(mode):
        return "directory"
    return "special"


def read_regular_file(path: str | os.PathLike, max_bytes: int) -> bytes:
    """The bytes of a regular file (a symlink is followed and its target checked), at most
    ``max_bytes``. ``PageFileError``: ``not_regular`` (detail: fifo, device, socket, directory,
    special), ``too_large`` or ``unreadable``."""
    # O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer;
    # the type is checked on the descriptor, so what is read is what was checked
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise PageFileError("unreadable", exc.strerror or str(exc)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PageFileError("not_regular", _kind(info.st_mode))
        if info.st_size > max_bytes:
            raise PageFileError("too_large", f"{info.st_size} > {max_bytes}")
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= max_bytes:  # the file may grow after fstat: one byte past the limit is enough to know
            chunk = os.read(fd, min(_READ_CHUNK, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise PageFileError("too_large", f"> {max_bytes}")
        return b"".join(chunks)
    except OSError as exc:
        raise PageFileError("unreadable", exc.strerror or str(exc)) from exc
    finally:
        os.close(fd)
