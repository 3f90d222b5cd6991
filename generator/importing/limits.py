"""What a document may cost to import, checked before it is read: a small file can unpack to
gigabytes or draw millions of shapes, and the readers (python-docx, pdfplumber) would spend
minutes and gigabytes finding out. Each limit refused says which it is, in plain words.

A Word document is a zip: the sizes its parts declare are checked (zipfile stops reading a part
at its declared size, so a part cannot grow past what was checked). A PDF is opened with qpdf
(pikepdf), which parses objects without drawing anything: its objects are counted, and each
page's content (and the forms it draws) is unpacked with a ceiling and its drawing operations
counted. The reading itself has a time limit.
"""

from __future__ import annotations

import contextlib
import re
import threading
import zlib
from collections.abc import Iterator

from generator.errors import UserError

MAX_PART = 10_000_000  # bytes an XML part of a Word document may unpack to
MAX_UNPACKED = 100_000_000  # bytes all its parts may unpack to (pictures included)
MAX_OBJECTS = 100_000  # objects in a PDF
MAX_CONTENT = 20_000_000  # bytes a PDF page's drawing instructions may unpack to
MAX_OPERATIONS = 200_000  # drawing operations on a PDF page (a page of text has a few thousand)
MAX_SECONDS = 20  # to read a document
# Path-building and painting operators: what a page spends its shapes on.
_DRAWS = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s+Do(?![A-Za-z*])")  # a form or image drawn by name
_DRAWING = re.compile(rb"(?<![A-Za-z*'\"])(?:re|m|l|c|v|y|h|S|s|f|F|f\*|B|B\*|b|b\*|n|W|W\*|Do|sh)(?![A-Za-z*])")


def check_docx(data: bytes, name: str) -> None:
    """Refuse a Word document whose parts unpack to more than the limits."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except zipfile.BadZipFile:
        return  # not a zip at all: the reader says so in its own words
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED:
        raise UserError.at(name, 0, 0, f"this document unpacks to {total / 1e6:,.0f} MB; the most read is "
                                       f"{MAX_UNPACKED // 1_000_000} MB", "a briefing is a page or two: save the "
                                       "briefing alone, with smaller pictures, and import that")
    for member in members:
        if member.filename.lower().endswith((".xml", ".rels")) and member.file_size > MAX_PART:
            raise UserError.at(name, 0, 0, f"its part '{member.filename}' unpacks to {member.file_size / 1e6:,.0f} "
                                           f"MB of text; the most read is {MAX_PART // 1_000_000} MB",
                               "a briefing's text is a few pages: save the briefing alone and import that")


def check_pdf(data: bytes, name: str, pages: int) -> None:
    """Refuse a PDF with more objects, unpacked content or drawing operations than the limits
    (or more than ``pages`` pages), or one that needs a password to open."""
    import io

    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if len(pdf.objects) > MAX_OBJECTS:
                raise UserError.at(name, 0, 0, f"this PDF has {len(pdf.objects):,} objects; the most read is "
                                               f"{MAX_OBJECTS:,}", "save the briefing's page alone as a PDF")
            if len(pdf.pages) > pages:
                raise UserError.at(name, 0, 0, f"this PDF has {len(pdf.pages)} pages; a briefing has one or two",
                                   "import one briefing at a time")
            for number, page in enumerate(pdf.pages, 1):
                size, operations = _content(page.obj, set())
                if size > MAX_CONTENT:
                    raise UserError.at(name, 0, 0, f"page {number} unpacks to more than {MAX_CONTENT // 1_000_000} "
                                                   "MB of drawing instructions; the most read is that",
                                       "save the briefing's page again as a PDF from the program that made it")
                if operations > MAX_OPERATIONS:
                    raise UserError.at(name, 0, 0, f"page {number} draws more than {MAX_OPERATIONS:,} shapes; the "
                                                   "most read is that", "a briefing's page draws a few thousand: save "
                                       "it again as a PDF, or copy its text into a new briefing")
    except UserError:
        raise
    except pikepdf.PasswordError:
        raise UserError.at(name, 0, 0, "this PDF is protected by a password, so its text cannot be read",
                           "open it with its password, remove the password (in Adobe Acrobat: File > Properties > "
                           "Security > No Security), save it, and import it again") from None
    except Exception:  # damaged: the reader says what it can of it
        return


def _content(holder, seen: set, drawn: dict | None = None, stack: frozenset = frozenset()) -> tuple[int, int]:
    """The unpacked size and drawing operations of a page's (or a form's) content, the forms it
    draws counted as often as it draws them: a form drawn a hundred times by a form drawn a
    hundred times costs ten thousand of its shapes (a few kilobytes can draw a million shapes
    that way). Each form's own content is unpacked once; a form that draws itself is refused."""
    import pikepdf

    drawn = {} if drawn is None else drawn
    streams = holder.get("/Contents")
    if streams is None and isinstance(holder, pikepdf.Stream):
        streams = holder
    if streams is None:
        streams = []
    elif not isinstance(streams, pikepdf.Array):
        streams = [streams]
    size = operations = 0
    calls: dict[str, int] = {}
    for stream in streams:
        if not isinstance(stream, pikepdf.Stream):
            continue
        data = _unpacked(stream)
        size += len(data)
        operations += len(_DRAWING.findall(data))
        for name in _DRAWS.findall(data):
            calls[name.decode("latin-1")] = calls.get(name.decode("latin-1"), 0) + 1
        if size > MAX_CONTENT or operations > MAX_OPERATIONS:
            return size, operations
    resources = holder.get("/Resources")
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    if isinstance(xobjects, pikepdf.Dictionary):
        for name, times in calls.items():
            form = xobjects.get("/" + name)
            if not (isinstance(form, pikepdf.Stream) and form.get("/Subtype") == "/Form"):
                continue
            key = form.objgen
            if key in stack:  # a form that draws itself would never end
                return size, MAX_OPERATIONS + 1
            if key not in drawn:
                drawn[key] = _content(form, seen, drawn, stack | {key})
            form_size, form_operations = drawn[key]
            size += form_size if key not in seen else 0
            seen.add(key)
            operations += times * form_operations
            if size > MAX_CONTENT or operations > MAX_OPERATIONS:
                break
    return size, operations


