"""Which briefing files a command works on: files as given, folders as their ``*.yaml``."""

from __future__ import annotations

from pathlib import Path

from generator.errors import Problem, UserError, display_path

SUFFIXES = (".yaml", ".yml")


def briefing_files(paths: list[Path]) -> list[Path]:
    """Expand folders (sorted, not recursive); refuse links that lead out of their folder."""
    found: dict[Path, Path] = {}  # each file as given, by where it really is (a file given twice is built once)
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            folder = path.resolve()
            for child in sorted(path.iterdir()):
                if child.suffix not in SUFFIXES or child.name.startswith(".") or child.name == "theme.yaml":
                    continue
                real = child.resolve() if child.is_symlink() else folder / child.name
                if not real.is_relative_to(folder):
                    problems.append(Problem(display_path(child), 1, 1, "this link points outside its folder",
                                            "copy the briefing into the folder instead of linking to it"))
                    continue
                found.setdefault(real, child)
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
