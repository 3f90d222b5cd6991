"""Turn structured YAML 7 Minute Briefings into branded, accessible one-page PDFs and packs."""

__version__ = "0.1.0"


def _safe_path() -> None:
    """Never import code from the working folder. ``python -m generator`` puts the working folder
    first on the import path, and so does every Python child process started as ``python -c``
    (multiprocessing's fork server and resource tracker, the workers on Windows): a
    ``multiprocessing.py`` or ``yaml.py`` dropped in a shared project folder would run as whoever
    builds there. The folder is taken off the path here (unless the tool itself is in it: a
    checkout run from its own folder), and ``PYTHONSAFEPATH`` tells every child to leave it off."""
    import os
    import sys

    os.environ["PYTHONSAFEPATH"] = "1"
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        working = os.getcwd()
    except OSError:
        return
    sys.path[:] = [entry for entry in sys.path
                   if os.path.abspath(entry or working) != working or working == here]


_safe_path()
