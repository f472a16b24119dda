"""The admin mode (issue #8): entry with TOTP, quarantine review, users and roles, organisations, audit, add-ons."""
