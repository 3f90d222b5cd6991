"""Two kinds of failure: the user's input is wrong, or the tool is.

A :class:`UserError` carries one or more :class:`Problem` objects, each with the file, line and
column it is about and, where there is an obvious fix, a hint. The command layer prints them as
``FILE:LINE:COLUMN: message`` and exits with status 1. Anything else that escapes is a bug and is
reported as one (see :mod:`generator.cli`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

ERROR = "error"
WARNING = "warning"
NOTE = "note"  # information only: never fails a check, even with --strict


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to say about one place in one file: an error in the input, or what an editor
    would point out (a finding of :mod:`generator.check`, with its ``code``: a warning or a
    note). Lines and columns count from 1; line 0 means the file as a whole (an output that could
    not be written), printed as ``FILE: message``."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: str = ERROR
    code: str = ""  # a finding's rule, such as BR401

    @classmethod
    def finding(cls, path: str, line: int, column: int, severity: str, code: str, message: str,
                hint: str = "") -> Problem:
        """A finding of an editorial check."""
        return cls(path, line, column, message, hint, severity, code)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        text = f"{where}: {self.severity} {self.code}: {self.message}" if self.code else f"{where}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_dict(self) -> dict:
        return asdict(self)


class UserError(Exception):
    """The input cannot be used; every problem found is listed, not just the first."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = sorted(problems) if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: str | Path, line: int, column: int, message: str, hint: str = "") -> UserError:
        return cls(Problem(str(path), line, column, message, hint))


def shell_path(path: Path | str) -> str:
    """A path as the user would type it in a command: quoted if it holds spaces or characters a
    shell would take for its own, in double quotes (which Windows' command prompt, PowerShell
    and a Unix shell all read), or single ones where double quotes would not hold it."""
    import re

    shown = display_path(path) if isinstance(path, Path) else path
    if re.fullmatch(r"[\w./\\:@%+=,-]+", shown):
        return shown
    if not re.search(r'["$`!\\]', shown):
        return f'"{shown}"'
    return "'" + shown.replace("'", "'\"'\"'") + "'"


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder where it can be, or to a
    folder a level or two above it (``../assets/theme.yaml``, from a project's briefings folder);
    else as it was given."""
    import os

    return _displayed(str(path), os.getcwd())


@lru_cache(maxsize=1024)
def _displayed(given: str, cwd: str) -> str:
    """:func:`display_path` of a path given as ``given`` from the folder ``cwd`` (kept: every
    message and every briefing's review names its file)."""
    import os

    path = Path(given)
    here = Path(cwd)
    absolute = here / path
    try:
        return str(absolute.relative_to(here))
    except ValueError:
        pass
    try:
        common = Path(os.path.commonpath([absolute, here]))
        relative = os.path.relpath(absolute, here)
    except ValueError:  # another drive, on Windows
        return given
    near = relative.count("..") <= 2 and len(common.parts) > 2  # a project's folder, not /tmp or /home
    return relative if near else given
