"""Web pages judged in a real browser: the system's Chromium, driven by Playwright (both
optional: ``pip install ".[accessibility]"`` and Debian's ``chromium``; nothing is downloaded).

Two measures: axe-core's WCAG 2.2 rules, and the contrast of every link against what it is
actually drawn on. axe leaves a link over a coloured band "incomplete" when anything overlaps
it (a logo floating nearby), and a link the same colour as its band passed unseen that way; so
each link's colour is taken from the browser's computed style and its background from what
the browser paints beneath the middle of each of its lines (``elementsFromPoint``), layer by
layer, transparent colours blended. A background image under a link cannot be measured and is
said so, never passed.

The browser may load only the files of the publication being checked: every other request
(the network, other folders) is refused, so a hostile page cannot reach out, and nothing is
fetched at run time. The files are handed to the browser by this module, each HTML one with a
Content-Security-Policy that forbids scripts: a page's own script never runs, so it can neither
hang the report (a loop in a timer) nor pass its own checks (by defining ``window.axe`` or
hiding its links from them). The checks are run by Playwright from outside the page, which that
policy does not stop.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LINK_CONTRAST = 4.5  # WCAG 1.4.3 (AA) for normal text; links are held to it at any size

_LINKS_SCRIPT = r"""
() => {
  const parse = (text) => {
    const found = text.match(/rgba?\(([^)]*)\)/);
    if (!found) return null;
    const parts = found[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const shownText = (el) => (el.innerText || el.textContent || el.getAttribute('aria-label') || '').trim();
  const results = [];
  for (const link of document.querySelectorAll('a[href]')) {
    const style = getComputedStyle(link);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    link.scrollIntoView({block: 'center', inline: 'center'});
    const rects = [...link.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    if (!rects.length) continue;
    const colour = parse(style.color);
    for (const rect of rects) {
      const x = rect.left + rect.width / 2, y = rect.top + rect.height / 2;
      const stack = document.elementsFromPoint(x, y);
      let start = stack.findIndex(el => el === link || link.contains(el));
      if (start < 0) start = 0;
      const layers = [];
      let image = null;
      for (const el of stack.slice(start)) {
        const s = getComputedStyle(el);
        if (s.backgroundImage && s.backgroundImage !== 'none') { image = s.backgroundImage.slice(0, 80); break; }
        const bg = parse(s.backgroundColor);
        if (bg && bg[3] > 0) { layers.push(bg); if (bg[3] >= 1) break; }
      }
      let background = [255, 255, 255, 1];
      for (let i = layers.length - 1; i >= 0; i--) background = over(layers[i], background);
      results.push({text: shownText(link), href: link.getAttribute('href'),
                    colour: colour ? over(colour, background) : null, background, image});
    }
  }
  return results;
}
"""


@dataclass(frozen=True)
class LinkContrast:
    """One line of one link: its words, its address, the colours measured and their contrast."""

    text: str
    href: str
    colour: tuple[int, int, int] | None
    background: tuple[int, int, int]
    ratio: float | None  # None: drawn over an image, which cannot be measured
    image: str | None = None

    @property
    def passes(self) -> bool:
        return self.ratio is not None and self.ratio >= LINK_CONTRAST - 0.005

    @property
    def shown(self) -> str:
        def hex_of(rgb) -> str:
            red, green, blue = (round(value) for value in rgb[:3])
            return f"#{red:02X}{green:02X}{blue:02X}"

        colour = hex_of(self.colour) if self.colour else "?"
        return f"{colour} on {hex_of(self.background)}" if self.image is None else f"{colour} on an image"


def chromium() -> str | None:
    """The system Chromium, if there is one."""
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def available() -> str | None:
    """Why pages cannot be judged in a browser here, in plain words; None if they can."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install \".[accessibility]\")"
    if chromium() is None:
        return "no Chromium is installed (on Debian or Ubuntu: apt-get install chromium)"
    return None


@contextlib.contextmanager
def launched() -> Iterator[object]:
    """Chromium, started for the checks and stopped after them however they end."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    if executable is None:
        raise RuntimeError(available() or "no Chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        try:
            yield browser
        finally:
            browser.close()


NO_SCRIPTS = "script-src 'none'; object-src 'none'; worker-src 'none'; base-uri 'none'"
MAX_SERVED = 50_000_000  # bytes: a larger file is not handed to the browser
SECONDS_PER_PAGE = 20


@contextlib.contextmanager
def opened(browser, path: Path, width: int = 1280, within: Path | None = None) -> Iterator[object]:
    """A page showing the file at ``path``, with its scripts off, allowed to load files from
    ``within`` (default: its own folder) only, and nothing through a link out of it."""
    import mimetypes

    folder = (within or path.parent).resolve()
    page = browser.new_page(viewport={"width": width, "height": 900})

    def route(request_route) -> None:
        from urllib.parse import unquote, urlsplit

        from generator.files import read_cached

        url = request_route.request.url
        if url.startswith("file://"):
            target = Path(unquote(urlsplit(url).path))
            real = target.resolve()
            data = read_cached(real, MAX_SERVED) if real.is_relative_to(folder) else None
            if data is not None:
                kind = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
                headers = {"content-type": kind + ("; charset=utf-8" if kind.startswith("text/") else ""),
                           "content-security-policy": NO_SCRIPTS}
                request_route.fulfill(status=200, body=data, headers=headers)
                return
        request_route.abort()

    try:
        page.route("**/*", route)
        page.set_default_timeout(SECONDS_PER_PAGE * 1000)
        page.goto(path.absolute().as_uri(), wait_until="load")
        yield page
    finally:
        page.close()


def link_contrasts(page) -> list[LinkContrast]:
    """Every line of every link on the page, measured."""
    from generator.colour import contrast

    found = []
    for item in page.evaluate(_LINKS_SCRIPT):
        colour = tuple(round(value) for value in item["colour"][:3]) if item["colour"] else None
        background = tuple(round(value) for value in item["background"][:3])
        ratio = None
        if colour is not None and item["image"] is None:
            ratio = round(contrast(_hex(colour), _hex(background)), 2)
        found.append(LinkContrast(" ".join(item["text"].split()), item["href"] or "", colour, background, ratio,
                                  item["image"]))
    return found


def axe(page) -> tuple[list[dict], list[dict], int, str]:
    """axe-core's WCAG 2.0 to 2.2 A and AA rules and its best practices on the page: the
    violations, the rules it could not decide, how many rules passed, and axe-core's version."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
    response = results.response
    return (response["violations"], response["incomplete"], len(response["passes"]),
            str(response.get("testEngine", {}).get("version", "")))


def _hex(rgb) -> str:
    red, green, blue = (max(0, min(255, round(value))) for value in rgb)
    return f"#{red:02X}{green:02X}{blue:02X}"
