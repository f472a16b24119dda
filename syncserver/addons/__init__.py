"""addons domain."""
