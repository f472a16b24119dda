"""workshop domain."""
