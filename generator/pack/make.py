"""A pack from its briefings' pieces: which briefings it holds and in what order (its tag, its
sort, its languages), its frame (cover, contents, blank pages: cached unless titles, summaries
or dates change), and the one PDF put together from them (:mod:`generator.pack.assembly`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import Problem, UserError


@dataclass
class Item:
    """One briefing as a pack sees it: its file, its facts and (once drawn) its piece."""

    source: Path
    facts: object  # generator.read.briefing.BriefingFacts
    piece: object = None  # generator.pack.pieces.Piece


def choose(items: list[Item], settings, default_language: str, where: tuple[str, int, int]
           ) -> tuple[list[Item], list[str]]:
    """The briefings of a pack in its order: those with its tag, sorted as it asks, and in its
    languages (see :func:`_paired` and :func:`_one_language`). Also the versions in another
    language it leaves out."""
    chosen = [item for item in items if settings.tag is None or settings.tag in item.facts.tags]
    if settings.sort == "title":
        chosen.sort(key=lambda item: item.facts.title.casefold())
    elif settings.sort == "published":
        chosen.sort(key=lambda item: item.facts.published)
    elif settings.sort == "review":
        chosen.sort(key=lambda item: (item.facts.review is None, item.facts.review or dt.date.max))
    left: list[str] = []
    languages = tuple(settings.languages)
    if languages and chosen:
        chosen = _paired(chosen, languages, default_language)
    elif any(item.facts.language for item in chosen):
        chosen, left = _one_language(chosen, default_language)
    if not chosen:
        if settings.tag is not None:
            raise UserError(Problem(*where, f"no briefing has the tag '{settings.tag}'",
                                    "check the spelling, or leave the tag out"))
        raise UserError(Problem(*where, "the pack has no briefings", "add briefings to its folder"))
    return chosen, left


def _language(item: Item, default: str) -> str:
    from generator.read.messages import primary

    return primary(item.facts.language or default)


def _one_language(chosen: list[Item], default: str) -> tuple[list[Item], list[str]]:
    """A pack in one language (the theme's) prints a briefing that has a version in it in that
    version only; the others are named, not printed twice. A briefing with no version in the
    pack's language is printed in the language it has."""
    from generator.read.briefing import split_language
    from generator.read.messages import primary

    own = primary(default)
    present = {split_language(item.facts.id)[0] for item in chosen if _language(item, default) == own}
    kept, left = [], []
    for item in chosen:
        other = _language(item, default) != own
        (left if other and split_language(item.facts.id)[0] in present else kept).append(item)
    return kept, [item.facts.id for item in left]


def _paired(chosen: list[Item], languages: tuple[str, ...], default: str) -> list[Item]:
    """The briefings of a bilingual pack, each in every language of ``languages`` in that order,
    the pairs in the order of their first language's versions (NAME.cy.yaml and NAME.yaml, or
    NAME.en.yaml, are one briefing). A briefing missing a language, or in a language the pack
    does not have, stops the pack: every briefing is published in each language."""
    from generator.read.briefing import split_language
    from generator.read.messages import primary

    wanted = [primary(language) for language in languages]
    groups: dict[str, dict[str, Item]] = {}
    problems: list[Problem] = []
    for item in chosen:
        code = _language(item, default)
        if code not in wanted:
            problems.append(Problem(item.facts.source, 1, 1, f"this briefing is in '{code}', which the pack's "
                                    f"languages ({', '.join(languages)}) do not include",
                                    "set its language: (cy, en ...) or leave it out of the pack"))
            continue
        group = groups.setdefault(split_language(item.facts.id)[0], {})
        if code in group:
            problems.append(Problem(item.facts.source, 1, 1, f"two versions of this briefing are in '{code}': "
                                    f"{group[code].facts.source} and this one",
                                    "name the versions NAME.cy.yaml and NAME.en.yaml, or set their language:"))
            continue
        group[code] = item
    for name, group in groups.items():
        for code in wanted:
            if code not in group:
                some = next(iter(group.values())).facts
                problems.append(Problem(some.source, 1, 1, f"there is no '{code}' version of this briefing "
                                        f"(a bilingual pack has every briefing in {', '.join(languages)})",
                                        f"add {name}.{code}.yaml beside it, or leave the pack's languages out"))
    if problems:
        raise UserError(problems)
    order = sorted(groups.values(), key=lambda group: chosen.index(group[wanted[0]]))
    return [group[code] for group in order for code in wanted]


def refuse_unknown_languages(languages: tuple[str, ...], theme_file, where: tuple[str, int, int]) -> None:
    """Every language of a bilingual pack must have its labels (shipped, or the theme's message files)."""
    from generator.read.messages import SHIPPED, catalogue_language, primary

    known = sorted({*SHIPPED, *(catalogue_language(path, theme_file.blob(path)) for path in theme_file.messages)})
    given = ",".join(languages)

    def place(code: str) -> tuple[str, int, int]:  # on the command line: the code's column in --languages
        return ("--languages", 1, given.index(code) + 1) if where[0] in ("briefing pack", "-o") else where

    problems = [Problem(*place(code), f"there are no labels (Published, Page n of N ...) for the language '{code}'",
                        f"use languages the tool has ({', '.join(known)}), or add a message file for it to the "
                        "theme (messages: [...]; see docs/languages.md)")
                for code in languages if primary(code) not in known]
    if problems:
        raise UserError(problems)


def pack_pdf(chosen: list[Item], settings, theme, theme_key: bytes, cache) -> tuple[bytes, int]:
    """The pack's PDF from its frame (cached unless titles, summaries or dates changed) and the
    briefings' pieces. ``theme()`` gives the loaded theme, asked for only when the frame is
    drawn. Returns the bytes and the page count."""
    from generator.files import source_epoch
    from generator.pack.assembly import Bookmark, assemble
    from generator.pack.frame import Frame

    latest = max(item.facts.published for item in chosen)
    epoch = source_epoch(latest)
    date = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    summaries = [item.facts for item in chosen]
    languages = tuple(settings.languages)
    frame_key = hashlib.sha256(json.dumps([theme_key.hex(), settings.title, settings.record_sheets, settings.duplex,
                                           list(languages), epoch,
                                           [replace(s, headings=(), questions=()).to_data() for s in summaries]],
                                          sort_keys=True).encode()).hexdigest()
    frame = None
    record = cache.record("frames", frame_key)
    if isinstance(record, dict):
        pdf = cache.pdf("frames", frame_key, record.get("digest"))
        try:
            frame = Frame.from_data(pdf, record) if pdf is not None else None
        except (KeyError, TypeError, ValueError):  # not what this tool writes: drawn again
            frame = None
    if frame is None:
        from generator.pack.draw import render_frame  # ReportLab: not loaded when the frame is cached

        frame = render_frame(settings.title, summaries, theme(), record_sheets=settings.record_sheets,
                             duplex=settings.duplex, epoch=epoch, date=date, languages=languages)
        cache.put_record("frames", frame_key, {**frame.to_data(), "digest": cache.put_pdf("frames", frame_key,
                                                                                           frame.pdf)})
    bookmarks = [Bookmark(item.facts.title, tuple((f"{number}. {item.facts.headings[number - 1]}", top)
                                                  for number, top in item.piece.tops)) for item in chosen]
    return assemble(frame, [(item.piece.pdf, item.piece.shared) for item in chosen], bookmarks), len(frame.slots)


def check_title(title: str, theme, where: tuple[str, int, int]) -> None:
    """A pack's title must be drawable in the theme's fonts."""
    missing = theme.fonts.check(title)
    if missing is not None:
        from generator.fonts import describe_char

        column = where[2] if where[0] != "--title" else title.index(missing) + 1
        raise UserError(Problem(where[0], where[1], column,
                                f"no shipped font can draw {describe_char(missing)} in the pack's title",
                                "replace it with a common character"))
