"""Reading existing briefings out of Word documents and PDFs (``briefing import``): a reader per
format (:mod:`.docx`, :mod:`.pdf`) gives paragraphs in reading order, and :mod:`.draft` finds the
briefing in them and writes its YAML."""
