"""Reference pictures: a few built pages compared, by pixels, with pictures committed under
tests/reference/, so that a change of layout is seen by a person, not only measured.

After a deliberate change of layout, look at the new pictures and commit them:

    python -m pytest tests/test_reference_pictures.py --update-references
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from generator.commands.pack import make_pack, pack_settings
from generator.render.picture import png_pages
from tests.conftest import EXAMPLES, PARTNERSHIP_THEME

REFERENCE = Path(__file__).resolve().parent / "reference"
DPI = 50
# Anti-aliasing differs a little between renderer builds: a picture matches when few pixels
# differ visibly. A moved box, a new line or a changed colour changes thousands.
CHANGED_LEVEL = 48  # of 255, in any channel
MOST_CHANGED = 0.002  # of all pixels


def _page(tmp_path: Path) -> bytes:
    from generator.layout.page import plan_page
    from generator.read.briefing import load_briefing
    from generator.read.theme import load_theme
    from generator.render.pdf import page_pdf

    theme = load_theme(PARTNERSHIP_THEME)
    briefing = load_briefing(EXAMPLES / "04-reachable-and-critical-moments.yaml")
    return png_pages(page_pdf(plan_page(briefing, theme), briefing, theme), DPI)[0]


def _pack(tmp_path: Path) -> list[bytes]:
    folder = tmp_path / "briefings"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*.yaml"))[:2]:
        shutil.copy(path, folder / path.name)
    output = tmp_path / "out" / "pack.pdf"
    make_pack([folder], output, PARTNERSHIP_THEME, pack_settings(title="Lessons learned", record_sheets=True))
    pages = png_pages(output.read_bytes(), DPI)
    return [pages[0], pages[1], pages[3]]  # the cover, the contents, a record sheet


def _bilingual_cover(tmp_path: Path) -> bytes:
    welsh = EXAMPLES / "06-information-sharing-and-consent.cy.yaml"
    output = tmp_path / "bilingual" / "pack.pdf"
    make_pack([welsh, EXAMPLES / "06-information-sharing-and-consent.yaml"], output, PARTNERSHIP_THEME,
              pack_settings(title="Gwersi / Lessons learned", languages=("cy", "en")))
    return png_pages(output.read_bytes(), DPI)[0]


def _slide(tmp_path: Path) -> bytes:
    from generator.layout.slides import plan_deck
    from generator.read.briefing import load_briefing
    from generator.read.theme import load_theme
    from generator.render.slides import render_deck

    theme = load_theme(PARTNERSHIP_THEME)
    briefing = load_briefing(EXAMPLES / "04-reachable-and-critical-moments.yaml")
    return png_pages(render_deck(plan_deck(briefing, theme), briefing, theme), DPI)[1]


def _pictures(tmp_path: Path) -> dict[str, bytes]:
    cover, contents, record = _pack(tmp_path)
    return {"briefing-page.png": _page(tmp_path), "pack-cover.png": cover, "pack-contents.png": contents,
            "record-sheet.png": record, "slide.png": _slide(tmp_path),
            "bilingual-cover.png": _bilingual_cover(tmp_path)}


def _difference(made: bytes, reference: bytes) -> float:
    new, old = Image.open(io.BytesIO(made)).convert("RGB"), Image.open(io.BytesIO(reference)).convert("RGB")
    if new.size != old.size:
        return 1.0
    changed = ImageChops.difference(new, old).convert("L").point(lambda v: 255 if v > CHANGED_LEVEL else 0)
    return changed.histogram()[255] / (new.width * new.height)


def test_built_pages_look_like_their_reference_pictures(tmp_path, request):
    made = _pictures(tmp_path)
    if request.config.getoption("--update-references"):
        REFERENCE.mkdir(exist_ok=True)
        for name, data in made.items():
            (REFERENCE / name).write_bytes(data)
        pytest.skip("reference pictures written: look at them before committing")
    different = {}
    for name, data in made.items():
        share = _difference(data, (REFERENCE / name).read_bytes())
        if share > MOST_CHANGED:
            (tmp_path / name).write_bytes(data)
            different[name] = f"{share:.2%} of pixels differ; new picture: {tmp_path / name}"
    assert not different, different


def test_the_comparison_sees_a_small_change(tmp_path):
    picture = Image.open(io.BytesIO((REFERENCE / "briefing-page.png").read_bytes())).convert("RGB")
    moved = Image.new("RGB", picture.size, "white")
    moved.paste(picture, (0, 3))  # everything 3 pixels (1.5 mm) lower
    buffer = io.BytesIO()
    moved.save(buffer, format="PNG")
    assert _difference(buffer.getvalue(), (REFERENCE / "briefing-page.png").read_bytes()) > MOST_CHANGED
