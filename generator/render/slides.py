"""Drawing a slide deck: each slide a tagged section, in the theme's colours."""

from __future__ import annotations

import io

from generator.files import source_epoch
from generator.layout.slides import HEIGHT, WIDTH, SlidePlan
from generator.read.messages import for_briefing
from generator.render.pdf import PageDrawer, block_lines, briefing_metadata, new_canvas


class SlideDrawer(PageDrawer):
    def slide(self, plan: SlidePlan) -> None:
        canvas = self.canvas
        with self.artifact():
            canvas.setFillColor(self.colours["primary" if plan.kind == "title" else "background"])
            canvas.rect(0, 0, WIDTH, HEIGHT, stroke=0, fill=1)
            canvas.setFillColor(self.colours["accent"])
            canvas.rect(0, 0, WIDTH, 8, stroke=0, fill=1)
            if plan.badge is not None:
                cx, cy, r = plan.badge
                canvas.circle(cx, cy, r, stroke=0, fill=1)
        with self.tags.element("Sect"):
            if plan.kind == "title":
                self.text(plan.heading)
                for block in plan.extra:
                    self.text(block)
                if plan.logo is not None:
                    self.logo(plan.logo_plate, plan.logo, radius=10)
            else:
                if plan.logo is not None:  # the same logo on every slide: decoration after the title slide
                    self.logo(plan.logo_plate, plan.logo, radius=6, decorative=True)
                with self.tags.element("H2"), self.tags.content():
                    if plan.badge is not None:
                        self.badge_number(plan.badge, plan.number, plan.badge[2] * 1.1)
                    self._draw(plan.heading, None)
                self.flow(plan.body)
                for link in plan.links:
                    self.link(link)
            if plan.footer is not None and plan.footer.role != "Artifact":
                self.text(plan.footer)
        if plan.footer is not None and plan.footer.role == "Artifact":
            self.text(plan.footer)
        self.text(plan.brand)


def render_deck(slides: list[SlidePlan], briefing, theme) -> bytes:
    stream = io.BytesIO()
    metadata = briefing_metadata(briefing, theme)
    words = for_briefing(briefing, theme)
    metadata["title"] = words("slides_title", title=briefing.title)
    epoch = source_epoch(briefing.published)
    canvas = new_canvas(stream, (WIDTH, HEIGHT), theme, epoch=epoch, lang=words.language, **metadata)
    drawer = SlideDrawer(canvas, theme)
    for number, plan in enumerate(slides, 1):
        key = f"slide-{number}"
        canvas.bookmarkPage(key, fit="Fit")  # a bookmark per slide, named by its heading
        canvas.addOutlineEntry(" ".join(block_lines(plan.heading)) or f"Slide {number}", key, level=0)
        drawer.slide(plan)
        canvas.showPage()
    canvas.showOutline()
    drawer.tags.finish(epoch=epoch, **metadata)
    canvas.save()
    return stream.getvalue()
