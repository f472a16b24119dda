"""Accounts, sessions and tokens (DECISIONS D1-D3)."""
