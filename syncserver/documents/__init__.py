"""Documents: upload, review, PII marking, replacement, retention, visibility (SPEC §6, D15-D17)."""
