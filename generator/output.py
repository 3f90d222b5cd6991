"""Timestamps of outputs: from the input, not the clock (files are written by :mod:`generator.files`)."""

from __future__ import annotations

import calendar
import datetime as dt
import os


def source_epoch(default: dt.date) -> int:
    """``SOURCE_DATE_EPOCH`` if set (reproducible-builds convention), else midnight UTC of ``default``."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return int(given)
    return calendar.timegm(default.timetuple())
