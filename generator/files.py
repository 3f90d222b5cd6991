"""Every file the tool reads or writes goes through here.

Reading: only regular files (never a FIFO, a device or a folder), with the size checked before a
byte is read, and failures as located messages. Writing: to a temporary file in the same folder,
then renamed, so readers see the old file or the new one and never half of one; a file this
process has read as an input is never replaced by an output; a full disk or a read-only folder
is the user's situation, reported as ``PATH: could not write: REASON``. Also: which briefing
files a command works on (:func:`briefing_files`), and the date outputs carry (:func:`source_epoch`).
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import itertools
import os
import stat
from pathlib import Path

from generator.errors import Problem, UserError, display_path

_NUMBERS = itertools.count()  # with the process id: a temporary name no other writer is using
# every input read by this process, as (device, inode, modification time): the time tells a file
# read earlier from a new file that was given its inode after the first was replaced (the editor
# and --watch run for hours, saving and reading the same names)
_INPUTS: set[tuple[int, int, int]] = set()


def read_file(path: Path, limit: int, *, what: str = "file", where: tuple[str, int, int] | None = None,
              hint: str = "") -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes, remembered as an input.

    A problem is reported at ``where`` (file, line, column: the place that named this file),
    or at the file itself."""
    shown = display_path(path)
    at = where or (shown, 1, 1)
    prefix = "" if where is None else f"'{shown}': "
    try:
        found = path.stat()
    except FileNotFoundError:
        raise UserError.at(*at, f"{prefix}{what} not found") from None
    except OSError as error:
        raise UserError.at(*at, f"{prefix}cannot read the {what} ({error.strerror})") from None
    if not stat.S_ISREG(found.st_mode):
        raise UserError.at(*at, f"{prefix}this is not a regular file", f"give the path of a {what}")
    if found.st_size > limit:
        raise UserError.at(*at, f"{prefix}the {what} is {found.st_size:,} bytes; the most allowed is {limit:,}",
                           hint)
    try:
        with open(path, "rb") as handle:
            opened = os.fstat(handle.fileno())
            if not stat.S_ISREG(opened.st_mode):  # replaced since it was looked at
                raise UserError.at(*at, f"{prefix}this is not a regular file", f"give the path of a {what}")
            data = handle.read(limit + 1)
    except OSError as error:
        raise UserError.at(*at, f"{prefix}cannot read the {what} ({error.strerror})") from None
    if len(data) > limit:  # it grew since it was looked at
        raise UserError.at(*at, f"{prefix}the {what} is more than {limit:,} bytes", hint)
    _INPUTS.add((opened.st_dev, opened.st_ino, opened.st_mtime_ns))
    return data


def read_cached(path: Path, limit: int) -> bytes | None:
    """A cache file's bytes, or None if it is missing, not a regular file, or too large: a cache
    entry that cannot be used is made again, never trusted and never an error."""
    try:
        with open(path, "rb") as handle:
            found = os.fstat(handle.fileno())
            if not stat.S_ISREG(found.st_mode) or found.st_size > limit:
                return None
            data = handle.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None


def is_input(path: Path) -> bool:
    """Whether this process has read ``path`` as an input (by any name: links are the same file)."""
    try:
        found = path.stat()
    except OSError:
        return False
    return (found.st_dev, found.st_ino, found.st_mtime_ns) in _INPUTS


