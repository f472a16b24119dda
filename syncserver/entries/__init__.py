"""entries domain."""
