"""trust domain."""