def own_folder(folder: Path) -> bool:
    """Whether ``folder`` may hold what the tool keeps between runs: a real folder (made now if
    need be) that belongs to this user and that nobody else may write to. Another's folder could
    hold entries made to mislead; the tool then works without it, as it does the first time."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        found = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(found.st_mode):
        return False
    others_may_write = hasattr(os, "getuid") and (found.st_uid != os.getuid() or found.st_mode & 0o022)
    return not others_may_write


def write_atomic(path: Path, data: bytes, *, durable: bool = True, source: bool = False,
                 within: Path | None = None) -> None:
    """Write ``data`` to ``path`` atomically (see the module's text). ``durable=False`` skips
    waiting for the disk: for caches, which can always be made again. ``source=True``: the file is
    the briefing being edited (``briefing edit``'s Save), the one write allowed over an input.
    ``within``: the output folder the file belongs in; a link on the way down from it (a folder
    or the file itself linked elsewhere) is refused, so nothing is written outside it through one."""
    if is_input(path) and not source:
        raise UserError.at(display_path(path), 0, 0, "this is one of the inputs: it will not be replaced by an output",
                           "choose another output file or folder")
    if within is not None:
        refuse_links(path, within)
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        while True:  # (the tempfile module would do, but costs 10 ms to import in every command)
            temporary = path.parent / f".{path.name}.{os.getpid()}-{next(_NUMBERS)}.tmp"
            try:
                handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
                break
            except FileExistsError:  # left by an earlier process with the same id: take the next name
                continue
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None:
            _remove(temporary)
        raise UserError.at(display_path(path), 0, 0, f"could not write: {_reason(error)}",
                           _WRITE_HINTS.get(error.errno, "")) from None
    except BaseException:
        if temporary is not None:
            _remove(temporary)
        raise


def refuse_links(path: Path, within: Path) -> None:
    """Refuse ``path`` if it is not inside ``within``, or a link is on the way down to it."""
    try:
        relative = path.absolute().relative_to(within.absolute())
    except ValueError:
        raise UserError.at(display_path(path), 0, 0, f"this is outside the output folder {display_path(within)}",
                           "choose another output file or folder") from None
    step = within.absolute()
    for part in relative.parts:
        step = step / part
        if step.is_symlink():
            raise UserError.at(display_path(step), 0, 0, "this is a link to somewhere else: nothing is written "
                               "through it", "remove the link, or choose another output folder")


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _reason(error: OSError) -> str:
    import errno

    if error.errno in (errno.ENOTDIR, errno.EEXIST) and error.filename:
        return f"{display_path(Path(error.filename))} is a file, not a folder"
    return (error.strerror or str(error)).lower()


def _write_hints() -> dict[int, str]:
    import errno

    return {
        errno.ENOSPC: "the disk is full: free some space and run the command again",
        errno.EACCES: "you may not write in this folder: choose another output folder with -o",
        errno.EROFS: "this folder is read-only: choose another output folder with -o",
        errno.EPERM: "you may not write in this folder: choose another output folder with -o",
        errno.EISDIR: "a folder has this name: choose another output file",
        errno.ENOTDIR: "part of the output path is a file: choose another output folder with -o",
    }


_WRITE_HINTS = _write_hints()


# -- which briefing files a command works on ---------------------------------------------------

SUFFIXES = (".yaml", ".yml")
NOT_BRIEFINGS = ("theme.yaml", "briefing.yaml")  # a theme, and a project's settings: never read as briefings


def briefing_files(paths: list[Path]) -> list[Path]:
    """Expand folders (sorted, not recursive); refuse links that lead out of their folder."""
    found: dict[Path, Path] = {}  # each file as given, by where it really is (a file given twice is built once)
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            folder = path.resolve()
            for child in sorted(path.iterdir()):
                if _text_named(child) and not child.name.startswith("."):
                    problems.append(_rename(child))
                    continue
                if child.suffix not in SUFFIXES or child.name.startswith(".") or child.name in NOT_BRIEFINGS:
                    continue
                real = child.resolve() if child.is_symlink() else folder / child.name
                if not real.is_relative_to(folder):
                    problems.append(Problem(display_path(child), 1, 1, "this link points outside its folder",
                                            "copy the briefing into the folder instead of linking to it"))
                    continue
                found.setdefault(real, child)
        elif path.exists() and _text_named(path):
            problems.append(_rename(path))
        elif path.exists():
            found.setdefault(path.resolve(), path)
        else:
            problems.append(Problem(display_path(path), 1, 1, "no such file or folder"))
    if problems:
        raise UserError(problems)
    if not found:
        shown = ", ".join(display_path(p) for p in paths)
        raise UserError(Problem(shown, 1, 1, "no briefing files (*.yaml) found here",
                                "create one with: briefing new \"Your title\""))
    files = list(found.values())
    _refuse_clashing_ids(files)
    return files


def _text_named(path: Path) -> bool:
    """A briefing saved by Notepad, which adds '.txt' to the name: NAME.yaml.txt."""
    return path.name.lower().endswith(tuple(f"{suffix}.txt" for suffix in SUFFIXES)) and path.is_file()


def _rename(path: Path) -> Problem:
    import sys

    from generator.errors import shell_path

    wanted = path.name[: -len(".txt")]
    command = (f"ren {shell_path(path)} {shell_path(wanted)}" if sys.platform == "win32"
               else f"mv {shell_path(path)} {shell_path(path.with_name(wanted))}")
    return Problem(display_path(path), 0, 0, "this file's name ends in '.txt' (Notepad adds it when saving), so it "
                   "is not read as a briefing", f"rename it {wanted} (in File Explorer, turn on View > File name "
                   f"extensions to see the whole name), or run: {command}")


def _refuse_clashing_ids(files: list[Path]) -> None:
    seen: dict[str, Path] = {}
    problems = []
    for path in files:
        first = seen.setdefault(path.stem, path)
        if first is not path:
            problems.append(Problem(display_path(path), 1, 1,
                                    f"another briefing has the same name: {display_path(first)}",
                                    "both would be written to the same output file; rename one"))
    if problems:
        raise UserError(problems)


def source_epoch(default: dt.date) -> int:
    """``SOURCE_DATE_EPOCH`` if set (reproducible-builds convention), else midnight UTC of ``default``."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return int(given)
    return calendar.timegm(default.timetuple())
