"""Layer 1: the disclosure rules (pure decisions for an as-of date) and redaction."""
