"""Remembering laid-out briefings between runs, keyed by everything that could change them.

A briefing is laid out again only when its file, the theme (file, fonts, logo) or the tool
changes. Entries are pickles written by this tool; they are read back with an unpickler that
only builds this package's own data classes, so a tampered cache file cannot run code.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from pathlib import Path

from generator import __version__
from generator.files import write_atomic

CACHE_FOLDER = ".cache"
_ALLOWED_MODULES = ("generator.", "datetime", "builtins", "collections")  # prefixes of module names
_ALLOWED_BUILTINS = {"list", "dict", "tuple", "set", "frozenset", "str", "int", "float", "bool", "bytes"}


def tool_fingerprint() -> bytes:
    """The tool's version, ReportLab's, and the tool's own code (so a changed layout rule
    invalidates cached layouts even before the version number moves)."""
    import importlib.util

    # ReportLab's own source rather than its version number: read, not imported (an up-to-date
    # pack is answered without importing ReportLab), and it moves with every release.
    origin = importlib.util.find_spec("reportlab").origin
    digest = hashlib.sha256(f"briefing {__version__}".encode() + Path(origin).read_bytes())
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.digest()


def theme_fingerprint(theme_path: Path | None) -> bytes:
    """The theme file and every file it names (read without validating the theme)."""
    from generator.assets import DEFAULT_FILES, shipped_fonts

    parts = [tool_fingerprint()]
    files = [shipped_fonts() / name for name in DEFAULT_FILES.values()]
    if theme_path is not None:
        raw = theme_path.read_bytes()
        parts.append(raw)
        try:
            from generator.source import load

            data = load(theme_path).data
        except Exception:
            data = None
        if isinstance(data, dict):
            named = [data.get("logo")]
            fonts = data.get("fonts")
            if isinstance(fonts, dict):
                named += list(fonts.values())
            base = theme_path.resolve().parent
            files += [base / str(name) for name in named if isinstance(name, str)]
    for path in files:
        try:
            parts.append(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            parts.append(b"missing:" + str(path).encode())
    return hashlib.sha256(b"\0".join(parts)).digest()


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if module == "builtins" and name not in _ALLOWED_BUILTINS:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        if not module.startswith(_ALLOWED_MODULES):
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return super().find_class(module, name)


class PlanCache:
    """Laid-out briefings on disk under ``folder``, one file per content hash."""

    def __init__(self, folder: Path):
        self.folder = folder

    @staticmethod
    def key(source: bytes, theme: bytes) -> str:
        return hashlib.sha256(theme + b"\0" + source).hexdigest()

    def _path(self, key: str, kind: str = "plans") -> Path:
        return self.folder / kind / f"{key}.pickle"

    def get(self, key: str, kind: str = "plans"):
        """What :meth:`put` stored under ``key`` (``kind``: "plans" for page plans, "pieces" for a
        briefing's drawn pack pages, "frames" for a pack's own pages), or None if it is missing or
        unreadable."""
        path = self._path(key, kind)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            return _SafeUnpickler(io.BytesIO(data)).load()
        except Exception:
            return None

    def put(self, key: str, value, kind: str = "plans") -> None:
        write_atomic(self._path(key, kind), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), durable=False)

    def file(self, key: str, kind: str) -> Path:
        """Where :meth:`put_file` keeps a PDF."""
        return self.folder / kind / f"{key}.pdf"

    def put_file(self, key: str, data: bytes, kind: str) -> Path:
        write_atomic(self.file(key, kind), data, durable=False)
        return self.file(key, kind)

    def read_marker(self, name: str) -> str | None:
        try:
            return (self.folder / "packs" / name).read_text()
        except OSError:
            return None

    def write_marker(self, name: str, value: str) -> None:
        write_atomic(self.folder / "packs" / name, value.encode())
