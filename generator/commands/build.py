"""``briefing build``: each briefing file to ``<id>.pdf`` (and its web page, and its record sheet),
through the one review and the one gate; one failure does not stop the others."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem, UserError
from generator.files import write_atomic
from generator.read.theme import Theme


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = ("pdf",)  # pdf, html, slides
    strict: bool = False  # warnings stop a briefing too
    record_sheet: bool = False  # its fillable Record of discussion too, NAME-record.pdf
    rules: Path | None = None  # an extra language rule file
    theme_key: str = ""  # with one (the theme's fingerprint), a briefing whose outputs are up to date is
    # not built again (see build_one): what ``briefing build`` alone does for a project


PLAIN = BuildOptions()


@dataclass
class Outcome:
    """What happened to one briefing."""

    source: Path
    output: Path | None = None
    body_size: float | None = None
    problems: list[Problem] = field(default_factory=list)  # what stopped it (the gate's)
    findings: list[Problem] = field(default_factory=list)  # what the review said that did not stop it
    outputs: list[Path] = field(default_factory=list)
    found: list[Problem] = field(default_factory=list)  # everything the review found, as it found it
    fresh: bool = True  # built now; False: its outputs were up to date

    @property
    def ok(self) -> bool:
        return self.output is not None


FORMATS = ("pdf", "html", "slides")


def reviewed(path: Path, theme: Theme, options: BuildOptions, extra: tuple[Problem, ...] = (),
             today: dt.date | None = None):
    """The one review of ``path`` (with ``extra`` findings about it, its language pairs), and the
    one gate's decision on it: what every command that publishes a briefing starts with."""
    from generator.check.gate import decide
    from generator.check.review import ReviewOptions, review_file

    review = review_file(path, theme, ReviewOptions(today or dt.date.today(), options.rules))
    review.findings = sorted([*review.findings, *extra])
    return review, decide(review.findings, strict=options.strict)


def build_one(path: Path, theme: Theme, out_dir: Path, options: BuildOptions = PLAIN,
              extra: tuple[Problem, ...] = (), versions: tuple[Path, ...] = (), key: str | None = None) -> Outcome:
    """Review one briefing and, if the gate lets it through, write it in every format asked for.
    ``versions``: the same briefing in other languages, built beside it: its web page links them.
    With a ``key`` (:func:`_key`), what was built is kept in the cache, for :func:`build_all`."""
    review, decision = reviewed(path, theme, options, extra)
    if not decision.publish:
        return Outcome(path, problems=decision.stopping, findings=decision.said, found=review.findings)
    try:
        outputs = render_outputs(review, theme, out_dir, options, versions)
    except UserError as error:  # what a slide cannot hold, said at its line
        return Outcome(path, problems=error.problems, findings=decision.said, found=review.findings)
    for target, data in outputs.items():
        write_atomic(target, data)
    outcome = Outcome(path, next(iter(outputs)), review.body_size, findings=decision.said, outputs=list(outputs),
                      found=review.findings)
    if key is not None and _key(path, options, extra, versions) == key:  # not changed while it was built
        _keep(out_dir, key, outcome, outputs)
    return outcome


def _key(path: Path, options: BuildOptions, extra: tuple[Problem, ...], versions: tuple[Path, ...]) -> str | None:
    from generator.cache import content_key
    from generator.errors import UserError
    from generator.files import read_file
    from generator.read.source import MAX_BYTES

    try:
        sources = [read_file(file, MAX_BYTES) for file in (path, *versions)]
    except UserError:
        return None  # the review says why
    parts = [options.theme_key, dt.date.today().isoformat(), repr(options.formats), str(options.record_sheet),
             str(options.strict), str(options.rules), repr(sorted(map(str, extra))), *map(str, versions)]
    return content_key(b"\0".join(sources), str(path.resolve()).encode(), *parts)


def _kept(out_dir: Path, key: str) -> Outcome | None:
    """The outcome of an earlier build under ``key``, if every file it wrote is still as written."""
    import hashlib

    from generator.cache import CACHE_FOLDER, Cache

    record = Cache(out_dir / CACHE_FOLDER).record("builds", key)
    if not isinstance(record, dict):
        return None
    try:
        for name, digest in record["outputs"].items():
            target = Path(name)
            if not target.is_file() or hashlib.sha256(target.read_bytes()).hexdigest() != digest:
                return None
        found = [Problem(**item) for item in record["found"]]
        said = [Problem(**item) for item in record["said"]]
        outputs = [Path(name) for name in record["outputs"]]
        return Outcome(Path(record["source"]), outputs[0], record["body_size"], findings=said, outputs=outputs,
                       found=found, fresh=False)
    except (KeyError, TypeError, ValueError, OSError):
        return None