def _unpacked(stream) -> bytes:
    """A stream's bytes unpacked, never past :data:`MAX_CONTENT` (one byte more says it is over)."""
    import pikepdf

    filters = stream.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
    raw = stream.read_raw_bytes()
    if not names:
        return raw[:MAX_CONTENT + 1]
    if names == ["/FlateDecode"] and "/DecodeParms" not in stream:
        inflater = zlib.decompressobj()
        try:
            return inflater.decompress(raw, MAX_CONTENT + 1)
        except zlib.error:
            return b""
    if len(raw) > MAX_CONTENT // 10:  # another filter, over two megabytes packed: too much to unpack safely
        return b"\0" * (MAX_CONTENT + 1)
    try:
        return stream.read_bytes()[:MAX_CONTENT + 1]
    except Exception:  # a filter qpdf cannot undo: the reader will say what it can
        return b""


class TookTooLong(BaseException):
    """Reading a document went past :data:`MAX_SECONDS` (a BaseException, so that no reader's
    ``except Exception`` takes it for a damaged file)."""


def can_interrupt() -> bool:
    """Whether this process can interrupt its own reading (Linux and macOS, in the main thread)."""
    import signal

    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def took_too_long(name: str, seconds: int) -> UserError:
    return UserError.at(name, 0, 0, f"reading this document took more than {seconds} seconds, the most allowed",
                        "save the briefing alone as a new document (or copy its text into a new briefing) and "
                        "import that")


def in_child(function, args: tuple, name: str, seconds: int = MAX_SECONDS):
    """``function(*args)`` in a process of its own, stopped after ``seconds``: where this process
    cannot interrupt itself (Windows, or another thread than the main one)."""
    from generator.pool import context

    receiving, sending = context().Pipe(duplex=False)
    process = context().Process(target=_child, args=(sending, function, args), daemon=True, name="briefing-import")
    process.start()
    sending.close()
    try:
        if not receiving.poll(seconds):
            raise took_too_long(name, seconds)
        try:
            kind, value = receiving.recv()
        except EOFError:
            raise UserError.at(name, 0, 0, "reading this document stopped the reader (it may need more memory than "
                                           "the computer has)", "save the briefing alone as a new document and "
                                           "import that") from None
    finally:
        receiving.close()
        if process.is_alive():
            process.kill()
        process.join(1)
    if kind == "problems":
        raise UserError(value)
    return value


def _child(sending, function, args) -> None:
    from generator.pool import end_with_parent

    end_with_parent()
    try:
        sending.send(("value", function(*args)))
    except UserError as error:
        sending.send(("problems", error.problems))
    sending.close()


@contextlib.contextmanager
def time_limit(name: str, seconds: int = MAX_SECONDS) -> Iterator[None]:
    """Stop reading a document after ``seconds``, with a message that says so (where this
    process can interrupt itself: see :func:`in_child` for where it cannot)."""
    import signal

    if not can_interrupt():
        yield
        return

    def expired(signum, frame):
        raise TookTooLong

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except TookTooLong:
        raise took_too_long(name, seconds) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
