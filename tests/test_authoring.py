"""The authoring loop: --watch rebuilds what changed, previews match pages, decks hold every word."""

from __future__ import annotations

import io
import queue
import shutil
import threading
import time

import pytest
from pypdf import PdfReader

from generator.commands.watch import Watcher, watch
from generator.layout.slides import SMALLEST, plan_deck
from generator.publication.model import Request
from generator.read.briefing import load_briefing, reflective_questions
from generator.read.markup import plain_text
from generator.read.messages import for_briefing
from generator.render.slides import render_deck
from tests.conftest import EXAMPLES, PARTNERSHIP_THEME, briefing_yaml
from tests.pdftext import assert_in_order, extract, printed

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


class Watching:
    """Runs the watcher in a thread and hands over each round's result."""

    def __init__(self, folder, out):
        self.rounds: queue.Queue = queue.Queue()
        self.stop = threading.Event()
        watcher = Watcher(Request((folder,), output=out, settings=False))
        self.thread = threading.Thread(target=watch, daemon=True, args=(watcher, self._put),
                                       kwargs={"stop_event": self.stop, "step_ms": 150})
        self.thread.start()

    def _put(self, result):
        self.rounds.put(result)

    def next(self, timeout: float = 20):
        """The next round that did something (a stray event with nothing changed is skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            result = self.rounds.get(timeout=max(0.1, deadline - time.monotonic()))
            if result.rebuilt or result.problems:
                return result

    def close(self):
        self.stop.set()
        self.thread.join(timeout=10)


def test_watch_rebuilds_once_keeps_the_last_good_pdf_and_recovers(tmp_path):
    folder, out = tmp_path / "b", tmp_path / "out"
    folder.mkdir()
    (folder / "one.yaml").write_text(briefing_yaml(title="One"))
    (folder / "two.yaml").write_text(briefing_yaml(title="Two"))
    watching = Watching(folder, out)
    try:
        first = watching.next()
        assert sorted(p.name for p in first.rebuilt) == ["one.yaml", "two.yaml"]
        time.sleep(0.3)
        for attempt in range(3):  # a burst of saves
            (folder / "one.yaml").write_text(briefing_yaml(title=f"One, edit {attempt}"))
            time.sleep(0.02)
        edited = watching.next()
        assert [p.name for p in edited.rebuilt] == ["one.yaml"]  # only what changed, once
        assert "One, edit 2" in extract((out / "one.pdf").read_bytes())[0]
        good = (out / "one.pdf").read_bytes()

        (folder / "one.yaml").write_text("title: [broken\n")
        broken = watching.next()
        assert broken.problems and "is never closed" in broken.problems[0]
        assert (out / "one.pdf").read_bytes() == good
        assert watching.thread.is_alive()

        (folder / "one.yaml").write_text(briefing_yaml(title="One, fixed"))
        fixed = watching.next()
        assert [p.name for p in fixed.rebuilt] == ["one.yaml"] and not fixed.problems
        assert "One, fixed" in extract((out / "one.pdf").read_bytes())[0]
    finally:
        watching.close()
    assert not watching.thread.is_alive()


def test_preview_pictures_are_the_pages_and_made_again_only_when_they_change(tmp_path, cli):
    from PIL import Image

    out = tmp_path / "png"
    source = tmp_path / "b" / "04-reachable-and-critical-moments.yaml"
    source.parent.mkdir()
    shutil.copy(EXAMPLES / source.name, source)
    first = cli("preview", source, "-o", out, "--dpi", "40", "--theme", PARTNERSHIP_THEME)
    assert first.exit_code == 0, first.output
    picture = out / "04-reachable-and-critical-moments.png"
    with Image.open(picture) as image:
        assert image.size == (round(595.276 * 40 / 72), round(841.89 * 40 / 72))
    again = cli("preview", source, "-o", out, "--dpi", "40", "--theme", PARTNERSHIP_THEME)
    assert "up to date" in again.output
    sharper = cli("preview", source, "-o", out, "--dpi", "50", "--theme", PARTNERSHIP_THEME)
    assert "built" in sharper.output  # another resolution is another picture
    with Image.open(picture) as image:
        assert abs(image.size[0] - 595.276 * 50 / 72) < 1


def test_preview_command(cli, tmp_path):
    result = cli("preview", EXAMPLES / "01-panel-annual-report-2018-19.yaml", "-o", tmp_path, "--dpi", "30",
                 "--theme", PARTNERSHIP_THEME)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "01-panel-annual-report-2018-19.png").is_file()


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_makes_a_deck_with_all_its_words_in_order(path, partnership_theme):
    briefing = load_briefing(path)
    slides = plan_deck(briefing, partnership_theme)
    kinds = [slide.kind for slide in slides]
    assert kinds[0] == "title"
    sections = [slide for slide in slides if slide.kind in ("section", "discussion")]
    assert sorted({slide.number for slide in sections}) == list(range(1, 8))
    assert all(slide.body_size >= SMALLEST for slide in sections)
    # one discussion slide: the section holding the questions, not a second copy of them
    assert kinds.count("discussion") == (1 if reflective_questions(briefing) else 0)
    assert [slide.kind for slide in slides if slide.kind not in ("section", "discussion")] == ["title"]
    # every link is on its own section's slide, with its QR code; the logo is on every slide
    for slide in sections:
        assert all(link.qr is not None for link in slide.links)
        own = [link.url for link in briefing.sections[slide.number - 1].links]
        assert all(link.url in own for link in slide.links)
    placed = [link.url for slide in sections for link in slide.links]
    assert placed == [link.url for section in briefing.sections for link in section.links]
    assert all(slide.logo is not None and slide.brand is not None for slide in slides[1:])
    pdf = render_deck(slides, briefing, partnership_theme)
    pages = extract(pdf)
    assert len(pages) == len(slides)
    words = for_briefing(briefing, partnership_theme)
    assert words("seven_minutes") in pages[0] and briefing.title.split()[0] in pages[0]
    expected = []
    for section in briefing.sections:
        expected += [printed(section.heading), *printed(plain_text(section.blocks)).split()]
    assert_in_order("\n".join(pages), expected)
    for number in range(1, 8):
        assert words("minute", n=number) in "\n".join(pages)
    reader = PdfReader(io.BytesIO(pdf))
    assert abs(float(reader.pages[0].mediabox.width) / float(reader.pages[0].mediabox.height) - 16 / 9) < 0.01


def test_decks_are_tagged_and_pass_the_checker(partnership_theme, tmp_path):
    from pdfua.validator import validate

    briefing = load_briefing(EXAMPLES / "04-reachable-and-critical-moments.yaml")
    path = tmp_path / "deck.pdf"
    path.write_bytes(render_deck(plan_deck(briefing, partnership_theme), briefing, partnership_theme))
    report = validate(str(path))
    assert [f.message for o in report.outcomes for f in o.findings] == []
    assert not [o.rule_id for o in report.outcomes if o.skipped_reason]


def test_a_long_section_continues_on_a_second_slide(write, default_theme):
    long = " ".join(f"Sentence number {n} tells the team something they need to know." for n in range(40))
    briefing = load_briefing(write(briefing_yaml().replace("Section 3 says something useful about practice.", long)))
    slides = plan_deck(briefing, default_theme)
    third = [slide for slide in slides if slide.number == 3]
    assert len(third) >= 2
    pages = extract(render_deck(slides, briefing, default_theme))
    text = "\n".join(pages)
    assert "(continued)" in text and "Minute 3 of 7 (part 2)" in text
    assert_in_order(text, long.split())


def test_slides_command(cli, tmp_path):
    result = cli("slides", EXAMPLES / "04-reachable-and-critical-moments.yaml", "-o", tmp_path,
                 "--theme", PARTNERSHIP_THEME)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "04-reachable-and-critical-moments-slides.pdf").is_file()
    shutil.rmtree(tmp_path)


def test_pack_rounds_lay_out_only_what_changed_and_keep_going_after_errors(tmp_path):
    from generator.commands.pack import pack_settings

    folder = tmp_path / "b"
    folder.mkdir()
    for path in EXAMPLE_FILES[:3]:
        shutil.copy(path, folder / path.name)
    output = tmp_path / "out" / "pack.pdf"
    watcher = Watcher(Request((folder,), PARTNERSHIP_THEME, pages=False, packs="one",
                              pack=pack_settings(title="Watched"), pack_file=output, settings=False))
    assert len(watcher.run_once().rebuilt) == 3
    assert watcher.run_once().rebuilt == []  # up to date
    first = folder / EXAMPLE_FILES[0].name
    good = output.read_bytes()
    first.write_text("title: [broken\n")
    broken = watcher.run_once()
    assert broken.problems and output.read_bytes() == good
    shutil.copy(EXAMPLE_FILES[0], first)
    first.write_text(first.read_text().replace("Background", "Background and context", 1))
    fixed = watcher.run_once()
    assert [p.name for p in fixed.rebuilt] == [EXAMPLE_FILES[0].stem]


def test_the_watcher_sees_every_input_of_the_publication(tmp_path):
    """A change to the theme's language rule file (not a briefing, not the theme file) is seen,
    and the next round applies it, as a fresh check would."""
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "one.yaml").write_text(briefing_yaml(body="A plain sentence about practice."))
    theme = tmp_path / "theme" / "theme.yaml"
    theme.parent.mkdir()
    theme.write_text("organisation: A board\ncheck:\n  language_rules: rules.yaml\n")
    rules = theme.parent / "rules.yaml"
    rules.write_text("rules:\n  - id: old\n    phrases: [nothing like this]\n    message: m\n    source: s\n")
    watcher = Watcher(Request((folder,), theme, output=tmp_path / "out", settings=False))
    first = watcher.run_once()
    assert not first.problems and "BR401" not in " ".join(text for _, text in first.said.lines)
    assert watcher.relevant(rules) and watcher.relevant(theme) and watcher.relevant(folder / "new.yaml")
    assert not watcher.relevant(tmp_path / "out" / "one.pdf")
    rules.write_text("rules:\n  - id: plain\n    phrases: [plain sentence]\n    message: m\n    source: s\n"
                     "    severity: error\n")
    second = watcher.run_once()
    assert second.problems and "BR401" in second.problems[0]


def test_many_links_continue_on_a_slide_of_their_own(write, default_theme):
    links = "    links:\n" + "".join(f"      - label: Report number {n}\n        url: https://example.org/{n}\n"
                                    for n in range(9))
    briefing = load_briefing(write(briefing_yaml(links=links)))
    slides = plan_deck(briefing, default_theme)
    seventh = [slide for slide in slides if slide.number == 7]
    assert len(seventh) >= 2
    assert [link.url for slide in seventh for link in slide.links] == [f"https://example.org/{n}" for n in range(9)]
    for slide in seventh:
        for link in slide.links:
            assert link.qr[1] >= 48  # above the foot of the slide


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[path.stem[:20] for path in EXAMPLE_FILES])
def test_every_slide_reads_from_the_back_of_the_room(path, partnership_theme):
    """Nothing under 20 pt on any slide; link captions at 24 pt or more; every QR code at least a
    quarter of the slide high; the body in one of a few sizes, as large as fits."""
    from generator.layout.plan import ListPlan
    from generator.layout.slides import HEIGHT, SIZES

    def blocks(slide):
        for block in [slide.heading, slide.footer, slide.brand, *slide.extra, *slide.body]:
            if isinstance(block, ListPlan):
                yield from (part for item in block.items for part in (item.label, *item.body))
            elif block is not None:
                yield block
        for link in slide.links:
            yield link.label
            yield link.address

    for slide in plan_deck(load_briefing(path), partnership_theme):
        sizes = [block.size for block in blocks(slide) if getattr(block, "size", None)]
        assert min(sizes) >= 20, (slide.kind, slide.number, min(sizes))
        assert all(link.label.size >= 24 and link.qr[2] >= HEIGHT / 4 for link in slide.links)
        if slide.kind != "title":
            assert slide.body_size in SIZES
