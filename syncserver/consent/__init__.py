"""Terms and privacy consent (D4, SPEC §3.7) and the gate used by product routes."""
