"""desktop.store layer (see docs/architecture.md)."""
