"""The accessibility report (``briefing accessibility``): what independent checkers find in the
PDFs and web pages of a publication, what only a person can judge, and a draft of the parts of
an accessibility statement that follow from both."""
