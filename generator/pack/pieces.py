"""Each briefing's pages for a pack, drawn once and kept in the cache: a *piece*.

A piece is a small tagged PDF of a briefing's page (and its record sheet, when the pack has
them), drawn with shared font subsets so that the pack keeps one copy of each font, and where
each section's box is (for the pack's bookmarks). It does not depend on where the briefing
falls in a pack, so it is kept in the cache (:mod:`generator.cache`) under a key made from the
briefing file's bytes, the theme and the variant (record sheets, a bilingual pack's page
numbers), and drawn again only when one of those changes. What the pack needs to know of the
briefing otherwise (its facts, what its review found) comes from the one review of the run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    """How a briefing's pages look in a pack: with its record sheet, and the languages its page
    numbers are in (a bilingual pack's)."""

    record_sheets: bool = False
    languages: tuple[str, ...] = ()

    def key(self) -> str:
        return ("record-sheet" if self.record_sheets else "page") + "".join(f"\0{code}" for code in self.languages)


@dataclass
class Piece:
    """One briefing's pages for a pack: its drawn PDF, where its sections are, and what its
    fonts, images and forms are (for sharing them in the pack)."""

    pdf: bytes
    tops: tuple[tuple[int, float], ...]  # each section's number and the top of its box
    shared: tuple = ()  # generator.pack.assembly.resource_keys

    def record(self) -> dict:
        """What the cache keeps of it beside its PDF, as JSON data."""
        return {"tops": [list(top) for top in self.tops],
                "shared": [[page, kind, name, key.hex()] for page, kind, name, key in self.shared]}

    @classmethod
    def cached(cls, record, pdf: bytes) -> Piece | None:
        """A piece from its cache record and PDF; None if the record is not one :meth:`record` wrote."""
        try:
            tops = tuple((int(number), float(top)) for number, top in record["tops"])
            shared = tuple((int(page), str(kind), str(name), bytes.fromhex(key))
                           for page, kind, name, key in record["shared"])
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        return cls(pdf, tops, shared)


def draw_piece(review, theme, variant: Variant) -> Piece:
    """A reviewed briefing's pack pages (its page laid out), drawn for ``variant``."""
    from generator.pack.assembly import resource_keys
    from generator.pack.draw import render_piece

    briefing, plan = review.briefing, review.plan
    tops = tuple((section.number, section.box[1] + section.box[3]) for section in plan.sections)
    data = render_piece(review.facts, plan, briefing, theme, record_sheet=variant.record_sheets,
                        version=briefing.version, numbering=variant.languages)
    return Piece(data, tops, resource_keys(data))


def kept_piece(cache, key: str) -> Piece | None:
    """The piece kept under ``key``, if it is what its record says it is."""
    record = cache.record("pieces", key)
    if not isinstance(record, dict):
        return None
    pdf = cache.pdf("pieces", key, record.get("digest"))
    return Piece.cached(record, pdf) if pdf is not None else None


def keep_piece(cache, key: str, piece: Piece) -> None:
    digest = cache.put_pdf("pieces", key, piece.pdf)
    cache.put_record("pieces", key, {**piece.record(), "digest": digest})
