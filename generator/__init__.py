"""Turn structured YAML 7 Minute Briefings into branded, accessible one-page PDFs and packs."""

__version__ = "0.1.0"
