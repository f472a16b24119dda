"""vehicles domain."""
