"""What is up to date, decided here alone, and what the tool wrote.

Every output has a *key*: a digest of everything it is made from (the briefing's bytes, its
other language versions, the theme file and every file it names, the tool's code and version,
the language rules, the options that change it). :class:`Manifest` keeps, for an output
folder, each file the tool wrote there with its key and the digest of its bytes; a file is up to
date when the manifest has it under the key it would be made with now and the file still holds
those bytes (a file changed or damaged since is made again). The same record lets a build of
the whole publication remove what it wrote before and no longer makes, and never a file it did
not write: only files listed, inside the output folder, holding the bytes the tool wrote.

The manifest lives in the output folder's cache (``.cache/``), which is used only if it is the
user's own (:class:`generator.cache.Cache`); a manifest that cannot be read, or is not of the
shape this module writes, counts as empty: everything is made again and nothing is removed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from generator.cache import CACHE_FOLDER, Cache

MAX_OUTPUT_BYTES = 60_000_000  # an output larger than this is not hashed: it is made again


def key(*parts: str | bytes) -> str:
    """The key of what is made from ``parts`` (each a digest, an option or a name)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def file_digest(path: Path) -> str | None:
    """The digest of an output file as it is now, or None if it is not a regular file we can read."""
    from generator.files import read_cached

    data = read_cached(path, MAX_OUTPUT_BYTES)
    return hashlib.sha256(data).hexdigest() if data is not None else None


class Manifest:
    """The files the tool wrote into ``folder`` (see the module's text)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.cache = Cache(folder / CACHE_FOLDER)
        found = self.cache.record("written", "manifest")
        self.files: dict[str, dict[str, str]] = {}
        if isinstance(found, dict):
            for name, entry in found.items():
                if isinstance(name, str) and isinstance(entry, dict) and isinstance(entry.get("key"), str) \
                        and isinstance(entry.get("digest"), str):
                    self.files[name] = {"key": entry["key"], "digest": entry["digest"]}
        self.changed = False

    def _name(self, path: Path) -> str | None:
        """The path as the manifest names it: relative to the folder, or None if it is not in it."""
        try:
            return Path(os.path.relpath(path.absolute(), self.folder.absolute())).as_posix()
        except ValueError:  # another drive
            return None

    def fresh(self, path: Path, made_with: str) -> bool:
        """Whether ``path`` is what the tool made with the key ``made_with``, still as written."""
        name = self._name(path)
        entry = self.files.get(name) if name is not None else None
        return entry is not None and entry["key"] == made_with and file_digest(path) == entry["digest"]

    def wrote(self, path: Path, made_with: str, data_digest: str) -> None:
        name = self._name(path)
        if name is not None and not name.startswith("../"):
            self.files[name] = {"key": made_with, "digest": data_digest}
            self.changed = True

    def stale(self, kept: set[Path]) -> list[Path]:
        """The files the tool wrote here that are not in ``kept``, and still hold what it wrote:
        what a build of the whole publication removes. Only plain files inside the folder (a
        link on the way out of it is never followed)."""
        folder = self.folder.resolve()
        kept_names = {self._name(path) for path in kept}
        found = []
        for name, entry in sorted(self.files.items()):
            if name in kept_names or name.startswith("../") or name.startswith("/"):
                continue
            path = self.folder / name
            try:
                real = path.resolve()
            except OSError:
                continue
            if not real.is_relative_to(folder) or path.is_symlink() or any(
                    parent.is_symlink() for parent in path.parents if parent.is_relative_to(self.folder)):
                continue
            if file_digest(path) == entry["digest"]:
                found.append(path)
        return found

    def forget(self, path: Path) -> None:
        name = self._name(path)
        if name is not None and self.files.pop(name, None) is not None:
            self.changed = True

    def save(self) -> None:
        if self.changed:
            self.cache.put_record("written", "manifest", self.files)
            self.changed = False


def record_json(value) -> str:
    """A value as the cache keeps it, for a key."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
