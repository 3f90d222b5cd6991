"""Building a publication (:mod:`.model`): the one build every command, the watcher and the
editor run.

1. The theme's own findings; a theme that fails contrast stops everything before any briefing
   is read.
2. For each briefing, what is up to date (:mod:`.state`): its review (kept in the cache under the
   digest of its bytes, the theme and the rules), each of its outputs, its pieces for the packs.
3. Each briefing with anything to do is reviewed once, from the bytes the model read, on both
   cores when there are many: the one review (:mod:`generator.check.review`), its dates and its
   language partners, then the one gate (:mod:`generator.check.gate`) on what it may write; its
   outputs are written and its pieces for the packs drawn, from that one review.
4. Each pack is chosen, gated on the same findings and put together from the pieces.
5. A build of the whole publication removes what it wrote before and no longer makes.

Every finding is found once per run, and the result says each once (:class:`Result`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem, UserError, display_path
from generator.pack.pieces import Piece, Variant
from generator.publication.model import Entry, PackPlan, Publication
from generator.publication.state import Manifest, key


@dataclass
class Outcome:
    """What happened to one briefing."""

    source: Path
    output: Path | None = None  # its first output, when it was published
    body_size: float | None = None
    problems: list[Problem] = field(default_factory=list)  # what stopped it (the gate's)
    findings: list[Problem] = field(default_factory=list)  # what the review said that did not stop it
    outputs: list[Path] = field(default_factory=list)
    found: list[Problem] = field(default_factory=list)  # everything the review found
    fresh: bool = True  # its outputs were made now; False: they were up to date
    facts: object = None  # generator.read.briefing.BriefingFacts, when it could be read
    stats: object = None  # generator.check.prose.Stats, when it could be read

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class PackOutcome:
    plan: PackPlan
    problems: list[Problem] = field(default_factory=list)
    up_to_date: bool = False
    included: list[str] = field(default_factory=list)
    other_versions: list[str] = field(default_factory=list)
    pages: int = 0
    size: int = 0
    laid_out: list[str] = field(default_factory=list)  # the briefings whose pages were drawn now (not cached)
    written: list[Path] = field(default_factory=list)


@dataclass
class Result:
    about_theme: list[Problem] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    packs: list[PackOutcome] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    stopped: list[Problem] = field(default_factory=list)  # what stopped the whole run (the theme)

    @property
    def failed(self) -> bool:
        return bool(self.stopped) or any(not o.ok for o in self.outcomes) or any(p.problems for p in self.packs)

    @property
    def findings(self) -> list[Problem]:
        """Everything the review found, each once: the theme's and every briefing's."""
        return [*self.about_theme, *(finding for outcome in self.outcomes for finding in outcome.found)]


# -- the work of one briefing, in a worker ------------------------------------------------------------

@dataclass(frozen=True)
class Task:
    entry: Entry
    extra: tuple[Problem, ...]  # its language pairs' findings
    versions: tuple  # (BriefingFacts, file name of its web page) of its other language versions
    pages: tuple[tuple[str, Path, str], ...]  # (kind, path, key) of each output to write now
    pieces: tuple[tuple[Variant, str], ...]  # (variant, cache key) of each piece to draw
    pack_pages: tuple[tuple[int, tuple[str, ...]], ...]  # (pack number, languages) of its packs' web pages to make
    review_key: str
    output: Path  # the output folder: nothing is written outside it
    strict: bool
    today: dt.date
    rules: tuple[Path, bytes] | None
    dpi: int


@dataclass
class Done:
    path: Path
    kept: Kept  # what the review found (its dates aside)
    found: list[Problem]
    stopping: list[Problem]
    said: list[Problem]
    written: dict[Path, tuple[str, str]]  # path -> (key, digest of the bytes written)
    pieces: dict[str, Piece]  # by cache key
    pack_pages: dict[int, bytes]  # a pack's web page of this briefing, by pack number


def review_bytes(path: Path, data: bytes, theme, rules: tuple[Path, bytes] | None, problems=()):
    """The one review of a briefing from the bytes read once (dates aside: they depend on today)."""
    from generator.check.review import Review, ReviewOptions, as_findings, review_file
    from generator.read.source import decode

    if problems:
        return Review(path, findings=as_findings(list(problems)))
    try:
        text = decode(data, path)
    except UserError as error:
        return Review(path, findings=as_findings(error.problems))
    return review_file(path, theme, ReviewOptions(None, rules), text=text)


@dataclass
class Kept:
    """What the review of a briefing found (its dates aside, which depend on today), as the cache
    keeps it: its findings, body size, facts, figures, and where its dates are."""

    findings: list[Problem]
    body_size: float | None
    facts: object  # generator.read.briefing.BriefingFacts, or None
    places: dict[str, tuple[int, int]]
    stats: object = None  # generator.check.prose.Stats, or None

    @classmethod
    def of(cls, review) -> Kept:
        places = {name: review.briefing.locate((name,)) for name in ("published", "review")} \
            if review.briefing is not None else {}
        return cls(list(review.findings), review.body_size, review.facts, places, review.stats)

    def to_data(self) -> dict:
        stats = self.stats
        return {"findings": [finding.as_dict() for finding in self.findings], "body_size": self.body_size,
                "facts": self.facts.to_data() if self.facts is not None else None,
                "places": {name: list(place) for name, place in self.places.items()},
                "stats": None if stats is None else {"words": stats.words, "minutes": stats.minutes, "sections": [
                    [section.heading, section.words, section.reading_ease] for section in stats.sections]}}

    @classmethod
    def from_data(cls, record, source: str) -> Kept | None:
        """A kept review, or None if it is not of the shape :meth:`to_data` writes."""
        from generator.check.prose import SectionStats, Stats
        from generator.read.briefing import BriefingFacts

        try:
            findings = [Problem(**{**item, "path": source}) for item in record["findings"]]
            if not all(isinstance(getattr(f, name), str) for f in findings for name in ("message", "hint", "code")):
                raise TypeError("findings")
            facts = BriefingFacts.from_data(record["facts"]) if record["facts"] is not None else None
            places = {str(name): (int(line), int(column)) for name, (line, column) in record["places"].items()}
            size = record["body_size"]
            if size is not None and not isinstance(size, int | float):
                raise TypeError("body_size")
            stats = record["stats"]
            if stats is not None:
                stats = Stats(int(stats["words"]), float(stats["minutes"]), tuple(
                    SectionStats(str(heading), int(words), None if ease is None else float(ease))
                    for heading, words, ease in stats["sections"]))
            return cls(findings, size, facts, places, stats)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


def dated(source: str, facts, places: dict, today: dt.date) -> list[Problem]:
    """The date checks, which depend on today, so are never kept."""
    from generator.check.dates import check_dates

    if facts is None or not places:
        return []
    return check_dates(source, facts.published, facts.review, places, today)


def _work(task: Task, theme) -> Done:
    """Review one briefing once and make from that review all that is asked of it."""
    from generator.check.gate import decide

    entry = task.entry
    review = review_bytes(entry.path, entry.data, theme, task.rules, entry.problems)
    kept = Kept.of(review)
    found = sorted([*review.findings, *dated(display_path(entry.path), review.facts, kept.places, task.today),
                    *task.extra])
    decision = decide(found, strict=task.strict)
    done = Done(entry.path, kept, found, decision.stopping, decision.said, {}, {}, {})
    if not decision.publish:
        return done
    try:
        made = _render(review, theme, task)
    except UserError as error:  # what a slide cannot hold, said at its line
        done.stopping = list(error.problems)
        return done
    from generator.files import write_atomic

    for kind, path, made_with in task.pages:
        data = made[kind]
        write_atomic(path, data, within=task.output)
        done.written[path] = (made_with, hashlib.sha256(data).hexdigest())
    if review.plan is not None:
        from generator.pack.pieces import draw_piece

        for variant, cache_key in task.pieces:
            done.pieces[cache_key] = draw_piece(review, theme, variant)
        for number, languages in task.pack_pages:
            from generator.render.html import briefing_html

            done.pack_pages[number] = briefing_html(review.briefing, theme, index_href="index.html",
                                                    versions=list(task.versions) if languages else []
                                                    ).encode("utf-8")
    return done


def _render(review, theme, task: Task) -> dict[str, bytes]:
    """What a reviewed briefing becomes, by kind: its page's PDF, record sheet, slides, web page,
    picture."""
    briefing, plan = review.briefing, review.plan
    kinds = {kind for kind, _, _ in task.pages}
    made: dict[str, bytes] = {}
    page = None
    if kinds & {"pdf", "png"}:
        from generator.render.pdf import page_pdf

        page = page_pdf(plan, briefing, theme)
        made["pdf"] = page
    if "png" in kinds:
        from generator.render.picture import png_pages

        made["png"] = png_pages(page, task.dpi)[0]
    if "record" in kinds:
        from generator.sheets.draw import render_record_sheet

        made["record"] = render_record_sheet(review.facts, theme, briefing.version)
    if "slides" in kinds:
        from generator.layout.slides import plan_deck
        from generator.render.slides import render_deck

        made["slides"] = render_deck(plan_deck(briefing, theme), briefing, theme)
    if "html" in kinds:
        from generator.render.html import briefing_html

        made["html"] = briefing_html(briefing, theme, versions=list(task.versions)).encode("utf-8")
    return made


# -- the build ---------------------------------------------------------------------------------------

def build(publication: Publication, *, progress: Callable[[int], Callable[[], None]] | None = None) -> Result:
    """Build ``publication`` (see the module's text); ``progress(total)`` gives what to call after
    each briefing."""
    from generator.cache import CACHE_FOLDER, Cache, theme_fingerprint
    from generator.check.gate import decide
    from generator.check.review import language_rules, theme_findings
    from generator.pool import prepare, run_many

    result = Result(about_theme=theme_findings(publication.theme))
    stopping = decide(result.about_theme, strict=publication.strict).stopping
    if stopping:
        result.stopped = stopping
        if publication.outputs() or publication.packs:
            return result  # nothing is written with a theme that fails: said before any briefing is read
        # check and status review the briefings all the same, and say everything
    theme_file = publication.theme
    language_rules(theme_file, publication.rules)  # a broken rule file is said once, before any work
    theme_key = theme_fingerprint(theme_file).hex()
    keeps = publication.keeps
    manifest = Manifest(publication.output) if keeps else None
    cache = Cache(publication.output / CACHE_FOLDER) if keeps else None
    entries = _everything(publication)
    loaded: list = []

    def theme():
        if not loaded:
            from generator.read.theme import load_theme

            loaded.append(load_theme(theme_file))
        return loaded[0]

    pairs = _pairs(entries, theme_file)
    rules_digest = hashlib.sha256(publication.rules[1]).hexdigest() if publication.rules else ""
    variants = _variants(publication)
    tasks: list[Task] = []
    outcomes: dict[Path, Outcome] = {}
    pieces: dict[Path, dict[str, Piece]] = {entry.path: {} for entry in entries}
    page_keys: dict[tuple[int, Path], str] = {}  # a pack's web page of a briefing: its key
    for entry in entries:
        extra, versions = pairs.get(entry.path.resolve(), ((), ()))
        review_key = key("review", entry.digest, theme_key, rules_digest, *map(str, entry.problems))
        stored = Kept.from_data(cache.record("reviews", review_key), display_path(entry.path)) if keeps else None
        partners = key(*(f"{facts.id}\0{facts.title}\0{facts.language}\0{href}" for facts, href in versions))
        wanted = []
        if entry in publication.entries:
            for kind, path in publication.page_outputs(entry).items():
                made_with = key(review_key, kind, partners if kind == "html" else "",
                                str(publication.dpi) if kind == "png" else "")
                if stored is None or not manifest.fresh(path, made_with):
                    wanted.append((kind, path, made_with))
        missing = []
        for variant in variants.get(entry.path.resolve(), ()):
            piece_key = key("piece", entry.digest, theme_key, variant.key())
            found = None if stored is None else _kept_piece(cache, piece_key)
            if found is None:
                missing.append((variant, piece_key))
            else:
                pieces[entry.path][piece_key] = found
        pack_pages = []
        for number, plan in enumerate(publication.packs):
            if plan.index is not None and entry in plan.entries:
                languages = tuple(plan.settings.languages)
                made_with = key(review_key, "pack-page", *languages, partners if languages else "")
                page_keys[(number, entry.path)] = made_with
                if stored is None or not manifest.fresh(plan.page(entry), made_with):
                    pack_pages.append((number, languages))
        if stored is not None and not wanted and not missing and not pack_pages:
            outcomes[entry.path] = _kept_outcome(entry, stored, extra, publication)
            continue
        tasks.append(Task(entry, tuple(extra), tuple(versions), tuple(wanted), tuple(missing), tuple(pack_pages),
                          review_key, publication.output, publication.strict, publication.today, publication.rules,
                          publication.dpi))
    tick = progress(len(entries)) if progress else (lambda: None)
    for _ in outcomes:
        tick()
    if tasks:
        prepare(len(tasks))  # the workers' fork server starts while this process loads the theme
    if keeps and not _assets_fresh(publication, manifest, theme_key):
        _write_shared_assets(publication, theme(), manifest, theme_key)
    drawn: set[str] = set()
    made_pages: dict[int, dict[Path, bytes]] = {}
    for task, done in zip(tasks, run_many(_work, tasks, theme(), tick=tick) if tasks else [], strict=True):
        entry = task.entry
        if keeps:
            cache.put_record("reviews", task.review_key, done.kept.to_data())
            for path, (made_with, digest) in done.written.items():
                manifest.wrote(path, made_with, digest)
        for piece_key, piece in done.pieces.items():
            if keeps:
                from generator.pack.pieces import keep_piece

                keep_piece(cache, piece_key, piece)
            pieces[entry.path][piece_key] = piece
            drawn.add(piece_key)
        for number, data in done.pack_pages.items():
            made_pages.setdefault(number, {})[entry.path] = data
        outputs = list(publication.page_outputs(entry).values()) if not done.stopping else []
        outcomes[entry.path] = Outcome(entry.path, outputs[0] if outputs else None, done.kept.body_size,
                                       done.stopping, done.said, outputs, done.found, fresh=bool(task.pages),
                                       facts=done.kept.facts, stats=done.kept.stats)
    result.outcomes = [outcomes[entry.path] for entry in entries]
    for number, plan in enumerate(publication.packs):
        result.packs.append(_pack(number, plan, publication, theme, theme_key, cache, manifest, outcomes, pieces,
                                  drawn, made_pages.get(number, {}), page_keys, result.about_theme))
    if publication.whole and keeps:
        result.removed = _remove_stale(publication, manifest, theme_key)
    if keeps:
        manifest.save()
    return result


def _everything(publication: Publication) -> list[Entry]:
    """Every briefing the publication reads: its own, then those only a pack takes."""
    found = list(publication.entries)
    for plan in publication.packs:
        found += [entry for entry in plan.entries if entry not in found]
    return found


def _variants(publication: Publication) -> dict[Path, list[Variant]]:
    """The pieces each briefing needs, for the packs that take it."""
    found: dict[Path, list[Variant]] = {}
    for plan in publication.packs:
        if "pdf" not in plan.settings.formats:
            continue
        variant = Variant(plan.settings.record_sheets, tuple(plan.settings.languages))
        for entry in plan.entries:
            variants = found.setdefault(entry.path.resolve(), [])
            if variant not in variants:
                variants.append(variant)
    return found


def _kept_piece(cache, piece_key: str) -> Piece | None:
    from generator.pack.pieces import kept_piece

    return kept_piece(cache, piece_key)


def _kept_outcome(entry: Entry, stored: Kept, extra, publication: Publication) -> Outcome:
    """A briefing whose outputs and pieces are all up to date: what its review found (kept), its
    dates checked today, its pairs; the gate decides as if it were built now."""
    from generator.check.gate import decide

    source = display_path(entry.path)
    found = sorted([*stored.findings, *dated(source, stored.facts, stored.places, publication.today), *extra])
    decision = decide(found, strict=publication.strict)
    outputs = list(publication.page_outputs(entry).values()) if decision.publish else []
    return Outcome(entry.path, outputs[0] if outputs else None, stored.body_size, decision.stopping,
                   decision.said, outputs, found, fresh=False, facts=stored.facts, stats=stored.stats)


def _pairs(entries: list[Entry], theme_file) -> dict[Path, tuple[list, list]]:
    """For each briefing with versions in other languages: what the pairs check finds about it
    (BR901-BR904), and its versions' facts and web pages (for the links between them). Only the
    versions are parsed here, from the bytes read once."""
    from generator.check.pairs import check_pairs, pairs
    from generator.read.briefing import BriefingFacts, load_briefing
    from generator.read.source import decode

    groups = pairs([entry.path for entry in entries])
    if not groups:
        return {}
    by_path = {entry.path: entry for entry in entries}
    loaded = {}
    for group in groups:
        for path in group:
            entry = by_path[path]
            try:
                loaded[path] = load_briefing(path, decode(entry.data, path)) if not entry.problems else None
            except UserError:
                loaded[path] = None
    found = check_pairs(loaded, theme_file.settings.language)
    result: dict[Path, tuple[list, list]] = {}
    for group in groups:
        for path in group:
            versions = [(BriefingFacts.of(loaded[other]), f"{other.stem}.html") for other in group
                        if other != path and loaded[other] is not None]
            result[path.resolve()] = (found.get(path.resolve(), []), versions)
    return result


# -- the shared web files ----------------------------------------------------------------------------

def _asset_folders(publication: Publication) -> list[Path]:
    folders = [publication.output] if "html" in publication.formats and publication.entries else []
    folders += [plan.folder for plan in publication.packs if plan.index is not None]
    return list(dict.fromkeys(folders))


def _assets(manifest: Manifest, theme_key: str) -> list[Path]:
    """The shared files written for this theme, as the manifest lists them."""
    return [manifest.folder / name for name, entry in manifest.files.items() if entry["key"] == f"asset:{theme_key}"]


def _assets_fresh(publication: Publication, manifest: Manifest, theme_key: str) -> bool:
    """Whether every folder with web pages has the shared files of this theme, as written."""
    listed = _assets(manifest, theme_key)
    for folder in _asset_folders(publication):
        mine = [path for path in listed if path.parent.parent == folder or path.parent == folder / "assets"]
        if not mine or not all(manifest.fresh(path, f"asset:{theme_key}") for path in mine):
            return False
    return True


def _write_shared_assets(publication: Publication, theme, manifest: Manifest, theme_key: str) -> None:
    """The stylesheet, fonts and logo every web page shares, into each folder that has web pages."""
    from generator.render.html import write_web_assets

    for folder in _asset_folders(publication):
        for path, digest in write_web_assets(theme, folder, within=publication.output).items():
            manifest.wrote(Path(path), f"asset:{theme_key}", digest)


# -- packs -------------------------------------------------------------------------------------------

def _pack(number: int, plan: PackPlan, publication: Publication, theme, theme_key: str, cache,
          manifest: Manifest | None, outcomes: dict[Path, Outcome], pieces: dict[Path, dict[str, Piece]],
          drawn: set[str], pages: dict[Path, bytes], page_keys: dict, about_theme: list[Problem]) -> PackOutcome:
    """Choose, gate and make one pack from the run's reviews and pieces."""
    from generator.check.gate import decide
    from generator.pack.make import Item, choose, pack_pdf

    found = PackOutcome(plan)
    if not plan.entries:  # a new project's pack, with no briefings yet: the build says so
        found.up_to_date = True
        return found
    settings = plan.settings
    variant = Variant(settings.record_sheets, tuple(settings.languages))
    piece_key = {entry.path: key("piece", entry.digest, theme_key, variant.key()) for entry in plan.entries}
    try:
        if any(outcomes[entry.path].facts is None for entry in plan.entries):  # one cannot be read: all of it said
            everything = [finding for entry in plan.entries for finding in outcomes[entry.path].found]
            raise UserError(decide([*about_theme, *everything], strict=publication.strict).stopping)
        items = [Item(entry.path, outcomes[entry.path].facts, pieces[entry.path].get(piece_key[entry.path]))
                 for entry in plan.entries]
        chosen, found.other_versions = choose(items, settings, publication.theme.settings.language, plan.where)
        findings = [*about_theme, *(finding for item in chosen for finding in outcomes[item.source].found)]
        decision = decide(findings, strict=publication.strict)
        if not decision.publish:
            raise UserError(decision.stopping)
    except UserError as error:
        found.problems = list(error.problems)
        return found
    found.included = [item.facts.id for item in chosen]
    found.laid_out = [item.facts.id for item in chosen if piece_key[item.source] in drawn]
    made_with = key("pack", repr(dataclasses.asdict(settings)), theme_key, _epoch(), plan.output.name,
                    *(f"{piece_key[item.source]}\0{item.facts.id}" for item in chosen))
    by_path = {entry.path: entry for entry in plan.entries}
    targets = [(plan.output, made_with)] if "pdf" in settings.formats else []
    if plan.index is not None:
        targets.append((plan.index, made_with))
        targets += [(plan.page(by_path[item.source]), page_keys[(number, item.source)]) for item in chosen]
    if manifest is not None and all(manifest.fresh(path, with_key) for path, with_key in targets):
        found.up_to_date = True
        return found
    from generator.files import write_atomic

    def wrote(path: Path, data: bytes, with_key: str) -> None:
        write_atomic(path, data, within=publication.output)
        if manifest is not None:
            manifest.wrote(path, with_key, hashlib.sha256(data).hexdigest())
        found.written.append(path)

    try:
        if "pdf" in settings.formats:
            from generator.pack.make import check_title

            check_title(settings.title, theme(), ("--title", 1, 1) if plan.where[0] in ("briefing pack", "-o")
                        else plan.where)
            _refuse_non_pdf(plan.output)
            data, found.pages = pack_pdf(chosen, settings, theme, bytes.fromhex(theme_key), cache)
            wrote(plan.output, data, made_with)
            found.size = len(data)
        if plan.index is not None:
            from generator.render.html import index_html

            for item in chosen:
                page, with_key = plan.page(by_path[item.source]), page_keys[(number, item.source)]
                if item.source in pages:
                    wrote(page, pages[item.source], with_key)
            pdf = plan.output.name if "pdf" in settings.formats else None
            text = index_html(settings.title, [item.facts for item in chosen], theme(), pack_pdf=pdf,
                              languages=tuple(settings.languages))
            wrote(plan.index, text.encode("utf-8"), made_with)
    except UserError as error:
        found.problems = list(error.problems)
    return found


def _epoch() -> str:
    import os

    return os.environ.get("SOURCE_DATE_EPOCH", "")


def _refuse_non_pdf(output: Path) -> None:
    """A pack replaces a PDF, never another kind of file (or a folder) that happens to have its name."""
    if not output.exists():
        return
    if not output.is_file():
        raise UserError(Problem(display_path(output), 0, 0, "this is not a file: the pack cannot be written here",
                                "give another output file with -o, such as output/pack.pdf"))
    with open(output, "rb") as handle:
        if handle.read(5) != b"%PDF-":
            raise UserError(Problem(display_path(output), 0, 0, "this file is not a PDF: the pack will not "
                                    "replace it", "give another output file with -o, such as output/pack.pdf"))


def _remove_stale(publication: Publication, manifest: Manifest, theme_key: str) -> list[Path]:
    """What the tool wrote before into the output folder and the publication no longer makes:
    removed, and said."""
    kept = {*publication.outputs(), *_assets(manifest, theme_key)}
    removed = []
    for path in manifest.stale(kept):
        try:
            path.unlink()
        except OSError:
            continue
        manifest.forget(path)
        removed.append(path)
    return removed


def review_draft(publication: Publication, path: Path, text: str, theme) -> tuple[object, list[Problem]]:
    """The one review of a draft not yet saved (the editor's): ``text`` taken as the file's, with
    its language partners as they are, its dates checked today. The review and every finding."""
    from generator.check.review import ReviewOptions, review_file

    draft = Entry(path, text.encode("utf-8"))
    entries = [draft if entry.path.resolve() == path.resolve() else entry for entry in publication.entries]
    if draft not in entries:
        entries.append(draft)
    extra = _pairs(entries, publication.theme).get(path.resolve(), ((), ()))[0]
    review = review_file(path, theme, ReviewOptions(None, publication.rules), text=text)
    places = {name: review.briefing.locate((name,)) for name in ("published", "review")} \
        if review.briefing is not None else {}
    findings = sorted([*review.findings, *dated(display_path(path), review.facts, places, publication.today),
                       *extra])
    return review, findings
