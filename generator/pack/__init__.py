"""A pack put together: each briefing's drawn pages (a piece, :mod:`.pieces`, cached), the pack's
own pages (the frame, :mod:`.frame`) and the assembly of both into one PDF (:mod:`.assembly`).
The job that runs them is :mod:`generator.commands.pack`."""
