"""The input stage: the only code that opens an input file (YAML with positions, the formats,
validation, briefings, themes, message catalogues)."""