def _keep(out_dir: Path, key: str, outcome: Outcome, outputs: dict[Path, bytes]) -> None:
    import dataclasses
    import hashlib

    from generator.cache import CACHE_FOLDER, Cache

    Cache(out_dir / CACHE_FOLDER).put_record("builds", key, {
        "source": str(outcome.source), "body_size": outcome.body_size,
        "outputs": {str(target.resolve()): hashlib.sha256(data).hexdigest() for target, data in outputs.items()},
        "found": [dataclasses.asdict(problem) for problem in outcome.found],
        "said": [dataclasses.asdict(problem) for problem in outcome.findings]})


def render_outputs(review, theme: Theme, out_dir: Path, options: BuildOptions,
                   versions: tuple[Path, ...] = ()) -> dict[Path, bytes]:
    """What a reviewed briefing becomes, by the file each is written to: its page's PDF, its
    record sheet, its slides, its web page."""
    briefing, plan = review.briefing, review.plan
    outputs: dict[Path, bytes] = {}
    if "pdf" in options.formats:
        from generator.render.pdf import page_pdf

        outputs[out_dir / f"{briefing.id}.pdf"] = page_pdf(plan, briefing, theme)
    if options.record_sheet:
        from generator.sheets.draw import render_record_sheet

        outputs[out_dir / f"{briefing.id}-record.pdf"] = render_record_sheet(review.facts, theme, briefing.version)
    if "slides" in options.formats:
        from generator.layout.slides import plan_deck
        from generator.render.slides import render_deck

        outputs[out_dir / f"{briefing.id}-slides.pdf"] = render_deck(plan_deck(briefing, theme), briefing, theme)
    if "html" in options.formats:
        from generator.errors import UserError
        from generator.read.briefing import BriefingFacts, load_briefing
        from generator.render.html import briefing_html

        others = []
        for other in versions:
            try:
                others.append((BriefingFacts.of(load_briefing(other)), f"{other.stem}.html"))
            except UserError:  # reported when that version is built
                continue
        outputs[out_dir / f"{briefing.id}.html"] = briefing_html(briefing, theme, versions=others).encode("utf-8")
    return outputs


def _build_item(item, theme) -> Outcome:
    path, out_dir, options, extra, versions, key = item
    return build_one(path, theme, out_dir, options, extra, versions, key)


def build_all(paths: list[Path], theme: Theme, out_dir: Path, options: BuildOptions = PLAIN,
              tick=lambda: None) -> tuple[list[Problem], list[Outcome]]:
    """Build every briefing, on both cores when there are enough; ``tick`` after each one. The
    theme's findings come first, and a theme that fails contrast stops them all, as ``check``
    refuses it. Returns the theme's findings and each briefing's outcome.

    With ``options.theme_key``, a briefing built before from the same file, theme, versions and
    options, on the same day (the review's date checks depend on it), whose outputs are still
    the files written then, is not built again (found here, before any worker is started): what
    the review found then is said again."""
    from generator.check.gate import refuse_failing_theme
    from generator.check.pairs import partners
    from generator.check.review import pair_findings, theme_findings
    from generator.pool import run_many

    about_theme = theme_findings(theme)
    refuse_failing_theme(about_theme, strict=options.strict)
    if "html" in options.formats:
        from generator.render.html import write_web_assets

        write_web_assets(theme, out_dir)  # the stylesheet, fonts and logo every page shares
    versions = partners(paths)
    paired = pair_findings(paths, theme)
    items = []
    kept: dict[Path, Outcome] = {}
    for path in paths:
        extra, others = tuple(paired.get(path.resolve(), ())), versions.get(path, ())
        key = _key(path, options, extra, others) if options.theme_key else None
        found = _kept(out_dir, key) if key else None
        if found is not None:
            kept[path] = found
            tick()
        else:
            items.append((path, out_dir, options, extra, others, key))
    built = iter(run_many(_build_item, items, theme, tick=tick))
    return about_theme, [kept[path] if path in kept else next(built) for path in paths]
