"""Tables the tool derives from the libraries it uses, kept between runs so that a command starts
in milliseconds: the hyphenation patterns of pyphen's dictionaries (parsing one takes 40 ms,
reading it back 5 ms).

They are kept as JSON in the user's own cache folder (``$XDG_CACHE_HOME/briefing``, else
``~/.cache/briefing``; on Windows ``%LOCALAPPDATA%\\briefing\\Cache``; on macOS
``~/Library/Caches/briefing``), each named for a digest of what it was made from, so a new
release of a library makes new tables. JSON holds data, never code; a table that cannot be read,
or is not what its name says, is made again. A folder that is not the user's own, or that
others may write to, is not used: the tables are then made in memory, each run. The folder is
safe to delete.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import cache
from pathlib import Path

FORMAT = 1
MAX_TABLE = 5_000_000  # bytes


@cache
def folder() -> Path | None:
    """The user's cache folder for the tool, made if need be; None if it cannot be used."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "briefing" / "Cache"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches" / "briefing"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefing"
    from generator.files import own_folder

    return base if own_folder(base) else None  # another's could be made to mislead


def kept(name: str, source: bytes, make, shape=None) -> object:
    """The table ``make()`` gives for ``source`` (the bytes it is made from), read back from the
    cache folder when it was kept before. ``shape(table)`` says whether a kept table is of the
    shape ``make`` gives (raising or returning False if not): a table of another shape (damaged,
    or planted) is treated as absent, and made again."""
    digest = hashlib.sha256(b"%d\0%s\0" % (FORMAT, name.encode()) + source).hexdigest()[:32]
    place = folder()
    path = place / f"{name}-{digest}.json" if place is not None else None
    if path is not None:
        from generator.files import read_cached

        data = read_cached(path, MAX_TABLE)
        if data is not None:
            try:
                record = json.loads(data)
                if isinstance(record, dict) and record.get("digest") == digest and (
                        shape is None or shape(record["table"])):
                    return record["table"]
            except (ValueError, KeyError, TypeError, AttributeError, IndexError):
                pass
    table = make()
    if path is not None:
        import contextlib

        from generator.errors import UserError
        from generator.files import write_atomic

        with contextlib.suppress(UserError):  # not keeping it costs time next run, nothing else
            write_atomic(path, json.dumps({"digest": digest, "table": table}).encode(), durable=False)
    return table
