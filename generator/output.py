"""Writing results: atomically, and with timestamps that come from the input, not the clock."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import os
from pathlib import Path

_NUMBERS = itertools.count()  # with the process id: a name no other writer is using


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never half of one.
    ``durable=False`` skips waiting for the disk: for caches, which can always be made again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:  # (the tempfile module would do, but costs 10 ms to import in every command)
        temporary = path.parent / f".{path.name}.{os.getpid()}-{next(_NUMBERS)}.tmp"
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
            break
        except FileExistsError:  # left by an earlier process with the same id: take the next name
            continue
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def source_epoch(default: dt.date) -> int:
    """``SOURCE_DATE_EPOCH`` if set (reproducible-builds convention), else midnight UTC of ``default``."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return int(given)
    return calendar.timegm(default.timetuple())
