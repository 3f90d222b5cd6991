"""What the tool keeps between runs (generator.tables) gives exactly what the libraries would:
hyphenation points as pyphen finds them, dates and plurals as Babel writes them, QR codes as
zxing-cpp draws them; and a kept table that is damaged, or in a folder others may write to, is
never believed."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import qrcode, tables
from generator.layout import hyphenation
from generator.read.messages import Messages, plural_forms

ROOT = Path(__file__).resolve().parent.parent


def _words() -> list[str]:
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "briefings").rglob("*.yaml")))
    return sorted(set(re.findall(r"[^\W\d_]{4,}", text)))


@pytest.mark.parametrize("language", ["en-GB", "en-US", "de", "fr", "nl"])
def test_hyphenation_points_are_pyphens_on_every_word_of_the_briefings(language):
    import pyphen

    ours = hyphenation.patterns(language)
    theirs = pyphen.Pyphen(lang=language.replace("-", "_"))
    words = _words()
    assert len(words) > 500
    differing = [word for word in words if ours.points(word) != theirs.positions(word)]
    assert differing == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzâêîôûŵŷäöüéèàç-'", min_size=1, max_size=30))
def test_hyphenation_points_are_pyphens_on_any_word(word):
    import pyphen

    assert hyphenation.patterns("en-GB").points(word) == pyphen.Pyphen(lang="en_GB").positions(word)
    assert hyphenation.patterns("de").points(word) == pyphen.Pyphen(lang="de").positions(word)


def test_a_language_without_a_dictionary_has_no_patterns():
    assert hyphenation.patterns("tlh") is None
    assert hyphenation.patterns("cy") is None  # pyphen has no Welsh: Welsh text is not hyphenated
    assert hyphenation.dictionary_file("en-GB").name == "hyph_en_GB.dic"
    assert hyphenation.dictionary_file("en-ZZ") is not None  # falls back to English, as pyphen does


LANGUAGES = ["en", "en-GB", "en-US", "cy", "ga", "gd", "fr", "de", "pl", "ar", "pt-BR", "zh", "ja", "ru", "lt"]
DAYS = [dt.date(2021, 1, 29), dt.date(2024, 2, 29), dt.date(2026, 12, 3), dt.date(1999, 7, 4), dt.date(2030, 5, 1),
        dt.date(2025, 3, 9), dt.date(2023, 8, 31), dt.date(2022, 11, 2), dt.date(2020, 6, 15), dt.date(2027, 10, 10)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_months_and_plurals_are_babels(language):
    from babel import Locale
    from babel.dates import format_date, format_skeleton

    locale = Locale.parse("en_GB" if language == "en" else language.replace("-", "_"))
    messages = Messages(language, "", {}, {})
    for day in DAYS:
        assert messages.date(day) == format_date(day, format="long", locale=locale)
        assert messages.month(day) == format_skeleton("yMMMM", day, locale=locale)
    for count in [*range(0, 120), 1000, 1001, 1_000_000]:
        assert messages.plural(count) == locale.plural_form(count)
    assert set(plural_forms(language)) == set(locale.plural_form.tags) | {"other"}


def test_a_kept_table_is_read_back_and_a_damaged_one_made_again(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "folder", lambda: tmp_path)
    made = []

    def make():
        made.append(1)
        return {"a": [1, 2]}

    assert tables.kept("test", b"source", make) == {"a": [1, 2]}
    assert tables.kept("test", b"source", make) == {"a": [1, 2]}
    assert len(made) == 1  # the second came from the file
    (kept,) = tmp_path.glob("test-*.json")
    kept.write_text("{not json")
    assert tables.kept("test", b"source", make) == {"a": [1, 2]} and len(made) == 2
    kept.write_text(json.dumps({"digest": "another", "table": {"a": "forged"}}))
    assert tables.kept("test", b"source", make) == {"a": [1, 2]} and len(made) == 3
    assert tables.kept("test", b"other source", make) == {"a": [1, 2]} and len(made) == 4


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_may_write_to_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "cache"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    tables.folder.cache_clear()
    try:
        target = shared / "briefing"
        target.mkdir()
        target.chmod(0o777)
        assert tables.folder() is None
        target.chmod(0o700)
        tables.folder.cache_clear()
        assert tables.folder() == target
    finally:
        tables.folder.cache_clear()


def test_kept_qr_codes_are_the_ones_drawn_now():
    for data in ["https://example.org/a", "https://www.gov.uk/government/publications/working-together-to-"
                 "safeguard-children--2", "mailto:board@example.org"]:
        assert qrcode.qr_modules(data) == qrcode._encoded(data)


def _image(kind: str) -> bytes:
    """The theme's logo (RGBA PNG), or a JPEG, an RGB PNG or a palette PNG with a transparent colour."""
    import io

    from PIL import Image, ImageDraw

    if kind == "logo":
        return (ROOT / "assets" / "north-lincs" / "logo.png").read_bytes()
    image = Image.new("RGB", (120, 60), "#1d70b8")
    ImageDraw.Draw(image).ellipse((10, 10, 50, 50), fill="#ffdd00")
    out = io.BytesIO()
    if kind == "jpeg":
        image.save(out, "JPEG", quality=80)
    elif kind == "rgb":
        image.save(out, "PNG")
    else:
        image.convert("P").save(out, "PNG", transparency=0)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["logo", "jpeg", "rgb", "palette"])
def test_a_kept_image_draws_the_bytes_reportlab_draws(kind, tmp_path, monkeypatch):
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from generator.render import reportlab_compat

    reportlab_compat.install()
    data = _image(kind)

    def page(draw) -> bytes:
        out = io.BytesIO()
        canvas = Canvas(out, invariant=1)
        draw(canvas, 10, 20, 100, 50)
        draw(canvas, 200, 20, 50, 25)  # drawn twice: one object
        canvas.showPage()
        draw(canvas, 10, 20, 100, 50)
        canvas.save()
        return out.getvalue()

    theirs = page(lambda canvas, *box: canvas.drawImage(ImageReader(io.BytesIO(data)), *box, mask="auto"))
    monkeypatch.setattr(tables, "folder", lambda: tmp_path)
    made = page(lambda canvas, *box: reportlab_compat.draw_image(canvas, data, *box))
    kept = page(lambda canvas, *box: reportlab_compat.draw_image(canvas, data, *box))
    assert list(tmp_path.glob("image-*.json"))
    assert made == theirs and kept == theirs
