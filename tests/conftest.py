from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser):
    parser.addoption("--update-references", action="store_true",
                     help="write the reference pictures of tests/test_reference_pictures.py anew")
EXAMPLES = ROOT / "briefings"
PARTNERSHIP_THEME = ROOT / "assets" / "north-lincs" / "theme.yaml"


def briefing_yaml(*, title: str = "Safer sleep for babies", sections: int = 7, body: str | None = None,
                  extra: str = "", links: str = "") -> str:
    """A valid briefing (when called with defaults) as YAML text."""
    lines = [f"title: {title}", "published: 2021-01-29", "review: 2022-01-29"]
    if extra:
        lines.extend(extra.rstrip().splitlines())
    lines.append("sections:")
    for number in range(1, sections + 1):
        text = body if body is not None else f"Section {number} says something useful about practice."
        lines.append(f"  - heading: Heading {number}")
        lines.append("    body: |")
        lines.extend("      " + line if line else "" for line in textwrap.dedent(text).splitlines())
        if links and number == sections:
            lines.append(links.rstrip())
    return "\n".join(lines) + "\n"


def english_examples() -> list[Path]:
    """The eight example briefings in English (one of them also has a Welsh version, NAME.cy.yaml)."""
    from generator.read.briefing import split_language

    return [path for path in sorted(EXAMPLES.glob("*.yaml")) if split_language(path.stem)[1] is None]


WELSH_EXAMPLE = EXAMPLES / "06-information-sharing-and-consent.cy.yaml"


def copy_examples(folder: Path, count: int | None = None, *, welsh: bool = False) -> Path:
    """The first ``count`` English example briefings (all of them by default), copied into
    ``folder``; with ``welsh``, the Welsh version too."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    for path in english_examples()[:count] + ([WELSH_EXAMPLE] if welsh else []):
        shutil.copy(path, folder / path.name)
    return folder


def briefing_with_bodies(bodies: list[str]) -> str:
    """A briefing whose seven bodies are the given texts, as quoted YAML strings."""
    text = briefing_yaml(body="PLACEHOLDER")
    for body in bodies:
        quoted = body.replace("\\", "\\\\").replace('"', '\\"')
        text = text.replace("    body: |\n      PLACEHOLDER", f'    body: "{quoted}"', 1)
    return text


@pytest.fixture
def write(tmp_path: Path):
    def _write(text: str | bytes, name: str = "briefing.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def cli():
    from generator.cli import main

    runner = CliRunner()

    def _run(*args: str):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return _run


@pytest.fixture(scope="session")
def default_theme():
    from generator.read.theme import load_theme

    return load_theme(None)


@pytest.fixture(scope="session")
def partnership_theme():
    from generator.read.theme import load_theme

    return load_theme(PARTNERSHIP_THEME)


REQUIRED = os.environ.get("BRIEFING_REQUIRE_TOOLS") == "1"
# The repository is a project (its briefing.yaml builds the examples): the tests name their own
# theme and folders, so none is looked for, except by the tests of projects, which unset this.
os.environ["BRIEFING_NO_PROJECT"] = "1"  # set by .ci/run: a missing tool fails there


def require_tool(tool: str | None, what: str) -> str:
    """The tool's path; without it, a skip with the reason, or a failure where it is required."""
    if tool is None:
        if REQUIRED:
            pytest.fail(f"{what} is required (BRIEFING_REQUIRE_TOOLS=1) but not installed")
        pytest.skip(f"{what} is not installed (Debian: apt-get install chromium poppler-utils)")
    return tool


@pytest.fixture(scope="module")
def browser():
    """The system Chromium (Debian's chromium), driven by Playwright, as the accessibility report
    starts it (generator.audit.browser); none is downloaded."""
    from generator.audit import browser as pages

    require_tool(pages.chromium(), "Chromium")
    with pages.launched() as launched:
        yield launched
