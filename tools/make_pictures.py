"""Make the pictures in docs/ from the example briefings, with the example theme: a built page,
a preview, four slides of a deck side by side, and an impact summary from two filled record
sheets. Run it after a change to how pages look, and look at what it made before committing:

    python tools/make_pictures.py

(docs/editor.png is a screenshot of ``briefing edit`` in Chromium, taken by hand.)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402
from PIL import Image  # noqa: E402
from pypdf import PdfReader, PdfWriter  # noqa: E402

from generator.cli import main  # noqa: E402

THEME = ROOT / "assets" / "north-lincs" / "theme.yaml"
EXAMPLES = ROOT / "briefings"
DOCS = ROOT / "docs"


def run(*args) -> None:
    result = CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(result.output)


def pages(pdf: Path, width: int) -> list[Image.Image]:
    """Every page of ``pdf`` as a picture ``width`` pixels across."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    found = []
    for page in document:
        scale = width / page.get_width()
        found.append(page.render(scale=scale).to_pil().convert("RGB"))
    return found


def save(image: Image.Image, name: str) -> None:
    image.save(DOCS / name, optimize=True)
    print(f"wrote docs/{name} ({image.width} x {image.height})")


def filled_sheets(pack: Path, target: Path) -> Path:
    """Two of the pack's record sheets filled in, as a team would."""
    reader = PdfReader(pack)
    writer = PdfWriter(clone_from=reader)
    teams = [name for name in reader.get_fields() if name.startswith("rs_") and name.endswith("_team")]
    for number, (name, team) in enumerate(zip(teams, ["Early Help North", "Health visitors"], strict=False)):
        version = name.split("_")[1]
        values = {name: team, f"rs_{version}_date": f"2021-02-1{number + 1}", f"rs_{version}_attendees": "8",
                  f"rs_{version}_reflection_1": "We see the same drift in our own cases.",
                  f"rs_{version}_action_1_what": "Audit five open cases",
                  f"rs_{version}_action_1_owner": "Team manager", f"rs_{version}_action_1_when": "March"}
        for page in writer.pages:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.write(target)
    return target


def main_pictures() -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        run("build", EXAMPLES / "04-reachable-and-critical-moments.yaml", EXAMPLES / "03-it-was-hard-to-escape.yaml",
            "-o", out / "pages", "--theme", THEME)
        save(pages(out / "pages" / "04-reachable-and-critical-moments.pdf", 827)[0], "example-page.png")
        save(pages(out / "pages" / "03-it-was-hard-to-escape.pdf", 662)[0], "preview.png")
        run("slides", EXAMPLES / "03-it-was-hard-to-escape.yaml", "-o", out / "slides", "--theme", THEME)
        slides = pages(out / "slides" / "03-it-was-hard-to-escape-slides.pdf", 360)
        chosen = [slides[0], slides[3], slides[5], slides[-1]]
        strip = Image.new("RGB", (sum(s.width for s in chosen) + 8 * (len(chosen) - 1), chosen[0].height), "white")
        x = 0
        for slide in chosen:
            strip.paste(slide, (x, 0))
            x += slide.width + 8
        save(strip, "slides.png")
        run("pack", EXAMPLES, "-o", out / "pack" / "pack.pdf", "--record-sheets", "--theme", THEME)
        filled_sheets(out / "pack" / "pack.pdf", out / "filled.pdf")
        import os

        os.chdir(out)  # as an officer runs it: the summary names the returns as they were given
        run("impact", "filled.pdf", "-o", "impact", "--theme", THEME)
        os.chdir(ROOT)
        save(pages(out / "impact" / "impact.pdf", 497)[0], "impact.png")


if __name__ == "__main__":
    main_pictures()
