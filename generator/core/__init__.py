"""Layer 0: problems, the clock, dates, text, identifiers, personal-data patterns, the schema and the model."""
