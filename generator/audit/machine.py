"""The machine checks of a publication's files, each by an independent checker, and what they
leave to a person.

- PDFs: page-validation (PDF/UA-1, as veraPDF judges it) and outloud (WCAG 2.2 criteria and
  what the tags say), and the facts a person needs to judge the rest (the title and language
  declared, each image's text, passages marked in another language, form fields). A PDF may
  come from anywhere (a board checks documents it did not make), so they are read in a process
  of their own, one file at a time, each with a time limit: a file that takes too long is
  named, and the others are still checked.
- Web pages: axe-core and the contrast of every link, in Chromium
  (:mod:`generator.audit.browser`), and the same facts, read from the page as the browser has
  it.

A checker that is not installed is a check "not run", with the reason and how to install it,
never a pass. The results are data (:class:`FileResult`), for the report to word.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE = 50_000_000  # bytes: a larger file is named, not checked
MAX_OBJECTS = 500_000  # objects in a PDF, counted before its structure is read
MAX_ELEMENTS = 100_000  # structure elements read for a PDF's images and languages
SECONDS_PER_FILE = 60  # for both PDF checkers on one file

PASSED, FAILED, NOT_RUN = "passed", "failed", "not-run"


@dataclass
class Failure:
    """One rule a checker found broken, as the checker says it, and how many times."""

    rule: str
    message: str
    count: int = 1
    criterion: str | None = None  # the WCAG 2.2 success criterion, where the checker names one
    severity: str = "error"


@dataclass
class Check:
    """What one checker found in one file."""

    checker: str  # page-validation, outloud, axe-core, link-contrast
    version: str = ""
    status: str = NOT_RUN
    failures: list[Failure] = field(default_factory=list)
    rules: int = 0  # rules checked (links measured, for link contrast)
    lowest: float | None = None  # link contrast: the lowest ratio measured
    undecided: list[str] = field(default_factory=list)  # WCAG criteria left to a person
    reason: str = ""  # why it was not run: a catalogue message's name
    reason_values: dict = field(default_factory=dict)


@dataclass
class FileResult:
    """One file of the publication: what it declares, what a person needs to see, what was found."""

    path: str
    kind: str  # pdf or html
    title: str | None = None
    language: str | None = None
    pages: int | None = None
    date: str | None = None  # when it was made (ISO), if it says
    form: bool = False  # it has fields to fill in
    images: list[str] = field(default_factory=list)  # each image's text alternative ("" for none)
    marked: dict[str, int] = field(default_factory=dict)  # passages marked in another language, by language
    checks: list[Check] = field(default_factory=list)
    unreadable: str = ""  # why the file could not be read at all

    @property
    def failed(self) -> bool:
        return bool(self.unreadable) or any(check.status == FAILED for check in self.checks)


def version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return ""


def _missing(checker: str, package: str) -> Check:
    return Check(checker, status=NOT_RUN, reason="a11y_missing_package", reason_values={"package": package})


# -- PDFs --------------------------------------------------------------------------------------

def check_pdfs(paths: list[Path], shown: dict[Path, str]) -> list[FileResult]:
    """Every PDF checked in a process of its own, one at a time, each within
    :data:`SECONDS_PER_FILE`; a file that takes longer is named and the rest go on."""
    from generator.pool import context

    results: dict[Path, FileResult] = {}
    pending = list(paths)
    while pending:
        receiving, sending = context().Pipe(duplex=False)
        process = context().Process(target=_pdfs_in_child, args=(sending, pending, shown), daemon=True,
                                    name="briefing-accessibility")
        process.start()
        sending.close()
        try:
            while pending:
                if not receiving.poll(SECONDS_PER_FILE):
                    stuck = pending.pop(0)
                    results[stuck] = FileResult(shown[stuck], "pdf", unreadable="a11y_took_too_long")
                    break
                try:
                    result = receiving.recv()
                except EOFError:  # the process died on this file (out of memory, a crash in a checker)
                    stuck = pending.pop(0)
                    results[stuck] = FileResult(shown[stuck], "pdf", unreadable="a11y_crashed")
                    break
                results[pending.pop(0)] = result
        finally:
            receiving.close()
            if process.is_alive():
                process.kill()
            process.join(5)
    return [results[path] for path in paths]


def _pdfs_in_child(sending, paths: list[Path], shown: dict[Path, str]) -> None:
    from generator.pool import end_with_parent

    end_with_parent()
    for path in paths:
        sending.send(check_pdf(path, shown[path]))
    sending.close()


def check_pdf(path: Path, name: str) -> FileResult:
    """One PDF's facts and both checkers' findings (in this process: see :func:`check_pdfs`)."""
    from generator.errors import UserError
    from generator.files import read_file

    try:
        data = read_file(path, MAX_FILE, what="PDF")
    except UserError:
        return FileResult(name, "pdf", unreadable="a11y_too_large", )
    result = FileResult(name, "pdf")
    problem = _read_facts(data, result)
    if problem:
        result.unreadable = problem
        return result
    result.checks = [_page_validation(data), _outloud(path)]
    return result


def _read_facts(data: bytes, result: FileResult) -> str:
    """The title, language, pages, date, form, images' texts and marked languages of a PDF;
    the name of the message saying why it cannot be read, or ""."""
    import io

    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if len(pdf.objects) > MAX_OBJECTS:
                return "a11y_too_many_objects"
            result.pages = len(pdf.pages)
            root = pdf.Root
            result.language = str(root.get("/Lang")) if "/Lang" in root else None
            with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
                title = meta.get("dc:title")
            info = pdf.docinfo if "/Info" in pdf.trailer else {}
            result.title = str(title or info.get("/Title", "") or "") or None
            result.date = _pdf_date(str(info.get("/CreationDate", "")) if info else "")
            result.form = bool(root.get("/AcroForm") and root.AcroForm.get("/Fields"))
            if "/StructTreeRoot" in root:
                _walk(root.StructTreeRoot, result, result.language)
    except pikepdf.PasswordError:
        return "a11y_encrypted"
    except Exception:  # damaged beyond qpdf's repair: the checkers could say no more
        return "a11y_damaged"
    return ""


def _walk(root, result: FileResult, language: str | None) -> None:
    """Figures' texts and passages in another language, from the structure tree (each element
    once, at most :data:`MAX_ELEMENTS`)."""
    import pikepdf

    seen: set = set()
    stack = [(root, language)]
    while stack and len(seen) < MAX_ELEMENTS:
        element, inherited = stack.pop()
        key = element.objgen if element.is_indirect else id(element)
        if key in seen:
            continue
        seen.add(key)
        own = str(element["/Lang"]) if "/Lang" in element else inherited
        role = str(element.get("/S", ""))
        if role == "/Figure":
            result.images.append(str(element.get("/Alt", "")))
        if own and language and own.lower() != language.lower() and "/Lang" in element:
            result.marked[own] = result.marked.get(own, 0) + 1
        kids = element.get("/K")
        if kids is None:
            continue
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and "/MCID" not in kid and kid.get("/Type") != "/OBJR":
                stack.append((kid, own))


def _pdf_date(text: str) -> str | None:
    """A PDF date (D:20210129...) as an ISO date."""
    digits = text.removeprefix("D:")[:8]
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).isoformat()
    except ValueError:
        return None


def _page_validation(data: bytes) -> Check:
    try:
        import page
    except ImportError:
        return _missing("page-validation", "page-validation")
    check = Check("page-validation", version("page-validation"))
    try:
        report = page.validate_pdf_bytes(data, profile=page.ValidationProfile.PDF_UA_1)
    except page.PageError as error:
        check.status, check.reason, check.reason_values = NOT_RUN, "a11y_checker_refused", {"reason": str(error)}
        return check
    grouped: dict[str, Failure] = {}
    for failure in report.failures:
        found = grouped.get(failure.rule_id)
        if found is None:
            grouped[failure.rule_id] = Failure(failure.rule_id, failure.message)
        else:
            found.count += 1
    check.failures = list(grouped.values())
    check.rules = report.rules.total
    check.status = PASSED if report.is_compliant else FAILED
    return check


def _outloud(path: Path) -> Check:
    try:
        import outloud
    except ImportError:
        return _missing("outloud", "outloud")
    check = Check("outloud", version("outloud"))
    result = outloud.check(str(path)).to_dict()
    if result.get("verdict") == "unreadable":
        check.status, check.reason, check.reason_values = NOT_RUN, "a11y_checker_refused", {
            "reason": str(result.get("error") or "unreadable")}
        return check
    criteria: dict[str, str] = {}
    for row in result.get("criteria", {}).get("wcag22", []):
        for rule in [*row.get("rules", []), *row.get("semantic", [])]:
            criteria.setdefault(rule["id"], row["id"])
        if row.get("status") == "manual":
            check.undecided.append(row["id"])
    for finding in result.get("findings", []):
        if finding["severity"] not in ("error", "warning"):
            continue
        check.failures.append(Failure(finding["rule"], finding["message"], int(finding.get("count", 1)),
                                      criteria.get(finding["rule"]), finding["severity"]))
    check.rules = len(result.get("rules", []))
    check.status = FAILED if check.failures else PASSED
    return check


# -- web pages ---------------------------------------------------------------------------------

_FACTS_SCRIPT = r"""
() => {
  const language = (document.documentElement.getAttribute('lang') || '').trim();
  const marked = {};
  for (const el of document.querySelectorAll('body [lang]')) {
    const lang = el.getAttribute('lang').trim();
    if (lang && lang.toLowerCase() !== language.toLowerCase()) marked[lang] = (marked[lang] || 0) + 1;
  }
  return {title: document.title, language, marked,
          images: [...document.querySelectorAll('img, [role=img], svg[aria-label]')].map(
            el => el.getAttribute('alt') ?? el.getAttribute('aria-label') ?? ''),
          form: document.querySelectorAll('input, select, textarea').length > 0};
}
"""


def check_pages(paths: list[Path], shown: dict[Path, str], within: Path | None = None) -> list[FileResult]:
    """Every web page in Chromium (started only if there are pages): its facts, axe-core's rules
    and each link's contrast, each page with its scripts off and loading nothing from outside
    ``within``. Without a browser, or one that cannot start, the pages are listed with both
    checks not run, and why."""
    from generator.audit import browser

    if not paths:
        return []

    def not_run(reason: str, values: dict) -> list[FileResult]:
        return [FileResult(shown[path], "html", checks=[
            Check("axe-core", status=NOT_RUN, reason=reason, reason_values=values),
            Check("link-contrast", status=NOT_RUN, reason=reason, reason_values=values)]) for path in paths]

    why = browser.available()
    if why is not None:
        reason = "a11y_missing_browser" if "Chromium" in why else "a11y_missing_package"
        return not_run(reason, {} if reason == "a11y_missing_browser" else {"package": "playwright"})
    results = []
    try:
        with browser.launched() as chromium:
            for path in paths:
                results.append(_check_page(chromium, path, shown[path], within))
                for check in results[-1].checks:
                    if check.checker == "link-contrast":
                        check.version = chromium.version
    except Exception as error:  # Chromium would not start (or died): the pages are not checked, and why
        if results:
            raise
        return not_run("a11y_checker_refused", {"reason": f"Chromium could not start: "
                                                          f"{str(error).splitlines()[0][:200]}"})
    return results


def _check_page(chromium, path: Path, name: str, within: Path | None = None) -> FileResult:
    from generator.audit import browser

    result = FileResult(name, "html")
    if path.stat().st_size > MAX_FILE:
        result.unreadable = "a11y_too_large"
        return result
    try:
        with browser.opened(chromium, path, within=within) as page:
            facts = page.evaluate(_FACTS_SCRIPT)
            result.title = facts["title"] or None
            result.language = facts["language"] or None
            result.images, result.marked, result.form = facts["images"], facts["marked"], facts["form"]
            result.checks = [_axe(page), _links(page)]
    except Exception as error:  # Playwright's timeouts and a page that crashed the tab
        result.unreadable = "a11y_page_failed"
        result.checks = [Check("axe-core", status=NOT_RUN, reason="a11y_checker_refused",
                               reason_values={"reason": str(error).splitlines()[0][:200]})]
    return result


def _axe(page) -> Check:
    from generator.audit import browser

    check = Check("axe-core")
    violations, incomplete, passes, check.version = browser.axe(page)
    for violation in violations:
        check.failures.append(Failure(violation["id"], violation["help"], len(violation["nodes"]),
                                      _criterion(violation["tags"]), violation.get("impact") or "error"))
    check.undecided = sorted({criterion for item in incomplete if (criterion := _criterion(item["tags"]))})
    check.rules = passes + len(violations) + len(incomplete)
    check.status = FAILED if violations else PASSED
    return check


def _criterion(tags: list[str]) -> str | None:
    """axe's tag for a WCAG success criterion (wcag143) as its number (1.4.3)."""
    for tag in tags:
        digits = tag.removeprefix("wcag")
        if tag.startswith("wcag") and digits.isdigit() and len(digits) >= 3:
            return f"{digits[0]}.{digits[1]}.{digits[2:]}"
    return None


def _links(page) -> Check:
    from generator.audit import browser

    check = Check("link-contrast")
    measured = browser.link_contrasts(page)
    check.rules = len(measured)
    ratios = [link.ratio for link in measured if link.ratio is not None]
    check.lowest = min(ratios) if ratios else None
    for link in measured:
        if not link.passes:
            message = (f"'{link.text}' ({link.href}): {link.shown}, " +
                       (f"{link.ratio}:1" if link.ratio is not None else "not measurable over an image"))
            check.failures.append(Failure("link-contrast", message, criterion="1.4.3"))
    check.status = FAILED if check.failures else PASSED
    return check
