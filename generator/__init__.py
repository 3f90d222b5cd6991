"""Turn structured YAML 7 Minute Briefings into branded, accessible one-page PDFs and packs."""

import os

__version__ = "0.1.0"

# The tool uses no pydantic plugins; looking for them scans every installed package's metadata
# at start-up (about 30 ms), so say there are none. An explicit setting by the user still wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
