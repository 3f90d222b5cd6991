"""Writing results: atomically, and with timestamps that come from the input, not the clock."""

from __future__ import annotations

import calendar
import datetime as dt
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never half of one.
    ``durable=False`` skips waiting for the disk: for caches, which can always be made again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def source_epoch(default: dt.date) -> int:
    """``SOURCE_DATE_EPOCH`` if set (reproducible-builds convention), else midnight UTC of ``default``."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return int(given)
    return calendar.timegm(default.timetuple())
