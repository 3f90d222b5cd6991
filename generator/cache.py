"""What a pack is made of, kept between runs under ``output/.cache/`` (safe to delete).

The cache holds data, never code: records are JSON (read with :func:`json.loads`, which builds
only dictionaries, lists, text and numbers) and drawn pages are PDF files, which qpdf reads as
documents. Every record names the key it was made for, and the digest of the PDF it goes with;
a record that cannot be read, that was made for another key (damaged, swapped or planted
under another name) or whose PDF does not match its digest is ignored, and the entry is made
again. The folder is used only if it belongs to the user running the tool and nobody else may
write to it; otherwise the tool works without it.

Keys are hashes of everything that could change an entry: the briefing file, the theme file and
the files it names, the tool's version and code, and ReportLab's source.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from generator import __version__
from generator.errors import UserError
from generator.files import own_folder, read_cached, write_atomic

CACHE_FOLDER = ".cache"
FORMAT = 2  # of the records: a record of another format is ignored
MAX_RECORD_BYTES = 5_000_000
MAX_PDF_BYTES = 50_000_000


@functools.cache
def tool_fingerprint() -> bytes:
    """The tool's version, ReportLab's, and the tool's own code (so a changed layout rule
    invalidates cached pages even before the version number moves): each of the package's
    files by its name, size and time of change, which a new release, an edit or a checkout
    changes (read in a millisecond, where reading the files took several)."""
    import importlib.util

    # ReportLab's own source rather than its version number: not imported (an up-to-date pack is
    # answered without importing ReportLab), and it moves with every release.
    origin = Path(importlib.util.find_spec("reportlab").origin)
    digest = hashlib.sha256(f"briefing {__version__}".encode())
    package = Path(__file__).resolve().parent
    for source in [origin, *sorted([*package.rglob("*.py"), *package.rglob("catalogues/*.yaml"),
                                    *package.rglob("templates/*")])]:
        found = source.stat()
        digest.update(f"{source.relative_to(source.parent.parent)}\0{found.st_size}\0{found.st_mtime_ns}\n".encode())
    return digest.digest()


def theme_fingerprint(theme) -> bytes:
    """The tool, the theme file (:class:`generator.read.theme.ThemeFile`) and every file it names,
    as they were read with the theme."""
    from generator.assets import DEFAULT_FILES, shipped_fonts

    parts = [tool_fingerprint()]
    parts += [hashlib.sha256((shipped_fonts() / name).read_bytes()).digest() for name in DEFAULT_FILES.values()]
    if theme.path is None:
        return hashlib.sha256(b"\0".join(parts)).digest()
    parts.append(theme.text.encode())
    parts += [hashlib.sha256(theme.blob(path)).digest() for path in theme.named_files()]
    return hashlib.sha256(b"\0".join(parts)).digest()


def content_key(source: bytes, theme: bytes, *extra: str) -> str:
    """The key of what is made from a briefing file's bytes with a theme (and ``extra`` options)."""
    return hashlib.sha256(b"\0".join([theme, source, *(part.encode() for part in extra)])).hexdigest()


class Cache:
    """Records and PDF files under ``folder``, each named by its kind and key."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._usable: bool | None = None

    @property
    def usable(self) -> bool:
        """Whether the folder may be used; it is made when first written to, never just to look."""
        if self._usable is None:
            if not self.folder.exists():
                return False  # nothing kept yet: nothing to read, and no folder made only to look
            self._usable = own_folder(self.folder)
        return self._usable

    def _writable(self) -> bool:
        if self._usable is None:
            self._usable = own_folder(self.folder)
        return self._usable

    def _file(self, kind: str, key: str, suffix: str) -> Path:
        if not key.isalnum() or kind not in ("pieces", "frames", "reviews", "written"):
            raise ValueError(f"not a cache name: {kind}/{key}")
        return self.folder / kind / f"{key}{suffix}"

    def record(self, kind: str, key: str) -> Any | None:
        """What :meth:`put_record` stored under ``key``, if it was stored for that key."""
        if not self.usable:
            return None
        data = read_cached(self._file(kind, key, ".json"), MAX_RECORD_BYTES)
        try:
            found = json.loads(data) if data is not None else None
        except ValueError:  # damaged
            return None
        if not isinstance(found, dict) or found.get("format") != FORMAT or found.get("key") != key:
            return None
        return found.get("value")

    def put_record(self, kind: str, key: str, value: Any) -> None:
        if self._writable():
            record = {"format": FORMAT, "key": key, "value": value}
            self._keep(self._file(kind, key, ".json"), json.dumps(record, sort_keys=True).encode())

    def pdf(self, kind: str, key: str, digest: str) -> bytes | None:
        """The PDF :meth:`put_pdf` stored under ``key``, if its bytes are the ones of ``digest``."""
        if not self.usable or not isinstance(digest, str):
            return None
        data = read_cached(self._file(kind, key, ".pdf"), MAX_PDF_BYTES)
        return data if data is not None and hashlib.sha256(data).hexdigest() == digest else None

    def put_pdf(self, kind: str, key: str, data: bytes) -> str:
        """Keep ``data``; gives its digest, for the record that goes with it."""
        if self._writable():
            self._keep(self._file(kind, key, ".pdf"), data)
        return hashlib.sha256(data).hexdigest()

    @staticmethod
    def _keep(path: Path, data: bytes) -> None:
        with contextlib.suppress(UserError):  # a cache: not keeping an entry costs time next run, nothing else
            write_atomic(path, data, durable=False)
