"""Local schema versions; file names are timestamp-prefixed."""
