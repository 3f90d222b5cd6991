"""Measuring and fitting: everything that decides sizes and boxes, and nothing that draws.

- :mod:`.text` breaks styled text into lines at a given size and width;
- :mod:`.fit` chooses the one body size for all seven sections and the column split;
- :mod:`.page` turns a briefing and a theme into a :class:`~.plan.PagePlan`;
- :mod:`.plan` holds the plan's data classes, which renderers draw without measuring again.
"""
