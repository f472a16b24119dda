"""Admin operations (SPEC §11.1-11.3, API_CONTRACT "Admin"): users, roles, step-up grants, entitlements."""
