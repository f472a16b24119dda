"""Accounts as records: lookup and creation shared by auth, the CLI and governance."""
