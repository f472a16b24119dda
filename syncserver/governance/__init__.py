"""Governance: organisations and memberships, VIP businesses, entitlements, admin step-up grants (SPEC §11)."""
