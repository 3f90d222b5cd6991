"""The facts of the formats that the command line and every layer share, declared once: how many
sections a briefing has, what a language tag looks like, what a briefing and a pack can become,
the orders a pack may take, how long a title may be, which link schemes are allowed. The formats
(:mod:`generator.read.spec`) are declared with them; the command line reads them from here, which
imports nothing, so ``briefing --help`` stays quick."""

SECTION_COUNT = 7
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
TITLE_LENGTH = 120  # a briefing's or a pack's title, at most
PAGE_FORMATS = ("pdf", "html")  # what a briefing's page becomes (slides and record sheets are set apart)
PACK_FORMATS = ("pdf", "html")  # a pack as a PDF, and with html its index and web pages
SORT_KEYS = ("published", "title", "review")  # the orders a pack may take
ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
