"""The jobs behind the commands, one module each: what ``briefing build``, ``pack``, ``check``,
``status``, ``slides``, ``preview``, ``new``, ``schema`` and ``--watch`` do. The command line
(:mod:`generator.cli`) parses arguments, calls one function from here and prints the result."""
