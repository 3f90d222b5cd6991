"""Hostile and careless input: nothing run, nothing lost, nothing left behind (docs/security.md)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import struct
import tempfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.commands.pack import make_pack, pack_settings
from generator.errors import UserError
from generator.read.briefing import load_briefing
from tests.conftest import EXAMPLES, PARTNERSHIP_THEME, briefing_yaml, copy_examples

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))[:3]


@pytest.fixture
def examples(tmp_path):
    return copy_examples(tmp_path / "briefings", 3)


def _pack(folder: Path, output: Path, theme: Path | None = PARTNERSHIP_THEME, **options):
    return make_pack([folder], output, theme, pack_settings(title="Lessons learned", **options))


def problems_of(call) -> list:
    with pytest.raises(UserError) as caught:
        call()
    return caught.value.problems


# -- the cache ---------------------------------------------------------------------------------

def test_no_module_of_the_tool_imports_pickle_or_marshal():
    package = Path(__file__).resolve().parent.parent / "generator"
    for source in package.rglob("*.py"):
        text = source.read_text()
        assert "import pickle" not in text and "import marshal" not in text, source


def _tamper(cache: Path, how: str) -> None:
    records = sorted((cache / "pieces").glob("*.json"))
    pdfs = sorted((cache / "pieces").glob("*.pdf"))
    if how == "garbage":
        for path in [*records, *pdfs]:
            path.write_bytes(b"\x80\x04\x95cposix\nsystem\n(S'touch /tmp/owned'\ntR.")
    elif how == "swapped":  # each record and PDF under another briefing's name
        for group in (records, pdfs):
            contents = [path.read_bytes() for path in group]
            for path, content in zip(group, contents[1:] + contents[:1], strict=True):
                path.write_bytes(content)
    elif how == "planted":  # a record whose key is right, with a PDF that is not the one drawn
        for record, pdf in zip(records, pdfs, strict=True):
            data = json.loads(record.read_text())
            pdf.write_bytes(pdfs[0].read_bytes() if pdf != pdfs[0] else pdfs[1].read_bytes())
            record.write_text(json.dumps(data))
    elif how == "truncated":
        for path in [*records, *pdfs]:
            path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    elif how == "not-files":
        for path in [*records, *pdfs]:
            path.unlink()
            path.mkdir()
    for path in (cache / "packs").glob("*.json"):
        path.write_text(json.dumps({"format": 2, "key": path.stem, "value": {"pack": "x", "files": {}}}))


@pytest.mark.parametrize("how", ["garbage", "swapped", "planted", "truncated", "not-files"])
def test_a_pack_over_a_damaged_or_hostile_cache_is_the_pack_made_in_a_fresh_folder(examples, tmp_path, how):
    output = tmp_path / "out" / "pack.pdf"
    _pack(examples, output, record_sheets=True)
    _tamper(output.parent / ".cache", how)
    output.unlink()
    report = _pack(examples, output, record_sheets=True)
    fresh = tmp_path / "fresh" / "pack.pdf"
    _pack(examples, fresh, record_sheets=True)
    assert output.read_bytes() == fresh.read_bytes()
    assert not Path("/tmp/owned").exists()
    if how != "planted":  # a planted PDF with its own digest is what "planted" means: drawn again
        assert len(report.laid_out) == len(EXAMPLE_FILES)


def test_a_pack_changed_outside_the_tool_is_made_again(examples, tmp_path):
    output = tmp_path / "out" / "pack.pdf"
    _pack(examples, output)
    whole = output.read_bytes()
    output.write_bytes(whole[: len(whole) // 2])  # truncated by a copy that failed half-way
    report = _pack(examples, output)
    assert not report.up_to_date and output.read_bytes() == whole
    assert _pack(examples, output).up_to_date


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="folders have owners and modes only on POSIX")
def test_a_cache_folder_others_may_write_to_is_not_used(examples, tmp_path):
    output = tmp_path / "out" / "pack.pdf"
    _pack(examples, output)
    cache = output.parent / ".cache"
    cache.chmod(0o777)
    output.unlink()
    assert len(_pack(examples, output).laid_out) == len(EXAMPLE_FILES)  # nothing taken from it
    output.unlink()
    cache.chmod(0o700)
    assert not _pack(examples, output).laid_out


def test_names_come_from_the_current_file_not_the_cache(examples, tmp_path):
    from generator.render.html import index_html  # noqa: F401 - the index is what shows names

    output = tmp_path / "out" / "pack.pdf"
    _pack(examples, output, formats=("pdf", "html"))
    old = examples / EXAMPLE_FILES[0].name
    old.rename(examples / "renamed.yaml")
    report = _pack(examples, output, formats=("pdf", "html"))
    assert "renamed" in report.included and not report.laid_out
    index = (output.parent / "index.html").read_text()
    assert 'href="./renamed.html"' in index and EXAMPLE_FILES[0].stem not in index
    assert (output.parent / "renamed.html").is_file()


# -- outputs never clobber inputs ------------------------------------------------------------

def test_a_pack_never_replaces_one_of_its_inputs(examples, cli):
    target = examples / EXAMPLE_FILES[0].name
    before = target.read_bytes()
    result = cli("pack", examples, "-o", target, "--theme", PARTNERSHIP_THEME)
    assert result.exit_code == 1
    assert "this is one of the briefings" in result.output and "Traceback" not in result.output
    assert target.read_bytes() == before


def test_a_pack_never_replaces_a_file_that_is_not_a_pdf(examples, tmp_path, cli):
    notes = tmp_path / "notes.docx"
    notes.write_bytes(b"PK\x03\x04 the minutes of the last meeting")
    result = cli("pack", examples, "-o", notes)
    assert result.exit_code == 1 and "not a PDF" in result.output
    assert notes.read_bytes() == b"PK\x03\x04 the minutes of the last meeting"


def test_an_output_never_replaces_a_file_read_as_input(tmp_path):
    from generator.files import read_file, write_atomic

    source = tmp_path / "theme.yaml"
    source.write_text("organisation: X\n")
    read_file(source, 1000)
    with pytest.raises(UserError, match="one of the inputs"):
        write_atomic(source, b"%PDF-")
    assert source.read_text() == "organisation: X\n"


def test_html_links_are_file_names_never_schemes(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    shutil.copy(EXAMPLE_FILES[0], folder / "javascript:alert(1).yaml")
    _pack(folder, tmp_path / "out" / "pack.pdf", formats=("html",))
    index = (tmp_path / "out" / "index.html").read_text()
    assert 'href="./javascript%3Aalert%281%29.html"' in index
    assert 'href="javascript:' not in index


def test_a_briefing_called_index_is_refused_with_html(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    shutil.copy(EXAMPLE_FILES[0], folder / "index.yaml")
    [problem] = problems_of(lambda: _pack(folder, tmp_path / "out" / "pack.pdf", formats=("pdf", "html")))
    assert "index.html" in problem.message and problem.path.endswith("index.yaml")
    assert not (tmp_path / "out").exists()


# -- faults are the user's situation -----------------------------------------------------------

def test_an_output_folder_under_a_file_is_a_located_message(examples, tmp_path, cli):
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder")
    result = cli("build", examples / EXAMPLE_FILES[0].name, "-o", blocker / "pdfs")
    assert result.exit_code == 1, result.output
    assert "could not write" in result.output and "Traceback" not in result.output


def test_a_full_disk_is_a_located_message_and_leaves_nothing(examples, tmp_path, cli, monkeypatch):
    import generator.files

    real = generator.files.os.fdopen

    class Full:
        def __init__(self, stream):
            self.stream = stream

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(generator.files.os, "fdopen", lambda fd, mode: Full(real(fd, mode)))
    out = tmp_path / "out"
    result = cli("build", examples / EXAMPLE_FILES[0].name, "-o", out)
    assert result.exit_code == 1
    assert "could not write: no space left on device" in result.output
    assert "the disk is full" in result.output and "Traceback" not in result.output
    assert list(out.iterdir()) == []  # no partial file, no temporary file


def test_a_missing_theme_is_a_located_message(examples, cli):
    for command in ("pack", "build", "check", "slides"):
        result = cli(command, examples, "--theme", "missing.yaml")
        assert result.exit_code == 1, (command, result.output)
        assert "missing.yaml:1:1: theme file not found" in result.output, command


def _theme_with_logo(tmp_path: Path, logo: str) -> Path:
    theme = tmp_path / "theme" / "theme.yaml"
    theme.parent.mkdir(exist_ok=True)
    theme.write_text(f"organisation: Board\nlogo: {logo}\nlogo_alt: The board's logo\n")
    return theme


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_a_logo_that_is_not_a_regular_file_is_refused_by_every_command(examples, tmp_path, cli, kind):
    folder = tmp_path / "theme"
    folder.mkdir()
    logo = folder / "logo.png"
    if kind == "device":
        logo.symlink_to("/dev/zero")  # refused as a link out of the theme's folder, before it is read
    elif kind == "fifo":
        os.mkfifo(logo)
    else:
        logo.mkdir()
    theme = _theme_with_logo(tmp_path, "logo.png")
    for command in ("pack", "build"):
        result = cli(command, examples, "--theme", theme, "-o", tmp_path / ("p.pdf" if command == "pack" else "o"))
        assert result.exit_code == 1, (command, result.output)
        assert "theme.yaml:2:7:" in result.output and "Traceback" not in result.output, result.output


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + \
        chunk(b"IEND", b"")


def test_a_huge_logo_in_a_small_file_is_refused_before_decoding(tmp_path):
    from generator.read.theme import load_theme

    theme = _theme_with_logo(tmp_path, "logo.png")
    for size, words in ((6000, "6,000 x 6,000 pixels; the most allowed is 25 million"),
                        (13000, "more than 25 million pixels")):  # past Pillow's own limit, it stops first
        (theme.parent / "logo.png").write_bytes(_png_header(size, size))
        [problem] = problems_of(lambda: load_theme(theme))
        assert words in problem.message and (problem.line, problem.column) == (2, 7)


def test_a_damaged_logo_is_a_located_message_not_a_library_warning(tmp_path, recwarn):
    from generator.read.theme import load_theme

    theme = _theme_with_logo(tmp_path, "logo.png")
    (theme.parent / "logo.png").write_bytes(_png_header(40, 40)[:-20])
    [problem] = problems_of(lambda: load_theme(theme))
    assert "cannot be read" in problem.message and problem.line == 2
    assert not [w for w in recwarn if "PIL" in str(w.filename)]


# -- limits before work ------------------------------------------------------------------------

def test_a_megabyte_of_duplicate_keys_gives_fifty_problems_and_a_count(write):
    path = write("title: x\n" * 110_000)
    found = problems_of(lambda: load_briefing(path))
    assert len(found) == 51
    assert "stopped looking after 50" in found[-1].message


def test_a_long_body_is_refused_before_its_markup_is_parsed(write, monkeypatch):
    import generator.read.briefing

    seen = []
    real = generator.read.briefing.parse_markup
    monkeypatch.setattr(generator.read.briefing, "parse_markup", lambda body: seen.append(len(body)) or real(body))
    text = briefing_yaml().replace("Section 3 says something useful about practice.", "![" * 450_000)
    found = problems_of(lambda: load_briefing(write(text)))
    assert any("900,000 characters" in p.message and p.line == 12 for p in found), found
    assert max(seen) < 100


# -- characters that hide text -----------------------------------------------------------------

@pytest.mark.parametrize(("char", "words"), [("\u202e", "direction"), ("\u2066", "direction"),
                                             ("\x07", "control character"), ("\x1b", "control character")])
def test_characters_that_hide_or_reverse_text_are_located(write, char, words):
    text = briefing_yaml().replace("Heading 4", f"Head{char}ing 4")
    [problem] = problems_of(lambda: load_briefing(write(text)))
    assert words in problem.message
    assert (problem.line, problem.column) == (14, 18)


@pytest.mark.parametrize("invisible", ["\u200b\u200b", "\u200d", "\ufeff \u2060", "\u00ad"])
def test_a_field_of_invisible_characters_is_empty(write, invisible):
    text = briefing_yaml().replace("Heading 2", invisible).replace("title: Safer sleep for babies",
                                                                   f'title: "{invisible}"')
    found = problems_of(lambda: load_briefing(write(text)))
    assert [(p.line, "empty" in p.message) for p in found] == [(1, True), (8, True)]


# -- fuzzing the reader and the loader ---------------------------------------------------------

_YAML_BITS = st.sampled_from(["\n", " ", "  ", ":", ": ", "- ", "|", ">", "#", "&a", "*a", "!!python/object", "!x",
                              "'", '"', "[", "]", "{", "}", ",", "?", "\t", "0x1F", "10:30", "~", "<<: ",
                              "\u202e", "\u200b", "\x07", "\ufeff", "é", "ŵ", "日", "**", "[a](", "javascript:",
                              "2021-02-30", "title: ", "sections:", "heading: ", "body: |"])


def _outcome(path: Path) -> None:
    """Loading gives a briefing, or located problems; never another exception."""
    try:
        briefing = load_briefing(path)
    except UserError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path and problem.line >= 1 and problem.column >= 1, problem
            assert problem.message
    else:
        assert len(briefing.sections) == 7 and briefing.title


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_YAML_BITS, st.text(max_size=12)), max_size=40))
def test_any_text_loads_or_is_located_problems(pieces):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_text("".join(pieces), encoding="utf-8", errors="surrogatepass")
        _outcome(path)


_EXAMPLE_TEXT = EXAMPLE_FILES[0].read_text()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(_EXAMPLE_TEXT)), st.integers(0, 30),
                          st.one_of(_YAML_BITS, st.text(max_size=6))), min_size=1, max_size=6))
def test_mutated_briefings_load_or_are_located_problems(mutations):
    text = _EXAMPLE_TEXT
    for at, cut, insert in mutations:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        _outcome(path)


def test_a_watch_round_that_fails_is_reported_and_the_watcher_carries_on():
    from generator.commands.watch import Round, _round

    def bug() -> Round:
        raise RuntimeError("a bug in one round")

    def full_disk() -> Round:
        raise UserError.at("out/one.pdf", 0, 0, "could not write: no space left on device")

    failed = _round(bug)
    assert "RuntimeError: a bug in one round" in failed.problems[0] and "still watching" in failed.problems[-1]
    assert _round(full_disk).problems == ["out/one.pdf: could not write: no space left on device"]
    assert _round(lambda: Round(rebuilt=[Path("one.yaml")])).rebuilt == [Path("one.yaml")]
