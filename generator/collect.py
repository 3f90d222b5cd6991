"""Which briefing files a command works on: files as given, folders as their ``*.yaml``."""

from __future__ import annotations

from pathlib import Path

from generator.errors import Problem, UserError, display_path

SUFFIXES = (".yaml", ".yml")


def briefing_files(paths: list[Path]) -> list[Path]:
    """Expand folders (sorted, not recursive); refuse links that lead out of their folder."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            folder = path.resolve()
            for child in sorted(path.iterdir()):
                if child.suffix not in SUFFIXES or child.name.startswith(".") or child.name == "theme.yaml":
                    continue
                if not child.resolve().is_relative_to(folder):
                    problems.append(Problem(display_path(child), 1, 1, "this link points outside its folder",
                                            "copy the briefing into the folder instead of linking to it"))
                    continue
                found.append(child)
        elif path.exists():
            found.append(path)
        else:
            problems.append(Problem(display_path(path), 1, 1, "no such file or folder"))
    if problems:
        raise UserError(problems)
    if not found:
        shown = ", ".join(display_path(p) for p in paths)
        raise UserError(Problem(shown, 1, 1, "no briefing files (*.yaml) found here",
                                "create one with: briefing new \"Your title\""))
    _refuse_clashing_ids(found)
    return found


def _refuse_clashing_ids(files: list[Path]) -> None:
    seen: dict[str, Path] = {}
    problems = []
    for path in files:
        first = seen.setdefault(path.stem, path)
        if first is not path and first.resolve() != path.resolve():
            problems.append(Problem(display_path(path), 1, 1,
                                    f"another briefing has the same name: {display_path(first)}",
                                    "both would be written to the same output file; rename one"))
    if problems:
        raise UserError(problems)
    # the same file given twice is built once
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)
    files[:] = list(unique.values())
