"""Regenerate the static Noto Sans fallback faces in fonts/ (a maintainer's tool, not run at build time).

ReportLab reads only the default instance of a variable font, so the fallback is shipped as
four static instances made with fontTools from the variable fonts in the PyPI package
``fontpkg-noto-sans`` and subset to Latin, Greek, Cyrillic and common punctuation, which keeps
the repository small. Noto's OFL declares no Reserved Font Name, so the instances keep the name.

    pip install fontpkg-noto-sans fonttools && python tools/make_fallback_fonts.py
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

UNICODES = (
    list(range(0x20, 0x7F))
    + list(range(0xA0, 0x250))  # Latin-1, Latin Extended-A and -B
    + list(range(0x250, 0x2B0))  # IPA extensions (used in Welsh and Polish dictionaries)
    + list(range(0x2B0, 0x370))  # modifier letters, combining marks
    + list(range(0x370, 0x400))  # Greek
    + list(range(0x400, 0x530))  # Cyrillic
    + list(range(0x1E00, 0x1F00))  # Latin Extended Additional (Welsh ẁ ẃ ẅ ỳ)
    + list(range(0x2000, 0x2070))  # general punctuation
    + list(range(0x20A0, 0x20C1))  # currency
    + list(range(0x2100, 0x2200))  # letterlike symbols, number forms
    + list(range(0x2190, 0x2200))  # arrows
    + [0x2212, 0x2264, 0x2265, 0x2260, 0x2248, 0x221E, 0x25CF, 0x25E6, 0x2713, 0xFB01, 0xFB02]
)

FACES = {
    "NotoSans-Regular.ttf": ("NotoSans[wdth,wght].ttf", 400),
    "NotoSans-Bold.ttf": ("NotoSans[wdth,wght].ttf", 700),
    "NotoSans-Italic.ttf": ("NotoSans-Italic[wdth,wght].ttf", 400),
    "NotoSans-BoldItalic.ttf": ("NotoSans-Italic[wdth,wght].ttf", 700),
}


def main() -> None:
    source = files("fontpkg_noto_sans") / "files"
    out = Path(__file__).resolve().parent.parent / "fonts"
    for target, (variable, weight) in FACES.items():
        font = TTFont(str(source / variable))
        static = instancer.instantiateVariableFont(font, {"wght": weight, "wdth": 100})
        options = subset.Options()
        options.layout_features = ["kern", "liga", "ccmp", "locl", "mark", "mkmk"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=UNICODES)
        subsetter.subset(static)
        static.save(str(out / target))
        print(out / target)


if __name__ == "__main__":
    main()
