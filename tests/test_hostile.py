"""The newer surfaces under attack: message files, language options, characters that end a line
for YAML, documents that unpack or draw far more than they weigh, file names that would write
YAML. Each is refused with a located message (exit 1) or handled (exit 0), quickly, with no
traceback, no markup passed through and no key injected."""

from __future__ import annotations

import io
import re
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, WELSH_EXAMPLE, briefing_yaml

CATALOGUES = Path(__file__).resolve().parent.parent / "generator" / "read" / "catalogues"


def _board(tmp_path: Path, **changes: str) -> Path:
    """A theme with a message file for Scottish Gaelic made from English, with ``changes``."""
    folder = tmp_path / "theme"
    folder.mkdir()
    text = (CATALOGUES / "en.yaml").read_text(encoding="utf-8").replace("language: en", "language: gd")
    text = re.sub(r"(?m)^    other: (.*)$", r"    two: \1\n    few: \1\n    other: \1", text)  # Gaelic's categories
    for key, value in changes.items():
        text = "\n".join(f"  {key}: {value}" if line.startswith(f"  {key}:") else line for line in text.splitlines())
    (folder / "gd.yaml").write_text(text + "\n", encoding="utf-8")
    (folder / "theme.yaml").write_text("organisation: Bòrd\nlanguage: gd\nmessages: [gd.yaml]\n", encoding="utf-8")
    return folder / "theme.yaml"


def test_a_message_with_markup_is_text_on_every_web_page(tmp_path, cli, write):
    theme = _board(tmp_path, skip_briefing='"<img src=x onerror=alert(document.domain)>Skip"',
                   all_briefings='"<script>alert(1)</script>"')
    path = write(briefing_yaml())
    result = cli("build", path, "--theme", theme, "--format", "html", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "briefing.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(document.domain)&gt;Skip" in page


@pytest.mark.parametrize("placeholder", ["{date:{n}}", "{date:>700000000}", "{date:>900000000}", "{date!r}",
                                         "{date.year}", "{0}", "{}", "{date"])
def test_a_placeholder_that_is_not_a_plain_name_is_refused_at_its_line(tmp_path, cli, write, placeholder):
    theme = _board(tmp_path, published=f'"Published {placeholder}"')
    started = time.monotonic()
    result = cli("build", write(briefing_yaml()), "--theme", theme, "-o", tmp_path / "out")
    assert time.monotonic() - started < 10
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "gd.yaml:" in result.output and "the message 'published'" in result.output
    assert not (tmp_path / "out").exists()


def test_an_unknown_language_for_a_bilingual_pack_is_a_user_error(cli, tmp_path):
    result = cli("pack", WELSH_EXAMPLE, EXAMPLES / "06-information-sharing-and-consent.yaml", "--languages", "cy,zz",
                 "-o", tmp_path / "p.pdf")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "--languages:1:4: there are no labels" in result.output and "'zz'" in result.output


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u0085"])
def test_a_character_yaml_takes_for_a_line_break_is_refused_where_it_is(cli, write, char):
    path = write(briefing_yaml(title=f"Safe title{char}author: Injected"))
    result = cli("check", path)
    assert result.exit_code == 1 and f"U+{ord(char):04X}" in result.output
    assert f"{path}:1:18:" in result.output  # "title: Safe title" is 17 characters


# -- documents that cost far more than they weigh ------------------------------------------------

def _docx(document_xml: bytes) -> bytes:
    """A Word package whose document part is ``document_xml`` (compressed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.'
                         'org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="'
                         'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        package.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
                         'org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.'
                         'org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                         '</Relationships>')
        package.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def _pdf(content: bytes) -> bytes:
    """A one-page PDF whose page content is ``content``, compressed."""
    import pikepdf

    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    page.obj.Contents = pdf.make_stream(content)  # pikepdf compresses it when saving
    buffer = io.BytesIO()
    pdf.save(buffer, compress_streams=True)
    return buffer.getvalue()


def _bomb(size: int) -> bytes:
    """A PDF whose page unpacks to ``size`` bytes of spaces, made without holding them."""
    squeeze = zlib.compressobj(9)
    packed = b"".join(squeeze.compress(b" " * 1_000_000) for _ in range(size // 1_000_000)) + squeeze.flush()
    import pikepdf

    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    page.obj.Contents = pikepdf.Stream(pdf, packed, Filter=pikepdf.Name.FlateDecode)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "make", "says"), [
    ("unpacks.docx", lambda: _docx(b"<w:document>" + b" " * 50_000_000 + b"</w:document>"), "unpacks to 50 MB"),
    ("shapes.pdf", lambda: _pdf(b"0 0 1 1 re f\n" * 400_000), "draws more than 200,000 shapes"),
    ("more-shapes.pdf", lambda: _pdf(b"0 0 1 1 re\n" * 2_000_000), "unpacks to more than 20 MB"),
    ("unpacks.pdf", lambda: _bomb(600_000_000), "unpacks to more than 20 MB"),
])
def test_a_document_that_unpacks_or_draws_too_much_is_refused_before_it_is_read(cli, tmp_path, name, make, says):
    import resource

    path = tmp_path / name
    path.write_bytes(make())
    assert path.stat().st_size < 2_000_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    result = cli("import", path, "--dir", tmp_path / "out")
    assert time.monotonic() - started < 10
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024 < 600_000_000
    assert result.exit_code == 1 and says in result.output and "Traceback" not in result.output, result.output
    assert not (tmp_path / "out").exists()


def test_a_file_name_never_writes_a_line_of_yaml(tmp_path, cli):
    from tests.wordfiles import headings_document

    name = "report\nauthor: Mallory\nreview: 2099-01-01\n#.docx"
    path = headings_document(tmp_path / name)
    cli("import", path, "--dir", tmp_path / "out")
    [written] = (tmp_path / "out").glob("*.yaml")
    from generator.read.source import load

    data = load(written).data
    assert "author" not in data and "2099" not in str(data.get("review"))
    assert "report author: Mallory review: 2099-01-01 #.docx" in written.read_text(encoding="utf-8")
