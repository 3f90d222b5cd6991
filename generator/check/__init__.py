"""Editorial review of briefings: what ``briefing check`` reports beyond validation.

Each rule lives in its own module and returns :class:`~.findings.Problem` objects with a stable
code, a severity and the exact file position of what it is about:

- :mod:`.fit`: the body size the page would be set at (BR1xx)
- :mod:`.prose`: reading time, sentence length, readability (BR2xx, BR3xx)
- :mod:`.language`: words that blame or minimise children (BR401)
- :mod:`.theme`: contrast and text size of the theme (BR5xx)
- :mod:`.dates`: review dates (BR6xx); :mod:`.links`: link addresses and labels (BR7xx)
"""
