"""Draw the example partnership's logo mark (assets/north-lincs/logo.png): an original, simple mark.

A roof-shaped arc sheltering three figures of different heights (a family), in the theme's
colours. Drawn at 4x and reduced, for smooth edges. Run: python tools/make_logo.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

PRIMARY = (59, 31, 94)
ACCENT = (14, 124, 102)
SIZE = 512


def main() -> None:
    scale = 4
    side = SIZE * scale
    image = Image.new("RGBA", (side, side), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    s = side / 100
    # the sheltering roof: a thick chevron
    draw.line([(12 * s, 50 * s), (50 * s, 14 * s), (88 * s, 50 * s)], fill=PRIMARY, width=int(10 * s),
              joint="curve")
    for cx, top, radius, colour in ((33, 52, 6.5, ACCENT), (50, 44, 7.5, PRIMARY), (66, 58, 5.5, ACCENT)):
        draw.ellipse([(cx - radius) * s, top * s, (cx + radius) * s, (top + 2 * radius) * s], fill=colour)
        body_top = top + 2 * radius + 2
        draw.rounded_rectangle([(cx - radius * 1.25) * s, body_top * s, (cx + radius * 1.25) * s, 88 * s],
                               radius=radius * s, fill=colour)
    draw.rounded_rectangle([10 * s, 88 * s, 90 * s, 93 * s], radius=2 * s, fill=PRIMARY)
    out = Path(__file__).resolve().parent.parent / "assets" / "north-lincs" / "logo.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    image.resize((SIZE, SIZE), Image.LANCZOS).save(out, optimize=True)
    print(out)


if __name__ == "__main__":
    main()
