"""`briefing import` on documents nobody on this project made: 41 Word, LibreOffice, Google Docs,
Pages, LaTeX and PDF files from other projects' test suites, read from ../shared/real-documents
(never copied here). Each is imported, or refused with a plain message that says what to do;
no word of one that is imported is lost; the libraries' own words never reach the writer."""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from pathlib import Path

import pytest

from generator.commands.import_documents import import_document

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-documents"
FILES = sorted(path for path in REAL.glob("*") if path.suffix in (".docx", ".pdf")) if REAL.is_dir() else []
pytestmark = pytest.mark.skipif(not FILES, reason="../shared/real-documents is not here")

# What a library says when it fails, which a writer should never read.
LIBRARY_WORDS = ("relationship of type", "recursion", "Root object", "()", "Traceback", "pdfminer", "KeyError",
                 "Is this really", "PdfminerException", "PSSyntaxError", "lxml", "zipfile", "FontBBox")
REFUSED = {"pp-empty.pdf": "this file is empty",
           "pypdf-crazyones-encrypted-256.pdf": "this PDF is protected by a password",
           "pypdf-libreoffice-writer-password.pdf": "this PDF is protected by a password",
           "pypdf-imagemagick-ccittfax.pdf": "this PDF has no text that can be read: it is probably a scanned"}


def _words(text: str) -> set[str]:
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return {word.lower() for word in re.findall(r"\w{2,}", text)}


def _reference(path: Path) -> set[str]:
    """The document's words as another reader finds them: python-docx's paragraphs and table
    cells, or pdfplumber's words, cut finely (the two parts of a word broken at a line's end are
    each a part of a word the import joined again)."""
    if path.suffix == ".docx":
        import docx

        from generator.importing.docx import _mended

        document = docx.Document(io.BytesIO(_mended(path.read_bytes(), [])))
        texts = [paragraph.text for paragraph in document.paragraphs]
        texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return _words(" ".join(texts))
    import pdfplumber

    with pdfplumber.open(path) as document:  # text set sideways is checked on its own, below
        pages = [page.filter(lambda item: item.get("object_type") != "char" or item.get("upright", True))
                 for page in document.pages]
        return _words(" ".join(word["text"] for page in pages for word in page.extract_words(x_tolerance=1)))


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_every_real_document_is_imported_or_refused_plainly(path, tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        outcome = import_document(path, tmp_path)
    assert not [record for record in caplog.records if record.name.startswith("pdfminer")]
    for problem in outcome.problems:
        said = f"{problem.message} {problem.hint}"
        assert not [words for words in LIBRARY_WORDS if words in said], said
    if path.name in REFUSED:
        assert outcome.output is None and REFUSED[path.name] in outcome.problems[0].message
        return
    assert outcome.output is not None, [problem.message for problem in outcome.problems]
    written = outcome.output.read_text(encoding="utf-8")
    found = _words(written)
    missing = {word for word in _reference(path) - found if not any(word in other for other in found)}
    assert not missing, sorted(missing)[:20]  # a part of a word joined again at a line's end is in that word


def test_footnotes_endnotes_and_comments_are_kept_and_counted(tmp_path):
    example = import_document(REAL / "d2p-example.docx", tmp_path)
    assert "2 footnotes, 2 endnotes kept as comments at the end of the file" in example.notes
    text = example.output.read_text(encoding="utf-8")
    assert "#   (footnote 1)" in text and "#   (endnote" in text
    commented = import_document(REAL / "pd-comments-rich-para.docx", tmp_path)
    assert any(note.startswith("4 comments") for note in commented.notes)
    assert "(comment 0 by" in commented.output.read_text(encoding="utf-8")


def test_a_strict_open_xml_document_is_read(tmp_path):
    outcome = import_document(REAL / "mm-strict-format.docx", tmp_path)
    assert outcome.output is not None
    assert "Test" in outcome.output.read_text(encoding="utf-8")


def test_a_word_document_missing_a_picture_is_read_without_it(tmp_path):
    import zipfile

    source = zipfile.ZipFile(REAL / "pd-having-images.docx")
    damaged = tmp_path / "missing-picture.docx"
    with zipfile.ZipFile(damaged, "w") as out:
        for name in source.namelist():
            if name != "word/media/image1.png":
                out.writestr(name, source.read(name))
    outcome = import_document(damaged, tmp_path / "out")
    assert outcome.output is not None
    assert any("a picture (or another part) the document refers to is missing" in note for note in outcome.notes)


def test_links_that_cannot_be_read_leave_the_text(tmp_path):
    """The links of this 15-page PDF point at each other in a loop: its text is read anyway."""
    outcome = import_document(REAL / "pp-federal-register-2020-17221.pdf", tmp_path)
    assert outcome.output is not None
    assert any("the links on page" in note for note in outcome.notes)
    assert "(page 1, turned text) jbell on DSKJLSW7X2PROD with PROPOSALS" in outcome.output.read_text("utf-8")


def test_two_columns_are_read_one_after_the_other_and_broken_words_joined(tmp_path):
    outcome = import_document(REAL / "sf-latex-multicolumn.pdf", tmp_path)
    text = outcome.output.read_text(encoding="utf-8")
    assert "Maecenas lacinia" in text  # "Maece-" at a line's end, "nas" on the next
    first = text.index("This is a sample document with two columns")
    assert text.index("Lorem ipsum dolor sit amet, consectetuer adipiscing elit", first) < \
        text.index("pellentesque ante. Phasellus adipiscing semper elit")  # the left column first
    assert "(page 1, page number) 1" in text


def test_bullets_and_numbers_set_apart_by_a_tab_are_list_items(tmp_path):
    outcome = import_document(REAL / "pp-word365-structure.pdf", tmp_path)
    text = outcome.output.read_text(encoding="utf-8")
    assert "(page 1) - Liste 2" in text and "(page 1) 2. Liste numérotée" in text
